/**
 * Bulk scoring from a score matrix: the raters' leaf scores of many units in one typed array, as a server reads
 * them from its tables for a provincial campaign of tens of thousands of units. Per unit it runs the same rater
 * combination, tree and finishing steps as scoreUnit, without building an object per score.
 */
import { FormulaError } from "../formula/compile-formula.js";
import { formatShort, ONE } from "../numbers/fixed.js";
import type { UnitInput } from "../scheme/input.js";
import type { CompiledScheme } from "../scheme/plan.js";
import { LeafInputError, scoreLeaf } from "./leaf-methods.js";
import { aggregateGroup, GroupCombiner, MissingGroupError, newGroupFractions } from "./raters.js";
import {
  type Finished,
  finishUnit,
  roundGroups,
  UnitInputError,
  type UnitProblem,
  UnitScope,
  type UnitScore,
} from "./score-unit.js";
import { aggregateTree, newTreeState, type TreeState } from "./tree.js";

/** Raters' leaf scores of many units. */
export interface ScoreMatrix {
  /** The units, without their scores (data, bonus, history and category as in UnitInput). */
  units: readonly UnitInput[];
  /** How many raters each rater group has, the same for every unit of the matrix. */
  ratersPerGroup: readonly number[];
  /**
   * Points, unit by unit; within a unit group by group, within a group rater by rater, within a rater every
   * leaf in the scheme's leaf order. NaN marks a leaf a rater did not score. Leaves computed from data
   * (formula, satisfaction) are read from the unit's data and inputs, not from here.
   */
  scores: Float64Array;
}

export class MatrixShapeError extends Error {}

/** Per leaf: quanta (steps, or micro-points) per point, the max in quanta, and half a micro-point in quanta. */
interface LeafScale {
  perPoint: Float64Array;
  maxQuanta: Float64Array;
  tolerance: Float64Array;
}

/**
 * A score in whole quanta of leaf l, or -1 when it is off range, off its step, or missing (NaN). A score is on
 * its step when it lies within half a micro-point of a whole number of quanta: the same test as rounding to six
 * places (numbers/fixed.ts) and dividing, without a division. (k + 0.5) | 0 rounds like Math.round, much faster,
 * wherever k fits 31 bits; one unsigned comparison bounds the result to 0 … max (a negative wraps above it), and
 * NaN and infinities fail the distance test, since their difference is NaN.
 */
function quantaOf(
  x: number,
  l: number,
  perPoint: Float64Array,
  maxQuanta: Float64Array,
  tolerance: Float64Array,
): number {
  const k = x * perPoint[l]!;
  const whole = k < 2147483647 ? (k + 0.5) | 0 : Math.round(k);
  return whole >>> 0 <= maxQuanta[l]! && Math.abs(k - whole) <= tolerance[l]! ? whole : -1;
}

/**
 * Adds one rater's row of scores into target[row …] as whole quanta times multiplier[from …] (ones when summing
 * quanta per group), or sets them for the first rater written, so nothing is cleared between units. Leaves whose
 * score is missing or bad are listed in `misses` for the caller; they count as 0.
 */
function accumulate(
  scores: Float64Array,
  start: number,
  count: number,
  scale: LeafScale,
  target: Float64Array,
  row: number,
  multiplier: Float64Array,
  from: number,
  first: boolean,
  misses: number[],
): void {
  const { perPoint, maxQuanta, tolerance } = scale;
  for (let l = 0; l < count; l++) {
    const whole = quantaOf(scores[start + l]!, l, perPoint, maxQuanta, tolerance);
    if (whole >= 0) {
      const add = whole * multiplier[from + l]!;
      target[row + l] = first ? add : target[row + l]! + add;
    } else {
      if (first) target[row + l] = 0;
      misses.push(l);
    }
  }
}

