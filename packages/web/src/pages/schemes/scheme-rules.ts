/** Small pure helpers that turn a scheme's rules into the figures and conditions the detail screen shows. */
import type { Band } from "./scheme-types.js";

type Decimal = number | string;

/** A decimal as text without trailing zeros (at most 6 places, the engine's precision). */
export function plain(value: Decimal): string {
  const n = Number(value);
  return Number.isFinite(n) ? String(Number(n.toFixed(6))) : String(value);
}

/** The points a share of a maximum gives: 0.8 of 14 → "11.2". */
export const pointsOf = (share: Decimal, max: Decimal): string => plain(Number(share) * Number(max));

/** A share as a percentage: 0.75 → "75%". */
export const percent = (share: Decimal): string => `${plain(Number(share) * 100)}%`;

/** A band's bounds as a condition on the value, e.g. "≥ 0.9, < 0.95"; null for a catch-all band. */
export function bandCondition(band: Band): string | null {
  const parts: string[] = [];
  if (band.atLeast !== undefined) parts.push(`≥ ${plain(band.atLeast)}`);
  if (band.above !== undefined) parts.push(`> ${plain(band.above)}`);
  if (band.atMost !== undefined) parts.push(`≤ ${plain(band.atMost)}`);
  if (band.below !== undefined) parts.push(`< ${plain(band.below)}`);
  return parts.length === 0 ? null : parts.join(", ");
}

const OPERATORS: Record<string, string> = { ">=": "≥", ">": ">", "<=": "≤", "<": "<" };

/** A threshold operator as the screen writes it. */
export const operator = (op: string): string => OPERATORS[op] ?? op;
