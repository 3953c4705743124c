/**
 * A cell as a plain value, whatever wrote the file: exceljs, Excel, WPS or LibreOffice (which stores a cell of mixed
 * Chinese and Latin text as rich text runs, and may write numbers typed as text).
 */
import type { CellValue } from "@kaoping/core";
import type ExcelJS from "exceljs";

/** Rich text flattened, hyperlinks as their text, formulas as their cached result, dates as yyyy-mm-dd. */
export function plainCellValue(value: ExcelJS.CellValue | undefined): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("hyperlink" in value) return value.text;
  if ("error" in value) return value.error;
  // A formula's cached result: what the spreadsheet last showed in the cell.
  return "formula" in value || "sharedFormula" in value ? plainCellValue(value.result) : null;
}

/**
 * A copy of `text` sharing nothing with the string it was cut from. The streaming reader's cell texts are slices of
 * the XML chunk they were parsed from, and V8 keeps a whole chunk alive while any slice of it lives: the keys kept
 * for a whole import (and the rows waiting in a batch) would otherwise hold on to the sheet's XML.
 */
export const ownText = (text: string): string => ` ${text}`.slice(1);
