/**
 * 处结率, 按期办结率 and 回访率 from a unit's case counts over a period:
 * 处结率 = closed ÷ received, 按期办结率 = closed on time ÷ received, 回访率 = revisited ÷ closed.
 * Rates are exact decimals (40 significant digits); a rate whose denominator is 0 does not exist (null), it is
 * neither 0 nor 100%. Printed as a percentage, a rate is rounded half-up to 2 decimal places.
 */
import { Decimal } from "../numbers/decimal.js";

export interface CaseCounts {
  received: number;
  closed: number;
  closedOnTime: number;
  revisited: number;
}

export interface CaseRates {
  /** 处结率 */
  closeRate: string | null;
  /** 按期办结率 */
  onTimeRate: string | null;
  /** 回访率 */
  revisitRate: string | null;
}

export const CASE_MEASURES = [
  "received",
  "closed",
  "closed_on_time",
  "revisited",
  "close_rate",
  "on_time_rate",
  "revisit_rate",
] as const;
export type CaseMeasure = (typeof CASE_MEASURES)[number];

/** Measures that are counts (whole numbers); the rest are rates. */
export const isCountMeasure = (measure: CaseMeasure): boolean => !measure.endsWith("_rate");

const ratio = (part: number, whole: number): string | null =>
  whole === 0 ? null : new Decimal(part).dividedBy(whole).toFixed();

export function caseRates(counts: CaseCounts): CaseRates {
  return {
    closeRate: ratio(counts.closed, counts.received),
    onTimeRate: ratio(counts.closedOnTime, counts.received),
    revisitRate: ratio(counts.revisited, counts.closed),
  };
}

/** A measure's value: a count, or a rate as an exact decimal string (null when it does not exist). */
export function measureValue(counts: CaseCounts, measure: CaseMeasure): number | string | null {
  const rates = caseRates(counts);
  switch (measure) {
    case "received":
      return counts.received;
    case "closed":
      return counts.closed;
    case "closed_on_time":
      return counts.closedOnTime;
    case "revisited":
      return counts.revisited;
    case "close_rate":
      return rates.closeRate;
    case "on_time_rate":
      return rates.onTimeRate;
    case "revisit_rate":
      return rates.revisitRate;
  }
}

/** A rate as a percentage, half-up to 2 places ("0.99875" → "99.88"); null stays null. */
export function ratePercent(rate: string | null): string | null {
  return rate === null
    ? null
    : new Decimal(rate).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}
