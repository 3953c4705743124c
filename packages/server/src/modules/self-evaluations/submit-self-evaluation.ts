/**
 * Submitting a self-evaluation locks it. It must be complete first: every applicable leaf that is not computed
 * has a valid input, every required field has a value, the tables break no rule (cross-level ones included) and
 * the engine can score it. Otherwise 422 incomplete, each missing indicator, field or cell in the details.
 */
import { checkLeafInput } from "@kaoping/core";
import type { Actor } from "../../access/actor.js";
import { authorOf } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { AppError, type ErrorDetail } from "../../errors.js";
import { expectOneUpdated, type Trx, write } from "../../write.js";
import { liveScore, unitData } from "./read-self-evaluation.js";
import {
  auditScope,
  loadSelfEvaluation,
  lockEditable,
  lockedError,
  requireEdit,
  requireEditable,
  type SelfEvaluationContext,
  unitMask,
} from "./self-evaluation-context.js";
import { loadUnitTables, tableViolations } from "./unit-tables.js";

export interface StatusView {
  status: "draft" | "submitted" | "returned" | "accepted";
  version: number;
  submissions: number;
  submittedAt: string | null;
  returnedReason: string | null;
}

/** What still keeps the self-evaluation from being submitted; empty when it is complete. */
export async function completenessProblems(db: Trx, ctx: SelfEvaluationContext): Promise<ErrorDetail[]> {
  const plan = ctx.campaign.scheme;
  const evaluationId = ctx.evaluation.id;
  const problems: ErrorDetail[] = [];
  const tables = (await loadUnitTables(db, [evaluationId])).get(evaluationId) ?? {};
  if (ctx.unit.role === "evaluated") {
    const items = await db
      .selectFrom("self_evaluation_items")
      .select(["indicator_code", "input"])
      .where("self_evaluation_id", "=", evaluationId)
      .execute();
    const inputs = new Map(items.map((i) => [i.indicator_code, i.input]));
    const mask = unitMask(plan, ctx.unit.category);
    for (const index of plan.leaves) {
      const node = plan.nodes[index]!;
      if (mask[index] !== 1 || node.method?.type === "formula" || node.method?.type === "satisfaction")
        continue;
      const input = inputs.get(node.code);
      const path = `indicators.${node.code}`;
      if (input === undefined || input === null) {
        problems.push({ path, message: `${node.code} ${node.name}：未填写自评 / no self-evaluation input` });
        continue;
      }
      for (const p of checkLeafInput(plan, node.code, input))
        problems.push({ path, message: `${node.code} ${node.name}：${p.message}` });
    }
    const { data } = unitData(ctx, tables);
    for (const field of plan.fields.values()) {
      const value = data[field.code];
      if (field.optional || (value !== undefined && value !== null && value !== "")) continue;
      const where =
        field.from === undefined
          ? ""
          : `（取自 ${field.from.table}${field.from.row === undefined ? "" : `!${field.from.row}`}.${field.from.column}）`;
      problems.push({ path: `data.${field.code}`, message: `${field.name}${where}未填写 / no value` });
    }
    if (problems.length === 0) {
      // Whatever else the engine finds (a rate over a zero count …) also keeps it from being submitted.
      for (const p of liveScore(ctx, data, items).problems) problems.push(p);
    }
  }
  for (const v of await tableViolations(db, plan, ctx.campaign.id, ctx.unit.id, tables))
    problems.push({ path: v.cell, message: `[${v.rule}] ${v.message}` });
  return problems;
}

const statusOf = (row: {
  status: StatusView["status"];
  version: number;
  submissions: number;
  submitted_at: Date | null;
  returned_reason: string | null;
}): StatusView => ({
  status: row.status,
  version: row.version,
  submissions: row.submissions,
  submittedAt: row.submitted_at?.toISOString() ?? null,
  returnedReason: row.returned_reason,
});

