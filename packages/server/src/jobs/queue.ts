/**
 * The job queue in the database, on Kysely, the same SQL on PGlite and PostgreSQL. A worker holds a job while
 * it heartbeats; it claims the job's units a small batch at a time (`for update skip locked`) and records their
 * outcomes in one statement per batch, guarded by its own claim, so a unit is counted once even if two workers
 * ever met on one job. Heartbeats and their staleness use the database's clock, which every server process
 * shares; the times shown (started, finished) the server's clock, like every other time it records.
 */
import { sql } from "kysely";
import type { Db } from "../db/open-database.js";
import type { JobKind } from "../db/schema.js";

export interface ClaimedJob {
  id: string;
  campaignId: string;
  kind: JobKind;
  documentKind: string | null;
  createdBy: string | null;
}

export interface ClaimedItem {
  position: number;
  organisationId: string;
}

export type ItemOutcome =
  | { position: number; status: "done"; sha256: string; name: string }
  | { position: number; status: "failed"; error: string };

const staleBefore = (staleSeconds: number) => sql<Date>`now() - (${staleSeconds}::int * interval '1 second')`;

/**
 * Takes the oldest queued job, or a running one whose worker stopped heartbeating (its server died or let it
 * go); units that worker had claimed but not recorded go back to pending.
 */
export async function claimJob(
  db: Db,
  worker: string,
  staleSeconds: number,
  now: Date,
): Promise<ClaimedJob | null> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("jobs")
      .select(["id", "campaign_id", "kind", "document_kind", "created_by"])
      .where((eb) =>
        eb.or([
          eb("status", "=", "queued"),
          eb.and([
            eb("status", "=", "running"),
            eb.or([eb("heartbeat_at", "is", null), eb("heartbeat_at", "<", staleBefore(staleSeconds))]),
          ]),
        ]),
      )
      .orderBy("created_at")
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (row === undefined) return null;
    await trx
      .updateTable("jobs")
      .set({
        status: "running",
        worker,
        heartbeat_at: sql`now()`,
        started_at: sql`coalesce(started_at, ${now})`,
      })
      .where("id", "=", row.id)
      .execute();
    await trx
      .updateTable("job_items")
      .set({ status: "pending", claimed_by: null })
      .where("job_id", "=", row.id)
      .where("status", "=", "running")
      .execute();
    return {
      id: row.id,
      campaignId: row.campaign_id,
      kind: row.kind,
      documentKind: row.document_kind,
      createdBy: row.created_by,
    };
  });
}

/** The next pending units in order, if the worker still holds the job (it may have been cancelled or taken). */
export async function claimItems(
  db: Db,
  jobId: string,
  worker: string,
  limit: number,
): Promise<ClaimedItem[]> {
  const rows = await db
    .updateTable("job_items")
    .set({ status: "running", claimed_by: worker })
    .where("job_id", "=", jobId)
    .where("position", "in", (eb) =>
      eb
        .selectFrom("job_items")
        .select("position")
        .where("job_id", "=", jobId)
        .where("status", "=", "pending")
        .orderBy("position")
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("jobs")
          .select("id")
          .where("id", "=", jobId)
          .where("worker", "=", worker)
          .where("status", "=", "running"),
      ),
    )
    .returning(["position", "organisation_id"])
    .execute();
  return rows
    .map((r) => ({ position: r.position, organisationId: r.organisation_id }))
    .sort((a, b) => a.position - b.position);
}

/** Records a batch's outcomes and adds them to the job's counts, only for units this worker still holds. */
export async function recordOutcomes(
  db: Db,
  jobId: string,
  worker: string,
  outcomes: readonly ItemOutcome[],
): Promise<void> {
  if (outcomes.length === 0) return;
  const values = JSON.stringify(
    outcomes.map((o) =>
      o.status === "done"
        ? { position: o.position, status: o.status, sha256: o.sha256, name: o.name, error: null }
        : { position: o.position, status: o.status, sha256: null, name: null, error: o.error },
    ),
  );
  await db.transaction().execute(async (trx) => {
    const recorded = await sql<{ status: string }>`
      update job_items as ji
      set status = v.status, error = v.error, output_sha256 = v.sha256, output_name = v.name,
        finished_at = now(), claimed_by = null
      from jsonb_to_recordset(${values}::jsonb)
        as v(position integer, status text, sha256 text, name text, error text)
      where ji.job_id = ${jobId} and ji.position = v.position and ji.status = 'running'
        and ji.claimed_by = ${worker}
      returning ji.status`.execute(trx);
    const done = recorded.rows.filter((r) => r.status === "done").length;
    const failed = recorded.rows.length - done;
    await trx
      .updateTable("jobs")
      .set((eb) => ({
        done: eb("done", "+", done),
        failed: eb("failed", "+", failed),
        heartbeat_at: sql`now()`,
      }))
      .where("id", "=", jobId)
      .where("worker", "=", worker)
      .execute();
  });
}

/** Keeps the job; false when the worker no longer holds it (cancelled, or taken over). */
export async function heartbeat(db: Db, jobId: string, worker: string): Promise<boolean> {
  const result = await db
    .updateTable("jobs")
    .set({ heartbeat_at: sql`now()` })
    .where("id", "=", jobId)
    .where("worker", "=", worker)
    .where("status", "=", "running")
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** A worker stopping lets its job go at once: the next worker resumes it without waiting for staleness. */
export async function releaseJob(db: Db, jobId: string, worker: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("job_items")
      .set({ status: "pending", claimed_by: null })
      .where("job_id", "=", jobId)
      .where("status", "=", "running")
      .where("claimed_by", "=", worker)
      .execute();
    await trx
      .updateTable("jobs")
      .set({ worker: null, heartbeat_at: null })
      .where("id", "=", jobId)
      .where("worker", "=", worker)
      .execute();
  });
}

export interface JobCounts {
  total: number;
  done: number;
  failed: number;
}

export async function jobCounts(db: Db, jobId: string): Promise<JobCounts> {
  const row = await db
    .selectFrom("jobs")
    .select(["total", "done", "failed"])
    .where("id", "=", jobId)
    .executeTakeFirstOrThrow();
  return { total: row.total, done: row.done, failed: row.failed };
}

/** Ends the job with its status and result, if the worker still holds it. */
export async function finishJob(
  db: Db,
  jobId: string,
  worker: string,
  now: Date,
  outcome: {
    status: "succeeded" | "completed_with_failures" | "failed";
    result: { sha256: string; size: number; name: string } | null;
    error?: string;
  },
): Promise<boolean> {
  const result = await db
    .updateTable("jobs")
    .set({
      status: outcome.status,
      finished_at: now,
      heartbeat_at: null,
      worker: null,
      result_sha256: outcome.result?.sha256 ?? null,
      result_size: outcome.result?.size ?? null,
      result_name: outcome.result?.name ?? null,
      error: outcome.error ?? null,
    })
    .where("id", "=", jobId)
    .where("worker", "=", worker)
    .where("status", "=", "running")
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The units done, a page at a time in order, for assembling the result. */
export async function doneItems(
  db: Db,
  jobId: string,
  after: number,
  limit: number,
): Promise<Array<{ position: number; sha256: string; name: string }>> {
  const rows = await db
    .selectFrom("job_items")
    .select(["position", "output_sha256", "output_name"])
    .where("job_id", "=", jobId)
    .where("status", "=", "done")
    .where("position", ">", after)
    .orderBy("position")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    position: r.position,
    sha256: r.output_sha256 ?? "",
    name: r.output_name ?? "",
  }));
}
