/**
 * The dashboards on S4 县总工会年度考评, driven to publication by the demo driver (demo/drive-s4.ts). The figures
 * are checked against the hand-worked tables of src/__tests__/s4-campaign.test.ts:
 *
 * Final (corrected, published) run, totals: T01 94.85, D01 92.00, T02 90.85, T05 89.31, D07 88.42, D02 88.05,
 * T03 87.55, T04 85.23, D03 83.28, K01 82.23, T07 81.00, T06 80.00, D04 79.23, D05 75.23.
 *   sum 1197.23 → mean 1197.23 ÷ 14 = 85.5164… → 85.52; median = (7th 87.55 + 8th 85.23) ÷ 2 = 86.39;
 *   min 75.23, max 94.85.
 *   histogram over 0–100 in 10 bins of 10: [70,80) D04, D05 = 2; [80,90) T05 D07 D02 T03 T04 D03 K01 T07 T06 = 9;
 *   [90,100] T01 D01 T02 = 3; the rest 0.
 *   grades: 优秀 YX T01 D01 = 2; 先进 XJ T02 D07 D02 = 3; 达标 DB T03 T04 D03 T06 = 4;
 *   未达标 WDB T05 K01 T07 D04 D05 = 5.
 * First run: D02 87.55 (not 88.05): sum 1196.73 → mean 85.4807… → 85.48; median still (87.55 + 85.23) ÷ 2 = 86.39;
 *   grade counts the same (T03 先进 and D02 达标 swap).
 */
import { Decimal } from "@kaoping/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { S4Driver } from "../../../demo/drive-s4.js";
import { ApiClient } from "../../../http/in-process-client.js";
import { s4Driver } from "../../../testing/demo-drivers.js";
import { seedUser } from "../../../testing/fixtures.js";
import { startTestServer, type TestServer } from "../../../testing/test-services.js";
import { seedCampaign } from "../../review/__tests__/campaign-fixture.js";

let server: TestServer;
let driver: S4Driver;
const login = (username: string) => ApiClient.login(server.app, username);
const union = (code: string) => driver.state.unions[code]!;

beforeAll(async () => {
  server = await startTestServer();
  driver = await s4Driver(server, { year: 2026 });
  await driver.runUntil("published");
  const s = server.services;
  await seedUser(s, {
    username: "leader",
    grants: [
      {
        role: "viewer",
        organisation: {
          id: driver.state.federationId,
          path: await pathOf(driver.state.federationId),
          code: "S4-ZGH",
        },
      },
    ],
  });
}, 120_000);
afterAll(() => server?.close());

async function pathOf(id: string) {
  const row = await server.services.db
    .selectFrom("organisations")
    .select("path")
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  return row.path;
}

const HISTOGRAM = [0, 0, 0, 0, 0, 0, 0, 2, 9, 3].map((count, i) => ({
  from: String(i * 10),
  to: String((i + 1) * 10),
  count,
}));
const GRADES = [
  { grade: "YX", name: "优秀单位", count: 2 },
  { grade: "XJ", name: "先进单位", count: 3 },
  { grade: "DB", name: "达标单位", count: 4 },
  { grade: "WDB", name: "未达标", count: 5 },
];

/** The run's stored per-unit first-level scores, averaged here independently of the endpoint. */
async function storedAverages(runId: string) {
  const run = await server.services.db
    .selectFrom("grading_runs")
    .select("results")
    .where("id", "=", runId)
    .executeTakeFirstOrThrow();
  const results = run.results as Array<{
    unit: string;
    indicators: Record<string, { score: string; na: boolean }>;
  }>;
  const average = (code: string) => {
    const scores = results.map((r) => r.indicators[code]).filter((f) => f !== undefined && !f.na);
    const sum = scores.reduce((s, f) => s.plus(f!.score), new Decimal(0));
    return { average: sum.dividedBy(scores.length).toDecimalPlaces(2).toFixed(2), units: scores.length };
  };
  return { results, A: average("A"), B: average("B") };
}

