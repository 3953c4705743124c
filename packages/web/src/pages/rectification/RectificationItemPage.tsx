/**
 * One rectification item (`/rectification-items/:id`): its problem and the "four specifics", which the unit fills
 * in; the unit starts it, attaches evidence and reports it done; the organiser verifies it (通过 / 不通过 / 部分通过
 * with a reason) and closes it once passed. The history shows every step with who, when, verdict and reason.
 */
import {
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Radio,
  Space,
  Timeline,
  Typography,
  Upload,
} from "antd";
import { Link, useParams } from "react-router";
import { api, call } from "../../api/client.js";
import { errorText } from "../../api/errors.js";
import { uploadFile } from "../../api/upload-file.js";
import { useApi } from "../../api/use-api.js";
import { useSignedIn } from "../../auth/session.js";
import { formatDateTime } from "../../format.js";
import type { MessageKey } from "../../i18n/dictionary.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import { BackLink } from "../../layout/BackLink.js";
import { PageSpinner } from "../../layout/PageSpinner.js";
import type { ItemDetail } from "./rectification-types.js";
import { StatusTags } from "./StatusTags.js";

interface Specifics {
  target: string;
  measures: string;
  responsiblePerson: string;
}

/**
 * Keyed by the item, so that following a link to another item (a relapse and the item it relapsed from) starts with
 * fresh forms instead of the previous item's values.
 */
export default function RectificationItemPage() {
  const { id = "" } = useParams();
  return <ItemPage key={id} id={id} />;
}

