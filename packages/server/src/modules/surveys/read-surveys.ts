/** Reading a campaign's surveys (organisers and viewers). */
import type { Actor } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { loadCampaign, requireCampaignViewer } from "../campaigns/campaign-context.js";
import { presentSurveys, type SurveyView } from "./present-survey.js";
import { loadSurvey } from "./survey-context.js";

export async function listSurveys(
  services: Services,
  actor: Actor,
  campaignId: string,
): Promise<SurveyView[]> {
  const campaign = await loadCampaign(services.db, campaignId);
  requireCampaignViewer(actor, campaign);
  const rows = await services.db
    .selectFrom("surveys")
    .select("id")
    .where("campaign_id", "=", campaignId)
    .orderBy("created_at")
    .execute();
  const surveys = await Promise.all(rows.map((r) => loadSurvey(services.db, r.id)));
  return presentSurveys(services.db, surveys);
}

export async function getSurvey(services: Services, actor: Actor, surveyId: string): Promise<SurveyView> {
  const survey = await loadSurvey(services.db, surveyId);
  requireCampaignViewer(actor, survey.campaign);
  const [view] = await presentSurveys(services.db, [survey]);
  return view!;
}
