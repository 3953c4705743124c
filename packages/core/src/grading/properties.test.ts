/** Property-based tests of grading: vetoes never raise a grade; quotas place exactly as many units as the rule says. */
import { evaluateUnits, type SchemeInput, type UnitInputData } from "@kaoping/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildScheme, type SchemeBody } from "../__fixtures__/build-scheme.js";

type GradingInput = NonNullable<SchemeInput["grading"]>;
type Rounding = "halfUp" | "floor" | "ceil";

/** One manual leaf worth 100 (steps of 0.5), so a unit's total is what it is given. */
function scheme(grading: GradingInput, extra: Partial<SchemeBody> = {}): SchemeBody {
  return {
    indicators: [{ code: "S", name: "得分", max: 100, method: { type: "manual", step: 0.5 } }],
    grading,
    ...extra,
  };
}

/** The grading rules the properties run over: bands, nested quotas or A/B/C quotas, optionally by group. */
const gradingRules: fc.Arbitrary<GradingInput> = fc
  .record({
    template: fc.constantFrom("bands", "nested", "abc"),
    ties: fc.constantFrom("tieBreak" as const, "includeAll" as const, "excludeAll" as const),
    quotaRounding: fc.constantFrom<Rounding>("halfUp", "floor", "ceil"),
    shares: fc.tuple(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 100 })),
    grouped: fc.boolean(),
  })
  .map(({ template, ties, quotaRounding, shares: [a, b], grouped }): GradingInput => {
    const common = { ties, quotaRounding, ...(grouped ? { groupBy: { field: "grp" } } : {}) };
    if (template === "bands") {
      return {
        ...common,
        grades: [
          { code: "G1", name: "优秀", min: 90 },
          { code: "G2", name: "良好", min: 75 },
          { code: "G3", name: "合格", min: 60 },
          { code: "G4", name: "不合格" },
        ],
      };
    }
    if (template === "nested") {
      return {
        ...common,
        grades: [
          { code: "G1", name: "优秀单位", quota: { share: a / 100, of: "G2" } },
          { code: "G2", name: "先进单位", quota: { share: b / 100, of: "G3" } },
          { code: "G3", name: "达标单位", min: 60 },
          { code: "G4", name: "未达标" },
        ],
      };
    }
    return {
      ...common,
      grades: [
        { code: "G1", name: "A级", quota: { share: a / 200 } },
        { code: "G2", name: "B级" },
        { code: "G3", name: "C级", quota: { share: b / 200, from: "bottom" } },
      ],
    };
  });

const vetoEffect = fc.constantFrom(
  "capGrade" as const,
  "excludeFromQuota" as const,
  "zero" as const,
  "fail" as const,
);

const units = fc.array(
  fc.record({ halves: fc.integer({ min: 0, max: 200 }), grp: fc.constantFrom("x", "y"), bad: fc.boolean() }),
  { minLength: 1, maxLength: 10 },
);

describe("vetoes", () => {
  it("never raise the grade of the unit they apply to", () => {
    fc.assert(
      fc.property(
        gradingRules,
        vetoEffect,
        fc.nat(),
        units,
        fc.nat(),
        (grading, effect, capAt, unitList, who) => {
          const codes = grading.grades.map((g) => g.code);
          const body = scheme(grading, {
            fields: [
              { code: "grp", name: "组别", type: "text" },
              { code: "bad", name: "否决事项", type: "boolean" },
            ],
            vetoes: [
              {
                code: "V",
                name: "一票否决",
                when: "bad",
                effect,
                ...(effect === "capGrade" ? { grade: codes[capAt % codes.length]! } : {}),
              },
            ],
          });
          const plan = buildScheme(body);
          const target = who % unitList.length;
          const inputs = (targetBad: boolean): UnitInputData[] =>
            unitList.map((u, i) => ({
              unit: `u${i}`,
              data: { grp: u.grp, bad: i === target ? targetBad : u.bad },
              scores: { S: u.halves / 2 },
            }));
          const gradeOf = (targetBad: boolean) => {
            const result = evaluateUnits(plan, inputs(targetBad)).units.find((u) => u.unit === `u${target}`)!;
            return codes.indexOf(result.grade!);
          };
          // A larger index is a lower grade: with the veto the grade is the same or lower.
          expect(gradeOf(true)).toBeGreaterThanOrEqual(gradeOf(false));
        },
      ),
      { numRuns: 500 },
    );
  });
});