function ItemPage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { csrfToken } = useSignedIn();
  const [specifics] = Form.useForm<Specifics>();
  const [report] = Form.useForm<{ summary: string }>();
  const [verify] = Form.useForm<{ verdict: "passed" | "failed" | "partial"; reason: string }>();
  const {
    data: item,
    error,
    reload,
  } = useApi(() => call(api.GET("/api/v1/rectification-items/{id}", { params: { path: { id } } })), [id]);
  if (error !== undefined) return <ApiErrorAlert error={error} onRetry={reload} />;
  if (item === undefined || item.id !== id) return <PageSpinner />;

  /** A step's request: this item, and the version shown, so that a step taken on a stale page is refused. */
  const step = <Values extends object>(values: Values) => ({
    params: { path: { id } },
    body: { version: item.version, ...values },
  });
  const act = async (send: () => Parameters<typeof call>[0], done: string) => {
    try {
      await call(send());
      message.success(done);
      reload();
    } catch (e) {
      message.error(errorText(e, lang));
    }
  };
  const open = item.status === "pending" || item.status === "in_progress";
  const unitActs = item.canAct.unit && open;

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card
        size="small"
        title={
          <Space>
            <BackLink to={`/campaigns/${item.campaignId}?tab=rectification`} />
            <span>{t("rectification.item.title")}</span>
            <StatusTags item={item} />
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t("rectification.item.campaign")}>{item.campaignName}</Descriptions.Item>
          <Descriptions.Item label={t("rectification.unit")}>{item.organisationName}</Descriptions.Item>
          <Descriptions.Item label={t("rectification.indicator")}>
            {item.indicator ?? t("rectification.item.comprehensive")}
          </Descriptions.Item>
          <Descriptions.Item label={t("rectification.source")}>
            {t(`rectification.source.${item.source}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t("rectification.deadline")}>
            <Typography.Text type={item.overdue ? "danger" : undefined}>{item.deadline}</Typography.Text>
          </Descriptions.Item>
          {item.relapseOf !== null ? (
            <Descriptions.Item label={t("rectification.item.relapseOf")}>
              <Link to={`/rectification-items/${item.relapseOf}`}>{t("rectification.open")}</Link>
            </Descriptions.Item>
          ) : null}
          {item.recheck !== null ? (
            <Descriptions.Item label={t("rectification.item.recheck")}>
              {t(`rectification.recheck.verdict.${item.recheck.verdict}`)}
              {item.recheck.reason === null ? "" : `：${item.recheck.reason}`}
              {item.relapseId === null ? null : (
                <Link style={{ marginLeft: 8 }} to={`/rectification-items/${item.relapseId}`}>
                  {t("rectification.recheck.relapse")}
                </Link>
              )}
            </Descriptions.Item>
          ) : null}
          {item.lastVerdict !== null ? (
            <Descriptions.Item label={t("rectification.item.lastVerdict")}>
              {t(`rectification.verdict.${item.lastVerdict}`)}
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label={t("rectification.problem")} span={2}>
            {item.problem}
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Card size="small" title={t("rectification.item.fourSpecifics")}>
        <Form<Specifics>
          form={specifics}
          layout="vertical"
          disabled={!unitActs}
          initialValues={{
            target: item.target ?? "",
            measures: item.measures ?? "",
            responsiblePerson: item.responsiblePerson ?? "",
          }}
          key={item.version}
          onFinish={(values) =>
            act(
              () => api.PATCH("/api/v1/rectification-items/{id}", step(values)),
              t("rectification.item.saved"),
            )
          }
        >
          <Form.Item name="target" label={t("rectification.target")}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="measures" label={t("rectification.measures")}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="responsiblePerson" label={t("rectification.person")}>
            <Input />
          </Form.Item>
          {unitActs ? (
            <Space>
              <Button htmlType="submit">{t("rectification.item.save")}</Button>
              {item.status === "pending" ? (
                <Button
                  type="primary"
                  onClick={() =>
                    act(
                      () => api.POST("/api/v1/rectification-items/{id}/start", step({})),
                      t("rectification.status.in_progress"),
                    )
                  }
                >
                  {t("rectification.item.start")}
                </Button>
              ) : null}
            </Space>
          ) : null}
        </Form>
      </Card>

      <Card size="small" title={t("rectification.item.evidence")}>
        {item.evidence.length === 0 ? (
          <Typography.Text type="secondary">{t("rectification.item.noEvidence")}</Typography.Text>
        ) : (
          <ul>
            {item.evidence.map((e) => (
              <li key={e.id}>
                <a href={`/api/v1/rectification-evidence/${e.id}`}>{e.name}</a>
              </li>
            ))}
          </ul>
        )}
        {unitActs ? (
          <Upload
            showUploadList={false}
            customRequest={({ file }) => {
              const upload = file as File;
              uploadFile<{ name: string }>({
                url: `/api/v1/rectification-items/${encodeURIComponent(id)}/evidence`,
                file: upload,
                csrfToken,
                ok: [201],
              }).done.then(
                (saved) => {
                  message.success(t("rectification.item.uploaded", { name: saved.name }));
                  reload();
                },
                (e: unknown) => message.error(errorText(e, lang)),
              );
            }}
          >
            <Button>{t("rectification.item.upload")}</Button>
          </Upload>
        ) : null}
      </Card>

      {unitActs && item.status === "in_progress" ? (
        <Card size="small" title={t("rectification.item.report")}>
          <Form
            form={report}
            layout="vertical"
            onFinish={(values) =>
              act(
                () => api.POST("/api/v1/rectification-items/{id}/report", step(values)),
                t("rectification.status.reported"),
              )
            }
          >
            <Form.Item name="summary" label={t("rectification.item.summary")} rules={[{ required: true }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              {t("rectification.item.report")}
            </Button>
          </Form>
        </Card>
      ) : null}

      {item.canAct.organiser && item.status === "reported" ? (
        <Card size="small" title={t("rectification.item.verify")}>
          <Form
            form={verify}
            layout="vertical"
            initialValues={{ verdict: "passed" }}
            onFinish={(values) =>
              act(
                () => api.POST("/api/v1/rectification-items/{id}/verify", step(values)),
                t("rectification.item.saved"),
              )
            }
          >
            <Form.Item name="verdict" label={t("rectification.item.verdict")}>
              <Radio.Group
                options={(["passed", "failed", "partial"] as const).map((v) => ({
                  value: v,
                  label: t(`rectification.verdict.${v}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="reason" label={t("rectification.item.reason")} rules={[{ required: true }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              {t("rectification.item.verify")}
            </Button>
          </Form>
        </Card>
      ) : null}

      {item.canAct.organiser && item.status === "verified" ? (
        <Button
          type="primary"
          onClick={() =>
            act(
              () => api.POST("/api/v1/rectification-items/{id}/close", step({})),
              t("rectification.status.closed"),
            )
          }
        >
          {t("rectification.item.close")}
        </Button>
      ) : null}

      <Card size="small" title={t("rectification.item.history")}>
        <Timeline items={item.history.map((h) => historyEntry(h, t))} />
      </Card>
    </Space>
  );
}

function historyEntry(h: ItemDetail["history"][number], t: ReturnType<typeof useI18n>["t"]) {
  const verdict = h.verdict === null ? "" : `：${verdictName(h.verdict, t)}`;
  return {
    children: (
      <>
        <div>
          {formatDateTime(h.at)} {h.actorName} {t(`rectification.item.action.${h.action}` as MessageKey)}
          {verdict} → {t(`rectification.status.${h.to}` as MessageKey)}
        </div>
        {h.reason === null ? null : <Typography.Text type="secondary">{h.reason}</Typography.Text>}
      </>
    ),
  };
}

function verdictName(verdict: string, t: ReturnType<typeof useI18n>["t"]): string {
  return verdict === "held" || verdict === "relapsed"
    ? t(`rectification.recheck.verdict.${verdict}`)
    : t(`rectification.verdict.${verdict}` as MessageKey);
}
