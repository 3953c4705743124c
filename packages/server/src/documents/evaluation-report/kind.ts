/** 评估报告/反馈意见: one unit's result, scores by indicator, findings and problems. */
import { sanitiseFileName } from "../../modules/evidence/sanitise-file-name.js";
import type { DocumentKind } from "../document-kind.js";
import { evaluationReportDocx } from "./docx.js";
import { type EvaluationReportModel, loadEvaluationReport } from "./model.js";
import { evaluationReportSample } from "./sample.js";

export const evaluationReport: DocumentKind<EvaluationReportModel> = {
  code: "evaluation_report",
  zh: "评估报告（反馈意见）",
  en: "Evaluation report (feedback)",
  scope: "unit",
  load: loadEvaluationReport,
  sample: evaluationReportSample,
  fileName: (m) => sanitiseFileName(`${m.unit.code} ${m.unit.name} 反馈意见`),
  houseStyle: evaluationReportDocx,
};
