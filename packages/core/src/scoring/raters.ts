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
/**
 * Σ factor_g × numerator_g × scale ÷ divisor, rounded half-up: one leaf's combined score. NaN when the sum leaves
 * the range where doubles hold integers exactly (the caller then works in BigInt). A plain function, so that the
 * bulk loop can have it inlined.
 */
function weightedQuotient(
  factors: Float64Array,
  numerators: Float64Array,
  offset: number,
  stride: number,
  scale: number,
  divisor: number,
  inverse: number,
): number {
  let numerator = 0;
  for (let g = 0; g < factors.length; g++) numerator += factors[g]! * numerators[g * stride + offset]!;
  numerator *= scale;
  if (numerator >= 0 && numerator <= Number.MAX_SAFE_INTEGER)
    return divideHalfUp(numerator, divisor, inverse);
  return Number.isSafeInteger(numerator) ? mulDiv(numerator, 1, divisor) : Number.NaN;
}

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
    this.checkPattern(fractions.denominators, 0, 1);
    return this.combineAt(fractions.numerators, fractions.denominators, 0, 1, 1);
  }

  /**
   * Combines a whole row of leaves at once: numerators and denominators are laid out group by group,
   * [g × stride + l], the numerators of leaf l in units of scale[l] (a leaf's step, for sums counted in steps).
   * Writes each leaf's score to out[l], leaving out[l] alone where skip[l] is set; `uniform` says every leaf
   * has the same denominators (no rater missed a score in this row), so the pattern is looked at once. Stops at
   * the first leaf that cannot be combined (a group missing under the fail policy) by throwing MissingGroupError.
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
    let checked = false;
    for (let l = 0; l < stride; l++) {
      if (skip[l] === 1) continue;
      if (!checked || !uniform) this.checkPattern(denominators, l, stride);
      checked = true;
      out[l] = this.combineAt(numerators, denominators, l, stride, scale[l]!);
    }
  }

  /**
   * For rows in which group g has counts[g] raters: per group g and leaf l (at [g × leaves + l]) the whole number
   * of micro-points that one quantum given by one rater of g adds to leaf l, when every such share divides
   * exactly (as with 40/30/30 weights, one rater per group and steps of 0.1); null otherwise. With them a leaf's
   * combined score is a plain sum of quanta × multipliers, the very value combine() gives, without a division.
   */
  exactMultipliers(counts: readonly number[], quanta: Float64Array): Float64Array | null {
    if (counts.some((count) => count === 0)) return null;
    this.learn(Float64Array.from(counts), 0, 1);
    const leaves = quanta.length;
    const out = new Float64Array(counts.length * leaves);
    for (let g = 0; g < counts.length; g++) {
      for (let l = 0; l < leaves; l++) {
        const share = this.factors[g]! * quanta[l]!;
        if (!Number.isSafeInteger(share) || share % this.divisor !== 0) return null;
        out[g * leaves + l] = share / this.divisor;
      }
    }
    return out;
  }

  private checkPattern(denominators: Float64Array, offset: number, stride: number): void {
    const pattern = this.pattern;
    for (let g = 0; g < pattern.length; g++) {
      if (denominators[g * stride + offset] !== pattern[g]) {
        this.learn(denominators, offset, stride);
        return;
      }
    }
  }

  private combineAt(
    numerators: Float64Array,
    denominators: Float64Array,
    offset: number,
    stride: number,
    scale: number,
  ): Fixed {
    const value = weightedQuotient(
      this.factors,
      numerators,
      offset,
      stride,
      scale,
      this.divisor,
      this.inverse,
    );
    return Number.isNaN(value) ? this.exact(numerators, denominators, offset, stride, scale) : value;
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
