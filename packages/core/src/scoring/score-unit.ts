/**
 * Scores one unit: leaves by their methods (from the self-evaluation or from raters), the tree, 不适用
 * re-basing, bonus and vetoes. Grading, which needs every unit, happens afterwards.
 */
import { FormulaError, type FormulaScope, type FormulaValue } from "../formula/compile-formula.js";
import { Decimal } from "../numbers/decimal.js";
import { type Fixed, mulDiv, ONE, roundTo, toDecimal, toFixed } from "../numbers/fixed.js";
import type { LeafInput, UnitInput } from "../scheme/input.js";
import type { CompiledScheme, CompiledVeto, PlanNode } from "../scheme/plan.js";
import { LeafInputError, type LeafScore, scoreLeaf } from "./leaf-methods.js";
import {
  aggregateGroup,
  droppedScores,
  GroupCombiner,
  type GroupFractions,
  MissingGroupError,
  newGroupFractions,
} from "./raters.js";
import { aggregateTree, newTreeState, type TreeState } from "./tree.js";

export interface RaterTrace {
  groups: Array<{
    code: string;
    name: string;
    weight: Fixed;
    raters: Array<{ rater: string; total: Fixed }>;
    /** The group's score, or null when the group did not rate. */
    aggregate: { value: Fixed; dropped: Fixed[] } | null;
  }>;
  combined: Fixed;
}

export interface UnitScore {
  input: UnitInput;
  /** Position in the input list. */
  index: number;
  source: "self" | "raters";
  mask: Uint8Array;
  tree: TreeState;
  /** Whether `tree` holds the unit's indicator scores (not so when raters gave only totals and no sheet exists). */
  breakdown: boolean;
  /** Per leaf, what it was scored from (empty in bulk scoring, which keeps no traces). */
  leaves: Array<LeafScore | null>;
  /** 实得分: the root's points before re-basing and bonus. */
  points: Fixed;
  applicableMax: Fixed;
  /** 得分率 in percent. */
  rate: Fixed;
  /** The total before bonus: re-based or raw as the scheme says. */
  base: Fixed;
  bonusItems: Array<{ code: string; name: string; given: Fixed; counted: Fixed }>;
  bonus: Fixed;
  vetoes: CompiledVeto[];
  /** The published total (rounded). */
  total: Fixed;
  raters: RaterTrace | null;
}

export interface UnitProblem {
  indicator?: string;
  path: string;
  message: string;
}

/** Thrown out of a unit's scoring with all its problems; evaluateUnits collects them across units. */
export class UnitInputError extends Error {
  constructor(readonly problems: UnitProblem[]) {
    super(problems.map((p) => p.message).join("; "));
  }
}

function fieldValue(plan: CompiledScheme, unit: UnitInput, code: string): FormulaValue {
  const value = unit.data[code];
  const field = plan.fields.get(code)!;
  if (value === undefined || value === null || value === "") {
    throw new FormulaError(`field ${code} (${field.name}) has no value`);
  }
  if (field.type === "number" || field.type === "integer") return new Decimal(String(value));
  if (field.type === "boolean") return value as boolean;
  return String(value);
}

function checkData(plan: CompiledScheme, unit: UnitInput, problems: UnitProblem[]): void {
  for (const [code, value] of Object.entries(unit.data)) {
    const field = plan.fields.get(code);
    const path = `data.${code}`;
    if (!field) {
      problems.push({ path, message: `unknown field ${code}` });
      continue;
    }
    if (value === null || value === "") continue;
    const numeric = typeof value === "number" || (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value));
    if ((field.type === "number" || field.type === "integer") && !numeric) {
      problems.push({ path, message: `${field.name} must be a number, not "${String(value)}"` });
    } else if (field.type === "integer" && !Number.isInteger(Number(value))) {
      problems.push({ path, message: `${field.name} must be a whole number, not ${String(value)}` });
    } else if (field.type === "boolean" && typeof value !== "boolean") {
      problems.push({ path, message: `${field.name} must be true or false, not "${String(value)}"` });
    } else if (field.type === "grade" && !plan.grading?.byCode.has(String(value))) {
      problems.push({ path, message: `${field.name} must be a grade code, not "${String(value)}"` });
    }
  }
}

