/**
 * 整改验证: the organiser's verdict on a reported item, with the reason — 通过 (已验证), 不通过 (reopened, back to
 * 整改中) or 部分通过 (recorded; back to 整改中 for the rest).
 */
import type { VerificationVerdict } from "@kaoping/core";
import type { Actor } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { requireOrganiser } from "../campaigns/campaign-context.js";
import { applyTransition } from "./apply-transition.js";
import { loadItem, type RectificationItemView } from "./rectification-item.js";

export async function verifyRectification(
  services: Services,
  actor: Actor,
  id: string,
  input: { version: number; verdict: VerificationVerdict; reason: string },
): Promise<RectificationItemView> {
  const item = await loadItem(services.db, id);
  requireOrganiser(actor, item.campaign);
  return applyTransition(services, actor, item, {
    version: input.version,
    action: { kind: "verify", verdict: input.verdict },
    reason: input.reason,
  });
}
