/** 开始整改: the responsible unit takes up an item (待整改 → 整改中). */
import type { Actor } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { applyTransition } from "./apply-transition.js";
import { loadItem, type RectificationItemView, requireUnitOrOrganiser } from "./rectification-item.js";

export async function startRectification(
  services: Services,
  actor: Actor,
  id: string,
  input: { version: number },
): Promise<RectificationItemView> {
  const item = await loadItem(services.db, id);
  requireUnitOrOrganiser(actor, item);
  return applyTransition(services, actor, item, { version: input.version, action: { kind: "start" } });
}
