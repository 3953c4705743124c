import { describe, expect, it } from "vitest";
import { evaluateBundled } from "../bundled.js";

const { evaluation, result } = evaluateBundled("s06-department-safety");

/**
 * Worked by hand from units.json: each item starts from its 分值 and loses its deductions (never below 0).
 * 分值: A1 10, A2 18, A3 10, A4 10, A5 6, A6 6, A7 19 (A7.1 10 manual, A7.2 5, A7.3 4), A8 5, A9 4, A10 4, A11 5,
 * A12 3 = 100. V1 (本部门负主要责任的重大安全事故) → 不合格.
 */
const expected = [
  // no deduction anywhere
  { unit: "zhijian", total: "100.00", grade: "excellent", vetoes: [] },
  // the seed's report: every item at its 分值 except 八、车辆安全管理 (5分，自评得分0分, car stolen): 100 − 5 = 95
  { unit: "gongshang", total: "95.00", grade: "excellent", vetoes: [] },
  // A6 节假日 3 × 1 capped at 2 → 4; A7.1 9.5; A7.3 4 − 2 = 2; A10 4 − 2 = 2: 100 − 2 − 0.5 − 2 − 2 = 93.5
  { unit: "jiaoyu", total: "93.50", grade: "excellent", vetoes: [] },
  // A1 −3; A4 −3; A7.1 9; A11 −2.5: 100 − 9.5 = 90.5
  { unit: "weisheng", total: "90.50", grade: "excellent", vetoes: [] },
  // A3 2 × 2.5 → 5; A5 −2; A7.1 9; A12 −2: 100 − 10 = 90.0 → 优秀 (min inclusive)
  { unit: "minzheng", total: "90.00", grade: "excellent", vetoes: [] },
  // A1 −3; A7.1 8.5; A7.2 −1; A7.3 max(0, 4 − 6) = 0; A11 max(0, 5 − 2 × 2.5) = 0: 100 − 3 − 1.5 − 1 − 4 − 5 = 85.5
  { unit: "shuili", total: "85.50", grade: "good", vetoes: [] },
  // A2 18 − min(9, 4 × 3) = 9; A7.1 8; A7.2 −2; A9 −2: 100 − 9 − 2 − 2 − 2 = 85
  { unit: "zhujian", total: "85.00", grade: "good", vetoes: [] },
  // A3 min(10, 5 × 2.5) → 0; A6 6 − 2 − 2 = 2; A7.1 7; A8 −2: 100 − 10 − 4 − 3 − 2 = 81
  { unit: "nongye", total: "81.00", grade: "good", vetoes: [] },
  // A2 18 − 18 = 0 (负主要责任的安全事故); A3 −2.5; A7.1 8: 100 − 18 − 2.5 − 2 = 77.5, 合格 by points but V1 → 不合格
  { unit: "jiaotong", total: "77.50", grade: "fail", vetoes: ["V1"] },
  // A1 10 − 4 − 3 = 3; A2 18 − 3 − 3 = 12; A4 10 − 4 − 3 = 3; A5 −3; A7.1 6; A7.2 −3; A10 0; A12 −1:
  // 3+12+10+3+3+6+(6+2+4)+5+4+0+5+2 = 65
  { unit: "wenguang", total: "65.00", grade: "pass", vetoes: [] },
  // A1 0; A2 18 − 6 − 3 = 9; A3 10 − 7.5 = 2.5; A4 0; A5 0; A6 6 − 2 − 2 = 2; A7 5 + 0 + 4; A10 −2:
  // 0+9+2.5+0+0+2+9+5+4+2+5+3 = 41.5
  { unit: "shangwu", total: "41.50", grade: "fail", vetoes: [] },
];

describe("S6 市直部门安全工作目标考核自评", () => {
  it.each(expected)("$unit: total $total, grade $grade", ({ unit, total, grade, vetoes }) => {
    const r = result(unit);
    expect(r.total).toBe(total);
    expect(r.grade).toBe(grade);
    expect(r.vetoes).toEqual(vetoes);
  });

  it("ranks on the total", () => {
    expect(evaluation.units.map((u) => u.unit)).toEqual(expected.map((e) => e.unit));
    expect(evaluation.units.map((u) => u.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it("reproduces the seed's 分值/自评得分 table for 市工商局", () => {
    const table = result("gongshang").indicators;
    const rows: [string, string, string][] = [
      ["A1", "10.00", "10.00"],
      ["A2", "18.00", "18.00"],
      ["A3", "10.00", "10.00"],
      ["A4", "10.00", "10.00"],
      ["A5", "6.00", "6.00"],
      ["A6", "6.00", "6.00"],
      ["A7", "19.00", "19.00"],
      ["A8", "5.00", "0.00"],
      ["A10", "4.00", "4.00"],
      ["A11", "5.00", "5.00"],
      ["A12", "3.00", "3.00"],
    ];
    for (const [code, max, score] of rows) expect(table[code]).toMatchObject({ max, score });
  });

  it("caps each rule and stops each item at 0", () => {
    expect(result("nongye").indicators.A3?.score).toBe("0.00");
    expect(result("zhujian").indicators.A2?.score).toBe("9.00");
    expect(result("shuili").indicators["A7.3"]?.score).toBe("0.00");
    expect(result("shuili").indicators.A7?.score).toBe("12.50");
    expect(result("jiaoyu").indicators.A6?.score).toBe("4.00");
  });
});