/** Reports inputs for indicators that do not exist, are not leaves, or do not apply to the unit's category. */
function checkSheetCodes(
  plan: CompiledScheme,
  unit: UnitInput,
  sheet: Record<string, LeafInput>,
  mask: Uint8Array,
  problems: UnitProblem[],
  pathPrefix: string,
): void {
  for (const code of Object.keys(sheet)) {
    const node = plan.byCode.get(code);
    if (node === undefined)
      problems.push({ path: `${pathPrefix}.${code}`, message: `unknown indicator ${code}` });
    else if (plan.nodes[node]!.leaf < 0) {
      problems.push({
        indicator: code,
        path: `${pathPrefix}.${code}`,
        message: "only leaf indicators take inputs",
      });
    } else if (mask[node] === 0) {
      problems.push({
        indicator: code,
        path: `${pathPrefix}.${code}`,
        message: `does not apply to category ${unit.category ?? "(none)"}`,
      });
    }
  }
}

/** Scores a score sheet (self-evaluation or one rater's) into `tree`. */
function scoreSheet(
  plan: CompiledScheme,
  unit: UnitInput,
  sheet: Record<string, LeafInput>,
  mask: Uint8Array,
  scope: FormulaScope,
  tree: TreeState,
  withTrace: boolean,
  problems: UnitProblem[],
  pathPrefix: string,
  rated?: (node: PlanNode) => Fixed | null,
): Array<LeafScore | null> {
  const leafScore = new Float64Array(plan.leaves.length);
  const leafNa = new Uint8Array(plan.leaves.length);
  const leaves: Array<LeafScore | null> = new Array(plan.leaves.length).fill(null);
  checkSheetCodes(plan, unit, sheet, mask, problems, pathPrefix);
  const score = (node: PlanNode) => {
    try {
      const input = sheet[node.code];
      const fromRaters = rated && !(typeof input === "object" && input.na) ? rated(node) : null;
      const result: LeafScore =
        fromRaters !== null
          ? { score: fromRaters, na: false, trace: null, note: undefined }
          : scoreLeaf(node, input, scope, withTrace);
      leaves[node.leaf] = result;
      leafScore[node.leaf] = result.score;
      leafNa[node.leaf] = result.na ? 1 : 0;
    } catch (error) {
      if (
        !(
          error instanceof LeafInputError ||
          error instanceof FormulaError ||
          error instanceof MissingGroupError
        )
      )
        throw error;
      problems.push({ indicator: node.code, path: `${pathPrefix}.${node.code}`, message: error.message });
    }
  };
  for (const index of plan.leaves) {
    const node = plan.nodes[index]!;
    if (mask[index] === 1 && node.method?.type !== "formula") score(node);
  }
  for (const index of plan.formulaOrder) {
    const node = plan.nodes[index]!;
    if (mask[index] !== 1) continue;
    if (node.method?.type === "formula" && node.method.formula.indicators.length > 0) {
      aggregateTree(plan, mask, leafScore, leafNa, tree);
    }
    score(node);
  }
  aggregateTree(plan, mask, leafScore, leafNa, tree);
  return leaves;
}

/** The tree's total before bonus: 实得分, re-based to the full scale when items were 不适用 and the scheme says so. */
function rebasedTotal(plan: CompiledScheme, tree: TreeState): Fixed {
  const points = tree.score[plan.root]!;
  const applicableMax = tree.applicableMax[plan.root]!;
  const rootMax = plan.nodes[plan.root]!.max;
  return plan.rebase && applicableMax > 0 && applicableMax !== rootMax
    ? mulDiv(points, rootMax, applicableMax)
    : points;
}

