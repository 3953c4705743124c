/**
 * Text written into a spreadsheet cell from user input. A cell that begins with = + - @ (or a tab or carriage return
 * that some spreadsheets skip before one of them) could be taken for a formula by Excel, WPS or LibreOffice when the
 * cell is edited or the sheet saved as CSV: such text gets a leading single quote, which keeps it text (OWASP
 * "formula injection"). Import removes the guard again, so a round trip gives back the text that was exported.
 * The rule is the core's, shared with the CLI's files.
 */
import { neutraliseFormula, restoreFormulaText } from "@kaoping/core";

export function safeCellText(text: string): string {
  return neutraliseFormula(text);
}

/** The text a person typed, from a cell written with `safeCellText` (or typed afresh). */
export function unsafeCellText(text: string): string {
  return restoreFormulaText(text);
}
