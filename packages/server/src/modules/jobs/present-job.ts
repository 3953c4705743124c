/** A batch job as the API shows it: status, counts, percent, the result and the units that failed. */

import type { Selectable } from "kysely";
import { z } from "zod";
import type { Db } from "../../db/open-database.js";
import type { JobTable } from "../../db/schema.js";

/** At most this many failed units are listed with a job; `failed` counts them all. */
export const FAILURES_SHOWN = 1000;

export const JobSummary = z.object({
  id: z.string(),
  campaignId: z.string(),
  kind: z.enum(["documents", "archives"]),
  documentKind: z.string().nullable(),
  status: z.enum(["queued", "running", "succeeded", "completed_with_failures", "failed", "cancelled"]),
  total: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  /** Units finished (done or failed) out of the total, in whole percent. */
  percent: z.number().int(),
  error: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  heartbeatAt: z.string().nullable(),
  result: z.object({ fileName: z.string(), size: z.number().int() }).nullable(),
});
export type JobSummary = z.infer<typeof JobSummary>;

export const JobFailure = z.object({
  organisationId: z.string(),
  code: z.string(),
  name: z.string(),
  error: z.string(),
});

export const JobView = JobSummary.extend({ failures: z.array(JobFailure) });
export type JobView = z.infer<typeof JobView>;

const iso = (at: Date | string | null): string | null => (at === null ? null : new Date(at).toISOString());

export function presentJobSummary(row: Selectable<JobTable>): JobSummary {
  const finished = row.done + row.failed;
  return {
    id: row.id,
    campaignId: row.campaign_id,
    kind: row.kind,
    documentKind: row.document_kind,
    status: row.status,
    total: row.total,
    done: row.done,
    failed: row.failed,
    percent: row.total === 0 ? 100 : Math.floor((finished * 100) / row.total),
    error: row.error,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    heartbeatAt: iso(row.heartbeat_at),
    result:
      row.result_sha256 === null
        ? null
        : { fileName: row.result_name ?? "result.zip", size: Number(row.result_size) },
  };
}

export async function presentJob(db: Db, row: Selectable<JobTable>): Promise<JobView> {
  const failures = await db
    .selectFrom("job_items")
    .innerJoin("organisations", "organisations.id", "job_items.organisation_id")
    .select(["organisations.id", "organisations.code", "organisations.name", "job_items.error"])
    .where("job_items.job_id", "=", row.id)
    .where("job_items.status", "=", "failed")
    .orderBy("job_items.position")
    .limit(FAILURES_SHOWN)
    .execute();
  return {
    ...presentJobSummary(row),
    failures: failures.map((f) => ({
      organisationId: f.id,
      code: f.code,
      name: f.name,
      error: f.error ?? "",
    })),
  };
}
