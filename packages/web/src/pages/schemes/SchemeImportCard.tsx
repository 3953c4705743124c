/**
 * Importing a scheme (or a new version of one, by its code) from a YAML or JSON file or pasted text. A refused
 * text comes back with its problems located by line and column: they are listed beside the text, the lines marked.
 * (Schemes are not imported from Excel: the server reads only the engine's YAML/JSON format.)
 */
import { InboxOutlined } from "@ant-design/icons";
import {
  Alert,
  Button,
  Card,
  Col,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Typography,
  Upload,
} from "antd";
import { useMemo, useState } from "react";
import { Link } from "react-router";
import { api, call } from "../../api/client.js";
import { ApiError } from "../../api/errors.js";
import { useApi } from "../../api/use-api.js";
import { organisedOf } from "../../auth/roles.js";
import { useSignedIn } from "../../auth/session.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import { formatOfFile, type LocatedProblem, locatedProblems } from "./located-problems.js";
import SourceView from "./SourceView.js";
import type { SchemeVersion } from "./scheme-types.js";

interface ImportForm {
  ownerId: string;
  format: "yaml" | "json";
  label?: string;
  source: string;
}

interface Refusal {
  source: string;
  problems: LocatedProblem[];
}

export default function SchemeImportCard({ onImported, onClose }: { onImported(): void; onClose(): void }) {
  const { t } = useI18n();
  const session = useSignedIn();
  const [form] = Form.useForm<ImportForm>();
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [focus, setFocus] = useState<number | null>(null);
  const [imported, setImported] = useState<SchemeVersion | null>(null);

  const organisations = useApi(
    () => call(api.GET("/api/v1/organisations", { params: { query: { limit: 500 } } })),
    [],
  );
  const owners = useMemo(
    () => organisedOf(session, organisations.data?.items ?? []),
    [organisations.data, session],
  );
  const defaultOwner = owners[0]?.id;

  async function submit(values: ImportForm) {
    setSending(true);
    setFailure(null);
    setRefusal(null);
    setImported(null);
    try {
      const label = values.label?.trim();
      const version = await call(
        api.POST("/api/v1/schemes", {
          body: {
            ownerId: values.ownerId,
            format: values.format,
            source: values.source,
            ...(label ? { label } : {}),
          },
        }),
      );
      setImported(version);
      onImported();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const problems = locatedProblems(error.details);
      if (problems.length > 0) {
        setRefusal({ source: values.source, problems });
        setFocus(problems.find((p) => p.line !== null)?.line ?? null);
      }
      const fields = error.fieldErrors();
      form.setFields(
        Object.entries(fields).map(([name, errors]) => ({ name: name as keyof ImportForm, errors })),
      );
      if (problems.length === 0 && Object.keys(fields).length === 0) setFailure(error);
    } finally {
      setSending(false);
    }
  }

  const marked = useMemo(
    () => new Set((refusal?.problems ?? []).flatMap((p) => (p.line === null ? [] : [p.line]))),
    [refusal],
  );

  return (
    <Card
      size="small"
      title={t("scheme.import.title")}
      extra={
        <Button size="small" onClick={onClose}>
          {t("scheme.import.close")}
        </Button>
      }
    >
      <Space direction="vertical" size={16} style={{ width: "100%" }}>
        <Typography.Text type="secondary">{t("scheme.import.hint")}</Typography.Text>
        {organisations.error !== undefined && (
          <ApiErrorAlert error={organisations.error} onRetry={organisations.reload} />
        )}
        {defaultOwner !== undefined && (
          <Form<ImportForm>
            form={form}
            layout="vertical"
            initialValues={{ ownerId: defaultOwner, format: "yaml" }}
            onFinish={submit}
          >
            <Row gutter={16}>
              <Col span={10}>
                <Form.Item
                  name="ownerId"
                  label={t("scheme.import.owner")}
                  rules={[{ required: true, message: t("scheme.import.ownerRequired") }]}
                >
                  <Select
                    showSearch
                    optionFilterProp="label"
                    options={owners.map((o) => ({ value: o.id, label: o.name }))}
                  />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name="format" label={t("scheme.import.format")}>
                  <Radio.Group
                    optionType="button"
                    options={[
                      { value: "yaml", label: "YAML" },
                      { value: "json", label: "JSON" },
                    ]}
                  />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item
                  name="label"
                  label={t("scheme.import.label")}
                  tooltip={t("scheme.import.labelHint")}
                  rules={[{ max: 40, message: t("scheme.import.labelTooLong") }]}
                >
                  <Input placeholder={t("scheme.import.labelPlaceholder")} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item label={t("scheme.import.file")}>
              <Upload.Dragger
                accept=".yaml,.yml,.json"
                maxCount={1}
                showUploadList={false}
                beforeUpload={async (file) => {
                  const text = await file.text();
                  form.setFieldsValue({ source: text, format: formatOfFile(file.name) });
                  form.setFields([{ name: "source", errors: [] }]);
                  setRefusal(null);
                  return Upload.LIST_IGNORE;
                }}
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p className="ant-upload-text">{t("scheme.import.drop")}</p>
              </Upload.Dragger>
            </Form.Item>
            <Form.Item
              name="source"
              label={t("scheme.import.source")}
              rules={[{ required: true, whitespace: true, message: t("scheme.import.sourceRequired") }]}
            >
              <Input.TextArea
                rows={10}
                spellCheck={false}
                placeholder={t("scheme.import.sourcePlaceholder")}
                style={{
                  fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
                  fontSize: 12,
                }}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={sending}>
              {t("scheme.import.submit")}
            </Button>
          </Form>
        )}
        {!organisations.loading && organisations.error === undefined && defaultOwner === undefined && (
          <Alert type="info" showIcon title={t("scheme.import.noOwner")} />
        )}
        {failure !== null && <ApiErrorAlert error={failure} />}
        {imported !== null && (
          <Alert
            type="success"
            showIcon
            title={t("scheme.import.done", {
              name: imported.schemeName,
              label: imported.label,
              count: String(imported.indicators.length),
            })}
            action={
              <Link to={`/schemes/${imported.schemeId}?version=${imported.id}`}>
                {t("scheme.import.open")}
              </Link>
            }
          />
        )}
        {refusal !== null && (
          <>
            <Alert
              type="error"
              showIcon
              title={t("scheme.import.refused", { count: String(refusal.problems.length) })}
            />
            <Row gutter={16}>
              <Col span={12}>
                <Table<LocatedProblem>
                  size="small"
                  rowKey={(p) => `${p.line}:${p.column}:${p.path}:${p.message}`}
                  dataSource={refusal.problems}
                  pagination={false}
                  scroll={{ y: 380 }}
                  aria-label={t("scheme.import.problems")}
                  onRow={(p) => ({ onClick: () => setFocus(p.line), style: { cursor: "pointer" } })}
                  columns={[
                    {
                      title: t("scheme.import.line"),
                      dataIndex: "line",
                      width: 70,
                      render: (line: number | null) =>
                        line === null ? "—" : t("scheme.import.lineNo", { line }),
                    },
                    {
                      title: t("scheme.import.column"),
                      dataIndex: "column",
                      width: 56,
                      render: (column: number | null) => column ?? "—",
                    },
                    {
                      title: t("scheme.import.problem"),
                      key: "message",
                      render: (_, p) => (
                        <Space direction="vertical" size={0}>
                          <span>{p.message}</span>
                          {p.path !== "" && (
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                              {p.path}
                            </Typography.Text>
                          )}
                        </Space>
                      ),
                    },
                  ]}
                />
              </Col>
              <Col span={12}>
                <SourceView
                  source={refusal.source}
                  marked={marked}
                  focus={focus}
                  label={t("scheme.import.sourceMarked")}
                />
              </Col>
            </Row>
          </>
        )}
      </Space>
    </Card>
  );
}
