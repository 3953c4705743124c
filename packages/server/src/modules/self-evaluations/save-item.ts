/**
 * Saves one indicator's self-evaluation: the input its method needs (score, deductions with counts, checked
 * items, level, yes/no, 不适用) checked by the engine against the leaf's method, and the narrative (自评说明).
 * Each item has its own version: 0 for a first save, then the version last read; a stale one is refused (409).
 */
import type { Actor } from "../../access/actor.js";
import { authorOf } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { AppError, notFound } from "../../errors.js";
import { write } from "../../write.js";
import { type ItemChange, type ItemSaved, itemInputProblems, writeItem } from "./item-writes.js";
import {
  loadSelfEvaluation,
  lockEditable,
  requireEdit,
  requireEditable,
  unitMask,
} from "./self-evaluation-context.js";

export type { ItemChange, ItemSaved } from "./item-writes.js";

export async function saveItem(
  services: Services,
  actor: Actor,
  campaignId: string,
  organisationId: string,
  indicatorCode: string,
  change: ItemChange,
): Promise<ItemSaved> {
  const ctx = await loadSelfEvaluation(services.db, actor, campaignId, organisationId);
  const plan = ctx.campaign.scheme;
  const index = plan.byCode.get(indicatorCode);
  if (index === undefined || unitMask(plan, ctx.unit.category)[index] !== 1)
    throw notFound(`indicator ${indicatorCode}`);
  requireEdit(ctx, indicatorCode);
  requireEditable(ctx);
  const problems = itemInputProblems(ctx, indicatorCode, change.input);
  if (problems.length > 0)
    throw new AppError(
      "validation",
      problems.map((p) => ({
        path: p.path === "" ? "body.input" : `body.input.${p.path}`,
        message: p.message,
      })),
    );
  return write(services, authorOf(actor), async (w) => {
    await lockEditable(w.trx, ctx);
    return writeItem(w, ctx, actor.userId, indicatorCode, change);
  });
}
