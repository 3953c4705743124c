/**
 * 评审分工: which reviewer of which rater group scores which units. Units a reviewer may not score under the
 * conflict rule (their own organisation or one above it) are disabled in their list, with the reason, and listed
 * beside them. The whole plan is saved at once with its version; the server checks the rule again.
 */
import { Alert, App, Button, Card, Select, Space, Table, Tag, Tooltip, Typography } from "antd";
import { useMemo, useState } from "react";
import { api, call } from "../../api/client.js";
import { ApiError } from "../../api/errors.js";
import type { Campaign } from "../../api/types.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import { assignmentsBody, type Plan, planKey, planOf, samePlan, withUnits } from "./assignment-plan.js";
import { conflictedUnits } from "./conflict.js";
import { useGroupName } from "./group-name.js";
import {
  type Assignments,
  type CampaignUnit,
  type OrganisationSummary,
  REVIEW_GROUP,
  type UserSummary,
} from "./review-types.js";

interface Props {
  campaign: Campaign;
  assignments: Assignments;
  units: CampaignUnit[];
  users: UserSummary[];
  organisations: OrganisationSummary[];
  onSaved(): void;
}

interface ReviewerRow {
  key: string;
  groupCode: string;
  userId: string;
  name: string;
  organisationName: string | null;
  conflicts: Set<string>;
}