export function scoreUnit(
  plan: CompiledScheme,
  unit: UnitInput,
  index: number,
  withTrace: boolean,
): UnitScore {
  const problems: UnitProblem[] = [];
  const hasCategories = plan.definition.categories.length > 0;
  if (hasCategories && unit.category !== undefined && !plan.categoryMasks.has(unit.category)) {
    problems.push({ path: "category", message: `unknown category ${unit.category}` });
  }
  const mask =
    plan.categoryMasks.get(hasCategories ? (unit.category ?? "") : "") ?? plan.categoryMasks.get("")!;
  checkData(plan, unit, problems);

  const tree = newTreeState(plan);
  const scope = new UnitScope(plan, unit, tree);

  const raters = plan.raters;
  const byRaters = raters !== null && unit.ratings.length > 0;
  let leaves: Array<LeafScore | null>;
  let raterTrace: RaterTrace | null = null;
  let combinedTotal: Fixed | null = null;

  if (byRaters) {
    unit.ratings.forEach((rating, r) => {
      if (!raters.groups.some((g) => g.code === rating.group)) {
        problems.push({ path: `ratings[${r}].group`, message: `unknown rater group ${rating.group}` });
      }
    });
  }

  if (byRaters && raters.scope === "leaf") {
    unit.ratings.forEach((rating, r) => {
      checkSheetCodes(plan, unit, rating.scores ?? {}, mask, problems, `ratings[${r}].scores`);
    });
    // Each rater's leaf scores, aggregated per group and weighted, give the leaf's score.
    const fractions = newGroupFractions(raters.groups.length);
    const combiner = new GroupCombiner(raters);
    const rated = (node: PlanNode): Fixed | null => {
      if (node.method?.type === "formula" || node.method?.type === "satisfaction") return null;
      raters.groups.forEach((group, g) => {
        const values = unit.ratings
          .filter((rating) => rating.group === group.code && rating.scores?.[node.code] !== undefined)
          .map((rating) => scoreLeaf(node, rating.scores![node.code], scope, false).score);
        aggregateGroup(values, values.length, group.aggregation, fractions, g);
      });
      return combiner.combine(roundGroups(plan, fractions));
    };
    leaves = scoreSheet(plan, unit, unit.scores, mask, scope, tree, withTrace, problems, "scores", rated);
  } else if (byRaters) {
    const groups: RaterTrace["groups"] = raters.groups.map((g) => ({
      code: g.code,
      name: g.name,
      weight: g.weight,
      raters: [],
      aggregate: null,
    }));
    const rootMax = plan.nodes[plan.root]!.max;
    unit.ratings.forEach((rating, r) => {
      const group = groups.find((g) => g.code === rating.group);
      let total: Fixed | null = null;
      if (rating.total !== undefined) {
        total = toFixed(rating.total);
        if (total < 0 || total > rootMax) {
          problems.push({
            path: `ratings[${r}].total`,
            message: `rater ${rating.rater}'s total ${String(rating.total)} is outside 0–${rootMax / ONE}`,
          });
        }
      } else if (rating.scores) {
        const sheetTree = newTreeState(plan);
        scoreSheet(
          plan,
          unit,
          rating.scores,
          mask,
          scope,
          sheetTree,
          false,
          problems,
          `ratings[${r}].scores`,
        );
        total = rebasedTotal(plan, sheetTree);
      } else {
        problems.push({
          path: `ratings[${r}]`,
          message: `rater ${rating.rater} gave neither a total nor scores`,
        });
      }
      if (group && total !== null) group.raters.push({ rater: rating.rater, total });
    });
    const fractions = newGroupFractions(groups.length);
    groups.forEach((g, i) => {
      const totals = g.raters.map((r) => r.total);
      const rule = raters.groups[i]!.aggregation;
      aggregateGroup([...totals], totals.length, rule, fractions, i);
      const denominator = fractions.denominators[i]!;
      if (denominator > 0)
        g.aggregate = {
          value: mulDiv(fractions.numerators[i]!, 1, denominator),
          dropped: droppedScores(totals, rule),
        };
    });
    try {
      combinedTotal = new GroupCombiner(raters).combine(roundGroups(plan, fractions));
    } catch (error) {
      if (!(error instanceof MissingGroupError)) throw error;
      problems.push({ path: "ratings", message: error.message });
    }
    raterTrace = { groups, combined: combinedTotal ?? 0 };
    // The unit's own sheet, if any, still gives the per-indicator breakdown shown beside the raters' totals.
    leaves =
      Object.keys(unit.scores).length > 0
        ? scoreSheet(plan, unit, unit.scores, mask, scope, tree, withTrace, problems, "scores")
        : [];
  } else {
    leaves = scoreSheet(plan, unit, unit.scores, mask, scope, tree, withTrace, problems, "scores");
  }

  const breakdown = !(byRaters && raters.scope === "total" && Object.keys(unit.scores).length === 0);
  scope.breakdown = breakdown;
  const finished = emptyFinished();
  finishUnit(plan, unit, tree, scope, combinedTotal, problems, finished);
  if (problems.length > 0) throw new UnitInputError(problems);
  return {
    input: unit,
    index,
    source: byRaters ? "raters" : "self",
    mask,
    tree,
    breakdown,
    leaves,
    raters: raterTrace,
    ...finished,
  };
}

/** The formula scope of a unit: its data fields, and the scores and rates of its indicators in `tree`. */
export class UnitScope implements FormulaScope {
  constructor(
    private readonly plan: CompiledScheme,
    /** Reassigned in bulk scoring, where one scope serves unit after unit. */
    public unit: UnitInput,
    public tree: TreeState,
  ) {}

