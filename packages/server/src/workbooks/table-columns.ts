/**
 * The columns of a base-data table (基础数据统计表) as a sheet: 行代码 (the row key), 项目 (the row's name, for
 * fixed rows), then one column per table column with its constraint. The writers and the readers of the
 * self-evaluation workbook and of a table's own workbook share it, so they agree on every cell.
 */
import {
  type CellValue,
  type ColumnConstraint,
  cellNumber,
  cellText,
  isBlank,
  type Table,
  type TableCell,
  type TableRows,
} from "@kaoping/core";
import { unsafeCellText } from "./safe-cell-text.js";

export type TableSheetColumn =
  | { kind: "key"; header: string }
  | { kind: "name"; header: string }
  | { kind: "cell"; header: string; column: Table["columns"][number]; constraint: ColumnConstraint };

export const KEY_HEADER = "行代码";
export const NAME_HEADER = "项目";
/** The header row; data rows follow it. Row 1 is the table's title. */
export const TABLE_HEADER_ROW = 2;

const bound = (value: string | number | undefined): number | null =>
  value === undefined ? null : Number(value);

export function tableSheetColumns(table: Table): TableSheetColumn[] {
  return [
    { kind: "key", header: KEY_HEADER },
    ...(table.rows === undefined ? [] : [{ kind: "name" as const, header: NAME_HEADER }]),
    ...table.columns.map(
      (column): TableSheetColumn => ({
        kind: "cell",
        header: `${column.name}${column.unit ? `（${column.unit}）` : ""}${column.required ? "*" : ""}`,
        column,
        constraint:
          column.type === "text"
            ? { type: "text" }
            : {
                type: column.type === "integer" ? "whole" : "decimal",
                min: bound(column.min),
                max: bound(column.max),
              },
      }),
    ),
  ];
}

/** The table's title above its header: code, name, and whether rows are fixed. */
export const tableTitle = (table: Table): string =>
  `${table.code} ${table.name}${table.rows === undefined ? "（每行一条，行代码自定且不重复）" : ""}`;

/**
 * A cell as stored: numbers as numbers, numeric text in numeric columns as a number, other text as the person typed
 * it (formula guard removed). Text that is not a number stays text, for the row check to name it.
 */
export function tableCellValue(column: Table["columns"][number], value: CellValue): TableCell {
  if (isBlank(value)) return null;
  if (column.type === "text") return unsafeCellText(String(value).trim());
  if (typeof value === "boolean") return String(value);
  return cellNumber(value) ?? unsafeCellText(cellText(value));
}

/** Row keys as the API takes them: 1–64 letters, digits, '.', '_' or '-'. */
const ROW_KEY = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,63}$/u;
/** The same for keys of Latin letters and digits only (school codes), far cheaper to test on 100,000 rows. */
const LATIN_ROW_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Why `key` cannot name a free row, in Chinese and English; null when it can. */
export const freeRowKeyProblem = (key: string): string | null =>
  LATIN_ROW_KEY.test(key) || ROW_KEY.test(key)
    ? null
    : `row key "${key}" must be 1–64 letters, digits, '.', '_' or '-' / 行代码应为1至64位字母、数字、“.”“_”“-”`;

/** A row's key cell: numbers typed as keys (学校代码 5301) are read as their digits. */
export const rowKeyOf = (value: CellValue): string => cellText(value);

/** The rows a sheet shows: every fixed row in the scheme's order (filled or not), or the free rows as stored. */
export function rowsInOrder(
  table: Table,
  stored: TableRows | undefined,
): Array<readonly [string, Record<string, TableCell>]> {
  return table.rows === undefined
    ? Object.entries(stored ?? {})
    : table.rows.map((r) => [r.key, stored?.[r.key] ?? {}] as const);
}
