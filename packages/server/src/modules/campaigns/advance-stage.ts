/**
 * Moving a running campaign on: the open stage closes and the next one opens, strictly in order. After the last
 * stage closes the campaign stays running until its results are published. The logic knows nothing of what
 * each stage means; use cases that care check the open stage themselves (requireOpen, isReached).
 */
import type { Actor } from "../../access/actor.js";
import { authorOf } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { write } from "../../write.js";
import type { CampaignView } from "./present-campaign.js";
import { getCampaign } from "./read-campaigns.js";
import { currentStage, wrongStage } from "./stages.js";
import { bumpCampaign, campaignForWrite } from "./update-campaign.js";

export async function advanceStage(
  services: Services,
  actor: Actor,
  campaignId: string,
  input: { version: number },
): Promise<CampaignView> {
  const campaign = await campaignForWrite(services, actor, campaignId, input.version);
  if (campaign.status !== "running") throw wrongStage("考评活动尚未开始", "The campaign has not started");
  const open = currentStage(campaign.stages);
  if (open === null) throw wrongStage("所有阶段均已结束", "Every stage has closed");
  const next = campaign.stages.find((s) => s.position > open.position && s.openedAt === null) ?? null;
  await write(services, authorOf(actor), async (w) => {
    await bumpCampaign(w, campaign);
    await w.trx
      .updateTable("campaign_stages")
      .set({ closed_at: w.now })
      .where("campaign_id", "=", campaign.id)
      .where("stage", "=", open.stage)
      .execute();
    if (next !== null)
      await w.trx
        .updateTable("campaign_stages")
        .set({ opened_at: w.now })
        .where("campaign_id", "=", campaign.id)
        .where("stage", "=", next.stage)
        .execute();
    await w.audit({
      action: "campaign.stage_advanced",
      entityType: "campaign",
      entityId: campaign.id,
      organisationId: campaign.organiserId,
      campaignId: campaign.id,
      before: { open: open.stage },
      after: { closed: open.stage, open: next?.stage ?? null },
    });
  });
  return getCampaign(services, actor, campaignId);
}
