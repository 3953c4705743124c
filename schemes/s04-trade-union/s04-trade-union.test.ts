import { evaluateUnits } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { loadBundledScheme, loadBundledUnits } from "../bundled.js";

const folder = "s04-trade-union";
const evaluation = evaluateUnits(loadBundledScheme(folder), loadBundledUnits(folder));
const byUnit = new Map(evaluation.units.map((result) => [result.unit, result]));

/**
 * Worked out by hand from units.json. Rated units: W = 0.4 × 领导 mean + 0.3 × 负责人 trimmed mean (6 raters, drop
 * max and min, mean of 4) + 0.3 × 部室 trimmed mean (5 raters, mean of the middle 3; 4 raters: plain mean), then
 * the approved bonus (each item ≤ 2). Sheet units: points × 100 / applicable max, then bonus.
 */
const expected: Record<string, { total: string; grade: string; vetoes: string[] }> = {
  // 92 + 0.3×91.5 (90,91,92,93) → 36.8 + 27.45 + 27.6 = 91.85; bonus J1 2.5→2 + J3 1 = 3 → 94.85
  T01: { total: "94.85", grade: "YX", vetoes: [] },
  // 36 + 27 + 27 = 90; bonus J2 1.5 + J4 0.5 → 92.00
  D01: { total: "92.00", grade: "YX", vetoes: [] },
  // 36.4 + 0.3×90.5 + 0.3×91 = 36.4 + 27.15 + 27.3 = 90.85
  T02: { total: "90.85", grade: "XJ", vetoes: [] },
  // 0.4×268/3 + 0.3×89.25 + 0.3×268/3 = 35.7333 + 26.775 + 26.8 = 89.3083; 重大事故 → fail
  T05: { total: "89.31", grade: "WDB", vetoes: ["V2"] },
  // sheet: A 20+18+6+6+6+4+3+4 = 67, B 5+0(n/a)+6+2+4 = 17 → 84 / 95 × 100 = 88.4211
  D07: { total: "88.42", grade: "XJ", vetoes: [] },
  // 34.8 + 25.95 + 25.8 = 86.55; bonus J4 1 → 87.55 (ties D02, wins the 5th 先进 place on bonus)
  T03: { total: "87.55", grade: "XJ", vetoes: [] },
  // 35.2 + 26.25 + 26.1 = 87.55, no bonus → loses the tie at the quota boundary
  D02: { total: "87.55", grade: "DB", vetoes: [] },
  // 0.4×256/3 + 25.5 + 0.3×256/3 = 34.1333 + 25.5 + 25.6 = 85.2333
  T04: { total: "85.23", grade: "DB", vetoes: [] },
  // 0.4×250/3 + 24.9 + 0.3×83.5 (4 部室 raters: plain mean) = 33.3333 + 24.9 + 25.05 = 83.2833
  D03: { total: "83.28", grade: "DB", vetoes: [] },
  // 0.4×247/3 + 24.6 + 0.3×247/3 = 32.9333 + 24.6 + 24.7 = 82.2333; 违反廉政等规定 → fail
  K01: { total: "82.23", grade: "WDB", vetoes: ["V3"] },
  // sheet: A1.1 26/30 → 20×(0.8667−0.6)/0.3×0.6 = 10.6667, A1.2 25/30 → 20×(0.6+0.0333×2) = 13.3333,
  // rest 6+6+6+4+4+4, B 10+5+6+2+4 = 27 → 81.00; 建会率 86.7% < 90% → “两个普遍”未完成 → fail
  T07: { total: "81.00", grade: "WDB", vetoes: ["V1"] },
  // 32 + 24 + 24 = 80.00: “80分以上” includes 80
  T06: { total: "80.00", grade: "DB", vetoes: [] },
  // 0.4×238/3 + 23.7 + 0.3×238/3 = 31.7333 + 23.7 + 23.8 = 79.2333
  D04: { total: "79.23", grade: "WDB", vetoes: [] },
  // 0.4×226/3 + 22.5 + 0.3×226/3 = 30.1333 + 22.5 + 22.6 = 75.2333
  D05: { total: "75.23", grade: "WDB", vetoes: [] },
};

describe("S4 县总工会年度考评", () => {
  it("gives every unit the hand-worked total, grade and vetoes", () => {
    const actual = Object.fromEntries(
      evaluation.units.map((result) => [
        result.unit,
        { total: result.total, grade: result.grade, vetoes: result.vetoes },
      ]),
    );
    expect(actual).toEqual(expected);
  });

  it("sets nested quotas: 先进 = round(60% × 9 达标) = 5, 优秀 = round(30% × 5) = 2 (half up)", () => {
    const count = (grade: string) => evaluation.units.filter((result) => result.grade === grade).length;
    expect(count("XJ") + count("YX")).toBe(5);
    expect(count("YX")).toBe(2);
  });

  it("ranks by total, breaking the tie at the 先进 boundary by bonus before unit code", () => {
    const order = evaluation.units
      .filter((result) => result.vetoes.length === 0)
      .map((result) => result.unit);
    expect(order).toEqual(["T01", "D01", "T02", "D07", "T03", "D02", "T04", "D03", "T06", "D04", "D05"]);
    expect(byUnit.get("T01")?.rank).toBe(1);
    expect(byUnit.get("T03")?.rank).toBe(byUnit.get("D02")?.rank);
    expect(byUnit.get("T01")?.bonus).toBe("3.00");
  });

  it("scores the 共性 deductions and checklist and re-bases the n/a 联席会议 item", () => {
    const d07 = byUnit.get("D07");
    expect(d07?.points).toBe("84.00");
    expect(d07?.rate).toBe("88.42");
    expect(d07?.indicators["A1.2"]?.score).toBe("18.00");
    expect(d07?.indicators["A4.1"]?.score).toBe("3.00");
    expect(d07?.indicators.B1?.score).toBe("5.00");
    expect(d07?.indicators.B2?.na).toBe(true);
    expect(d07?.indicators.B?.applicableMax).toBe("25.00");
    expect(d07?.indicators.B4?.score).toBe("2.00");
    const t07 = byUnit.get("T07");
    expect(t07?.indicators["A1.1"]?.score).toBe("10.67");
    expect(t07?.indicators.B3?.score).toBe("6.00");
    expect(t07?.indicators.A?.score).toBe("54.00");
  });
});
