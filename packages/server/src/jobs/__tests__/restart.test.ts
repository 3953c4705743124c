/**
 * A job survives its server being killed: the real server process (PGlite in a data folder, or PostgreSQL with
 * DATABASE_URL) runs a job of 自评报告 for 150 units, is SIGKILLed part-way, and is started again; the job resumes
 * from the units not yet recorded (its heartbeat went stale) and ends with every unit done exactly once.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN_PASSWORD,
  buildOnce,
  freePort,
  HttpClient,
  type ServerProcess,
  spawnServer,
  type TestStore,
  testStore,
} from "../../__tests__/server-process.js";
import { parseConfig } from "../../config.js";
import { systemClock } from "../../context.js";
import { openDatabase } from "../../db/open-database.js";
import { s4FullSelfScores } from "../../demo/drive-s4.js";
import { TEST_PASSWORD } from "../../http/in-process-client.js";
import {
  bundledSchemeSource,
  S4_DATA,
  seedCampaign,
  seedSchemeVersion,
  seedUnit,
} from "../../modules/review/__tests__/campaign-fixture.js";
import { LocalDiskStorage } from "../../storage/local-disk-storage.js";
import { seedOrganisation, seedUser } from "../../testing/fixtures.js";
import { zipEntries } from "../../testing/unzip.js";

const UNITS = 150;
let store: TestStore;
let port: number;
let campaignId: string;

/** The campaign written into the server's database before it starts. */
async function seed(): Promise<void> {
  const config = parseConfig({ ...store.env, KAOPING_LOG: "silent" });
  const database = await openDatabase(
    config.databaseUrl === undefined
      ? { kind: "pglite", dir: path.join(config.dataDir, "db") }
      : { kind: "postgres", url: config.databaseUrl, schema: store.env.KAOPING_DATABASE_SCHEMA! },
  );
  try {
    const services = {
      db: database.db,
      config,
      clock: systemClock,
      storage: new LocalDiskStorage(config.evidenceDir),
    };
    const county = await seedOrganisation(services, { code: "R", name: "重启县总工会", kind: "县" });
    await seedUser(services, {
      username: "r-organiser",
      grants: [{ role: "organiser", organisation: county }],
    });
    const version = await seedSchemeVersion(services, county, bundledSchemeSource("s04-trade-union"));
    campaignId = await seedCampaign(services, {
      organiser: county,
      schemeVersionId: version,
      year: 2026,
      name: "重启测试考评",
      stages: [{ stage: "self_evaluation", open: true }],
    });
    for (let i = 1; i <= UNITS; i += 1) {
      const unit = await seedOrganisation(services, {
        parent: county,
        code: `R${String(i).padStart(3, "0")}`,
        name: `第${i}镇工会`,
        kind: "乡镇",
        category: "TOWN",
      });
      await seedUnit(services, campaignId, unit, {
        category: "TOWN",
        data: S4_DATA,
        scores: s4FullSelfScores("TOWN"),
      });
    }
  } finally {
    await database.close();
  }
}

beforeAll(async () => {
  await buildOnce();
  store = await testStore();
  port = await freePort();
  await seed();
}, 300_000);
afterAll(() => store?.drop());

async function start(): Promise<ServerProcess> {
  const server = spawnServer({
    ...store.env,
    KAOPING_PORT: String(port),
    KAOPING_MODE: "production",
    KAOPING_ADMIN_PASSWORD: ADMIN_PASSWORD,
    KAOPING_JOB_STALE_SECONDS: "2",
  });
  await server.ready();
  return server;
}

async function poll(client: HttpClient, id: string, until: (job: any) => boolean): Promise<any> {
  const deadline = Date.now() + 240_000;
  for (;;) {
    const job = await client.get(`/jobs/${id}`);
    expect(job.status).toBe(200);
    if (until(job.body)) return job.body;
    if (Date.now() > deadline) throw new Error(`job did not get there: ${JSON.stringify(job.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe(`a job when its server is killed (${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  it("resumes after the restart and does every unit exactly once", async () => {
    let server = await start();
    let organiser = await HttpClient.login(server.url, "r-organiser", TEST_PASSWORD);
    const created = await organiser.post(`/campaigns/${campaignId}/jobs`, {
      kind: "documents",
      documentKind: "self_evaluation_report",
    });
    expect(created.status, JSON.stringify(created.body)).toBe(202);
    const id = created.body.id as string;
    const before = await poll(organiser, id, (job) => job.done >= UNITS / 4);
    server.child.kill("SIGKILL");
    expect((await server.exited).signal).toBe("SIGKILL");
    expect(before.status).toBe("running");
    expect(before.done).toBeLessThan(UNITS);

    server = await start();
    organiser = await HttpClient.login(server.url, "r-organiser", TEST_PASSWORD);
    const after = await poll(organiser, id, (job) => job.status !== "running" && job.status !== "queued");
    expect(after).toMatchObject({ status: "succeeded", total: UNITS, done: UNITS, failed: 0, percent: 100 });

    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "r-organiser", password: TEST_PASSWORD }),
    });
    const cookie = login.headers.getSetCookie()[0]!.split(";")[0]!;
    const result = await fetch(`${server.url}/api/v1/jobs/${id}/result`, { headers: { cookie } });
    expect(result.status).toBe(200);
    const file = path.join(store.dataDir, "result.zip");
    fs.writeFileSync(file, Buffer.from(await result.arrayBuffer()));
    const entries = zipEntries(file);
    expect(entries).toHaveLength(UNITS);
    expect(new Set(entries).size).toBe(UNITS);
    for (let i = 1; i <= UNITS; i += 1) expect(entries[i - 1]).toContain(`第${i}镇工会`);

    server.child.kill("SIGTERM");
    expect((await server.exited).code).toBe(0);
  }, 300_000);
});
