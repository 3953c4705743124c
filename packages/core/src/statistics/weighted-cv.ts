/**
 * The weighted coefficient of variation (差异系数) as the Ministry of Education computes it for 县域义务教育均衡发展:
 * each school's value Xi is weighted by its enrolment Pi, P = ΣPi, X̄ = ΣPiXi / P, S = √(Σ (Pi/P)(Xi − X̄)²),
 * CV = S / X̄. Everything is exact decimal arithmetic at 40 significant digits; nothing is rounded here.
 */
import type { Problem } from "../errors.js";
import { Decimal } from "../numbers/decimal.js";
import { StatisticsInputError } from "./errors.js";
import { type Quantity, readNonNegative } from "./quantity.js";

/** One observation: a school's value and its weight (the students it serves). */
export interface WeightedValue {
  /** Names the observation in errors: a school code. */
  id: string;
  value: Quantity;
  weight: Quantity;
}

export interface WeightedCoefficientOfVariation {
  /** CV = S / X̄, unrounded. */
  cv: Decimal;
  /** P = ΣPi. */
  totalWeight: Decimal;
  /** X̄ = ΣPiXi / P. */
  mean: Decimal;
  /** S = √(Σ (Pi/P)(Xi − X̄)²). */
  standardDeviation: Decimal;
  count: number;
}

/**
 * `subject` names what is measured (e.g. "primary.booksPerStudent"): it is the path of each value's problems
 * and of problems that concern the whole set.
 */
export function weightedCoefficientOfVariation(
  items: readonly WeightedValue[],
  subject = "value",
): WeightedCoefficientOfVariation {
  const problems: Problem[] = [];
  const observations: Array<{ value: Decimal; weight: Decimal }> = [];
  for (const item of items) {
    const value = readNonNegative(item.value, item.id, subject, problems);
    const weight = readNonNegative(item.weight, item.id, "weight", problems);
    if (weight?.isZero()) problems.push({ unit: item.id, path: "weight", message: "must be greater than 0" });
    if (value && weight) observations.push({ value, weight });
  }
  if (items.length < 2) {
    problems.push({
      path: subject,
      message: `a coefficient of variation needs at least 2 schools, got ${items.length}`,
    });
  }
  if (problems.length > 0) throw new StatisticsInputError(problems);

  const totalWeight = Decimal.sum(...observations.map((o) => o.weight));
  const mean = Decimal.sum(...observations.map((o) => o.weight.times(o.value))).dividedBy(totalWeight);
  if (mean.isZero()) {
    throw new StatisticsInputError([
      { path: subject, message: "every school's value is 0, so the coefficient of variation is undefined" },
    ]);
  }
  const variance = Decimal.sum(
    ...observations.map((o) => o.weight.dividedBy(totalWeight).times(o.value.minus(mean).pow(2))),
  );
  const standardDeviation = variance.sqrt();
  return {
    cv: standardDeviation.dividedBy(mean),
    totalWeight,
    mean,
    standardDeviation,
    count: observations.length,
  };
}
