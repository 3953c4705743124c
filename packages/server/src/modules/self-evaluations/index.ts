/** The self-evaluation use cases, for routes, the demo loader and other modules. */

export { deleteEvidence, openEvidence, uploadEvidence } from "../evidence/evidence-files.js";
export { type AssignmentChange, assignTask } from "./assign-task.js";
export { getSelfEvaluation, type SelfEvaluationView } from "./read-self-evaluation.js";
export { REPORT_SECTIONS, saveData, saveReport } from "./save-data.js";
export { type ItemChange, type ItemSaved, saveItem } from "./save-item.js";
export { saveTable, type TableSaved } from "./save-table.js";
export { loadSelfEvaluationInputs, type SelfEvaluationInputs } from "./self-evaluation-inputs.js";
export {
  acceptSelfEvaluation,
  completenessProblems,
  returnSelfEvaluation,
  type StatusView,
  submitSelfEvaluation,
} from "./submit-self-evaluation.js";
