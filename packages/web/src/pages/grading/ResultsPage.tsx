/**
 * 历年结果 (/organisations/:id/results): a unit's published results across years, per scheme a small trend of its
 * totals, and a way back to each campaign's grading. Grade names come from each campaign's scheme version (the
 * results keep codes); a version the user may not read leaves the code.
 */
import { Card, Empty, Space, Table, Tag, Typography } from "antd";
import { Link, useParams } from "react-router";
import { api, call } from "../../api/client.js";
import { optional } from "../../api/optional.js";
import type { ResponseOf } from "../../api/types.js";
import { useApi } from "../../api/use-api.js";
import { formatDate } from "../../format.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import { PageSpinner } from "../../layout/PageSpinner.js";
import { schemeGrading } from "./ranking.js";
import { TrendLine } from "./TrendLine.js";

type Result = ResponseOf<"/api/v1/organisations/{id}/results", "get">["items"][number];

async function gradeNamesOf(campaignId: string): Promise<Map<string, string>> {
  const campaign = await optional(
    call(api.GET("/api/v1/campaigns/{id}", { params: { path: { id: campaignId } } })),
  );
  if (campaign === null) return new Map();
  const version = await optional(
    call(api.GET("/api/v1/scheme-versions/{id}", { params: { path: { id: campaign.schemeVersionId } } })),
  );
  return new Map(schemeGrading(version?.definition).grades.map((g) => [g.code, g.name]));
}

async function loadResults(id: string) {
  const [organisation, results] = await Promise.all([
    optional(call(api.GET("/api/v1/organisations/{id}", { params: { path: { id } } }))),
    call(api.GET("/api/v1/organisations/{id}/results", { params: { path: { id }, query: { limit: 500 } } })),
  ]);
  const campaigns = [...new Set(results.items.map((r) => r.campaignId))];
  const names = await Promise.all(campaigns.map(gradeNamesOf));
  const gradeNames = new Map(campaigns.map((c, i) => [c, names[i]!]));
  return { organisation, items: results.items, gradeNames };
}

export default function ResultsPage() {
  const { id = "" } = useParams();
  const { t } = useI18n();
  const { data, error, loading, reload } = useApi(() => loadResults(id), [id]);
  if (error !== undefined) return <ApiErrorAlert error={error} onRetry={reload} />;
  if (loading || data === undefined) return <PageSpinner />;
  const { organisation, items, gradeNames } = data;
  const gradeName = (r: Result) =>
    r.grade === null ? null : (gradeNames.get(r.campaignId)?.get(r.grade) ?? r.grade);
  const schemes = [...new Set(items.map((r) => r.schemeCode))];

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card
        size="small"
        title={
          <Space>
            <span>{t("results.title")}</span>
            {organisation !== null && <Typography.Text type="secondary">{organisation.name}</Typography.Text>}
          </Space>
        }
        extra={
          items.length > 0 && (
            <Typography.Text type="secondary">{t("results.count", { count: items.length })}</Typography.Text>
          )
        }
      >
        {items.length === 0 ? (
          <Empty description={t("results.none")} />
        ) : (
          <Space size={24} wrap align="start">
            {schemes.map((scheme) => {
              const series = items
                .filter((r) => r.schemeCode === scheme)
                .sort((a, b) => a.year - b.year)
                .map((r) => ({ label: String(r.year), value: Number(r.total) }));
              const campaignName = items.find((r) => r.schemeCode === scheme)?.campaignName ?? scheme;
              return (
                <figure key={scheme} style={{ margin: 0 }}>
                  <TrendLine points={series} label={t("results.trendLabel", { scheme: campaignName })} />
                  <figcaption>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t("results.trend")} · {campaignName.replace(/^\d{4}年度/, "")}
                    </Typography.Text>
                  </figcaption>
                </figure>
              );
            })}
          </Space>
        )}
      </Card>

      {items.length > 0 && (
        <Card size="small">
          <Table<Result>
            rowKey={(r) => `${r.campaignId}`}
            size="small"
            pagination={false}
            dataSource={items}
            columns={[
              {
                title: t("results.year"),
                dataIndex: "year",
                width: 90,
                sorter: (a, b) => a.year - b.year,
                defaultSortOrder: "descend",
              },
              {
                title: t("results.campaign"),
                key: "campaign",
                render: (_, r) => <Link to={`/campaigns/${r.campaignId}?tab=grading`}>{r.campaignName}</Link>,
                filters: schemes.map((s) => ({
                  text: items.find((r) => r.schemeCode === s)?.campaignName.replace(/^\d{4}年度/, "") ?? s,
                  value: s,
                })),
                onFilter: (value, r) => r.schemeCode === value,
              },
              {
                title: t("results.total"),
                dataIndex: "total",
                width: 100,
                align: "right",
                sorter: (a, b) => Number(a.total) - Number(b.total),
                render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
              },
              {
                title: t("results.grade"),
                key: "grade",
                width: 120,
                render: (_, r) => (r.grade === null ? "—" : <Tag color="blue">{gradeName(r)}</Tag>),
              },
              {
                title: t("results.rank"),
                dataIndex: "rank",
                width: 80,
                align: "right",
                sorter: (a, b) => (a.rank ?? 0) - (b.rank ?? 0),
                render: (v: number | null) => v ?? "—",
              },
              {
                title: t("results.publishedAt"),
                dataIndex: "publishedAt",
                width: 120,
                render: (v: string) => formatDate(v),
              },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
