/**
 * The organiser records one rectification item for a unit of the campaign: a problem found in review, fed back, or
 * found on an inspection (执法检查), with as many of the specifics as are known; the unit fills in the rest.
 */
import type { Actor } from "../../access/actor.js";
import { authorOf } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { write } from "../../write.js";
import { loadCampaign, requireOrganiser } from "../campaigns/campaign-context.js";
import { loadUnit } from "../review/review-sheets.js";
import { recordEvent } from "./apply-transition.js";
import { deadlineOf, requireIndicator, text } from "./item-input.js";
import {
  presentItem,
  type RectificationItemView,
  requireStarted,
  selectItems,
} from "./rectification-item.js";

export interface NewRectificationItem {
  organisationId: string;
  source: "review" | "feedback" | "inspection";
  indicatorCode?: string | null | undefined;
  problem: string;
  target?: string | null | undefined;
  measures?: string | null | undefined;
  deadline: string;
  responsiblePerson?: string | null | undefined;
}

export async function createRectificationItem(
  services: Services,
  actor: Actor,
  campaignId: string,
  input: NewRectificationItem,
): Promise<RectificationItemView> {
  const campaign = await loadCampaign(services.db, campaignId);
  requireOrganiser(actor, campaign);
  requireStarted(campaign);
  await loadUnit(services, campaignId, input.organisationId);
  requireIndicator(campaign, input.indicatorCode, "body.indicatorCode");
  const deadline = deadlineOf(input.deadline, "body.deadline");
  return write(services, authorOf(actor), async (w) => {
    const created = await w.trx
      .insertInto("rectification_items")
      .values({
        campaign_id: campaignId,
        organisation_id: input.organisationId,
        source: input.source,
        indicator_code: input.indicatorCode ?? null,
        problem: input.problem.trim(),
        target: text(input.target),
        measures: text(input.measures),
        deadline,
        responsible_person: text(input.responsiblePerson),
        created_by: actor.userId,
        created_at: w.now,
        updated_at: w.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordEvent(w, actor, { itemId: created.id, action: "create", from: null, to: "pending" });
    await w.audit({
      action: "rectification.created",
      entityType: "rectification_item",
      entityId: created.id,
      organisationId: input.organisationId,
      campaignId,
      after: input,
    });
    const row = await selectItems(w.trx).where("ri.id", "=", created.id).executeTakeFirstOrThrow();
    return presentItem(row, campaign, w.now);
  });
}
