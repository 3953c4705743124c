/** How audit rows and the chain report look through the API. */

import type { Selectable } from "kysely";
import { z } from "zod";
import type { ChainReport } from "../../audit/audit-log.js";
import type { AuditLogTable } from "../../db/schema.js";

export const AuditEntryView = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.object({ id: z.string().nullable(), name: z.string() }),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  organisationId: z.string().nullable(),
  campaignId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  hash: z.string(),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

type AuditRow = Selectable<AuditLogTable>;

export const presentAuditEntry = (row: AuditRow): AuditEntryView => ({
  seq: row.seq,
  at: new Date(row.at).toISOString(),
  actor: { id: row.actor_id, name: row.actor_name },
  action: row.action,
  entityType: row.entity_type,
  entityId: row.entity_id,
  organisationId: row.organisation_id,
  campaignId: row.campaign_id,
  before: row.before,
  after: row.after,
  hash: row.hash,
});

export const ChainReportView = z.object({
  /** Rows verified before the first problem (all of them when intact). */
  rows: z.number().int(),
  intact: z.boolean(),
  problem: z.object({ kind: z.enum(["altered", "removed", "relinked"]), seq: z.number().int() }).nullable(),
});
export type ChainReportView = z.infer<typeof ChainReportView>;

export const presentChainReport = (report: ChainReport): ChainReportView => ({
  rows: report.rows,
  intact: report.problem === null,
  problem: report.problem,
});

/** One line, as the CLI prints it: "N rows verified, chain intact" or "row SEQ altered". */
export const describeChainReport = (report: ChainReport): string =>
  report.problem === null
    ? `${report.rows} rows verified, chain intact`
    : `row ${report.problem.seq} ${report.problem.kind} (${report.rows} rows verified before it)`;