describe("GET /grading-runs/:id/dashboard", () => {
  it("gives the published run's distribution, grade counts and summary, worked by hand", async () => {
    const leader = await login("leader");
    const res = await leader.get(`/grading-runs/${driver.state.correctedRunId}/dashboard`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      runId: driver.state.correctedRunId,
      runNumber: 2,
      campaignId: driver.state.campaignId,
      year: 2026,
      schemeMax: "100.00",
      units: 14,
      totals: { mean: "85.52", median: "86.39", min: "75.23", max: "94.85" },
      histogram: { width: "10", bins: HISTOGRAM },
      grades: GRADES,
    });
  });

  it("gives the first run its own figures", async () => {
    const organiser = await login(driver.state.organiser);
    const res = await organiser.get(`/grading-runs/${driver.state.firstRunId}/dashboard`);
    expect(res.body.totals).toEqual({ mean: "85.48", median: "86.39", min: "75.23", max: "94.85" });
    expect(res.body.grades).toEqual(GRADES);
    expect(res.body.histogram.bins).toEqual(HISTOGRAM);
  });

  it("takes another number of bins, with a readable width", async () => {
    const organiser = await login(driver.state.organiser);
    const res = await organiser.get(`/grading-runs/${driver.state.correctedRunId}/dashboard?bins=5`);
    expect(res.body.histogram).toEqual({
      width: "20",
      bins: [
        { from: "0", to: "20", count: 0 },
        { from: "20", to: "40", count: 0 },
        { from: "40", to: "60", count: 0 },
        { from: "60", to: "80", count: 2 },
        { from: "80", to: "100", count: 12 },
      ],
    });
    expect(
      (await organiser.get(`/grading-runs/${driver.state.correctedRunId}/dashboard?bins=0`)).status,
    ).toBe(400);
  });

  it("averages the first-level indicators over the units they apply to", async () => {
    const organiser = await login(driver.state.organiser);
    const res = await organiser.get(`/grading-runs/${driver.state.correctedRunId}/dashboard`);
    const stored = await storedAverages(driver.state.correctedRunId!);
    expect(res.body.indicators.map((i: { code: string }) => i.code)).toEqual(["A", "B"]);
    expect(res.body.indicators[0]).toMatchObject({
      code: "A",
      name: "重点工作目标",
      max: "70.00",
      ...stored.A,
    });
    expect(res.body.indicators[1]).toMatchObject({ code: "B", max: "30.00", ...stored.B });
    expect(stored.A.units).toBe(14);
  });
});

describe("GET /grading-runs/:id/units/:orgId/radar", () => {
  it("gives a unit's first-level scores against the run's averages", async () => {
    const organiser = await login(driver.state.organiser);
    const base = `/grading-runs/${driver.state.correctedRunId}`;
    const res = await organiser.get(`${base}/units/${union("T07").id}/radar`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const stored = await storedAverages(driver.state.correctedRunId!);
    const t07 = stored.results.find((r) => r.unit === "T07")!;
    expect(res.body).toMatchObject({ unit: "T07", total: "81.00", grade: "WDB", rank: 11 });
    const [a, b] = res.body.indicators;
    expect(a).toMatchObject({
      code: "A",
      max: "70.00",
      score: t07.indicators.A!.score,
      average: stored.A.average,
    });
    expect(b).toMatchObject({
      code: "B",
      max: "30.00",
      score: t07.indicators.B!.score,
      average: stored.B.average,
    });
    const rate = new Decimal(a.score).dividedBy(a.applicableMax).times(100).toDecimalPlaces(2).toFixed(2);
    expect(a.rate).toBe(rate);
    const dashboard = await organiser.get(`${base}/dashboard`);
    expect(a.averageRate).toBe(dashboard.body.indicators[0].averageRate);
  });

  it("lets a unit read it once published, refuses others, and knows no unit outside the run", async () => {
    const base = `/grading-runs/${driver.state.correctedRunId}`;
    const d02 = await login(union("D02").head);
    const own = await d02.get(`${base}/units/${union("D02").id}/radar`);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ unit: "D02", total: "88.05", gradeName: "先进单位" });
    const chair = Object.values(driver.state.raters).find((r) => r.title === "县总工会主席")!;
    const rater = await login(chair.username);
    expect((await rater.get(`${base}/units/${union("D02").id}/radar`)).status).toBe(403);
    expect((await rater.get(`${base}/dashboard`)).status).toBe(403);
    const organiser = await login(driver.state.organiser);
    expect((await organiser.get(`${base}/units/${driver.state.federationId}/radar`)).status).toBe(404);
  });
});

