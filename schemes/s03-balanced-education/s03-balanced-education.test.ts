import { describe, expect, it } from "vitest";
import { evaluateBundled } from "../bundled.js";

const { evaluation, result } = evaluateBundled("s03-balanced-education");

/**
 * Worked by hand from units.json. C1: 小学 cv ≤ 0.65 → 20, 初中 cv ≤ 0.55 → 20. C2.1 巩固率 linear 95%→0 … 98%→6;
 * C2.2 level A/B/C/D = 8/6.4/4.8/0; C2.3 交流比例 linear 0→0 … 10%→8; C2.4 manual; C3 标准化 linear 80%→0 … 100%→10;
 * C4 满意率 (满意+比较满意)/全部 ≥ 85% → 20 else 0. 达到基本均衡 ≥ 85; V1 (either cv over its limit) fails.
 */
const expected = [
  // all full: 巩固率 99.3%, 交流 12% (clamped), 30/30 标准化, 满意率 465/500 = 93%: 40+30+10+20 = 100
  { unit: "kuiwen", total: "100.00", grade: "balanced", rank: 1, vetoes: [] },
  // 巩固率 97.7% → 0.9 × 6 = 5.4; 交流 72/800 = 9% → 7.2; A 8; 8; 40/40 → 10; 91%: 40+28.6+10+20 = 98.6
  { unit: "changle", total: "98.60", grade: "balanced", rank: 2, vetoes: [] },
  // 巩固率 5880/6000 = exactly 98% → 6; 交流 8% → 6.4; A 8; 7.5; 57/60 = 95% → 7.5; 95%: 40+27.9+7.5+20 = 95.4
  { unit: "shouguang", total: "95.40", grade: "balanced", rank: 3, vetoes: [] },
  // 巩固率 96.8% → 0.6 × 6 = 3.6; A 8; 交流 7% → 5.6; 7; 38/40 = 95% → 7.5; 90%: 40+24.2+7.5+20 = 91.7
  { unit: "changyi", total: "91.70", grade: "balanced", rank: 4, vetoes: [] },
  // 巩固率 97.1% → 0.7 × 6 = 4.2; B 6.4; 交流 8% → 6.4; 7; 46/50 = 92% → 0.6 × 10 = 6; 86%: 40+24+6+20 = 90
  { unit: "anqiu", total: "90.00", grade: "balanced", rank: 5, vetoes: [] },
  // cv exactly 0.65 and 0.55 pass (≤); 巩固率 96.5% → 3; B 6.4; 交流 5% → 4; 7.5; 95% → 7.5;
  // 满意率 680/800 = exactly 85% → 20: 40+20.9+7.5+20 = 88.4
  { unit: "weicheng", total: "88.40", grade: "balanced", rank: 6, vetoes: [] },
  // 巩固率 96.2% → 0.4 × 6 = 2.4; B 6.4; 交流 5% → 4; 6.5; 45/50 = 90% → 5; 87%: 40+19.3+5+20 = 84.3 < 85
  { unit: "gaomi", total: "84.30", grade: "not-balanced", rank: 7, vetoes: [] },
  // 小学 cv 0.70 > 0.65 → C1.1 0 and V1; rest full: 20+30+10+20 = 80
  { unit: "fangzi", total: "80.00", grade: "not-balanced", rank: 8, vetoes: ["V1"] },
  // 巩固率 95.9% → 0.3 × 6 = 1.8; C 4.8; 交流 2.5% → 2; 6; 90% → 5; 88%: 40+14.6+5+20 = 79.6
  { unit: "zhucheng", total: "79.60", grade: "not-balanced", rank: 9, vetoes: [] },
  // 初中 cv 0.56 > 0.55 → C1.2 0 and V1; 巩固率 98.5%, A, 交流 10%, C2.4 7: 20+29+10+20 = 79
  { unit: "qingzhou", total: "79.00", grade: "not-balanced", rank: 10, vetoes: ["V1"] },
  // 满意率 849/1000 = 84.9% → C4 0; 巩固率 97.4% → 0.8 × 6 = 4.8; A 8; 交流 6.5% → 5.2; 7; 37/40 = 92.5% → 6.25:
  // 40+25+6.25+0 = 71.25
  { unit: "hanting", total: "71.25", grade: "not-balanced", rank: 11, vetoes: [] },
  // both cv over → 0 and V1; 巩固率 95% → 0; D 0; no 交流 → 0; C2.4 5; 45/60 = 75% → 0 (clamped); 80% → 0: 5
  { unit: "linqu", total: "5.00", grade: "not-balanced", rank: 12, vetoes: ["V1"] },
];

describe("S3 县域义务教育发展基本均衡督导评估", () => {
  it.each(expected)("$unit: total $total, grade $grade", ({ unit, total, grade, rank, vetoes }) => {
    const r = result(unit);
    expect(r.total).toBe(total);
    expect(r.grade).toBe(grade);
    expect(r.rank).toBe(rank);
    expect(r.vetoes).toEqual(vetoes);
  });

  it("ranks on the total", () => {
    expect(evaluation.units.map((u) => u.unit)).toEqual(expected.map((e) => e.unit));
  });

  it("scores the 差异系数 thresholds, the linear leaves and the 满意率", () => {
    expect(result("weicheng").indicators.C1).toMatchObject({ score: "40.00", max: "40.00" });
    expect(result("fangzi").indicators["C1.1"]?.score).toBe("0.00");
    expect(result("fangzi").indicators["C1.2"]?.score).toBe("20.00");
    expect(result("qingzhou").indicators["C1.2"]?.score).toBe("0.00");
    expect(result("weicheng").indicators.C4?.score).toBe("20.00");
    expect(result("hanting").indicators.C4?.score).toBe("0.00");
    expect(result("hanting").indicators.C3?.score).toBe("6.25");
    expect(result("anqiu").indicators["C2.1"]?.score).toBe("4.20");
    expect(result("changle").indicators["C2.3"]?.score).toBe("7.20");
    expect(result("kuiwen").indicators["C2.3"]?.score).toBe("8.00");
    expect(result("linqu").indicators.C3?.score).toBe("0.00");
  });
});
