import { evaluateUnits, type SchemeInput, type UnitInputData, type UnitResult } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { buildScheme, inputProblems, type SchemeBody } from "../__fixtures__/build-scheme.js";

function evaluateOne(scheme: SchemeBody, unit: Omit<UnitInputData, "unit">): UnitResult {
  return evaluateUnits(buildScheme(scheme), [{ unit: "U", ...unit }]).units[0]!;
}

const manual = { type: "manual" } as const;

/**
 * 100 points: element A (40) with two n/a-able leaves of 20, element B (60, one leaf). The safety-standardisation
 * pattern: 空项不计分, 得分率 = 实得分 / 应得分 × 100.
 */
const withNa = (notApplicable: "rebase" | "raw" = "rebase"): SchemeBody => ({
  notApplicable,
  indicators: [
    {
      code: "A",
      name: "要素甲",
      max: 40,
      children: [
        { code: "A1", name: "重大危险源管理", max: 20, notApplicable: true, method: manual },
        { code: "A2", name: "特种设备管理", max: 20, notApplicable: true, method: manual },
      ],
    },
    { code: "B", name: "要素乙", max: 60, method: manual },
  ],
});

describe("不适用 (not applicable)", () => {
  it("re-bases an item: 得分率 = 实得分 / (满分 − 不适用分值) × 100, total = 得分率 × 满分 / 100", () => {
    const u = evaluateOne(withNa(), { scores: { A1: { na: true }, A2: 15, B: 50 } });
    // 实得分 65, 应得分 100 − 20 = 80: 65 / 80 × 100 = 81.25
    expect(u.points).toBe("65.00");
    expect(u.rate).toBe("81.25");
    expect(u.total).toBe("81.25");
    expect(u.indicators.A1).toEqual({ score: "0.00", max: "20.00", applicableMax: "0.00", na: true });
    expect(u.indicators.A).toEqual({ score: "15.00", max: "40.00", applicableMax: "20.00", na: false });
  });

  it("keeps the points as the total with notApplicable: raw, and still reports the rate", () => {
    const u = evaluateOne(withNa("raw"), { scores: { A1: { na: true }, A2: 15, B: 50 } });
    expect(u.total).toBe("65.00");
    expect(u.rate).toBe("81.25");
  });

  it("takes a whole element out when all its items are not applicable", () => {
    const u = evaluateOne(withNa(), { scores: { A1: { na: true }, A2: { na: true }, B: 45 } });
    // 45 / 60 × 100 = 75
    expect(u.indicators.A?.na).toBe(true);
    expect(u.indicators.A?.applicableMax).toBe("0.00");
    expect(u.rate).toBe("75.00");
    expect(u.total).toBe("75.00");
  });

  it("re-bases a non-terminating rate once, half up: 84 / 95 × 100 = 88.421…", () => {
    const scheme: SchemeBody = {
      indicators: [
        { code: "P", name: "已评", max: 95, method: manual },
        { code: "Q", name: "空项", max: 5, notApplicable: true, method: manual },
      ],
    };
    const u = evaluateOne(scheme, { scores: { P: 84, Q: { na: true } } });
    expect(u.rate).toBe("88.42");
    expect(u.total).toBe("88.42");
    // 1000-point scale: 870 / 950 × 1000 = 915.789… → 915.79
    const large = evaluateOne(
      {
        indicators: [
          { code: "P", name: "已评", max: 950, method: manual },
          { code: "Q", name: "空项", max: 50, notApplicable: true, method: manual },
        ],
      },
      { scores: { P: 870, Q: { na: true } } },
    );
    expect(large.rate).toBe("91.58");
    expect(large.total).toBe("915.79");
  });

  it("re-bases inside an element that aggregates normalized", () => {
    const scheme: SchemeBody = {
      indicators: [
        {
          code: "E",
          name: "要素",
          max: 10,
          aggregate: "normalized",
          children: [
            { code: "E1", name: "空项", max: 4, notApplicable: true, method: manual },
            { code: "E2", name: "已评", max: 6, method: manual },
          ],
        },
        { code: "F", name: "其他", max: 90, method: manual },
      ],
    };
    // E = 10 × 3 / 6 = 5 and E keeps its full applicable max, so the scheme total is not re-based again.
    const u = evaluateOne(scheme, { scores: { E1: { na: true }, E2: 3, F: 90 } });
    expect(u.indicators.E).toEqual({ score: "5.00", max: "10.00", applicableMax: "10.00", na: false });
    expect(u.total).toBe("95.00");
    expect(u.rate).toBe("95.00");
  });

  it("renormalises the weights of a weighted parent over its applicable children", () => {
    const scheme: SchemeBody = {
      max: 100,
      aggregate: "weighted",
      indicators: [
        { code: "X", name: "甲", max: 10, weight: 0.5, notApplicable: true, method: manual },
        { code: "Y", name: "乙", max: 10, weight: 0.3, method: manual },
        { code: "Z", name: "丙", max: 10, weight: 0.2, method: manual },
      ],
    };
    // (0.3 × 0.8 + 0.2 × 0.5) / 0.5 × 100 = 68
    const u = evaluateOne(scheme, { scores: { X: { na: true }, Y: 8, Z: 5 } });
    expect(u.total).toBe("68.00");
  });

  it("scores 0 with a rate of 0 when everything is not applicable", () => {
    const u = evaluateOne(
      {
        indicators: [
          { code: "P", name: "甲", max: 60, notApplicable: true, method: manual },
          { code: "Q", name: "乙", max: 40, notApplicable: true, method: manual },
        ],
      },
      { scores: { P: { na: true }, Q: { na: true } } },
    );
    expect([u.points, u.rate, u.total]).toEqual(["0.00", "0.00", "0.00"]);
  });

  it("does not re-base a unit with no n/a item when a parent's children add up to less than its max", () => {
    // P (10) has children of 4 + 4 (childrenSum: atMost): without 不适用 items the applicable max is the max, so
    // 8 + 90 = 98 of 100 is a rate of 98, not 98 / 98.
    const scheme: SchemeBody = {
      indicators: [
        {
          code: "P",
          name: "部分",
          max: 10,
          childrenSum: "atMost",
          children: [
            { code: "P1", name: "甲", max: 4, method: manual },
            { code: "P2", name: "乙", max: 4, method: manual },
          ],
        },
        { code: "Q", name: "其他", max: 90, method: manual },
      ],
    };
    const u = evaluateOne(scheme, { scores: { P1: 4, P2: 4, Q: 90 } });
    expect(u.indicators.P).toEqual({ score: "8.00", max: "10.00", applicableMax: "10.00", na: false });
    expect(u.points).toBe("98.00");
    expect(u.rate).toBe("98.00");
    expect(u.total).toBe("98.00");
  });

  it("refuses n/a on an item that does not allow it", () => {
    const problems = inputProblems(() =>
      evaluateUnits(buildScheme(withNa()), [{ unit: "U", scores: { A1: 10, A2: 10, B: { na: true } } }]),
    );
    expect(problems).toEqual([
      expect.objectContaining({
        unit: "U",
        indicator: "B",
        message: "this indicator cannot be declared not applicable",
      }),
    ]);
  });
});

