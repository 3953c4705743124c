import { describe, expect, it } from "vitest";
import { rankingOption, rankingSlice } from "./ranking.js";
import { s4Ranking, zhT } from "./test-figures.js";

describe("rankingSlice", () => {
  it("takes the first N by rank, best first", () => {
    const top = rankingSlice([...s4Ranking].reverse(), "top", 3);
    expect(top.map((b) => [b.rank, b.key, b.total, b.gradeName])).toEqual([
      [1, "T01", "94.85", "优秀单位"],
      [2, "D01", "92.00", "优秀单位"],
      [3, "T02", "90.85", "先进单位"],
    ]);
  });

  it("takes the last N, still listed best first, and all when there are fewer", () => {
    expect(rankingSlice(s4Ranking, "bottom", 3).map((b) => b.key)).toEqual(["T06", "D04", "D05"]);
    expect(rankingSlice(s4Ranking, "bottom", 20)).toHaveLength(14);
  });
});

describe("rankingOption", () => {
  it("draws the first-ranked bar on top, with totals as labels and an axis from below the lowest", () => {
    const option = rankingOption(rankingSlice(s4Ranking, "top", 3), zhT);
    expect(option.yAxis).toMatchObject({ data: ["第3名 T02工会", "第2名 D01工会", "第1名 T01工会"] });
    expect(option.series).toMatchObject([{ data: [90.85, 92, 94.85] }]);
    // 90.85 − 5 = 85.85 → 80
    expect(option.xAxis).toMatchObject({ min: 80 });
  });
});
