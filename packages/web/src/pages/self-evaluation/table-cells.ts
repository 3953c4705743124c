/** Base-data table cells: the violations at each cell and the typed value of what is entered. */
import type { Column, Violation } from "./types.js";

/** Violations by "row.column" (a column's sum: "*.column"; the whole table or a row: "" / "row."). */
export function violationsByCell(violations: readonly Violation[], table: string): Map<string, string[]> {
  const byCell = new Map<string, string[]>();
  for (const v of violations) {
    if (v.table !== table) continue;
    const key = `${v.row ?? "*"}.${v.column ?? ""}`;
    byCell.set(key, [...(byCell.get(key) ?? []), v.message]);
  }
  return byCell;
}

/** What a typed cell holds: numbers as numbers when the column is numeric and the text reads as one. */
export function cellValue(column: Column, text: string): number | string | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  if (column.type === "text") return trimmed;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : trimmed;
}

/** A problem the form can see before sending: not a number, not whole, outside min/max. */
export function cellProblem(
  column: Column,
  value: number | string | null,
): "number" | "integer" | "min" | "max" | null {
  if (value === null || column.type === "text") return null;
  if (typeof value !== "number") return "number";
  if ((column.type ?? "integer") === "integer" && !Number.isInteger(value)) return "integer";
  if (column.min !== undefined && value < Number(column.min)) return "min";
  if (column.max !== undefined && value > Number(column.max)) return "max";
  return null;
}

/** The server's cell checks the form repeats as the person types (cellProblem), so only the form's are shown. */
const CHECKED_BY_FORM = new Set(["type", "min", "max"]);

/**
 * The server's violations to show at the cells: not the checks the form already makes as it is typed, and not the
 * empty required cells of a row nobody has started (a new table would be all red; those cells carry a 必填 mark
 * and submitting lists them).
 */
export function shownViolations(
  violations: readonly Violation[],
  rows: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
): Violation[] {
  const started = (row: string) => Object.values(rows[row] ?? {}).some((v) => v !== null && v !== "");
  return violations.filter(
    (v) => !CHECKED_BY_FORM.has(v.rule) && !(v.rule === "required" && v.row !== null && !started(v.row)),
  );
}
