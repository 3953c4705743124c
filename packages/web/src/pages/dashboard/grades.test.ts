import { describe, expect, it } from "vitest";
import { gradeCounts, gradesOption } from "./grades.js";
import { zhT } from "./test-figures.js";

const grades = [
  { grade: "YX", name: "优秀单位", count: 2 },
  { grade: "XJ", name: "先进单位", count: 3 },
  { grade: "DB", name: "达标单位", count: 0 },
  { grade: null, name: "未定级", count: 1 },
];

describe("grades", () => {
  it("keeps every grade with its count for the table, in the scheme's order", () => {
    expect(gradeCounts(grades)).toEqual([
      { key: "YX", name: "优秀单位", count: 2 },
      { key: "XJ", name: "先进单位", count: 3 },
      { key: "DB", name: "达标单位", count: 0 },
      { key: "", name: "未定级", count: 1 },
    ]);
  });

  it("draws only the grades given to someone, labelled in Chinese", () => {
    const option = gradesOption(gradeCounts(grades), zhT);
    const [series] = option.series as Array<{
      data: unknown[];
      label: { formatter: (p: unknown) => string };
    }>;
    expect(series!.data).toEqual([
      { name: "优秀单位", value: 2 },
      { name: "先进单位", value: 3 },
      { name: "未定级", value: 1 },
    ]);
    expect(series!.label.formatter({ name: "优秀单位", value: 2 })).toBe("优秀单位 2 个");
  });
});
