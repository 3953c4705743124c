/**
 * 痕迹查询: an organisation's audit trail, newest first. Its organisers, its unit head, viewers over it and
 * administrators may read it.
 */
import type { Actor } from "../../access/actor.js";
import { requireRole } from "../../access/scope.js";
import type { Services } from "../../context.js";
import type { PageQuery } from "../../http/api.js";
import { type AuditEntryView, presentAuditEntry } from "./present-audit.js";

export const AUDIT_READERS = ["organiser", "unit_head", "viewer"] as const;

export async function organisationAuditTrail(
  services: Services,
  actor: Actor,
  organisationId: string,
  { limit, offset }: PageQuery,
): Promise<{ items: AuditEntryView[]; total: number; limit: number; offset: number }> {
  await requireRole(services.db, actor, AUDIT_READERS, organisationId);
  const query = services.db.selectFrom("audit_log").where("organisation_id", "=", organisationId);
  const total = await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await query.selectAll().orderBy("seq", "desc").limit(limit).offset(offset).execute();
  return { items: rows.map(presentAuditEntry), total: Number(total.n), limit, offset };
}
