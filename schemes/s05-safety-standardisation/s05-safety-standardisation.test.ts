import { evaluateUnits } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { loadBundledScheme, loadBundledUnits } from "../bundled.js";

const folder = "s05-safety-standardisation";
const evaluation = evaluateUnits(loadBundledScheme(folder), loadBundledUnits(folder));
const byUnit = new Map(evaluation.units.map((result) => [result.unit, result]));

/**
 * Worked out by hand from units.json: 实得分 (points) over 应得分 (1000 minus the n/a leaves) gives the 得分率
 * (rate, the grading basis: 一级 ≥ 90, 二级 ≥ 75, 三级 ≥ 60) and the re-based total = rate × 10. Then vetoes
 * (fail), the accident-record cap, and the declared level: never above it, below it → FAIL.
 */
const expected: Record<string, { rate: string; total: string; grade: string; vetoes: string[] }> = {
  // 892.5 / 920 (n/a 重大危险源, 危化品) = 97.01 → L1, but a fatality caps at L2 < declared L1 → FAIL
  Q05: { rate: "97.01", total: "970.11", grade: "FAIL", vetoes: [] },
  // 944.5 / 980 (n/a 事故调查) = 96.38 → L1 = declared
  Q02: { rate: "96.38", total: "963.78", grade: "L1", vetoes: [] },
  // 841 / 880 (n/a 重大危险源, 危化品, 相关方) = 95.57 → L1
  Q11: { rate: "95.57", total: "955.68", grade: "L1", vetoes: [] },
  // 891.5 / 960 = 92.8646 but 重大事故 → FAIL
  Q06: { rate: "92.86", total: "928.65", grade: "FAIL", vetoes: ["V1"] },
  // 884 / 980 = 90.2041 but 重大事故隐患未整改 → FAIL
  Q10: { rate: "90.20", total: "902.04", grade: "FAIL", vetoes: ["V2"] },
  // 792.5 / 900 = 88.0556 → L2 = declared
  Q01: { rate: "88.06", total: "880.56", grade: "L2", vetoes: [] },
  // 740.5 / 860 = 86.1047 → L2, announced at the declared L3
  Q03: { rate: "86.10", total: "861.05", grade: "L3", vetoes: [] },
  // 805.5 / 940 = 85.6915 → L2
  Q12: { rate: "85.69", total: "856.91", grade: "L2", vetoes: [] },
  // 592.5 / 770 (7 n/a leaves, 230 points) = 76.9481 → L2, announced at the declared L3
  Q07: { rate: "76.95", total: "769.48", grade: "L3", vetoes: [] },
  // 690 / 920 = 75.00 exactly → L2 (record cap L2 does not lower it)
  Q09: { rate: "75.00", total: "750.00", grade: "L2", vetoes: [] },
  // 647.5 / 900 = 71.9444 → L3, below the declared L2 → FAIL
  Q04: { rate: "71.94", total: "719.44", grade: "FAIL", vetoes: [] },
  // 469 / 900 = 52.1111 → below 60 → FAIL
  Q08: { rate: "52.11", total: "521.11", grade: "FAIL", vetoes: [] },
};

describe("S5 企业安全生产标准化评定", () => {
  it("gives every enterprise the hand-worked rate, total, level and vetoes", () => {
    const actual = Object.fromEntries(
      evaluation.units.map((result) => [
        result.unit,
        { rate: result.rate, total: result.total, grade: result.grade, vetoes: result.vetoes },
      ]),
    );
    expect(actual).toEqual(expected);
  });

  it("re-bases on the applicable maximum when leaves are not applicable", () => {
    const q07 = byUnit.get("Q07");
    expect(q07?.points).toBe("592.50");
    expect(q07?.indicators["E05.2"]?.na).toBe(true);
    expect(q07?.indicators.E05?.applicableMax).toBe("50.00");
    expect(q07?.indicators.E09?.applicableMax).toBe("40.00");
    expect(byUnit.get("Q09")?.points).toBe("690.00");
  });

  it("scores formula, deduction and checklist leaves", () => {
    // 职业健康检查 114 / 120 = 95% → (0.95 − 0.8) / 0.2 × 30 = 22.5
    expect(byUnit.get("Q01")?.indicators["E09.2"]?.score).toBe("22.50");
    // 工伤保险 205 / 210 = 97.6% → 95% band → 15; 特种作业 7 / 8 持证 → 0
    expect(byUnit.get("Q04")?.indicators["E10.2"]?.score).toBe("15.00");
    expect(byUnit.get("Q04")?.indicators["E05.2"]?.score).toBe("0.00");
    // 9 overdue hazards × 5 = 45, capped at 40 → 50 − 40 = 10
    expect(byUnit.get("Q08")?.indicators["E11.1"]?.score).toBe("10.00");
    // 3 missing rules × 2 + 操作规程未发放 5 = 11 → 9
    expect(byUnit.get("Q08")?.indicators["E02.2"]?.score).toBe("9.00");
    // two of three checklist items
    expect(byUnit.get("Q09")?.indicators["E03.1"]?.score).toBe("20.00");
  });

  it("ranks by 得分率", () => {
    const order = evaluation.units
      .filter((result) => result.vetoes.length === 0)
      .map((result) => result.unit);
    expect(order).toEqual(["Q05", "Q02", "Q11", "Q01", "Q03", "Q12", "Q07", "Q09", "Q04", "Q08"]);
  });
});
