import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../audit/audit-log.js";
import { ApiClient } from "../../http/in-process-client.js";
import { type SeededOrganisation, seedOrganisation, seedUser } from "../../testing/fixtures.js";
import { startTestServer, type TestServer } from "../../testing/test-services.js";
import { describeChainReport } from "./present-audit.js";

let server: TestServer;
let county: SeededOrganisation;
let school: SeededOrganisation;
let otherSchool: SeededOrganisation;

beforeAll(async () => {
  server = await startTestServer();
  const s = server.services;
  county = await seedOrganisation(s, { code: "county", name: "某县", kind: "县" });
  await seedUser(s, { username: "admin", grants: [{ role: "admin" }] });
  await seedUser(s, {
    username: "organiser",
    organisation: county,
    grants: [{ role: "organiser", organisation: county }],
  });
  await seedUser(s, {
    username: "leader",
    organisation: county,
    grants: [{ role: "viewer", organisation: county }],
  });
  const organiser = await ApiClient.login(server.app, "organiser");
  const created = await organiser.post("/organisations", {
    parentId: county.id,
    code: "s1",
    name: "一小",
    kind: "学校",
  });
  school = { id: created.body.id, code: "s1", path: `${county.path}${created.body.id}/` };
  const other = await organiser.post("/organisations", {
    parentId: county.id,
    code: "s2",
    name: "二小",
    kind: "学校",
  });
  otherSchool = { id: other.body.id, code: "s2", path: `${county.path}${other.body.id}/` };
  for (let version = 1; version <= 3; version += 1)
    expect(
      (await organiser.patch(`/organisations/${school.id}`, { version, name: `一小 v${version + 1}` }))
        .status,
    ).toBe(200);
  await seedUser(s, {
    username: "head",
    organisation: school,
    grants: [{ role: "unit_head", organisation: school }],
  });
  await seedUser(s, {
    username: "staff",
    organisation: school,
    grants: [{ role: "unit_staff", organisation: school }],
  });
  await seedUser(s, {
    username: "other-head",
    organisation: otherSchool,
    grants: [{ role: "unit_head", organisation: otherSchool }],
  });
});
afterAll(() => server.close());

/** Changes audit rows as only a database superuser or the table's owner could: around the append-only trigger. */
async function tamper(statement: ReturnType<typeof sql>) {
  const db = server.services.db;
  await sql`alter table audit_log disable trigger audit_log_append_only`.execute(db);
  try {
    await statement.execute(db);
  } finally {
    await sql`alter table audit_log enable trigger audit_log_append_only`.execute(db);
  }
}

describe("an organisation's audit trail", () => {
  it("lists the unit's rows newest first, paged, with before and after", async () => {
    const organiser = await ApiClient.login(server.app, "organiser");
    const first = await organiser.get(`/organisations/${school.id}/audit?limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.total).toBe(4);
    expect(first.body.items.map((r: { action: string }) => r.action)).toEqual([
      "organisation.updated",
      "organisation.updated",
    ]);
    expect(first.body.items[0].seq).toBeGreaterThan(first.body.items[1].seq);
    expect(first.body.items[0]).toMatchObject({
      actor: { name: "organiser" },
      entityType: "organisation",
      entityId: school.id,
      organisationId: school.id,
      before: { name: "一小 v3" },
      after: { name: "一小 v4" },
    });
    const rest = await organiser.get(`/organisations/${school.id}/audit?limit=2&offset=2`);
    expect(rest.body.items.map((r: { action: string }) => r.action)).toEqual([
      "organisation.updated",
      "organisation.created",
    ]);
  });

  it("keeps one action and a time span when asked", async () => {
    const organiser = await ApiClient.login(server.app, "organiser");
    const created = await organiser.get(`/organisations/${school.id}/audit?action=organisation.created`);
    expect(created.body.total).toBe(1);
    expect(created.body.items[0].action).toBe("organisation.created");
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const none = await organiser.get(`/organisations/${school.id}/audit?from=${encodeURIComponent(future)}`);
    expect(none.body.total).toBe(0);
    const past = await organiser.get(`/organisations/${school.id}/audit?to=${encodeURIComponent(future)}`);
    expect(past.body.total).toBe(4);
    const bad = await organiser.get(`/organisations/${school.id}/audit?from=yesterday`);
    expect(bad.status).toBe(400);
  });

  it("is open to organisers over the unit, its head, viewers and administrators only", async () => {
    const status = async (username: string, organisation = school) =>
      (await (await ApiClient.login(server.app, username)).get(`/organisations/${organisation.id}/audit`))
        .status;
    expect(await status("organiser")).toBe(200);
    expect(await status("head")).toBe(200);
    expect(await status("leader")).toBe(200);
    expect(await status("admin")).toBe(200);
    expect(await status("staff")).toBe(403);
    expect(await status("other-head")).toBe(403);
    expect(await status("head", otherSchool)).toBe(403);
    expect((await ApiClient.anonymous(server.app).get(`/organisations/${school.id}/audit`)).status).toBe(401);
    const missing = await (await ApiClient.login(server.app, "admin")).get(
      "/organisations/00000000-0000-4000-8000-000000000000/audit",
    );
    expect(missing.status).toBe(404);
  });
});

describe("verifying the chain", () => {
  it("is for administrators", async () => {
    expect((await (await ApiClient.login(server.app, "organiser")).get("/audit/verify")).status).toBe(403);
    const report = await (await ApiClient.login(server.app, "admin")).get("/audit/verify");
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ intact: true, problem: null });
    expect(report.body.rows).toBeGreaterThanOrEqual(5);
  });

  it("refuses updates and deletes through the append-only trigger", async () => {
    await expect(
      sql`update audit_log set actor_name = 'x' where seq = 1`.execute(server.services.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where seq = 1`.execute(server.services.db)).rejects.toThrow(
      /append-only/,
    );
  });

  it("names the first row relinked, altered or removed behind the trigger's back", async () => {
    const admin = await ApiClient.login(server.app, "admin");
    const intact = await verifyAuditChain(server.services.db);
    expect(intact.problem).toBeNull();
    const last = intact.rows;

    // Each change below is earlier in the chain than the one before, so it is the one reported.
    await tamper(sql`update audit_log set prev_hash = ${"f".repeat(64)} where seq = ${last}`);
    expect((await admin.get("/audit/verify")).body).toEqual({
      rows: last - 1,
      intact: false,
      problem: { kind: "relinked", seq: last },
    });

    await tamper(sql`update audit_log set after = '{"name":"被篡改"}'::jsonb where seq = 3`);
    expect((await admin.get("/audit/verify")).body).toEqual({
      rows: 2,
      intact: false,
      problem: { kind: "altered", seq: 3 },
    });
    expect(describeChainReport(await verifyAuditChain(server.services.db))).toBe(
      "row 3 altered (2 rows verified before it)",
    );

    await tamper(sql`delete from audit_log where seq = 2`);
    expect((await admin.get("/audit/verify")).body).toEqual({
      rows: 1,
      intact: false,
      problem: { kind: "removed", seq: 2 },
    });
  });
});
