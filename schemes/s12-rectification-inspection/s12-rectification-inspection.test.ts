import { describe, expect, it } from "vitest";
import { evaluateBundled } from "../bundled.js";

const { evaluation, result } = evaluateBundled("s12-rectification-inspection");

/**
 * Worked by hand from units.json. H1 15 (checklist 5 + deductions 10); H2.1 按期完成率 linear 60%→0 … 100%→20;
 * H2.2 销号率 bands 100% → 15, ≥90% → 12, ≥80% → 9, below → 0; H3.1 初中辍学率 linear 1%→10 … 2%→0;
 * H3.2 取证到位率 linear 80%→0 … 100%→10; H3.3 levels 10/6/0; H4.1 checklist 10; H4.2 manual 10.
 * 整改到位 ≥ 85, 基本到位 ≥ 70; any of the seven 一票否决 items (V1–V7) → 整改未到位.
 */
const expected = [
  // every rate 100%, 辍学率 7/1400 = 0.5% → 10; H4.2 9.5: 15+35+30+19.5 = 99.5
  { unit: "longqiao", total: "99.50", grade: "done", vetoes: [] },
  // 初中入学率 1410/1500 = 94% (V2) and 小学辍学率 18/3000 = 0.6% (V3); points 15+35+30+(10+8) = 98 → 未到位
  { unit: "zhuangbian", total: "98.00", grade: "not-done", vetoes: ["V2", "V3"] },
  // C、D级危房 850 m² (V7); 销号 15/16 = 93.75% → 12: 15+(20+12)+30+19.5 = 96.5 → 未到位
  { unit: "huating", total: "96.50", grade: "not-done", vetoes: ["V7"] },
  // H1.2 −1; 按期 23/25 = 92% → 0.8 × 20 = 16; 销号 24/25 = 96% → 12; 辍学率 14/1400 = exactly 1% → 10;
  // H4.2 9: 14+28+30+19 = 91
  { unit: "fenghuang", total: "91.00", grade: "done", vetoes: [] },
  // 初中辍学率 35/1400 = 2.5% (V4) → H3.1 0: 15+35+20+19 = 89 → 未到位
  { unit: "donghai", total: "89.00", grade: "not-done", vetoes: ["V4"] },
  // 按期 18/20 = 90% → 0.75 × 20 = 15; 销号 19/20 = 95% → 12; 取证 45/50 = 90% → 5; H4.1 8, H4.2 10:
  // 15+27+25+18 = 85.0 → 整改到位 (min inclusive)
  { unit: "changtai", total: "85.00", grade: "done", vetoes: [] },
  // 辍学率 21/1400 = 1.5% → 5; 按期 90% → 15; 销号 90% → 12; 取证 76/80 = 95% → 7.5; H4.1 8, H4.2 8:
  // 15+27+22.5+16 = 80.5
  { unit: "xialin", total: "80.50", grade: "partly", vetoes: [] },
  // 按期 8/10 = 80% → 10; 销号 9/10 → 12; 辍学率 6/500 = 1.2% → 8; 取证 38/40 = 95% → 7.5; H4.2 6.5:
  // 15+22+25.5+16.5 = 79
  { unit: "dayang", total: "79.00", grade: "partly", vetoes: [] },
  // 残疾少儿 20/24 = 83.3% (V5); H1 4+8; 按期 24/30 = 80% → 10; 销号 27/30 = 90% → 12; 取证 90% → 5;
  // 基本完成 6; H4.1 6, H4.2 7: 12+22+21+13 = 68
  { unit: "lingchuan", total: "68.00", grade: "not-done", vetoes: ["V5"] },
  // H1 3 + (10 − 3 − min(4, 5)) = 6; 按期 21/24 = 87.5% → 0.6875 × 20 = 13.75; 销号 22/24 = 91.67% → 12;
  // 辍学率 20/1600 = 1.25% → 7.5; 取证 90% → 5; 6; H4 8+8: 6+25.75+18.5+16 = 66.25, no veto
  { unit: "baisha", total: "66.25", grade: "not-done", vetoes: [] },
  // 小学入学率 2950/3000 = 98.3% (V1), 17周岁完成率 460/500 = 92% (V6); 辍学率 28/1400 = exactly 2% → H3.1 0
  // but not V4 (> 2%); 按期 50% → 0; 销号 14/18 = 77.8% → 0; 取证 48/60 = 80% → 0; 6; H1 5+8; H4 2+5:
  // 13+0+6+7 = 26
  { unit: "xinxian", total: "26.00", grade: "not-done", vetoes: ["V1", "V6"] },
];

describe('S12 乡镇"双高普九"自评整改督查评估', () => {
  it.each(expected)("$unit: total $total, grade $grade", ({ unit, total, grade, vetoes }) => {
    const r = result(unit);
    expect(r.total).toBe(total);
    expect(r.grade).toBe(grade);
    expect([...r.vetoes].sort()).toEqual(vetoes);
  });

  it("ranks on the total, vetoed units included", () => {
    expect(evaluation.units.map((u) => u.unit)).toEqual(expected.map((e) => e.unit));
    expect(evaluation.units.map((u) => u.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it("scores the rectification rates and the 控辍保学 data", () => {
    expect(result("baisha").indicators["H2.1"]?.score).toBe("13.75");
    expect(result("baisha").indicators["H1.2"]?.score).toBe("3.00");
    expect(result("fenghuang").indicators["H2.1"]?.score).toBe("16.00");
    expect(result("huating").indicators["H2.2"]?.score).toBe("12.00");
    expect(result("xinxian").indicators["H2.2"]?.score).toBe("0.00");
    expect(result("xialin").indicators["H3.1"]?.score).toBe("5.00");
    expect(result("dayang").indicators["H3.1"]?.score).toBe("8.00");
    expect(result("xinxian").indicators["H3.1"]?.score).toBe("0.00");
    expect(result("lingchuan").indicators.H3?.score).toBe("21.00");
  });
});
