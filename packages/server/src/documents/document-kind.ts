/**
 * A kind of generated Word document (自评报告, 通报, 反馈意见, 限期整改通知书, 评分表): how its data is gathered, a
 * sample of that data, and its build in the house style. The data (the model) is plain JSON with every figure
 * already formatted, so the house style and an organisation's own template (docxtemplater placeholders) print the
 * same thing.
 */
import type { Actor } from "../access/actor.js";
import type { Services } from "../context.js";
import { invalid } from "../errors.js";

/** Whether a document is about one unit of a campaign or about the whole campaign. */
export type DocumentScope = "unit" | "campaign";

export interface DocumentKind<Model extends object = object> {
  /** Stable code used in URLs and templates, e.g. `self_evaluation_report`. */
  code: string;
  zh: string;
  en: string;
  scope: DocumentScope;
  /** Reads the model, checking that the actor may see it; `organisationId` is null for campaign documents. */
  load(services: Services, actor: Actor, campaignId: string, organisationId: string | null): Promise<Model>;
  /** A realistic model: what an uploaded template's placeholders are checked against, and its preview. */
  sample: Model;
  /**
   * The Chinese description of each placeholder, by path in the model ("unitName", "indicators.score"), shown in the
   * placeholder reference (GET /document-kinds) and the starter template. Types come from the sample.
   */
  placeholders?: Readonly<Record<string, string>>;
  /** The file name without extension, e.g. `S01 城关第一小学 自评报告`. */
  fileName(model: Model): string;
  /** The document in the house style (GB/T 9704). */
  houseStyle(model: Model): Promise<Buffer>;
}

/** The unit of a unit-scoped document: `organisationId` is required. */
export function requireUnitId(organisationId: string | null): string {
  if (organisationId === null)
    throw invalid("query.organisationId", "须指定单位 / organisationId is required");
  return organisationId;
}
