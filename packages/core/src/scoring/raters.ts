/**
 * Rater groups (评分组): aggregation inside a group and weighting across groups. A group's aggregate is kept as
 * an exact fraction (a mean is sum / count) and the groups are combined with one rounding at the end, so
 * Σ 40% × mean₁ + 30% × mean₂ + 30% × mean₃ carries no intermediate rounding error.
 */
import { type Fixed, mulDiv } from "../numbers/fixed.js";
import type { AggregationRule, CompiledRaters } from "../scheme/plan.js";

export class MissingGroupError extends Error {}

/** Group aggregates as fractions: numerators[g] / denominators[g]; a denominator of 0 marks a group that did not rate. */
export interface GroupFractions {
  numerators: Float64Array;
  denominators: Float64Array;
}

export function newGroupFractions(groups: number): GroupFractions {
  return { numerators: new Float64Array(groups), denominators: new Float64Array(groups) };
}

/**
 * Aggregates `values[0..count)` by the rule into slot `g` of `out`. The values may be reordered (sorted) in
 * place; the result never depends on their order.
 */
export function aggregateGroup(
  values: Float64Array | number[],
  count: number,
  rule: AggregationRule,
  out: GroupFractions,
  g: number,
): void {
  if (count === 0) {
    out.numerators[g] = 0;
    out.denominators[g] = 0;
    return;
  }
  if (rule.method === "mean" || (rule.method === "trimmedMean" && count < rule.minRaters)) {
    let sum = 0;
    for (let i = 0; i < count; i++) sum += values[i]!;
    out.numerators[g] = sum;
    out.denominators[g] = count;
    return;
  }
  const sorted = Array.prototype.slice
    .call(values, 0, count)
    .sort((a: number, b: number) => a - b) as number[];
  if (rule.method === "median") {
    const mid = count >> 1;
    out.numerators[g] = count % 2 === 1 ? sorted[mid]! : sorted[mid - 1]! + sorted[mid]!;
    out.denominators[g] = count % 2 === 1 ? 1 : 2;
    return;
  }
  let sum = 0;
  for (let i = 1; i < count - 1; i++) sum += sorted[i]!;
  out.numerators[g] = sum;
  out.denominators[g] = count - 2;
}

/** The scores a trimmed mean leaves out (去掉一个最高分和一个最低分), for explanations. */
export function droppedScores(values: readonly Fixed[], rule: AggregationRule): Fixed[] {
  if (rule.method !== "trimmedMean" || values.length < rule.minRaters) return [];
  return [Math.min(...values), Math.max(...values)];
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * Σ weight_g × aggregate_g ÷ Σ weight_g over the groups that rated, rounded once, half-up. A group that did not
 * rate either fails the unit or has its weight shared out over the others, as the scheme says.
 */
export function combineGroups(raters: CompiledRaters, fractions: GroupFractions): Fixed {
  const { numerators, denominators } = fractions;
  const groups = raters.groups;
  let common = 1;
  let weights = 0;
  let missing = 0;
  for (let g = 0; g < groups.length; g++) {
    const d = denominators[g]!;
    if (d === 0) {
      missing++;
      continue;
    }
    common = (common / gcd(common, d)) * d;
    weights += groups[g]!.weight;
  }
  if (missing > 0) {
    const names = groups.filter((_, g) => denominators[g] === 0).map((group) => group.name);
    if (missing === groups.length) throw new MissingGroupError("no rater group has scored");
    if (raters.missingGroup === "fail")
      throw new MissingGroupError(`rater group ${names.join(", ")} has not scored`);
  }
  let numerator = 0;
  for (let g = 0; g < groups.length; g++) {
    const d = denominators[g]!;
    if (d !== 0) numerator += groups[g]!.weight * numerators[g]! * (common / d);
  }
  if (Number.isSafeInteger(numerator) && Number.isSafeInteger(common * weights))
    return mulDiv(numerator, 1, common * weights);
  return exactCombine(groups, fractions, common, weights);
}

/** The same sum in BigInt, for the rare inputs whose intermediate products leave the exact range of doubles. */
function exactCombine(
  groups: CompiledRaters["groups"],
  { numerators, denominators }: GroupFractions,
  common: number,
  weights: number,
): Fixed {
  let numerator = 0n;
  for (let g = 0; g < groups.length; g++) {
    const d = denominators[g]!;
    if (d !== 0) numerator += BigInt(groups[g]!.weight) * BigInt(numerators[g]!) * BigInt(common / d);
  }
  const divisor = BigInt(common) * BigInt(weights);
  let q = numerator / divisor;
  if (2n * (numerator % divisor) >= divisor) q += 1n;
  return Number(q);
}
