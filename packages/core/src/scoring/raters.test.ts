import { evaluateUnits, type Rating, type SchemeInput, type UnitInputData } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { buildScheme, inputProblems, type SchemeBody } from "../__fixtures__/build-scheme.js";

type RatersInput = NonNullable<SchemeInput["raters"]>;

/**
 * "县总工会领导、其他申报单位主要负责人、县总工会相关部室负责人按百分制进行评分，分别按40%、30%、30%比例计算总评分";
 * the last two groups drop one highest and one lowest score when they have at least five raters.
 */
const union = (raters: Partial<RatersInput> = {}): SchemeBody => ({
  indicators: [
    { code: "A", name: "重点工作目标", max: 70, method: { type: "manual", step: 0.5 } },
    { code: "B", name: "共性工作目标", max: 30, method: { type: "manual", step: 0.5 } },
  ],
  raters: {
    groups: [
      { code: "leaders", name: "县总工会领导", weight: 0.4 },
      {
        code: "peers",
        name: "其他申报单位主要负责人",
        weight: 0.3,
        aggregation: { method: "trimmedMean", minRaters: 5 },
      },
      {
        code: "depts",
        name: "县总工会相关部室负责人",
        weight: 0.3,
        aggregation: { method: "trimmedMean", minRaters: 5 },
      },
    ],
    ...raters,
  },
});

/** Ratings of totals: group → the raters' totals in order. */
function totals(byGroup: Record<string, Array<number | string>>): Rating[] {
  return Object.entries(byGroup).flatMap(([group, values]) =>
    values.map((total, i) => ({ rater: `${group}-${i + 1}`, group, total })),
  );
}

const ratings = {
  leaders: [92, 90, 94],
  peers: [95, 88, 90, 91, 93, 80],
  depts: [85, 90, 92, 89],
};

function evaluateOne(scheme: SchemeBody, unit: Omit<UnitInputData, "unit">) {
  return evaluateUnits(buildScheme(scheme), [{ unit: "U", ...unit }]).units[0]!;
}

