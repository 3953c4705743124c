/**
 * 异议处理: the campaign's objections and, for the organiser, the decision: rejected with a reason, or upheld with
 * a reason and the correction (the unit's approved bonus, replaced whole), which makes a corrected run at once.
 */
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { api, call } from "../../api/client.js";
import type { ApiError } from "../../api/errors.js";
import type { GradingRunSummary } from "../../api/types.js";
import { formatDateTime } from "../../format.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import { toApproval } from "./BonusApproval.js";
import { showAtFields } from "./form-errors.js";
import type { BonusItem, Objection } from "./grading-data.js";

const STATUS_COLOURS = { pending: "warning", upheld: "success", rejected: "default" } as const;

interface DecisionValues {
  decision: "upheld" | "rejected";
  reason: string;
  bonus?: Record<string, number | null>;
}

function DecideModal({
  objection,
  unitName,
  campaignId,
  items,
  onClose,
  onDecided,
}: {
  objection: Objection;
  unitName: string;
  campaignId: string;
  items: BonusItem[];
  onClose(): void;
  onDecided(decided: Objection): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<DecisionValues>();
  const decision = Form.useWatch("decision", form);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [approved, setApproved] = useState<Record<string, number | null> | null>(null);

  // The correction starts from the unit's approval, as upholding replaces it whole.
  const loadApproved = async () => {
    if (approved !== null) return;
    const b = await call(
      api.GET("/api/v1/campaigns/{id}/units/{orgId}/bonus", {
        params: { path: { id: campaignId, orgId: objection.organisationId } },
      }),
    );
    const values = Object.fromEntries(
      items.map((i) => [i.code, b.approved[i.code] === undefined ? null : Number(b.approved[i.code])]),
    );
    setApproved(values);
    form.setFieldValue("bonus", values);
  };

  const submit = async (v: DecisionValues) => {
    if (v.decision === "upheld" && Object.keys(toApproval(v.bonus ?? {})).length === 0) {
      form.setFields([
        { name: ["bonus", items[0]?.code ?? ""], errors: [t("publicity.correctionRequired")] },
      ]);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const decided = await call(
        api.POST("/api/v1/objections/{id}/decide", {
          params: { path: { id: objection.id } },
          body: {
            version: objection.version,
            decision: v.decision,
            reason: v.reason.trim(),
            ...(v.decision === "upheld" ? { correction: { bonus: toApproval(v.bonus ?? {}) } } : {}),
          },
        }),
      );
      onDecided(decided);
    } catch (e) {
      setError(
        showAtFields(form, e, (p) =>
          p === "reason" ? ["reason"] : p.startsWith("correction.bonus.") ? ["bonus", p.slice(17)] : null,
        ),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={640}
      title={t("publicity.decideTitle", { unit: unitName })}
      okText={t("publicity.decide")}
      onOk={() => form.submit()}
      confirmLoading={busy}
      onCancel={onClose}
    >
      <Space direction="vertical" size={12} style={{ width: "100%" }}>
        <Alert type="info" title={objection.reason} />
        {error !== null && <ApiErrorAlert error={error} />}
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          onValuesChange={(changed: Partial<DecisionValues>) => {
            if (changed.decision === "upheld") void loadApproved().catch((e) => setError(e as ApiError));
          }}
        >
          <Form.Item
            name="decision"
            label={t("publicity.decision")}
            rules={[{ required: true, message: t("publicity.decisionRequired") }]}
          >
            <Radio.Group>
              <Radio value="upheld">{t("publicity.uphold")}</Radio>
              <Radio value="rejected">{t("publicity.reject")}</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="reason"
            label={t("publicity.decisionReason")}
            rules={[
              { required: true, whitespace: true, message: t("publicity.decisionReasonRequired") },
              { max: 5000 },
            ]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
          {decision === "upheld" && (
            <>
              <Typography.Paragraph type="secondary">{t("publicity.correctionHint")}</Typography.Paragraph>
              <Form.Item label={t("publicity.correction")} required>
                <Space wrap size={12}>
                  {items.map((item) => (
                    <Form.Item
                      key={item.code}
                      name={["bonus", item.code]}
                      label={`${item.code} ${item.name}`}
                      style={{ marginBottom: 0 }}
                    >
                      <InputNumber min={0} max={99} step={0.5} style={{ width: 110 }} />
                    </Form.Item>
                  ))}
                </Space>
              </Form.Item>
            </>
          )}
        </Form>
      </Space>
    </Modal>
  );
}

export function ObjectionsCard({
  campaignId,
  objections,
  unitNames,
  runs,
  items,
  canDecide,
  onChanged,
}: {
  campaignId: string;
  objections: Objection[];
  unitNames: ReadonlyMap<string, string>;
  runs: GradingRunSummary[];
  items: BonusItem[];
  canDecide: boolean;
  onChanged(): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [deciding, setDeciding] = useState<Objection | null>(null);
  const runNumber = (id: string | null) => runs.find((r) => r.id === id)?.number;
  return (
    <Card size="small" title={t("publicity.objections")}>
      <Table<Objection>
        rowKey="id"
        size="small"
        dataSource={objections}
        pagination={objections.length > 20 ? { pageSize: 20 } : false}
        locale={{ emptyText: t("publicity.noObjections") }}
        scroll={{ x: 1000 }}
        columns={[
          {
            title: t("publicity.unit"),
            key: "unit",
            width: 200,
            sorter: (a, b) =>
              (unitNames.get(a.organisationId) ?? "").localeCompare(unitNames.get(b.organisationId) ?? ""),
            render: (_, o) => unitNames.get(o.organisationId) ?? "—",
          },
          {
            title: t("publicity.filer"),
            key: "filer",
            width: 150,
            render: (_, o) => o.filerName ?? t("publicity.publicFiler"),
          },
          { title: t("publicity.reason"), dataIndex: "reason", ellipsis: { showTitle: true } },
          {
            title: t("publicity.filedAt"),
            dataIndex: "createdAt",
            width: 140,
            sorter: (a, b) => a.createdAt.localeCompare(b.createdAt),
            render: (v: string) => formatDateTime(v),
          },
          {
            title: t("publicity.status"),
            dataIndex: "status",
            width: 100,
            filters: (["pending", "upheld", "rejected"] as const).map((s) => ({
              text: t(`publicity.status.${s}`),
              value: s,
            })),
            onFilter: (value, o) => o.status === value,
            render: (s: Objection["status"]) => (
              <Tag color={STATUS_COLOURS[s]}>{t(`publicity.status.${s}`)}</Tag>
            ),
          },
          {
            title: t("publicity.decisionReason"),
            key: "decision",
            width: 240,
            render: (_, o) =>
              o.status === "pending" ? (
                canDecide ? (
                  <Button size="small" type="primary" onClick={() => setDeciding(o)}>
                    {t("publicity.decide")}
                  </Button>
                ) : (
                  "—"
                )
              ) : (
                <Space direction="vertical" size={2}>
                  <Typography.Text>{o.decisionReason}</Typography.Text>
                  {o.correctedRunId !== null && (
                    <span>
                      {t("publicity.correctedRun")}：
                      {t("campaign.run", { number: runNumber(o.correctedRunId) ?? "" })}{" "}
                      <Link to={`/grading-runs/${o.correctedRunId}`}>{t("grading.openRun")}</Link>
                    </span>
                  )}
                </Space>
              ),
          },
        ]}
      />
      {deciding !== null && (
        <DecideModal
          objection={deciding}
          unitName={unitNames.get(deciding.organisationId) ?? ""}
          campaignId={campaignId}
          items={items}
          onClose={() => setDeciding(null)}
          onDecided={(decided) => {
            setDeciding(null);
            message.success(
              decided.correctedRunId === null
                ? t("publicity.decided")
                : t("publicity.decidedUpheld", { number: (runs.at(-1)?.number ?? 0) + 1 }),
            );
            onChanged();
          }}
        />
      )}
    </Card>
  );
}
