import { describe, expect, it } from "vitest";
import { evaluateBundled } from "../bundled.js";

const { evaluation, result } = evaluateBundled("s02-county-education-supervision");

/**
 * Worked by hand from units.json. Maxima: B1 10 (5+5), B2 20 (8+6+6), B3 20 (4+8+8), B4 10 (5+5), B5 30 (6+8+8+8),
 * B6 10 (6+4). Data leaves: B3.1 D级危房比例 bands (0 → 4, ≤1% → 3, ≤3% → 2, >3% → 0); B5.1 小学入学率 linear
 * 97%→0 … 99%→6; B5.2 初中入学率 ≥ 95% → 8 else 0; B5.3 辍学率 ≤ 3% → 8 else 0; B5.4 巩固率 linear 90%→0 … 98%→8.
 * Grades: 先进县 ≥ 90, 合格县 ≥ 75; V1 (D级危房 > 3%) caps at 合格县, V2 (入学率 < 95% or 辍学率 > 3%) fails.
 */
const expected = [
  // 小学 7880/8000 = 98.5% → (0.985 − 0.97)/0.02 × 6 = 4.5; B3.3 7.5; rest full: 10+20+19.5+10+28.5+10 = 98
  { unit: "eshan", total: "98.00", grade: "advanced", rank: 1, vetoes: [] },
  // B1.1 4.5; B3.2 7; B4.1 4.5; B6.1 −1 stall; no D级危房: 9.5+20+19+9.5+30+9 = 97
  { unit: "hongta", total: "97.00", grade: "advanced", rank: 2, vetoes: [] },
  // D级危房 6000/200000 = exactly 3% → band ≤3% → 2, and V1 (> 3%) does not apply; B2.3 5.5, B3.3 7:
  // 10+19.5+(2+8+7)+10+30+10 = 96.5
  { unit: "jiangchuan", total: "96.50", grade: "advanced", rank: 3, vetoes: [] },
  // D级危房 1200/150000 = 0.8% → 3; 巩固率 5820/6000 = 97% → (0.97−0.9)/0.08 × 8 = 7; B2.1 3+2.5 = 5.5; B3.2 7;
  // B6.2 −1: 10+17.5+18+10+29+9 = 93.5
  { unit: "chengjiang", total: "93.50", grade: "advanced", rank: 4, vetoes: [] },
  // The seed's case: 复评 91.5 is enough for 先进县, but D级危房 45584/281209 = 16.21% > 3% → 合格县.
  // B1.2 staff+annual-work = 3 → 8; B3 0+6.5+7 = 13.5; 辍学率 207/8000 = 2.59% passes: 8+20+13.5+10+30+10 = 91.5
  { unit: "yuanjiang", total: "91.50", grade: "qualified", rank: 5, vetoes: ["V1"] },
  // 初中入学率 9237/10000 = 92.37% (as 因远镇 in the seed) → B5.2 0 and V2 → 不合格 despite 91 points:
  // 10+20+(4+7.5+7.5)+10+(6+0+8+8)+10 = 91
  { unit: "huaning", total: "91.00", grade: "unqualified", rank: 6, vetoes: ["V2"] },
  // 小学 19800/20000 = exactly 99% → 6; 巩固率 9800/10000 = exactly 98% → 8; B2 5.5+6+5.5 = 17;
  // B3 4+6.5+5 = 15.5; B4 4.5+5; B6 5+3: 10+17+15.5+9.5+30+8 = 90.0 → 先进县 (min inclusive)
  { unit: "jianshui", total: "90.00", grade: "advanced", rank: 7, vetoes: [] },
  // 辍学率 240/7500 = 3.2% → B5.3 0; D级危房 10000/250000 = 4% → B3.1 0; both vetoes, V2 fails:
  // B1 4.5+5; B2 5.5+6+6; B3 0+7+7; B4 10; B5 6+8+0+8; B6 10 → 9.5+17.5+14+10+22+10 = 83
  { unit: "xinping", total: "83.00", grade: "unqualified", rank: 8, vetoes: ["V1", "V2"] },
  // 巩固率 7520/8000 = 94% → 0.5 × 8 = 4; D级危房 2000/100000 = 2% → 2; B1 4.5+5; B2 5.5+6+5; B3 2+6+6;
  // B4 4+5; B6 (6−2)+4: 9.5+16.5+14+9+26+8 = 83, tied with 新平县, after it by unit code
  { unit: "yimen", total: "83.00", grade: "qualified", rank: 8, vetoes: [] },
  // 初中入学率 9500/10000 = exactly 95% → passes, no V2; D级危房 900/180000 = 0.5% → 3; B1 4+4; B2 3+3+5;
  // B3 3+6+6.5; B4 4+5; B6 4+4: 8+11+15.5+9+30+8 = 81.5
  { unit: "tonghai", total: "81.50", grade: "qualified", rank: 10, vetoes: [] },
  // 小学 19500/20000 = 97.5% → 0.25 × 6 = 1.5; 巩固率 92% → 0.25 × 8 = 2; D级危房 2.5% → 2; B1 3+1; B2 2.5+0+4;
  // B3 2+5+5; B4 3.5+0 (工资拖欠); B6 max(0, 6 − min(4, 5)) = 2, 4 − 4 = 0: 4+6.5+12+3.5+19.5+2 = 47.5
  { unit: "shiping", total: "47.50", grade: "unqualified", rank: 11, vetoes: [] },
];

describe("S2 县级人民政府教育工作督导评估", () => {
  it.each(expected)("$unit: total $total, grade $grade", ({ unit, total, grade, rank, vetoes }) => {
    const r = result(unit);
    expect(r.total).toBe(total);
    expect(r.grade).toBe(grade);
    expect(r.rank).toBe(rank);
    expect([...r.vetoes].sort()).toEqual(vetoes);
  });

  it("ranks on the total, ties broken by unit code, whatever the vetoes", () => {
    expect(evaluation.units.map((u) => u.unit)).toEqual(expected.map((e) => e.unit));
  });

  it("scores the data-driven leaves from the base-data fields", () => {
    expect(result("yuanjiang").indicators["B3.1"]?.score).toBe("0.00");
    expect(result("yuanjiang").indicators["B5.3"]?.score).toBe("8.00");
    expect(result("jiangchuan").indicators["B3.1"]?.score).toBe("2.00");
    expect(result("chengjiang").indicators["B3.1"]?.score).toBe("3.00");
    expect(result("chengjiang").indicators["B5.4"]?.score).toBe("7.00");
    expect(result("eshan").indicators["B5.1"]?.score).toBe("4.50");
    expect(result("huaning").indicators["B5.2"]?.score).toBe("0.00");
    expect(result("tonghai").indicators["B5.2"]?.score).toBe("8.00");
    expect(result("shiping").indicators.B5?.score).toBe("19.50");
    expect(result("shiping").indicators["B4.2"]?.score).toBe("0.00");
  });
});