describe("rater groups, scope total", () => {
  it("works the 40/30/30 example by hand", () => {
    // leaders: mean (92 + 90 + 94) / 3 = 92 → 0.4 × 92 = 36.8
    // peers (6 raters): drop 95 and 80, (88 + 90 + 91 + 93) / 4 = 90.5 → 0.3 × 90.5 = 27.15
    // depts (4 raters, fewer than 5): plain mean (85 + 90 + 92 + 89) / 4 = 89 → 0.3 × 89 = 26.7
    // 36.8 + 27.15 + 26.7 = 90.65
    const u = evaluateOne(union(), { ratings: totals(ratings) });
    expect(u.total).toBe("90.65");
    expect(u.source).toBe("raters");
  });

  it("adds the bonus after the raters' total", () => {
    const scheme: SchemeBody = { ...union(), bonus: { items: [{ code: "J1", name: "重大创新", max: 2 }] } };
    const u = evaluateOne(scheme, { ratings: totals(ratings), bonus: { J1: 1.5 } });
    expect(u.total).toBe("92.15");
  });

  it("takes the median of a group: the middle score, or the mean of the middle two", () => {
    const scheme = union({
      groups: [
        { code: "a", name: "甲组", weight: 0.5, aggregation: "median" },
        { code: "b", name: "乙组", weight: 0.5, aggregation: { method: "median" } },
      ],
    });
    // a: 80 85 90 → 85; b: 80 84 90 100 → 87; 0.5 × 85 + 0.5 × 87 = 86
    const u = evaluateOne(scheme, { ratings: totals({ a: [90, 80, 85], b: [100, 80, 90, 84] }) });
    expect(u.total).toBe("86.00");
  });

  it("drops the highest and lowest only from a group with at least minRaters", () => {
    const scheme = union({
      groups: [
        { code: "g", name: "评审组", weight: 1, aggregation: { method: "trimmedMean", minRaters: 3 } },
      ],
    });
    // three raters: drop 70 and 95 → 88
    expect(evaluateOne(scheme, { ratings: totals({ g: [95, 70, 88] }) }).total).toBe("88.00");
    // two raters: plain mean (95 + 70) / 2 = 82.5
    expect(evaluateOne(scheme, { ratings: totals({ g: [95, 70] }) }).total).toBe("82.50");
    // only one of two equal highest scores is dropped: 90 90 80 70 → (90 + 80) / 2 = 85
    expect(evaluateOne(scheme, { ratings: totals({ g: [90, 80, 90, 70] }) }).total).toBe("85.00");
  });

  it("renormalises the weights when a group is missing and the scheme says so", () => {
    // (0.4 × 92 + 0.3 × 89) / 0.7 = 63.5 / 0.7 = 90.714… → 90.71
    const u = evaluateOne(union({ missingGroup: "renormalize" }), {
      ratings: totals({ leaders: ratings.leaders, depts: ratings.depts }),
    });
    expect(u.total).toBe("90.71");
  });

  it("fails with a clear error naming the missing group by default", () => {
    const problems = inputProblems(() =>
      evaluateUnits(buildScheme(union()), [
        { unit: "U", ratings: totals({ leaders: ratings.leaders, depts: ratings.depts }) },
      ]),
    );
    expect(problems).toEqual([
      expect.objectContaining({ unit: "U", message: "rater group 其他申报单位主要负责人 has not scored" }),
    ]);
  });

  it("refuses a veto that reads an indicator's score when raters gave totals only", () => {
    const scheme = {
      ...union({ groups: [{ code: "g", name: "评审组", weight: 1 }] }),
      grading: {
        grades: [
          { code: "P", name: "达标", min: 60 },
          { code: "F", name: "不达标" },
        ],
      },
      vetoes: [{ code: "V1", name: "重点工作得分过低", when: 'score("A") < 30', effect: "fail" as const }],
    };
    const problems = inputProblems(() =>
      evaluateUnits(buildScheme(scheme), [{ unit: "U", ratings: totals({ g: [80, 90] }) }]),
    );
    expect(problems).toEqual([
      expect.objectContaining({
        unit: "U",
        message: expect.stringContaining("A has no score of its own: the raters gave totals only"),
      }),
    ]);
    // With a score sheet, the same veto reads the sheet's score.
    const sheet = evaluateUnits(buildScheme(scheme), [
      { unit: "U", ratings: totals({ g: [80, 90] }), scores: { A: 20, B: 25 } },
    ]);
    expect(sheet.units[0]!.vetoes).toEqual(["V1"]);
  });

  it("scores a rater's full sheet as that rater's total", () => {
    const scheme = union({ groups: [{ code: "g", name: "评审组", weight: 1 }] });
    // rater 1: 60 + 25 = 85; rater 2: 62.5 + 27 = 89.5; mean 87.25
    const u = evaluateOne(scheme, {
      ratings: [
        { rater: "r1", group: "g", scores: { A: 60, B: 25 } },
        { rater: "r2", group: "g", scores: { A: 62.5, B: 27 } },
      ],
    });
    expect(u.total).toBe("87.25");
  });

  it("scores a unit without ratings from its own sheet", () => {
    const u = evaluateOne(union(), { scores: { A: 60, B: 20.5 } });
    expect(u.total).toBe("80.50");
    expect(u.source).toBe("self");
  });

  it("rejects an unknown group, a total outside 0..max and a rating with neither total nor scores", () => {
    const problems = inputProblems(() =>
      evaluateUnits(buildScheme(union({ groups: [{ code: "g", name: "评审组", weight: 1 }] })), [
        {
          unit: "U",
          ratings: [
            { rater: "r1", group: "g", total: 101 },
            { rater: "r2", group: "x", total: 90 },
            { rater: "r3", group: "g" },
          ],
        },
      ]),
    );
    expect(problems.map((p) => p.path)).toEqual(["ratings[1].group", "ratings[0].total", "ratings[2]"]);
    expect(problems[0]!.message).toBe("unknown rater group x");
  });

  it("rounds each group's aggregate first only with rounding.at raterGroup", () => {
    const scheme = (at: Array<"raterGroup">): SchemeBody => ({
      ...union({
        groups: [
          { code: "a", name: "甲组", weight: 0.5 },
          { code: "b", name: "乙组", weight: 0.5 },
        ],
      }),
      rounding: { places: 2, at },
    });
    const unit = { ratings: totals({ a: [90, 90, 90.01], b: [90, 90.01] }) };
    // default: a = 270.01 / 3 = 90.00333…, b = 90.005: 0.5 × a + 0.5 × b = 90.004166… → 90.00
    expect(evaluateOne(scheme([]), unit).total).toBe("90.00");
    // rounded groups: a → 90.00, b → 90.01 (half up): 0.5 × 90 + 0.5 × 90.01 = 90.005 → 90.01
    expect(evaluateOne(scheme(["raterGroup"]), unit).total).toBe("90.01");
  });
});

