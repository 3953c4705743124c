import {
  evaluateMatrix,
  evaluateUnits,
  type Rating,
  readUnitInputs,
  type ScoreMatrix,
  type UnitInputData,
  unitResult,
} from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { buildScheme, inputProblems, type SchemeBody } from "../__fixtures__/build-scheme.js";

/**
 * Raters score every leaf: 甲组 (50%, mean), 乙组 (30%, median), 丙组 (20%, trimmed mean from 3 raters).
 * Leaves in leaf order: L1 (10, step 0.5), L2 (20, any), L3 (5, step 0.5, may be n/a), F (10, from data), L4 (55).
 */
const scheme: SchemeBody = {
  fields: [
    { code: "x", name: "完成率" },
    { code: "late", name: "材料逾期", type: "boolean" },
  ],
  indicators: [
    {
      code: "P",
      name: "基础工作",
      max: 35,
      children: [
        { code: "L1", name: "制度建设", max: 10, method: { type: "manual", step: 0.5 } },
        { code: "L2", name: "队伍建设", max: 20, method: { type: "manual" } },
        { code: "L3", name: "联席会议", max: 5, notApplicable: true, method: { type: "manual", step: 0.5 } },
      ],
    },
    {
      code: "F",
      name: "任务完成率",
      max: 10,
      method: {
        type: "formula",
        value: "x",
        scoring: {
          type: "linear",
          points: [
            [0, 0],
            [1, 1],
          ],
        },
      },
    },
    { code: "L4", name: "重点工作", max: 55, method: { type: "manual", step: 0.5 } },
  ],
  bonus: { items: [{ code: "J", name: "创新", max: 2 }] },
  vetoes: [{ code: "V", name: "材料逾期", when: "late", effect: "excludeFromQuota" }],
  raters: {
    scope: "leaf",
    groups: [
      { code: "g1", name: "甲组", weight: 0.5 },
      { code: "g2", name: "乙组", weight: 0.3, aggregation: "median" },
      { code: "g3", name: "丙组", weight: 0.2, aggregation: { method: "trimmedMean", minRaters: 3 } },
    ],
  },
  grading: {
    grades: [
      { code: "YX", name: "优秀", quota: { share: 0.3, of: "DB" } },
      { code: "DB", name: "达标", min: 60 },
      { code: "WDB", name: "未达标" },
    ],
  },
};
const plan = buildScheme(scheme);
const LEAVES = ["L1", "L2", "L3", "F", "L4"] as const;
const RATERS_PER_GROUP = [2, 3, 3];
const GROUPS = ["g1", "g2", "g3"];

/** A unit's rater scores: [group][rater][leaf] in points; NaN where a rater left the leaf out. */
type Sheet = number[][][];

/** The same scores as a matrix and as UnitInputs with ratings, for the two entry points. */
function bothWays(units: Array<{ input: UnitInputData; sheet: Sheet }>) {
  const matrix: ScoreMatrix = {
    units: readUnitInputs(units.map((u) => u.input)),
    ratersPerGroup: RATERS_PER_GROUP,
    scores: new Float64Array(units.flatMap((u) => u.sheet.flat(2))),
  };
  const withRatings: UnitInputData[] = units.map(({ input, sheet }) => ({
    ...input,
    ratings: sheet.flatMap((raters, g) =>
      raters.map(
        (values, r): Rating => ({
          rater: `${GROUPS[g]}-${r + 1}`,
          group: GROUPS[g]!,
          scores: Object.fromEntries(
            LEAVES.flatMap((leaf, l) =>
              leaf === "F" || Number.isNaN(values[l]) ? [] : [[leaf, values[l]!]],
            ),
          ),
        }),
      ),
    ),
  }));
  return { matrix, withRatings };
}

