/** Turns a computed value (a rate, a mean, a figure) into points by the scheme's rule. */
import { Decimal } from "../numbers/decimal.js";
import { type Fixed, fromDecimal, toDecimal } from "../numbers/fixed.js";
import type { ScoringRule } from "../scheme/plan.js";

/** What decided the points, for explanations (rendered per language by explain/). */
export type ValueDecision =
  | { kind: "direct" }
  | { kind: "share" }
  | { kind: "threshold"; op: string; value: string; pass: boolean }
  | { kind: "band"; bounds: string[]; label: string | undefined }
  | { kind: "noBand" }
  | { kind: "linear"; from: string; to: string }
  | { kind: "clamped"; end: "low" | "high"; at: string };

export interface ValueScore {
  score: Fixed;
  decidedBy: ValueDecision;
}

const clamp = (score: Decimal, max: Decimal) => Decimal.max(0, Decimal.min(score, max));

const holds = {
  ">=": (a: Decimal, b: Decimal) => a.greaterThanOrEqualTo(b),
  ">": (a: Decimal, b: Decimal) => a.greaterThan(b),
  "<=": (a: Decimal, b: Decimal) => a.lessThanOrEqualTo(b),
  "<": (a: Decimal, b: Decimal) => a.lessThan(b),
};

type Band = Extract<ScoringRule, { type: "bands" }>["bands"][number];

function bandBounds(band: Band): string[] {
  return [
    band.atLeast && `≥ ${band.atLeast}`,
    band.above && `> ${band.above}`,
    band.atMost && `≤ ${band.atMost}`,
    band.below && `< ${band.below}`,
  ].filter((part): part is string => Boolean(part));
}

export function scoreValue(rule: ScoringRule, value: Decimal, maxFixed: Fixed): ValueScore {
  const max = toDecimal(maxFixed);
  const result = (score: Decimal, decidedBy: ValueDecision) => ({
    score: fromDecimal(clamp(score, max)),
    decidedBy,
  });
  switch (rule.type) {
    case "direct":
      return result(value, { kind: "direct" });
    case "share":
      return result(value.times(max), { kind: "share" });
    case "threshold": {
      const pass = holds[rule.op](value, rule.value);
      return result((pass ? rule.pass : rule.fail).times(max), {
        kind: "threshold",
        op: rule.op,
        value: rule.value.toString(),
        pass,
      });
    }
    case "bands": {
      const band = rule.bands.find(
        (b) =>
          (!b.atLeast || value.greaterThanOrEqualTo(b.atLeast)) &&
          (!b.above || value.greaterThan(b.above)) &&
          (!b.atMost || value.lessThanOrEqualTo(b.atMost)) &&
          (!b.below || value.lessThan(b.below)),
      );
      if (!band) return result(new Decimal(0), { kind: "noBand" });
      return result(band.score ?? (band.share ?? new Decimal(0)).times(max), {
        kind: "band",
        bounds: bandBounds(band),
        label: band.label,
      });
    }
    case "linear": {
      const points = rule.points;
      const first = points[0]!;
      const last = points[points.length - 1]!;
      if (value.lessThanOrEqualTo(first[0])) {
        return result(first[1].times(max), { kind: "clamped", end: "low", at: first[0].toString() });
      }
      if (value.greaterThanOrEqualTo(last[0])) {
        return result(last[1].times(max), { kind: "clamped", end: "high", at: last[0].toString() });
      }
      const upper = points.findIndex(([x]) => value.lessThan(x));
      const [x0, s0] = points[upper - 1]!;
      const [x1, s1] = points[upper]!;
      const share = s0.plus(s1.minus(s0).times(value.minus(x0)).dividedBy(x1.minus(x0)));
      return result(share.times(max), { kind: "linear", from: x0.toString(), to: x1.toString() });
    }
  }
}
