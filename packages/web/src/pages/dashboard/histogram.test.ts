import { describe, expect, it } from "vitest";
import { histogramOption, scoreBands } from "./histogram.js";
import { zhT } from "./test-figures.js";

// S4's published totals in 10 bins of 10 (the server's s4-dashboard test): 2 in 70–80, 9 in 80–90, 3 in 90–100.
const histogram = {
  width: "10",
  bins: [0, 0, 0, 0, 0, 0, 0, 2, 9, 3].map((count, i) => ({
    from: String(i * 10),
    to: String((i + 1) * 10),
    count,
  })),
};

describe("scoreBands", () => {
  it("starts at the lowest occupied band and gives each band's share", () => {
    expect(scoreBands(histogram)).toEqual([
      // 2 ÷ 14 = 14.29 %, 9 ÷ 14 = 64.29 %, 3 ÷ 14 = 21.43 %
      { key: "70", label: "70–80", count: 2, share: "14.3" },
      { key: "80", label: "80–90", count: 9, share: "64.3" },
      { key: "90", label: "90–100", count: 3, share: "21.4" },
    ]);
  });

  it("keeps empty bands above the lowest total and every band when there is none", () => {
    const bins = [
      { from: "0", to: "50", count: 0 },
      { from: "50", to: "100", count: 1 },
      { from: "100", to: "150", count: 0 },
    ];
    expect(scoreBands({ width: "50", bins }).map((b) => b.count)).toEqual([1, 0]);
    expect(scoreBands({ width: "50", bins: bins.map((b) => ({ ...b, count: 0 })) })).toHaveLength(3);
  });
});

describe("histogramOption", () => {
  it("puts the bands on the category axis and the counts in the bars", () => {
    const option = histogramOption(scoreBands(histogram), zhT);
    expect(option.xAxis).toMatchObject({ data: ["70–80", "80–90", "90–100"], name: "分数段" });
    expect(option.series).toMatchObject([{ type: "bar", data: [2, 9, 3] }]);
  });
});
