/**
 * Creating and changing a survey (organisers of the campaign): the definition and the units it judges, each with
 * a typed population when the survey reads none from the base data. Once a response has come in the survey no
 * longer changes, since its questions and groups are what the responses mean.
 */
import type { Actor } from "../../access/actor.js";
import { authorOf } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { AppError, invalid } from "../../errors.js";
import { expectOneUpdated, type Writer, write } from "../../write.js";
import {
  type CampaignContext,
  loadCampaign,
  requireNotPublished,
  requireOrganiser,
} from "../campaigns/campaign-context.js";
import { checkDefinition, loadSurvey, type SurveyContext } from "./survey-context.js";

export interface SurveyInput {
  /** Checked by the core's SurveyDefinition. */
  definition: unknown;
  units: Array<{ organisationId: string; population?: number | null | undefined }>;
}

async function checkUnits(services: Services, campaign: CampaignContext, units: SurveyInput["units"]) {
  const ids = units.map((u) => u.organisationId);
  const duplicate = ids.findIndex((id, i) => ids.indexOf(id) !== i);
  if (duplicate >= 0) throw invalid(`body.units.${duplicate}.organisationId`, "the unit is listed twice");
  if (ids.length === 0) return;
  const found = await services.db
    .selectFrom("campaign_units")
    .select("organisation_id")
    .where("campaign_id", "=", campaign.id)
    .where("role", "=", "evaluated")
    .where("organisation_id", "in", ids)
    .execute();
  const known = new Set(found.map((r) => r.organisation_id));
  const missing = ids.findIndex((id) => !known.has(id));
  if (missing >= 0)
    throw invalid(`body.units.${missing}.organisationId`, "not an evaluated unit of the campaign");
}

async function writeUnits(w: Writer, surveyId: string, units: SurveyInput["units"]) {
  await w.trx.deleteFrom("survey_units").where("survey_id", "=", surveyId).execute();
  if (units.length === 0) return;
  await w.trx
    .insertInto("survey_units")
    .values(
      units.map((u) => ({
        survey_id: surveyId,
        organisation_id: u.organisationId,
        population: u.population ?? null,
      })),
    )
    .execute();
}

export async function createSurvey(
  services: Services,
  actor: Actor,
  campaignId: string,
  input: SurveyInput,
): Promise<SurveyContext> {
  const campaign = await loadCampaign(services.db, campaignId);
  requireOrganiser(actor, campaign);
  requireNotPublished(campaign);
  const definition = checkDefinition(campaign, input.definition);
  await checkUnits(services, campaign, input.units);
  const id = await write(services, authorOf(actor), async (w) => {
    const row = await w.trx
      .insertInto("surveys")
      .values({
        campaign_id: campaignId,
        definition: JSON.stringify(definition),
        created_by: actor.userId,
        created_at: w.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await writeUnits(w, row.id, input.units);
    await w.audit({
      action: "survey.created",
      entityType: "survey",
      entityId: row.id,
      organisationId: campaign.organiserId,
      campaignId,
      after: { title: definition.title, units: input.units.length },
    });
    return row.id;
  });
  return loadSurvey(services.db, id);
}

export async function updateSurvey(
  services: Services,
  actor: Actor,
  surveyId: string,
  input: SurveyInput & { version: number },
): Promise<SurveyContext> {
  const survey = await loadSurvey(services.db, surveyId);
  requireOrganiser(actor, survey.campaign);
  requireNotPublished(survey.campaign);
  const definition = checkDefinition(survey.campaign, input.definition);
  await checkUnits(services, survey.campaign, input.units);
  await write(services, authorOf(actor), async (w) => {
    const answered = await w.trx
      .selectFrom("survey_responses")
      .select("id")
      .where("survey_id", "=", surveyId)
      .limit(1)
      .executeTakeFirst();
    if (answered !== undefined) {
      throw new AppError("locked", [{ path: "survey", message: "responses have come in" }], {
        zh: "已有人作答，问卷不能再修改",
        en: "Responses have come in; the survey can no longer change",
      });
    }
    const result = await w.trx
      .updateTable("surveys")
      .set((eb) => ({ definition: JSON.stringify(definition), version: eb("version", "+", 1) }))
      .where("id", "=", surveyId)
      .where("version", "=", input.version)
      .executeTakeFirst();
    expectOneUpdated(result);
    await writeUnits(w, surveyId, input.units);
    await w.audit({
      action: "survey.changed",
      entityType: "survey",
      entityId: surveyId,
      organisationId: survey.campaign.organiserId,
      campaignId: survey.campaign.id,
      before: { title: survey.definition.title, units: survey.units.length },
      after: { title: definition.title, units: input.units.length },
    });
  });
  return loadSurvey(services.db, surveyId);
}
