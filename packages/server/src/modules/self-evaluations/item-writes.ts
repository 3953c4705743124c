/**
 * Checking and writing one indicator's self-evaluation item (input and narrative, 自评说明), shared by the
 * per-item save and the workbook import: the engine checks the input against the leaf's method; the write is
 * versioned (0 for a first save) and audited with before and after.
 */
import { checkLeafInput, type LeafInputProblem } from "@kaoping/core";
import { AppError } from "../../errors.js";
import { expectOneUpdated, type Writer } from "../../write.js";
import { auditScope, type SelfEvaluationContext } from "./self-evaluation-context.js";

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

/** The input's problems for the indicator (paths inside the input, "" for the input itself); none for null. */
export function itemInputProblems(
  ctx: SelfEvaluationContext,
  code: string,
  input: unknown,
): LeafInputProblem[] {
  if (input === undefined || input === null) return [];
  const plan = ctx.campaign.scheme;
  if (plan.nodes[plan.byCode.get(code)!]!.leaf < 0)
    return [{ path: "", message: `${code} is not a leaf; only leaves take inputs / 只有末级指标可以填报` }];
  const origin = ctx.fed.origins[code];
  if (ctx.fed.scores[code] !== undefined && origin !== undefined)
    return [{ path: "", message: `${code} is taken from ${origin} / 该指标由${origin}自动计入，不能填报` }];
  return checkLeafInput(plan, code, input);
}

/** Writes the item inside the writer's transaction; a version that is not the stored one is refused (409). */
export async function writeItem(
  w: Writer,
  ctx: SelfEvaluationContext,
  userId: string,
  indicatorCode: string,
  change: ItemChange,
): Promise<ItemSaved> {
  const evaluationId = ctx.evaluation.id;
  const current = () =>
    w.trx
      .selectFrom("self_evaluation_items")
      .selectAll()
      .where("self_evaluation_id", "=", evaluationId)
      .where("indicator_code", "=", indicatorCode);
  const before = await current().executeTakeFirst();
  const input = change.input === undefined ? (before?.input ?? null) : change.input;
  const values = {
    input: input === null ? null : JSON.stringify(input),
    narrative: change.narrative ?? before?.narrative ?? "",
    updated_by: userId,
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
  const after = await current().executeTakeFirstOrThrow();
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
}
