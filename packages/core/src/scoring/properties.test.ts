/**
 * Property-based tests over generated schemes: random indicator trees with every leaf method, inputs within the
 * rules, optional rater groups, and the same evaluation given in shuffled orders.
 */
import {
  evaluateUnits,
  type LeafInput,
  type Rating,
  type SchemeInput,
  type UnitInputData,
  type UnitResult,
} from "@kaoping/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildScheme, type SchemeBody } from "../__fixtures__/build-scheme.js";

type IndicatorInput = SchemeInput["indicators"][number];
type Scoring = "direct" | "share" | "threshold" | "bands" | "linear";

/** A generated leaf: its method's parameters; the code and field are given from its place in the tree. */
type LeafSpec =
  | { kind: "manual"; max: number; na: boolean }
  | { kind: "deductions"; max: number; na: boolean; once: number; each: number; cap: number | null }
  | { kind: "checklist"; max: number; na: boolean; points: number; items: number }
  | { kind: "levels"; max: number; na: boolean }
  | { kind: "boolean"; max: number; na: boolean; falseShare: number }
  | { kind: "formula"; max: number; na: boolean; scoring: Scoring }
  | { kind: "satisfaction"; max: number; na: boolean; threshold: boolean };

interface ParentSpec {
  kind: "parent";
  aggregate: "sum" | "normalized" | "weighted";
  /** The max of a normalized or weighted parent (a sum's max is its children's). */
  max: number;
  /** Cut points in 1..99 that split 100% into the children's weights. */
  cuts: number[];
  children: NodeSpec[];
}

type NodeSpec = LeafSpec | ParentSpec;

const leafMax = fc.integer({ min: 1, max: 20 });
const na = fc.boolean();

const leafSpec: fc.Arbitrary<LeafSpec> = fc.oneof(
  fc.record({ kind: fc.constant("manual" as const), max: leafMax, na }),
  leafMax
    .chain((max) =>
      fc.record({
        kind: fc.constant("deductions" as const),
        max: fc.constant(max),
        na,
        once: fc.integer({ min: 1, max: 2 * max }).map((halves) => halves / 2),
        each: fc.integer({ min: 1, max: 6 }).map((halves) => halves / 2),
        cap: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
      }),
    )
    .map((spec) => ({ ...spec, cap: spec.cap === null ? null : spec.cap * spec.each })),
  leafMax.chain((max) =>
    fc.constantFrom(1, 1.5, 2).chain((points) =>
      fc.record({
        kind: fc.constant("checklist" as const),
        max: fc.constant(max),
        na,
        points: fc.constant(points),
        items: fc.integer({ min: Math.ceil(max / points), max: Math.ceil(max / points) + 2 }),
      }),
    ),
  ),
  fc.record({ kind: fc.constant("levels" as const), max: leafMax, na }),
  fc.record({ kind: fc.constant("boolean" as const), max: leafMax, na, falseShare: fc.constantFrom(0, 0.5) }),
  fc.record({
    kind: fc.constant("formula" as const),
    max: leafMax,
    na,
    scoring: fc.constantFrom<Scoring>("direct", "share", "threshold", "bands", "linear"),
  }),
  fc.record({ kind: fc.constant("satisfaction" as const), max: leafMax, na, threshold: fc.boolean() }),
);

function nodeSpec(depth: number): fc.Arbitrary<NodeSpec> {
  if (depth === 0) return leafSpec;
  const parent = fc.array(nodeSpec(depth - 1), { minLength: 1, maxLength: 3 }).chain((children) =>
    fc.record({
      kind: fc.constant("parent" as const),
      aggregate: fc.constantFrom("sum" as const, "normalized" as const, "weighted" as const),
      max: fc.integer({ min: 1, max: 30 }),
      cuts: fc
        .uniqueArray(fc.integer({ min: 1, max: 99 }), {
          minLength: children.length - 1,
          maxLength: children.length - 1,
        })
        .map((cuts) => cuts.sort((a, b) => a - b)),
      children: fc.constant(children),
    }),
  );
  return fc.oneof({ weight: 2, arbitrary: leafSpec }, { weight: 1, arbitrary: parent });
}