export function AssignmentCard({ campaign, assignments, units, users, organisations, onSaved }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const groupName = useGroupName(Object.fromEntries(campaign.raterGroups.map((g) => [g.code, g.name])));
  const [saved, setSaved] = useState<Plan>(() => planOf(assignments.assignments));
  const [plan, setPlan] = useState<Plan>(saved);
  const [version, setVersion] = useState(assignments.version);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const evaluated = units.filter((u) => u.role === "evaluated");
  const reviewClosed = campaign.stages.some((s) => s.stage === "review" && s.closedAt !== null);
  const readOnly = reviewClosed || campaign.status === "published";

  const rows = useMemo((): ReviewerRow[] => {
    const parentOf = new Map(organisations.map((o) => [o.id, o.parentId]));
    const orgName = new Map(organisations.map((o) => [o.id, o.name]));
    const userById = new Map(users.map((u) => [u.id, u]));
    const row = (groupCode: string, userId: string, fallbackName: string): ReviewerRow => {
      const user = userById.get(userId);
      const orgId = user?.organisationId ?? null;
      return {
        key: planKey(groupCode, userId),
        groupCode,
        userId,
        name: user?.displayName ?? fallbackName,
        organisationName: orgId === null ? null : (orgName.get(orgId) ?? null),
        conflicts: conflictedUnits(orgId, parentOf),
      };
    };
    if (campaign.raterGroups.length > 0) {
      return campaign.raterGroups.flatMap((g) => g.members.map((m) => row(g.code, m.id, m.displayName)));
    }
    // A scheme without rater groups has the one 评估组: the reviewers in the organiser's organisations, and
    // whoever is already assigned.
    const ids = new Set([
      ...users.filter((u) => !u.disabled && u.grants.some((g) => g.role === "reviewer")).map((u) => u.id),
      ...assignments.assignments.filter((a) => a.groupCode === REVIEW_GROUP).map((a) => a.userId),
    ]);
    return [...ids].map((id) => row(REVIEW_GROUP, id, id));
  }, [campaign.raterGroups, users, organisations, assignments.assignments]);

  const dirty = !samePlan(plan, saved);
  const unitName = (id: string) => evaluated.find((u) => u.organisationId === id)?.name ?? id;

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const result = await call(
        api.PUT("/api/v1/campaigns/{id}/assignments", {
          params: { path: { id: campaign.id } },
          body: { version, assignments: assignmentsBody(plan) },
        }),
      );
      const next = planOf(result.assignments);
      setSaved(next);
      setPlan(next);
      setVersion(result.version);
      message.success(t("review.assign.saved"));
      onSaved();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (e.status === 409 && e.code === "stale_version") {
        message.warning(t("review.assign.stale"));
        onSaved();
      } else setError(e);
    } finally {
      setSaving(false);
    }
  };

  const groups = [...new Set(rows.map((r) => r.groupCode))];
  return (
    <Card
      size="small"
      title={t("review.assign.title")}
      extra={
        !readOnly && (
          <Space>
            {dirty && <Typography.Text type="warning">{t("review.assign.unsaved")}</Typography.Text>}
            <Button type="primary" disabled={!dirty} loading={saving} onClick={save}>
              {t("review.assign.save")}
            </Button>
          </Space>
        )
      }
    >
      <Space direction="vertical" size={12} style={{ width: "100%" }}>
        <Alert type="info" showIcon title={t("review.assign.intro")} />
        {readOnly && <Alert type="warning" showIcon title={t("review.assign.closed")} />}
        {error !== null && <ApiErrorAlert error={error} />}
        <Table<ReviewerRow>
          rowKey="key"
          size="small"
          dataSource={rows}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            {
              title: t("reviews.group"),
              dataIndex: "groupCode",
              width: 150,
              filters: groups.length > 1 ? groups.map((g) => ({ text: groupName(g), value: g })) : undefined,
              onFilter: (value, r) => r.groupCode === value,
              render: (code: string) => groupName(code),
            },
            {
              title: t("review.assign.reviewer"),
              key: "reviewer",
              width: 200,
              sorter: (a, b) => a.name.localeCompare(b.name, "zh-CN"),
              render: (_, r) => (
                <Space direction="vertical" size={0}>
                  <Typography.Text>{r.name}</Typography.Text>
                  {r.organisationName !== null && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.organisationName}
                    </Typography.Text>
                  )}
                </Space>
              ),
            },
            {
              title: t("review.assign.units"),
              key: "units",
              render: (_, r) => {
                const chosen = [...(plan.get(r.key) ?? [])];
                const allowed = evaluated
                  .filter((u) => !r.conflicts.has(u.organisationId))
                  .map((u) => u.organisationId);
                return (
                  <Space.Compact style={{ width: "100%" }}>
                    <Select
                      mode="multiple"
                      aria-label={t("review.assign.unitsLabel", {
                        name: r.name,
                        group: groupName(r.groupCode),
                      })}
                      style={{ width: "100%" }}
                      maxTagCount="responsive"
                      maxTagTextLength={8}
                      disabled={readOnly}
                      value={chosen}
                      optionFilterProp="label"
                      onChange={(ids: string[]) => setPlan((p) => withUnits(p, r.groupCode, r.userId, ids))}
                      options={evaluated.map((u) => {
                        const conflict = r.conflicts.has(u.organisationId);
                        return {
                          value: u.organisationId,
                          disabled: conflict,
                          label: conflict ? `${u.name}（${t("review.assign.rule")}）` : u.name,
                        };
                      })}
                    />
                    <Tooltip title={t("review.assign.allHint")}>
                      <Button
                        disabled={readOnly}
                        onClick={() => setPlan((p) => withUnits(p, r.groupCode, r.userId, allowed))}
                      >
                        {t("review.assign.all")}
                      </Button>
                    </Tooltip>
                  </Space.Compact>
                );
              },
            },
            {
              title: t("review.assign.rule"),
              key: "conflicts",
              width: 190,
              render: (_, r) => {
                const hits = evaluated.filter((u) => r.conflicts.has(u.organisationId));
                return hits.length === 0 ? (
                  <Typography.Text type="secondary">—</Typography.Text>
                ) : (
                  <Space size={[4, 4]} wrap>
                    {hits.map((u) => (
                      <Tooltip key={u.organisationId} title={t("review.assign.rule")}>
                        <Tag color="warning" data-testid="conflict-unit">
                          {unitName(u.organisationId)}
                        </Tag>
                      </Tooltip>
                    ))}
                  </Space>
                );
              },
            },
            {
              title: t("review.assign.countTitle"),
              key: "count",
              width: 90,
              sorter: (a, b) => (plan.get(a.key)?.size ?? 0) - (plan.get(b.key)?.size ?? 0),
              render: (_, r) => t("review.assign.count", { count: plan.get(r.key)?.size ?? 0 }),
            },
          ]}
        />
      </Space>
    </Card>
  );
}
