/**
 * GET /campaigns/:id/overview on a running campaign (clock 2026-03-01T02:00Z): 单位自评 closed on 02-20 (its
 * deadline passed), 实地评估 open until 03-15, 公示 to come with a deadline already passed (02-28).
 * Units: U1 draft, U2 returned, U3 submitted, U4 accepted, U5 never started, R1 a reporting unit, submitted.
 * Review: the reviewer on U1 (nothing saved), U3 (saved), U4 (submitted); a second reviewer on U4 (submitted).
 * One objection pending, one rejected.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "../../../http/in-process-client.js";
import { type SeededOrganisation, seedOrganisation, seedUser } from "../../../testing/fixtures.js";
import { startTestServer, type TestServer } from "../../../testing/test-services.js";
import {
  bundledSchemeSource,
  seedCampaign,
  seedSchemeVersion,
  seedUnit,
} from "../../review/__tests__/campaign-fixture.js";

let server: TestServer;
let campaignId: string;
const login = (username: string) => ApiClient.login(server.app, username);

beforeAll(async () => {
  server = await startTestServer();
  const s = server.services;
  const county = await seedOrganisation(s, { code: "county", name: "元江县", kind: "县" });
  const other = await seedOrganisation(s, { code: "other", name: "新平县", kind: "县" });
  const units: Record<string, SeededOrganisation> = {};
  for (const code of ["U1", "U2", "U3", "U4", "U5", "R1"])
    units[code] = await seedOrganisation(s, { parent: county, code, kind: "乡镇" });
  const reviewer = await seedUser(s, {
    username: "reviewer",
    grants: [{ role: "reviewer", organisation: county }],
  });
  const second = await seedUser(s, {
    username: "second",
    grants: [{ role: "reviewer", organisation: county }],
  });
  await seedUser(s, { username: "organiser", grants: [{ role: "organiser", organisation: county }] });
  await seedUser(s, { username: "leader", grants: [{ role: "viewer", organisation: county }] });
  await seedUser(s, { username: "other", grants: [{ role: "organiser", organisation: other }] });
  await seedUser(s, { username: "u1-head", grants: [{ role: "unit_head", organisation: units.U1 }] });
  const version = await seedSchemeVersion(s, county, bundledSchemeSource("s02-county-education-supervision"));
  campaignId = await seedCampaign(s, {
    organiser: county,
    schemeVersionId: version,
    year: 2026,
    stages: [
      { stage: "self_evaluation", closed: true, deadline: "2026-02-20T09:00:00Z" },
      { stage: "review", open: true, deadline: "2026-03-15T09:00:00Z" },
      { stage: "publicity", deadline: "2026-02-28T09:00:00Z" },
    ],
  });
  await seedUnit(s, campaignId, units.U1!, { status: "draft" });
  await seedUnit(s, campaignId, units.U2!, { status: "returned" });
  await seedUnit(s, campaignId, units.U3!, { status: "submitted" });
  await seedUnit(s, campaignId, units.U4!, { status: "accepted" });
  await s.db
    .insertInto("campaign_units")
    .values({ campaign_id: campaignId, organisation_id: units.U5!.id })
    .execute();
  await seedUnit(s, campaignId, units.R1!, { status: "submitted" });
  await s.db
    .updateTable("campaign_units")
    .set({ role: "reporting" })
    .where("organisation_id", "=", units.R1!.id)
    .execute();
  const assign = (user: string, unit: string) => ({
    campaign_id: campaignId,
    user_id: user,
    group_code: "review",
    organisation_id: units[unit]!.id,
  });
  await s.db
    .insertInto("review_assignments")
    .values([assign(reviewer, "U1"), assign(reviewer, "U3"), assign(reviewer, "U4"), assign(second, "U4")])
    .execute();
  const sheet = (user: string, unit: string, submitted: boolean) => ({
    ...assign(user, unit),
    scores: "{}",
    submitted,
    submitted_at: submitted ? new Date("2026-02-27T00:00:00Z") : null,
  });
  await s.db
    .insertInto("review_sheets")
    .values([sheet(reviewer, "U3", false), sheet(reviewer, "U4", true), sheet(second, "U4", true)])
    .execute();
  await s.db
    .insertInto("objections")
    .values([
      { campaign_id: campaignId, organisation_id: units.U3!.id, reason: "待处理" },
      { campaign_id: campaignId, organisation_id: units.U4!.id, reason: "已驳回", status: "rejected" },
    ])
    .execute();
}, 60_000);
afterAll(() => server?.close());

describe("GET /campaigns/:id/overview", () => {
  it("counts the units, sheets and objections of a running campaign, and flags the stages past due", async () => {
    const res = await (await login("leader")).get(`/campaigns/${campaignId}/overview`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      campaignId,
      status: "running",
      currentStage: "review",
      now: "2026-03-01T02:00:00.000Z",
      units: { total: 6, evaluated: 5, reporting: 1 },
      // late: U1 draft, U2 returned, U5 never started (the deadline of 单位自评 passed)
      selfEvaluations: { notStarted: 1, draft: 1, submitted: 2, returned: 1, accepted: 1, late: 3 },
      review: { sheets: 4, saved: 1, submitted: 2, unitsAssigned: 3, unitsComplete: 1 },
      objections: { pending: 1, upheld: 0, rejected: 1 },
      latestRun: null,
    });
    expect(
      res.body.stages.map((s: { stage: string; open: boolean; overdue: boolean; deadline: string }) => [
        s.stage,
        s.open,
        s.overdue,
        s.deadline,
      ]),
    ).toEqual([
      ["self_evaluation", false, false, "2026-02-20T09:00:00.000Z"],
      ["review", true, false, "2026-03-15T09:00:00.000Z"],
      ["publicity", false, true, "2026-02-28T09:00:00.000Z"],
    ]);
  });

  it("is the organisers' and viewers' over the organising body", async () => {
    expect((await (await login("organiser")).get(`/campaigns/${campaignId}/overview`)).status).toBe(200);
    for (const username of ["other", "u1-head", "reviewer"])
      expect((await (await login(username)).get(`/campaigns/${campaignId}/overview`)).status).toBe(403);
    expect((await ApiClient.anonymous(server.app).get(`/campaigns/${campaignId}/overview`)).status).toBe(401);
  });
});
