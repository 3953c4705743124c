/** @kaoping/core: the pure evaluation engine. Nothing here does I/O; the server, CLI and web app build on it. */
export * from "./cases/index.js";
export { describeProblem, InputError, type Problem } from "./errors.js";
export {
  type EvaluateOptions,
  type Evaluation,
  evaluateMatrix,
  evaluateUnits,
  type IndicatorResult,
  readUnitInputs,
  type Scored,
  type UnitResult,
  unitResult,
} from "./evaluate.js";
export {
  explainUnit,
  type IndicatorExplanation,
  type UnitExplanation,
  UnknownUnitError,
} from "./explain/explain-unit.js";
export { explanationView } from "./explain/explanation-view.js";
export { type Language, renderExplanation } from "./explain/render-explanation.js";
export { compileFormula, FormulaError } from "./formula/compile-formula.js";
export type { GradeOutcome, GradeReason, GradeTable } from "./grading/grade-units.js";
export { Decimal } from "./numbers/decimal.js";
export { type Fixed, format, formatShort, ONE, toFixed } from "./numbers/fixed.js";
export * from "./rectification/index.js";
export * from "./sampling/index.js";
export { FieldValue, LeafInput, Rating, UnitInput, type UnitInputData } from "./scheme/input.js";
export { SCHEME_SCHEMA_ID, schemeJsonSchema } from "./scheme/json-schema.js";
export { type CellRef, Scheme, type SchemeInput, Table, type TableRule } from "./scheme/model.js";
export { parseScheme, type SchemeLoad } from "./scheme/parse-scheme.js";
export type { CompiledMethod, CompiledScheme, PlanNode } from "./scheme/plan.js";
export { checkLeafInput, type LeafInputProblem } from "./scoring/check-leaf-input.js";
export type { ScoreMatrix } from "./scoring/score-matrix.js";
export * from "./statistics/index.js";
export * from "./surveys/index.js";
export {
  type CheckTablesOptions,
  type ChildTables,
  cellName,
  checkTableRow,
  checkTables,
  rowKeys,
  type TableCell,
  type TableRows,
  type TableViolation,
  tableFields,
  type UnitTables,
} from "./tables/check-tables.js";
export * from "./tabular/index.js";
