import { describe, expect, it } from "vitest";
import { evaluateBundled } from "../bundled.js";

const { evaluation, result } = evaluateBundled("s01-township-burden");

/**
 * Worked by hand from units.json. Per item: A1 (10) = A1.1 2 + A1.2 2 + A1.3 2 + A1.4 4; A2 (40) = 10+5+5+5+5+10;
 * A3 (11) = 5+3+3; A4 (10) = 5+5; A5 (10); A6 (10) = 5+5. Full mark 91; grade on 得分率 = points ÷ 91 × 100.
 */
const expected = [
  // A1.3 督查少1次 −0.2 → A1 9.8; A2.2 4.5 → A2 39.5; rest full. 90.3; 90.3/91 = 99.23%
  { unit: "chengguan", total: "90.30", rate: "99.23", grade: "excellent", rank: 1 },
  // A1.3 2 − min(0.6, 3×0.2) − min(0.6, 3×0.2) − 0.3 = 0.5 → A1 8.5; A2.1 9.5, A2.5 5 − 2.5 → A2 37;
  // A3.2 2.5 → A3 10.5; A4.2 4.5 → A4 9.5; A5 9.5; A6 10. 85.0; 93.41%
  { unit: "longquan", total: "85.00", rate: "93.41", grade: "excellent", rank: 2 },
  // A1.1 2 − 2×0.4 = 1.2, A1.4 3.5 → A1 8.7; A2.1 9, A2.3 5 − 3×0.5 = 3.5 → A2 37.5; A3.2 2.5 → 10.5; A4 10;
  // A5 8.5; A6.2 5 − 1 → A6 9. 84.2; 92.53%
  { unit: "hekou", total: "84.20", rate: "92.53", grade: "excellent", rank: 3 },
  // A1.4 3.5 → 9.5; A2.1 9, A2.2 4.5, A2.6 10 − 2 → 36.5; A3.1 4.5 → 10.5; A4.1 4.5 → 9.5; A5 9; A6.2 −1 → 9. 84.0
  { unit: "taiping", total: "84.00", rate: "92.31", grade: "excellent", rank: 4 },
  // same sheet as 太平镇 except A6.2 deducts 接待无记录 (1) instead of 整改无结果 (1): also 84.0, tied at rank 4,
  // listed after 太平镇 by unit code
  { unit: "yangliu", total: "84.00", rate: "92.31", grade: "excellent", rank: 4 },
  // A1.1 −0.4, A1.3 −0.2, A1.4 3.5 → 8.9; A2.1 9, A2.2 4, A2.3 −0.5, A2.4 −2×0.5 → 36.5; A3.2 2.5 → 10.5;
  // A4.2 4.5 → 9.5; A5 7.5; A6.2 −1 → 9. 81.9 = exactly 90% of 91 → 优秀 (min is inclusive)
  { unit: "huangping", total: "81.90", rate: "90.00", grade: "excellent", rank: 6 },
  // A1.2 −1, A1.3 −0.5 −0.4 → 8.1; A2.1 8.5, A2.2 4, A2.4 5 − min(1, 1.5) − 0.5 = 3.5 → 36; A3.1 4, A3.3 −1 → 9;
  // A4.2 4 → 9; A5 9; A6 10. 81.1; 89.12% → 良好
  { unit: "shiqiao", total: "81.10", rate: "89.12", grade: "good", rank: 7 },
  // A1.2 −1, A1.4 3 → 8; A2.1 8.5, A2.2 4, A2.3 −1, A2.4 −2 → 34.5; A3.1 4, A3.2 2.5, A3.3 −1 → 8.5;
  // A4 4+4 = 8; A5 8; A6.2 −2 → 8. 75.0; 82.42%
  { unit: "shuanghe", total: "75.00", rate: "82.42", grade: "good", rank: 8 },
  // A2.1 7.5, A2.6 10 − 2×5 = 0 → A2 27.5; A5 6; rest full. 74.5; 81.87%
  { unit: "qingshan", total: "74.50", rate: "81.87", grade: "good", rank: 9 },
  // A1.4 3 → 9; A2.1 8, A2.2 3.5, A2.3 5 − min(2, 3) − 2 = 1, A2.4 5 − 4 = 1, A2.6 max(0, 10 − min(6, 8) − 5) = 0
  // → 18.5; A3.1 3.5, A3.2 2, A3.3 3 − 1 − min(2, 3) = 0 → 5.5; A4 4 + 3.5; A5 8.5; A6.2 5 − 1 − 2 − 1 = 1 → 6.
  // 55.0; 60.44% → 合格
  { unit: "xindian", total: "55.00", rate: "60.44", grade: "pass", rank: 10 },
  // A1: 0 + 0 + max(0, 2 − 0.5 − 0.6 − 0.6 − 0.3) + 1.5 = 1.5; A2: 6 + 2.5 + max(0, 5 − 2 − 4) + (5 − 2 − 2)
  // + (5 − 5) + (10 − 4 − 2 − 2) = 11.5; A3: 3 + 1.5 + 2 = 6.5; A4: 3 + 2.5; A5 5; A6: 0 + max(0, 5 − 1 − 3 − 2) = 0.
  // 30.0; 32.97% → 不合格
  { unit: "baisha", total: "30.00", rate: "32.97", grade: "fail", rank: 11 },
];

describe("S1 乡镇减负及农经管理工作自评", () => {
  it.each(expected)(
    "$unit: total $total, 得分率 $rate, grade $grade",
    ({ unit, total, rate, grade, rank }) => {
      const r = result(unit);
      expect(r.total).toBe(total);
      expect(r.points).toBe(total);
      expect(r.rate).toBe(rate);
      expect(r.grade).toBe(grade);
      expect(r.rank).toBe(rank);
      expect(r.vetoes).toEqual([]);
    },
  );

  it("ranks on 得分率 with ties broken by unit code", () => {
    expect(evaluation.units.map((u) => u.unit)).toEqual(expected.map((e) => e.unit));
  });

  it("reports 分值 and 自评得分 per item", () => {
    const hekou = result("hekou").indicators;
    expect(hekou["A1.1"]).toMatchObject({ score: "1.20", max: "2.00" });
    expect(hekou["A2.3"]).toMatchObject({ score: "3.50", max: "5.00" });
    expect(hekou.A1).toMatchObject({ score: "8.70", max: "10.00" });
    const xindian = result("xindian").indicators;
    // 每户扣0.5分最多扣2分: six cards missing still deduct only 2
    expect(xindian["A2.3"]?.score).toBe("1.00");
    // deductions beyond the item's 分值 stop at 0
    expect(xindian["A2.6"]?.score).toBe("0.00");
    expect(xindian.A2?.score).toBe("18.50");
    expect(result("baisha").indicators.A6?.score).toBe("0.00");
  });
});
