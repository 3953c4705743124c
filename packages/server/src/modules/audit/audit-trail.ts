/**
 * 痕迹查询: an organisation's audit trail, newest first. Its organisers, its unit head, viewers over it and
 * administrators may read it.
 */
import type { Actor } from "../../access/actor.js";
import { requireRole } from "../../access/scope.js";
import type { Services } from "../../context.js";
import type { PageQuery } from "../../http/api.js";
import { type AuditEntryView, presentAuditEntry } from "./present-audit.js";

export interface AuditTrailQuery extends PageQuery {
  action?: string | undefined;
  /** ISO instants bounding `at`, both inclusive. */
  from?: string | undefined;
  to?: string | undefined;
}

export const AUDIT_READERS = ["organiser", "unit_head", "viewer"] as const;

export async function organisationAuditTrail(
  services: Services,
  actor: Actor,
  organisationId: string,
  { limit, offset, action, from, to }: AuditTrailQuery,
): Promise<{ items: AuditEntryView[]; total: number; limit: number; offset: number }> {
  await requireRole(services.db, actor, AUDIT_READERS, organisationId);
  let query = services.db.selectFrom("audit_log").where("organisation_id", "=", organisationId);
  if (action !== undefined) query = query.where("action", "=", action);
  if (from !== undefined) query = query.where("at", ">=", new Date(from));
  if (to !== undefined) query = query.where("at", "<=", new Date(to));
  const total = await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await query.selectAll().orderBy("seq", "desc").limit(limit).offset(offset).execute();
  return { items: rows.map(presentAuditEntry), total: Number(total.n), limit, offset };
}
