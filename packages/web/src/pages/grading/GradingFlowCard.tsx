/**
 * The organiser's steps after the review: make a grading run (with its reason), publicise a run for a period (公示)
 * or change the period, and the final publication (终审公布) after a confirmation that says it locks the campaign.
 * Others see the stage, the period and, for a unit during the period, the way to object.
 */
import {
  Alert,
  App,
  Button,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Tag,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { Link } from "react-router";
import { api, call } from "../../api/client.js";
import type { ApiError } from "../../api/errors.js";
import type { Campaign, GradingRunSummary } from "../../api/types.js";
import { formatDateTime } from "../../format.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import { showAtFields } from "./form-errors.js";
import { type GradingData, openStage, periodState } from "./grading-data.js";

const PERIOD_COLOURS = { before: "default", running: "processing", ended: "success" } as const;
const DATE_FORMAT = "YYYY-MM-DD HH:mm";

function RunModal({
  campaign,
  onClose,
  onMade,
}: {
  campaign: Campaign;
  onClose(): void;
  onMade(run: GradingRunSummary): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async ({ reason }: { reason: string }) => {
    setBusy(true);
    setError(null);
    try {
      onMade(
        await call(
          api.POST("/api/v1/campaigns/{id}/grading-runs", {
            params: { path: { id: campaign.id } },
            body: { reason: reason.trim() },
          }),
        ),
      );
    } catch (e) {
      setError(showAtFields(form, e, (p) => (p === "reason" ? ["reason"] : null)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t("grading.makeRunTitle")}
      okText={t("grading.makeRun")}
      onOk={() => form.submit()}
      confirmLoading={busy}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">{t("grading.makeRunIntro")}</Typography.Paragraph>
      {error !== null && <ApiErrorAlert error={error} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="reason"
          label={t("grading.runReason")}
          rules={[
            { required: true, whitespace: true, message: t("grading.runReasonRequired") },
            { max: 2000 },
          ]}
        >
          <Input.TextArea rows={3} placeholder={t("grading.runReasonPlaceholder")} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface PeriodValues {
  runId: string;
  startsAt: Dayjs;
  endsAt: Dayjs;
}

function PeriodModal({
  campaign,
  data,
  onClose,
  onSaved,
}: {
  campaign: Campaign;
  data: GradingData;
  onClose(): void;
  onSaved(): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<PeriodValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const runs = data.runs ?? [];
  const period = data.period;
  const initial: Partial<PeriodValues> =
    period !== null
      ? { runId: period.runId, startsAt: dayjs(period.startsAt), endsAt: dayjs(period.endsAt) }
      : {
          runId: runs.at(-1)?.id,
          startsAt: dayjs().startOf("minute"),
          endsAt: dayjs().startOf("minute").add(7, "day"),
        };
  const submit = async (v: PeriodValues) => {
    setBusy(true);
    setError(null);
    try {
      await call(
        api.POST("/api/v1/campaigns/{id}/publicity", {
          params: { path: { id: campaign.id } },
          body: {
            runId: v.runId,
            startsAt: v.startsAt.toISOString(),
            endsAt: v.endsAt.toISOString(),
            ...(period === null ? {} : { version: period.version }),
          },
        }),
      );
      onSaved();
    } catch (e) {
      setError(showAtFields(form, e, (p) => (["runId", "startsAt", "endsAt"].includes(p) ? [p] : null)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={period === null ? t("publicity.open") : t("publicity.change")}
      okText={period === null ? t("publicity.open") : t("publicity.change")}
      onOk={() => form.submit()}
      confirmLoading={busy}
      onCancel={onClose}
    >
      {error !== null && <ApiErrorAlert error={error} />}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        <Form.Item name="runId" label={t("publicity.run")} rules={[{ required: true }]}>
          <Select
            options={[...runs].reverse().map((r) => ({
              value: r.id,
              label: `${t("campaign.run", { number: r.number })} · ${formatDateTime(r.createdAt)}`,
            }))}
          />
        </Form.Item>
        <Space size={16} style={{ display: "flex" }}>
          <Form.Item
            name="startsAt"
            label={t("publicity.startsAt")}
            rules={[{ required: true, message: t("publicity.periodRequired") }]}
          >
            <DatePicker showTime={{ format: "HH:mm" }} format={DATE_FORMAT} style={{ width: 210 }} />
          </Form.Item>
          <Form.Item
            name="endsAt"
            label={t("publicity.endsAt")}
            dependencies={["startsAt"]}
            rules={[
              { required: true, message: t("publicity.periodRequired") },
              ({ getFieldValue }) => ({
                validator: (_, value: Dayjs | undefined) => {
                  const start = getFieldValue("startsAt") as Dayjs | undefined;
                  return value === undefined || start === undefined || value.isAfter(start)
                    ? Promise.resolve()
                    : Promise.reject(new Error(t("publicity.periodRequired")));
                },
              }),
            ]}
          >
            <DatePicker showTime={{ format: "HH:mm" }} format={DATE_FORMAT} style={{ width: 210 }} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

function ObjectModal({
  campaign,
  units,
  onClose,
  onFiled,
}: {
  campaign: Campaign;
  units: Array<{ id: string; name: string }>;
  onClose(): void;
  onFiled(): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ organisationId: string; reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (v: { organisationId: string; reason: string }) => {
    setBusy(true);
    setError(null);
    try {
      await call(
        api.POST("/api/v1/campaigns/{id}/objections", {
          params: { path: { id: campaign.id } },
          body: { organisationId: v.organisationId, reason: v.reason.trim() },
        }),
      );
      onFiled();
    } catch (e) {
      setError(showAtFields(form, e, (p) => (p === "reason" || p === "organisationId" ? [p] : null)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t("publicity.objectTitle")}
      okText={t("publicity.object")}
      onOk={() => form.submit()}
      confirmLoading={busy}
      onCancel={onClose}
    >
      {error !== null && <ApiErrorAlert error={error} />}
      <Form form={form} layout="vertical" initialValues={{ organisationId: units[0]?.id }} onFinish={submit}>
        <Form.Item name="organisationId" label={t("publicity.objectUnit")} rules={[{ required: true }]}>
          <Select options={units.map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t("publicity.objectReason")}
          rules={[
            { required: true, whitespace: true, message: t("publicity.objectReasonRequired") },
            { max: 5000 },
          ]}
        >
          <Input.TextArea rows={4} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function GradingFlowCard({
  campaign,
  data,
  myUnits,
  onChanged,
  reloadCampaign,
}: {
  campaign: Campaign;
  data: GradingData;
  /** The campaign's units the user speaks for (may object for them). */
  myUnits: Array<{ id: string; name: string }>;
  onChanged(): void;
  reloadCampaign(): void;
}) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const [dialog, setDialog] = useState<"run" | "period" | "object" | null>(null);
  const organiser = data.objections !== null;
  const published = campaign.status === "published";
  const stage = openStage(campaign);
  const stageName = campaign.stages.find((s) => s.stage === stage)?.name;
  const runs = data.runs ?? [];
  const latest = runs.at(-1);
  const period = data.period;
  const publicised = runs.find((r) => r.id === period?.runId);
  const state = period === null ? null : periodState(period);
  const pending = (data.objections ?? []).filter((o) => o.status === "pending").length;
  const canPublish =
    latest !== undefined &&
    pending === 0 &&
    (period === null ? !campaign.stages.some((s) => s.stage === "publicity") : state === "ended");

  const publish = () =>
    modal.confirm({
      title: t("publicity.publishTitle"),
      content: t("publicity.publishBody", { number: latest?.number ?? "" }),
      okText: t("publicity.publishOk"),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await call(
            api.POST("/api/v1/campaigns/{id}/publish", {
              params: { path: { id: campaign.id } },
              body: { version: campaign.version },
            }),
          );
          message.success(t("publicity.publishedOk"));
          reloadCampaign();
        } catch (e) {
          modal.error({ title: t("publicity.publish"), content: <ApiErrorAlert error={e as ApiError} /> });
        }
      },
    });

  return (
    <>
      <Descriptions size="small" column={{ xs: 1, lg: 3 }}>
        <Descriptions.Item label={t("campaign.currentStage")}>{stageName ?? "—"}</Descriptions.Item>
        <Descriptions.Item label={t("publicity.period")}>
          {period === null ? (
            t("publicity.none")
          ) : (
            <Space size={8} wrap>
              <span>
                {formatDateTime(period.startsAt)} ~ {formatDateTime(period.endsAt)}
              </span>
              <Tag color={PERIOD_COLOURS[state!]}>{t(`publicity.state.${state!}`)}</Tag>
            </Space>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t("publicity.run")}>
          {period === null ? (
            "—"
          ) : (
            <Space size={8}>
              {publicised !== undefined && <span>{t("campaign.run", { number: publicised.number })}</span>}
              <Link to={`/grading-runs/${period.runId}`}>{t("grading.openRun")}</Link>
            </Space>
          )}
        </Descriptions.Item>
      </Descriptions>

      {published && (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 12 }}
          title={t("grading.published", { at: formatDateTime(campaign.publishedAt) })}
        />
      )}

      {organiser && !published && (
        <Space direction="vertical" size={8} style={{ marginTop: 12, width: "100%" }}>
          <Space wrap>
            <Button type="primary" disabled={stage !== "grading"} onClick={() => setDialog("run")}>
              {t("grading.makeRun")}
            </Button>
            <Button disabled={stage !== "publicity" || runs.length === 0} onClick={() => setDialog("period")}>
              {period === null ? t("publicity.open") : t("publicity.change")}
            </Button>
            <Button danger disabled={!canPublish} onClick={publish}>
              {t("publicity.publish")}
            </Button>
          </Space>
          <Typography.Text type="secondary">
            {stage !== "grading" && runs.length === 0
              ? t("grading.makeRunHint")
              : stage !== "publicity" && period === null
                ? t("publicity.stageHint")
                : !canPublish
                  ? t("publicity.publishBlocked")
                  : null}
          </Typography.Text>
        </Space>
      )}

      {!organiser && myUnits.length > 0 && state === "running" && !published && (
        <div style={{ marginTop: 12 }}>
          <Button onClick={() => setDialog("object")}>{t("publicity.object")}</Button>
        </div>
      )}

      {dialog === "run" && (
        <RunModal
          campaign={campaign}
          onClose={() => setDialog(null)}
          onMade={(run) => {
            setDialog(null);
            message.success(t("grading.runMade", { number: run.number }));
            onChanged();
          }}
        />
      )}
      {dialog === "period" && (
        <PeriodModal
          campaign={campaign}
          data={data}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            message.success(t("publicity.opened"));
            onChanged();
          }}
        />
      )}
      {dialog === "object" && (
        <ObjectModal
          campaign={campaign}
          units={myUnits}
          onClose={() => setDialog(null)}
          onFiled={() => {
            setDialog(null);
            message.success(t("publicity.objected"));
            onChanged();
          }}
        />
      )}
    </>
  );
}
