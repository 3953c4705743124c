/**
 * A document of any kind for one campaign (and unit): its model read with the actor's rights, printed with the
 * template the campaign's organiser uploaded for that kind, or else in the house style. Routes, batch jobs and
 * evidence archives all go through here.
 */
import type { Actor } from "../access/actor.js";
import type { Services } from "../context.js";
import { invalid, notFound } from "../errors.js";
import { documentKind } from "./kinds.js";
import { fillTemplate } from "./templates/fill-template.js";
import { findTemplate, templateBytes } from "./templates/read-template.js";

export interface RenderedDocument {
  /** With the .docx extension. */
  fileName: string;
  content: Buffer;
}

export async function renderDocument(
  services: Services,
  actor: Actor,
  kindCode: string,
  campaignId: string,
  organisationId: string | null,
): Promise<RenderedDocument> {
  const kind = documentKind(kindCode);
  if (kind.scope === "unit" && organisationId === null) {
    throw invalid("query.organisationId", `${kind.zh}须指定单位 / ${kind.en} needs organisationId`);
  }
  const model = await kind.load(services, actor, campaignId, kind.scope === "unit" ? organisationId : null);
  const campaign = await services.db
    .selectFrom("campaigns")
    .select("organiser_id")
    .where("id", "=", campaignId)
    .executeTakeFirst();
  if (campaign === undefined) throw notFound(`campaign ${campaignId}`);
  const template = await findTemplate(services, campaign.organiser_id, kind.code);
  const content =
    template === undefined
      ? await kind.houseStyle(model)
      : fillTemplate(await templateBytes(services, template), model);
  return { fileName: `${kind.fileName(model)}.docx`, content };
}
