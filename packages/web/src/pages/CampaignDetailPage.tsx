/**
 * A campaign: its header (scheme, year, stages; for organisers start, continue a draft, advance the stage) and its
 * tabs chosen by `?tab=`: overview (progress by stage and unit, 初审), review and sampling, grading and publicity, and
 * for organisers and viewers documents and archives.
 */
import { Card, Descriptions, Space, Steps, Tabs } from "antd";
import { useParams, useSearchParams } from "react-router";
import { api, call } from "../api/client.js";
import type { Campaign } from "../api/types.js";
import { useApi } from "../api/use-api.js";
import { kindOf } from "../auth/roles.js";
import { useSignedIn } from "../auth/session.js";
import { formatDateTime } from "../format.js";
import { useI18n } from "../i18n/i18n.js";
import { ApiErrorAlert } from "../layout/ApiErrorAlert.js";
import { BackLink } from "../layout/BackLink.js";
import { PageSpinner } from "../layout/PageSpinner.js";
import { CampaignActions } from "./campaign-overview/CampaignActions.js";
import CampaignOverviewTab from "./campaign-overview/CampaignOverviewTab.js";
import CampaignCaseFeedsTab from "./cases/CampaignCaseFeedsTab.js";
import CampaignDocumentsTab from "./documents/CampaignDocumentsTab.js";
import CampaignGradingTab from "./grading/CampaignGradingTab.js";
import { CampaignStatusTag } from "./labels.js";
import CampaignRectificationTab from "./rectification/CampaignRectificationTab.js";
import CampaignReviewTab from "./review/CampaignReviewTab.js";
import CampaignSurveysTab from "./surveys/CampaignSurveysTab.js";

function stageState(stage: Campaign["stages"][number]): "current" | "closed" | "pending" {
  if (stage.openedAt !== null && stage.closedAt === null) return "current";
  return stage.closedAt !== null ? "closed" : "pending";
}

export default function CampaignDetailPage() {
  const { id = "" } = useParams();
  const { t } = useI18n();
  const [search, setSearch] = useSearchParams();
  const tab = search.get("tab") ?? "overview";
  const session = useSignedIn();
  const organiser = session.user.grants.some((g) => kindOf(g.role) === "organiser");
  const overseer = organiser || session.user.grants.some((g) => kindOf(g.role) === "viewer");
  const {
    data: campaign,
    error,
    loading,
    reload,
  } = useApi(() => call(api.GET("/api/v1/campaigns/{id}", { params: { path: { id } } })), [id]);

  if (error !== undefined) return <ApiErrorAlert error={error} onRetry={reload} />;
  if (campaign === undefined || (loading && campaign.id !== id)) return <PageSpinner />;
  const stages = [...campaign.stages].sort((a, b) => a.position - b.position);
  const current = stages.findIndex((s) => stageState(s) === "current");

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card
        size="small"
        extra={organiser ? <CampaignActions campaign={campaign} reload={reload} /> : undefined}
        title={
          <Space>
            <BackLink to={"/campaigns"} />
            <span>{campaign.name}</span>
            <CampaignStatusTag status={campaign.status} />
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t("campaign.year")}>{campaign.year}</Descriptions.Item>
          <Descriptions.Item label={t("campaign.organiser")}>{campaign.organiserName}</Descriptions.Item>
          <Descriptions.Item label={t("campaign.scheme")}>
            {campaign.schemeName} {campaign.schemeVersionLabel}
          </Descriptions.Item>
          <Descriptions.Item label={t("campaign.units")}>{campaign.unitCount}</Descriptions.Item>
          <Descriptions.Item label={t("campaign.currentStage")}>
            {current >= 0 ? stages[current]!.name : "—"}
          </Descriptions.Item>
        </Descriptions>
        <Steps
          size="small"
          style={{ marginTop: 16 }}
          current={current >= 0 ? current : stages.filter((s) => s.closedAt !== null).length}
          items={stages.map((s) => ({
            title: s.name,
            content: formatDateTime(s.deadline).slice(0, 10),
            status: stageState(s) === "current" ? "process" : stageState(s) === "closed" ? "finish" : "wait",
          }))}
        />
      </Card>

      <Tabs
        activeKey={tab}
        onChange={(key) => setSearch({ tab: key }, { replace: true })}
        items={[
          {
            key: "overview",
            label: t("campaign.tab.overview"),
            children: <CampaignOverviewTab campaign={campaign} reload={reload} organiser={organiser} />,
          },
          {
            key: "review",
            label: t("campaign.tab.review"),
            children: <CampaignReviewTab campaign={campaign} reload={reload} />,
          },
          {
            key: "grading",
            label: t("campaign.tab.grading"),
            children: <CampaignGradingTab campaign={campaign} reload={reload} />,
          },
          {
            key: "rectification",
            label: t("rectification.tab"),
            children: <CampaignRectificationTab campaign={campaign} reload={reload} />,
          },
          ...(overseer
            ? [
                {
                  key: "documents",
                  label: t("documents.tab"),
                  children: <CampaignDocumentsTab campaign={campaign} organiser={organiser} />,
                },
                {
                  key: "surveys",
                  label: t("surveys.tab"),
                  children: <CampaignSurveysTab campaign={campaign} organiser={organiser} />,
                },
                {
                  key: "case-feeds",
                  label: t("cases.feeds.tab"),
                  children: (
                    <CampaignCaseFeedsTab campaign={campaign} reload={reload} organiser={organiser} />
                  ),
                },
              ]
            : []),
        ]}
      />
    </Space>
  );
}
