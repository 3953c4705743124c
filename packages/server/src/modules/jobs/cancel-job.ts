/** Cancels a queued or running job: the worker stops at its next batch; units done so far stay recorded. */
import type { Actor } from "../../access/actor.js";
import { authorOf } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { AppError } from "../../errors.js";
import { write } from "../../write.js";
import { requireOrganiser } from "../campaigns/campaign-context.js";
import { loadJob } from "./load-job.js";
import { type JobView, presentJob } from "./present-job.js";

export async function cancelJob(services: Services, actor: Actor, id: string): Promise<JobView> {
  const { job, campaign } = await loadJob(services.db, actor, id);
  requireOrganiser(actor, campaign);
  const cancelled = await write(services, authorOf(actor), async (w) => {
    const row = await w.trx
      .updateTable("jobs")
      .set({ status: "cancelled", finished_at: w.now, worker: null, heartbeat_at: null })
      .where("id", "=", id)
      .where("status", "in", ["queued", "running"])
      .returningAll()
      .executeTakeFirst();
    if (row === undefined)
      throw new AppError("conflict", [{ path: "status", message: job.status }], {
        zh: "任务已结束，不能取消",
        en: "The job has already ended; it cannot be cancelled",
      });
    await w.audit({
      action: "job.cancelled",
      entityType: "job",
      entityId: id,
      organisationId: campaign.organiserId,
      campaignId: campaign.id,
      before: { status: job.status, done: row.done, failed: row.failed },
      after: { status: "cancelled" },
    });
    return row;
  });
  return presentJob(services.db, cancelled);
}
