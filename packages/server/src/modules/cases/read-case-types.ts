/**
 * The case types an actor sees: those owned inside the subtrees where they are organiser or viewer, and for a
 * unit's people those owned above their unit (the centers that dispatch to them).
 */
import { type SqlBool, sql } from "kysely";
import type { Actor } from "../../access/actor.js";
import { isAdmin, scopeRoots } from "../../access/scope.js";
import type { Services } from "../../context.js";
import { forbidden } from "../../errors.js";
import { inScope } from "../organisations/in-scope.js";
import {
  CENTER_READERS,
  caseTypeContext,
  caseTypeQuery,
  loadCaseType,
  mayReadCase,
  UNIT_ROLES,
} from "./case-access.js";
import { type CaseTypeView, presentCaseType } from "./present-case-type.js";

export async function listCaseTypes(services: Services, actor: Actor): Promise<CaseTypeView[]> {
  const centerRoots = scopeRoots(actor, CENTER_READERS);
  const unitRoots = isAdmin(actor) ? [] : (scopeRoots(actor, UNIT_ROLES) ?? []);
  const above = unitRoots.map((root) => sql<SqlBool>`${root} like owner.path || '%'`);
  const rows = await caseTypeQuery(services.db)
    .where((eb) => eb.or([inScope("owner.path", centerRoots), ...above]))
    .orderBy("owner.path")
    .orderBy("case_types.code")
    .execute();
  return rows.map((row) => presentCaseType(caseTypeContext(row)));
}

export async function getCaseType(services: Services, actor: Actor, id: string): Promise<CaseTypeView> {
  const type = await loadCaseType(services.db, id);
  const unitRoots = isAdmin(actor) ? [] : (scopeRoots(actor, UNIT_ROLES) ?? []);
  const aboveOwnUnit = unitRoots.some((root) => root.startsWith(type.ownerPath));
  if (!aboveOwnUnit && !mayReadCase(actor, type, null))
    throw forbidden("outside this case type's owner / 不在该案件类型所属单位范围内");
  return presentCaseType(type);
}
