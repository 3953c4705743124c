/**
 * 数据看板 (leaders' dashboard): for a campaign with results and one of its grading runs, the distribution of
 * totals, the grade counts, the ranking's first and last units, one unit's first-level indicators against the
 * average and its totals across the years; and the progress of every running campaign. The chosen campaign, run
 * and unit are in the address (?campaign=&run=&unit=), so a view can be shared.
 */
import { Card, Empty, Form, Select, Space, Typography } from "antd";
import { type ReactNode, useMemo } from "react";
import { useSearchParams } from "react-router";
import { api, call } from "../../api/client.js";
import type { CampaignSummary } from "../../api/types.js";
import { useApi } from "../../api/use-api.js";
import { formatDateTime } from "../../format.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import { PageSpinner } from "../../layout/PageSpinner.js";
import { CampaignProgress } from "./CampaignProgress.js";
import { campaignChoices, defaultCampaign } from "./campaign-choices.js";
import { loadDashboardCampaigns } from "./load-campaigns.js";
import { RunFigures } from "./RunFigures.js";
import { UnitFigures } from "./UnitFigures.js";

type Choice = "campaign" | "run" | "unit";

function useChoices() {
  const [params, setParams] = useSearchParams();
  const choose = (key: Choice, value: string) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.set(key, value);
      // A new campaign has other runs and units; a new run keeps the unit if it is in it.
      if (key === "campaign") {
        next.delete("run");
        next.delete("unit");
      }
      return next;
    });
  return { get: (key: Choice) => params.get(key), choose };
}

/** A section's heading, with the selector of what it shows on the right. */
function SectionHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div style={{ display: "flex", alignItems: "center", justifyContent: "space-between", gap: 16 }}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      {children !== undefined && (
        <Form layout="inline" style={{ flexWrap: "nowrap" }}>
          {children}
        </Form>
      )}
    </div>
  );
}

/** The chosen run's figures and, below them, the chosen unit's. */
function RunSection({ campaign }: { campaign: CampaignSummary }) {
  const { t } = useI18n();
  const choices = useChoices();
  const runs = useApi(
    () =>
      call(
        api.GET("/api/v1/campaigns/{id}/grading-runs", {
          params: { path: { id: campaign.id }, query: { limit: 500 } },
        }),
      ).then((page) => [...page.items].sort((a, b) => b.number - a.number)),
    [campaign.id],
  );
  const runId = runs.data?.find((r) => r.id === choices.get("run"))?.id ?? runs.data?.[0]?.id ?? null;
  const figures = useApi(
    async () =>
      runId === null
        ? null
        : Promise.all([
            call(api.GET("/api/v1/grading-runs/{id}/dashboard", { params: { path: { id: runId } } })),
            call(
              api.GET("/api/v1/grading-runs/{id}", {
                params: { path: { id: runId }, query: { limit: 500 } },
              }),
            ),
          ]),
    [runId],
  );

  if (runs.error !== undefined) return <ApiErrorAlert error={runs.error} onRetry={runs.reload} />;
  if (runs.data === undefined) return <PageSpinner />;
  if (runId === null) return <Empty description={t("dashboard.noRuns")} />;

  const ranked = figures.data?.[1].items ?? [];
  const units = ranked.filter((u) => u.organisationId !== null);
  const unitId =
    units.find((u) => u.organisationId === choices.get("unit"))?.organisationId ??
    units[0]?.organisationId ??
    null;

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <SectionHeader title={t("dashboard.section.run", { name: campaign.name })}>
        <Form.Item label={t("dashboard.run")} htmlFor="dashboard-run" style={{ marginInlineEnd: 0 }}>
          <Select
            id="dashboard-run"
            style={{ width: 300 }}
            value={runId}
            onChange={(value) => choices.choose("run", value)}
            options={runs.data.map((r, i) => ({
              value: r.id,
              label: `${t("campaign.run", { number: r.number })} · ${formatDateTime(r.createdAt)}${
                i === 0 ? t("dashboard.latest") : ""
              }`,
            }))}
          />
        </Form.Item>
      </SectionHeader>
      {figures.error !== undefined ? (
        <ApiErrorAlert error={figures.error} onRetry={figures.reload} />
      ) : figures.data == null || figures.loading ? (
        <PageSpinner />
      ) : (
        <>
          <RunFigures figures={figures.data[0]} units={ranked} />
          {unitId !== null && (
            <>
              <SectionHeader title={t("dashboard.section.unit")}>
                <Form.Item
                  label={t("dashboard.unit")}
                  htmlFor="dashboard-unit"
                  style={{ marginInlineEnd: 0 }}
                >
                  <Select
                    id="dashboard-unit"
                    style={{ width: 320 }}
                    showSearch={{ optionFilterProp: "label" }}
                    value={unitId}
                    onChange={(value) => choices.choose("unit", value)}
                    options={units.map((u) => ({
                      value: u.organisationId as string,
                      label: t("dashboard.unitOption", { rank: u.rank, name: u.name ?? u.unit }),
                    }))}
                  />
                </Form.Item>
              </SectionHeader>
              <UnitFigures runId={runId} organisationId={unitId} schemeCode={campaign.schemeCode} />
            </>
          )}
        </>
      )}
    </Space>
  );
}

export default function DashboardPage() {
  const { t } = useI18n();
  const choices = useChoices();
  const { data, error, loading, reload } = useApi(loadDashboardCampaigns, []);
  const options = useMemo(
    () => (data === undefined ? [] : campaignChoices(data.campaigns, data.overviews)),
    [data],
  );
  if (error !== undefined) return <ApiErrorAlert error={error} onRetry={reload} />;
  if (loading || data === undefined) return <PageSpinner />;

  const campaign = options.find((c) => c.id === choices.get("campaign")) ?? defaultCampaign(options);
  const running = [...data.overviews.values()].sort(
    (a, b) => b.year - a.year || a.name.localeCompare(b.name),
  );

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card size="small">
        <Space wrap size={24} style={{ justifyContent: "space-between", width: "100%" }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t("dashboard.title")}
          </Typography.Title>
          <Form layout="inline">
            <Form.Item
              label={t("dashboard.campaign")}
              htmlFor="dashboard-campaign"
              style={{ marginInlineEnd: 0 }}
            >
              <Select
                id="dashboard-campaign"
                style={{ width: 380 }}
                value={campaign?.id}
                placeholder={t("dashboard.noCampaigns")}
                onChange={(value) => choices.choose("campaign", value)}
                options={options.map((c) => ({
                  value: c.id,
                  label: t(
                    c.status === "published"
                      ? "dashboard.campaignOption.published"
                      : "dashboard.campaignOption.running",
                    {
                      name: c.name,
                    },
                  ),
                }))}
              />
            </Form.Item>
          </Form>
        </Space>
      </Card>
      {campaign === undefined ? (
        <Card size="small">
          <Empty description={t("dashboard.noCampaigns")} />
        </Card>
      ) : (
        <RunSection key={campaign.id} campaign={campaign} />
      )}
      <SectionHeader title={t("dashboard.section.progress")} />
      <CampaignProgress overviews={running} />
    </Space>
  );
}