  field(code: string): FormulaValue {
    return fieldValue(this.plan, this.unit, code);
  }

  private indicator(code: string): number {
    if (!this.breakdown) {
      throw new FormulaError(
        `${code} has no score of its own: the raters gave totals only, with no score sheet`,
      );
    }
    return this.plan.byCode.get(code)!;
  }

  approx(code: string): number {
    const value = this.unit.data[code];
    return typeof value === "number" ? value : (fieldValue(this.plan, this.unit, code) as Decimal).toNumber();
  }

  /** False when raters gave only totals: no indicator has a score of its own to read. */
  breakdown = true;

  score(code: string): Decimal {
    return toDecimal(this.tree.score[this.indicator(code)]!);
  }

  rate(code: string): Decimal {
    const node = this.indicator(code);
    const max = this.tree.applicableMax[node]!;
    return max === 0
      ? new Decimal(0)
      : toDecimal(this.tree.score[node]!).times(100).dividedBy(toDecimal(max));
  }
}

/** Shared by units with no bonus or no veto, so that bulk scoring allocates nothing for them. */
const none: never[] = [];

export type Finished = Pick<
  UnitScore,
  "points" | "applicableMax" | "rate" | "base" | "bonusItems" | "bonus" | "vetoes" | "total"
>;

function emptyFinished(): Finished {
  return {
    points: 0,
    applicableMax: 0,
    rate: 0,
    base: 0,
    bonusItems: none,
    bonus: 0,
    vetoes: none,
    total: 0,
  };
}

/**
 * From the scored tree (or the raters' combined total) to the published total: 不适用 re-basing, bonus within
 * its caps, and the vetoes that apply, written into `out` (bulk scoring fills its results in place).
 */
export function finishUnit(
  plan: CompiledScheme,
  unit: UnitInput,
  tree: TreeState,
  scope: FormulaScope,
  combinedTotal: Fixed | null,
  problems: UnitProblem[],
  out: Finished,
): void {
  const rootMax = plan.nodes[plan.root]!.max;
  const points = combinedTotal ?? tree.score[plan.root]!;
  const applicableMax = combinedTotal === null ? tree.applicableMax[plan.root]! : rootMax;
  const base = combinedTotal ?? rebasedTotal(plan, tree);
  const rate = applicableMax === 0 ? 0 : mulDiv(points, 100 * ONE, applicableMax);

  let bonusItems: UnitScore["bonusItems"] = none;
  let bonus = 0;
  for (const code in unit.bonus) {
    if (bonusItems === none) bonusItems = [];
    const item = plan.bonus?.items.find((b) => b.code === code);
    if (!item) {
      problems.push({ path: `bonus.${code}`, message: `unknown bonus item ${code}` });
      continue;
    }
    const given = toFixed(unit.bonus[code]!);
    if (given < 0) {
      problems.push({ path: `bonus.${code}`, message: "a bonus cannot be negative" });
      continue;
    }
    const counted = Math.min(given, item.max);
    bonusItems.push({ code, name: item.name, given, counted });
    bonus += counted;
  }
  const cap = plan.bonus?.cap ?? null;
  if (cap !== null && bonus > cap) bonus = cap;

  let vetoes: CompiledVeto[] = none;
  for (const veto of plan.vetoes) {
    try {
      if (veto.when.evaluate(scope) === true) vetoes = [...vetoes, veto];
    } catch (error) {
      if (!(error instanceof FormulaError)) throw error;
      problems.push({
        path: `vetoes.${veto.code}`,
        message: `veto ${veto.code} (${veto.name}): ${error.message}`,
      });
    }
  }
  const zeroed = vetoes.some((v) => v.effect === "zero");
  const total = zeroed ? 0 : roundTo(base + bonus, plan.places);
  out.points = points;
  out.applicableMax = applicableMax;
  out.rate = rate;
  out.base = base;
  out.bonusItems = bonusItems;
  out.bonus = bonus;
  out.vetoes = vetoes;
  out.total = total;
}

/** With rounding.at raterGroup, each group's aggregate is rounded to the published places before weighting. */
export function roundGroups(plan: CompiledScheme, fractions: GroupFractions): GroupFractions {
  if (!plan.roundAt.raterGroup) return fractions;
  for (let g = 0; g < fractions.denominators.length; g++) {
    const d = fractions.denominators[g]!;
    if (d === 0) continue;
    fractions.numerators[g] = roundTo(mulDiv(fractions.numerators[g]!, 1, d), plan.places);
    fractions.denominators[g] = 1;
  }
  return fractions;
}
