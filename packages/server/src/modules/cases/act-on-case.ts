/**
 * 办理: completing the case's current stage (or, by the center, sending it back to the unit — 退回). The center
 * acts on its stages, the responsible unit's people on the unit's; the core decides what follows. At 分派 the unit
 * must lie inside the center's subtree.
 */
import { actOnCase } from "@kaoping/core";
import type { Actor } from "../../access/actor.js";
import { authorOf } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { AppError, forbidden, invalid, notFound } from "../../errors.js";
import { expectOneUpdated, write } from "../../write.js";
import { isCenter, loadCaseType, mayActOn } from "./case-access.js";
import { type CaseDetail, getCase } from "./read-cases.js";

export interface CaseActionInput {
  version: number;
  action: "complete" | "return";
  note?: string | undefined;
  unitId?: string | undefined;
  revisited?: boolean | undefined;
}

export async function actOn(
  services: Services,
  actor: Actor,
  caseId: string,
  input: CaseActionInput,
): Promise<CaseDetail> {
  const row = await services.db
    .selectFrom("cases")
    .leftJoin("organisations as unit", "unit.id", "cases.unit_id")
    .selectAll("cases")
    .select("unit.path as unit_path")
    .where("cases.id", "=", caseId)
    .executeTakeFirst();
  if (row === undefined) throw notFound("case");
  const type = await loadCaseType(services.db, row.case_type_id);
  const stage = type.definition.stages[row.stage_index];
  if (stage === undefined)
    throw new AppError("locked", [
      { path: "stage", message: "every stage of this case is done / 该案件各环节均已办理完毕" },
    ]);
  const allowed =
    input.action === "return" ? isCenter(actor, type) : mayActOn(actor, type, stage, row.unit_path);
  if (!allowed)
    throw forbidden(
      stage.actor === "center"
        ? `${stage.name} is the center's stage / ${stage.name}由中心办理`
        : `${stage.name} is the responsible unit's stage / ${stage.name}由承办单位办理`,
    );
  if (input.unitId !== undefined) {
    const unit = await services.db
      .selectFrom("organisations")
      .select("path")
      .where("id", "=", input.unitId)
      .executeTakeFirst();
    if (unit === undefined || !unit.path.startsWith(type.ownerPath) || input.unitId === type.ownerId)
      throw invalid(
        "body.unitId",
        "the responsible unit must be an organisation below the case type's owner / 承办单位应为该案件类型所属单位的下级单位",
      );
  }
  const now = services.clock.now();
  const result = actOnCase(
    type.definition,
    {
      stageIndex: row.stage_index,
      unitId: row.unit_id,
      closedAt: row.closed_at === null ? null : new Date(row.closed_at),
      revisited: row.revisited,
    },
    input.action === "return"
      ? { kind: "return" }
      : { kind: "complete", unitId: input.unitId, revisited: input.revisited },
    now,
  );
  if (!result.ok) {
    const path = result.problem.path === "stage" ? "stage" : `body.${result.problem.path}`;
    throw new AppError(result.problem.path === "stage" ? "wrong_stage" : "validation", [
      { path, message: result.problem.message },
    ]);
  }
  const { step } = result;
  await write(services, authorOf(actor), async (w) => {
    const updated = await w.trx
      .updateTable("cases")
      .set((eb) => ({
        stage_index: step.stageIndex,
        stage_code: step.to,
        stage_due_at: step.stageDueAt,
        unit_id: step.unitId,
        closed_at: step.closedAt,
        revisited: step.revisited,
        finished_at: step.finishedAt,
        version: eb("version", "+", 1),
      }))
      .where("id", "=", caseId)
      .where("version", "=", input.version)
      .executeTakeFirst();
    expectOneUpdated(updated);
    await w.trx
      .insertInto("case_events")
      .values({
        case_id: caseId,
        at: now,
        actor_id: actor.userId,
        actor_name: actor.displayName,
        action: input.action === "return" ? "returned" : "completed",
        stage_code: step.from,
        to_stage_code: step.to,
        unit_id: input.unitId ?? null,
        revisited: input.revisited ?? null,
        note: input.note ?? null,
      })
      .execute();
    await w.audit({
      action: input.action === "return" ? "case.returned" : "case.stage_completed",
      entityType: "case",
      entityId: caseId,
      organisationId: step.unitId ?? type.ownerId,
      before: { stage: step.from, version: input.version },
      after: {
        stage: step.to,
        unitId: step.unitId,
        closedAt: step.closedAt,
        revisited: step.revisited,
        note: input.note,
      },
    });
  });
  return getCase(services, actor, caseId);
}
