import type { Problem } from "../errors.js";
import { Decimal } from "../numbers/decimal.js";

/** A figure as typed or imported: a number, a decimal string ("1234.5") or a Decimal. */
export type Quantity = number | string | Decimal;

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

/**
 * Reads a figure that must be a finite, non-negative decimal. Returns undefined and records a problem naming
 * `unit` and `path` otherwise.
 */
export function readNonNegative(
  value: Quantity | undefined,
  unit: string | undefined,
  path: string,
  problems: Problem[],
): Decimal | undefined {
  const parsed = readDecimal(value);
  if (parsed === undefined) {
    problems.push({
      unit,
      path,
      message: value === undefined ? "is required" : `must be a decimal number, got ${JSON.stringify(value)}`,
    });
    return undefined;
  }
  if (parsed.isNegative() && !parsed.isZero()) {
    problems.push({ unit, path, message: `must not be negative, got ${parsed}` });
    return undefined;
  }
  return parsed;
}

function readDecimal(value: Quantity | undefined): Decimal | undefined {
  if (Decimal.isDecimal(value)) return value.isFinite() ? new Decimal(value) : undefined;
  if (typeof value === "number") return Number.isFinite(value) ? new Decimal(value) : undefined;
  if (typeof value === "string" && DECIMAL_TEXT.test(value.trim())) return new Decimal(value.trim());
  return undefined;
}
