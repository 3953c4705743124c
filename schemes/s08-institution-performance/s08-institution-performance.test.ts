import { evaluateUnits } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { loadBundledScheme, loadBundledUnits } from "../bundled.js";

const folder = "s08-institution-performance";
const evaluation = evaluateUnits(loadBundledScheme(folder), loadBundledUnits(folder));
const byUnit = new Map(evaluation.units.map((result) => [result.unit, result]));

/**
 * Worked out by hand from units.json: total = 共性 A (30 minus ledger deductions) + 个性 B (50 × Σ individual
 * scores ÷ the category's individual maximum: 卫生 60, 教育 40, 农林 30, 执法 50) + 社会评价 C (20 × (满意率 − 0.75)
 * ÷ 0.25). Per category: A = round(30% × n), C = round(10% × n) from the bottom, half up.
 */
type Expected = { total: string; grade: string; vetoes: string[]; flags: string[] };
const expected: Record<string, Expected> = {
  // 卫生类, n = 5 → 2 A, 1 C
  // 30 + 50×59.5/60 + 20×(49/50 − 0.75)×4 = 30 + 49.5833 + 18.4; 违纪案件 → at most B, so skipped for A
  WS03: { total: "97.98", grade: "B", vetoes: ["V2"], flags: [] },
  // 30 + 50×59/60 + 18.4 = 97.5667; A again after A in 2013 and 2014 → 连续三年A级
  WS01: { total: "97.57", grade: "A", vetoes: [], flags: ["H1"] },
  // 28 + 50×(12.5 + 18 + 20)/60 + 16.8 = 28 + 42.0833 + 16.8; takes the A place WS03 cannot have
  WS02: { total: "86.88", grade: "A", vetoes: [], flags: [] },
  // 28 + 50×(15 + 17 + 12)/60 + 13.6 = 78.2667
  WS04: { total: "78.27", grade: "B", vetoes: [], flags: [] },
  // 21 + 50×(7.5 + 15 + 0)/60 + 4 = 43.75; C after C in 2014 → 连续两年C级
  WS05: { total: "43.75", grade: "C", vetoes: [], flags: ["H2"] },
  // 教育类, n = 6 → 2 A, 1 C
  // 30 + 1.25×39.5 + 18.4 = 97.775 → 97.78 (half up); A but 2013 was B → no flag
  JY01: { total: "97.78", grade: "A", vetoes: [], flags: [] },
  // 30 + 1.25×34.5 + 20×(99/100 − 0.75)×4 = 30 + 43.125 + 19.2 = 92.325: ties JY02, wins on 社会评价
  JY03: { total: "92.33", grade: "A", vetoes: [], flags: [] },
  // 29 + 1.25×38.5 + 20×(94/100 − 0.75)×4 = 29 + 48.125 + 15.2 = 92.325: loses the tie despite the lower code
  JY02: { total: "92.33", grade: "B", vetoes: [], flags: [] },
  // 30 + 1.25×37.5 + 15.2 = 92.075
  JY06: { total: "92.08", grade: "B", vetoes: [], flags: [] },
  // 29 + 1.25×35.5 + 12 = 85.375
  JY04: { total: "85.38", grade: "B", vetoes: [], flags: [] },
  // 25 + 1.25×27 + 4 = 62.75; bottom 1 → C, C in 2014 → 连续两年C级
  JY05: { total: "62.75", grade: "C", vetoes: [], flags: ["H2"] },
  // 农林类, n = 3 → 1 A, 0 C (10% × 3 = 0.3)
  // 30 + 50×(15 + 14)/30 + 16.8 = 95.1333; A in 2014 only → no flag
  NL01: { total: "95.13", grade: "A", vetoes: [], flags: [] },
  // 29 + 50×(13.5 + 12.5)/30 + 13.6 = 85.9333
  NL03: { total: "85.93", grade: "B", vetoes: [], flags: [] },
  // 28 + 50×(12.75 + 13)/30 + 12 = 82.9167
  NL02: { total: "82.92", grade: "B", vetoes: [], flags: [] },
  // 执法类, n = 4 → 1 A, 0 C (10% × 4 = 0.4)
  // 30 + 50×(20 + 13.5 + 15)/50 + 15.2 = 93.7
  ZF01: { total: "93.70", grade: "A", vetoes: [], flags: [] },
  // 28 + (16 + 11.25 + 15) + 15.2 = 85.45
  ZF02: { total: "85.45", grade: "B", vetoes: [], flags: [] },
  // 28 + (16 + 12 + 15) + 13.6 = 84.6
  ZF04: { total: "84.60", grade: "B", vetoes: [], flags: [] },
  // 24 + (12 + 7.5 + 10) + 8.8 = 62.3; 受到登记管理行政处罚 → C although the quota gives no C here
  ZF03: { total: "62.30", grade: "C", vetoes: ["V1"], flags: [] },
};

describe("S8 事业单位绩效考核", () => {
  it("gives every unit the hand-worked total, grade, vetoes and history flags", () => {
    const actual = Object.fromEntries(
      evaluation.units.map((result) => [
        result.unit,
        { total: result.total, grade: result.grade, vetoes: result.vetoes, flags: result.flags },
      ]),
    );
    expect(actual).toEqual(expected);
  });

  it("normalises each category's 个性指标 to 50 points and scores the survey", () => {
    const ws02 = byUnit.get("WS02");
    // 接种率 4750 / 5000 = 95% → (0.95 − 0.9) / 0.08 × 20 = 12.5
    expect(ws02?.indicators["B.WS1"]?.score).toBe("12.50");
    expect(ws02?.indicators.B?.score).toBe("42.08");
    expect(ws02?.indicators["B.JY1"]).toBeUndefined();
    // 农林 推广 8500 / 10000 → 85% × 15 = 12.75, normalised (12.75 + 13) / 30 × 50
    expect(byUnit.get("NL02")?.indicators["B.NL1"]?.score).toBe("12.75");
    expect(byUnit.get("NL02")?.indicators.B?.score).toBe("42.92");
    // 按期办结 114 / 120 = 95% → 0.75 × 15
    expect(byUnit.get("ZF02")?.indicators["B.ZF2"]?.score).toBe("11.25");
    // 满意率 (85 + 14) / 100 = 99% → 19.2
    expect(byUnit.get("JY03")?.indicators.C?.score).toBe("19.20");
    // 登记事项变更 1 × 3 + 投诉查实 2 × 2 = 7 → 8
    expect(byUnit.get("WS05")?.indicators.A1?.score).toBe("8.00");
  });

  it("ranks within each category", () => {
    const order = (category: string) =>
      evaluation.units
        .filter((result) => result.category === category && result.vetoes.length === 0)
        .map((result) => result.unit);
    expect(order("WS")).toEqual(["WS01", "WS02", "WS04", "WS05"]);
    expect(order("JY")).toEqual(["JY01", "JY03", "JY02", "JY06", "JY04", "JY05"]);
    expect(order("NL")).toEqual(["NL01", "NL03", "NL02"]);
    expect(order("ZF")).toEqual(["ZF01", "ZF02", "ZF04"]);
    expect(byUnit.get("JY03")?.rank).toBe(byUnit.get("JY02")?.rank);
  });
});
