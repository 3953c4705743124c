import { evaluateUnits } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { loadBundledScheme, loadBundledUnits } from "../bundled.js";

const folder = "s07-standard-school";
const evaluation = evaluateUnits(loadBundledScheme(folder), loadBundledUnits(folder));
const byUnit = new Map(evaluation.units.map((result) => [result.unit, result]));

/**
 * Worked out by hand from units.json, as the sums of the five parts A 校园校舍 + B 装备设施 + C 教师队伍 +
 * D 学校管理 + E 教育质量 (1000 in all); 达标 ≥ 900, 基本达标 ≥ 850. A veto caps the grade at 基本达标.
 */
const expected: Record<string, { total: string; grade: string; vetoes: string[] }> = {
  // 298 + 188 (仪器二类 48) + 195 + 194 + 86 = 961
  S07: { total: "961.00", grade: "DB", vetoes: [] },
  // 288 (档案不健全 −10) + 188 (生机比 12:1 → 28) + 194 + 194 + 86 = 950
  S01: { total: "950.00", grade: "DB", vetoes: [] },
  // 294.2 (生均用地 22㎡ → 55.2) + 178 + 194 + 184 + 86 = 936.2, D类危房在用 → 基本达标
  S05: { total: "936.20", grade: "JBDB", vetoes: ["V1"] },
  // C1 150/156 → 40.3846, C2 148/150 → 43.3333, C3 145/150 → 48.3333; 288 + 188 + 177.0513 + 195 + 85.5
  S12: { total: "933.55", grade: "DB", vetoes: [] },
  // A2 20㎡ → 45.6; C1 50/52 → 40.3846; E2 900/960 → 28.125; 283.6 + 188 + 173.3846 + 196 + 85.125
  S02: { total: "926.11", grade: "DB", vetoes: [] },
  // C 43.4783 + 45.5357 + 48.2143 + 40 = 177.2283; 298 + 176 + 177.2283 + 190 + 68.5 = 909.73, 刑事案件 → 基本达标
  S08: { total: "909.73", grade: "JBDB", vetoes: ["V3"] },
  // 263 (A2 18㎡ → 36) + 180 + 187.5 + 191 + 78.5 = 900.00 exactly: “900分以上” is 达标
  S03: { total: "900.00", grade: "DB", vetoes: [] },
  // C 32.5581 + 37.5 + 46.25 + 43 = 159.3081; 282.6 + 168 + 159.3081 + 183 + 77.5
  S09: { total: "870.41", grade: "JBDB", vetoes: [] },
  // C 39.5833 + 17.3913 + 43.4783 + 42 = 142.4529; 281.6 + 168 + 142.4529 + 187 + 76.5
  S04: { total: "855.55", grade: "JBDB", vetoes: [] },
  // 244.5 + 168 + 159.5 + 188 + 89.5 = 849.50: below 850 is 不达标
  S11: { total: "849.50", grade: "BDB", vetoes: [] },
  // 247.6 + 180 + 155.3478 + 175 + 83.9545 = 841.90; the veto cannot raise a 不达标 school
  S10: { total: "841.90", grade: "BDB", vetoes: ["V2"] },
  // 班额 48.2 → 20; 219 + 180 + 166.627 + 165 + 79.5 = 810.13
  S06: { total: "810.13", grade: "BDB", vetoes: [] },
};

describe("S7 义务教育标准化学校评估验收", () => {
  it("gives every school the hand-worked total, grade and vetoes", () => {
    const actual = Object.fromEntries(
      evaluation.units.map((result) => [
        result.unit,
        { total: result.total, grade: result.grade, vetoes: result.vetoes },
      ]),
    );
    expect(actual).toEqual(expected);
  });

  it("computes the ratio leaves from base data, with thresholds per school type", () => {
    // 生均校园占地 21600 / 1200 = 18㎡ → 60% of 60
    expect(byUnit.get("S03")?.indicators.A2?.score).toBe("36.00");
    // 生均校舍 3520 / 640 = 5.5㎡ → 小学 70% band → 56
    expect(byUnit.get("S11")?.indicators["A3.X"]?.score).toBe("56.00");
    // 初中 8580 / 1320 = 6.5㎡ → 初中 70% band → 56 (the same figure would be full marks for a 小学)
    expect(byUnit.get("S10")?.indicators["A3.C"]?.score).toBe("56.00");
    // 专任教师 112 / 115 = 97.39% → (0.973913 − 0.8) / 0.2 × 50
    expect(byUnit.get("S08")?.indicators.C1?.score).toBe("43.48");
    // 体质健康 1148 / 1320 = 86.97% → (0.869697 − 0.75) / 0.2 × 30
    expect(byUnit.get("S10")?.indicators.E2?.score).toBe("17.95");
    expect(byUnit.get("S09")?.indicators["A1.1X"]).toBeUndefined();
    expect(byUnit.get("S09")?.indicators["A1.1C"]?.score).toBe("40.00");
  });

  it("ranks the schools by total", () => {
    const order = evaluation.units
      .filter((result) => result.vetoes.length === 0)
      .map((result) => result.unit);
    expect(order).toEqual(["S07", "S01", "S12", "S02", "S03", "S09", "S04", "S11", "S06"]);
  });
});
