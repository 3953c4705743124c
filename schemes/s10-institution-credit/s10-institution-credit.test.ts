import { evaluateUnits } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { loadBundledScheme, loadBundledUnits } from "../bundled.js";

const folder = "s10-institution-credit";
const evaluation = evaluateUnits(loadBundledScheme(folder), loadBundledUnits(folder));
const byUnit = new Map(evaluation.units.map((result) => [result.unit, result]));

/**
 * Worked out by hand from units.json: 25 indicators × 4 points; the points lost are listed per unit; with
 * 收费公示 not applicable the total is points × 100 ÷ 96. A ≥ 85, else B; 明星单位 = round(10% × 12 A units) = 1,
 * the best-ranked A unit without a veto.
 */
const expected: Record<string, { total: string; grade: string; vetoes: string[] }> = {
  // 96 / 96 (n/a 收费公示) → 100; 投诉举报查实 → not eligible for 明星单位
  SY01: { total: "100.00", grade: "A", vetoes: ["V3"] },
  // 96 / 96 → 100; takes the 明星单位 place SY01 cannot have
  SY14: { total: "100.00", grade: "MX", vetoes: [] },
  // 公益服务 −0.5
  SY02: { total: "99.50", grade: "A", vetoes: [] },
  // 服务质量 −0.5, 投诉办结 14/15 → 4 × (0.9333 − 0.8)/0.2 = 2.6667 (−1.3333) → 98.1667
  SY03: { total: "98.17", grade: "A", vetoes: [] },
  // 服务质量 −0.5, 行政处罚 −2 → 97.5; 受到行政处罚 → at most B
  SY11: { total: "97.50", grade: "B", vetoes: ["V1"] },
  // 年报逾期12天 −2, 公益服务 −0.5 → 93.5 / 96 = 97.3958
  SY05: { total: "97.40", grade: "A", vetoes: [] },
  // −0.5 −0.5, 材料提报 2次 −2 → 93 / 96 = 96.875 → 96.88 (half up)
  SY15: { total: "96.88", grade: "A", vetoes: [] },
  // −0.5 −0.5, 投诉办结 30/32 → 2.75 (−1.25), 材料提报 −1 → 96.75
  SY04: { total: "96.75", grade: "A", vetoes: [] },
  // 宗旨业务 较好 −1, −0.5, 合同履约 24/25 = 96% → 2 (−2) → 96.5
  SY06: { total: "96.50", grade: "A", vetoes: [] },
  // 年报基本真实 −2, −0.5, 审计 −1 → 92.5 / 96 = 96.3542
  SY09: { total: "96.35", grade: "A", vetoes: [] },
  // 证书未悬挂 −1, −0.5, −1, 投诉办结 9/10 → 2 (−2) → 95.5
  SY07: { total: "95.50", grade: "A", vetoes: [] },
  // 年报不真实 −4, −0.5 → 95.5; 年报弄虚作假 → at most B
  SY12: { total: "95.50", grade: "B", vetoes: ["V2"] },
  // −0.5 −0.5, 资产管理基本规范 −2, 社保 88/90 → 0 (−4) → 93
  SY08: { total: "93.00", grade: "A", vetoes: [] },
  // 变更登记 −2, −1, −0.5, −0.5, 履约 19/20 → 2 (−2), 审计 −2, 满意率 42/50 = 84% → 2 (−2) → 90
  SY13: { total: "90.00", grade: "A", vetoes: [] },
  // 信用承诺 −4, 编制规定 −4, 年报逾期45天 −4, −1, −1, −1, 满意率 40/48 = 83.3% → 2 (−2) → 83
  SY10: { total: "83.00", grade: "B", vetoes: [] },
};

describe("S10 事业单位信用等级评定", () => {
  it("gives every unit the hand-worked total, credit grade and vetoes", () => {
    const actual = Object.fromEntries(
      evaluation.units.map((result) => [
        result.unit,
        { total: result.total, grade: result.grade, vetoes: result.vetoes },
      ]),
    );
    expect(actual).toEqual(expected);
  });

  it("scores 25 indicators, with conditional formulas and a not-applicable item", () => {
    const sy09 = byUnit.get("SY09");
    expect(Object.keys(sy09?.indicators ?? {}).filter((code) => /^[A-E]\d$/.test(code))).toHaveLength(25);
    expect(sy09?.indicators.B3?.na).toBe(true);
    expect(sy09?.points).toBe("92.50");
    expect(sy09?.rate).toBe("96.35");
    // no complaints and no contracts due → both conditional formulas give full marks
    expect(sy09?.indicators.D2?.score).toBe("4.00");
    expect(byUnit.get("SY15")?.indicators.C3?.score).toBe("4.00");
    expect(byUnit.get("SY03")?.indicators.C3?.score).toBe("2.67");
    expect(byUnit.get("SY05")?.indicators.A3?.score).toBe("2.00");
    expect(byUnit.get("SY13")?.indicators.E5?.score).toBe("2.00");
  });

  it("ranks by total with unit code breaking ties", () => {
    const order = evaluation.units
      .filter((result) => result.vetoes.length === 0)
      .map((result) => result.unit);
    expect(order).toEqual([
      "SY14",
      "SY02",
      "SY03",
      "SY05",
      "SY15",
      "SY04",
      "SY06",
      "SY09",
      "SY07",
      "SY08",
      "SY13",
      "SY10",
    ]);
  });
});
