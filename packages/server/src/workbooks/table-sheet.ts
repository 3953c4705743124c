/**
 * A base-data table written as a sheet (in the self-evaluation workbook, or as the data sheet of the table's own
 * workbook, through the streaming writer): title, header, one row per table row with its current values, and data
 * validation on every input column. Fixed rows keep their key and name locked; free rows are typed in.
 */
import type { Table, TableCell } from "@kaoping/core";
import type ExcelJS from "exceljs";
import { dataValidation, type ListSheet, validateRange } from "./data-validation.js";
import { safeCellText } from "./safe-cell-text.js";
import { columnWidth, protectSheet, styleHeader, styleInput } from "./sheet-style.js";
import { TABLE_HEADER_ROW, tableSheetColumns, tableTitle } from "./table-columns.js";

/** Empty rows given validation below a free-row table's rows, for the rows a unit adds. */
export const FREE_ROWS_ADDED = 1000;

export async function writeTableSheet(
  sheet: ExcelJS.Worksheet,
  table: Table,
  rows: Iterable<readonly [string, Record<string, TableCell>]>,
  lists: ListSheet,
): Promise<void> {
  const columns = tableSheetColumns(table);
  const free = table.rows === undefined;
  columns.forEach((column, i) => {
    const sheetColumn = sheet.getColumn(i + 1);
    sheetColumn.width = columnWidth(
      column.header,
      column.kind === "name" ? table.rows!.map((r) => r.name) : [],
    );
    if (free) sheetColumn.style = { protection: { locked: false } };
  });
  const title = sheet.getRow(1);
  title.getCell(1).value = safeCellText(tableTitle(table));
  title.getCell(1).font = { bold: true, size: 14 };
  title.commit();
  const header = sheet.getRow(TABLE_HEADER_ROW);
  columns.forEach((column, i) => {
    const cell = header.getCell(i + 1);
    cell.value = column.header;
    styleHeader(cell);
  });
  header.commit();
  const names = new Map((table.rows ?? []).map((r) => [r.key, r.name]));
  let last = TABLE_HEADER_ROW;
  for (const [key, cells] of rows) {
    const row = sheet.getRow(++last);
    columns.forEach((column, i) => {
      const cell = row.getCell(i + 1);
      if (column.kind === "key") {
        cell.value = safeCellText(key);
        if (free) styleInput(cell);
      } else if (column.kind === "name") cell.value = safeCellText(names.get(key) ?? key);
      else {
        const value = cells[column.column.code];
        cell.value = typeof value === "string" ? safeCellText(value) : (value ?? null);
        styleInput(cell);
      }
    });
    row.commit();
  }
  const end = free ? last + FREE_ROWS_ADDED : last;
  columns.forEach((column, i) => {
    if (column.kind !== "cell") return;
    const rule = dataValidation(column.constraint, lists);
    const letter = sheet.getColumn(i + 1).letter;
    if (rule && end > TABLE_HEADER_ROW)
      validateRange(sheet, `${letter}${TABLE_HEADER_ROW + 1}:${letter}${end}`, rule);
  });
  await protectSheet(sheet, free ? { insertRows: true, deleteRows: true, sort: true } : {});
}
