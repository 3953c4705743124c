/** 样本量 and how a unit's tokens are shared among the respondent groups. */
import { Decimal } from "../numbers/decimal.js";
import type { RespondentGroup, SampleRule } from "./model.js";

/**
 * n = max(minimum, ⌈perMille‰ × population⌉); without a population the minimum. The default rule (600, 1.5‰)
 * gives 600 up to 400,000 residents and 1.5‰ above: 523,456 residents → ⌈785.184⌉ = 786.
 */
export function sampleSize(
  population: number | null,
  rule: Pick<SampleRule, "minimum" | "perMille">,
): number {
  if (population === null) return rule.minimum;
  const share = new Decimal(rule.perMille).times(population).dividedBy(1000).ceil().toNumber();
  return Math.max(rule.minimum, share);
}

/**
 * Tokens per group for n tokens: each group first gets ⌈minShare × n⌉ (so a quota can be met even if everyone
 * answers), then what is left of n is shared evenly, one more to the earlier groups while the remainder lasts.
 * When rounding the quotas up passes n, the total is a little more than n.
 */
export function allocateTokens(
  n: number,
  groups: ReadonlyArray<Pick<RespondentGroup, "code" | "minShare">>,
): Map<string, number> {
  const counts = new Map(groups.map((g) => [g.code, new Decimal(g.minShare).times(n).ceil().toNumber()]));
  const left = n - [...counts.values()].reduce((sum, c) => sum + c, 0);
  if (left > 0) {
    const each = Math.floor(left / groups.length);
    const extra = left % groups.length;
    for (const [i, g] of groups.entries())
      counts.set(g.code, counts.get(g.code)! + each + (i < extra ? 1 : 0));
  }
  return counts;
}
