import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../../audit/audit-log.js";
import { ApiClient } from "../../../http/in-process-client.js";
import { type SeededOrganisation, seedOrganisation, seedUser } from "../../../testing/fixtures.js";
import { startTestServer, type TestServer } from "../../../testing/test-services.js";
import { conflictOfInterest } from "../assignments.js";
import {
  bundledSchemeSource,
  S4_DATA,
  seedCampaign,
  seedRaterMembers,
  seedSchemeVersion,
  seedUnit,
} from "./campaign-fixture.js";

let server: TestServer;
let county: SeededOrganisation;
let office: SeededOrganisation;
let t1: SeededOrganisation;
let t2: SeededOrganisation;
let t3: SeededOrganisation;
let campaignId: string;
const users: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  const s = server.services;
  county = await seedOrganisation(s, { code: "county", name: "县总工会", kind: "县" });
  office = await seedOrganisation(s, {
    parent: county,
    code: "office",
    name: "县总工会办公室",
    kind: "部室",
  });
  t1 = await seedOrganisation(s, { parent: county, code: "T1", name: "城关镇工会", kind: "乡镇" });
  t2 = await seedOrganisation(s, { parent: county, code: "T2", name: "石桥镇工会", kind: "乡镇" });
  t3 = await seedOrganisation(s, { parent: county, code: "T3", name: "龙泉乡工会", kind: "乡镇" });
  users.organiser = await seedUser(s, {
    username: "organiser",
    organisation: county,
    grants: [{ role: "organiser", organisation: county }],
  });
  users.leader = await seedUser(s, { username: "leader", organisation: county, grants: [] });
  users.head1 = await seedUser(s, { username: "head1", organisation: t1, grants: [] });
  users.head2 = await seedUser(s, { username: "head2", organisation: t2, grants: [] });
  users.staff = await seedUser(s, { username: "staff", organisation: office, grants: [] });
  users.outsider = await seedUser(s, { username: "outsider", grants: [] });
  const version = await seedSchemeVersion(s, county, bundledSchemeSource("s04-trade-union"));
  campaignId = await seedCampaign(s, {
    organiser: county,
    schemeVersionId: version,
    year: 2026,
    stages: [
      { stage: "self_evaluation", closed: true },
      { stage: "review", open: true },
      { stage: "grading" },
    ],
  });
  await seedUnit(s, campaignId, t1, {
    category: "TOWN",
    data: S4_DATA,
    scores: { "A2.2": 5 },
  });
  await seedUnit(s, campaignId, t2, { category: "TOWN", data: S4_DATA });
  await seedUnit(s, campaignId, t3, { category: "TOWN", data: S4_DATA, status: "draft" });
  await seedRaterMembers(s, campaignId, "LD", [users.leader!]);
  await seedRaterMembers(s, campaignId, "FZR", [users.head1!, users.head2!]);
  await seedRaterMembers(s, campaignId, "BS", [users.staff!]);
});
afterAll(() => server.close());