describe("aggregates", () => {
  it("sum: a parent scores the sum of its children, capped at its max", () => {
    const scheme: SchemeBody = {
      indicators: [
        {
          code: "P",
          name: "部分",
          max: 10,
          childrenSum: "free",
          children: [
            { code: "P1", name: "甲", max: 8, method: manual },
            { code: "P2", name: "乙", max: 6, method: manual },
          ],
        },
      ],
    };
    expect(evaluateOne(scheme, { scores: { P1: 3, P2: 4.5 } }).indicators.P?.score).toBe("7.50");
    expect(evaluateOne(scheme, { scores: { P1: 8, P2: 6 } }).indicators.P?.score).toBe("10.00");
  });

  it("weighted: 日常考核 40% + 年终考核 60%, each as a rate of its own max", () => {
    const scheme: SchemeBody = {
      max: 100,
      aggregate: "weighted",
      indicators: [
        { code: "D", name: "日常考核", max: 50, weight: 0.4, method: manual },
        { code: "Y", name: "年终考核", max: 100, weight: 0.6, method: manual },
      ],
    };
    // 100 × (0.4 × 40/50 + 0.6 × 90/100) = 32 + 54 = 86
    expect(evaluateOne(scheme, { scores: { D: 40, Y: 90 } }).total).toBe("86.00");
    // 100 × (0.4 × 41/50 + 0.6 × 77.5/100) = 32.8 + 46.5 = 79.3
    expect(evaluateOne(scheme, { scores: { D: 41, Y: 77.5 } }).total).toBe("79.30");
  });

  /**
   * 共性指标 70 for everyone plus 个性指标 30 per category: 卫生类 has 30 points of its own items, 教育类 40,
   * so the individual part is normalised: 30 × Σ score / Σ max.
   */
  const commonAndIndividual: SchemeBody = {
    categories: [
      { code: "health", name: "卫生类" },
      { code: "edu", name: "教育类" },
    ],
    indicators: [
      {
        code: "C",
        name: "共性指标",
        max: 70,
        children: [
          { code: "C1", name: "党建", max: 30, method: manual },
          { code: "C2", name: "管理", max: 40, method: manual },
        ],
      },
      {
        code: "I",
        name: "个性指标",
        max: 30,
        aggregate: "normalized",
        children: [
          { code: "H1", name: "公共卫生", max: 10, appliesTo: ["health"], method: manual },
          { code: "H2", name: "医疗服务", max: 20, appliesTo: ["health"], method: manual },
          { code: "E1", name: "教学质量", max: 15, appliesTo: ["edu"], method: manual },
          { code: "E2", name: "学生资助", max: 15, appliesTo: ["edu"], method: manual },
          { code: "E3", name: "校园安全", max: 10, appliesTo: ["edu"], method: manual },
        ],
      },
    ],
  };

  it("normalized: per-category individual sets of different sizes land on the same 30 points", () => {
    // 卫生类: (8 + 16) / 30 × 30 = 24
    const health = evaluateOne(commonAndIndividual, {
      category: "health",
      scores: { C1: 25, C2: 35, H1: 8, H2: 16 },
    });
    expect(health.indicators.I?.score).toBe("24.00");
    expect(health.total).toBe("84.00");
    expect(health.indicators.E1).toBeUndefined();
    // 教育类: (12 + 15 + 5) / 40 × 30 = 24
    const edu = evaluateOne(commonAndIndividual, {
      category: "edu",
      scores: { C1: 25, C2: 35, E1: 12, E2: 15, E3: 5 },
    });
    expect(edu.indicators.I?.score).toBe("24.00");
    expect(edu.total).toBe("84.00");
    // (10 + 10 + 5) / 40 × 30 = 18.75
    const other = evaluateOne(commonAndIndividual, {
      category: "edu",
      scores: { C1: 30, C2: 40, E1: 10, E2: 10, E3: 5 },
    });
    expect(other.indicators.I?.score).toBe("18.75");
    expect(other.total).toBe("88.75");
  });

  it("rejects a score for an item of another category, and an unknown category", () => {
    const problems = inputProblems(() =>
      evaluateUnits(buildScheme(commonAndIndividual), [
        { unit: "H", category: "health", scores: { C1: 1, C2: 1, H1: 1, H2: 1, E1: 3 } },
        { unit: "X", category: "police", scores: { C1: 1, C2: 1 } },
      ]),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ unit: "H", indicator: "E1", message: "does not apply to category health" }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ unit: "X", message: "unknown category police" }),
    );
  });

  it("rounds every leaf and every parent only when rounding.at says so", () => {
    // Each leaf is 0.15 × 3 = 0.45 (level a) or 0 (level z); published with one place.
    const levels: NonNullable<SchemeInput["indicators"][number]["method"]> = {
      type: "levels",
      levels: [
        { code: "a", name: "一般", share: 0.15 },
        { code: "z", name: "差", share: 0 },
      ],
    };
    const part = (code: string) => ({
      code,
      name: `部分${code}`,
      max: 6,
      children: [
        { code: `${code}1`, name: "甲", max: 3, method: levels },
        { code: `${code}2`, name: "乙", max: 3, method: levels },
      ],
    });
    const scheme = (at: Array<"leaf" | "node">): SchemeBody => ({
      rounding: { places: 1, at },
      indicators: [part("P"), part("Q"), part("R")],
    });
    const scores = { P1: "a", P2: "a", Q1: "a", Q2: "z", R1: "a", R2: "z" };
    // exact: 0.9 + 0.45 + 0.45 = 1.8
    expect(evaluateOne(scheme([]), { scores }).total).toBe("1.8");
    // parents rounded: 0.9 + 0.5 + 0.5 = 1.9
    expect(evaluateOne(scheme(["node"]), { scores }).total).toBe("1.9");
    // leaves rounded: (0.5 + 0.5) + 0.5 + 0.5 = 2.0
    expect(evaluateOne(scheme(["leaf"]), { scores }).total).toBe("2.0");
  });
});
