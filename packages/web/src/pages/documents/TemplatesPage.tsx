/**
 * 文书模板: an organiser's own Word templates. Each document kind shows whether the organisation's campaigns print
 * in the official default or in its template; a template is uploaded (checked by the server, which names any
 * placeholder at fault), replaced or removed, and its placeholders are listed with a starter template to begin from.
 */
import { FileWordOutlined, UploadOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Popconfirm, Select, Space, Table, Tag, Typography, Upload } from "antd";
import { useState } from "react";
import { api, call } from "../../api/client.js";
import { ApiError, type ErrorDetail, errorText } from "../../api/errors.js";
import type { DocumentKind, DocumentTemplate } from "../../api/types.js";
import { uploadFile } from "../../api/upload-file.js";
import { useApi } from "../../api/use-api.js";
import { useSignedIn } from "../../auth/session.js";
import { formatDateTime } from "../../format.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import { PageSpinner } from "../../layout/PageSpinner.js";
import { DownloadButton } from "./DownloadButton.js";
import { links } from "./links.js";
import { ProblemsTable } from "./ProblemsTable.js";
import { placeholderRows } from "./placeholder-rows.js";

const DOCX = ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document";

function Placeholders({ kind }: { kind: DocumentKind }) {
  const { t } = useI18n();
  return (
    <Table
      size="small"
      rowKey="path"
      pagination={false}
      dataSource={placeholderRows(kind)}
      columns={[
        {
          title: t("documents.placeholder"),
          key: "tag",
          width: 320,
          render: (_, row) => (
            <Typography.Text code copyable style={{ marginLeft: row.depth * 20 }}>
              {row.tag}
            </Typography.Text>
          ),
        },
        {
          title: t("documents.placeholderType"),
          dataIndex: "type",
          width: 140,
          render: (type: string) => t(`documents.type.${type as "text"}`),
        },
        { title: t("documents.placeholderMeaning"), dataIndex: "description" },
      ]}
    />
  );
}

