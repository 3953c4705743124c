/** 进行中的考评活动: each running campaign's stages and how far its self-evaluations and score sheets are. */
import { Empty, Space, Steps, Tag } from "antd";
import { useMemo } from "react";
import { Link } from "react-router";
import { formatDate } from "../../format.js";
import { useI18n } from "../../i18n/i18n.js";
import { ChartCard } from "./ChartCard.js";
import type { CampaignOverview } from "./dashboard-api.js";
import { progressFigures, progressOption } from "./progress.js";

function stepStatus(stage: CampaignOverview["stages"][number]) {
  if (stage.overdue) return "error" as const;
  if (stage.open) return "process" as const;
  return stage.closedAt !== null ? ("finish" as const) : ("wait" as const);
}

function Stages({ overview }: { overview: CampaignOverview }) {
  const { t } = useI18n();
  return (
    <Steps
      size="small"
      style={{ marginTop: 12 }}
      current={Math.max(
        0,
        overview.stages.findIndex((s) => s.open),
      )}
      aria-label={t("dashboard.progress.stages")}
      items={overview.stages.map((s) => ({
        key: s.stage,
        title: s.name,
        status: stepStatus(s),
        content: s.overdue ? (
          <Tag color="error">{t("dashboard.progress.overdue")}</Tag>
        ) : (
          t("dashboard.progress.deadline", { date: formatDate(s.deadline) })
        ),
      }))}
    />
  );
}

function Progress({ overview }: { overview: CampaignOverview }) {
  const { t } = useI18n();
  const rows = useMemo(() => progressFigures(overview, t), [overview, t]);
  const option = useMemo(() => progressOption(overview, t), [overview, t]);
  const current = overview.stages.find((s) => s.open)?.name ?? "—";
  const s = overview.selfEvaluations;
  return (
    <ChartCard
      title={overview.name}
      description={t("dashboard.progress.description", {
        name: overview.name,
        stage: current,
        units: overview.units.total,
        submitted: s.submitted + s.accepted,
        returned: s.returned,
        late: s.late,
        sheets: overview.review.sheets,
        sheetsSubmitted: overview.review.submitted,
      })}
      option={option}
      height={180}
      extra={
        <>
          <Tag color="processing">{t("dashboard.progress.current", { stage: current })}</Tag>
          {s.late > 0 && <Tag color="error">{t("dashboard.progress.lateTag", { count: s.late })}</Tag>}
          <Link to={`/campaigns/${overview.campaignId}`}>{t("dashboard.progress.open")}</Link>
        </>
      }
      data={{
        columns: [
          { title: t("dashboard.progress.part"), dataIndex: "part", width: 96 },
          { title: t("dashboard.progress.status"), dataIndex: "status" },
          { title: t("dashboard.progress.count"), dataIndex: "count", align: "right" },
        ],
        rows,
      }}
      footer={<Stages overview={overview} />}
    />
  );
}

export function CampaignProgress({ overviews }: { overviews: CampaignOverview[] }) {
  const { t } = useI18n();
  if (overviews.length === 0) return <Empty description={t("dashboard.progress.none")} />;
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      {overviews.map((o) => (
        <Progress key={o.campaignId} overview={o} />
      ))}
    </Space>
  );
}
