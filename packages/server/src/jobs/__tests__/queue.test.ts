/**
 * The job queue at scale and across a worker's death, with a fake renderer (a few bytes per unit) and storage in
 * memory, so what is measured is the queue: 12,000 units claimed in batches, recorded, counted and assembled into
 * the result ZIP; a job whose worker died mid-batch resumed by another with every unit recorded exactly once.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../context.js";
import { ApiClient } from "../../http/in-process-client.js";
import {
  bundledSchemeSource,
  seedCampaign,
  seedSchemeVersion,
} from "../../modules/review/__tests__/campaign-fixture.js";
import { collectGarbage } from "../../testing/collect-garbage.js";
import { seedOrganisation, seedUser } from "../../testing/fixtures.js";
import { startTestServer, type TestServer } from "../../testing/test-services.js";
import { zipEntries } from "../../testing/unzip.js";
import { claimItems, claimJob, recordOutcomes } from "../queue.js";
import type { UnitRenderer } from "../unit-renderers.js";
import { JobWorker } from "../worker.js";
import { MemoryStorage } from "./memory-storage.js";

let server: TestServer;
let services: Services;
let organiser: ApiClient;
let campaignId: string;
const UNITS = 12_000;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "kaoping-queue-"));

beforeAll(async () => {
  server = await startTestServer({ jobs: { worker: false, staleSeconds: 1 } });
  services = { ...server.services, storage: new MemoryStorage() };
  const county = await seedOrganisation(server.services, { code: "Q", name: "批量县", kind: "县" });
  await seedUser(server.services, {
    username: "q-organiser",
    grants: [{ role: "organiser", organisation: county }],
  });
  const version = await seedSchemeVersion(server.services, county, bundledSchemeSource("s04-trade-union"));
  campaignId = await seedCampaign(server.services, {
    organiser: county,
    schemeVersionId: version,
    year: 2026,
    stages: [{ stage: "self_evaluation", open: true }],
  });
  // 12,000 units in three statements.
  await sql`insert into organisations (id, parent_id, path, code, name, kind)
    select u.id, ${county.id}::uuid, ${county.path} || u.id || '/', 'U' || lpad(n::text, 5, '0'), '单位' || n, '单位'
    from (select gen_random_uuid() as id, n from generate_series(1, ${UNITS}::int) as n) as u`.execute(
    services.db,
  );
  await sql`insert into campaign_units (campaign_id, organisation_id)
    select ${campaignId}::uuid, id from organisations where parent_id = ${county.id}::uuid`.execute(
    services.db,
  );
  organiser = await ApiClient.login(server.app, "q-organiser");
}, 120_000);
afterAll(async () => {
  await server?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

/** Each unit's output names it; every call is counted, so a unit rendered twice shows. */
function fakeRenderer(calls: Map<string, number>, failing: Set<string> = new Set()): UnitRenderer {
  return async (_job, _actor, organisationId) => {
    calls.set(organisationId, (calls.get(organisationId) ?? 0) + 1);
    if (failing.has(organisationId)) throw new Error(`no data for ${organisationId}`);
    return { fileName: `${organisationId}.txt`, content: Buffer.from(organisationId) };
  };
}

