/** 评审进度: per unit, each rater group's submitted sheets out of the reviewers assigned, sortable and filterable. */
import { Card, Progress, Space, Table, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import type { Campaign, SelfEvaluationStatus } from "../../api/types.js";
import { useI18n } from "../../i18n/i18n.js";
import { SelfEvaluationTag } from "../labels.js";
import { useGroupName } from "./group-name.js";
import type { ReviewProgress, UnitProgress } from "./review-types.js";

/** Every group has reviewers assigned and all of them submitted. */
export const unitComplete = (u: UnitProgress) =>
  u.groups.length > 0 && u.groups.every((g) => g.assigned > 0 && g.submitted === g.assigned);

interface Props {
  campaign: Campaign;
  progress: ReviewProgress;
  /** The codes of the units the latest sampling draw chose (marked 抽中). */
  drawn: ReadonlySet<string>;
}

export function ReviewProgressCard({ campaign, progress, drawn }: Props) {
  const { t } = useI18n();
  const groupName = useGroupName(Object.fromEntries(campaign.raterGroups.map((g) => [g.code, g.name])));
  const complete = progress.units.filter(unitComplete).length;
  const columns: ColumnsType<UnitProgress> = [
    {
      title: t("review.progress.unit"),
      key: "unit",
      sorter: (a, b) => a.code.localeCompare(b.code),
      defaultSortOrder: "ascend",
      render: (_, u) => (
        <span>
          <Typography.Text type="secondary">{u.code}</Typography.Text> {u.name}
          {drawn.has(u.code) && (
            <Tag color="blue" style={{ marginInlineStart: 8 }}>
              {t("draw.drawnTag")}
            </Tag>
          )}
        </span>
      ),
    },
    {
      title: t("campaign.selfEvaluation"),
      dataIndex: "selfEvaluationStatus",
      width: 110,
      render: (s: string | null) => <SelfEvaluationTag status={s as SelfEvaluationStatus | null} />,
    },
    ...progress.groups.map((code, i) => ({
      title: groupName(code),
      key: code,
      width: 170,
      sorter: (a: UnitProgress, b: UnitProgress) =>
        (a.groups[i]?.submitted ?? 0) - (b.groups[i]?.submitted ?? 0),
      render: (_: unknown, u: UnitProgress) => {
        const g = u.groups[i];
        if (g === undefined || g.assigned === 0) return <Tag>{t("review.progress.unassigned")}</Tag>;
        return (
          <Space direction="vertical" size={0}>
            <Typography.Text style={{ fontSize: 12 }}>
              {t("review.progress.submitted", { submitted: g.submitted, assigned: g.assigned })}
              {g.saved > g.submitted
                ? ` · ${t("review.progress.saved", { saved: g.saved - g.submitted })}`
                : ""}
            </Typography.Text>
            <Progress percent={Math.round((100 * g.submitted) / g.assigned)} size="small" showInfo={false} />
          </Space>
        );
      },
    })),
    {
      title: t("review.progress.state"),
      key: "state",
      width: 100,
      filters: [
        { text: t("review.progress.complete"), value: true },
        { text: t("review.progress.incomplete"), value: false },
      ],
      onFilter: (value, u) => unitComplete(u) === value,
      render: (_, u) =>
        unitComplete(u) ? (
          <Tag color="success">{t("review.progress.complete")}</Tag>
        ) : (
          <Tag color="processing">{t("review.progress.incomplete")}</Tag>
        ),
    },
  ];
  return (
    <Card
      size="small"
      title={t("review.progress.title")}
      extra={
        <Typography.Text type="secondary">
          {t("review.progress.summary", { complete, total: progress.units.length })}
        </Typography.Text>
      }
    >
      <Table<UnitProgress>
        rowKey="organisationId"
        size="small"
        dataSource={progress.units}
        columns={columns}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
      />
    </Card>
  );
}
