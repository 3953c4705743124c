/**
 * The campaign's grading tab (?tab=grading): the steps after the review (grading run, publicity, publication), the
 * bonus approval, the grading runs leading to their rankings, and the objections. Each part shows only when the
 * user may read it; the actions only to the organiser. A unit's own people find their results across years here.
 */
import { Card, Space, Table, Tag, Typography } from "antd";
import { useMemo } from "react";
import { Link } from "react-router";
import type { GradingRunSummary } from "../../api/types.js";
import { useApi } from "../../api/use-api.js";
import { unitOrganisations } from "../../auth/roles.js";
import { useSignedIn } from "../../auth/session.js";
import { formatDateTime } from "../../format.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import { PageSpinner } from "../../layout/PageSpinner.js";
import type { CampaignTabProps } from "../campaign-tab.js";
import { BonusApproval } from "./BonusApproval.js";
import { GradingFlowCard } from "./GradingFlowCard.js";
import { loadGrading, runReason } from "./grading-data.js";
import { ObjectionsCard } from "./ObjectionsCard.js";

function RunsCard({ runs, publicisedRunId }: { runs: GradingRunSummary[]; publicisedRunId: string | null }) {
  const { t } = useI18n();
  const latest = runs.at(-1)?.id;
  return (
    <Card size="small" title={t("campaign.gradingRuns")}>
      <Table<GradingRunSummary>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={[...runs].reverse()}
        locale={{ emptyText: t("campaign.noRuns") }}
        columns={[
          {
            title: "#",
            dataIndex: "number",
            width: 240,
            sorter: (a, b) => a.number - b.number,
            render: (n: number, run) => (
              <Space size={4}>
                <Link to={`/grading-runs/${run.id}`}>{t("campaign.run", { number: n })}</Link>
                {run.id === latest && <Tag color="blue">{t("grading.latest")}</Tag>}
                {run.id === publicisedRunId && <Tag color="processing">{t("grading.publicised")}</Tag>}
                {run.objectionId !== null && <Tag color="orange">{t("grading.byObjection")}</Tag>}
              </Space>
            ),
          },
          {
            title: t("ranking.createdAt"),
            dataIndex: "createdAt",
            width: 150,
            render: (v: string) => formatDateTime(v),
          },
          { title: t("campaign.units"), dataIndex: "unitCount", width: 90, align: "right" },
          {
            title: t("ranking.reason"),
            key: "reason",
            ellipsis: { showTitle: true },
            render: (_, run) => (
              <Typography.Text type="secondary">
                {runReason(run, t("grading.byObjection")) ?? "—"}
              </Typography.Text>
            ),
          },
        ]}
      />
    </Card>
  );
}

export default function CampaignGradingTab({ campaign, reload: reloadCampaign }: CampaignTabProps) {
  const { t } = useI18n();
  const session = useSignedIn();
  const { data, error, loading, reload } = useApi(() => loadGrading(campaign), [campaign]);
  const unitNames = useMemo(
    () => new Map((data?.units ?? []).map((u) => [u.organisationId, u.name])),
    [data],
  );
  if (error !== undefined) return <ApiErrorAlert error={error} onRetry={reload} />;
  if (loading || data === undefined) return <PageSpinner />;

  const organiser = data.objections !== null;
  const mine = new Set(unitOrganisations(session));
  const myUnits = data.units
    .filter((u) => mine.has(u.organisationId))
    .map((u) => ({ id: u.organisationId, name: u.name }));
  const bonus = data.version?.bonus ?? null;
  const published = campaign.status === "published";
  const locked = published || data.period !== null;
  const bonusCard = organiser && bonus !== null && bonus.items.length > 0 && data.units.length > 0 && (
    <BonusApproval
      campaign={campaign}
      units={data.units}
      items={bonus.items}
      cap={bonus.cap}
      locked={locked}
    />
  );

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card size="small" title={t("grading.flow")}>
        <GradingFlowCard
          campaign={campaign}
          data={data}
          myUnits={myUnits}
          onChanged={reload}
          reloadCampaign={reloadCampaign}
        />
        {myUnits.length > 0 && (
          <Space wrap style={{ marginTop: 12, display: "flex" }}>
            {myUnits.map((u) => (
              <Link key={u.id} to={`/organisations/${u.id}/results`}>
                {t("grading.myResults")}
                {myUnits.length > 1 ? ` · ${u.name}` : ""}
              </Link>
            ))}
          </Space>
        )}
        {!organiser && data.runs === null && data.period === null && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t("grading.readOnly")}
          </Typography.Paragraph>
        )}
      </Card>

      {!locked && bonusCard}

      {data.runs !== null && <RunsCard runs={data.runs} publicisedRunId={data.period?.runId ?? null} />}

      {data.objections !== null && (data.period !== null || data.objections.length > 0) && (
        <ObjectionsCard
          campaignId={campaign.id}
          objections={data.objections}
          unitNames={unitNames}
          runs={data.runs ?? []}
          items={bonus?.items ?? []}
          canDecide={!published}
          onChanged={reload}
        />
      )}

      {locked && bonusCard}
    </Space>
  );
}
