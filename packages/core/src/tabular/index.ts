/**
 * Tables ↔ evaluations, without any file format: the columns of a scheme's input template, filled rows read
 * back into unit inputs with every problem at its cell, inputs and results written as rows, and the school and
 * population tables of the 差异系数 and the draw. The CLI and the server do the Excel and CSV I/O around it.
 */
export {
  type CellRef,
  type CellValue,
  cellAddress,
  cellNumber,
  cellText,
  cellYesNo,
  columnLetters,
  headerKey,
  isBlank,
  type LocatedProblem,
  NO_LABEL,
  neutraliseFormula,
  restoreFormulaText,
  type SheetCells,
  YES_LABEL,
} from "./cell.js";
export {
  type ChoiceOption,
  type Column,
  type ColumnConstraint,
  type ColumnTarget,
  fieldConstraint,
  historyColumn,
  historyHeader,
  type LayoutOptions,
  RATINGS_SHEET,
  type SheetLayout,
  type TableLayout,
  UNIT_CODE_HEADER,
  UNITS_SHEET,
  unitTableLayout,
} from "./columns.js";
export { displayWidth, padEnd, padStart } from "./display-width.js";
export { cellOf, locateProblems, mergeProblems } from "./locate.js";
export { POPULATION_CODE_HEADERS, type PopulationTable, readPopulationTable } from "./population-table.js";
export { type CellReading, readCell } from "./read-cell.js";
export { readUnitTable, type UnitSources, type UnitTable, type UnitTableSheets } from "./read-units.js";
export { NOT_APPLICABLE_LABEL, type ResultColumn, type ResultTable, resultTable } from "./results.js";
export { indicatorsInOrder, topLevelOf } from "./scheme-order.js";
export {
  readSchoolTable,
  SCHOOL_COLUMNS,
  type SchoolColumn,
  type SchoolTable,
  type SchoolTarget,
} from "./school-table.js";
export { isNotesHeader, matchHeaders, type RowSources } from "./sheet-reading.js";
export { TableWriteError, type UnitRows, unitRows } from "./write-units.js";