describe("rater groups, scope leaf", () => {
  const leafScheme = (raters: Partial<RatersInput> = {}): SchemeBody => ({
    indicators: [
      { code: "L1", name: "甲", max: 10, method: { type: "manual", step: 0.5 } },
      {
        code: "L2",
        name: "乙",
        max: 10,
        method: {
          type: "levels",
          levels: [
            { code: "A", name: "好", share: 1 },
            { code: "B", name: "较好", share: 0.6 },
          ],
        },
      },
    ],
    raters: {
      scope: "leaf",
      groups: [
        { code: "experts", name: "专家组", weight: 0.6 },
        { code: "public", name: "群众代表", weight: 0.4 },
      ],
      ...raters,
    },
  });

  it("combines the groups per leaf, then rolls the tree up", () => {
    // L1: experts (8 + 9) / 2 = 8.5, public 7: 0.6 × 8.5 + 0.4 × 7 = 7.9
    // L2: experts (10 + 6) / 2 = 8, public 6: 0.6 × 8 + 0.4 × 6 = 7.2
    const u = evaluateOne(leafScheme(), {
      ratings: [
        { rater: "e1", group: "experts", scores: { L1: 8, L2: "A" } },
        { rater: "e2", group: "experts", scores: { L1: 9, L2: "B" } },
        { rater: "p1", group: "public", scores: { L1: 7, L2: "B" } },
      ],
    });
    expect(u.indicators.L1?.score).toBe("7.90");
    expect(u.indicators.L2?.score).toBe("7.20");
    expect(u.total).toBe("15.10");
  });

  it("fails a leaf a group did not score, or renormalises it", () => {
    const unit: { ratings: Rating[] } = {
      ratings: [
        { rater: "e1", group: "experts", scores: { L1: 8, L2: "A" } },
        { rater: "p1", group: "public", scores: { L1: 7 } },
      ],
    };
    const problems = inputProblems(() => evaluateUnits(buildScheme(leafScheme()), [{ unit: "U", ...unit }]));
    expect(problems).toEqual([
      expect.objectContaining({ unit: "U", indicator: "L2", message: "rater group 群众代表 has not scored" }),
    ]);
    // L1: 0.6 × 8 + 0.4 × 7 = 7.6; L2: experts alone → 10
    const u = evaluateOne(leafScheme({ missingGroup: "renormalize" }), unit);
    expect(u.indicators.L2?.score).toBe("10.00");
    expect(u.total).toBe("17.60");
  });

  it("reports a rater's bad leaf score", () => {
    const problems = inputProblems(() =>
      evaluateUnits(buildScheme(leafScheme()), [
        {
          unit: "U",
          ratings: [
            { rater: "e1", group: "experts", scores: { L1: 8.3, L2: "A" } },
            { rater: "p1", group: "public", scores: { L1: 7, L2: "A" } },
          ],
        },
      ]),
    );
    expect(problems).toEqual([
      expect.objectContaining({ unit: "U", indicator: "L1", message: expect.stringContaining("step 0.5") }),
    ]);
  });
});
