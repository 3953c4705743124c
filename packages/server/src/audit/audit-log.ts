/**
 * 痕迹管理: every write appends who, when, what and the before/after values. Rows are chained: each row's hash
 * covers its content and the previous row's hash, so altering or removing a row breaks the chain from there on.
 * Appends take a transaction-scoped advisory lock, so concurrent writers never fork the chain.
 */
import { createHash } from "node:crypto";
import { sql, type Transaction } from "kysely";
import type { Author } from "../access/actor.js";
import type { Db } from "../db/open-database.js";
import type { Database } from "../db/schema.js";
import { canonicalJson } from "./canonical-json.js";

export const GENESIS_HASH = "0".repeat(64);
const CHAIN_LOCK = 7_254_001;

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  /** The organisation whose trail shows this row (the unit evaluated, the organisation edited). */
  organisationId?: string | null;
  campaignId?: string | null;
  before?: unknown;
  after?: unknown;
}

interface ChainedFields {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string;
  organisation_id: string | null;
  campaign_id: string | null;
  before: unknown;
  after: unknown;
}

/** JSON as the database will give it back (jsonb drops undefined and normalises numbers). */
const stored = (value: unknown): unknown => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

export function rowHash(prevHash: string, fields: ChainedFields): string {
  return createHash("sha256").update(prevHash).update(canonicalJson(fields)).digest("hex");
}

export async function appendAudit(trx: Transaction<Database>, author: Author, at: Date, entry: AuditEntry) {
  await sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(trx);
  const last = await trx
    .selectFrom("audit_log")
    .select(["seq", "hash"])
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
  const fields: ChainedFields = {
    seq: (last?.seq ?? 0) + 1,
    at: at.toISOString(),
    actor_id: author.userId,
    actor_name: author.name,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    organisation_id: entry.organisationId ?? null,
    campaign_id: entry.campaignId ?? null,
    before: stored(entry.before),
    after: stored(entry.after),
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  await trx
    .insertInto("audit_log")
    .values({
      ...fields,
      before: fields.before === null ? null : JSON.stringify(fields.before),
      after: fields.after === null ? null : JSON.stringify(fields.after),
      prev_hash: prevHash,
      hash: rowHash(prevHash, fields),
    })
    .execute();
}

export type ChainProblem =
  | { kind: "altered"; seq: number }
  | { kind: "removed"; seq: number }
  | { kind: "relinked"; seq: number };

export interface ChainReport {
  rows: number;
  /** The first row where the chain breaks, or null when every row is as written. */
  problem: ChainProblem | null;
}

/** Walks the whole chain in batches; reports the first row that was altered, removed or relinked. */
export async function verifyAuditChain(db: Db, batch = 5000): Promise<ChainReport> {
  let previous = { seq: 0, hash: GENESIS_HASH };
  let rows = 0;
  for (;;) {
    const page = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("seq", ">", previous.seq)
      .orderBy("seq")
      .limit(batch)
      .execute();
    for (const row of page) {
      if (row.seq !== previous.seq + 1) return { rows, problem: { kind: "removed", seq: previous.seq + 1 } };
      if (row.prev_hash !== previous.hash) return { rows, problem: { kind: "relinked", seq: row.seq } };
      const fields: ChainedFields = {
        seq: row.seq,
        at: new Date(row.at).toISOString(),
        actor_id: row.actor_id,
        actor_name: row.actor_name,
        action: row.action,
        entity_type: row.entity_type,
        entity_id: row.entity_id,
        organisation_id: row.organisation_id,
        campaign_id: row.campaign_id,
        before: row.before,
        after: row.after,
      };
      if (rowHash(row.prev_hash, fields) !== row.hash)
        return { rows, problem: { kind: "altered", seq: row.seq } };
      previous = { seq: row.seq, hash: row.hash };
      rows += 1;
    }
    if (page.length < batch) return { rows, problem: null };
  }
}
