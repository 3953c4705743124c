/**
 * Scores inside the engine are fixed-point decimals: a JavaScript integer counting millionths of a point
 * (Fixed = points × 10⁶). Sums and differences are exact; a product or quotient that does not terminate
 * within six places is rounded half-up (四舍五入) at the sixth place, like SQL NUMERIC(p, 6). Plain integers
 * keep the hot scoring loop free of allocation; a BigInt path takes over whenever an intermediate would leave
 * the range where doubles hold integers exactly, so no result ever depends on float rounding.
 */
import { Decimal } from "./decimal.js";

export type Fixed = number;

export const FIXED_PLACES = 6;
export const ONE: Fixed = 1_000_000;

const POW10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];

export class FixedRangeError extends RangeError {}

/** a × b ÷ c rounded half-up (away from zero on .5), exactly. */
export function mulDiv(a: number, b: number, c: number): number {
  if (c === 0) throw new FixedRangeError("division by zero");
  const p = a * b;
  if (Number.isSafeInteger(p)) {
    const sign = (p < 0 ? -1 : 1) * (c < 0 ? -1 : 1);
    const ap = Math.abs(p);
    const ac = Math.abs(c);
    let q = Math.floor(ap / ac);
    let r = ap - q * ac;
    // Float division of two safe integers can land one off near an integer; the remainder puts it right.
    if (r < 0) {
      q -= 1;
      r += ac;
    } else if (r >= ac) {
      q += 1;
      r -= ac;
    }
    if (2 * r >= ac) q += 1;
    return sign * q;
  }
  const bp = BigInt(a) * BigInt(b);
  const bc = BigInt(c);
  const negative = bp < 0n !== bc < 0n;
  const ap = bp < 0n ? -bp : bp;
  const ac = bc < 0n ? -bc : bc;
  let q = ap / ac;
  if (2n * (ap % ac) >= ac) q += 1n;
  const result = Number(negative ? -q : q);
  if (!Number.isSafeInteger(result)) throw new FixedRangeError("number too large for a score");
  return result;
}

/**
 * n ÷ d rounded half-up, for n ≥ 0 and d > 0 that are safe integers, given 1/d: the same result as
 * mulDiv(n, 1, d), with a multiplication where mulDiv divides. The remainder corrects the estimate.
 */
export function divideHalfUp(n: number, d: number, inverse: number): number {
  let q = Math.floor(n * inverse);
  let r = n - q * d;
  while (r < 0) {
    q -= 1;
    r += d;
  }
  while (r >= d) {
    q += 1;
    r -= d;
  }
  return 2 * r >= d ? q + 1 : q;
}

/** a × b for two Fixed values. */
export function mul(a: Fixed, b: Fixed): Fixed {
  return mulDiv(a, b, ONE);
}

/** Rounds half-up to `places` decimal places (0..6), keeping the Fixed representation. */
export function roundTo(x: Fixed, places: number): Fixed {
  const unit = POW10[FIXED_PLACES - places];
  if (unit === undefined) throw new FixedRangeError(`cannot round to ${places} places`);
  return unit === 1 ? x : mulDiv(x, 1, unit) * unit;
}

/** From a number or numeric string as written in a scheme or an input (at most six places are kept). */
export function toFixed(value: number | string): Fixed {
  if (typeof value === "number") {
    const scaled = value * ONE;
    const rounded = Math.round(scaled);
    // A number written with up to six places lands within a hair of an integer; anything else is exact-rounded.
    if (Number.isSafeInteger(rounded) && Math.abs(scaled - rounded) < 1e-3) return rounded;
    return fromDecimal(new Decimal(value));
  }
  return fromDecimal(new Decimal(value));
}

export function fromDecimal(d: Decimal): Fixed {
  const n = d.times(ONE).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
  if (!Number.isSafeInteger(n)) throw new FixedRangeError(`${d.toString()} is too large for a score`);
  return n;
}

export function toDecimal(x: Fixed): Decimal {
  return new Decimal(x).dividedBy(ONE);
}

/** Formats with exactly `places` decimals, rounding half-up: format(85_005_000, 2) === "85.01". */
export function format(x: Fixed, places: number): string {
  const rounded = roundTo(x, places);
  const negative = rounded < 0;
  const abs = Math.abs(rounded);
  const whole = Math.floor(abs / ONE);
  const fraction = String(abs - whole * ONE)
    .padStart(FIXED_PLACES, "0")
    .slice(0, places);
  return `${negative ? "-" : ""}${whole}${places > 0 ? `.${fraction}` : ""}`;
}

/** Formats without trailing zeros, for texts such as "扣除2项×1.5分". */
export function formatShort(x: Fixed): string {
  return format(x, FIXED_PLACES).replace(/\.?0+$/, "");
}
