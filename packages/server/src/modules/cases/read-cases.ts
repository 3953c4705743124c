/**
 * Cases as lists (paged, filtered by type, unit, stage, open/closed and overdue; only what the actor may see) and
 * one case with its stages, its event history and what the actor may do on it now.
 */
import type { CaseTypeDefinition } from "@kaoping/core";
import type { Actor } from "../../access/actor.js";
import { isAdmin, scopeRoots } from "../../access/scope.js";
import type { Services } from "../../context.js";
import { forbidden, notFound } from "../../errors.js";
import type { PageQuery } from "../../http/api.js";
import { inScope } from "../organisations/in-scope.js";
import {
  CENTER_READERS,
  isCenter,
  loadCaseType,
  mayActOn,
  mayReadCase,
  storedDefinition,
  UNIT_ROLES,
} from "./case-access.js";
import { type CaseView, caseRowsQuery, presentCase } from "./present-case.js";

export interface CaseFilters {
  typeId?: string | undefined;
  unitId?: string | undefined;
  stage?: string | undefined;
  status?: "open" | "closed" | undefined;
  overdue?: boolean | undefined;
  /** Part of the number or title. */
  q?: string | undefined;
}

export async function listCases(services: Services, actor: Actor, query: PageQuery & CaseFilters) {
  const now = services.clock.now();
  const centerRoots = scopeRoots(actor, CENTER_READERS);
  const unitRoots = isAdmin(actor) ? [] : (scopeRoots(actor, UNIT_ROLES) ?? []);
  let base = caseRowsQuery(services.db).where((eb) =>
    eb.or([inScope("owner.path", centerRoots), inScope("unit.path", unitRoots)]),
  );
  if (query.typeId !== undefined) base = base.where("cases.case_type_id", "=", query.typeId);
  if (query.unitId !== undefined) base = base.where("cases.unit_id", "=", query.unitId);
  if (query.stage !== undefined) base = base.where("cases.stage_code", "=", query.stage);
  if (query.status === "open") base = base.where("cases.closed_at", "is", null);
  if (query.status === "closed") base = base.where("cases.closed_at", "is not", null);
  if (query.overdue === true)
    base = base.where("cases.finished_at", "is", null).where("cases.stage_due_at", "<", now);
  if (query.overdue === false)
    base = base.where((eb) =>
      eb.or([eb("cases.finished_at", "is not", null), eb("cases.stage_due_at", ">=", now)]),
    );
  if (query.q !== undefined && query.q !== "") {
    const pattern = `%${query.q.replace(/[\\%_]/g, "\\$&")}%`;
    base = base.where((eb) =>
      eb.or([eb("cases.number", "like", pattern), eb("cases.title", "like", pattern)]),
    );
  }
  const rows = await base
    .orderBy("cases.received_at", "desc")
    .orderBy("cases.number")
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  const { total } = await base
    .clearSelect()
    .select((eb) => eb.fn.countAll<string>().as("total"))
    .executeTakeFirstOrThrow();
  const items: CaseView[] = rows.map((row) =>
    presentCase(row, storedDefinition(row.case_type_id, row.definition), now),
  );
  return { items, total: Number(total), limit: query.limit, offset: query.offset };
}

export interface CaseStageView {
  code: string;
  name: string;
  hours: number;
  actor: "center" | "unit";
  status: "done" | "current" | "pending";
}

export interface CaseEventView {
  at: string;
  actorName: string;
  action: "received" | "completed" | "returned";
  stageCode: string;
  toStageCode: string | null;
  unitId: string | null;
  revisited: boolean | null;
  note: string | null;
}

export interface CaseDetail extends CaseView {
  stages: CaseStageView[];
  dispatchStage: string;
  revisitStage: string | null;
  events: CaseEventView[];
  /** The actor may complete the current stage; `mayReturn`: send it back to the unit. */
  mayAct: boolean;
  mayReturn: boolean;
}

function stagesOf(definition: CaseTypeDefinition, current: number): CaseStageView[] {
  return definition.stages.map((s, i) => ({
    code: s.code,
    name: s.name,
    hours: s.hours,
    actor: s.actor,
    status: i < current ? "done" : i === current ? "current" : "pending",
  }));
}

export async function getCase(services: Services, actor: Actor, id: string): Promise<CaseDetail> {
  const row = await caseRowsQuery(services.db).where("cases.id", "=", id).executeTakeFirst();
  if (row === undefined) throw notFound("case");
  const type = await loadCaseType(services.db, row.case_type_id);
  if (!mayReadCase(actor, type, row.unit_path))
    throw forbidden("outside this case's center and unit / 不属于该案件的中心或承办单位");
  const events = await services.db
    .selectFrom("case_events")
    .selectAll()
    .where("case_id", "=", id)
    .orderBy("at")
    .orderBy("id")
    .execute();
  const { definition } = type;
  const stage = definition.stages[row.stage_index];
  const mayAct = stage !== undefined && mayActOn(actor, type, stage, row.unit_path);
  const unitStageBefore = definition.stages.slice(0, row.stage_index).some((s) => s.actor === "unit");
  return {
    ...presentCase(row, definition, services.clock.now()),
    stages: stagesOf(definition, row.stage_index),
    dispatchStage: definition.dispatchStage,
    revisitStage: definition.revisitStage,
    events: events.map((e) => ({
      at: new Date(e.at).toISOString(),
      actorName: e.actor_name,
      action: e.action,
      stageCode: e.stage_code,
      toStageCode: e.to_stage_code,
      unitId: e.unit_id,
      revisited: e.revisited,
      note: e.note,
    })),
    mayAct,
    mayReturn:
      stage?.actor === "center" && isCenter(actor, type) && unitStageBefore && row.closed_at === null,
  };
}
