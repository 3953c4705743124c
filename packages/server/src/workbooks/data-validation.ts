/**
 * Excel data validation from the core's column constraints (ColumnConstraint): numbers within bounds, whole
 * numbers, and drop-down lists held on a hidden sheet (so labels may hold commas and lists may be long). The readers
 * check the same constraint again: a validation only guides the person filling the file.
 */
import type { ColumnConstraint } from "@kaoping/core";
import type ExcelJS from "exceljs";
import { safeCellText } from "./safe-cell-text.js";

export const LISTS_SHEET = "选项";

/** The hidden sheet of drop-down lists; each distinct list is written once, in a column of its own. */
export class ListSheet {
  private readonly ranges = new Map<string, string>();
  private sheet: ExcelJS.Worksheet | undefined;
  constructor(private readonly workbook: ExcelJS.Workbook) {}

  rangeOf(labels: readonly string[]): string {
    const key = labels.join("\u0000");
    const known = this.ranges.get(key);
    if (known) return known;
    this.sheet ??= this.workbook.addWorksheet(LISTS_SHEET, { state: "hidden" });
    const column = this.ranges.size + 1;
    labels.forEach((label, i) => {
      this.sheet!.getCell(i + 1, column).value = safeCellText(label);
    });
    const letter = this.sheet.getColumn(column).letter;
    const range = `'${LISTS_SHEET}'!$${letter}$1:$${letter}$${Math.max(1, labels.length)}`;
    this.ranges.set(key, range);
    return range;
  }
}

function bounds(
  min: number | null,
  max: number | null,
): Pick<ExcelJS.DataValidation, "operator" | "formulae"> {
  if (min !== null && max !== null) return { operator: "between", formulae: [min, max] };
  if (min !== null) return { operator: "greaterThanOrEqual", formulae: [min] };
  if (max !== null) return { operator: "lessThanOrEqual", formulae: [max] };
  // Any number: the validation then only refuses text.
  return { operator: "between", formulae: [-1e15, 1e15] };
}

function rangeText(min: number | null, max: number | null): string {
  if (min !== null && max !== null) return `${min} 到 ${max} 之间的`;
  if (min !== null) return `不小于 ${min} 的`;
  if (max !== null) return `不大于 ${max} 的`;
  return "";
}

/** The validation for a column's constraint, or undefined for free text. `hint` is added to the error text. */
export function dataValidation(
  constraint: ColumnConstraint,
  lists: ListSheet,
  hint = "",
): ExcelJS.DataValidation | undefined {
  switch (constraint.type) {
    case "text":
      return undefined;
    case "decimal":
    case "whole": {
      const capped = constraint.type === "decimal" && constraint.aboveMax === "cap";
      return {
        type: constraint.type,
        allowBlank: true,
        ...bounds(constraint.min, constraint.max),
        showErrorMessage: true,
        errorStyle: capped ? "warning" : "stop",
        errorTitle: "数值不符合要求",
        error: capped
          ? `每项最高 ${constraint.max} 分，超出部分不计。`
          : `请填写${rangeText(constraint.min, constraint.max)}${constraint.type === "whole" ? "整数" : "数字"}。${hint}`,
      };
    }
    case "choice":
      return {
        type: "list",
        allowBlank: true,
        formulae: [lists.rangeOf(constraint.options.map((o) => o.label))],
        showErrorMessage: true,
        errorStyle: "stop",
        errorTitle: "请从列表中选择",
        error: `可选：${constraint.options.map((o) => o.label).join("、")}`,
      };
  }
}

/** exceljs validates ranges through `dataValidations.add`, which its type declarations leave out. */
interface RangeValidations {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

/** Gives every cell of `range` ("E3:E502") the validation. */
export function validateRange(sheet: ExcelJS.Worksheet, range: string, rule: ExcelJS.DataValidation): void {
  (sheet as unknown as RangeValidations).dataValidations.add(range, rule);
}
