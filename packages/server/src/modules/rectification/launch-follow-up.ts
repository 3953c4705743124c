/**
 * 发起回头看: a follow-up campaign of an earlier one, on the same scheme version, over the units that have closed
 * rectification items there, with a 单位自评 stage (the units look back at their own rectification) and a 复核
 * stage (the organiser re-checks each closed item). It starts as a draft like any campaign.
 */
import type { Actor } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { AppError } from "../../errors.js";
import { loadCampaign, requireOrganiser } from "../campaigns/campaign-context.js";
import { createCampaign } from "../campaigns/create-campaign.js";
import type { CampaignView } from "../campaigns/present-campaign.js";
import { deadlineOf } from "./item-input.js";
import { requireStarted } from "./rectification-item.js";

export async function launchFollowUp(
  services: Services,
  actor: Actor,
  campaignId: string,
  input: {
    name?: string | undefined;
    year?: number | undefined;
    selfCheckDeadline: string;
    recheckDeadline: string;
  },
): Promise<CampaignView> {
  const earlier = await loadCampaign(services.db, campaignId);
  requireOrganiser(actor, earlier);
  requireStarted(earlier);
  const units = await services.db
    .selectFrom("rectification_items as ri")
    .innerJoin("campaign_units as cu", (join) =>
      join
        .onRef("cu.campaign_id", "=", "ri.campaign_id")
        .onRef("cu.organisation_id", "=", "ri.organisation_id"),
    )
    .select(["ri.organisation_id", "cu.category", "cu.unit_group"])
    .distinct()
    .where("ri.campaign_id", "=", campaignId)
    .where("ri.status", "=", "closed")
    .orderBy("ri.organisation_id")
    .execute();
  if (units.length === 0)
    throw new AppError(
      "conflict",
      [{ path: "campaign", message: "no closed rectification items / 没有已关闭的整改事项" }],
      {
        zh: "该活动没有已关闭的整改事项，无需回头看",
        en: "The campaign has no closed rectification items to re-check",
      },
    );
  return createCampaign(services, actor, {
    organiserId: earlier.organiserId,
    name: input.name ?? `${earlier.name}整改“回头看”`,
    year: input.year ?? earlier.year,
    schemeVersionId: earlier.schemeVersionId,
    stages: [
      { stage: "self_evaluation", deadline: deadlineOf(input.selfCheckDeadline, "body.selfCheckDeadline") },
      { stage: "recheck", deadline: deadlineOf(input.recheckDeadline, "body.recheckDeadline") },
    ],
    units: units.map((u) => ({
      organisationId: u.organisation_id,
      category: u.category,
      group: u.unit_group,
    })),
    followUpOf: campaignId,
  });
}
