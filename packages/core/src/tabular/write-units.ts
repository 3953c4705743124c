/**
 * Unit inputs written as rows of the input table: to pre-fill a template, or to export inputs for offline
 * editing. Reading the rows back with readUnitTable gives the same inputs; leaf notes (备注) have no column and
 * are not written.
 */
import type { FieldValue, LeafInput, UnitInputData } from "../scheme/input.js";
import type { CellValue } from "./cell.js";
import type { Column, ColumnConstraint, TableLayout } from "./columns.js";

export interface UnitRows {
  /** Rows of the units sheet, in the layout's column order, one per unit. */
  units: CellValue[][];
  /** Rows of the ratings sheet, one per rating. */
  ratings: CellValue[][];
}

/** An input the table has no place for, such as a rater's full score sheet when raters give totals. */
export class TableWriteError extends Error {}

type LeafObject = Exclude<LeafInput, number | string | boolean>;

function label(constraint: ColumnConstraint, value: string | boolean): CellValue {
  if (constraint.type !== "choice") return value;
  return constraint.options.find((o) => o.value === value)?.label ?? String(value);
}

function numeric(value: unknown): CellValue {
  return typeof value === "number" ? value : typeof value === "string" ? Number(value) : null;
}

/** The cell of one leaf column for a leaf input (undefined input: blank). */
function leafCell(column: Column, input: LeafInput | undefined): CellValue {
  if (input === undefined) return null;
  const object: LeafObject = typeof input === "object" ? input : {};
  const target = column.target;
  if (target.type === "notApplicable") return object.na ? label(column.constraint, true) : null;
  if (object.na) return null;
  switch (target.type) {
    case "score":
      return numeric(typeof input === "object" ? object.score : input);
    case "level":
      return label(column.constraint, typeof input === "string" ? input : (object.level ?? ""));
    case "yesNo":
      return label(column.constraint, typeof input === "boolean" ? input : object.value === true);
    case "deduction":
      return object.deductions?.[target.rule] ?? 0;
    case "checklistItem":
      return label(column.constraint, object.checked?.includes(target.item) ?? false);
    case "answer":
      return object.answers?.[target.answer] ?? 0;
    default:
      return null;
  }
}

function fieldCell(column: Column, value: FieldValue | undefined): CellValue {
  if (value === undefined || value === null) return null;
  if (column.constraint.type === "choice" && typeof value !== "number")
    return label(column.constraint, value);
  return value;
}

export function unitRows(layout: TableLayout, units: readonly UnitInputData[]): UnitRows {
  const ratings: CellValue[][] = [];
  const rows = units.map((unit) => {
    for (const rating of unit.ratings ?? []) {
      if (!layout.ratings)
        throw new TableWriteError(`unit ${unit.unit} has ratings, but the scheme has no raters`);
      if (layout.scheme.raters?.scope === "total" && rating.total === undefined) {
        throw new TableWriteError(
          `unit ${unit.unit}: rater ${rating.rater} gave a score sheet; the ratings sheet holds totals only`,
        );
      }
      ratings.push(
        layout.ratings.columns.map((column) => {
          const target = column.target;
          if (target.type === "unit") return unit.unit;
          if (target.type === "rater") return rating.rater;
          if (target.type === "raterGroup") return label(column.constraint, rating.group);
          if (target.type === "raterTotal") return numeric(rating.total);
          return "leaf" in target ? leafCell(column, rating.scores?.[target.leaf]) : null;
        }),
      );
    }
    return layout.units.columns.map((column): CellValue => {
      const target = column.target;
      switch (target.type) {
        case "unit":
          return unit.unit;
        case "name":
          return unit.name ?? null;
        case "category":
          return unit.category === undefined ? null : label(column.constraint, unit.category);
        case "field":
          return fieldCell(column, unit.data?.[target.field]);
        case "bonus":
          return numeric(unit.bonus?.[target.item]);
        case "history": {
          const grade = unit.history?.find((h) => Number(h.year) === target.year)?.grade;
          return grade === undefined ? null : label(column.constraint, grade);
        }
        default:
          return "leaf" in target ? leafCell(column, unit.scores?.[target.leaf]) : null;
      }
    });
  });
  return { units: rows, ratings };
}
