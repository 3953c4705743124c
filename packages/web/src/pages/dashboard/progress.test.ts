import { describe, expect, it } from "vitest";
import type { CampaignOverview } from "./dashboard-api.js";
import { progressFigures, progressOption } from "./progress.js";
import { zhT } from "./test-figures.js";

const overview: CampaignOverview = {
  campaignId: "c",
  name: "2026年度考评",
  year: 2026,
  status: "running",
  currentStage: "review",
  now: "2026-03-01T00:00:00Z",
  stages: [],
  units: { total: 6, evaluated: 5, reporting: 1 },
  selfEvaluations: { notStarted: 1, draft: 1, submitted: 2, returned: 1, accepted: 1, late: 3 },
  review: { sheets: 10, saved: 3, submitted: 4, unitsAssigned: 5, unitsComplete: 2 },
  objections: { pending: 1, upheld: 0, rejected: 0 },
  latestRun: null,
};

describe("progress", () => {
  it("lists every count, with the sheets not started worked out (10 − 4 − 3 = 3)", () => {
    const figures = Object.fromEntries(progressFigures(overview, zhT).map((f) => [f.key, f.count]));
    expect(figures).toEqual({
      "单位自评:units": 6,
      "单位自评:submitted": 2,
      "单位自评:accepted": 1,
      "单位自评:draft": 1,
      "单位自评:returned": 1,
      "单位自评:notStarted": 1,
      "单位自评:late": 3,
      "评审评分:sheets": 10,
      "评审评分:submitted": 4,
      "评审评分:saved": 3,
      "评审评分:notStarted": 3,
      "评审评分:unitsComplete": 2,
      "评审评分:objections": 1,
    });
  });

  it("stacks done, in progress, returned and not started as shares of the units and of the sheets", () => {
    const option = progressOption(overview, zhT);
    expect(option.yAxis).toMatchObject({ data: ["单位自评（6个单位）", "评审评分（10份评分表）"] });
    // Units: 3 of 6 done (submitted 2 + accepted 1) = 50 %, 1 of 6 = 16.7 %; sheets: 4, 3 and 3 of 10.
    expect(option.series).toMatchObject([
      { name: "已提交", data: [50, 40] },
      { name: "填报/评分中", data: [16.7, 30] },
      { name: "已退回", data: [16.7, "-"] },
      { name: "未开始", data: [16.7, 30] },
    ]);
    const [done] = option.series as Array<{ label: { formatter: (p: { dataIndex: number }) => string } }>;
    expect(done!.label.formatter({ dataIndex: 0 })).toBe("3");
    expect(done!.label.formatter({ dataIndex: 1 })).toBe("4");
  });
});
