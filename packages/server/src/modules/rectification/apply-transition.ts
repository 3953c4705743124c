/**
 * Moves an item along the lifecycle (core's state machine decides), under its version, with a history row (who,
 * when, verdict, reason) and an audit row in the same transaction.
 */
import { nextRectificationStatus, type RectificationAction } from "@kaoping/core";
import type { Actor } from "../../access/actor.js";
import { authorOf } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { AppError } from "../../errors.js";
import { expectOneUpdated, type Writer, write } from "../../write.js";
import {
  type LoadedItem,
  presentItem,
  type RectificationItemView,
  selectItems,
} from "./rectification-item.js";

/** Records one history row of an item. */
export async function recordEvent(
  w: Writer,
  actor: Actor,
  event: {
    itemId: string;
    action: string;
    from: string | null;
    to: string;
    verdict?: string;
    reason?: string;
  },
): Promise<void> {
  await w.trx
    .insertInto("rectification_events")
    .values({
      item_id: event.itemId,
      action: event.action,
      from_status: event.from,
      to_status: event.to,
      verdict: event.verdict ?? null,
      reason: event.reason ?? null,
      actor_id: actor.userId,
      actor_name: actor.displayName,
      at: w.now,
    })
    .execute();
}

export async function applyTransition(
  services: Services,
  actor: Actor,
  item: LoadedItem,
  input: {
    version: number;
    action: RectificationAction;
    reason?: string | undefined;
    /** Checks made inside the transaction before the move (evidence present, say). */
    check?: (w: Writer) => Promise<void>;
  },
): Promise<RectificationItemView> {
  const { row } = item;
  const next = nextRectificationStatus(row.status, input.action);
  if (!next.ok)
    throw new AppError("conflict", [{ path: "status", message: next.reason }], {
      zh: next.reason,
      en: `Not allowed while the item is ${row.status}`,
    });
  if (row.version !== input.version) throw new AppError("stale_version");
  const verdict = input.action.kind === "verify" ? input.action.verdict : undefined;
  return write(services, authorOf(actor), async (w) => {
    await input.check?.(w);
    const result = await w.trx
      .updateTable("rectification_items")
      .set((eb) => ({
        status: next.to,
        version: eb("version", "+", 1),
        updated_at: w.now,
        ...(input.action.kind === "report" ? { reported_at: w.now } : {}),
        ...(verdict === undefined ? {} : { last_verdict: verdict }),
      }))
      .where("id", "=", row.id)
      .where("version", "=", input.version)
      .executeTakeFirst();
    expectOneUpdated(result);
    await recordEvent(w, actor, {
      itemId: row.id,
      action: input.action.kind,
      from: row.status,
      to: next.to,
      ...(verdict === undefined ? {} : { verdict }),
      ...(input.reason === undefined ? {} : { reason: input.reason }),
    });
    await w.audit({
      action: `rectification.${input.action.kind}`,
      entityType: "rectification_item",
      entityId: row.id,
      organisationId: row.organisation_id,
      campaignId: row.campaign_id,
      before: { status: row.status },
      after: { status: next.to, verdict, reason: input.reason },
    });
    const updated = await selectItems(w.trx).where("ri.id", "=", row.id).executeTakeFirstOrThrow();
    return presentItem(updated, item.campaign, w.now);
  });
}