const treeSpec = fc.array(nodeSpec(2), { minLength: 1, maxLength: 4 });

/** A leaf with the code and field its place in the tree gives it. */
interface PlacedLeaf {
  code: string;
  field: string;
  spec: LeafSpec;
}

function nodeMax(spec: NodeSpec): number {
  if (spec.kind !== "parent") return spec.max;
  return spec.aggregate === "sum" ? spec.children.reduce((sum, c) => sum + nodeMax(c), 0) : spec.max;
}

function leafMethod(spec: LeafSpec, field: string): NonNullable<IndicatorInput["method"]> {
  switch (spec.kind) {
    case "manual":
      return { type: "manual", step: 0.5 };
    case "deductions":
      return {
        type: "deductions",
        rules: [
          { code: "once", text: "一次性扣分", points: spec.once },
          {
            code: "each",
            text: "每次扣分",
            points: spec.each,
            perOccurrence: true,
            ...(spec.cap === null ? {} : { cap: spec.cap }),
          },
        ],
      };
    case "checklist":
      return {
        type: "checklist",
        items: Array.from({ length: spec.items }, (_, i) => ({
          code: `i${i}`,
          text: `第${i}项`,
          points: spec.points,
        })),
      };
    case "levels":
      return {
        type: "levels",
        levels: [
          { code: "A", name: "好", share: 1 },
          { code: "B", name: "较好", share: 0.8 },
          { code: "C", name: "一般", share: 0.55 },
          { code: "D", name: "差", share: 0 },
        ],
      };
    case "boolean":
      return { type: "boolean", falseShare: spec.falseShare };
    case "formula":
      return { type: "formula", value: field, scoring: formulaScoring(spec.scoring) };
    case "satisfaction":
      return {
        type: "satisfaction",
        answers: [
          { code: "s", name: "满意", satisfied: true },
          { code: "n", name: "不满意" },
        ],
        scoring: spec.threshold ? { type: "threshold", op: ">=", value: 0.6 } : { type: "share" },
      };
  }
}

function formulaScoring(kind: Scoring): Extract<IndicatorInput["method"], { type: "formula" }>["scoring"] {
  switch (kind) {
    case "direct":
    case "share":
      return { type: kind };
    case "threshold":
      return { type: "threshold", op: ">=", value: 0.5, fail: 0.25 };
    case "bands":
      return {
        type: "bands",
        bands: [
          { atLeast: 0.9, share: 1 },
          { atLeast: 0.6, below: 0.9, share: 0.5 },
          { above: 1.2, share: 0.1 },
        ],
      };
    case "linear":
      return {
        type: "linear",
        points: [
          [0.2, 0],
          [0.8, 1],
        ],
      };
  }
}

/** The scheme's indicators, and its leaves with their codes. */
function indicators(specs: NodeSpec[], prefix = "N"): { nodes: IndicatorInput[]; leaves: PlacedLeaf[] } {
  const leaves: PlacedLeaf[] = [];
  const build = (spec: NodeSpec, path: number[], weight: number | undefined): IndicatorInput => {
    const code = `${prefix}${path.join(".")}`;
    const common = {
      code,
      name: `指标${code}`,
      max: nodeMax(spec),
      ...(weight === undefined ? {} : { weight }),
    };
    if (spec.kind !== "parent") {
      const field = `v_${path.join("_")}`;
      leaves.push({ code, field, spec });
      return { ...common, method: leafMethod(spec, field), ...(spec.na ? { notApplicable: true } : {}) };
    }
    const bounds = [0, ...spec.cuts, 100];
    const weights = spec.children.map((_, i) => (bounds[i + 1]! - bounds[i]!) / 100);
    return {
      ...common,
      aggregate: spec.aggregate,
      children: spec.children.map((child, i) =>
        build(child, [...path, i + 1], spec.aggregate === "weighted" ? weights[i] : undefined),
      ),
    };
  };
  return { nodes: specs.map((spec, i) => build(spec, [i + 1], undefined)), leaves };
}

