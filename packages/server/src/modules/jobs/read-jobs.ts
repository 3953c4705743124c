/** Jobs of a campaign, one job's progress, and its result ZIP once finished. */
import type { Readable } from "node:stream";
import type { Actor } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { AppError } from "../../errors.js";
import type { PageQuery } from "../../http/api.js";
import { loadCampaign, requireCampaignViewer } from "../campaigns/campaign-context.js";
import { loadJob } from "./load-job.js";
import { type JobSummary, type JobView, presentJob, presentJobSummary } from "./present-job.js";

export async function listJobs(services: Services, actor: Actor, campaignId: string, query: PageQuery) {
  const campaign = await loadCampaign(services.db, campaignId);
  requireCampaignViewer(actor, campaign);
  const base = services.db.selectFrom("jobs").where("campaign_id", "=", campaignId);
  const rows = await base
    .selectAll()
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const items: JobSummary[] = rows.map(presentJobSummary);
  return { items, total: Number(total), ...query };
}

export async function getJob(services: Services, actor: Actor, id: string): Promise<JobView> {
  const { job } = await loadJob(services.db, actor, id);
  return presentJob(services.db, job);
}

export async function jobResult(
  services: Services,
  actor: Actor,
  id: string,
): Promise<{ fileName: string; size: number; content: Readable }> {
  const { job } = await loadJob(services.db, actor, id);
  if (job.result_sha256 === null)
    throw new AppError("conflict", [{ path: "status", message: job.status }], {
      zh: "任务尚未完成，没有结果可下载",
      en: "The job has not finished with a result yet",
    });
  return {
    fileName: job.result_name ?? "result.zip",
    size: Number(job.result_size),
    content: await services.storage.get(job.result_sha256),
  };
}
