/** Evaluates a set of units against a scheme: validate inputs, score every unit, grade them together. */
import { InputError, type Problem } from "./errors.js";
import {
  type GradeOutcome,
  type GradeTable,
  type GradingOptions,
  gradeUnits,
} from "./grading/grade-units.js";
import { type Fixed, format } from "./numbers/fixed.js";
import { UnitInput, type UnitInputData } from "./scheme/input.js";
import type { CompiledScheme } from "./scheme/plan.js";
import { type ScoreMatrix, scoreMatrix } from "./scoring/score-matrix.js";
import { scoreUnit, UnitInputError, type UnitScore } from "./scoring/score-unit.js";

export interface IndicatorResult {
  score: string;
  max: string;
  applicableMax: string;
  na: boolean;
}

/** One unit's published result. Numbers are decimal strings with the scheme's places. */
export interface UnitResult {
  unit: string;
  name?: string | undefined;
  category?: string | undefined;
  total: string;
  points: string;
  rate: string;
  bonus: string;
  grade: string | null;
  gradeName: string | null;
  rank: number;
  groupRank: number;
  group: string;
  vetoes: string[];
  flags: string[];
  source: "self" | "raters";
  indicators: Record<string, IndicatorResult>;
}

/** Every unit scored and graded: the engine's working, kept for explanations and bulk reads. */
export interface Scored {
  scheme: CompiledScheme;
  scores: UnitScore[];
  /** Every unit's grading; outcomes.outcome(i) is unit i's. */
  outcomes: GradeTable;
  /** Indexes into scores in published (ranking) order. */
  order: number[];
}

export interface Evaluation extends Scored {
  /** In published (ranking) order. */
  units: UnitResult[];
}

export interface EvaluateOptions extends GradingOptions {
  /** Keep per-leaf traces for explanations (default true; bulk scoring turns it off). */
  trace?: boolean;
}

/** Validates and parses unit inputs; every problem of every unit is reported at once. */
export function readUnitInputs(units: readonly unknown[]): UnitInput[] {
  const { parsed, problems } = parseUnitInputs(units);
  if (problems.length > 0) throw new InputError(problems);
  return parsed;
}

/** Parses what can be parsed and lists every problem, so that a caller can go on checking the rest. */
function parseUnitInputs(units: readonly unknown[]): { parsed: UnitInput[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const parsed: UnitInput[] = [];
  units.forEach((raw, i) => {
    const result = UnitInput.safeParse(raw);
    const code = (raw as { unit?: unknown } | null)?.unit;
    const unit = typeof code === "string" ? code : undefined;
    if (!result.success) {
      for (const issue of result.error.issues) {
        problems.push({ unit, path: `units[${i}].${issue.path.join(".")}`, message: issue.message });
      }
      return;
    }
    if (seen.has(result.data.unit))
      problems.push({
        unit,
        path: `units[${i}].unit`,
        message: `unit code ${result.data.unit} appears twice`,
      });
    seen.add(result.data.unit);
    parsed.push(result.data);
  });
  return { parsed, problems };
}

/** The published result of the unit at `index` (an index into scored.scores). */
export function unitResult(scored: Scored, index: number): UnitResult {
  return present(scored.scheme, scored.scores[index]!, scored.outcomes.outcome(index));
}

function present(plan: CompiledScheme, score: UnitScore, outcome: GradeOutcome): UnitResult {
  const places = plan.places;
  const f = (x: Fixed) => format(x, places);
  const indicators: Record<string, IndicatorResult> = {};
  for (const node of plan.nodes) {
    if (node.index === plan.root || score.mask[node.index] === 0 || !score.breakdown) continue;
    const applicableMax = score.tree.applicableMax[node.index]!;
    indicators[node.code] = {
      score: f(score.tree.score[node.index]!),
      max: f(node.max),
      applicableMax: f(applicableMax),
      na: applicableMax === 0,
    };
  }
  const grade = outcome.grade === null ? null : plan.grading!.grades[outcome.grade]!;
  return {
    unit: score.input.unit,
    name: score.input.name,
    category: score.input.category,
    total: f(score.total),
    points: f(score.points),
    rate: f(score.rate),
    bonus: f(score.bonus),
    grade: grade?.code ?? null,
    gradeName: grade?.name ?? null,
    rank: outcome.rank,
    groupRank: outcome.groupRank,
    group: outcome.group,
    vetoes: score.vetoes.map((v) => v.code),
    flags: outcome.flags.map((flag) => flag.code),
    source: score.source,
    indicators,
  };
}

export function evaluateUnits(
  plan: CompiledScheme,
  units: readonly UnitInputData[],
  options: EvaluateOptions = {},
): Evaluation {
  // Units that cannot even be read are reported together with the scoring problems of all the others.
  const { parsed: inputs, problems } = parseUnitInputs(units);
  const scores: UnitScore[] = [];
  inputs.forEach((unit, i) => {
    try {
      scores.push(scoreUnit(plan, unit, i, options.trace ?? true));
    } catch (error) {
      if (!(error instanceof UnitInputError)) throw error;
      for (const p of error.problems)
        problems.push({ unit: unit.unit, indicator: p.indicator, path: p.path, message: p.message });
    }
  });
  if (problems.length > 0) throw new InputError(problems);
  const scored = grade(plan, scores, options);
  return { ...scored, units: scored.order.map((i) => unitResult(scored, i)) };
}

function grade(plan: CompiledScheme, scores: UnitScore[], options: GradingOptions): Scored {
  const outcomes = gradeUnits(plan, scores, options);
  const order = new Array<number>(scores.length);
  outcomes.positions.forEach((position, i) => {
    order[position] = i;
  });
  return { scheme: plan, scores, outcomes, order };
}

/**
 * Scores and grades a score matrix (bulk: tens of thousands of units). Results are read per unit with
 * unitResult(scored, i) and explained with explainUnit, so nothing is formatted that is not asked for.
 */
export function evaluateMatrix(
  plan: CompiledScheme,
  matrix: ScoreMatrix,
  options: GradingOptions = {},
): Scored {
  try {
    return grade(plan, scoreMatrix(plan, matrix), options);
  } catch (error) {
    if (!(error instanceof UnitInputError)) throw error;
    throw new InputError(error.problems.map((p) => ({ ...p })));
  }
}
