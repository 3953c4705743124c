/** Turns a computed value (a rate, a mean, a figure) into points by the scheme's rule. */
import { Decimal } from "../numbers/decimal.js";
import { type Fixed, fromDecimal, toDecimal } from "../numbers/fixed.js";
import type { ScoringRule } from "../scheme/plan.js";

export interface ValueScore {
  score: Fixed;
  /** The band or condition that decided, for explanations. */
  decidedBy: string;
}

const clamp = (score: Decimal, max: Decimal) => Decimal.max(0, Decimal.min(score, max));

const holds = {
  ">=": (a: Decimal, b: Decimal) => a.greaterThanOrEqualTo(b),
  ">": (a: Decimal, b: Decimal) => a.greaterThan(b),
  "<=": (a: Decimal, b: Decimal) => a.lessThanOrEqualTo(b),
  "<": (a: Decimal, b: Decimal) => a.lessThan(b),
};

type Band = Extract<ScoringRule, { type: "bands" }>["bands"][number];

export function describeBand(band: Band): string {
  const parts = [
    band.atLeast && `≥ ${band.atLeast}`,
    band.above && `> ${band.above}`,
    band.atMost && `≤ ${band.atMost}`,
    band.below && `< ${band.below}`,
  ].filter(Boolean);
  return band.label ?? (parts.length > 0 ? parts.join(" 且 ") : "其他");
}

export function scoreValue(rule: ScoringRule, value: Decimal, maxFixed: Fixed): ValueScore {
  const max = toDecimal(maxFixed);
  const result = (score: Decimal, decidedBy: string) => ({
    score: fromDecimal(clamp(score, max)),
    decidedBy,
  });
  switch (rule.type) {
    case "direct":
      return result(value, "direct");
    case "share":
      return result(value.times(max), "share");
    case "threshold": {
      const pass = holds[rule.op](value, rule.value);
      return result(
        (pass ? rule.pass : rule.fail).times(max),
        `${rule.op} ${rule.value}: ${pass ? "pass" : "fail"}`,
      );
    }
    case "bands": {
      const band = rule.bands.find(
        (b) =>
          (!b.atLeast || value.greaterThanOrEqualTo(b.atLeast)) &&
          (!b.above || value.greaterThan(b.above)) &&
          (!b.atMost || value.lessThanOrEqualTo(b.atMost)) &&
          (!b.below || value.lessThan(b.below)),
      );
      if (!band) return result(new Decimal(0), "no band");
      return result(band.score ?? (band.share ?? new Decimal(0)).times(max), describeBand(band));
    }
    case "linear": {
      const points = rule.points;
      const first = points[0]!;
      const last = points[points.length - 1]!;
      if (value.lessThanOrEqualTo(first[0])) return result(first[1].times(max), `≤ ${first[0]}`);
      if (value.greaterThanOrEqualTo(last[0])) return result(last[1].times(max), `≥ ${last[0]}`);
      const upper = points.findIndex(([x]) => value.lessThan(x));
      const [x0, s0] = points[upper - 1]!;
      const [x1, s1] = points[upper]!;
      const share = s0.plus(s1.minus(s0).times(value.minus(x0)).dividedBy(x1.minus(x0)));
      return result(share.times(max), `${x0} – ${x1}`);
    }
  }
}
