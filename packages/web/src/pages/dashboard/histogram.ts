/**
 * 分数分布: the run's histogram of totals as score bands. The server bins the whole 0…max range; the empty bands
 * below the lowest total are left out so the occupied ones are readable (the bands above are kept: an empty top
 * band says as much as a full one).
 */
import type { ChartOption, Translate } from "./chart-option.js";
import type { RunDashboard } from "./dashboard-api.js";

export interface Band {
  key: string;
  /** "70–80"; each band holds its lower bound, not its upper one, except the last which holds both. */
  label: string;
  count: number;
  /** The band's share of all units, in per cent with one decimal ("14.3"). */
  share: string;
}

export function scoreBands(histogram: RunDashboard["histogram"]): Band[] {
  const bins = histogram.bins;
  const total = bins.reduce((n, b) => n + b.count, 0);
  const first = bins.findIndex((b) => b.count > 0);
  return bins.slice(Math.max(first, 0)).map((b) => ({
    key: b.from,
    label: `${b.from}–${b.to}`,
    count: b.count,
    share: total === 0 ? "0.0" : ((b.count / total) * 100).toFixed(1),
  }));
}

export function histogramOption(bands: Band[], t: Translate): ChartOption {
  return {
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    grid: { left: 48, right: 16, top: 32, bottom: 40 },
    xAxis: {
      type: "category",
      data: bands.map((b) => b.label),
      name: t("dashboard.histogram.axis"),
      nameLocation: "middle",
      nameGap: 28,
    },
    yAxis: { type: "value", name: t("dashboard.units"), minInterval: 1 },
    series: [
      {
        type: "bar",
        name: t("dashboard.units"),
        data: bands.map((b) => b.count),
        barMaxWidth: 48,
        label: { show: true, position: "top" },
      },
    ],
  };
}
