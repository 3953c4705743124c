/** Generated Word documents for other packages and the benchmarks: the kinds, the renderer, the report's model. */
export type { DocumentKind, DocumentScope } from "./document-kind.js";
export { DOCUMENT_KINDS, documentKind } from "./kinds.js";
export { renderDocument } from "./render-document.js";
export { buildSelfEvaluationReport, type SelfEvaluationReportModel } from "./self-evaluation-report/model.js";
