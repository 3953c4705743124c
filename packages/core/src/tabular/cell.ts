/**
 * Cells of a table (an Excel sheet or a CSV file) as plain values, where they are, and how their text is read.
 * Nothing here knows a file format: the CLI and the server turn workbooks into these values and back.
 */

/** What a cell holds once read from a file: text, a number, a yes/no, or nothing. */
export type CellValue = string | number | boolean | null;

/** A cell's position; row and column count from 1, as spreadsheets show them. */
export interface CellRef {
  /** The sheet's name; "" for a CSV file, which has one unnamed sheet. */
  sheet: string;
  row: number;
  column: number;
}

/** One sheet's cells, row by row from row 1; rows may be shorter than the widest one. */
export interface SheetCells {
  name: string;
  rows: ReadonlyArray<ReadonlyArray<CellValue>>;
}

/** A problem found in a table, at the cell it concerns (null when it concerns the whole table). */
export interface LocatedProblem {
  at: CellRef | null;
  indicator?: string | undefined;
  unit?: string | undefined;
  message: string;
}

/** "A", "Z", "AA", … for a 1-based column number. */
export function columnLetters(column: number): string {
  let letters = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** "被评单位!F7", or "F7" for a CSV file. */
export function cellAddress(at: CellRef): string {
  const cell = `${columnLetters(at.column)}${at.row}`;
  return at.sheet ? `${at.sheet}!${cell}` : cell;
}

export function isBlank(value: CellValue | undefined): value is null | undefined | "" {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

/**
 * The text a person sees, normalised so that full-width letters, digits and brackets typed with a Chinese
 * input method match their ASCII forms (NFKC).
 */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  return String(value).normalize("NFKC").trim();
}

/** Header text reduced for matching: NFKC, no whitespace, lower case. */
export function headerKey(value: CellValue | undefined): string {
  return cellText(value).replace(/\s+/g, "").toLowerCase();
}

const DECIMAL_TEXT = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;

/** A cell read as a number: numbers as they are, numeric text parsed; undefined for anything else. */
export function cellNumber(value: CellValue | undefined): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value !== "string") return undefined;
  const text = cellText(value);
  return DECIMAL_TEXT.test(text) ? Number(text) : undefined;
}

const YES = new Set(["是", "y", "yes", "true", "1", "√", "✓", "✔", "有"]);
const NO = new Set(["否", "n", "no", "false", "0", "×", "✗", "✘", "无"]);

/** A yes/no cell: 是/否, true/false (Excel booleans included), 1/0, √/×; undefined for anything else. */
export function cellYesNo(value: CellValue | undefined): boolean | undefined {
  if (typeof value === "boolean") return value;
  const text = cellText(value).toLowerCase();
  if (YES.has(text)) return true;
  if (NO.has(text)) return false;
  return undefined;
}

/** The labels written for yes and no. */
export const YES_LABEL = "是";
export const NO_LABEL = "否";

/** Text a spreadsheet would run as a formula: = + - @, or a tab or carriage return some programs strip first. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text that a spreadsheet would run as a formula is prefixed with a single quote, so user text written into a cell
 * is only ever shown. Text already guarded this way is left as it is, so writing it twice changes nothing.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * The inverse of `neutraliseFormula`, for text read back from a cell written with it. (Text a person typed with a
 * leading quote before = + - @ comes back without that quote: the guard cannot be told from it.)
 */
export function restoreFormulaText(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}