export async function submitSelfEvaluation(
  services: Services,
  actor: Actor,
  campaignId: string,
  organisationId: string,
  change: { version: number },
): Promise<StatusView> {
  const ctx = await loadSelfEvaluation(services.db, actor, campaignId, organisationId);
  requireEdit(ctx, "*");
  requireEditable(ctx);
  return write(services, authorOf(actor), async (w) => {
    const before = await lockEditable(w.trx, ctx);
    if (before.version !== change.version) throw new AppError("stale_version");
    const problems = await completenessProblems(w.trx, ctx);
    if (problems.length > 0) throw new AppError("incomplete", problems);
    const row = await w.trx
      .updateTable("self_evaluations")
      .set((eb) => ({
        status: "submitted",
        submitted_at: w.now,
        submissions: eb("submissions", "+", 1),
        version: eb("version", "+", 1),
      }))
      .where("id", "=", ctx.evaluation.id)
      .where("version", "=", change.version)
      .returningAll()
      .executeTakeFirst();
    if (row === undefined) throw new AppError("stale_version");
    await w.audit({
      action: "self_evaluation.submitted",
      entityType: "self_evaluation",
      entityId: ctx.evaluation.id,
      ...auditScope(ctx),
      before: { status: before.status, submissions: before.submissions },
      after: { status: row.status, submissions: row.submissions },
    });
    return statusOf(row);
  });
}

/** Return (退回) and accept (初审通过) are the organiser's, on a submitted self-evaluation, during 自评 or 初审. */
async function decide(
  services: Services,
  actor: Actor,
  campaignId: string,
  organisationId: string,
  version: number,
  decision: { status: "returned" | "accepted"; reason?: string },
): Promise<StatusView> {
  const ctx = await loadSelfEvaluation(services.db, actor, campaignId, organisationId);
  if (!ctx.permissions.organise)
    throw new AppError("forbidden", [
      { path: "actor", message: "only the campaign's organisers / 仅组织方可操作" },
    ]);
  const open = ctx.campaign.stages.find((s) => s.openedAt !== null && s.closedAt === null)?.stage;
  if (ctx.campaign.status !== "running" || (open !== "self_evaluation" && open !== "preliminary"))
    throw new AppError("wrong_stage", [], {
      zh: "只能在“单位自评”或“初审”阶段退回或通过自评",
      en: "Self-evaluations are returned or accepted during the self_evaluation or preliminary stage",
    });
  return write(services, authorOf(actor), async (w) => {
    const before = await w.trx
      .selectFrom("self_evaluations")
      .selectAll()
      .where("id", "=", ctx.evaluation.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (before.version !== version) throw new AppError("stale_version");
    if (before.status !== "submitted") {
      throw before.status === "accepted"
        ? lockedError("accepted")
        : new AppError("conflict", [
            { path: "status", message: `${before.status}: not submitted / 尚未提交` },
          ]);
    }
    const result = await w.trx
      .updateTable("self_evaluations")
      .set((eb) => ({
        status: decision.status,
        ...(decision.reason === undefined ? {} : { returned_reason: decision.reason }),
        version: eb("version", "+", 1),
      }))
      .where("id", "=", ctx.evaluation.id)
      .where("version", "=", version)
      .executeTakeFirst();
    expectOneUpdated(result);
    await w.audit({
      action: decision.status === "returned" ? "self_evaluation.returned" : "self_evaluation.accepted",
      entityType: "self_evaluation",
      entityId: ctx.evaluation.id,
      ...auditScope(ctx),
      before: { status: before.status },
      after: decision,
    });
    const row = await w.trx
      .selectFrom("self_evaluations")
      .selectAll()
      .where("id", "=", ctx.evaluation.id)
      .executeTakeFirstOrThrow();
    return statusOf(row);
  });
}

export function returnSelfEvaluation(
  services: Services,
  actor: Actor,
  campaignId: string,
  organisationId: string,
  change: { version: number; reason: string },
): Promise<StatusView> {
  const reason = change.reason.trim();
  if (reason === "")
    throw new AppError("validation", [
      { path: "body.reason", message: "a reason is required / 请填写退回理由" },
    ]);
  return decide(services, actor, campaignId, organisationId, change.version, { status: "returned", reason });
}

export function acceptSelfEvaluation(
  services: Services,
  actor: Actor,
  campaignId: string,
  organisationId: string,
  change: { version: number },
): Promise<StatusView> {
  return decide(services, actor, campaignId, organisationId, change.version, { status: "accepted" });
}