/** One leaf's own input: a score sheet entry and/or a data value, always within the rules. */
interface LeafDraw {
  input: LeafInput | undefined;
  data: number | undefined;
}

function leafDraw(leaf: PlacedLeaf, allowNa: boolean): fc.Arbitrary<LeafDraw> {
  const { spec } = leaf;
  const sheet = (input: fc.Arbitrary<LeafInput>) =>
    input.map((i): LeafDraw => ({ input: i, data: undefined }));
  let draw: fc.Arbitrary<LeafDraw>;
  switch (spec.kind) {
    case "manual":
      draw = sheet(fc.integer({ min: 0, max: 2 * spec.max }).map((halves) => halves / 2));
      break;
    case "deductions":
      draw = sheet(
        fc
          .record({ once: fc.integer({ min: 0, max: 1 }), each: fc.integer({ min: 0, max: 8 }) })
          .map((deductions) => ({
            deductions,
          })),
      );
      break;
    case "checklist":
      draw = sheet(
        fc.subarray(Array.from({ length: spec.items }, (_, i) => `i${i}`)).map((checked) => ({ checked })),
      );
      break;
    case "levels":
      draw = sheet(fc.constantFrom("A", "B", "C", "D"));
      break;
    case "boolean":
      draw = sheet(fc.boolean());
      break;
    case "formula":
      draw = fc.integer({ min: -50, max: 150 + 100 * spec.max }).map((hundredths) => ({
        input: undefined,
        data: hundredths / 100,
      }));
      break;
    case "satisfaction":
      draw = sheet(
        fc
          .record({ s: fc.integer({ min: 0, max: 20 }), n: fc.integer({ min: 0, max: 20 }) })
          .filter(({ s, n }) => s + n > 0)
          .map((answers) => ({ answers })),
      );
      break;
  }
  if (!allowNa || !spec.na) return draw;
  return fc.oneof(
    { weight: 4, arbitrary: draw },
    { weight: 1, arbitrary: fc.constant({ input: { na: true }, data: undefined }) },
  );
}

/** A unit's self-evaluation over the leaves (data for formula leaves, a sheet for the others). */
function unitDraw(leaves: PlacedLeaf[]): fc.Arbitrary<Pick<UnitInputData, "scores" | "data">> {
  return fc.tuple(...leaves.map((leaf) => leafDraw(leaf, true))).map((draws) => {
    const scores: Record<string, LeafInput> = {};
    const data: Record<string, number> = {};
    draws.forEach((draw, i) => {
      const leaf = leaves[i]!;
      if (draw.input !== undefined) scores[leaf.code] = draw.input;
      // Formula leaves always get their field, even when declared not applicable.
      data[leaf.field] = draw.data ?? 0;
    });
    return { scores, data };
  });
}

/** A rater's sheet: inputs for the leaves raters score (not formula or satisfaction leaves), never n/a. */
function raterSheet(leaves: PlacedLeaf[]): fc.Arbitrary<Record<string, LeafInput>> {
  const rated = leaves.filter((l) => l.spec.kind !== "formula" && l.spec.kind !== "satisfaction");
  return fc
    .tuple(...rated.map((leaf) => leafDraw(leaf, false)))
    .map((draws) => Object.fromEntries(draws.map((draw, i) => [rated[i]!.code, draw.input!])));
}

const fields = (leaves: PlacedLeaf[]) => leaves.map((l) => ({ code: l.field, name: `数据${l.code}` }));