describe("GET /organisations/:id/trend", () => {
  it("gives the unit's totals per year beside each campaign's average", async () => {
    const s = server.services;
    const federation = {
      id: driver.state.federationId,
      path: await pathOf(driver.state.federationId),
      code: "",
    };
    const earlier = await seedCampaign(s, {
      organiser: federation,
      schemeVersionId: driver.state.schemeVersionId,
      year: 2025,
      name: "2025年度全县工会工作创优争先考评",
      stages: [{ stage: "grading", closed: true }],
    });
    const at = new Date("2026-01-20T00:00:00Z");
    const row = (code: string, total: string, grade: string, rank: number) => ({
      campaign_id: earlier,
      organisation_id: union(code).id,
      scheme_code: "s04-trade-union",
      year: 2025,
      total,
      grade,
      rank,
      published_at: at,
    });
    await s.db
      .insertInto("unit_results")
      .values([row("T01", "90.00", "XJ", 1), row("D02", "84.50", "DB", 2)])
      .execute();
    const d02 = await login(union("D02").head);
    const res = await d02.get(`/organisations/${union("D02").id}/trend?scheme=s04-trade-union`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({
      organisationId: union("D02").id,
      schemeCode: "s04-trade-union",
      points: [
        {
          year: 2025,
          campaignId: earlier,
          campaignName: "2025年度全县工会工作创优争先考评",
          schemeCode: "s04-trade-union",
          total: "84.50",
          grade: "DB",
          gradeName: "达标单位",
          rank: 2,
          // (90.00 + 84.50) ÷ 2
          average: "87.25",
          units: 2,
        },
        expect.objectContaining({
          year: 2026,
          campaignId: driver.state.campaignId,
          total: "88.05",
          grade: "XJ",
          gradeName: "先进单位",
          rank: 6,
          average: "85.52",
          units: 14,
        }),
      ],
    });
    const none = await d02.get(`/organisations/${union("D02").id}/trend?scheme=other`);
    expect(none.body.points).toEqual([]);
    expect((await d02.get(`/organisations/${union("T01").id}/trend`)).status).toBe(403);
    expect((await (await login("leader")).get(`/organisations/${union("T01").id}/trend`)).status).toBe(200);
  });
});

describe("GET /campaigns/:id/overview", () => {
  it("counts the published campaign's self-evaluations, sheets and objections", async () => {
    const leader = await login("leader");
    const res = await leader.get(`/campaigns/${driver.state.campaignId}/overview`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const sheets = driver.units.reduce((n, u) => n + (u.ratings?.length ?? 0), 0);
    const rated = driver.units.filter((u) => (u.ratings?.length ?? 0) > 0).length;
    expect(res.body).toMatchObject({
      status: "published",
      units: { total: 14, evaluated: 14, reporting: 0 },
      selfEvaluations: { notStarted: 0, draft: 0, submitted: 14, returned: 0, accepted: 0, late: 0 },
      review: { sheets, saved: 0, submitted: sheets, unitsAssigned: rated, unitsComplete: rated },
      objections: { pending: 0, upheld: 1, rejected: 0 },
      latestRun: { id: driver.state.correctedRunId, number: 2 },
    });
    expect(res.body.stages.map((s: { stage: string }) => s.stage)).toEqual([
      "deploy",
      "self_evaluation",
      "review",
      "grading",
      "publicity",
      "feedback",
    ]);
    expect(res.body.stages.every((s: { overdue: boolean }) => !s.overdue)).toBe(true);
    const head = await login(union("D02").head);
    expect((await head.get(`/campaigns/${driver.state.campaignId}/overview`)).status).toBe(403);
  });
});
