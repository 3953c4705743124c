/**
 * Results kept per unit across years feed multi-year rules (连续三年A级): 2024 is on record, 2025 is graded and
 * published through the API, and the 2026 run flags the unit that was A in all three years.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "../../../http/in-process-client.js";
import { type SeededOrganisation, seedOrganisation, seedUser } from "../../../testing/fixtures.js";
import { startTestServer, type TestServer } from "../../../testing/test-services.js";
import { seedCampaign, seedSchemeVersion, seedUnit } from "../../review/__tests__/campaign-fixture.js";

const SCHEME = `
code: hist-mini
name: 年度考核（示例）
version: "1"
issuer: 县考核办
indicators:
  - { code: A, name: 年度工作, max: 100, method: { type: manual, step: 0.5 } }
grading:
  grades:
    - { code: A, name: A级, min: 90 }
    - { code: B, name: B级, min: 60 }
    - { code: C, name: C级 }
  history:
    - { code: H1, name: 连续三年考核为A级, grades: [A], years: 3, outcome: 同等条件下优先提拔任用 }
`;

let server: TestServer;
let county: SeededOrganisation;
let u1: SeededOrganisation;
let u2: SeededOrganisation;
let versionId: string;

beforeAll(async () => {
  server = await startTestServer();
  const s = server.services;
  county = await seedOrganisation(s, { code: "county", kind: "县" });
  u1 = await seedOrganisation(s, { parent: county, code: "U1", kind: "单位" });
  u2 = await seedOrganisation(s, { parent: county, code: "U2", kind: "单位" });
  await seedUser(s, {
    username: "organiser",
    organisation: county,
    grants: [{ role: "organiser", organisation: county }],
  });
  versionId = await seedSchemeVersion(s, county, SCHEME);
  const old = await seedCampaign(s, {
    organiser: county,
    schemeVersionId: versionId,
    year: 2024,
    stages: [{ stage: "grading", closed: true }],
  });
  await s.db
    .insertInto("unit_results")
    .values([
      {
        campaign_id: old,
        organisation_id: u1.id,
        scheme_code: "hist-mini",
        year: 2024,
        total: "95",
        grade: "A",
        rank: 1,
        published_at: new Date("2025-01-10T00:00:00Z"),
      },
      {
        campaign_id: old,
        organisation_id: u2.id,
        scheme_code: "hist-mini",
        year: 2024,
        total: "91",
        grade: "A",
        rank: 2,
        published_at: new Date("2025-01-10T00:00:00Z"),
      },
    ])
    .execute();
});
afterAll(() => server.close());

async function gradeYear(year: number, scores: { U1: number; U2: number }) {
  const campaignId = await seedCampaign(server.services, {
    organiser: county,
    schemeVersionId: versionId,
    year,
    stages: [
      { stage: "self_evaluation", closed: true },
      { stage: "grading", open: true },
    ],
  });
  await seedUnit(server.services, campaignId, u1, { scores: { A: scores.U1 } });
  await seedUnit(server.services, campaignId, u2, { scores: { A: scores.U2 } });
  const organiser = await ApiClient.login(server.app, "organiser");
  const run = await organiser.post(`/campaigns/${campaignId}/grading-runs`, {});
  expect(run.status).toBe(201);
  return { campaignId, organiser, run: (await organiser.get(`/grading-runs/${run.body.id}`)).body };
}

describe("history across years", () => {
  it("publishes 2025 and flags three A years in 2026", async () => {
    const y2025 = await gradeYear(2025, { U1: 93, U2: 85 });
    expect(y2025.run.items.map((i: { grade: string }) => i.grade)).toEqual(["A", "B"]);
    const published = await y2025.organiser.post(`/campaigns/${y2025.campaignId}/publish`, { version: 1 });
    expect(published.status).toBe(200);
    const y2026 = await gradeYear(2026, { U1: 96, U2: 97 });
    const rows = Object.fromEntries(y2026.run.items.map((i: { unit: string }) => [i.unit, i]));
    expect(rows.U1).toMatchObject({ grade: "A", flags: ["H1"] });
    expect(rows.U2).toMatchObject({ grade: "A", flags: [] });
    const explained = await y2026.organiser.get(
      `/grading-runs/${y2026.run.run.id}/units/${u1.id}/explanation?lang=zh`,
    );
    expect(explained.body.text).toContain("连续三年");
    const history = await y2026.organiser.get(`/organisations/${u1.id}/results`);
    expect(history.body.items.map((r: { year: number; grade: string }) => [r.year, r.grade])).toEqual([
      [2025, "A"],
      [2024, "A"],
    ]);
  });
});