function OrganisationTemplates({ organisationId }: { organisationId: string }) {
  const { t, lang } = useI18n();
  const { csrfToken } = useSignedIn();
  const { message } = App.useApp();
  const [refused, setRefused] = useState<{ kind: string; details: ErrorDetail[] } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const loaded = useApi(async () => {
    const [kinds, templates] = await Promise.all([
      call(api.GET("/api/v1/document-kinds")),
      call(
        api.GET("/api/v1/organisations/{organisationId}/document-templates", {
          params: { path: { organisationId } },
        }),
      ),
    ]);
    return { kinds, templates };
  }, [organisationId]);
  if (loaded.error !== undefined) return <ApiErrorAlert error={loaded.error} onRetry={loaded.reload} />;
  if (loaded.data === undefined) return <PageSpinner />;
  const { kinds, templates } = loaded.data;
  const current = (kind: DocumentKind): DocumentTemplate | undefined =>
    templates.find((x) => x.kind === kind.code);

  const upload = async (kind: DocumentKind, file: File) => {
    setBusy(kind.code);
    setRefused(null);
    try {
      await uploadFile<DocumentTemplate>({
        url: links.template(organisationId, kind.code),
        method: "PUT",
        file,
        csrfToken,
      }).done;
      message.success(t("documents.templateSaved", { kind: kind[lang] }));
      loaded.reload();
    } catch (e) {
      if (e instanceof ApiError && e.details.length > 0) setRefused({ kind: kind.code, details: e.details });
      else message.error(errorText(e, lang));
    } finally {
      setBusy(null);
    }
  };

  const remove = async (kind: DocumentKind) => {
    try {
      await call(
        api.DELETE("/api/v1/organisations/{organisationId}/document-templates/{kind}", {
          params: { path: { organisationId, kind: kind.code } },
        }),
      );
      message.success(t("documents.templateDeleted", { kind: kind[lang] }));
      loaded.reload();
    } catch (e) {
      message.error(errorText(e, lang));
    }
  };

  return (
    <Table<DocumentKind>
      size="small"
      rowKey="code"
      pagination={false}
      dataSource={kinds}
      expandable={{
        expandedRowRender: (kind) => (
          <Space direction="vertical" style={{ width: "100%" }}>
            {refused?.kind === kind.code && (
              <>
                <Alert type="error" showIcon message={t("documents.templateRefused", { kind: kind[lang] })} />
                <ProblemsTable problems={refused.details} />
              </>
            )}
            <Typography.Text strong>{t("documents.placeholders")}</Typography.Text>
            <Placeholders kind={kind} />
          </Space>
        ),
        expandedRowKeys: refused === null ? undefined : [refused.kind],
      }}
      columns={[
        {
          title: t("documents.templateKind"),
          key: "kind",
          render: (_, kind) => (
            <Space>
              <FileWordOutlined />
              <span>{kind[lang]}</span>
              <Tag>
                {t(kind.scope === "unit" ? "documents.templateScopeUnit" : "documents.templateScopeCampaign")}
              </Tag>
            </Space>
          ),
        },
        {
          title: t("documents.templateCurrent"),
          key: "current",
          render: (_, kind) => {
            const template = current(kind);
            return template === undefined ? (
              <Tag color="blue">{t("documents.templateDefault")}</Tag>
            ) : (
              <Tag color="green">
                {t("documents.templateUploaded", {
                  file: template.fileName,
                  at: formatDateTime(template.uploadedAt),
                })}
              </Tag>
            );
          },
        },
        {
          title: "",
          key: "actions",
          width: 420,
          render: (_, kind) => (
            <Space wrap size={4}>
              <DownloadButton
                size="small"
                url={links.starterTemplate(kind.code)}
                fileName={`${kind.zh}模板.docx`}
              >
                {t("documents.templateStarter")}
              </DownloadButton>
              <Upload
                accept={DOCX}
                showUploadList={false}
                beforeUpload={(file) => {
                  void upload(kind, file);
                  return false;
                }}
              >
                <Button
                  size="small"
                  icon={<UploadOutlined />}
                  loading={busy === kind.code}
                  aria-label={`${t("documents.templateUpload")} ${kind[lang]}`}
                >
                  {t("documents.templateUpload")}
                </Button>
              </Upload>
              {current(kind) !== undefined && (
                <Popconfirm
                  title={t("documents.templateDeleteConfirm", { kind: kind[lang] })}
                  onConfirm={() => remove(kind)}
                >
                  <Button size="small" danger>
                    {t("documents.templateDelete")}
                  </Button>
                </Popconfirm>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}

function OrganisationName({ id }: { id: string }) {
  const { data } = useApi(
    () => call(api.GET("/api/v1/organisations/{id}", { params: { path: { id } } })),
    [id],
  );
  return <>{data?.name ?? id}</>;
}

export default function TemplatesPage() {
  const { t } = useI18n();
  const session = useSignedIn();
  const organisations = [
    ...new Set(
      session.user.grants
        .filter((g) => g.role === "organiser" && g.organisationId !== null)
        .map((g) => g.organisationId as string),
    ),
  ];
  const [chosen, setChosen] = useState<string | undefined>(organisations[0]);
  return (
    <Card
      size="small"
      title={t("documents.templates")}
      extra={
        organisations.length > 1 && (
          <Select
            aria-label={t("documents.templatesOrganisation")}
            style={{ width: 280 }}
            value={chosen}
            onChange={setChosen}
            options={organisations.map((id) => ({ value: id, label: <OrganisationName id={id} /> }))}
          />
        )
      }
    >
      <Typography.Paragraph type="secondary">{t("documents.templatesIntro")}</Typography.Paragraph>
      {chosen === undefined ? (
        <Alert type="info" showIcon message={t("documents.noOrganiserOrganisation")} />
      ) : (
        <OrganisationTemplates organisationId={chosen} />
      )}
    </Card>
  );
}