async function itemStatuses(jobId: string) {
  const rows = await services.db
    .selectFrom("job_items")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("job_id", "=", jobId)
    .groupBy("status")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

describe("a job of 12,000 units", () => {
  it("is created in one request, claimed in batches and finished with the right counts", async () => {
    const created = await organiser.post(`/campaigns/${campaignId}/jobs`, { kind: "archives" });
    expect(created.status, JSON.stringify(created.body)).toBe(202);
    expect(created.body).toMatchObject({ status: "queued", total: UNITS, done: 0, failed: 0, percent: 0 });
    const units = await services.db
      .selectFrom("job_items")
      .select(["organisation_id", "position"])
      .where("job_id", "=", created.body.id)
      .orderBy("position")
      .execute();
    const failing = new Set([units[10]!.organisation_id, units[7777]!.organisation_id]);
    const calls = new Map<string, number>();
    const worker = new JobWorker(services, { render: fakeRenderer(calls, failing), batchSize: 200 });
    collectGarbage();
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    expect(await worker.runUntilIdle()).toBe(1);
    const seconds = (performance.now() - started) / 1000;
    collectGarbage();
    // What stays is the storage's 12,000 outputs and the result ZIP (in memory here), not the worker's.
    const retained = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
    if (process.env.KAOPING_TEST_VERBOSE)
      console.log(`12,000 units in ${seconds.toFixed(1)} s; heap retained ${retained.toFixed(1)} MB`);
    expect(seconds).toBeLessThan(120);
    expect(calls.size).toBe(UNITS);
    expect([...calls.values()].every((n) => n === 1)).toBe(true);

    const job = await organiser.get(`/jobs/${created.body.id}`);
    expect(job.body).toMatchObject({
      status: "completed_with_failures",
      total: UNITS,
      done: UNITS - 2,
      failed: 2,
      percent: 100,
    });
    expect(job.body.failures.map((f: { code: string }) => f.code)).toEqual(["U00011", "U07778"]);
    expect(job.body.failures[0].error).toBe(`no data for ${units[10]!.organisation_id}`);
    expect(await itemStatuses(created.body.id)).toEqual({ done: UNITS - 2, failed: 2 });

    const result = await server.services.db
      .selectFrom("jobs")
      .select("result_sha256")
      .where("id", "=", created.body.id)
      .executeTakeFirstOrThrow();
    const file = path.join(work, "result.zip");
    fs.writeFileSync(
      file,
      Buffer.concat(await (await services.storage.get(result.result_sha256!)).toArray()),
    );
    const entries = zipEntries(file);
    expect(entries.length).toBe(UNITS - 2);
    expect(entries[0]).toBe(`${units[0]!.organisation_id}.txt`);
    expect(entries).not.toContain(`${units[10]!.organisation_id}.txt`);
  }, 180_000);
});

describe("a worker that dies in the middle of a job", () => {
  it("leaves the job to another worker once its heartbeat is stale, every unit recorded once", async () => {
    const created = await organiser.post(`/campaigns/${campaignId}/jobs`, { kind: "archives" });
    const jobId = created.body.id as string;
    const db = services.db;
    // The dead worker took the job, recorded 300 units and held a batch of 100 more when it died.
    expect((await claimJob(db, "dead", 1, services.clock.now()))?.id).toBe(jobId);
    const recorded = await claimItems(db, jobId, "dead", 300);
    const output = await services.storage.put(Readable.from([Buffer.from("made before the crash")]), 100);
    await recordOutcomes(
      db,
      jobId,
      "dead",
      recorded.map((item) => ({
        position: item.position,
        status: "done",
        sha256: output.sha256,
        name: `${item.organisationId}.txt`,
      })),
    );
    const inHand = await claimItems(db, jobId, "dead", 100);
    expect(inHand[0]!.position).toBe(301);

    const calls = new Map<string, number>();
    const worker = new JobWorker(services, { render: fakeRenderer(calls), batchSize: 500, staleSeconds: 1 });
    // Its heartbeat is fresh: nobody takes the job yet.
    expect(await worker.runUntilIdle()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await worker.runUntilIdle()).toBe(1);

    expect(calls.size).toBe(UNITS - 300);
    expect([...calls.values()].every((n) => n === 1)).toBe(true);
    const done = new Set(recorded.map((r) => r.organisationId));
    expect([...calls.keys()].some((id) => done.has(id))).toBe(false);
    // The dead worker's late answer for its batch counts for nothing.
    await recordOutcomes(
      db,
      jobId,
      "dead",
      inHand.map((item) => ({ position: item.position, status: "failed", error: "late" })),
    );
    const job = await organiser.get(`/jobs/${jobId}`);
    expect(job.body).toMatchObject({ status: "succeeded", total: UNITS, done: UNITS, failed: 0 });
    expect(await itemStatuses(jobId)).toEqual({ done: UNITS });
  }, 180_000);
});

describe("cancelling", () => {
  it("stops a queued job; a finished one cannot be cancelled", async () => {
    const created = await organiser.post(`/campaigns/${campaignId}/jobs`, {
      kind: "archives",
      organisationIds: [],
    });
    expect(created.status).toBe(400);
    const units = await services.db
      .selectFrom("campaign_units")
      .select("organisation_id")
      .where("campaign_id", "=", campaignId)
      .limit(3)
      .execute();
    const job = await organiser.post(`/campaigns/${campaignId}/jobs`, {
      kind: "archives",
      organisationIds: units.map((u) => u.organisation_id),
    });
    expect(job.body.total).toBe(3);
    const cancelled = await organiser.post(`/jobs/${job.body.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe("cancelled");
    const worker = new JobWorker(services, { render: fakeRenderer(new Map()) });
    expect(await worker.runUntilIdle()).toBe(0);
    const again = await organiser.post(`/jobs/${job.body.id}/cancel`);
    expect(again.status).toBe(409);
    expect((await organiser.get(`/jobs/${job.body.id}/result`)).status).toBe(409);
  });
});
