/**
 * What a draw will take from each stratum, worked out as the server's sampling does (packages/core sampling):
 * fraction × size rounded as asked (ceil by default: "at least a third"), raised to the minimum per stratum and
 * never more than the stratum holds. Shown before drawing, so the organiser sees why 5 初中 give 2 and 7 小学 give 3.
 */
export type DrawRounding = "ceil" | "halfUp" | "floor";

/** "1/3" or "0.25" as a numerator and denominator (greater than 0, at most 1), else undefined. */
export function parseFraction(text: string): { numerator: number; denominator: number } | undefined {
  const trimmed = text.trim();
  const ratio = /^(\d+)\s*\/\s*(\d+)$/.exec(trimmed);
  const decimal = /^(\d+)(?:\.(\d+))?$/.exec(trimmed);
  let fraction: { numerator: number; denominator: number } | undefined;
  if (ratio) fraction = { numerator: Number(ratio[1]), denominator: Number(ratio[2]) };
  else if (decimal) {
    const places = decimal[2] ?? "";
    fraction = { numerator: Number(decimal[1] + places), denominator: 10 ** places.length };
  }
  if (fraction === undefined || fraction.denominator === 0) return undefined;
  if (fraction.numerator <= 0 || fraction.numerator > fraction.denominator) return undefined;
  return fraction;
}

/** How many of a stratum of `size` are drawn. Integer arithmetic, so 1/3 of 6 is exactly 2. */
export function drawCount(
  size: number,
  fraction: { numerator: number; denominator: number },
  rounding: DrawRounding,
  minimum: number,
): number {
  const product = size * fraction.numerator;
  const { denominator } = fraction;
  const whole = Math.floor(product / denominator);
  const rest = product - whole * denominator;
  let count = whole;
  if (rounding === "ceil" && rest > 0) count += 1;
  if (rounding === "halfUp" && rest * 2 >= denominator) count += 1;
  return Math.min(size, Math.max(count, minimum));
}

/** The population per stratum value (category, group or kind), in the server's order (texts by code unit). */
export function strataSizes(values: ReadonlyArray<string | null>): Array<{ value: string; size: number }> {
  const sizes = new Map<string, number>();
  for (const value of values) sizes.set(value ?? "", (sizes.get(value ?? "") ?? 0) + 1);
  return [...sizes.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([value, size]) => ({ value, size }));
}
