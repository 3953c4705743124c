/** 自评报告: a unit's self-evaluation report, from its self-evaluation (any stage once filled). */
import { type DocumentKind, requireUnitId } from "../document-kind.js";
import { selfEvaluationReportDocx } from "./docx.js";
import { loadSelfEvaluationReport, type SelfEvaluationReportModel } from "./model.js";
import { selfEvaluationReportPlaceholders } from "./placeholders.js";
import { selfEvaluationReportSample } from "./sample.js";

export const selfEvaluationReport: DocumentKind<SelfEvaluationReportModel> = {
  code: "self_evaluation_report",
  zh: "自评报告",
  en: "Self-evaluation report",
  scope: "unit",
  load: (services, actor, campaignId, organisationId) =>
    loadSelfEvaluationReport(services, actor, campaignId, requireUnitId(organisationId)),
  sample: selfEvaluationReportSample,
  placeholders: selfEvaluationReportPlaceholders,
  fileName: (m) => `${m.unitCode} ${m.unitName} 自评报告`,
  houseStyle: selfEvaluationReportDocx,
};
