/**
 * 回头看复核: in a follow-up campaign the organiser re-checks each closed item of the earlier campaign once: 巩固
 * (held) or 反弹 (relapsed). A relapse opens a new item in the follow-up campaign, for the same unit and indicator,
 * linked to the old one, with the reason as its problem and a new deadline.
 */
import { canRecheck, type RecheckVerdict } from "@kaoping/core";
import type { Actor } from "../../access/actor.js";
import { authorOf } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { AppError, invalid } from "../../errors.js";
import { expectOneUpdated, write } from "../../write.js";
import { loadCampaign, requireCampaignViewer, requireOrganiser } from "../campaigns/campaign-context.js";
import { loadUnit } from "../review/review-sheets.js";
import { recordEvent } from "./apply-transition.js";
import { deadlineOf } from "./item-input.js";
import { loadItem, presentItem, type RectificationItemView, selectItems } from "./rectification-item.js";

/** The campaign a follow-up campaign follows up, or null for an ordinary one. */
async function followedUp(services: Services, campaignId: string): Promise<string | null> {
  const row = await services.db
    .selectFrom("campaigns")
    .select("follow_up_of")
    .where("id", "=", campaignId)
    .executeTakeFirstOrThrow();
  return row.follow_up_of;
}

export interface RecheckList {
  followUpOf: { id: string; name: string; year: number } | null;
  items: RectificationItemView[];
}

/** The earlier campaign's closed items, rechecked or not; an ordinary campaign has none. */
export async function listRechecks(
  services: Services,
  actor: Actor,
  campaignId: string,
): Promise<RecheckList> {
  const followUp = await loadCampaign(services.db, campaignId);
  requireCampaignViewer(actor, followUp);
  const earlierId = await followedUp(services, campaignId);
  if (earlierId === null) return { followUpOf: null, items: [] };
  const earlier = await loadCampaign(services.db, earlierId);
  const now = services.clock.now();
  const rows = await selectItems(services.db)
    .where("ri.campaign_id", "=", earlier.id)
    .where("ri.status", "=", "closed")
    .orderBy("o.code")
    .orderBy("ri.created_at")
    .orderBy("ri.id")
    .execute();
  return {
    followUpOf: { id: earlier.id, name: earlier.name, year: earlier.year },
    items: rows.map((r) => presentItem(r, earlier, now)),
  };
}

export async function recheckItem(
  services: Services,
  actor: Actor,
  campaignId: string,
  itemId: string,
  input: { version: number; verdict: RecheckVerdict; reason: string; deadline?: string | undefined },
): Promise<{ item: RectificationItemView; relapse: RectificationItemView | null }> {
  const followUp = await loadCampaign(services.db, campaignId);
  requireOrganiser(actor, followUp);
  const earlierId = await followedUp(services, campaignId);
  if (earlierId === null)
    throw new AppError(
      "conflict",
      [{ path: "campaign", message: "not a follow-up campaign / 不是回头看活动" }],
      {
        zh: "该活动不是回头看活动",
        en: "This campaign does not follow up an earlier one",
      },
    );
  const earlier = await loadCampaign(services.db, earlierId);
  const item = await loadItem(services.db, itemId);
  const { row } = item;
  if (row.campaign_id !== earlier.id)
    throw invalid("params.itemId", "not an item of the campaign followed up / 不是被回头看活动的事项");
  if (!canRecheck(row.status) || row.recheck_verdict !== null)
    throw new AppError(
      "conflict",
      [{ path: "status", message: "only closed items, once / 仅已关闭且未复核的事项" }],
      {
        zh: "只有已关闭且尚未复核的事项可以回头看复核",
        en: "Only closed items not yet re-checked can be re-checked",
      },
    );
  if (row.version !== input.version) throw new AppError("stale_version");
  let deadline: Date | null = null;
  if (input.verdict === "relapsed") {
    if (input.deadline === undefined)
      throw invalid("body.deadline", "a relapse needs a new deadline / 反弹须指定整改时限");
    deadline = deadlineOf(input.deadline, "body.deadline");
    await loadUnit(services, campaignId, row.organisation_id);
  }
  return write(services, authorOf(actor), async (w) => {
    const result = await w.trx
      .updateTable("rectification_items")
      .set((eb) => ({
        recheck_verdict: input.verdict,
        recheck_reason: input.reason,
        recheck_campaign_id: campaignId,
        rechecked_at: w.now,
        version: eb("version", "+", 1),
        updated_at: w.now,
      }))
      .where("id", "=", itemId)
      .where("version", "=", input.version)
      .executeTakeFirst();
    expectOneUpdated(result);
    await recordEvent(w, actor, {
      itemId,
      action: "recheck",
      from: row.status,
      to: row.status,
      verdict: input.verdict,
      reason: input.reason,
    });
    let relapseId: string | null = null;
    if (deadline !== null) {
      const created = await w.trx
        .insertInto("rectification_items")
        .values({
          campaign_id: campaignId,
          organisation_id: row.organisation_id,
          source: "recheck",
          indicator_code: row.indicator_code,
          problem: `【回头看反弹】${input.reason}（原问题：${row.problem}）`,
          deadline,
          responsible_person: row.responsible_person,
          relapse_of: itemId,
          created_by: actor.userId,
          created_at: w.now,
          updated_at: w.now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      relapseId = created.id;
      await recordEvent(w, actor, {
        itemId: created.id,
        action: "create",
        from: null,
        to: "pending",
        reason: "回头看反弹",
      });
    }
    await w.audit({
      action: "rectification.rechecked",
      entityType: "rectification_item",
      entityId: itemId,
      organisationId: row.organisation_id,
      campaignId,
      after: { verdict: input.verdict, reason: input.reason, relapseId },
    });
    const rows = await selectItems(w.trx)
      .where("ri.id", "in", relapseId === null ? [itemId] : [itemId, relapseId])
      .execute();
    const old = rows.find((r) => r.id === itemId)!;
    const relapse = rows.find((r) => r.id === relapseId);
    return {
      item: presentItem(old, earlier, w.now),
      relapse: relapse === undefined ? null : presentItem(relapse, followUp, w.now),
    };
  });
}
