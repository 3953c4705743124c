/** Scores one leaf from its input by the leaf's method, and records what it did for the explanation. */
import type { FormulaScope } from "../formula/compile-formula.js";
import { Decimal } from "../numbers/decimal.js";
import { type Fixed, formatShort, mul, toFixed } from "../numbers/fixed.js";
import type { LeafInput } from "../scheme/input.js";
import type { PlanNode } from "../scheme/plan.js";
import { scoreValue, type ValueDecision } from "./value-scoring.js";

/** What a leaf's score was made of. */
export type LeafTrace =
  | { method: "manual"; score: Fixed }
  | {
      method: "deductions";
      applied: Array<{
        code: string;
        text: string;
        points: Fixed;
        count: number;
        amount: Fixed;
        capped: boolean;
      }>;
      deducted: Fixed;
      floored: boolean;
    }
  | {
      method: "checklist";
      met: Array<{ code: string; text: string; points: Fixed }>;
      missed: Array<{ code: string; text: string; points: Fixed }>;
      capped: boolean;
    }
  | { method: "levels"; level: { code: string; name: string; share: Fixed } }
  | { method: "boolean"; value: boolean; share: Fixed }
  | {
      method: "formula";
      formula: string;
      value: string;
      decidedBy: ValueDecision;
      fields: Record<string, string>;
    }
  | {
      method: "satisfaction";
      counts: Array<{ code: string; name: string; count: number; satisfied: boolean }>;
      valid: number;
      measure: "rate" | "mean";
      value: string;
      decidedBy: ValueDecision;
    }
  | { method: "na" };

export interface LeafScore {
  score: Fixed;
  na: boolean;
  trace: LeafTrace | null;
  note: string | undefined;
}

export class LeafInputError extends Error {}

type LeafObject = Exclude<LeafInput, number | string | boolean>;

function asObject(input: LeafInput | undefined): LeafObject {
  if (input === undefined) return {};
  if (typeof input === "object") return input;
  if (typeof input === "boolean") return { value: input };
  if (typeof input === "string" && !/^-?\d+(\.\d+)?$/.test(input)) return { level: input };
  return { score: input };
}

function manualScore(node: PlanNode, value: number | string): Fixed {
  let score: Fixed;
  try {
    score = toFixed(value);
  } catch {
    throw new LeafInputError(`score "${value}" is not a number`);
  }
  if (score < 0 || score > node.max) {
    throw new LeafInputError(`score ${formatShort(score)} is outside 0–${formatShort(node.max)}`);
  }
  const step = node.method?.type === "manual" ? node.method.step : null;
  if (step !== null && score % step !== 0) {
    throw new LeafInputError(
      `score ${formatShort(score)} is not a multiple of the step ${formatShort(step)}`,
    );
  }
  return score;
}

/**
 * Scores a leaf. `scope` gives formulas their data; `withTrace` is off in bulk scoring so that nothing is
 * allocated that no one will read.
 */
