/**
 * 任务分解: the unit head gives an indicator (with everything under it) or a base-data table ("table:CODE") to a
 * responsible department, with a person and a deadline. Department staff then fill only what is theirs.
 */
import type { Actor } from "../../access/actor.js";
import { authorOf } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { AppError, forbidden } from "../../errors.js";
import { expectOneUpdated, write } from "../../write.js";
import { type AssignmentView, presentAssignment } from "./read-self-evaluation.js";
import {
  auditScope,
  loadSelfEvaluation,
  lockEditable,
  requireEditable,
  unitMask,
} from "./self-evaluation-context.js";

export interface AssignmentChange {
  /** Absent or 0 for a new assignment; otherwise the version read. */
  version?: number | undefined;
  departmentId: string | null;
  person: string | null;
  deadline: string | null;
}

export async function assignTask(
  services: Services,
  actor: Actor,
  campaignId: string,
  organisationId: string,
  target: string,
  change: AssignmentChange,
): Promise<AssignmentView> {
  const ctx = await loadSelfEvaluation(services.db, actor, campaignId, organisationId);
  if (!ctx.permissions.assign) throw forbidden("only the unit's head assigns tasks / 仅单位负责人可分解任务");
  requireEditable(ctx);
  const plan = ctx.campaign.scheme;
  const exists = target.startsWith("table:")
    ? plan.tables.has(target.slice("table:".length))
    : plan.byCode.has(target) && unitMask(plan, ctx.unit.category)[plan.byCode.get(target)!] === 1;
  if (!exists)
    throw new AppError("not_found", [{ path: "params.target", message: `no indicator or table ${target}` }]);
  let departmentName: string | null = null;
  if (change.departmentId !== null) {
    const department = await services.db
      .selectFrom("organisations")
      .select("name")
      .where("id", "=", change.departmentId)
      .executeTakeFirst();
    if (department === undefined)
      throw new AppError("validation", [
        { path: "body.departmentId", message: "no such organisation / 无此部门" },
      ]);
    departmentName = department.name;
  }
  const evaluationId = ctx.evaluation.id;
  const values = {
    department_id: change.departmentId,
    person: change.person,
    deadline: change.deadline === null ? null : new Date(change.deadline),
  };
  const row = await write(services, authorOf(actor), async (w) => {
    await lockEditable(w.trx, ctx);
    const before = await w.trx
      .selectFrom("task_assignments")
      .selectAll()
      .where("self_evaluation_id", "=", evaluationId)
      .where("target", "=", target)
      .executeTakeFirst();
    if ((change.version ?? 0) === 0) {
      const inserted = await w.trx
        .insertInto("task_assignments")
        .values({ self_evaluation_id: evaluationId, target, ...values })
        .onConflict((oc) => oc.columns(["self_evaluation_id", "target"]).doNothing())
        .executeTakeFirst();
      if (inserted.numInsertedOrUpdatedRows !== 1n) throw new AppError("stale_version");
    } else {
      const updated = await w.trx
        .updateTable("task_assignments")
        .set((eb) => ({ ...values, version: eb("version", "+", 1) }))
        .where("self_evaluation_id", "=", evaluationId)
        .where("target", "=", target)
        .where("version", "=", change.version ?? 0)
        .executeTakeFirst();
      expectOneUpdated(updated);
    }
    const after = await w.trx
      .selectFrom("task_assignments")
      .selectAll()
      .where("self_evaluation_id", "=", evaluationId)
      .where("target", "=", target)
      .executeTakeFirstOrThrow();
    await w.audit({
      action: "self_evaluation.task_assigned",
      entityType: "task_assignment",
      entityId: `${evaluationId}:${target}`,
      ...auditScope(ctx),
      before: before ?? null,
      after,
    });
    return after;
  });
  return presentAssignment(
    {
      target,
      departmentId: row.department_id,
      person: row.person,
      deadline: row.deadline,
      version: row.version,
    },
    departmentName,
    true,
    services.clock.now(),
  );
}
