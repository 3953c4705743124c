/**
 * Bulk scoring from a score matrix: the raters' leaf scores of many units in one typed array, as a server reads
 * them from its tables for a provincial campaign of tens of thousands of units. Per unit it runs the same rater
 * combination, tree and finishing steps as scoreUnit, without building an object per score.
 */
import { FormulaError } from "../formula/compile-formula.js";
import { formatShort, ONE, toFixed } from "../numbers/fixed.js";
import type { UnitInput } from "../scheme/input.js";
import type { CompiledScheme } from "../scheme/plan.js";
import { LeafInputError, scoreLeaf } from "./leaf-methods.js";
import { aggregateGroup, combineGroups, MissingGroupError, newGroupFractions } from "./raters.js";
import {
  finishUnit,
  roundGroups,
  UnitInputError,
  type UnitProblem,
  type UnitScore,
  unitScope,
} from "./score-unit.js";
import { aggregateTree, newTreeState } from "./tree.js";

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

/** Scores every unit of the matrix; throws UnitInputError naming the unit and leaf of every bad score. */
export function scoreMatrix(plan: CompiledScheme, matrix: ScoreMatrix): UnitScore[] {
  const raters = plan.raters;
  if (!raters || raters.scope !== "leaf")
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

  const values = new Float64Array(Math.max(...ratersPerGroup, 1));
  const fractions = newGroupFractions(raters.groups.length);
  const leafScore = new Float64Array(leafCount);
  const leafNa = new Uint8Array(leafCount);
  const problems: Array<UnitProblem & { unit: string }> = [];
  const results: UnitScore[] = [];

  for (let u = 0; u < units.length; u++) {
    const unit = units[u]!;
    const mask =
      plan.categoryMasks.get(hasCategories ? (unit.category ?? "") : "") ?? plan.categoryMasks.get("")!;
    const tree = newTreeState(plan);
    const scope = unitScope(plan, unit, tree);
    const unitProblems: UnitProblem[] = [];
    const base = u * perUnit;
    for (let l = 0; l < leafCount; l++) {
      leafNa[l] = 0;
      const node = leafNodes[l]!;
      if (mask[node.index] === 0) continue;
      const input = unit.scores[node.code];
      if (typeof input === "object" && input.na) {
        if (!node.notApplicable)
          unitProblems.push({
            indicator: node.code,
            path: `scores.${node.code}`,
            message: "this indicator cannot be declared not applicable",
          });
        leafNa[l] = 1;
        leafScore[l] = 0;
        continue;
      }
      if (fromRaters[l] === 0) {
        if (node.method?.type === "satisfaction") {
          try {
            leafScore[l] = scoreLeaf(node, input, scope, false).score;
          } catch (error) {
            if (!(error instanceof LeafInputError)) throw error;
            unitProblems.push({ indicator: node.code, path: `scores.${node.code}`, message: error.message });
          }
        }
        continue;
      }
      const max = leafMax[l]!;
      const step = leafStep[l]!;
      for (let g = 0; g < ratersPerGroup.length; g++) {
        let n = 0;
        const start = base + groupStart[g]! + l;
        for (let r = 0; r < ratersPerGroup[g]!; r++) {
          const x = scores[start + r * leafCount]!;
          if (x !== x) continue;
          const scaled = x * ONE;
          let v = Math.round(scaled);
          if (Math.abs(scaled - v) >= 1e-3) v = toFixed(x);
          if (v < 0 || v > max || (step > 0 && v % step !== 0)) {
            unitProblems.push({
              indicator: node.code,
              path: `ratings[group ${raters.groups[g]!.code}, rater ${r + 1}].${node.code}`,
              message: `score ${formatShort(v)} is outside 0–${formatShort(max)}${step > 0 ? ` in steps of ${formatShort(step)}` : ""}`,
            });
          }
          values[n++] = v;
        }
        aggregateGroup(values, n, raters.groups[g]!.aggregation, fractions, g);
      }
      try {
        leafScore[l] = combineGroups(raters, roundGroups(plan, fractions));
      } catch (error) {
        if (!(error instanceof MissingGroupError)) throw error;
        unitProblems.push({ indicator: node.code, path: `ratings.${node.code}`, message: error.message });
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
    aggregateTree(plan, mask, leafScore, leafNa, tree);
    const finished = finishUnit(plan, unit, tree, scope, null, unitProblems);
    if (unitProblems.length > 0) {
      for (const p of unitProblems) problems.push({ ...p, unit: unit.unit });
      continue;
    }
    results.push({
      input: unit,
      index: u,
      source: "raters",
      mask,
      tree,
      breakdown: true,
      leaves: [],
      raters: null,
      ...finished,
    });
  }
  if (problems.length > 0) throw new UnitInputError(problems);
  return results;
}
