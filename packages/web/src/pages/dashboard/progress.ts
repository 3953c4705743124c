/**
 * 进行中的考评活动: a running campaign's progress from its overview — the units' self-evaluations and the reviewers'
 * score sheets, each split into done, in progress, returned and not started, with the exact counts for the table.
 */
import type { ChartOption, Translate } from "./chart-option.js";
import type { CampaignOverview } from "./dashboard-api.js";

export interface ProgressFigure {
  key: string;
  /** The part of the work: 单位自评 or 评审评分. */
  part: string;
  status: string;
  count: number;
}

/** Every count of the overview, as the data table lists them. */
export function progressFigures(o: CampaignOverview, t: Translate): ProgressFigure[] {
  const self = t("dashboard.progress.self");
  const review = t("dashboard.progress.review");
  const s = o.selfEvaluations;
  const r = o.review;
  const row = (part: string, key: string, status: string, count: number): ProgressFigure => ({
    key: `${part}:${key}`,
    part,
    status,
    count,
  });
  return [
    row(self, "units", t("dashboard.progress.units"), o.units.total),
    row(self, "submitted", t("dashboard.progress.submitted"), s.submitted),
    row(self, "accepted", t("dashboard.progress.accepted"), s.accepted),
    row(self, "draft", t("dashboard.progress.draft"), s.draft),
    row(self, "returned", t("dashboard.progress.returned"), s.returned),
    row(self, "notStarted", t("dashboard.progress.notStarted"), s.notStarted),
    row(self, "late", t("dashboard.progress.late"), s.late),
    row(review, "sheets", t("dashboard.progress.sheets"), r.sheets),
    row(review, "submitted", t("dashboard.progress.sheetsSubmitted"), r.submitted),
    row(review, "saved", t("dashboard.progress.sheetsSaved"), r.saved),
    row(review, "notStarted", t("dashboard.progress.notStarted"), r.sheets - r.submitted - r.saved),
    row(review, "unitsComplete", t("dashboard.progress.unitsComplete"), r.unitsComplete),
    row(review, "objections", t("dashboard.progress.objections"), o.objections.pending),
  ];
}

/**
 * Two bars, self-evaluations (of the units) and score sheets, each as 100 % in four shares: done (accepted
 * included), in progress (a draft, a saved sheet), returned, not started. Shares rather than counts, as a campaign
 * has many more sheets than units; the labels and the tooltip give the counts.
 */
export function progressOption(o: CampaignOverview, t: Translate): ChartOption {
  const s = o.selfEvaluations;
  const r = o.review;
  const parts = [
    t("dashboard.progress.selfBar", { count: o.units.total }),
    t("dashboard.progress.reviewBar", { count: r.sheets }),
  ];
  const totals = [o.units.total, r.sheets];
  const percent = (count: number | null, i: number) =>
    count === null || totals[i] === 0 ? "-" : Math.round((count / totals[i]!) * 1000) / 10;
  const shares: Array<{ name: string; counts: [number, number | null]; color: string }> = [
    { name: t("dashboard.progress.done"), counts: [s.submitted + s.accepted, r.submitted], color: "#3a9e6f" },
    { name: t("dashboard.progress.inProgress"), counts: [s.draft, r.saved], color: "#1f4e96" },
    { name: t("dashboard.progress.returned"), counts: [s.returned, null], color: "#e6862e" },
    {
      name: t("dashboard.progress.notStarted"),
      counts: [s.notStarted, r.sheets - r.submitted - r.saved],
      color: "#bfbfbf",
    },
  ];
  const countOf = (series: number, part: number) => shares[series]?.counts[part] ?? null;
  return {
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: (params) => {
        const items = Array.isArray(params) ? params : [params];
        const part = items[0]?.dataIndex ?? 0;
        const lines = items
          .filter((p) => countOf(p.seriesIndex ?? 0, part) !== null)
          .map((p) =>
            t("dashboard.progress.tooltip", {
              marker: typeof p.marker === "string" ? p.marker : "",
              name: p.seriesName ?? "",
              count: countOf(p.seriesIndex ?? 0, part) ?? 0,
              percent: String(p.value),
            }),
          );
        return [parts[part], ...lines].join("<br/>");
      },
    },
    legend: { bottom: 0 },
    grid: { left: 8, right: 24, top: 8, bottom: 40, containLabel: true },
    xAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
    yAxis: { type: "category", data: parts, inverse: true },
    series: shares.map((share, index) => ({
      type: "bar",
      name: share.name,
      stack: "all",
      data: share.counts.map(percent),
      barMaxWidth: 28,
      itemStyle: { color: share.color },
      label: {
        show: true,
        formatter: (p: { dataIndex: number }) => {
          const count = countOf(index, p.dataIndex);
          return count === null || count === 0 ? "" : String(count);
        },
      },
    })),
  };
}
