/** 等次分布: how many units got each grade, in the scheme's order from the best down (未定级 last). */
import type { ChartOption, Translate } from "./chart-option.js";
import type { RunDashboard } from "./dashboard-api.js";

export interface GradeCount {
  key: string;
  name: string;
  count: number;
}

export const gradeCounts = (grades: RunDashboard["grades"]): GradeCount[] =>
  grades.map((g) => ({ key: g.grade ?? "", name: g.name, count: g.count }));

/** A doughnut of the grades given to at least one unit (an empty slice would only crowd the labels). */
export function gradesOption(grades: GradeCount[], t: Translate): ChartOption {
  return {
    tooltip: {
      trigger: "item",
      formatter: (p) => {
        const item = Array.isArray(p) ? p[0]! : p;
        return t("dashboard.grades.tooltip", {
          name: item.name,
          count: Number(item.value),
          percent: item.percent ?? 0,
        });
      },
    },
    legend: { bottom: 0, type: "scroll" },
    series: [
      {
        type: "pie",
        name: t("dashboard.grades.title"),
        radius: ["38%", "64%"],
        center: ["50%", "45%"],
        data: grades.filter((g) => g.count > 0).map((g) => ({ name: g.name, value: g.count })),
        label: { formatter: (p) => t("dashboard.grades.label", { name: p.name, count: Number(p.value) }) },
      },
    ],
  };
}
