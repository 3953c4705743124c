/**
 * Reads a base-data table's sheet row by row (whole workbooks and the streaming reader alike): the header checked
 * against the table's columns, each row's key and cells read, checked on their own by the engine (type, bounds,
 * required, unknown rows) and every problem located at its cell. Rules spanning rows are checked by the caller.
 */
import {
  type CellValue,
  cellAddress,
  checkTableRow,
  headerKey,
  isBlank,
  type Table,
  type TableCell,
} from "@kaoping/core";
import type { ErrorDetail } from "../errors.js";
import { ownText } from "./cell-value.js";
import { RowKeyIndex } from "./row-key-index.js";
import {
  freeRowKeyProblem,
  rowKeyOf,
  TABLE_HEADER_ROW,
  type TableSheetColumn,
  tableCellValue,
  tableSheetColumns,
} from "./table-columns.js";

export interface ReadRow {
  key: string;
  cells: Record<string, TableCell>;
}

export class TableRowReader {
  readonly columns: TableSheetColumn[];
  /** The sheet row each key was read from: duplicates are refused, later problems (conflicts) located. */
  private readonly seen = new RowKeyIndex();
  /** The value columns with their place in the sheet, worked out once for every row read. */
  private readonly cellColumns: Array<{ index: number; column: Table["columns"][number] }> = [];
  private readonly columnAt = new Map<string, number>();
  constructor(
    readonly table: Table,
    readonly sheet: string,
    private readonly problems: ErrorDetail[],
  ) {
    this.columns = tableSheetColumns(table);
    this.columns.forEach((column, i) => {
      if (column.kind !== "cell") return;
      this.cellColumns.push({ index: i, column: column.column });
      this.columnAt.set(column.column.code, i + 1);
    });
  }

  path(row: number, column: number): string {
    return cellAddress({ sheet: this.sheet, row, column });
  }

  /** The sheet row `key` was read from. */
  rowOf(key: string): number | undefined {
    return this.seen.rowOf(key);
  }

  /** The keys read and their rows. */
  get keys(): RowKeyIndex {
    return this.seen;
  }

  /** Checks the header row; false when it is not this table's, so its rows cannot be read. */
  header(values: readonly CellValue[]): boolean {
    let ok = true;
    this.columns.forEach((column, i) => {
      if (headerKey(values[i]) !== headerKey(column.header)) {
        ok = false;
        this.problems.push({
          path: this.path(TABLE_HEADER_ROW, i + 1),
          message: `expected the header "${column.header}", found "${String(values[i] ?? "")}" / 列标题应为“${column.header}”，请勿修改表头`,
        });
      }
    });
    return ok;
  }

  /** Reads a data row (values from column A); null for an empty row or one with problems. */
  row(number: number, values: readonly CellValue[]): ReadRow | null {
    if (this.columns.every((_, i) => isBlank(values[i]))) return null;
    const key = ownText(rowKeyOf(values[0] ?? null));
    const before = this.problems.length;
    if (key === "") {
      this.problems.push({ path: this.path(number, 1), message: "the row has no key / 行代码未填写" });
      return null;
    }
    const keyProblem = this.table.rows === undefined ? freeRowKeyProblem(key) : null;
    if (keyProblem !== null) {
      this.problems.push({ path: this.path(number, 1), message: keyProblem });
      return null;
    }
    const earlier = this.seen.add(key, number);
    if (earlier !== undefined) {
      this.problems.push({
        path: this.path(number, 1),
        message: `row key ${key} appears twice (also on row ${earlier}) / 行代码重复（第${earlier}行）`,
      });
      return null;
    }
    const cells: Record<string, TableCell> = {};
    for (const { index, column } of this.cellColumns) {
      const value = tableCellValue(column, values[index] ?? null);
      if (value !== null) cells[column.code] = typeof value === "string" ? ownText(value) : value;
    }
    for (const violation of checkTableRow(this.table, key, cells)) {
      const column = violation.column === null ? 1 : (this.columnAt.get(violation.column) ?? 1);
      this.problems.push({
        path: this.path(number, column),
        message: `${violation.message} / ${englishOf(violation.rule)}`,
      });
    }
    return this.problems.length === before ? { key, cells } : null;
  }
}

/** The English for an engine row violation (its message is Chinese). */
function englishOf(rule: string): string {
  switch (rule) {
    case "required":
      return "required";
    case "type":
      return "wrong type";
    case "min":
      return "below the minimum";
    case "max":
      return "above the maximum";
    default:
      return "not in this table";
  }
}
