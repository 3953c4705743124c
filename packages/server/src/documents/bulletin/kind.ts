/** 通报: a campaign's ranking and grades, counts per grade and veto cases. */
import { sanitiseFileName } from "../../modules/evidence/sanitise-file-name.js";
import type { DocumentKind } from "../document-kind.js";
import { bulletinDocx } from "./docx.js";
import { type BulletinModel, loadBulletin } from "./model.js";
import { bulletinSample } from "./sample.js";

export const bulletin: DocumentKind<BulletinModel> = {
  code: "bulletin",
  zh: "考评结果通报",
  en: "Results bulletin",
  scope: "campaign",
  load: (services, actor, campaignId) => loadBulletin(services, actor, campaignId),
  sample: bulletinSample,
  fileName: (m) => sanitiseFileName(`${m.organiserCode} ${m.campaign} 考评结果通报`),
  houseStyle: bulletinDocx,
};