describe("generated schemes", () => {
  const generated = treeSpec.chain((specs) => {
    const { nodes, leaves } = indicators(specs);
    return fc.record({
      nodes: fc.constant(nodes),
      leaves: fc.constant(leaves),
      unit: unitDraw(leaves),
      rebase: fc.boolean(),
    });
  });

  it("keeps every indicator's score within [0, max] and the rate within [0, 100]", () => {
    fc.assert(
      fc.property(generated, ({ nodes, leaves, unit, rebase }) => {
        const scheme = buildScheme({
          fields: fields(leaves),
          indicators: nodes,
          notApplicable: rebase ? "rebase" : "raw",
        });
        const [result] = evaluateUnits(scheme, [{ unit: "U", ...unit }]).units;
        for (const [code, ind] of Object.entries(result!.indicators)) {
          const score = Number(ind.score);
          expect(score, code).toBeGreaterThanOrEqual(0);
          expect(score, code).toBeLessThanOrEqual(Number(ind.max));
          expect(Number(ind.applicableMax), code).toBeLessThanOrEqual(Number(ind.max));
          if (ind.na) expect(score, code).toBe(0);
        }
        const rootMax = nodes.reduce((sum, n) => sum + Number(n.max), 0);
        expect(Number(result!.rate)).toBeGreaterThanOrEqual(0);
        expect(Number(result!.rate)).toBeLessThanOrEqual(100);
        expect(Number(result!.total)).toBeGreaterThanOrEqual(0);
        expect(Number(result!.total)).toBeLessThanOrEqual(rootMax);
      }),
      { numRuns: 300 },
    );
  });

  it("deducts Σ min(points × count, cap) from a deductions leaf and never goes below 0", () => {
    const deductions = leafSpec
      .filter((s): s is Extract<LeafSpec, { kind: "deductions" }> => s.kind === "deductions")
      .chain((spec) =>
        fc.record({
          spec: fc.constant(spec),
          once: fc.integer({ min: 0, max: 1 }),
          each: fc.integer({ min: 0, max: 40 }),
        }),
      );
    fc.assert(
      fc.property(deductions, ({ spec, once, each }) => {
        const leaf: PlacedLeaf = { code: "D", field: "v", spec };
        const scheme = buildScheme({
          indicators: [{ code: "D", name: "扣分项", max: spec.max, method: leafMethod(spec, "v") }],
        });
        const [result] = evaluateUnits(scheme, [
          { unit: "U", scores: { [leaf.code]: { deductions: { once, each } } } },
        ]).units;
        // In hundredths, so the expected value is exact: every point value here is a multiple of 0.5.
        const eachTotal = each * spec.each * 100;
        const deducted =
          once * spec.once * 100 + (spec.cap === null ? eachTotal : Math.min(eachTotal, spec.cap * 100));
        const expected = Math.max(0, spec.max * 100 - deducted);
        expect(Math.round(Number(result!.indicators.D!.score) * 100)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("adds each bonus item up to its max and the sum up to the cap", () => {
    const bonus = fc
      .array(fc.record({ max: fc.integer({ min: 1, max: 8 }), given: fc.integer({ min: 0, max: 12 }) }), {
        minLength: 1,
        maxLength: 5,
      })
      .chain((items) =>
        fc.record({
          items: fc.constant(items),
          cap: fc.option(fc.integer({ min: 1, max: 12 }), { nil: null }),
        }),
      );
    fc.assert(
      fc.property(bonus, fc.integer({ min: 0, max: 200 }), ({ items, cap }, halves) => {
        // Bonus maxima and givens in halves of a point, the score too.
        const scheme = buildScheme({
          indicators: [{ code: "A", name: "工作目标", max: 100, method: { type: "manual", step: 0.5 } }],
          bonus: {
            items: items.map((item, i) => ({ code: `J${i}`, name: `加分${i}`, max: item.max / 2 })),
            ...(cap === null ? {} : { cap: cap / 2 }),
          },
        });
        const given = Object.fromEntries(items.map((item, i) => [`J${i}`, item.given / 2]));
        const [result] = evaluateUnits(scheme, [
          { unit: "U", scores: { A: halves / 2 }, bonus: given },
        ]).units;
        const sum = items.reduce((s, item) => s + Math.min(item.given, item.max), 0);
        const expected = cap === null ? sum : Math.min(sum, cap);
        expect(Number(result!.bonus) * 2).toBe(expected);
        expect(Number(result!.total) * 2).toBe(halves + expected);
      }),
      { numRuns: 200 },
    );
  });
});

/** A deterministic shuffle (mulberry32-driven Fisher–Yates), so a failing case replays from its seed. */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The same indicators with every list of children (and the top level) in another order. */
function shuffledIndicators(nodes: IndicatorInput[], seed: number): IndicatorInput[] {
  return shuffle(nodes, seed).map((node, i) =>
    node.children ? { ...node, children: shuffledIndicators(node.children, seed * 31 + i + 1) } : node,
  );
}

describe("order independence", () => {
  const groups = ["g1", "g2", "g3"];
  const evaluation = treeSpec.chain((specs) => {
    const { nodes, leaves } = indicators(specs);
    const ratings = fc
      .tuple(
        ...groups.map((group) =>
          fc
            .array(raterSheet(leaves), { minLength: 1, maxLength: 4 })
            .map((sheets) => sheets.map((scores, r): Rating => ({ rater: `${group}-${r}`, group, scores }))),
        ),
      )
      .map((byGroup) => byGroup.flat());
    const unit = fc.record({
      self: unitDraw(leaves),
      ratings: fc.option(ratings, { nil: null }),
      grp: fc.constantFrom("x", "y"),
      late: fc.boolean(),
    });
    return fc.record({
      nodes: fc.constant(nodes),
      leaves: fc.constant(leaves),
      withRaters: fc.boolean(),
      units: fc.array(unit, { minLength: 1, maxLength: 8 }),
      seed: fc.integer(),
    });
  });

  it("gives the same totals, grades and ranks whatever the order of units, raters and indicators", () => {
    fc.assert(
      fc.property(evaluation, ({ nodes, leaves, withRaters, units, seed }) => {
        const rootMax = nodes.reduce((sum, n) => sum + Number(n.max), 0);
        const body = (indicatorList: IndicatorInput[]): SchemeBody => ({
          fields: [
            ...fields(leaves),
            { code: "grp", name: "组别", type: "text" },
            { code: "late", name: "材料逾期", type: "boolean" },
          ],
          indicators: indicatorList,
          vetoes: [{ code: "V", name: "材料逾期", when: "late", effect: "excludeFromQuota" }],
          ...(withRaters
            ? {
                raters: {
                  scope: "leaf" as const,
                  groups: [
                    { code: "g1", name: "甲组", weight: 0.5 },
                    {
                      code: "g2",
                      name: "乙组",
                      weight: 0.3,
                      aggregation: { method: "trimmedMean" as const, minRaters: 3 },
                    },
                    { code: "g3", name: "丙组", weight: 0.2, aggregation: "median" as const },
                  ],
                },
              }
            : {}),
          grading: {
            groupBy: { field: "grp" },
            grades: [
              { code: "YX", name: "优秀", quota: { share: 0.4, of: "DB" } },
              { code: "DB", name: "达标", min: Math.floor(rootMax * 0.3) },
              { code: "WDB", name: "未达标" },
              { code: "MW", name: "末位", quota: { share: 0.2, from: "bottom" } },
            ],
          },
        });
        const inputs: UnitInputData[] = units.map((u, i) => ({
          unit: `u${i}`,
          data: { ...u.self.data, grp: u.grp, late: u.late },
          scores: u.self.scores,
          ...(withRaters && u.ratings ? { ratings: u.ratings } : {}),
        }));
        const key = (result: UnitResult) => ({
          total: result.total,
          points: result.points,
          rate: result.rate,
          grade: result.grade,
          rank: result.rank,
          groupRank: result.groupRank,
          indicators: result.indicators,
        });
        const byUnit = (results: UnitResult[]) => Object.fromEntries(results.map((r) => [r.unit, key(r)]));

        const original = evaluateUnits(buildScheme(body(nodes)), inputs).units;
        const reordered = evaluateUnits(
          buildScheme(body(shuffledIndicators(nodes, seed))),
          shuffle(inputs, seed + 1).map((u, i) => ({
            ...u,
            ratings: shuffle(u.ratings ?? [], seed + i + 2),
          })),
        ).units;
        expect(byUnit(reordered)).toEqual(byUnit(original));
        // Ties are broken by unit code, so the published order is the same too.
        expect(reordered.map((r) => r.unit)).toEqual(original.map((r) => r.unit));
      }),
      { numRuns: 150 },
    );
  });
});
