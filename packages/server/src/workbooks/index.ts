/**
 * `@kaoping/server/workbooks`: the Excel helpers the server's exports and the CLI's files share (cells read as plain
 * values, user text guarded against formulas, header styles, data validation), without loading the server.
 */
export { plainCellValue } from "./cell-value.js";
export { dataValidation, LISTS_SHEET, ListSheet, validateRange } from "./data-validation.js";
export { safeCellText, unsafeCellText } from "./safe-cell-text.js";
export {
  columnWidth,
  GROUP_FILL,
  HEADER_FILL,
  protectSheet,
  styleHeader,
  styleInput,
  THIN,
  workbookBuffer,
} from "./sheet-style.js";
