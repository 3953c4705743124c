/** 评审评分表: the printable reviewer score sheet of a unit, blank or with the reviewer's entries. */
import { type DocumentKind, requireUnitId } from "../document-kind.js";
import { scoreSheetDocx } from "./docx.js";
import { loadScoreSheet, type ScoreSheetModel } from "./model.js";
import { scoreSheetPlaceholders } from "./placeholders.js";
import { scoreSheetSample } from "./sample.js";

export const scoreSheet: DocumentKind<ScoreSheetModel> = {
  code: "score_sheet",
  zh: "评审评分表",
  en: "Review score sheet",
  scope: "unit",
  load: (services, actor, campaignId, organisationId) =>
    loadScoreSheet(services, actor, campaignId, requireUnitId(organisationId)),
  sample: scoreSheetSample,
  placeholders: scoreSheetPlaceholders,
  fileName: (m) =>
    `${m.unitCode} ${m.unitName} 评审评分表${m.reviewerName === "" ? "" : `（${m.reviewerName}）`}`,
  houseStyle: scoreSheetDocx,
};
