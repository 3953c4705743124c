/**
 * Starting a campaign: draft → running. The scheme version is frozen (it never changes again), the first stage
 * opens, and every unit taking part gets its self-evaluation (status draft).
 */
import type { Actor } from "../../access/actor.js";
import { authorOf } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { AppError } from "../../errors.js";
import { write } from "../../write.js";
import type { CampaignView } from "./present-campaign.js";
import { getCampaign } from "./read-campaigns.js";
import { wrongStage } from "./stages.js";
import { bumpCampaign, campaignForWrite } from "./update-campaign.js";

export async function startCampaign(
  services: Services,
  actor: Actor,
  campaignId: string,
  input: { version: number },
): Promise<CampaignView> {
  const campaign = await campaignForWrite(services, actor, campaignId, input.version);
  if (campaign.status !== "draft") throw wrongStage("考评活动已开始", "The campaign has already started");
  const first = campaign.stages[0];
  if (first === undefined)
    throw new AppError("incomplete", [
      { path: "stages", message: "the campaign has no stages / 未设置阶段" },
    ]);
  const units = await services.db
    .selectFrom("campaign_units")
    .select("organisation_id")
    .where("campaign_id", "=", campaign.id)
    .execute();
  if (units.length === 0)
    throw new AppError("incomplete", [
      { path: "units", message: "the campaign has no units / 未设置参评单位" },
    ]);
  await write(services, authorOf(actor), async (w) => {
    await bumpCampaign(w, campaign, { status: "running" });
    await w.trx
      .updateTable("scheme_versions")
      .set({ frozen: true })
      .where("id", "=", campaign.schemeVersionId)
      .where("frozen", "=", false)
      .execute();
    await w.trx
      .updateTable("campaign_stages")
      .set({ opened_at: w.now })
      .where("campaign_id", "=", campaign.id)
      .where("stage", "=", first.stage)
      .execute();
    await w.trx
      .insertInto("self_evaluations")
      .values(
        units.map((u) => ({
          campaign_id: campaign.id,
          organisation_id: u.organisation_id,
          report: "{}",
          data: "{}",
          bonus: "{}",
        })),
      )
      .onConflict((oc) => oc.columns(["campaign_id", "organisation_id"]).doNothing())
      .execute();
    await w.audit({
      action: "campaign.started",
      entityType: "campaign",
      entityId: campaign.id,
      organisationId: campaign.organiserId,
      campaignId: campaign.id,
      before: { status: "draft" },
      after: {
        status: "running",
        openedStage: first.stage,
        frozenSchemeVersion: campaign.schemeVersionId,
        selfEvaluations: units.length,
      },
    });
  });
  return getCampaign(services, actor, campaignId);
}
