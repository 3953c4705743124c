/**
 * 一级指标对比: a unit's score rate (得分率, score ÷ applicable maximum × 100) per first-level indicator against the
 * average rate of all the run's units. Rates rather than scores, so indicators of different maxima share one scale.
 * A radar needs three axes at least: with fewer first-level indicators the same figures are grouped bars.
 */
import type { ChartOption, Translate } from "./chart-option.js";
import type { UnitRadar } from "./dashboard-api.js";

export interface RadarRow {
  key: string;
  name: string;
  max: string;
  /** null when the indicator does not apply to the unit (不适用). */
  score: string | null;
  applicableMax: string | null;
  rate: string | null;
  averageRate: string | null;
}

export const radarRows = (radar: UnitRadar): RadarRow[] =>
  radar.indicators.map((i) => ({
    key: i.code,
    name: i.name,
    max: i.max,
    score: i.score,
    applicableMax: i.applicableMax,
    rate: i.rate,
    averageRate: i.averageRate,
  }));

/** A missing value for ECharts: the point is left out rather than drawn at 0. */
const value = (rate: string | null): number | "-" => (rate === null ? "-" : Number(rate));

export function radarOption(rows: RadarRow[], unitName: string, t: Translate): ChartOption {
  const average = t("dashboard.radar.average");
  const legend = { bottom: 0, data: [unitName, average] };
  if (rows.length < 3) {
    return {
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend,
      grid: { left: 48, right: 16, top: 32, bottom: 56 },
      xAxis: { type: "category", data: rows.map((r) => r.name) },
      yAxis: {
        type: "value",
        name: t("dashboard.radar.rate"),
        min: 0,
        max: 100,
        axisLabel: { formatter: "{value}%" },
      },
      series: [
        {
          type: "bar",
          name: unitName,
          data: rows.map((r) => value(r.rate)),
          barMaxWidth: 36,
          label: { show: true, position: "top" },
        },
        {
          type: "bar",
          name: average,
          data: rows.map((r) => value(r.averageRate)),
          barMaxWidth: 36,
          label: { show: true, position: "top" },
        },
      ],
    };
  }
  return {
    tooltip: { trigger: "item" },
    legend,
    radar: {
      indicator: rows.map((r) => ({ name: r.name, min: 0, max: 100 })),
      radius: "62%",
      center: ["50%", "48%"],
      axisName: { color: "#595959" },
    },
    series: [
      {
        type: "radar",
        data: [
          { name: unitName, value: rows.map((r) => value(r.rate)), areaStyle: { opacity: 0.15 } },
          { name: average, value: rows.map((r) => value(r.averageRate)), lineStyle: { type: "dashed" } },
        ],
      },
    ],
  };
}