/** Scores every unit of the matrix; throws UnitInputError naming the unit and leaf of every bad score. */
export function scoreMatrix(plan: CompiledScheme, matrix: ScoreMatrix): UnitScore[] {
  const raters = plan.raters;
  if (raters?.scope !== "leaf")
    throw new MatrixShapeError("a score matrix needs rater groups with scope leaf");
  const { ratersPerGroup, scores, units } = matrix;
  if (ratersPerGroup.length !== raters.groups.length) {
    throw new MatrixShapeError(
      `the matrix has ${ratersPerGroup.length} rater groups, the scheme ${raters.groups.length}`,
    );
  }
  const leafCount = plan.leaves.length;
  const raterCount = ratersPerGroup.reduce((a, b) => a + b, 0);
  const perUnit = raterCount * leafCount;
  if (scores.length !== units.length * perUnit) {
    throw new MatrixShapeError(
      `the matrix holds ${scores.length} scores, but ${units.length} units × ${raterCount} raters × ${leafCount} leaves is ${units.length * perUnit}`,
    );
  }
  const groupStart = ratersPerGroup.map(
    (_, g) => ratersPerGroup.slice(0, g).reduce((a, b) => a + b, 0) * leafCount,
  );
  const leafNodes = plan.leaves.map((i) => plan.nodes[i]!);
  const leafMax = new Float64Array(leafNodes.map((n) => n.max));
  const leafStep = new Float64Array(
    leafNodes.map((n) => (n.method?.type === "manual" ? (n.method.step ?? 0) : 0)),
  );
  const fromRaters = new Uint8Array(
    leafNodes.map((n) => (n.method?.type === "formula" || n.method?.type === "satisfaction" ? 0 : 1)),
  );
  const hasCategories = plan.definition.categories.length > 0;
  // Groups whose aggregate is a plain mean (trimmed means with too few raters are one) are summed in one
  // sequential pass over the matrix; medians and trimmed means gather each leaf's scores instead.
  const summed = raters.groups.map(
    (group, g) =>
      group.aggregation.method === "mean" ||
      (group.aggregation.method === "trimmedMean" && ratersPerGroup[g]! < group.aggregation.minRaters),
  );
  const quantum = new Float64Array(leafStep.map((step) => (step > 0 ? step : 1)));
  const scale: LeafScale = {
    perPoint: new Float64Array(quantum.map((q) => ONE / q)),
    maxQuanta: new Float64Array(leafMax.map((max, l) => Math.floor(max / quantum[l]!))),
    tolerance: new Float64Array(quantum.map((q) => 0.5 / q)),
  };

  const values = new Float64Array(Math.max(...ratersPerGroup, 1));
  const sums = new Float64Array(ratersPerGroup.length * leafCount);
  const counts = new Float64Array(ratersPerGroup.flatMap((n) => new Array<number>(leafCount).fill(n)));
  const lowered: number[] = [];
  const misses: number[] = [];
  const fractions = newGroupFractions(raters.groups.length);
  const combiner = new GroupCombiner(raters);
  const ones = new Float64Array(leafCount).fill(1);
  const leafNa = new Uint8Array(leafCount);
  // Leaves not taken from the raters: those outside the unit's category and those computed from data.
  const baseSkip = new Map(
    [...new Set(plan.categoryMasks.values())].map((mask) => [
      mask,
      new Uint8Array(leafNodes.map((n, l) => (mask[n.index] === 0 || fromRaters[l] === 0 ? 1 : 0))),
    ]),
  );
  const unitSkip = new Uint8Array(leafCount);
  let naDirty = true;
  const satisfactionLeaves = leafNodes.flatMap((n, l) => (n.method?.type === "satisfaction" ? [l] : []));
  const allSummed = summed.every(Boolean) && !plan.roundAt.raterGroup;
  const multipliers = allSummed ? combiner.exactMultipliers(ratersPerGroup, quantum) : null;
  // Leaves outside the unit's category or declared not applicable keep whatever leafScore held: the roll-up
  // reads neither. Every unit's tree is rolled up in one scratch state. Keeping all of them would write hundreds of megabytes
  // for a provincial campaign; a unit's tree is worked out again, once, when someone reads it.
  const scratch = newTreeState(plan);
  const sharedScope = new UnitScope(plan, units[0]!, scratch);
  const problems: Array<UnitProblem & { unit: string }> = [];
  const results: UnitScore[] = [];

  const badScore = (unitProblems: UnitProblem[], g: number, r: number, l: number, given: number) => {
    const node = leafNodes[l]!;
    const step = leafStep[l]!;
    unitProblems.push({
      indicator: node.code,
      path: `ratings[group ${raters.groups[g]!.code}, rater ${r + 1}].${node.code}`,
      message: `score ${given} is outside 0–${formatShort(leafMax[l]!)}${step > 0 ? ` in steps of ${formatShort(step)}` : ""}`,
    });
  };

  const maskOf = (unit: UnitInput) =>
    plan.categoryMasks.get(hasCategories ? (unit.category ?? "") : "") ?? plan.categoryMasks.get("")!;

  /** Scores unit u into `tree`, and, given `out`, finishes it there (re-basing, bonus, vetoes, total). */
  const scoreRow = (u: number, tree: TreeState, unitProblems: UnitProblem[], out: Finished | null) => {
    const unit = units[u]!;
    const mask = maskOf(unit);
    const scope = tree === scratch ? sharedScope : new UnitScope(plan, unit, tree);
    scope.unit = unit;
    const base = u * perUnit;
    // Leaves are the tree's first nodes (see compileScheme): their scores are written into it directly.
    const leafScore = tree.score;

    // Scores are counted in quanta (the leaf's step, or one micro-point): a score is on its step when it lies
    // within half a micro-point of a whole number of quanta, the same test as rounding to six places
    // (numbers/fixed.ts) and dividing, without a division. The range test on the points as given also stops
    // negatives, infinities and NaN, so a rater's missing score costs nothing until it happens.
    // With exact multipliers (see GroupCombiner.exactMultipliers) every rater's quanta go straight into the leaf
    // scores; a row where an expected score is missing or bad goes the general way, which re-weights or reports.
    let direct = multipliers !== null;
    if (multipliers) {
      const expected = baseSkip.get(mask)!;
      let first = true;
      for (let g = 0; direct && g < ratersPerGroup.length; g++) {
        for (let r = 0; direct && r < ratersPerGroup[g]!; r++) {
          const start = base + groupStart[g]! + r * leafCount;
          accumulate(
            scores,
            start,
            leafCount,
            scale,
            leafScore,
            0,
            multipliers,
            g * leafCount,
            first,
            misses,
          );
          first = false;
          for (const l of misses) if (expected[l] === 0) direct = false;
          misses.length = 0;
        }
      }
    }
    // In general each group's quanta are summed: the first rater of a group sets the sums, so nothing is cleared
    // between units; counts start full and only the entries a missing score lowered are put back afterwards.
    if (!direct) {
      for (let g = 0; g < ratersPerGroup.length; g++) {
        if (!summed[g]) continue;
        const row = g * leafCount;
        for (let r = 0; r < ratersPerGroup[g]!; r++) {
          const start = base + groupStart[g]! + r * leafCount;
          const first = r === 0;
          accumulate(scores, start, leafCount, scale, sums, row, ones, 0, first, misses);
          for (const l of misses) {
            const x = scores[start + l]!;
            if (Number.isNaN(x)) {
              counts[row + l]! -= 1;
              lowered.push(row + l);
            } else badScore(unitProblems, g, r, l, x);
          }
          misses.length = 0;
        }
      }
    }

    // A unit's own inputs in a matrix are its 不适用 declarations and its data-driven leaves: read them once.
    let skip = baseSkip.get(mask)!;
    let declared = false;
    for (const code in unit.scores) {
      if (!declared) {
        declared = true;
        leafNa.fill(0);
        skip = unitSkip;
        skip.set(baseSkip.get(mask)!);
      }
      const index = plan.byCode.get(code);
      const node = index === undefined ? undefined : plan.nodes[index]!;
      const input = unit.scores[code];
      if (!node || node.leaf < 0)
        unitProblems.push({ path: `scores.${code}`, message: `unknown leaf indicator ${code}` });
      else if (typeof input === "object" && input.na) {
        if (!node.notApplicable)
          unitProblems.push({
            indicator: code,
            path: `scores.${code}`,
            message: "this indicator cannot be declared not applicable",
          });
        leafNa[node.leaf] = 1;
        skip[node.leaf] = 1;
      }
    }
    if (!declared && naDirty) leafNa.fill(0);
    naDirty = declared;
    let combined = direct;
    if (!combined && allSummed) {
      try {
        combiner.combineColumns(sums, counts, leafCount, skip, leafScore, quantum, lowered.length === 0);
        combined = true;
      } catch (error) {
        if (!(error instanceof MissingGroupError)) throw error;
      }
    }
    // Medians, trimmed means, rounded group scores, and rows with a missing group go leaf by leaf.
    for (let l = 0; !combined && l < leafCount; l++) {
      if (skip[l] === 1) continue;
      const node = leafNodes[l]!;
      for (let g = 0; g < ratersPerGroup.length; g++) {
        if (summed[g]) {
          fractions.numerators[g] = sums[g * leafCount + l]! * quantum[l]!;
          fractions.denominators[g] = counts[g * leafCount + l]!;
          continue;
        }
        let n = 0;
        for (let r = 0; r < ratersPerGroup[g]!; r++) {
          const x = scores[base + groupStart[g]! + r * leafCount + l]!;
          if (Number.isNaN(x)) continue;
          const whole = quantaOf(x, l, scale.perPoint, scale.maxQuanta, scale.tolerance);
          if (whole < 0) badScore(unitProblems, g, r, l, x);
          else values[n++] = whole * quantum[l]!;
        }
        aggregateGroup(values, n, raters.groups[g]!.aggregation, fractions, g);
      }
      try {
        leafScore[l] = combiner.combine(roundGroups(plan, fractions));
      } catch (error) {
        if (!(error instanceof MissingGroupError)) throw error;
        unitProblems.push({ indicator: node.code, path: `ratings.${node.code}`, message: error.message });
      }
    }
    for (const l of satisfactionLeaves) {
      const node = leafNodes[l]!;
      if (mask[node.index] === 0 || leafNa[l] === 1) continue;
      try {
        leafScore[l] = scoreLeaf(node, unit.scores[node.code], scope, false).score;
      } catch (error) {
        if (!(error instanceof LeafInputError)) throw error;
        unitProblems.push({ indicator: node.code, path: `scores.${node.code}`, message: error.message });
      }
    }
    for (const index of plan.formulaOrder) {
      const node = plan.nodes[index]!;
      if (mask[index] === 0 || leafNa[node.leaf] === 1) continue;
      if (node.method?.type === "formula" && node.method.formula.indicators.length > 0)
        aggregateTree(plan, mask, leafScore, leafNa, tree);
      try {
        leafScore[node.leaf] = scoreLeaf(node, unit.scores[node.code], scope, false).score;
      } catch (error) {
        if (!(error instanceof LeafInputError || error instanceof FormulaError)) throw error;
        unitProblems.push({ indicator: node.code, path: `scores.${node.code}`, message: error.message });
      }
    }
    for (const index of lowered) counts[index] = ratersPerGroup[Math.floor(index / leafCount)]!;
    lowered.length = 0;
    aggregateTree(plan, mask, leafScore, leafNa, tree, declared);
    if (out) finishUnit(plan, unit, tree, scope, null, unitProblems, out);
  };

  const rescore = (u: number): TreeState => {
    const tree = newTreeState(plan);
    scoreRow(u, tree, [], null);
    return tree;
  };
  const unitProblems: UnitProblem[] = [];
  for (let u = 0; u < units.length; u++) {
    const unit = units[u]!;
    const result = new MatrixUnitScore(unit, u, maskOf(unit), rescore);
    scoreRow(u, scratch, unitProblems, result);
    if (unitProblems.length > 0) {
      for (const p of unitProblems) problems.push({ ...p, unit: unit.unit });
      unitProblems.length = 0;
      continue;
    }
    results.push(result);
  }
  if (problems.length > 0) throw new UnitInputError(problems);
  return results;
}

const noLeaves: never[] = [];

/** A unit scored in bulk: its tree is worked out again on first reading (see scoreMatrix). */
class MatrixUnitScore implements UnitScore {
  // The same for every unit scored in bulk: on the prototype, so fifty thousand results do not each carry them.
  get source(): "raters" {
    return "raters";
  }
  get breakdown(): boolean {
    return true;
  }
  get leaves(): never[] {
    return noLeaves;
  }
  get raters(): null {
    return null;
  }
  points = 0;
  applicableMax = 0;
  rate = 0;
  base = 0;
  bonusItems!: UnitScore["bonusItems"];
  bonus = 0;
  vetoes!: UnitScore["vetoes"];
  total = 0;
  private computed: TreeState | undefined;

  /** The Finished fields start empty and are written by finishUnit. */
  constructor(
    readonly input: UnitInput,
    readonly index: number,
    readonly mask: Uint8Array,
    private readonly rescore: (index: number) => TreeState,
  ) {}

  get tree(): TreeState {
    this.computed ??= this.rescore(this.index);
    return this.computed;
  }
}
