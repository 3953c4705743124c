/**
 * S4 (县总工会 annual appraisal) through the API: 40/30/30 rater totals, approved bonus capped at 2 per item, a
 * veto, nested quotas; re-running gives the same hashes; an upheld objection makes a corrected run; publication
 * locks the campaign and keeps the results per unit and year.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../../audit/audit-log.js";
import { ApiClient } from "../../../http/in-process-client.js";
import { type SeededOrganisation, seedOrganisation, seedUser } from "../../../testing/fixtures.js";
import { startTestServer, type TestServer } from "../../../testing/test-services.js";
import {
  bundledSchemeSource,
  moveToStage,
  S4_DATA,
  seedCampaign,
  seedRaterMembers,
  seedSchemeVersion,
  seedUnit,
} from "../../review/__tests__/campaign-fixture.js";

let server: TestServer;
let county: SeededOrganisation;
const units: Record<string, SeededOrganisation> = {};
let campaignId: string;
let organiser: ApiClient;
const ids: Record<string, string> = {};

/**
 * Rater totals per unit, by reviewer. By hand (total = 0.4 LD + 0.3 FZR + 0.3 BS; FZR and BS have fewer than 5
 * raters, so plain means):
 *   T1: LD (92+94)/2 = 93, FZR 90, BS 91 → 37.2 + 27 + 27.3 = 91.50; bonus J1 2.5 capped at 2 → 93.50
 *   T2: LD 89, FZR 86, BS 85 → 35.6 + 25.8 + 25.5 = 86.90
 *   T3: LD 95, FZR (93+91)/2 = 92, BS 94 → 38 + 27.6 + 28.2 = 93.80
 *   T4: LD 81, FZR 79, BS 79 → 32.4 + 23.7 + 23.7 = 79.80 (below 80: 未达标)
 *   T5: LD 96, FZR 95, BS 95 → 38.4 + 28.5 + 28.5 = 95.40, but 违反党风廉政建设 (veto V3): 未达标
 * 达标 pool T3, T1, T2 → 先进 = 60% of 3 = 1.8 → 2 (T3, T1) → 优秀 = 30% of 2 = 0.6 → 1 (T3).
 */
const SHEETS: Record<string, Record<string, string>> = {
  T1: { leader1: "92", leader2: "94", head2: "90", staff: "91" },
  T2: { leader1: "88", leader2: "90", head1: "86", staff: "85" },
  T3: { leader1: "95", leader2: "95", head1: "93", head2: "91", staff: "94" },
  T4: { leader1: "80", leader2: "82", head1: "78", head2: "80", staff: "79" },
  T5: { leader1: "96", leader2: "96", head1: "95", head2: "95", staff: "95" },
};
const GROUP: Record<string, string> = {
  leader1: "LD",
  leader2: "LD",
  head1: "FZR",
  head2: "FZR",
  staff: "BS",
};

beforeAll(async () => {
  server = await startTestServer();
  const s = server.services;
  county = await seedOrganisation(s, { code: "county", name: "县总工会", kind: "县" });
  for (const code of ["T1", "T2", "T3", "T4", "T5"]) {
    units[code] = await seedOrganisation(s, { parent: county, code, name: `${code}工会`, kind: "乡镇" });
  }
  await seedUser(s, {
    username: "organiser",
    organisation: county,
    grants: [{ role: "organiser", organisation: county }],
  });
  ids.leader1 = await seedUser(s, { username: "leader1", organisation: county, grants: [] });
  ids.leader2 = await seedUser(s, { username: "leader2", organisation: county, grants: [] });
  ids.head1 = await seedUser(s, { username: "head1", organisation: units.T1, grants: [] });
  ids.head2 = await seedUser(s, { username: "head2", organisation: units.T2, grants: [] });
  ids.staff = await seedUser(s, { username: "staff", organisation: county, grants: [] });
  await seedUser(s, {
    username: "t2head",
    organisation: units.T2,
    grants: [{ role: "unit_head", organisation: units.T2 }],
  });
  const version = await seedSchemeVersion(s, county, bundledSchemeSource("s04-trade-union"));
  campaignId = await seedCampaign(s, {
    organiser: county,
    schemeVersionId: version,
    year: 2026,
    stages: [
      { stage: "self_evaluation", closed: true },
      { stage: "review", open: true },
      { stage: "grading" },
      { stage: "publicity" },
    ],
  });
  for (const code of Object.keys(units)) {
    await seedUnit(s, campaignId, units[code]!, {
      category: "TOWN",
      data: code === "T5" ? { ...S4_DATA, discipline_breach: true } : S4_DATA,
      bonus: code === "T1" ? { J1: "2.5" } : {},
    });
  }
  await seedRaterMembers(s, campaignId, "LD", [ids.leader1!, ids.leader2!]);
  await seedRaterMembers(s, campaignId, "FZR", [ids.head1!, ids.head2!]);
  await seedRaterMembers(s, campaignId, "BS", [ids.staff!]);
  organiser = await ApiClient.login(server.app, "organiser");
});
afterAll(() => server.close());

