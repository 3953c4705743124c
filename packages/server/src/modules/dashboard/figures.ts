/**
 * The arithmetic behind the dashboards, exact: totals are decimal strings, summed and divided as decimals, and
 * rounded half-up (四舍五入) to the scheme's places only when shown.
 */
import { Decimal } from "@kaoping/core";

export interface Summary {
  mean: string;
  median: string;
  min: string;
  max: string;
}

export interface Bin {
  from: string;
  to: string;
  count: number;
}

export const show = (value: Decimal, places: number): string =>
  value.toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed(places);

export function mean(values: readonly Decimal[]): Decimal | null {
  if (values.length === 0) return null;
  return values.reduce((sum, v) => sum.plus(v), new Decimal(0)).dividedBy(values.length);
}

/** Mean, median (the mean of the two middle values for an even count), least and greatest; null for none. */
export function summarise(values: readonly Decimal[], places: number): Summary | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a.comparedTo(b));
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1 ? sorted[middle]! : sorted[middle - 1]!.plus(sorted[middle]!).dividedBy(2);
  return {
    mean: show(mean(sorted)!, places),
    median: show(median, places),
    min: show(sorted[0]!, places),
    max: show(sorted[sorted.length - 1]!, places),
  };
}

/**
 * A readable bin width for `bins` bins over 0…max: max ÷ bins when it has one significant digit (100 points in 10
 * bins → 10; 1000 → 100; 30 → 3), else the smallest of 1, 2, 2.5, 5 × 10ᵏ above it (95 → 10; 22 → 2.5).
 */
export function binWidth(max: Decimal, bins: number): Decimal {
  if (max.lte(0)) return new Decimal(1);
  const raw = max.dividedBy(bins);
  if (raw.toSignificantDigits(1).eq(raw)) return raw;
  const power = new Decimal(10).pow(Math.floor(Math.log10(raw.toNumber())));
  for (const step of [1, 2, 2.5, 5, 10]) {
    const width = power.times(step);
    if (width.gte(raw)) return width;
  }
  return power.times(10);
}

/**
 * A histogram of the totals over 0…max: bins [from, to), the last one closed and also holding anything above the
 * maximum (bonus points); a negative total counts in the first.
 */
export function histogram(
  values: readonly Decimal[],
  max: Decimal,
  bins: number,
): { width: string; bins: Bin[] } {
  const width = binWidth(max, bins);
  const count = Math.max(1, max.dividedBy(width).ceil().toNumber());
  const counts = new Array<number>(count).fill(0);
  for (const v of values) {
    const index = Math.min(count - 1, Math.max(0, v.dividedBy(width).floor().toNumber()));
    counts[index]! += 1;
  }
  return {
    width: width.toString(),
    bins: counts.map((n, i) => ({
      from: width.times(i).toString(),
      to: width.times(i + 1).toString(),
      count: n,
    })),
  };
}
