/**
 * Bad input gets a clear 4xx and changes nothing: malformed and oversized JSON, wrong types, unknown fields,
 * path-traversal file names, oversized uploads, double submission, edits after submission and lock, a review
 * sheet edited after its submit, a stale version. "Nothing changed" is checked on every table (its rows hashed,
 * sessions left out), the audit trail's row count included.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, type ApiResponse } from "../http/in-process-client.js";
import {
  bundledSchemeSource,
  S4_DATA,
  seedCampaign,
  seedRaterMembers,
  seedSchemeVersion,
  seedUnit,
} from "../modules/review/__tests__/campaign-fixture.js";
import {
  COUNTY_TABLES,
  type SelfEvaluationFixture,
  seedS2Campaign,
  TOWN1_TABLES,
  TOWN2_TABLES,
  YUANJIANG_SCORES,
} from "../modules/self-evaluations/__tests__/fixture.js";
import { seedUser } from "../testing/fixtures.js";
import { startTestServer, type TestServer } from "../testing/test-services.js";

let server: TestServer;
let f: SelfEvaluationFixture;
let head: ApiClient;
let otherHead: ApiClient;
let rater: ApiClient;
let reviewCampaign: string;

/** Every table but sessions: its row count and a hash of its rows (in a stable order). */
async function snapshot(): Promise<Record<string, { rows: number; hash: string }>> {
  const db = server.services.db;
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const out: Record<string, { rows: number; hash: string }> = {};
  for (const { table_name } of tables.rows) {
    if (table_name === "sessions") continue;
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table_name)}`.execute(db);
    const lines = rows.rows.map((r) => JSON.stringify(r)).sort();
    out[table_name] = {
      rows: lines.length,
      hash: createHash("sha256").update(lines.join("\n")).digest("hex"),
    };
  }
  return out;
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** Runs `act`, expects the status (and error code), and that no table and no stored file changed. */
async function refusedWithoutChange(
  act: () => Promise<ApiResponse>,
  status: number,
  code?: string,
): Promise<ApiResponse> {
  const before = await snapshot();
  expect(Object.keys(before)).toEqual(
    expect.arrayContaining(["audit_log", "evidence_files", "evidence_blobs"]),
  );
  const filesBefore = filesUnder(server.services.config.dataDir);
  const response = await act();
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  if (code !== undefined) expect(response.body.error.code).toBe(code);
  const after = await snapshot();
  expect(after).toEqual(before);
  expect(after.audit_log?.rows).toBe(before.audit_log?.rows);
  expect(filesUnder(server.services.config.dataDir)).toEqual(filesBefore);
  return response;
}

function multipart(fields: Record<string, string>, name: string, content: Buffer) {
  const boundary = `----kaoping${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [field, value] of Object.entries(fields))
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"\r\n\r\n${value}\r\n`),
    );
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
        "Content-Type: application/pdf\r\n\r\n",
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    payload: Buffer.concat(parts),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}
const pdf = (size = 0) =>
  Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(size, 0x20), Buffer.from("\n%%EOF\n")]);

const upload = (client: ApiClient, name: string, content: Buffer, indicatorCode = "B1.1") => {
  const { payload, headers } = multipart({ indicatorCode }, name, content);
  return client.request("POST", f.url(f.county, "/evidence"), payload, headers);
};

beforeAll(async () => {
  server = await startTestServer({ maxUploadBytes: 64 * 1024 });
  const s = server.services;
  f = await seedS2Campaign(s);
  head = await ApiClient.login(server.app, "head-1");
  otherHead = await ApiClient.login(server.app, "otherhead-1");

  // A review-stage S4 campaign with one unit to score.
  const version = await seedSchemeVersion(s, f.city, bundledSchemeSource("s04-trade-union"));
  reviewCampaign = await seedCampaign(s, {
    organiser: f.city,
    schemeVersionId: version,
    year: 2026,
    stages: [
      { stage: "self_evaluation", closed: true },
      { stage: "review", open: true },
    ],
  });
  await seedUnit(s, reviewCampaign, f.town1, { category: "TOWN", data: S4_DATA });
  const raterId = await seedUser(s, {
    username: "rater",
    grants: [{ role: "reviewer", organisation: f.city }],
  });
  await seedRaterMembers(s, reviewCampaign, "LD", [raterId]);
  await s.db
    .insertInto("review_assignments")
    .values({ campaign_id: reviewCampaign, user_id: raterId, group_code: "LD", organisation_id: f.town1.id })
    .execute();
  rater = await ApiClient.login(server.app, "rater");
}, 60_000);
afterAll(() => server.close());

