import { describe, expect, it } from "vitest";
import type { RankedUnit } from "../../api/types.js";
import { shortValue } from "./explanation.js";
import { filterUnits, gradeCounts, gradeOrder, NO_FILTER, schemeGrading } from "./ranking.js";

const unit = (code: string, grade: string | null, extra: Partial<RankedUnit> = {}): RankedUnit => ({
  organisationId: code,
  unit: code,
  name: `${code}工会`,
  category: "TOWN",
  rank: 1,
  groupRank: 1,
  group: "",
  total: "80.00",
  points: "80.00",
  rate: "80.00",
  bonus: "0.00",
  grade,
  gradeName: grade === null ? null : `${grade}名`,
  vetoes: [],
  flags: [],
  source: "raters",
  quota: null,
  ...extra,
});

const grades = [
  { code: "YX", name: "优秀单位" },
  { code: "XJ", name: "先进单位" },
  { code: "DB", name: "达标单位" },
  { code: "WDB", name: "未达标" },
];

describe("the ranking's filters and counts", () => {
  const units = [
    unit("T01", "YX"),
    unit("T05", "WDB", { vetoes: ["V2"], category: "TOWN" }),
    unit("D01", "XJ", { category: "DEPT" }),
    unit("D02", null, { category: "DEPT" }),
  ];
  const names = new Map([["V2", "发生重大职工、安全生产事故"]]);

  it("filters by grade, category, veto and a search over code, name and veto names", () => {
    expect(filterUnits(units, { ...NO_FILTER, grade: "XJ" }).map((u) => u.unit)).toEqual(["D01"]);
    expect(filterUnits(units, { ...NO_FILTER, grade: "none" }).map((u) => u.unit)).toEqual(["D02"]);
    expect(filterUnits(units, { ...NO_FILTER, category: "DEPT" }).map((u) => u.unit)).toEqual(["D01", "D02"]);
    expect(filterUnits(units, { ...NO_FILTER, veto: "any" }).map((u) => u.unit)).toEqual(["T05"]);
    expect(filterUnits(units, { ...NO_FILTER, veto: "none" })).toHaveLength(3);
    expect(filterUnits(units, { ...NO_FILTER, veto: "V2" }).map((u) => u.unit)).toEqual(["T05"]);
    expect(filterUnits(units, { ...NO_FILTER, search: "安全生产" }, names).map((u) => u.unit)).toEqual([
      "T05",
    ]);
    expect(filterUnits(units, { ...NO_FILTER, search: "d0" }).map((u) => u.unit)).toEqual(["D01", "D02"]);
  });

  it("counts grades in the scheme's order, every grade shown, the ungraded last", () => {
    expect(gradeCounts(units, grades)).toEqual([
      { code: "YX", name: "优秀单位", count: 1 },
      { code: "XJ", name: "先进单位", count: 1 },
      { code: "DB", name: "达标单位", count: 0 },
      { code: "WDB", name: "未达标", count: 1 },
      { code: null, name: "", count: 1 },
    ]);
  });

  it("orders grades best first with the ungraded last", () => {
    const order = gradeOrder(grades);
    expect(["WDB", null, "YX", "DB"].sort((a, b) => order(a) - order(b))).toEqual(["YX", "DB", "WDB", null]);
  });

  it("reads the grades and rounding of a scheme definition", () => {
    expect(schemeGrading({ grading: { grades, quotaRounding: "floor" } })).toEqual({
      grades,
      rounding: "floor",
    });
    expect(schemeGrading(undefined)).toEqual({ grades: [], rounding: "halfUp" });
  });
});

describe("a computed value in an explanation", () => {
  it("keeps at most four decimals and leaves other text alone", () => {
    expect(shortValue("0.966666666667")).toBe("0.9667");
    expect(shortValue("1")).toBe("1");
    expect(shortValue("95%")).toBe("95%");
  });
});
