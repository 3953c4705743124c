import { evaluateUnits } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { loadBundledScheme, loadBundledUnits } from "../bundled.js";

const folder = "s13-urban-cases";
const units = loadBundledUnits(folder);
const evaluation = evaluateUnits(loadBundledScheme(folder), units);
const result = (unit: string) => {
  const found = evaluation.units.find((u) => u.unit === unit);
  if (!found) throw new Error(`no result for ${unit}`);
  return found;
};

/**
 * Worked by hand from units.json. K1.1 处结率 = 办结/派遣, linear 95%→0 … 99%→15; K1.2 按期办结率 = 按期办结/派遣,
 * linear 80%→0 … 95%→20; K2.1 热线处结率 bands ≥98% 15, ≥95% 12, ≥90% 7.5, else 0; K2.2 回访率 = 回访/办结 ≥ 95% → 10;
 * K2.3 checklist 3+3+2+2; K3.1 15 − 5 per overdue notice − min(5, 1 per 问责); K3.2 达标社区比例 bands ≥30% 15,
 * ≥20% 9, >0 4.5, 0 → 0. 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60.
 */
const expected = [
  // 3184/3200 = 99.5%, 3104/3200 = 97%, 1590/1600 = 99.4%, 回访 100%, all four 规范 items, no notice, 3/8: 100
  { unit: "nancun", total: "100.00", grade: "excellent", rank: 1 },
  // 99.75%, 97.5%, 99%, 100%, 4/9 = 44%: 100, tied with 南村街道 and after it by unit code
  { unit: "wuyingshan", total: "100.00", grade: "excellent", rank: 1 },
  // 99%, 按期 4275/4500 = exactly 95% → 20; 99%, 100%; K2.3 8; 3/8: 15+20+15+10+8+15+15 = 98
  { unit: "beiyuan", total: "98.00", grade: "excellent", rank: 3 },
  // 99.5%, 按期 1900/2000 = 95% → 20; 98.5% → 15; 950/985 = 96.4% → 10; K2.3 8; K3.1 −1; 2/7 = 28.6% → 9:
  // 15+20+15+10+8+14+9 = 91
  { unit: "beitan", total: "91.00", grade: "excellent", rank: 4 },
  // 99.6%, 96%; 1164/1200 = 97% → 12; 回访 1100/1164 = 94.5% < 95% → 0; K2.3 10; one overdue notice −5;
  // 3/10 = exactly 30% → 15: 15+20+12+0+10+10+15 = 82
  { unit: "beicun", total: "82.00", grade: "good", rank: 5 },
  // 99% → 15; 按期 2150/2500 = 86% → 0.4 × 20 = 8; 98% → 15; 100%; 10; 15; 2/7 → 9: 82, tied with 北村街道
  { unit: "weibeilu", total: "82.00", grade: "good", rank: 5 },
  // 3120/3125 = 99.84% → 15; 按期 2875/3125 = 92% → 0.8 × 20 = 16; 1175/1250 = 94% → 7.5; 100%; 10;
  // one overdue −5; 2/9 = 22% → 9: 15+16+7.5+10+10+10+9 = 77.5
  { unit: "zhijinshi", total: "77.50", grade: "pass", rank: 7 },
  // 2925/3000 = 97.5% → 0.625 × 15 = 9.375; 按期 92% → 16; 96% → 12; 1400/1440 = 97.2% → 10; K2.3 8;
  // 问责 ×2 → 13; 2/8 = 25% → 9: 77.375 → published 77.38 (四舍五入)
  { unit: "tianqiaodongjie", total: "77.38", grade: "pass", rank: 8 },
  // 99%; 按期 1750/2000 = 87.5% → 0.5 × 20 = 10; 96% → 12; 900/960 = 93.75% → 0; 10; 问责 ×7 capped at 5 → 10;
  // 3/10 → 15: 15+10+12+0+10+10+15 = 72
  { unit: "yaoshan", total: "72.00", grade: "pass", rank: 9 },
  // 1960/2000 = 98% → 0.75 × 15 = 11.25; 按期 1870/2000 = 93.5% → 0.9 × 20 = 18; 720/800 = exactly 90% → 7.5;
  // 700/720 = 97.2% → 10; K2.3 3+2 = 5; 15; 1/8 = 12.5% → 4.5: 71.25
  { unit: "baohuajie", total: "71.25", grade: "pass", rank: 10 },
  // 98% → 11.25; 按期 4450/5000 = 89% → 0.6 × 20 = 12; 1900/2000 = exactly 95% → 12; 1805/1900 = exactly 95% → 10;
  // K2.3 6; K3.1 15 − 10 − 3 = 2; 4/11 → 15: 11.25+12+12+10+6+2+15 = 68.25
  { unit: "dikoulu", total: "68.25", grade: "pass", rank: 11 },
  // 1455/1500 = 97% → 7.5; 按期 1290/1500 = 86% → 8; 608/640 = 95% → 12; 600/608 = 98.7% → 10; 8; −5 → 10;
  // 2/7 → 9: 64.5
  { unit: "luokou", total: "64.50", grade: "pass", rank: 12 },
  // 3880/4000 = 97% → 7.5; 按期 3320/4000 = 83% → 0.2 × 20 = 4; 1760/2000 = 88% → 0; 1600/1760 = 90.9% → 0;
  // K2.3 6; two overdue notices → 5; no 达标社区 → 0: 22.5
  { unit: "guanzhaying", total: "22.50", grade: "fail", rank: 13 },
];

describe("S13 街道办事处数字化城管与12345热线办理考核", () => {
  it.each(expected)("$unit: total $total, grade $grade", ({ unit, total, grade, rank }) => {
    const r = result(unit);
    expect(r.total).toBe(total);
    expect(r.grade).toBe(grade);
    expect(r.rank).toBe(rank);
  });

  it("ranks on the total, ties broken by unit code", () => {
    expect(evaluation.units.map((u) => u.unit)).toEqual(expected.map((e) => e.unit));
  });

  it("scores 处结率, 按期办结率 and 回访率 from the case counts", () => {
    expect(result("tianqiaodongjie").indicators["K1.1"]?.score).toBe("9.38");
    expect(result("baohuajie").indicators["K1.2"]?.score).toBe("18.00");
    expect(result("weibeilu").indicators["K1.2"]?.score).toBe("8.00");
    expect(result("beiyuan").indicators["K1.2"]?.score).toBe("20.00");
    expect(result("baohuajie").indicators["K2.1"]?.score).toBe("7.50");
    expect(result("beicun").indicators["K2.2"]?.score).toBe("0.00");
    expect(result("dikoulu").indicators["K2.2"]?.score).toBe("10.00");
    expect(result("dikoulu").indicators["K3.1"]?.score).toBe("2.00");
    expect(result("guanzhaying").indicators.K2?.score).toBe("6.00");
  });

  it("keeps the district's community totals consistent with the seed (111 社区, 31 达标)", () => {
    const sum = (field: string) => units.reduce((acc, u) => acc + Number(u.data?.[field] ?? 0), 0);
    expect(sum("communities")).toBe(111);
    expect(sum("communities_clean")).toBe(31);
  });
});
