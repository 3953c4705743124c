/** 排名: the first or last N units of a run's ranking as a horizontal bar chart, the best at the top. */
import type { RankedUnit } from "../../api/types.js";
import type { ChartOption, Translate } from "./chart-option.js";

export type RankingEnd = "top" | "bottom";

/** What the chart reads of a ranked unit. */
export type RankedFigures = Pick<RankedUnit, "unit" | "name" | "rank" | "total" | "grade" | "gradeName">;

export interface RankingBar {
  key: string;
  rank: number;
  name: string;
  total: string;
  gradeName: string | null;
}

/** The `n` best (or worst) units by rank, listed best first either way; ties keep the ranking's order. */
export function rankingSlice(units: readonly RankedFigures[], end: RankingEnd, n: number): RankingBar[] {
  const sorted = [...units].sort((a, b) => a.rank - b.rank);
  const slice = end === "top" ? sorted.slice(0, n) : sorted.slice(Math.max(0, sorted.length - n));
  return slice.map((u) => ({
    key: u.unit,
    rank: u.rank,
    name: u.name ?? u.unit,
    total: u.total,
    gradeName: u.gradeName ?? u.grade,
  }));
}

export function rankingOption(bars: RankingBar[], t: Translate): ChartOption {
  // ECharts draws a category axis from the bottom up: reversed, the first-ranked bar is on top.
  const rows = [...bars].reverse();
  const totals = rows.map((b) => Number(b.total));
  const least = totals.length === 0 ? 0 : Math.min(...totals);
  return {
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    grid: { left: 8, right: 56, top: 8, bottom: 24, containLabel: true },
    xAxis: {
      type: "value",
      name: t("dashboard.total"),
      // Start the axis a little below the lowest total (on a multiple of 10) so the differences show.
      min: Math.max(0, Math.floor((least - 5) / 10) * 10),
    },
    yAxis: {
      type: "category",
      data: rows.map((b) => t("dashboard.ranking.bar", { rank: b.rank, name: b.name })),
      axisLabel: { width: 230, overflow: "truncate" },
    },
    series: [
      {
        type: "bar",
        name: t("dashboard.total"),
        data: rows.map((b) => Number(b.total)),
        barMaxWidth: 18,
        label: { show: true, position: "right", formatter: (p) => rows[p.dataIndex]!.total },
      },
    ],
  };
}
