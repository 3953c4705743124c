/** Excel workbooks (.xlsx) through exceljs: sheets read as plain cells, and the styling shared by what we write. */
import type { CellValue, SheetCells } from "@kaoping/core";
import { neutraliseFormula } from "@kaoping/core";
import ExcelJS from "exceljs";
import { CliInputError } from "../errors.js";
import { displayWidth } from "../text/display-width.js";
import { type InputFile, readBytes } from "./input-file.js";

function plainValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("hyperlink" in value) return value.text;
  if ("error" in value) return value.error;
  // A formula's cached result: what Excel last showed in the cell.
  return plainValue(value.result);
}

/** Every sheet of a workbook, in order, as plain cells (formulas as their results, dates as yyyy-mm-dd). */
export async function readWorkbook(file: InputFile): Promise<SheetCells[]> {
  const bytes = await readBytes(file);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  } catch (error) {
    throw new CliInputError([
      `${file.name}: not an Excel workbook (.xlsx) that can be read: ${(error as Error).message}`,
    ]);
  }
  return workbook.worksheets.map((sheet) => {
    const rows: CellValue[][] = [];
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const cells: CellValue[] = [];
      for (let c = 1; c <= sheet.columnCount; c++) cells.push(plainValue(row.getCell(c).value));
      rows.push(cells);
    }
    return { name: sheet.name, rows };
  });
}

export const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
export const GROUP_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFBDD7EE" } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};

/** Header cells: bold, filled, bordered, wrapped, and locked (protection applies once the sheet is protected). */
export function styleHeader(cell: ExcelJS.Cell, fill: ExcelJS.Fill = HEADER_FILL): void {
  cell.font = { bold: true };
  cell.fill = fill;
  cell.border = THIN;
  cell.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  cell.protection = { locked: true };
}

/** A column wide enough for its header (wrapped onto at most three lines) and its cells, within sensible bounds. */
export function columnWidth(header: string, cells: readonly string[] = []): number {
  const content = Math.max(0, ...cells.map(displayWidth));
  return Math.min(40, Math.max(10, Math.ceil(displayWidth(header) / 3) + 2, content + 2));
}

/** A value written into a cell: text a spreadsheet would run as a formula is neutralised. */
export function safeCell(value: CellValue): ExcelJS.CellValue {
  return typeof value === "string" ? neutraliseFormula(value) : value;
}

/** Writes the workbook; a path that cannot be written is bad input. */
export async function saveWorkbook(workbook: ExcelJS.Workbook, path: string, name: string): Promise<void> {
  try {
    await workbook.xlsx.writeFile(path);
  } catch (error) {
    throw new CliInputError([`${name}: cannot write the file: ${(error as Error).message}`]);
  }
}