/** A small deterministic generator (mulberry32), so the data is the same on every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generatedUnits(count: number, seed: number) {
  const next = random(seed);
  const steps = (max: number, step: number) => Math.floor(next() * (max / step + 1)) * step;
  return Array.from({ length: count }, (_, u) => {
    const sheet: Sheet = RATERS_PER_GROUP.map((raters, g) =>
      Array.from({ length: raters }, () => [
        steps(10, 0.5),
        steps(20, 0.25),
        steps(5, 0.5),
        0,
        // Scores from 30 up, so that some units reach 达标 and the quotas have a pool.
        30 + steps(25, 0.5),
      ]).map((values, r) =>
        // Now and then the second rater of 甲组 leaves L2 out: the group's mean is then the first rater's.
        g === 0 && r === 1 && next() < 0.2 ? values.map((v, l) => (l === 1 ? Number.NaN : v)) : values,
      ),
    );
    const input: UnitInputData = {
      unit: `u${String(u).padStart(2, "0")}`,
      data: { x: Math.round(next() * 100) / 100, late: next() < 0.15 },
      scores: next() < 0.25 ? { L3: { na: true } } : {},
      bonus: next() < 0.3 ? { J: 1.5 } : {},
    };
    return { input, sheet };
  });
}

describe("evaluateMatrix (bulk scoring)", () => {
  it("works one unit by hand: per leaf 50% mean + 30% median + 20% trimmed mean", () => {
    const sheet: Sheet = [
      [
        [8, 10, 5, 0, 50],
        [9, 10, 5, 0, 50],
      ],
      [
        [6, 10, 5, 0, 50],
        [7, 10, 5, 0, 50],
        [10, 10, 5, 0, 50],
      ],
      [
        [5, 10, 5, 0, 50],
        [9, 10, 5, 0, 50],
        [10, 10, 5, 0, 50],
      ],
    ];
    const { matrix } = bothWays([{ input: { unit: "u", data: { x: 0.5, late: false } }, sheet }]);
    const scored = evaluateMatrix(plan, matrix);
    const result = unitResult(scored, 0);
    // L1: 0.5 × 8.5 + 0.3 × 7 (median of 6, 7, 10) + 0.2 × 9 (drop 5 and 10) = 4.25 + 2.1 + 1.8 = 8.15
    expect(result.indicators.L1?.score).toBe("8.15");
    // 8.15 + 10 + 5 = 23.15; F = 0.5 × 10 = 5; L4 = 50: 78.15
    expect(result.indicators.P?.score).toBe("23.15");
    expect(result.indicators.F?.score).toBe("5.00");
    expect(result.total).toBe("78.15");
    // alone in the 达标 pool: 优秀 = 0.3 × 1 = 0.3 → 0 places
    expect(result.grade).toBe("DB");
  });

  it("gives the same results as evaluateUnits on the same ratings", () => {
    const units = generatedUnits(40, 20240520);
    const { matrix, withRatings } = bothWays(units);
    const scored = evaluateMatrix(plan, matrix);
    const expected = new Map(evaluateUnits(plan, withRatings).units.map((u) => [u.unit, u]));
    // Read in reverse, so that each unit's tree is worked out again after other units used the scratch state.
    for (let i = units.length - 1; i >= 0; i--) {
      const result = unitResult(scored, i);
      expect(result, result.unit).toEqual(expected.get(result.unit));
    }
    const grades = new Set([...expected.values()].map((u) => u.grade));
    expect(grades).toEqual(new Set(["YX", "DB", "WDB"]));
    expect([...expected.values()].some((u) => u.indicators.L3?.na)).toBe(true);
    expect([...expected.values()].some((u) => u.vetoes.length > 0)).toBe(true);
  });

  it("publishes the same order and ranks as evaluateUnits", () => {
    const units = generatedUnits(25, 7);
    const { matrix, withRatings } = bothWays(units);
    const scored = evaluateMatrix(plan, matrix);
    const bulk = scored.order.map((i) => {
      const u = unitResult(scored, i);
      return [u.unit, u.rank, u.total, u.grade];
    });
    const single = evaluateUnits(plan, withRatings).units.map((u) => [u.unit, u.rank, u.total, u.grade]);
    expect(bulk).toEqual(single);
  });

  it("reports out-of-range and off-step scores with the unit and the indicator", () => {
    const units = generatedUnits(4, 3);
    units[2]!.input.scores = {};
    const sheet2 = units[2]!.sheet;
    sheet2[0]![0]![0] = 11; // L1 above its max of 10
    sheet2[0]![1]![4] = 30.3; // L4 off its step of 0.5
    sheet2[2]![0]![2] = -0.5; // L3 below 0, in the trimmed-mean group
    const { matrix } = bothWays(units);
    const problems = inputProblems(() => evaluateMatrix(plan, matrix));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          unit: "u02",
          indicator: "L1",
          message: "score 11 is outside 0–10 in steps of 0.5",
        }),
        expect.objectContaining({ unit: "u02", indicator: "L4", message: expect.stringContaining("30.3") }),
        expect.objectContaining({ unit: "u02", indicator: "L3", message: expect.stringContaining("-0.5") }),
      ]),
    );
    expect(problems.every((p) => p.unit === "u02")).toBe(true);
  });

  it("reports an off-step score in a median group as evaluateUnits does", () => {
    const units = generatedUnits(2, 5);
    units[1]!.sheet[1]![2]![0] = 7.3; // L1 off its step of 0.5, in 乙组 (median)
    const { matrix, withRatings } = bothWays(units);
    const single = inputProblems(() => evaluateUnits(plan, withRatings));
    expect(single).toEqual([expect.objectContaining({ unit: "u01", indicator: "L1" })]);
    const bulk = inputProblems(() => evaluateMatrix(plan, matrix));
    expect(bulk).toEqual([expect.objectContaining({ unit: "u01", indicator: "L1" })]);
  });

  it("reports a leaf that a whole group left out (NaN), naming the unit, the leaf and the group", () => {
    const units = generatedUnits(3, 11);
    for (const rater of units[0]!.sheet[1]!) rater[1] = Number.NaN;
    const { matrix } = bothWays(units);
    expect(inputProblems(() => evaluateMatrix(plan, matrix))).toEqual([
      expect.objectContaining({ unit: "u00", indicator: "L2", message: "rater group 乙组 has not scored" }),
    ]);
  });

  it("refuses a matrix whose size does not match the units, raters and leaves", () => {
    const { matrix } = bothWays(generatedUnits(2, 1));
    expect(() => evaluateMatrix(plan, { ...matrix, scores: matrix.scores.subarray(1) })).toThrow(
      /2 units × 8 raters × 5 leaves/,
    );
  });
});

describe("bulk scoring by exact multipliers", () => {
  /** 40/30/30 means over leaves with steps of 0.1: each rater's share of a leaf is a whole number of micro-points. */
  const weighted = (step: number | undefined): SchemeBody => ({
    indicators: [
      {
        code: "A",
        name: "重点工作",
        max: 6,
        children: [
          { code: "A1", name: "甲", max: 2, method: { type: "manual", ...(step ? { step } : {}) } },
          { code: "A2", name: "乙", max: 4, method: { type: "manual", step: 0.1 } },
        ],
      },
      { code: "B", name: "共性工作", max: 4, method: { type: "manual", step: 0.1 } },
    ],
    raters: {
      scope: "leaf",
      missingGroup: "renormalize",
      groups: [
        { code: "g1", name: "领导", weight: 0.4 },
        { code: "g2", name: "负责人", weight: 0.3 },
        { code: "g3", name: "部室", weight: 0.3 },
      ],
    },
  });
  const leaves = ["A1", "A2", "B"];
  const maxima = [2, 4, 4];

  /** The same scores as a matrix and as per-unit ratings; `hole` leaves one rater's score of A2 out. */
  function both(ratersPerGroup: number[], hole?: { unit: number; group: number; rater: number }) {
    const units: UnitInputData[] = [];
    const values: number[] = [];
    let seed = 7;
    const next = () => {
      seed = (seed * 48271) % 2147483647;
      return seed;
    };
    for (let u = 0; u < 12; u++) {
      const ratings: Rating[] = [];
      ratersPerGroup.forEach((count, g) => {
        for (let r = 0; r < count; r++) {
          const scores: Record<string, number> = {};
          leaves.forEach((code, l) => {
            const x = (next() % (maxima[l]! * 10 + 1)) / 10;
            const missing = hole?.unit === u && hole.group === g && hole.rater === r && code === "A2";
            values.push(missing ? Number.NaN : x);
            if (!missing) scores[code] = x;
          });
          ratings.push({ rater: `g${g + 1}-${r + 1}`, group: `g${g + 1}`, scores });
        }
      });
      units.push({ unit: `U${String(u).padStart(2, "0")}`, ratings });
    }
    return { units, matrix: { ratersPerGroup, scores: Float64Array.from(values) } };
  }

  function expectSame(
    body: SchemeBody,
    ratersPerGroup: number[],
    hole?: { unit: number; group: number; rater: number },
  ) {
    const plan = buildScheme(body);
    const { units, matrix } = both(ratersPerGroup, hole);
    const byUnits = evaluateUnits(plan, units);
    const bulk = evaluateMatrix(plan, {
      ...matrix,
      units: readUnitInputs(units.map((u) => ({ unit: u.unit }))),
    } as ScoreMatrix);
    const results = bulk.order.map((i) => unitResult(bulk, i));
    expect(results.map((r) => [r.unit, r.total, r.indicators])).toEqual(
      byUnits.units.map((r) => [r.unit, r.total, r.indicators]),
    );
    // Exactly, in millionths, not only as published: every node of every unit's tree and the points.
    const exact = (scored: typeof bulk) =>
      scored.order.map((i) => [scored.scores[i]!.points, Array.from(scored.scores[i]!.tree.score)]);
    expect(exact(bulk)).toEqual(exact(byUnits));
  }

  it("gives what per-unit scoring gives with one rater per group", () => {
    expectSame(weighted(0.1), [1, 1, 1]);
  });

  it("gives what per-unit scoring gives with groups of different sizes", () => {
    expectSame(weighted(0.1), [1, 2, 3]);
  });

  it("re-weights a row with a missing score the general way", () => {
    expectSame(weighted(0.1), [1, 2, 1], { unit: 3, group: 1, rater: 0 });
    expectSame(weighted(0.1), [1, 1, 1], { unit: 5, group: 2, rater: 0 });
  });

  it("divides when a leaf has no step, so the shares are not whole micro-points", () => {
    expectSame(weighted(undefined), [1, 1, 1]);
  });
});
