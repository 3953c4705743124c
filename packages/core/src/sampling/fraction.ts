/** The share of each stratum to draw, kept as an exact ratio so counts never depend on float rounding. */

export interface DrawFraction {
  numerator: bigint;
  denominator: bigint;
}

/** How a stratum's share becomes a whole number of units: 向上取整 (the default, "不少于"), 四舍五入, 向下取整. */
export type DrawRounding = "ceil" | "halfUp" | "floor";
export const DRAW_ROUNDINGS: readonly DrawRounding[] = ["ceil", "halfUp", "floor"];

const RATIO = /^(\d+)\s*\/\s*(\d+)$/;
const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** Reads "1/3" or "0.25"; undefined unless the text is a ratio or decimal greater than 0 and at most 1. */
export function parseFraction(text: string): DrawFraction | undefined {
  const trimmed = text.trim();
  const ratio = RATIO.exec(trimmed);
  const decimal = DECIMAL.exec(trimmed);
  let fraction: DrawFraction | undefined;
  if (ratio) {
    fraction = { numerator: BigInt(ratio[1]!), denominator: BigInt(ratio[2]!) };
  } else if (decimal) {
    const places = decimal[2] ?? "";
    fraction = { numerator: BigInt(decimal[1]! + places), denominator: 10n ** BigInt(places.length) };
  }
  if (!fraction || fraction.denominator === 0n) return undefined;
  if (fraction.numerator <= 0n || fraction.numerator > fraction.denominator) return undefined;
  return fraction;
}

/**
 * The number of units drawn from a stratum of `size`: fraction × size rounded as asked, raised to
 * `minimum`, and never more than the stratum holds.
 */
export function stratumCount(
  size: number,
  fraction: DrawFraction,
  rounding: DrawRounding,
  minimum: number,
): number {
  const product = fraction.numerator * BigInt(size);
  const d = fraction.denominator;
  const rounded =
    rounding === "ceil"
      ? (product + d - 1n) / d
      : rounding === "floor"
        ? product / d
        : (2n * product + d) / (2n * d);
  return Math.min(size, Math.max(Number(rounded), minimum));
}
