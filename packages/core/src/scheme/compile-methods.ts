/** Checks and compiles a leaf's scoring method. */
import {
  type CompiledFormula,
  compileFormula,
  FormulaError,
  type FormulaNames,
} from "../formula/compile-formula.js";
import { Decimal } from "../numbers/decimal.js";
import { type Fixed, ONE, toFixed } from "../numbers/fixed.js";
import type { Method, ValueScoring } from "./model.js";
import type { CompiledMethod, ScoringRule } from "./plan.js";
import type { ProblemList } from "./problem-list.js";
import type { PathSegment } from "./source-positions.js";

function duplicates(codes: string[]): string[] {
  return codes.filter((code, i) => codes.indexOf(code) !== i);
}

const dec = (v: number | string) => new Decimal(typeof v === "number" ? String(v) : v);

function compileScoring(scoring: ValueScoring, path: PathSegment[], problems: ProblemList, code: string) {
  switch (scoring.type) {
    case "direct":
    case "share":
      return scoring;
    case "threshold":
      return { ...scoring, value: dec(scoring.value), pass: dec(scoring.pass), fail: dec(scoring.fail) };
    case "bands":
      return {
        type: "bands" as const,
        bands: scoring.bands.map((band, i) => {
          if ((band.share === undefined) === (band.score === undefined)) {
            problems.add([...path, "bands", i], "a band gives either a share or a score", code);
          }
          const out: Extract<ScoringRule, { type: "bands" }>["bands"][number] = {};
          for (const key of ["atLeast", "above", "atMost", "below", "share", "score"] as const) {
            const value = band[key];
            if (value !== undefined) out[key] = dec(value);
          }
          if (band.label !== undefined) out.label = band.label;
          return out;
        }),
      };
    case "linear": {
      const points = scoring.points.map(([x, share]) => [dec(x), dec(share)] as [Decimal, Decimal]);
      points.forEach(([x], i) => {
        const previous = points[i - 1];
        if (previous && !x.greaterThan(previous[0])) {
          problems.add([...path, "points", i], "linear points must be in increasing order of value", code);
        }
      });
      return { type: "linear" as const, points };
    }
  }
}

function shareInRange(share: Fixed, path: PathSegment[], problems: ProblemList, code: string) {
  if (share < 0 || share > ONE) problems.add(path, "a share must be between 0 and 1", code);
}

export function compileMethod(
  method: Method,
  max: Fixed,
  path: PathSegment[],
  problems: ProblemList,
  code: string,
  names: FormulaNames,
): CompiledMethod {
  const formula = (source: string, where: PathSegment[]): CompiledFormula | null => {
    try {
      const compiled = compileFormula(source, names);
      if (compiled.type !== "number")
        problems.add(where, `the formula must give a number, not a ${compiled.type}`, code);
      return compiled;
    } catch (error) {
      if (!(error instanceof FormulaError)) throw error;
      problems.add(where, error.message, code);
      return null;
    }
  };
  switch (method.type) {
    case "manual": {
      const step = method.step === undefined ? null : toFixed(method.step);
      if (step !== null && (step <= 0 || max % step !== 0)) {
        problems.add([...path, "step"], "the step must be positive and divide the max", code);
      }
      return { type: "manual", step };
    }
    case "deductions": {
      for (const dup of duplicates(method.rules.map((r) => r.code))) {
        problems.add([...path, "rules"], `deduction rule code ${dup} is used twice`, code);
      }
      return {
        type: "deductions",
        rules: method.rules.map((rule, i) => {
          const points = toFixed(rule.points);
          if (points <= 0)
            problems.add([...path, "rules", i, "points"], "a deduction must be positive", code);
          const cap = rule.cap === undefined ? null : toFixed(rule.cap);
          if (cap !== null && cap < points) {
            problems.add([...path, "rules", i, "cap"], "a rule's cap is below one deduction", code);
          }
          return { code: rule.code, text: rule.text, points, perOccurrence: rule.perOccurrence, cap };
        }),
      };
    }
    case "checklist": {
      for (const dup of duplicates(method.items.map((r) => r.code))) {
        problems.add([...path, "items"], `checklist item code ${dup} is used twice`, code);
      }
      const items = method.items.map((item) => ({
        code: item.code,
        text: item.text,
        points: toFixed(item.points),
      }));
      const total = items.reduce((sum, item) => sum + item.points, 0);
      if (total < max) {
        problems.add(
          [...path, "items"],
          "the checklist items add up to less than the max, so the max is unreachable",
          code,
        );
      }
      return { type: "checklist", items };
    }
    case "levels": {
      for (const dup of duplicates(method.levels.map((r) => r.code))) {
        problems.add([...path, "levels"], `level code ${dup} is used twice`, code);
      }
      const levels = method.levels.map((level, i) => {
        const share = toFixed(level.share);
        shareInRange(share, [...path, "levels", i, "share"], problems, code);
        return { code: level.code, name: level.name, share };
      });
      return { type: "levels", levels };
    }
    case "boolean": {
      const trueShare = toFixed(method.trueShare);
      const falseShare = toFixed(method.falseShare);
      shareInRange(trueShare, [...path, "trueShare"], problems, code);
      shareInRange(falseShare, [...path, "falseShare"], problems, code);
      return { type: "boolean", text: method.text, trueShare, falseShare };
    }
    case "formula": {
      const compiled = formula(method.value, [...path, "value"]);
      const scoring = compileScoring(method.scoring, [...path, "scoring"], problems, code);
      return compiled ? { type: "formula", formula: compiled, scoring } : { type: "manual", step: null }; // never scored: the scheme is rejected
    }
    case "satisfaction": {
      for (const dup of duplicates(method.answers.map((r) => r.code))) {
        problems.add([...path, "answers"], `answer code ${dup} is used twice`, code);
      }
      if (method.measure === "rate" && !method.answers.some((a) => a.satisfied)) {
        problems.add([...path, "answers"], "no answer is marked satisfied, so the rate is always 0", code);
      }
      if (method.measure === "mean" && method.answers.some((a) => a.points === undefined)) {
        problems.add([...path, "answers"], "measure mean needs points on every answer", code);
      }
      return {
        type: "satisfaction",
        answers: method.answers.map((a) => ({
          code: a.code,
          name: a.name,
          satisfied: a.satisfied,
          points: a.points === undefined ? null : dec(a.points),
        })),
        measure: method.measure,
        minResponses: method.minResponses ?? null,
        scoring: compileScoring(method.scoring, [...path, "scoring"], problems, code),
      };
    }
  }
}
