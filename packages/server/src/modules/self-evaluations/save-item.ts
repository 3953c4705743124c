/**
 * Saves one indicator's self-evaluation: the input its method needs (score, deductions with counts, checked
 * items, level, yes/no, 不适用) checked by the engine against the leaf's method, and the narrative (自评说明).
 * Each item has its own version: 0 for a first save, then the version last read; a stale one is refused (409).
 */
import { checkLeafInput } from "@kaoping/core";
import type { Actor } from "../../access/actor.js";
import { authorOf } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { AppError, notFound } from "../../errors.js";
import { expectOneUpdated, write } from "../../write.js";
import {
  auditScope,
  loadSelfEvaluation,
  lockEditable,
  requireEdit,
  requireEditable,
  unitMask,
} from "./self-evaluation-context.js";

export interface ItemChange {
  version: number;
  /** The leaf's input; null clears it. Absent: unchanged. */
  input?: unknown;
  narrative?: string | undefined;
}

export interface ItemSaved {
  indicatorCode: string;
  input: unknown;
  narrative: string;
  version: number;
  updatedAt: string;
}

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
  const node = plan.nodes[index]!;
  if (change.input !== undefined && change.input !== null) {
    if (node.leaf < 0)
      throw new AppError("validation", [
        {
          path: "body.input",
          message: `${indicatorCode} is not a leaf; only leaves take inputs / 只有末级指标可以填报`,
        },
      ]);
    const problems = checkLeafInput(plan, indicatorCode, change.input);
    if (problems.length > 0)
      throw new AppError(
        "validation",
        problems.map((p) => ({
          path: p.path === "" ? "body.input" : `body.input.${p.path}`,
          message: p.message,
        })),
      );
  }
  const evaluationId = ctx.evaluation.id;
  return write(services, authorOf(actor), async (w) => {
    await lockEditable(w.trx, ctx);
    const before = await w.trx
      .selectFrom("self_evaluation_items")
      .selectAll()
      .where("self_evaluation_id", "=", evaluationId)
      .where("indicator_code", "=", indicatorCode)
      .executeTakeFirst();
    const input = change.input === undefined ? (before?.input ?? null) : change.input;
    const narrative = change.narrative ?? before?.narrative ?? "";
    const values = {
      input: input === null ? null : JSON.stringify(input),
      narrative,
      updated_by: actor.userId,
      updated_at: w.now,
    };
    if (change.version === 0) {
      const inserted = await w.trx
        .insertInto("self_evaluation_items")
        .values({ self_evaluation_id: evaluationId, indicator_code: indicatorCode, ...values })
        .onConflict((oc) => oc.columns(["self_evaluation_id", "indicator_code"]).doNothing())
        .executeTakeFirst();
      if (inserted.numInsertedOrUpdatedRows !== 1n) throw new AppError("stale_version");
    } else {
      const updated = await w.trx
        .updateTable("self_evaluation_items")
        .set((eb) => ({ ...values, version: eb("version", "+", 1) }))
        .where("self_evaluation_id", "=", evaluationId)
        .where("indicator_code", "=", indicatorCode)
        .where("version", "=", change.version)
        .executeTakeFirst();
      expectOneUpdated(updated);
    }
    const after = await w.trx
      .selectFrom("self_evaluation_items")
      .selectAll()
      .where("self_evaluation_id", "=", evaluationId)
      .where("indicator_code", "=", indicatorCode)
      .executeTakeFirstOrThrow();
    await w.audit({
      action: "self_evaluation.item_saved",
      entityType: "self_evaluation_item",
      entityId: `${evaluationId}:${indicatorCode}`,
      ...auditScope(ctx),
      before:
        before === undefined
          ? null
          : { input: before.input, narrative: before.narrative, version: before.version },
      after: { input: after.input, narrative: after.narrative, version: after.version },
    });
    return {
      indicatorCode,
      input: after.input,
      narrative: after.narrative,
      version: after.version,
      updatedAt: new Date(after.updated_at).toISOString(),
    };
  });
}
