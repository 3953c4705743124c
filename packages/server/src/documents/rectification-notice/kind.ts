/** 限期整改通知书: one unit's problems with their requirements and deadlines. */
import { sanitiseFileName } from "../../modules/evidence/sanitise-file-name.js";
import type { DocumentKind } from "../document-kind.js";
import { rectificationNoticeDocx } from "./docx.js";
import { loadRectificationNotice, type RectificationNoticeModel } from "./model.js";
import { rectificationNoticeSample } from "./sample.js";

export const rectificationNotice: DocumentKind<RectificationNoticeModel> = {
  code: "rectification_notice",
  zh: "限期整改通知书",
  en: "Rectification notice",
  scope: "unit",
  load: loadRectificationNotice,
  sample: rectificationNoticeSample,
  fileName: (m) => sanitiseFileName(`${m.unit.code} ${m.unit.name} 限期整改通知书`),
  houseStyle: rectificationNoticeDocx,
};
