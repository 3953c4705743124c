/**
 * 历年趋势: a unit's published total year by year beside the average of the units published with it. A unit may be
 * in several campaigns of a scheme in one year; the points are then told apart by campaign name.
 */

import { formatDecimal } from "../../format.js";
import type { ChartOption, Translate } from "./chart-option.js";
import type { UnitTrend } from "./dashboard-api.js";

export interface TrendRow {
  key: string;
  year: number;
  campaignName: string;
  total: string;
  gradeName: string | null;
  rank: number | null;
  average: string;
  units: number;
}

export const trendRows = (trend: UnitTrend): TrendRow[] =>
  trend.points.map((p) => ({
    key: p.campaignId,
    year: p.year,
    campaignName: p.campaignName,
    total: p.total,
    gradeName: p.gradeName ?? p.grade,
    rank: p.rank,
    average: p.average,
    units: p.units,
  }));

export function trendOption(rows: TrendRow[], unitName: string, t: Translate): ChartOption {
  const perYear = new Map<number, number>();
  for (const r of rows) perYear.set(r.year, (perYear.get(r.year) ?? 0) + 1);
  const label = (r: TrendRow) =>
    (perYear.get(r.year) ?? 0) > 1
      ? `${r.year}\n${r.campaignName}`
      : t("dashboard.trend.year", { year: r.year });
  return {
    tooltip: { trigger: "axis" },
    legend: { bottom: 0, data: [unitName, t("dashboard.trend.average")] },
    grid: { left: 48, right: 24, top: 32, bottom: 56 },
    xAxis: { type: "category", data: rows.map(label), boundaryGap: rows.length === 1 },
    yAxis: {
      type: "value",
      name: t("dashboard.total"),
      // Room of two points above and below, so the labels of the highest and lowest points stay inside.
      min: (extent) => Math.max(0, Math.floor(extent.min) - 2),
      max: (extent) => Math.ceil(extent.max) + 2,
    },
    series: [
      {
        type: "line",
        name: unitName,
        data: rows.map((r) => Number(r.total)),
        symbolSize: 8,
        label: {
          show: true,
          position: "top",
          formatter: (p) => {
            const r = rows[p.dataIndex]!;
            return r.gradeName === null ? r.total : `${r.total}\n${r.gradeName}`;
          },
        },
      },
      {
        type: "line",
        name: t("dashboard.trend.average"),
        data: rows.map((r) => Number(r.average)),
        symbolSize: 6,
        lineStyle: { type: "dashed" },
        label: {
          show: true,
          position: "bottom",
          color: "#8c8c8c",
          formatter: (p) => formatDecimal(rows[p.dataIndex]!.average, 2),
        },
      },
    ],
  };
}
