/** 销号: the organiser closes a verified item; the state machine refuses anything not verified as passed. */
import type { Actor } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { requireOrganiser } from "../campaigns/campaign-context.js";
import { applyTransition } from "./apply-transition.js";
import { loadItem, type RectificationItemView } from "./rectification-item.js";

export async function closeRectification(
  services: Services,
  actor: Actor,
  id: string,
  input: { version: number; reason?: string | undefined },
): Promise<RectificationItemView> {
  const item = await loadItem(services.db, id);
  requireOrganiser(actor, item.campaign);
  return applyTransition(services, actor, item, {
    version: input.version,
    action: { kind: "close" },
    reason: input.reason,
  });
}
