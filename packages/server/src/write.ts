/** Writes: one transaction, an audit row in it, and optimistic concurrency on versioned rows. */
import type { Transaction, UpdateResult } from "kysely";
import type { Author } from "./access/actor.js";
import { type AuditEntry, appendAudit } from "./audit/audit-log.js";
import type { Services } from "./context.js";
import type { Database } from "./db/schema.js";
import { AppError } from "./errors.js";

export type Trx = Transaction<Database>;

export interface Writer {
  trx: Trx;
  now: Date;
  /** Appends a row to the audit trail inside this transaction. */
  audit(entry: AuditEntry): Promise<void>;
}

/** Runs `work` in one transaction; if it throws, nothing it wrote (audit rows included) remains. */
export function write<T>(services: Services, author: Author, work: (w: Writer) => Promise<T>): Promise<T> {
  const now = services.clock.now();
  return services.db
    .transaction()
    .execute((trx) => work({ trx, now, audit: (entry) => appendAudit(trx, author, now, entry) }));
}

/** After `update … where version = expected`: no row touched means someone else saved first. */
export function expectOneUpdated(result: UpdateResult | undefined): void {
  if (result === undefined || result.numUpdatedRows === 0n) throw new AppError("stale_version");
}
