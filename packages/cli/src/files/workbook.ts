/** Excel workbooks (.xlsx) through exceljs: sheets read as plain cells, and writing with the server's shared helpers. */
import type { CellValue, SheetCells } from "@kaoping/core";
import { plainCellValue, safeCellText } from "@kaoping/server/workbooks";
import ExcelJS from "exceljs";
import { CliInputError } from "../errors.js";
import { type InputFile, readBytes } from "./input-file.js";

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
      for (let c = 1; c <= sheet.columnCount; c++) cells.push(plainCellValue(row.getCell(c).value));
      rows.push(cells);
    }
    return { name: sheet.name, rows };
  });
}

/** A value written into a cell: text a spreadsheet would run as a formula is neutralised. */
export function safeCell(value: CellValue): ExcelJS.CellValue {
  return typeof value === "string" ? safeCellText(value) : value;
}

/** Writes the workbook; a path that cannot be written is bad input. */
export async function saveWorkbook(workbook: ExcelJS.Workbook, path: string, name: string): Promise<void> {
  try {
    await workbook.xlsx.writeFile(path);
  } catch (error) {
    throw new CliInputError([`${name}: cannot write the file: ${(error as Error).message}`]);
  }
}