describe("malformed and oversized bodies", () => {
  it("refuses malformed JSON with 400 bad_json", async () => {
    const current = await head.get(f.url(f.county));
    await refusedWithoutChange(
      () =>
        head.request("PUT", f.url(f.county, "/report"), `{"version": ${current.body.version}, "report": {`, {
          "content-type": "application/json",
        }),
      400,
      "bad_json",
    );
  });

  it("refuses a JSON body over the configured limit with 413", async () => {
    const current = await head.get(f.url(f.county));
    const big = "报".repeat(Math.ceil(server.services.config.bodyLimitBytes / 3) + 10);
    await refusedWithoutChange(
      () =>
        head.put(f.url(f.county, "/report"), { version: current.body.version, report: { 基本情况: big } }),
      413,
      "payload_too_large",
    );
  });

  it("refuses wrong types, naming the field", async () => {
    const current = await head.get(f.url(f.county));
    const wrong = await refusedWithoutChange(
      () => head.put(f.url(f.county, "/report"), { version: String(current.body.version), report: [] }),
      400,
      "validation",
    );
    const paths = wrong.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toContain("body.version");
    expect(paths).toContain("body.report");
    const data = await refusedWithoutChange(
      () => head.put(f.url(f.county, "/data"), { version: current.body.version, data: { x: { nested: 1 } } }),
      400,
      "validation",
    );
    expect(data.body.error.details.map((d: { path: string }) => d.path).join(" ")).toContain("body.data");
  });

  it("refuses unknown fields, naming them", async () => {
    const current = await head.get(f.url(f.county));
    const unknown = await refusedWithoutChange(
      () =>
        head.put(f.url(f.county, "/report"), { version: current.body.version, report: {}, score: "100.00" }),
      400,
      "validation",
    );
    expect(JSON.stringify(unknown.body.error.details)).toContain("body.score");
    const nested = await refusedWithoutChange(
      () =>
        head.post("/campaigns", {
          organiserId: f.city.id,
          name: "x",
          year: 2026,
          schemeVersionId: f.city.id,
          stages: [{ stage: "self_evaluation", owner: "me" }],
          units: [],
        }),
      400,
      "validation",
    );
    expect(JSON.stringify(nested.body.error.details)).toContain("body.stages.0");
  });

  it("refuses an unknown query parameter and a malformed id in the path", async () => {
    await refusedWithoutChange(() => head.get(`/campaigns/${f.campaignId}/units?evil=1`), 400, "validation");
    await refusedWithoutChange(
      () =>
        head.put(`/campaigns/not-a-uuid/self-evaluations/${f.county.id}/report`, { version: 1, report: {} }),
      400,
      "validation",
    );
  });
});

describe("evidence uploads", () => {
  it("stores path-traversal file names sanitised", async () => {
    for (const name of ["../../etc/passwd.pdf", "..\\x.pdf", "/abs/../../y.pdf"]) {
      const response = await upload(head, name, pdf());
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      const row = await server.services.db
        .selectFrom("evidence_files")
        .select("original_name")
        .where("id", "=", response.body.id)
        .executeTakeFirstOrThrow();
      for (const stored of [row.original_name, response.body.name]) {
        expect(stored).not.toMatch(/[/\\]/);
        expect(stored).not.toContain("..");
        expect(stored).toMatch(/\.pdf$/);
      }
      const download = await head.get(`/evidence/${response.body.id}`);
      expect(download.status).toBe(200);
      expect(String(download.headers["content-disposition"])).not.toMatch(/\.\.|[/\\]/);
    }
    // Nothing was written outside the data folder: the names only ever became the stored name, never a path.
    expect(fs.existsSync(path.join(server.services.config.dataDir, "..", "x.pdf"))).toBe(false);
  });

  it("refuses an upload over the limit with 413 and stores nothing (no row, no blob, no file)", async () => {
    const blobs = async () =>
      (await server.services.db.selectFrom("evidence_blobs").select("sha256").execute()).length;
    const before = await blobs();
    await refusedWithoutChange(
      () => upload(head, "大文件.pdf", pdf(server.services.config.maxUploadBytes + 1024)),
      413,
      "payload_too_large",
    );
    expect(await blobs()).toBe(before);
  });

  it("refuses an upload by someone outside the unit, storing nothing", async () => {
    await refusedWithoutChange(() => upload(otherHead, "x.pdf", pdf()), 403, "forbidden");
  });
});