describe("conflict of interest", () => {
  it("is the reviewer's own organisation or one above it, never one below", () => {
    const countyPath = `/c/`;
    const townPath = `/c/t/`;
    expect(conflictOfInterest("t", townPath, "t")).toBe(true);
    expect(conflictOfInterest("t", townPath, "c")).toBe(true);
    expect(conflictOfInterest("c", countyPath, "t")).toBe(false);
    expect(conflictOfInterest(null, null, "t")).toBe(false);
  });

  it("refuses a union head assigned to his own union, naming the assignment, and accepts the rest", async () => {
    const organiser = await ApiClient.login(server.app, "organiser");
    const refused = await organiser.put(`/campaigns/${campaignId}/assignments`, {
      version: 1,
      assignments: [
        { userId: users.leader, groupCode: "LD", organisationIds: [t1.id, t2.id, t3.id] },
        { userId: users.head1, groupCode: "FZR", organisationIds: [t2.id, t1.id] },
        { userId: users.outsider, groupCode: "BS", organisationIds: [t1.id] },
        { userId: users.staff, groupCode: "XX", organisationIds: [t1.id] },
      ],
    });
    expect(refused.status).toBe(400);
    const details = refused.body.error.details as Array<{ path: string; message: string }>;
    expect(details.find((d) => d.path === "body.assignments[1].organisationIds[1]")?.message).toMatch(/回避/);
    expect(details.some((d) => d.path === "body.assignments[2].userId")).toBe(true);
    expect(details.some((d) => d.path === "body.assignments[3].groupCode")).toBe(true);
    expect(details).toHaveLength(3);

    const accepted = await organiser.put(`/campaigns/${campaignId}/assignments`, {
      version: 1,
      assignments: [
        { userId: users.leader, groupCode: "LD", organisationIds: [t1.id, t2.id, t3.id] },
        { userId: users.head1, groupCode: "FZR", organisationIds: [t2.id, t3.id] },
        { userId: users.head2, groupCode: "FZR", organisationIds: [t1.id, t3.id] },
        { userId: users.staff, groupCode: "BS", organisationIds: [t1.id, t2.id, t3.id] },
      ],
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.version).toBe(2);
    const stale = await organiser.put(`/campaigns/${campaignId}/assignments`, {
      version: 1,
      assignments: [],
    });
    expect(stale.status).toBe(409);
    const listed = await organiser.get(`/campaigns/${campaignId}/assignments`);
    expect(listed.body.assignments).toHaveLength(4);
    const head1 = await ApiClient.login(server.app, "head1");
    expect((await head1.get(`/campaigns/${campaignId}/assignments`)).status).toBe(403);
    const mine = await head1.get("/reviews");
    expect(mine.body.items.map((r: { organisationCode: string }) => r.organisationCode)).toEqual([
      "T2",
      "T3",
    ]);
  });
});

describe("review sheets", () => {
  it("refuses a reviewer who is not assigned to the unit or the group", async () => {
    const head1 = await ApiClient.login(server.app, "head1");
    const own = await head1.put(`/campaigns/${campaignId}/units/${t1.id}/review/FZR`, { total: "99" });
    expect(own.status).toBe(403);
    const otherGroup = await head1.put(`/campaigns/${campaignId}/units/${t2.id}/review/LD`, { total: "99" });
    expect(otherGroup.status).toBe(403);
    expect((await head1.get(`/campaigns/${campaignId}/units/${t1.id}/review`)).status).toBe(403);
  });

  it("refuses review of a unit that has not submitted", async () => {
    const leader = await ApiClient.login(server.app, "leader");
    const response = await leader.put(`/campaigns/${campaignId}/units/${t3.id}/review/LD`, { total: "90" });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe("wrong_stage");
  });

  it("hides self-scores unless the campaign allows them", async () => {
    const head2 = await ApiClient.login(server.app, "head2");
    const hidden = await head2.get(`/campaigns/${campaignId}/units/${t1.id}/review`);
    expect(hidden.status).toBe(200);
    expect(hidden.body.selfEvaluation.scores).toBeNull();
    expect(hidden.body.selfEvaluation.data.firms_required).toBe(60);
    await server.services.db
      .updateTable("campaigns")
      .set({ settings: JSON.stringify({ reviewersSeeSelfScores: true }) })
      .where("id", "=", campaignId)
      .execute();
    const shown = await head2.get(`/campaigns/${campaignId}/units/${t1.id}/review`);
    expect(shown.body.selfEvaluation.scores).toEqual({ "A2.2": 5 });
  });

  it("saves, versions, validates and submits a total sheet, then locks it", async () => {
    const leader = await ApiClient.login(server.app, "leader");
    const url = `/campaigns/${campaignId}/units/${t1.id}/review/LD`;
    const tooHigh = await leader.put(url, { total: "100.5" });
    expect(tooHigh.status).toBe(400);
    expect(tooHigh.body.error.details[0].path).toBe("body.total");
    const badLeaf = await leader.put(url, { scores: { "A2.2": 6.3, ZZ: 1 } });
    expect(badLeaf.status).toBe(400);
    const paths = badLeaf.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toContain("body.scores.A2.2");
    expect(paths).toContain("body.scores.ZZ");
    const saved = await leader.put(url, { total: "91" });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(1);
    const edited = await leader.put(url, { version: 1, total: "92.5" });
    expect(edited.body).toMatchObject({ version: 2, total: "92.5" });
    expect((await leader.put(url, { version: 1, total: "80" })).status).toBe(409);
    const submitted = await leader.post(`${url}/submit`, { version: 2 });
    expect(submitted.status).toBe(200);
    expect(submitted.body.submitted).toBe(true);
    const locked = await leader.put(url, { version: 3, total: "70" });
    expect(locked.status).toBe(409);
    expect(locked.body.error.code).toBe("locked");
  });

  it("records findings per indicator and shows them to the organiser", async () => {
    const staff = await ApiClient.login(server.app, "staff");
    const added = await staff.post(`/campaigns/${campaignId}/units/${t2.id}/findings`, {
      indicatorCode: "B4",
      kind: "看",
      text: "职工之家全年仅开展活动1次",
    });
    expect(added.status).toBe(201);
    const unknown = await staff.post(`/campaigns/${campaignId}/units/${t2.id}/findings`, {
      indicatorCode: "Q9",
      kind: "查",
      text: "x",
    });
    expect(unknown.status).toBe(400);
    const outsider = await ApiClient.login(server.app, "outsider");
    expect(
      (await outsider.post(`/campaigns/${campaignId}/units/${t2.id}/findings`, { kind: "听", text: "x" }))
        .status,
    ).toBe(403);
    const organiser = await ApiClient.login(server.app, "organiser");
    const list = await organiser.get(`/campaigns/${campaignId}/units/${t2.id}/findings`);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ indicatorCode: "B4", kind: "看" });
    expect(await verifyAuditChain(server.services.db)).toMatchObject({ problem: null });
  });
});

describe("review progress", () => {
  it("counts each unit's assigned reviewers, saved and submitted sheets per group, for the organiser only", async () => {
    const organiser = await ApiClient.login(server.app, "organiser");
    const response = await organiser.get(`/campaigns/${campaignId}/review-progress`);
    expect(response.status).toBe(200);
    expect(response.body.groups).toEqual(["LD", "FZR", "BS"]);
    const byCode = Object.fromEntries(
      response.body.units.map((u: { code: string; groups: unknown[] }) => [u.code, u.groups]),
    );
    // T1: the leader's LD sheet was saved and submitted above; head2 (FZR) and staff (BS) have not started.
    expect(byCode.T1).toEqual([
      { groupCode: "LD", assigned: 1, saved: 1, submitted: 1 },
      { groupCode: "FZR", assigned: 1, saved: 0, submitted: 0 },
      { groupCode: "BS", assigned: 1, saved: 0, submitted: 0 },
    ]);
    expect(byCode.T3[1]).toEqual({ groupCode: "FZR", assigned: 2, saved: 0, submitted: 0 });
    const head1 = await ApiClient.login(server.app, "head1");
    expect((await head1.get(`/campaigns/${campaignId}/review-progress`)).status).toBe(403);
  });
});
