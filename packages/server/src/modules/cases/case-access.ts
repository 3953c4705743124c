/**
 * Who does what with cases. The center is the organisation owning the case type: its organisers receive,
 * dispatch, check and close, and define types; its viewers read. The responsible unit's people (unit_head,
 * unit_staff over the unit) read their cases and act on the unit's stages. Nobody else sees a case.
 */
import { type CaseStage, CaseTypeDefinition } from "@kaoping/core";
import type { Actor } from "../../access/actor.js";
import { holds } from "../../access/scope.js";
import type { Db } from "../../db/open-database.js";
import { forbidden, notFound } from "../../errors.js";

export const CENTER_ROLES = ["organiser"] as const;
export const CENTER_READERS = ["organiser", "viewer"] as const;
export const UNIT_ROLES = ["unit_head", "unit_staff"] as const;

export interface CaseTypeContext {
  id: string;
  ownerId: string;
  ownerPath: string;
  ownerName: string;
  code: string;
  name: string;
  definition: CaseTypeDefinition;
  version: number;
  createdAt: Date;
}

/** Stored definitions were checked when written; parsing again only fills defaults. */
const definitions = new Map<string, CaseTypeDefinition>();
export function storedDefinition(typeId: string, raw: unknown): CaseTypeDefinition {
  let definition = definitions.get(typeId);
  if (definition === undefined) {
    definition = CaseTypeDefinition.parse(raw);
    if (definitions.size > 1000) definitions.clear();
    definitions.set(typeId, definition);
  }
  return definition;
}

export function caseTypeQuery(db: Db) {
  return db
    .selectFrom("case_types")
    .innerJoin("organisations as owner", "owner.id", "case_types.owner_id")
    .select([
      "case_types.id",
      "case_types.owner_id",
      "case_types.code",
      "case_types.name",
      "case_types.definition",
      "case_types.version",
      "case_types.created_at",
      "owner.path as owner_path",
      "owner.name as owner_name",
    ]);
}

export type CaseTypeRow = Awaited<ReturnType<ReturnType<typeof caseTypeQuery>["executeTakeFirstOrThrow"]>>;

export const caseTypeContext = (row: CaseTypeRow): CaseTypeContext => ({
  id: row.id,
  ownerId: row.owner_id,
  ownerPath: row.owner_path,
  ownerName: row.owner_name,
  code: row.code,
  name: row.name,
  definition: storedDefinition(row.id, row.definition),
  version: row.version,
  createdAt: new Date(row.created_at),
});

export async function loadCaseType(db: Db, id: string): Promise<CaseTypeContext> {
  const row = await caseTypeQuery(db).where("case_types.id", "=", id).executeTakeFirst();
  if (row === undefined) throw notFound("case type");
  return caseTypeContext(row);
}

export const isCenter = (actor: Actor, type: CaseTypeContext): boolean =>
  holds(actor, CENTER_ROLES, type.ownerPath);

export function requireCenter(actor: Actor, type: CaseTypeContext): void {
  if (!isCenter(actor, type))
    throw forbidden(
      "only the organisers of the case type's owner may do this / 仅案件类型所属单位的组织者可进行此操作",
    );
}

export function requireCenterReader(actor: Actor, type: CaseTypeContext): void {
  if (!holds(actor, CENTER_READERS, type.ownerPath))
    throw forbidden("outside this case type's owner / 不在该案件类型所属单位范围内");
}

/** Whether the actor may act on a stage: the center on its stages, the responsible unit's people on theirs. */
export function mayActOn(
  actor: Actor,
  type: CaseTypeContext,
  stage: CaseStage,
  unitPath: string | null,
): boolean {
  if (stage.actor === "center") return isCenter(actor, type);
  return unitPath !== null && holds(actor, UNIT_ROLES, unitPath);
}

/** Whether the actor may read a case: the center's readers, or the responsible unit's people. */
export const mayReadCase = (actor: Actor, type: CaseTypeContext, unitPath: string | null): boolean =>
  holds(actor, CENTER_READERS, type.ownerPath) || (unitPath !== null && holds(actor, UNIT_ROLES, unitPath));
