/**
 * The satisfaction indicators of a campaign's scheme, with the Likert levels a key question needs to feed each
 * ("create the question from the indicator's answers" in the builder).
 */
import { type LikertLevel, levelsFromIndicator } from "@kaoping/core";
import type { Actor } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { loadCampaign, requireCampaignViewer } from "../campaigns/campaign-context.js";
import { satisfactionIndicator } from "./survey-context.js";

export async function satisfactionIndicators(
  services: Services,
  actor: Actor,
  campaignId: string,
): Promise<Array<{ code: string; name: string; measure: "rate" | "mean"; levels: LikertLevel[] }>> {
  const campaign = await loadCampaign(services.db, campaignId);
  requireCampaignViewer(actor, campaign);
  return campaign.scheme.nodes.flatMap((node) => {
    const indicator = satisfactionIndicator(campaign.scheme, node.code);
    return indicator === null
      ? []
      : [
          {
            code: node.code,
            name: node.name,
            measure: indicator.measure,
            levels: levelsFromIndicator(indicator),
          },
        ];
  });
}