const byUnit = (items: Array<{ unit: string }>) => Object.fromEntries(items.map((i) => [i.unit, i])) as any;

describe("S4 grading through the API", () => {
  it("assigns, reviews and submits every sheet", async () => {
    const assignments = Object.entries(GROUP).map(([user, group]) => ({
      userId: ids[user],
      groupCode: group,
      organisationIds: Object.entries(SHEETS)
        .filter(([, sheet]) => sheet[user] !== undefined)
        .map(([code]) => units[code]!.id),
    }));
    const put = await organiser.put(`/campaigns/${campaignId}/assignments`, { version: 1, assignments });
    expect(put.status).toBe(200);
    for (const user of Object.keys(GROUP)) {
      const client = await ApiClient.login(server.app, user);
      for (const [code, sheet] of Object.entries(SHEETS)) {
        if (sheet[user] === undefined) continue;
        const url = `/campaigns/${campaignId}/units/${units[code]!.id}/review/${GROUP[user]}`;
        const saved = await client.put(url, { total: sheet[user] });
        expect(saved.status).toBe(200);
        expect((await client.post(`${url}/submit`, { version: saved.body.version })).status).toBe(200);
      }
    }
  });

  it("approves bonus with item codes checked", async () => {
    const url = `/campaigns/${campaignId}/units/${units.T1!.id}/bonus`;
    const unknown = await organiser.put(url, { version: 1, bonus: { J9: "1" } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].path).toBe("body.bonus.J9");
    const approved = await organiser.put(url, { version: 1, bonus: { J1: "2.5" } });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ claimed: { J1: "2.5" }, approved: { J1: "2.5" }, version: 2 });
  });

  it("refuses grading before the review stage closes", async () => {
    const early = await organiser.post(`/campaigns/${campaignId}/grading-runs`, {});
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe("wrong_stage");
  });

  it("grades with the hand-computed totals, quotas and veto, and re-runs identically", async () => {
    await moveToStage(server.services, campaignId, "grading");
    const leader = await ApiClient.login(server.app, "leader1");
    const late = await leader.put(`/campaigns/${campaignId}/units/${units.T1!.id}/review/LD`, { total: "1" });
    expect(late.status).toBe(409);
    const first = await organiser.post(`/campaigns/${campaignId}/grading-runs`, { reason: "初次汇总" });
    expect(first.status).toBe(201);
    const second = await organiser.post(`/campaigns/${campaignId}/grading-runs`, {});
    expect(second.body.number).toBe(2);
    expect(second.body.inputsHash).toBe(first.body.inputsHash);
    expect(second.body.resultsHash).toBe(first.body.resultsHash);
    const run = await organiser.get(`/grading-runs/${first.body.id}`);
    expect(run.status).toBe(200);
    const r = byUnit(run.body.items);
    expect(r.T1).toMatchObject({ total: "93.50", bonus: "2.00", grade: "XJ", organisationId: units.T1!.id });
    expect(r.T2).toMatchObject({ total: "86.90", grade: "DB" });
    expect(r.T3).toMatchObject({ total: "93.80", grade: "YX" });
    expect(r.T4).toMatchObject({ total: "79.80", grade: "WDB" });
    expect(r.T5).toMatchObject({ total: "95.40", grade: "WDB", vetoes: ["V3"] });
    // Quota places, by hand (above): 优秀 1 of round(0.3 × 2) = 1 for T3; 先进 2nd of round(0.6 × 3) = 2 for T1.
    expect(r.T3!.quota).toEqual({
      grade: "YX",
      gradeName: "优秀单位",
      position: 1,
      count: 1,
      pool: 2,
      share: "0.3",
      of: "XJ",
    });
    expect(r.T1!.quota).toMatchObject({
      grade: "XJ",
      position: 2,
      count: 2,
      pool: 3,
      share: "0.6",
      of: "DB",
    });
    expect(r.T2!.quota).toBeNull();
    expect(r.T5!.quota).toBeNull();
    const paged = await organiser.get(`/grading-runs/${first.body.id}?limit=2&offset=1`);
    expect(paged.body.items).toHaveLength(2);
    expect(paged.body.total).toBe(5);
    const explained = await organiser.get(
      `/grading-runs/${first.body.id}/units/${units.T1!.id}/explanation?lang=zh`,
    );
    expect(explained.status).toBe(200);
    expect(explained.body.text).toContain("先进");
    expect(explained.body.explanation.unit).toBe("T1");
    const english = await organiser.get(
      `/grading-runs/${first.body.id}/units/${units.T1!.id}/explanation?lang=en`,
    );
    expect(english.body.text).not.toBe(explained.body.text);
    const immutable = server.services.db
      .updateTable("grading_runs")
      .set({ reason: "x" })
      .where("id", "=", first.body.id)
      .execute();
    await expect(immutable).rejects.toThrow(/append-only/);
  });

  it("publicises, takes an objection, and makes a corrected run when it is upheld", async () => {
    const runs = await organiser.get(`/campaigns/${campaignId}/grading-runs`);
    const latest = runs.body.items.at(-1);
    await moveToStage(server.services, campaignId, "publicity");
    const now = server.services.clock.now().getTime();
    const period = await organiser.post(`/campaigns/${campaignId}/publicity`, {
      runId: latest.id,
      startsAt: new Date(now).toISOString(),
      endsAt: new Date(now + 5 * 86_400_000).toISOString(),
    });
    expect(period.status).toBe(200);
    const t2head = await ApiClient.login(server.app, "t2head");
    const filed = await t2head.post(`/campaigns/${campaignId}/objections`, {
      organisationId: units.T2!.id,
      reason: "部室负责人评分录入错误（应为95分），且加分材料未审核",
    });
    expect(filed.status).toBe(201);
    const notMine = await t2head.post(`/campaigns/${campaignId}/objections`, {
      organisationId: units.T1!.id,
      reason: "x",
    });
    expect(notMine.status).toBe(403);
    const anonymous = ApiClient.anonymous(server.app);
    const publicObjection = await anonymous.post(`/public/campaigns/${campaignId}/objections`, {
      organisationCode: "T4",
      reason: "群众反映",
      name: "张三",
    });
    expect(publicObjection.status).toBe(201);
    const list = await organiser.get(`/campaigns/${campaignId}/objections?status=pending`);
    expect(list.body.total).toBe(2);

    const noCorrection = await organiser.post(`/objections/${filed.body.id}/decide`, {
      version: 1,
      decision: "upheld",
      reason: "情况属实",
    });
    expect(noCorrection.status).toBe(400);
    // Correction by hand: BS 85 → 95 gives 86.9 + 3 = 89.90; bonus J1, J2, J3 2 each → 95.90.
    // 达标 pool T2 95.90, T3 93.80, T1 93.50 → 先进 T2, T3 → 优秀 T2; T1 drops to 达标.
    const upheld = await organiser.post(`/objections/${filed.body.id}/decide`, {
      version: 1,
      decision: "upheld",
      reason: "情况属实，予以更正",
      correction: {
        bonus: { J1: "2", J2: "2", J3: "2" },
        sheets: [{ userId: ids.staff, groupCode: "BS", total: "95" }],
      },
    });
    expect(upheld.status).toBe(200);
    expect(upheld.body.status).toBe("upheld");
    const corrected = await organiser.get(`/grading-runs/${upheld.body.correctedRunId}`);
    expect(corrected.body.run.objectionId).toBe(filed.body.id);
    expect(corrected.body.run.reason).toContain(filed.body.id);
    const r = byUnit(corrected.body.items);
    expect(r.T2).toMatchObject({ total: "95.90", grade: "YX" });
    expect(r.T3).toMatchObject({ total: "93.80", grade: "XJ" });
    expect(r.T1).toMatchObject({ total: "93.50", grade: "DB" });
    const rejected = await organiser.post(`/objections/${publicObjection.body.id}/decide`, {
      version: 1,
      decision: "rejected",
      reason: "经核实，评分无误",
    });
    expect(rejected.body.status).toBe("rejected");
    expect(rejected.body.correctedRunId).toBeNull();
  });

  it("publishes only after the period, then locks the campaign and keeps the results", async () => {
    const campaign = await server.services.db
      .selectFrom("campaigns")
      .select("version")
      .where("id", "=", campaignId)
      .executeTakeFirstOrThrow();
    const early = await organiser.post(`/campaigns/${campaignId}/publish`, { version: campaign.version });
    expect(early.status).toBe(409);
    server.services.clock.advance(6 * 86_400_000);
    const late = await ApiClient.anonymous(server.app).post(`/public/campaigns/${campaignId}/objections`, {
      organisationCode: "T1",
      reason: "x",
    });
    expect(late.status).toBe(409);
    organiser = await ApiClient.login(server.app, "organiser"); // the session expired meanwhile
    const published = await organiser.post(`/campaigns/${campaignId}/publish`, { version: campaign.version });
    expect(published.status).toBe(200);
    expect(published.body.units).toBe(5);
    const again = await organiser.post(`/campaigns/${campaignId}/grading-runs`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("locked");
    const bonus = await organiser.put(`/campaigns/${campaignId}/units/${units.T1!.id}/bonus`, {
      version: 2,
      bonus: {},
    });
    expect(bonus.body.error.code).toBe("locked");
    const t2head = await ApiClient.login(server.app, "t2head");
    const results = await t2head.get(`/organisations/${units.T2!.id}/results`);
    expect(results.status).toBe(200);
    expect(results.body.items).toEqual([
      expect.objectContaining({
        year: 2026,
        schemeCode: "s04-trade-union",
        total: "95.90",
        grade: "YX",
        rank: 1,
      }),
    ]);
    expect((await t2head.get(`/organisations/${units.T1!.id}/results`)).status).toBe(403);
    expect(await verifyAuditChain(server.services.db)).toMatchObject({ problem: null });
  });
});
