/**
 * Batch jobs through the API on the S7 demo campaign driven to 单位自评 (twelve schools), with the server's own
 * worker: a job of 自评报告 for every school ends with twelve Word files in its ZIP; an archive job where one
 * school's evidence went missing from the storage reports that school with its reason and archives the others;
 * bad requests are refused with the field at fault, and the creation is audited.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { S7Driver } from "../../demo/drive-s7.js";
import { ApiClient } from "../../http/in-process-client.js";
import { s7Driver } from "../../testing/demo-drivers.js";
import { downloadAs } from "../../testing/download.js";
import { startTestServer, type TestServer } from "../../testing/test-services.js";
import { testZip, zipEntries, zipEntry } from "../../testing/unzip.js";

let server: TestServer;
let driver: S7Driver;
let organiser: ApiClient;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "kaoping-jobs-"));
const schools = () => Object.values(driver.state.schools).sort((a, b) => a.code.localeCompare(b.code));

beforeAll(async () => {
  server = await startTestServer();
  driver = await s7Driver(server, { year: 2026 });
  await driver.runUntil("self_evaluation");
  organiser = await ApiClient.login(server.app, driver.state.organiser);
}, 180_000);
afterAll(async () => {
  await server?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

const FINAL = ["succeeded", "completed_with_failures", "failed", "cancelled"];

async function finished(id: string) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const job = await organiser.get(`/jobs/${id}`);
    expect(job.status).toBe(200);
    if (FINAL.includes(job.body.status)) return job.body;
    if (Date.now() > deadline) throw new Error(`job still ${job.body.status}: ${JSON.stringify(job.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function result(id: string, file: string): Promise<string> {
  const response = await downloadAs(server.app, driver.state.organiser, `/jobs/${id}/result`);
  expect(response.status).toBe(200);
  expect(response.headers["content-type"]).toBe("application/zip");
  const target = path.join(work, file);
  fs.writeFileSync(target, response.body);
  testZip(target);
  return target;
}

describe("a job of self-evaluation reports", () => {
  it("makes one Word file per school", async () => {
    const created = await organiser.post(`/campaigns/${driver.state.campaignId}/jobs`, {
      kind: "documents",
      documentKind: "self_evaluation_report",
    });
    expect(created.status, JSON.stringify(created.body)).toBe(202);
    expect(created.body).toMatchObject({
      kind: "documents",
      documentKind: "self_evaluation_report",
      total: 12,
    });
    const job = await finished(created.body.id);
    expect(job).toMatchObject({
      status: "succeeded",
      total: 12,
      done: 12,
      failed: 0,
      percent: 100,
      failures: [],
    });
    expect(job.result.fileName).toMatch(/\.zip$/);

    const zip = await result(created.body.id, "reports.zip");
    const entries = zipEntries(zip);
    expect(entries).toHaveLength(12);
    schools().forEach((school, i) => {
      expect(entries[i]).toMatch(/\.docx$/);
      expect(entries[i]).toContain(school.name);
    });
    const docx = path.join(work, "first.docx");
    fs.writeFileSync(docx, zipEntry(zip, entries[0]!));
    expect(zipEntries(docx)).toContain("word/document.xml");

    const listed = await organiser.get(`/campaigns/${driver.state.campaignId}/jobs`);
    expect(listed.body.items.map((j: { id: string }) => j.id)).toContain(created.body.id);
    const audit = await server.services.db
      .selectFrom("audit_log")
      .select(["action", "after"])
      .where("entity_id", "=", created.body.id)
      .execute();
    expect(audit).toEqual([
      {
        action: "job.created",
        after: {
          kind: "documents",
          documentKind: "self_evaluation_report",
          total: 12,
          organisationIds: "all",
        },
      },
    ]);
  }, 120_000);
});

describe("a job with a unit that fails", () => {
  it("reports that unit with its reason and archives the others", async () => {
    const [s01, s02, s03] = schools();
    const evidence = await server.services.db
      .selectFrom("evidence_files")
      .select("sha256")
      .where("id", "=", driver.state.evidence[s02!.code]!)
      .executeTakeFirstOrThrow();
    const sha = evidence.sha256;
    fs.rmSync(path.join(server.services.config.evidenceDir, sha.slice(0, 2), sha.slice(2, 4), sha));

    const created = await organiser.post(`/campaigns/${driver.state.campaignId}/jobs`, {
      kind: "archives",
      organisationIds: [s03!.id, s02!.id, s01!.id],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(202);
    const job = await finished(created.body.id);
    expect(job).toMatchObject({ status: "completed_with_failures", total: 3, done: 2, failed: 1 });
    expect(job.failures).toEqual([
      {
        organisationId: s02!.id,
        code: s02!.code,
        name: s02!.name,
        error: expect.stringContaining("content missing from the store"),
      },
    ]);
    const zip = await result(created.body.id, "archives.zip");
    expect(zipEntries(zip)).toEqual([`${s01!.code} ${s01!.name}.zip`, `${s03!.code} ${s03!.name}.zip`]);
    const inner = path.join(work, "s01.zip");
    fs.writeFileSync(inner, zipEntry(zip, `${s01!.code} ${s01!.name}.zip`));
    expect(zipEntries(inner)).toEqual([
      `A4 校舍安全/${s01!.code}校舍安全鉴定报告.pdf`,
      "资料目录.xlsx",
      "自评报告.docx",
    ]);
  }, 120_000);
});

describe("refusals", () => {
  it("names the field at fault and queues nothing", async () => {
    const url = `/campaigns/${driver.state.campaignId}/jobs`;
    const before = await organiser.get(url);
    const campaignWide = await organiser.post(url, { kind: "documents", documentKind: "bulletin" });
    expect(campaignWide.status).toBe(400);
    expect(campaignWide.body.error.details[0].path).toBe("body.documentKind");
    const outsider = await organiser.post(url, {
      kind: "archives",
      organisationIds: [schools()[0]!.id, driver.state.officeId],
    });
    expect(outsider.status).toBe(400);
    expect(outsider.body.error.details).toEqual([
      { path: "body.organisationIds.1", message: expect.stringContaining("not a unit of this campaign") },
    ]);
    const head = await ApiClient.login(server.app, schools()[0]!.head);
    expect((await head.post(url, { kind: "archives" })).status).toBe(403);
    expect((await organiser.get(url)).body.total).toBe(before.body.total);
  });
});
