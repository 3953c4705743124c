/**
 * A unit's explanation as plain JSON for the API and the web app: every score, share and weight becomes an exact
 * decimal string ("88.42", "0.4"), while counts, ranks and positions stay numbers.
 */
import { type Fixed, formatShort } from "../numbers/fixed.js";
import type { UnitExplanation } from "./explain-unit.js";

/** The keys that hold fixed-point values anywhere in an explanation (its traces, rater groups and reasons). */
const FIXED_KEYS = new Set([
  "max",
  "applicableMax",
  "points",
  "rate",
  "base",
  "score",
  "weight",
  "amount",
  "deducted",
  "share",
  "total",
  "combined",
  "dropped",
  "given",
  "counted",
  "bonusTotal",
  "bonusCap",
  "min",
  "pointsMin",
]);

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function convert(value: unknown, fixed: boolean): Json {
  if (typeof value === "number") return fixed ? formatShort(value as Fixed) : value;
  if (Array.isArray(value)) return value.map((item) => convert(item, fixed));
  if (value !== null && typeof value === "object") {
    const out: { [key: string]: Json } = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      // A rater group's aggregate `value` is a score; a formula's `value` is already a string.
      out[key] = convert(item, FIXED_KEYS.has(key) || (key === "value" && typeof item === "number"));
    }
    return out;
  }
  return value as Json;
}

export function explanationView(explanation: UnitExplanation): { [key: string]: Json } {
  return convert(explanation, false) as { [key: string]: Json };
}