describe("state and versions", () => {
  it("refuses a stale version with 409 stale_version, overwriting nothing", async () => {
    const current = await head.get(f.url(f.county));
    const saved = await head.put(f.url(f.county, "/report"), {
      version: current.body.version,
      report: { 基本情况: "第一稿" },
    });
    expect(saved.status).toBe(200);
    await refusedWithoutChange(
      () =>
        head.put(f.url(f.county, "/report"), { version: current.body.version, report: { 基本情况: "旧稿" } }),
      409,
      "stale_version",
    );
    expect((await head.get(f.url(f.county))).body.report).toEqual({ 基本情况: "第一稿" });
  });

  it("refuses a double submission and every edit after it with 409 locked", async () => {
    let view = (await head.get(f.url(f.county))).body;
    for (const [code, input] of Object.entries(YUANJIANG_SCORES)) {
      const item = view.items.find((i: { code: string }) => i.code === code);
      const saved = await head.put(f.url(f.county, `/items/${code}`), { version: item.version, input });
      expect(saved.status, code).toBe(200);
    }
    for (const [code, rows] of Object.entries(COUNTY_TABLES)) {
      const table = view.tables.find((t: { code: string }) => t.code === code);
      const saved = await head.put(f.url(f.county, `/tables/${code}`), { version: table.version, rows });
      expect(saved.status, code).toBe(200);
    }
    // The townships' tables, which must add up to the county's.
    for (const [town, tables, user] of [
      [f.town1, TOWN1_TABLES, "town1head-1"],
      [f.town2, TOWN2_TABLES, "town2head-1"],
    ] as const) {
      const client = await ApiClient.login(server.app, user);
      for (const [code, rows] of Object.entries(tables)) {
        const saved = await client.put(f.url(town, `/tables/${code}`), { version: 0, rows });
        expect(saved.status, code).toBe(200);
      }
    }
    view = (await head.get(f.url(f.county))).body;
    const submitted = await head.post(f.url(f.county, "/submit"), { version: view.version });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    const version = submitted.body.version;

    await refusedWithoutChange(() => head.post(f.url(f.county, "/submit"), { version }), 409);
    await refusedWithoutChange(
      () => head.put(f.url(f.county, "/items/B1.1"), { version: 1, input: 4 }),
      409,
      "locked",
    );
    await refusedWithoutChange(
      () => head.put(f.url(f.county, "/report"), { version, report: { 基本情况: "改" } }),
      409,
      "locked",
    );
    await refusedWithoutChange(
      () => head.put(f.url(f.county, "/data"), { version, data: {} }),
      409,
      "locked",
    );
    await refusedWithoutChange(
      () => head.put(f.url(f.county, "/tables/T2"), { version: 1, rows: COUNTY_TABLES.T2 }),
      409,
      "locked",
    );
    await refusedWithoutChange(() => upload(head, "补充.pdf", pdf()), 409, "locked");
  });

  it("refuses a review sheet edit after its submit with 409", async () => {
    const url = `/campaigns/${reviewCampaign}/units/${f.town1.id}/review/LD`;
    const saved = await rater.put(url, { total: "90" });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const submitted = await rater.post(`${url}/submit`, { version: saved.body.version });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    await refusedWithoutChange(
      () => rater.put(url, { version: submitted.body.version, total: "95" }),
      409,
      "locked",
    );
    await refusedWithoutChange(() => rater.post(`${url}/submit`, { version: submitted.body.version }), 409);
    await refusedWithoutChange(() => rater.put(url, { total: 95 }), 400, "validation");
  });
});
