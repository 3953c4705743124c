/** A job with its campaign, refused to anyone who may not look at the campaign. */
import type { Selectable } from "kysely";
import type { Actor } from "../../access/actor.js";
import type { Db } from "../../db/open-database.js";
import type { JobTable } from "../../db/schema.js";
import { notFound } from "../../errors.js";
import { type CampaignContext, loadCampaign, requireCampaignViewer } from "../campaigns/campaign-context.js";

export interface JobContext {
  job: Selectable<JobTable>;
  campaign: CampaignContext;
}

export async function loadJob(db: Db, actor: Actor, id: string): Promise<JobContext> {
  const job = await db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirst();
  if (job === undefined) throw notFound("job");
  const campaign = await loadCampaign(db, job.campaign_id);
  requireCampaignViewer(actor, campaign);
  return { job, campaign };
}
