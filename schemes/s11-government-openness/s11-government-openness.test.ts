import { describe, expect, it } from "vitest";
import { evaluateBundled } from "../bundled.js";

const { evaluation, result } = evaluateBundled("s11-government-openness");

/**
 * Worked by hand from units.json. Maxima: G1 15 (5+10), G2 35 (5+15+15), G3 15 (5+10), G4 10, G5 15 (10+5),
 * G6 10 (6+4). Checklist leaves add the points of the items met; deduction leaves lose their deductions.
 * A unit with no 依申请公开 application declares G3.2 不适用: 应得分 90, total = 实得分 × 100 / 90.
 */
const expected = [
  // every item met, no deduction
  { unit: "caizheng", points: "100.00", total: "100.00", grade: "excellent", rank: 1 },
  // G2.3 −2 (信息未按时间节点公开 ×2); G5.2 −2 (网上办事不完善): 96
  { unit: "jiaotong", points: "96.00", total: "96.00", grade: "excellent", rank: 2 },
  // G2.2 no 重大建设项目 → 12; G2.3 −1; G5.1 no 微博 → 8; G3.2 不适用: 实得分 15+31+5+10+13+10 = 84 of 90
  // → 84 × 100 / 90 = 93.33
  { unit: "renshe", points: "84.00", total: "93.33", grade: "excellent", rank: 3 },
  // G2.2 9; G4 −2 × 0.5; G5.1 8; G3.2 不适用: 15+29+5+9+13+10 = 81 of 90 → exactly 90.00 → 优秀
  { unit: "shenji", points: "81.00", total: "90.00", grade: "excellent", rank: 4 },
  // G2.2 no 财政预决算 → 12; G2.3 −5; G6.1 3: 100 − 3 − 5 − 3 = 89
  { unit: "chengnan", points: "89.00", total: "89.00", grade: "good", rank: 5 },
  // G1.2 8; G2.3 15 − 3 − 2 = 10; G3.2 10 − 2 − 1 = 7; G6.2 −2: 100 − 2 − 5 − 3 − 2 = 88
  { unit: "jiaoti", points: "88.00", total: "88.00", grade: "good", rank: 6 },
  // G4 12 × 0.5 capped at 5 → 5; G5.2 5 × 1 capped at 3 → 2; G6.2 4 − 2 × 2 = 0: 100 − 5 − 3 − 4 = 88,
  // tied with 区教育体育局 and listed after it by unit code
  { unit: "shijian", points: "88.00", total: "88.00", grade: "good", rank: 6 },
  // G1.1 3.5; G2.3 −5 (泄密); G3.2 max(0, 10 − 5 − 6) = 0: 100 − 1.5 − 5 − 10 = 83.5
  { unit: "ziran", points: "83.50", total: "83.50", grade: "good", rank: 8 },
  // G2.2 9; G2.3 11; G4 10 − 1.5 − 2 = 6.5; G6.1 3; G3.2 不适用: 15+25+5+6.5+15+7 = 73.5 of 90 → 81.67
  { unit: "weijian", points: "73.50", total: "81.67", grade: "good", rank: 9 },
  // G1 3.5+6; G2 5+9+(15−4−1); G3 4+(10−2); G4 10−2; G5 6+4; G6 3+2: 9.5+24+12+8+10+5 = 68.5
  { unit: "subu", points: "68.50", total: "68.50", grade: "pass", rank: 10 },
  // G1 2+4; G2 2.5+6+(15−6−3); G3 2 (G3.2 不适用); G4 10−2−3; G5 3+(5−2−2); G6 1.5+2:
  // 6+14.5+2+5+4+3.5 = 35 of 90 → 38.89
  { unit: "dushan", points: "35.00", total: "38.89", grade: "fail", rank: 11 },
];

describe("S11 政务公开工作考评自查", () => {
  it.each(expected)(
    "$unit: 实得分 $points, total $total, grade $grade",
    ({ unit, points, total, grade, rank }) => {
      const r = result(unit);
      expect(r.points).toBe(points);
      expect(r.total).toBe(total);
      expect(r.rate).toBe(total);
      expect(r.grade).toBe(grade);
      expect(r.rank).toBe(rank);
    },
  );

  it("ranks on the re-based total", () => {
    expect(evaluation.units.map((u) => u.unit)).toEqual(expected.map((e) => e.unit));
  });

  it("takes a 不适用 item out of the 应得分", () => {
    const renshe = result("renshe").indicators;
    expect(renshe["G3.2"]).toMatchObject({ na: true, score: "0.00", max: "10.00", applicableMax: "0.00" });
    expect(renshe.G3).toMatchObject({ score: "5.00", max: "15.00", applicableMax: "5.00" });
    expect(result("caizheng").indicators["G3.2"]).toMatchObject({ na: false, applicableMax: "10.00" });
  });

  it("scores the checklists and the capped deductions", () => {
    expect(result("renshe").indicators["G2.2"]?.score).toBe("12.00");
    expect(result("shijian").indicators.G4?.score).toBe("5.00");
    expect(result("shijian").indicators["G5.2"]?.score).toBe("2.00");
    expect(result("ziran").indicators["G3.2"]?.score).toBe("0.00");
    expect(result("dushan").indicators.G2?.score).toBe("14.50");
  });
});
