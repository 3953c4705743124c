/**
 * 加分审定: per unit, what it claimed for each bonus item beside the points approved (主席办公会审定), saved per unit
 * (PUT /campaigns/:id/units/:orgId/bonus with the approval's version). Each item's cap is the engine's when grading;
 * the hint states it. After publicity a change goes through an objection, so the table turns read-only.
 */
import { App, Button, Card, InputNumber, Space, Switch, Table, Typography } from "antd";
import { useState } from "react";
import { api, call } from "../../api/client.js";
import type { ApiError } from "../../api/errors.js";
import type { Campaign } from "../../api/types.js";
import { useApi } from "../../api/use-api.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import type { BonusItem, CampaignUnit } from "./grading-data.js";

type Bonus = Record<string, string>;

interface Row {
  unit: CampaignUnit;
  claimed: Bonus;
  approved: Bonus;
  version: number;
}

const sum = (bonus: Bonus) => Object.values(bonus).reduce((s, v) => s + Number(v), 0);

/** "1.50" → "1.5"; empty inputs drop out of the approval. */
export function toApproval(values: Record<string, number | null | undefined>): Bonus {
  return Object.fromEntries(
    Object.entries(values).flatMap(([code, v]) => (v === null || v === undefined ? [] : [[code, String(v)]])),
  );
}

export function BonusApproval({
  campaign,
  units,
  items,
  cap,
  locked,
}: {
  campaign: Campaign;
  units: CampaignUnit[];
  items: BonusItem[];
  cap: string | null;
  locked: boolean;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [edits, setEdits] = useState<Record<string, Record<string, number | null>>>({});
  const [saving, setSaving] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [onlyClaimed, setOnlyClaimed] = useState(false);
  const { data, error, loading, reload } = useApi(
    () =>
      Promise.all(
        units.map(async (unit): Promise<Row> => {
          const b = await call(
            api.GET("/api/v1/campaigns/{id}/units/{orgId}/bonus", {
              params: { path: { id: campaign.id, orgId: unit.organisationId } },
            }),
          );
          return { unit, claimed: b.claimed, approved: b.approved, version: b.version };
        }),
      ),
    [campaign.id, units],
  );
  if (error !== undefined) return <ApiErrorAlert error={error} onRetry={reload} />;

  const approvedValue = (row: Row, code: string): number | null => {
    const edited = edits[row.unit.organisationId];
    if (edited !== undefined && code in edited) return edited[code] ?? null;
    const v = row.approved[code];
    return v === undefined ? null : Number(v);
  };

  const save = async (row: Row) => {
    const id = row.unit.organisationId;
    setSaving(id);
    setFailure(null);
    try {
      const bonus = toApproval(Object.fromEntries(items.map((i) => [i.code, approvedValue(row, i.code)])));
      await call(
        api.PUT("/api/v1/campaigns/{id}/units/{orgId}/bonus", {
          params: { path: { id: campaign.id, orgId: id } },
          body: { version: row.version, bonus },
        }),
      );
      message.success(t("grading.bonusApproved", { unit: row.unit.name }));
      setEdits(({ [id]: _, ...rest }) => rest);
      reload();
    } catch (e) {
      setFailure(e as ApiError);
    } finally {
      setSaving(null);
    }
  };

  // Once locked only the approvals made are worth showing.
  const rows = (data ?? []).filter((r) =>
    locked ? Object.keys(r.approved).length > 0 : !onlyClaimed || Object.keys(r.claimed).length > 0,
  );
  const itemMax = items[0]?.max ?? "";
  return (
    <Card
      size="small"
      title={t("grading.bonus")}
      extra={
        !locked && (
          <Space>
            <Typography.Text type="secondary">{t("grading.bonusOnlyClaimed")}</Typography.Text>
            <Switch
              size="small"
              checked={onlyClaimed}
              onChange={setOnlyClaimed}
              aria-label={t("grading.bonusOnlyClaimed")}
            />
          </Space>
        )
      }
    >
      <Space direction="vertical" size={8} style={{ width: "100%" }}>
        <Typography.Text type="secondary">
          {locked ? t("grading.bonusLocked") : t("grading.bonusHint", { max: itemMax })}
          {cap !== null && ` ${t("grading.bonusCap", { cap })}`}
        </Typography.Text>
        {failure !== null && <ApiErrorAlert error={failure} />}
        <Table<Row>
          rowKey={(r) => r.unit.organisationId}
          size="small"
          loading={loading}
          dataSource={rows}
          pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          columns={[
            {
              title: t("ranking.unit"),
              key: "unit",
              width: 220,
              sorter: (a, b) => a.unit.code.localeCompare(b.unit.code),
              render: (_, r) => r.unit.name,
            },
            ...items.map((item) => ({
              title: (
                <span title={item.name}>
                  {item.code} {item.name}
                </span>
              ),
              key: item.code,
              render: (_: unknown, r: Row) => (
                <Space direction="vertical" size={2}>
                  {r.claimed[item.code] !== undefined && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t("grading.bonusClaimed", { points: r.claimed[item.code]! })}
                    </Typography.Text>
                  )}
                  {locked ? (
                    <span>{r.approved[item.code] ?? "—"}</span>
                  ) : (
                    <InputNumber
                      size="small"
                      min={0}
                      max={99}
                      step={0.5}
                      style={{ width: 96 }}
                      aria-label={t("grading.bonusItemLabel", { unit: r.unit.name, item: item.code })}
                      value={approvedValue(r, item.code)}
                      onChange={(v) =>
                        setEdits((all) => ({
                          ...all,
                          [r.unit.organisationId]: { ...all[r.unit.organisationId], [item.code]: v },
                        }))
                      }
                    />
                  )}
                </Space>
              ),
            })),
            {
              title: t("grading.bonusTotal"),
              key: "total",
              width: 90,
              align: "right" as const,
              sorter: (a: Row, b: Row) => sum(a.approved) - sum(b.approved),
              render: (_: unknown, r: Row) =>
                Object.keys(r.approved).length === 0 ? (
                  <Typography.Text type="secondary">{t("grading.bonusNone")}</Typography.Text>
                ) : (
                  sum(r.approved).toFixed(2)
                ),
            },
            ...(locked
              ? []
              : [
                  {
                    title: "",
                    key: "save",
                    width: 90,
                    render: (_: unknown, r: Row) => (
                      <Button
                        size="small"
                        type={edits[r.unit.organisationId] === undefined ? "default" : "primary"}
                        loading={saving === r.unit.organisationId}
                        onClick={() => save(r)}
                        aria-label={`${t("grading.bonusApprove")} ${r.unit.name}`}
                      >
                        {t("grading.bonusApprove")}
                      </Button>
                    ),
                  },
                ]),
          ]}
        />
      </Space>
    </Card>
  );
}
