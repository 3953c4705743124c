/**
 * One unit of the run: its first-level indicator rates against the average of all units (radar), and its
 * published totals and grades across the years beside each year's average (trend).
 */
import { Alert, Col, Row } from "antd";
import { useMemo } from "react";
import { api, call } from "../../api/client.js";
import { optional } from "../../api/optional.js";
import { useApi } from "../../api/use-api.js";
import { useI18n } from "../../i18n/i18n.js";
import { ApiErrorAlert } from "../../layout/ApiErrorAlert.js";
import { PageSpinner } from "../../layout/PageSpinner.js";
import { ChartCard } from "./ChartCard.js";
import type { UnitRadar, UnitTrend } from "./dashboard-api.js";
import { radarOption, radarRows } from "./radar.js";
import { trendOption, trendRows } from "./trend.js";

const dash = (v: string | number | null) => v ?? "—";
const percent = (v: string | null) => (v === null ? "—" : `${v}%`);

function Radar({ radar }: { radar: UnitRadar }) {
  const { t } = useI18n();
  const name = radar.name ?? radar.unit;
  const rows = useMemo(() => radarRows(radar), [radar]);
  const option = useMemo(() => radarOption(rows, name, t), [rows, name, t]);
  return (
    <ChartCard
      title={t("dashboard.radar.title", { name })}
      description={t("dashboard.radar.description", {
        name,
        indicators: rows
          .map((r) =>
            t("dashboard.radar.item", {
              indicator: r.name,
              rate: dash(r.rate),
              average: dash(r.averageRate),
            }),
          )
          .join("；"),
      })}
      option={option}
      empty={rows.length === 0}
      data={{
        columns: [
          { title: t("dashboard.radar.indicator"), dataIndex: "name" },
          { title: t("dashboard.radar.max"), dataIndex: "max", align: "right" },
          {
            title: t("dashboard.radar.applicableMax"),
            dataIndex: "applicableMax",
            align: "right",
            render: dash,
          },
          { title: t("dashboard.radar.score"), dataIndex: "score", align: "right", render: dash },
          { title: t("dashboard.radar.rate"), dataIndex: "rate", align: "right", render: percent },
          {
            title: t("dashboard.radar.averageRate"),
            dataIndex: "averageRate",
            align: "right",
            render: percent,
          },
        ],
        rows,
      }}
      footer={
        <div style={{ color: "#8c8c8c", fontSize: 12 }}>
          {t(rows.length < 3 ? "dashboard.radar.noteBars" : "dashboard.radar.note")}
        </div>
      }
    />
  );
}

function Trend({ trend, name }: { trend: UnitTrend; name: string }) {
  const { t } = useI18n();
  const rows = useMemo(() => trendRows(trend), [trend]);
  const option = useMemo(() => trendOption(rows, name, t), [rows, name, t]);
  return (
    <ChartCard
      title={t("dashboard.trend.title", { name })}
      description={t("dashboard.trend.description", {
        name,
        years: rows
          .map((r) =>
            t("dashboard.trend.item", {
              year: r.year,
              total: r.total,
              grade: dash(r.gradeName),
              average: r.average,
            }),
          )
          .join("；"),
      })}
      option={option}
      empty={rows.length === 0}
      data={{
        columns: [
          {
            title: t("dashboard.trend.yearColumn"),
            key: "year",
            // The campaign's name on hover: the column stays narrow beside the radar's table.
            render: (_, r) => <span title={r.campaignName}>{r.year}</span>,
          },
          { title: t("ranking.total"), dataIndex: "total", align: "right" },
          { title: t("ranking.grade"), dataIndex: "gradeName", render: dash },
          { title: t("ranking.rank"), dataIndex: "rank", align: "right", render: dash },
          { title: t("dashboard.trend.average"), dataIndex: "average", align: "right" },
        ],
        rows,
      }}
      footer={<div style={{ color: "#8c8c8c", fontSize: 12 }}>{t("dashboard.trend.note")}</div>}
    />
  );
}

export function UnitFigures({
  runId,
  organisationId,
  schemeCode,
}: {
  runId: string;
  organisationId: string;
  schemeCode: string;
}) {
  const { t } = useI18n();
  const { data, error, loading, reload } = useApi(async () => {
    const [radar, trend] = await Promise.all([
      call(
        api.GET("/api/v1/grading-runs/{id}/units/{orgId}/radar", {
          params: { path: { id: runId, orgId: organisationId } },
        }),
      ),
      // A viewer over the run may still not read this unit's other years: the radar is then shown alone.
      optional(
        call(
          api.GET("/api/v1/organisations/{id}/trend", {
            params: { path: { id: organisationId }, query: { scheme: schemeCode } },
          }),
        ),
      ),
    ]);
    return { radar, trend };
  }, [runId, organisationId, schemeCode]);
  if (error !== undefined) return <ApiErrorAlert error={error} onRetry={reload} />;
  if (loading || data === undefined) return <PageSpinner />;
  const name = data.radar.name ?? data.radar.unit;
  return (
    <Row gutter={[16, 16]}>
      <Col span={12}>
        <Radar radar={data.radar} />
      </Col>
      <Col span={12}>
        {data.trend === null ? (
          <Alert type="info" showIcon title={t("dashboard.trend.forbidden")} />
        ) : (
          <Trend trend={data.trend} name={name} />
        )}
      </Col>
    </Row>
  );
}
