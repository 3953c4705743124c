/**
 * Reads a table's workbook with exceljs's streaming reader, never holding the whole file: the header checked, each
 * data row read and checked as it arrives (TableRowReader) and handed on while no problem has been found, every
 * problem located (up to a limit), and the hidden versions sheet read.
 */
import type { Readable } from "node:stream";
import { type CellValue, cellAddress, type Table } from "@kaoping/core";
import type ExcelJS from "exceljs";
import { type JsonBatch, JsonBatcher } from "../db/json-batches.js";
import type { ErrorDetail } from "../errors.js";
import { plainCellValue } from "./cell-value.js";
import { LISTS_SHEET } from "./data-validation.js";
import type { RowKeyIndex } from "./row-key-index.js";
import { INSTRUCTIONS_SHEET, META_SHEET } from "./self-evaluation-layout.js";
import { WorkbookStreamReader } from "./streaming-reader.js";
import { TABLE_HEADER_ROW } from "./table-columns.js";
import { type ReadRow, TableRowReader } from "./table-row-reader.js";
import { tableSheetName } from "./table-workbook.js";
import { parseMeta, type WorkbookMeta } from "./workbook-meta.js";

/** Problems listed at most; a file wrong on every row names the first ones and how many more there are. */
export const MAX_PROBLEMS = 1000;

export interface StreamedTable {
  meta: WorkbookMeta | null;
  reader: TableRowReader;
  rows: number;
  /** Problems beyond MAX_PROBLEMS, counted but not listed. */
  unlisted: number;
}

const valuesOf = (row: ExcelJS.Row): CellValue[] => {
  const values = row.values as ExcelJS.CellValue[];
  const out: CellValue[] = [];
  for (let i = 1; i < values.length; i++) out.push(plainCellValue(values[i]));
  return out;
};

export async function readTableWorkbook(
  input: Readable,
  table: Table,
  problems: ErrorDetail[],
  onRow: (row: ReadRow) => Promise<void>,
): Promise<StreamedTable> {
  const name = tableSheetName(table);
  const sheetProblems: ErrorDetail[] = [];
  const reader = new TableRowReader(table, name, sheetProblems);
  const out: StreamedTable = { meta: null, reader, rows: 0, unlisted: 0 };
  const workbook = new WorkbookStreamReader(input, {
    worksheets: "emit",
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    entries: "ignore",
  });
  // A database error while writing a row is the server's; anything else thrown is a file that cannot be read.
  let writeFailure: { error: unknown } | undefined;
  const deliver = async (row: ReadRow) => {
    try {
      await onRow(row);
    } catch (error) {
      writeFailure = { error };
      throw error;
    }
  };
  const keep = () => {
    for (const p of sheetProblems.splice(0)) {
      if (problems.length < MAX_PROBLEMS) problems.push(p);
      else out.unlisted++;
    }
  };
  let sawData = false;
  try {
    for await (const sheet of workbook) {
      const sheetName = (sheet as unknown as { name: string }).name;
      if (sheetName === name) {
        sawData = true;
        let headerOk = false;
        for await (const row of sheet) {
          if (row.number === TABLE_HEADER_ROW) headerOk = reader.header(valuesOf(row));
          else if (row.number > TABLE_HEADER_ROW && headerOk) {
            const read = reader.row(row.number, valuesOf(row));
            if (read !== null) {
              out.rows++;
              if (problems.length === 0) await deliver(read);
            }
          }
          if (sheetProblems.length > 0) keep();
        }
      } else if (sheetName === META_SHEET) {
        const rows: CellValue[][] = [];
        for await (const row of sheet) rows.push(valuesOf(row));
        out.meta = parseMeta(rows);
      } else {
        for await (const _row of sheet) {
          // Other sheets are read through (the reader needs them consumed) but not used.
        }
        if (sheetName !== INSTRUCTIONS_SHEET && sheetName !== LISTS_SHEET)
          problems.push({
            path: cellAddress({ sheet: sheetName, row: 1, column: 1 }),
            message: `unknown sheet "${sheetName}" / 未知工作表，请勿增加或改名工作表`,
          });
      }
    }
  } catch (error) {
    if (writeFailure !== undefined) throw writeFailure.error;
    problems.push({
      path: "file",
      message: `not an Excel workbook (.xlsx) that can be read: ${(error as Error).message} / 不是有效的 Excel 文件`,
    });
    return out;
  }
  if (!sawData)
    problems.push({ path: name, message: `the sheet "${name}" is missing / 缺少工作表“${name}”` });
  return out;
}

/** What a table import needs of the file once read: its meta sheet, counts, and where each key was read. */
export interface TableRead {
  meta: WorkbookMeta | null;
  rows: number;
  unlisted: number;
  /** The keys read, each with its sheet row. */
  keys: RowKeyIndex;
  /** The address of a cell of the table's sheet. */
  path(row: number, column: number): string;
}

/** Reads the workbook and hands its rows on as JSON batches (none once a problem is found). */
export async function readTableWorkbookBatches(
  input: Readable,
  table: Table,
  problems: ErrorDetail[],
  onBatch: (batch: JsonBatch) => Promise<void>,
): Promise<TableRead> {
  const batcher = new JsonBatcher(onBatch);
  const read = await readTableWorkbook(input, table, problems, (row) => batcher.add(row));
  if (problems.length === 0) await batcher.flush();
  return {
    meta: read.meta,
    rows: read.rows,
    unlisted: read.unlisted,
    keys: read.reader.keys,
    path: (row, column) => read.reader.path(row, column),
  };
}
