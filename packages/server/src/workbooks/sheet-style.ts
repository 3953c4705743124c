/** The look shared by every workbook Kaoping writes (server exports and the CLI's files): headers, widths, protection. */
import { displayWidth } from "@kaoping/core";
import type ExcelJS from "exceljs";

export const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
export const GROUP_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFBDD7EE" } };
/** Cells a person fills: a pale yellow, as forms on paper mark the boxes to fill. */
export const INPUT_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF9DB" } };
export const THIN: Partial<ExcelJS.Borders> = {
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

/** A cell a person fills: unlocked on the protected sheet, and marked. */
export function styleInput(cell: ExcelJS.Cell): void {
  cell.fill = INPUT_FILL;
  cell.border = THIN;
  cell.protection = { locked: false };
}

/** A column wide enough for its header (wrapped onto at most three lines) and its cells, within sensible bounds. */
export function columnWidth(header: string, cells: readonly string[] = []): number {
  const content = Math.max(0, ...cells.map(displayWidth));
  return Math.min(40, Math.max(10, Math.ceil(displayWidth(header) / 3) + 2, content + 2));
}

/**
 * Protects a sheet without a password (Excel, WPS and LibreOffice all open and unprotect it): locked cells (labels,
 * codes, maxima) cannot be typed over by mistake, unlocked input cells can. Rows and columns may be resized.
 */
export async function protectSheet(
  sheet: ExcelJS.Worksheet,
  extra: Partial<ExcelJS.WorksheetProtection> = {},
): Promise<void> {
  await sheet.protect("", {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    ...extra,
  });
}

/** The workbook as bytes (the files here are small; large ones are written with the streaming writer). */
export async function workbookBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
