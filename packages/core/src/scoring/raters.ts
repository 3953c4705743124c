/**
 * Rater groups (评分组): aggregation inside a group and weighting across groups. A group's aggregate is kept as
 * an exact fraction (a mean is sum / count) and the groups are combined with one rounding at the end, so
 * Σ 40% × mean₁ + 30% × mean₂ + 30% × mean₃ carries no intermediate rounding error.
 */
import { divideHalfUp, type Fixed, mulDiv } from "../numbers/fixed.js";
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
 *
 * A combiner remembers the common denominator of the last pattern of group sizes it saw: in bulk scoring every
 * leaf of every unit usually has the same raters, so the factors are worked out once.
 */
export class GroupCombiner {
  private readonly factors: Float64Array;
  private readonly pattern: Float64Array;
  private divisor = 0;
  private inverse = 0;
  private common = 0;
  private weights = 0;

  constructor(private readonly raters: CompiledRaters) {
    this.factors = new Float64Array(raters.groups.length);
    this.pattern = new Float64Array(raters.groups.length).fill(-1);
  }

  combine(fractions: GroupFractions): Fixed {
    return this.combineAt(fractions.numerators, fractions.denominators, 0, 1);
  }

  /**
   * Combines a whole row of leaves at once: numerators and denominators are laid out group by group,
   * [g × stride + l], the numerators of leaf l in units of scale[l] (a leaf's step, for sums counted in steps).
   * Writes each leaf's score to out[l], leaving out[l] alone where skip[l] is set; `uniform` says every leaf
   * has the same denominators (no rater missed a score in this row). Stops at the first leaf that cannot be combined
   * (a group missing under the fail policy) by throwing MissingGroupError.
   */
  combineColumns(
    numerators: Float64Array,
    denominators: Float64Array,
    stride: number,
    skip: Uint8Array,
    out: Float64Array,
    scale: Float64Array,
    uniform: boolean,
  ): void {
    let check = true;
    for (let l = 0; l < stride; l++) {
      if (skip[l] === 1) continue;
      out[l] = this.combineAt(numerators, denominators, l, stride, scale[l]!, check);
      // With uniform denominators (every leaf rated by the same raters) one look at the pattern serves the row.
      check = !uniform;
    }
  }

  private combineAt(
    numerators: Float64Array,
    denominators: Float64Array,
    offset: number,
    stride: number,
    scale = 1,
    check = true,
  ): Fixed {
    const n = this.raters.groups.length;
    for (let g = 0; check && g < n; g++) {
      if (denominators[g * stride + offset] !== this.pattern[g]) {
        this.learn(denominators, offset, stride);
        break;
      }
    }
    const factors = this.factors;
    let numerator = 0;
    for (let g = 0; g < n; g++) numerator += factors[g]! * numerators[g * stride + offset]!;
    numerator *= scale;
    if (numerator >= 0 && numerator <= Number.MAX_SAFE_INTEGER)
      return divideHalfUp(numerator, this.divisor, this.inverse);
    if (Number.isSafeInteger(numerator)) return mulDiv(numerator, 1, this.divisor);
    return this.exact(numerators, denominators, offset, stride, scale);
  }

  /** The same sum in BigInt, for the rare inputs whose intermediate products leave the exact range of doubles. */
  private exact(
    numerators: Float64Array,
    denominators: Float64Array,
    offset: number,
    stride: number,
    scale: number,
  ): Fixed {
    const groups = this.raters.groups;
    let numerator = 0n;
    for (let g = 0; g < groups.length; g++) {
      const d = denominators[g * stride + offset]!;
      if (d !== 0)
        numerator +=
          BigInt(groups[g]!.weight) * BigInt(numerators[g * stride + offset]!) * BigInt(this.common / d);
    }
    numerator *= BigInt(scale);
    const divisor = BigInt(this.common) * BigInt(this.weights);
    let q = numerator / divisor;
    if (2n * (numerator % divisor) >= divisor) q += 1n;
    return Number(q);
  }

  private learn(denominators: Float64Array, offset: number, stride: number): void {
    const groups = this.raters.groups;
    let common = 1;
    let weights = 0;
    const missing: string[] = [];
    for (let g = 0; g < groups.length; g++) {
      const d = denominators[g * stride + offset]!;
      if (d === 0) {
        missing.push(groups[g]!.name);
        continue;
      }
      common = (common / gcd(common, d)) * d;
      weights += groups[g]!.weight;
    }
    if (missing.length === groups.length) throw new MissingGroupError("no rater group has scored");
    if (missing.length > 0 && this.raters.missingGroup === "fail") {
      throw new MissingGroupError(`rater group ${missing.join(", ")} has not scored`);
    }
    for (let g = 0; g < groups.length; g++) {
      const d = denominators[g * stride + offset]!;
      this.factors[g] = d === 0 ? 0 : groups[g]!.weight * (common / d);
      this.pattern[g] = d;
    }
    this.common = common;
    this.weights = weights;
    this.divisor = common * weights;
    this.inverse = 1 / this.divisor;
    if (!Number.isSafeInteger(this.divisor))
      throw new MissingGroupError("too many raters to combine exactly");
  }
}