export function scoreLeaf(
  node: PlanNode,
  input: LeafInput | undefined,
  scope: FormulaScope,
  withTrace: boolean,
): LeafScore {
  const method = node.method!;
  const given = asObject(input);
  const note = given.note;
  if (given.na) {
    if (!node.notApplicable) throw new LeafInputError("this indicator cannot be declared not applicable");
    return { score: 0, na: true, trace: withTrace ? { method: "na" } : null, note };
  }
  const done = (score: Fixed, trace: () => LeafTrace): LeafScore => ({
    score,
    na: false,
    trace: withTrace ? trace() : null,
    note,
  });
  const computed = method.type === "formula" || method.type === "satisfaction";
  if (input === undefined && !computed) throw new LeafInputError("no input was given");

  switch (method.type) {
    case "manual": {
      if (given.score === undefined) throw new LeafInputError("a manual indicator needs a score");
      const score = manualScore(node, given.score);
      return done(score, () => ({ method: "manual", score }));
    }
    case "deductions": {
      const counts = given.deductions;
      if (!counts)
        throw new LeafInputError("a deductions indicator needs {deductions: {rule: count}} ({} for none)");
      for (const code of Object.keys(counts)) {
        if (!method.rules.some((r) => r.code === code))
          throw new LeafInputError(`unknown deduction rule ${code}`);
      }
      let deducted = 0;
      const applied: Extract<LeafTrace, { method: "deductions" }>["applied"] = [];
      for (const rule of method.rules) {
        const count = counts[rule.code] ?? 0;
        if (count === 0) continue;
        if (count > 1 && !rule.perOccurrence) {
          throw new LeafInputError(`rule ${rule.code} applies once, not ${count} times`);
        }
        const full = rule.points * count;
        const amount = rule.cap !== null && full > rule.cap ? rule.cap : full;
        deducted += amount;
        applied.push({
          code: rule.code,
          text: rule.text,
          points: rule.points,
          count,
          amount,
          capped: amount < full,
        });
      }
      const score = Math.max(0, node.max - deducted);
      return done(score, () => ({ method: "deductions", applied, deducted, floored: deducted > node.max }));
    }
    case "checklist": {
      const checked = given.checked;
      if (!checked) throw new LeafInputError("a checklist indicator needs {checked: [item codes]}");
      const codes = new Set(checked);
      for (const code of codes) {
        if (!method.items.some((item) => item.code === code))
          throw new LeafInputError(`unknown checklist item ${code}`);
      }
      const met = method.items.filter((item) => codes.has(item.code));
      const sum = met.reduce((total, item) => total + item.points, 0);
      const score = Math.min(sum, node.max);
      return done(score, () => ({
        method: "checklist",
        met,
        missed: method.items.filter((item) => !codes.has(item.code)),
        capped: sum > node.max,
      }));
    }
    case "levels": {
      // A level code that looks like a number ("1", "2") arrives as a score through the string shorthand.
      const code = given.level ?? (typeof given.score === "string" ? given.score : undefined);
      const level = method.levels.find((l) => l.code === code);
      if (!level) {
        throw new LeafInputError(
          `level "${code ?? ""}" is not one of ${method.levels.map((l) => l.code).join(", ")}`,
        );
      }
      const score = mul(level.share, node.max);
      return done(score, () => ({ method: "levels", level }));
    }
    case "boolean": {
      if (given.value === undefined) throw new LeafInputError("a yes/no indicator needs true or false");
      const share = given.value ? method.trueShare : method.falseShare;
      const score = mul(share, node.max);
      return done(score, () => ({ method: "boolean", value: given.value!, share }));
    }
    case "formula": {
      if (input !== undefined && given.score !== undefined) {
        throw new LeafInputError("this indicator is computed from data; it takes no score");
      }
      const value = method.formula.evaluate(scope) as Decimal;
      const { score, decidedBy } = scoreValue(method.scoring, value, node.max);
      return done(score, () => ({
        method: "formula",
        formula: method.formula.source,
        value: value.toSignificantDigits(12).toString(),
        decidedBy,
        fields: Object.fromEntries(method.formula.fields.map((f) => [f, String(scope.field(f))])),
      }));
    }
    case "satisfaction": {
      const answers = given.answers;
      if (!answers) throw new LeafInputError("a satisfaction indicator needs {answers: {answer: count}}");
      for (const code of Object.keys(answers)) {
        if (!method.answers.some((a) => a.code === code)) throw new LeafInputError(`unknown answer ${code}`);
      }
      const counts = method.answers.map((a) => ({
        code: a.code,
        name: a.name,
        count: answers[a.code] ?? 0,
        satisfied: a.satisfied,
      }));
      const valid = counts.reduce((sum, c) => sum + c.count, 0);
      if (valid === 0 || (method.minResponses !== null && valid < method.minResponses)) {
        throw new LeafInputError(
          `${valid} valid answers, fewer than the ${method.minResponses ?? 1} required`,
        );
      }
      const value =
        method.measure === "rate"
          ? new Decimal(counts.filter((c) => c.satisfied).reduce((sum, c) => sum + c.count, 0)).dividedBy(
              valid,
            )
          : method.answers
              .reduce(
                (sum, a, i) => sum.plus((a.points ?? new Decimal(0)).times(counts[i]!.count)),
                new Decimal(0),
              )
              .dividedBy(valid);
      const { score, decidedBy } = scoreValue(method.scoring, value, node.max);
      return done(score, () => ({
        method: "satisfaction",
        counts,
        valid,
        measure: method.measure,
        value: value.toSignificantDigits(12).toString(),
        decidedBy,
      }));
    }
  }
}
