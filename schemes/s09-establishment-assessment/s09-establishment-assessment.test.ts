import { evaluateUnits } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { loadBundledScheme, loadBundledUnits } from "../bundled.js";

const folder = "s09-establishment-assessment";
const evaluation = evaluateUnits(loadBundledScheme(folder), loadBundledUnits(folder));
const byUnit = new Map(evaluation.units.map((result) => [result.unit, result]));

/**
 * Worked out by hand from units.json: total = 共性 A (30 leaves × 2) + 个性 B (25 × Σ tier scores ÷ the category's
 * individual maximum: 执法 30, 社会 20, 经济 25; Ⅰ档 100%, Ⅱ档 80%, Ⅲ档 60%) + 监督员 C (15 × mean ÷ 100, with
 * 好 100, 较好 85, 一般 70, 差 40 over 17 monitors). 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60.
 */
const expected: Record<string, { total: string; grade: string; vetoes: string[] }> = {
  // A 60 + B 25 + C 15 × 1655/1700 = 14.6029
  JJ01: { total: "99.60", grade: "YX", vetoes: [] },
  // A 59.8889 (热线 356/360 → 1.8889) + 25 + 15 × 1640/1700 = 14.4706
  SG01: { total: "99.36", grade: "YX", vetoes: [] },
  // A 59.9 (热线 792/800 → 1.9) + 25 × 28/30 = 23.3333 + 15 × 1610/1700 = 14.2059
  ZF01: { total: "97.44", grade: "YX", vetoes: [] },
  // A 54.25 + 25 × 16/20 = 20 + 15 × 1595/1700 = 14.0735
  SG02: { total: "88.32", grade: "LH", vetoes: [] },
  // A 53.941 + 25 × 20/25 = 20 + 15 × 1565/1700 = 13.8088
  JJ02: { total: "87.75", grade: "LH", vetoes: [] },
  // A 54.0195 + 20 + 15 × 1550/1700 = 13.6765
  SG03: { total: "87.70", grade: "LH", vetoes: [] },
  // A 53.975 + 25 × 22/30 = 18.3333 + 13.8088
  ZF02: { total: "86.12", grade: "LH", vetoes: [] },
  // A 52.75 + 25 × 18/25 = 18 + 15 × 1460/1700 = 12.8824; 擅自设立机构 → 不合格
  JJ03: { total: "83.63", grade: "BHG", vetoes: ["V2"] },
  // A 51.9033 + 18 + 13.6765
  JJ04: { total: "83.58", grade: "LH", vetoes: [] },
  // A 51.8889 (超编 52/50 → 编制使用 0) + 18.3333 + 15 × 1490/1700 = 13.1471; 超编进人 → at most 合格
  ZF03: { total: "83.37", grade: "HG", vetoes: ["V1"] },
  // A 47.9752 + 25 × 20/30 = 16.6667 + 15 × 1415/1700 = 12.4853
  ZF04: { total: "77.13", grade: "HG", vetoes: [] },
  // A 34.2923 + 25 × 6/20 = 7.5 + 15 × 1340/1700 = 11.8235
  SG04: { total: "53.62", grade: "BHG", vetoes: [] },
};

describe("S9 机构编制评估", () => {
  it("gives every department the hand-worked total, grade and vetoes", () => {
    const actual = Object.fromEntries(
      evaluation.units.map((result) => [
        result.unit,
        { total: result.total, grade: result.grade, vetoes: result.vetoes },
      ]),
    );
    expect(actual).toEqual(expected);
  });

  it("has 7 大项 with 30 小项 of common indicators", () => {
    const indicators = byUnit.get("ZF04")?.indicators ?? {};
    expect(Object.keys(indicators).filter((code) => /^A\d$/.test(code))).toHaveLength(7);
    expect(Object.keys(indicators).filter((code) => /^A\d\.\d$/.test(code))).toHaveLength(30);
    expect(indicators.A?.score).toBe("47.98");
    // 年度任务 13/15 → (0.8667 − 0.8)/0.2 × 2 + 审批 250/260 → (0.9615 − 0.9)/0.1 × 2 + 1 + 2 + 2
    expect(indicators.A1?.score).toBe("6.90");
  });

  it("scores the data-driven 小项, the Ⅰ/Ⅱ/Ⅲ tiers and the monitors' evaluation", () => {
    // 内部服务性科室 3/10 = 30% → 35% band → 1
    expect(byUnit.get("JJ02")?.indicators["A2.3"]?.score).toBe("1.00");
    // 重点任务 14/15 → 0.6667 × 2
    expect(byUnit.get("JJ02")?.indicators["A1.2"]?.score).toBe("1.33");
    expect(byUnit.get("ZF03")?.indicators["A3.1"]?.score).toBe("0.00");
    expect(byUnit.get("SG04")?.indicators["B.SG1"]?.score).toBe("6.00");
    expect(byUnit.get("SG04")?.indicators.B?.score).toBe("7.50");
    expect(byUnit.get("ZF01")?.indicators.C?.score).toBe("14.21");
  });

  it("ranks the departments by total", () => {
    const order = evaluation.units
      .filter((result) => result.vetoes.length === 0)
      .map((result) => result.unit);
    expect(order).toEqual(["JJ01", "SG01", "ZF01", "SG02", "JJ02", "SG03", "ZF02", "JJ04", "ZF04", "SG04"]);
  });
});