/** round(share% × pool) by the rounding rule, in integers. */
function quotaCount(percent: number, pool: number, rounding: Rounding): number {
  const hundredths = percent * pool;
  if (rounding === "floor") return Math.floor(hundredths / 100);
  if (rounding === "ceil") return Math.ceil(hundredths / 100);
  return Math.floor((hundredths + 50) / 100);
}

/** Distinct totals (no ties at any boundary), in halves of a point. */
const distinctTotals = (min: number) =>
  fc.uniqueArray(fc.integer({ min: 2 * min, max: 200 }), { minLength: 1, maxLength: 30 });

describe("quota counts", () => {
  it("nested: 先进 = round(share × 达标), 优秀 = round(share × 先进)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 100 }),
        fc.constantFrom<Rounding>("halfUp", "floor", "ceil"),
        distinctTotals(60),
        fc.integer({ min: 0, max: 5 }),
        (excellentShare, advancedShare, quotaRounding, passing, failing) => {
          const plan = buildScheme(
            scheme({
              quotaRounding,
              grades: [
                { code: "YX", name: "优秀单位", quota: { share: excellentShare / 100, of: "XJ" } },
                { code: "XJ", name: "先进单位", quota: { share: advancedShare / 100, of: "DB" } },
                { code: "DB", name: "达标单位", min: 60 },
                { code: "WDB", name: "未达标" },
              ],
            }),
          );
          const input: UnitInputData[] = [
            ...passing.map((halves, i) => ({ unit: `p${i}`, scores: { S: halves / 2 } })),
            ...Array.from({ length: failing }, (_, i) => ({ unit: `f${i}`, scores: { S: 30 + i } })),
          ];
          const results = evaluateUnits(plan, input).units;
          const count = (...grades: string[]) => results.filter((u) => grades.includes(u.grade!)).length;
          const advanced = quotaCount(advancedShare, passing.length, quotaRounding);
          expect(count("YX", "XJ")).toBe(advanced);
          expect(count("YX")).toBe(quotaCount(excellentShare, advanced, quotaRounding));
          expect(count("WDB")).toBe(failing);
          // The quota grades go to the best-ranked units of the pool.
          const ranked = results.map((u) => u.grade);
          expect(ranked.slice(0, advanced).every((g) => g === "YX" || g === "XJ")).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("A from the top and C from the bottom within each group, C never taking an A unit", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 100 }),
        fc.constantFrom<Rounding>("halfUp", "floor", "ceil"),
        distinctTotals(0),
        fc.array(fc.constantFrom("x", "y", "z"), { minLength: 30, maxLength: 30 }),
        (aShare, cShare, rounding, totals, groupOf) => {
          const plan = buildScheme(
            scheme(
              {
                groupBy: "category",
                grades: [
                  { code: "A", name: "A级", quota: { share: aShare / 100, rounding } },
                  { code: "B", name: "B级" },
                  { code: "C", name: "C级", quota: { share: cShare / 100, from: "bottom", rounding } },
                ],
              },
              {
                categories: [
                  { code: "x", name: "公益一类" },
                  { code: "y", name: "公益二类" },
                  { code: "z", name: "其他" },
                ],
              },
            ),
          );
          const input = totals.map((halves, i) => ({
            unit: `u${i}`,
            category: groupOf[i]!,
            scores: { S: halves / 2 },
          }));
          const results = evaluateUnits(plan, input).units;
          for (const group of ["x", "y", "z"]) {
            const inGroup = results.filter((u) => u.category === group);
            if (inGroup.length === 0) continue;
            const a = quotaCount(aShare, inGroup.length, rounding);
            const c = Math.min(quotaCount(cShare, inGroup.length, rounding), inGroup.length - a);
            const grades = inGroup.map((u) => u.grade);
            expect(
              grades.filter((g) => g === "A"),
              group,
            ).toHaveLength(a);
            expect(
              grades.filter((g) => g === "C"),
              group,
            ).toHaveLength(c);
            // in ranking order: A places first, C places last
            expect(
              grades.slice(0, a).every((g) => g === "A"),
              group,
            ).toBe(true);
            expect(
              grades.slice(inGroup.length - c).every((g) => g === "C"),
              group,
            ).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
