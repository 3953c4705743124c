/**
 * S4 县总工会年度考评 end to end through the API, played by the demo driver (demo/drive-s4.ts): fourteen member
 * unions self-evaluate (T04 is returned and submits again), the three rater groups score, grading with 40/30/30,
 * bonus, veto and nested quotas, publicity with D02's objection upheld (a missed bonus item) and a corrected run,
 * then publication.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { S4_DEFAULT_OBJECTION, S4_DEFAULT_RETURN, type S4Driver } from "../demo/drive-s4.js";
import { ApiClient } from "../http/in-process-client.js";
import { s4Driver } from "../testing/demo-drivers.js";
import { startTestServer, type TestServer } from "../testing/test-services.js";

let server: TestServer;
let driver: S4Driver;
let firstRun: { body: any };
const login = (username: string) => ApiClient.login(server.app, username);

interface Row {
  total: string;
  grade: string;
  rank: number;
  bonus: string;
  vetoes: string[];
}

/**
 * The first run, by hand: the totals and grades of schemes/s04-trade-union/s04-trade-union.test.ts (worked there
 * from units.json: 0.4 × 领导 mean + 0.3 × 负责人 trimmed mean + 0.3 × 部室 trimmed mean, plus approved bonus capped
 * at 2 per item; T07 and D07 from their own sheets). 达标 pool (≥ 80, no veto): T01, D01, T02, D07, T03, D02, T04,
 * D03, T06 = 9 → 先进 = round(0.6 × 9 = 5.4) = 5 → 优秀 = round(0.3 × 5 = 1.5) = 2 (half up). T03 and D02 tie at
 * 87.55 for the 5th place; T03 has 1.00 bonus, D02 none, so T03 takes it. Ranks are competition ranks over all 14
 * units by total (vetoed ones included): T03 and D02 share 6th, T04 is 8th.
 */
const FIRST: Record<string, Row> = {
  T01: { total: "94.85", grade: "YX", rank: 1, bonus: "3.00", vetoes: [] },
  D01: { total: "92.00", grade: "YX", rank: 2, bonus: "2.00", vetoes: [] },
  T02: { total: "90.85", grade: "XJ", rank: 3, bonus: "0.00", vetoes: [] },
  T05: { total: "89.31", grade: "WDB", rank: 4, bonus: "0.00", vetoes: ["V2"] },
  D07: { total: "88.42", grade: "XJ", rank: 5, bonus: "0.00", vetoes: [] },
  T03: { total: "87.55", grade: "XJ", rank: 6, bonus: "1.00", vetoes: [] },
  D02: { total: "87.55", grade: "DB", rank: 6, bonus: "0.00", vetoes: [] },
  T04: { total: "85.23", grade: "DB", rank: 8, bonus: "0.00", vetoes: [] },
  D03: { total: "83.28", grade: "DB", rank: 9, bonus: "0.00", vetoes: [] },
  K01: { total: "82.23", grade: "WDB", rank: 10, bonus: "0.00", vetoes: ["V3"] },
  T07: { total: "81.00", grade: "WDB", rank: 11, bonus: "0.00", vetoes: ["V1"] },
  T06: { total: "80.00", grade: "DB", rank: 12, bonus: "0.00", vetoes: [] },
  D04: { total: "79.23", grade: "WDB", rank: 13, bonus: "0.00", vetoes: [] },
  D05: { total: "75.23", grade: "WDB", rank: 14, bonus: "0.00", vetoes: [] },
};

/**
 * The corrected run, by hand. The objection of D02 is upheld with J4 0.5 (≤ 2, so it counts in full):
 *   D02 = 0.4 × (88+87+89)/3 + 0.3 × (87+88+87+88)/4 + 0.3 × (87+87+87)/3 + 0.50
 *       = 35.20 + 26.25 + 26.10 + 0.50 = 88.05.
 * Nothing else changes. Order by total: T01 94.85, D01 92.00, T02 90.85, T05 89.31, D07 88.42, D02 88.05,
 * T03 87.55, T04 85.23 … — no tie any more: D02 is 6th, T03 7th. The 达标 pool is the same 9 units, so still
 * 5 先进 places and 2 优秀: 先进 places go to T01, D01, T02, D07, D02 (T05 is vetoed and takes none); 优秀 to T01,
 * D01. T03, now 6th of the pool, drops to 达标; D02 rises to 先进.
 */
const FINAL: Record<string, Row> = {
  ...FIRST,
  D02: { total: "88.05", grade: "XJ", rank: 6, bonus: "0.50", vetoes: [] },
  T03: { total: "87.55", grade: "DB", rank: 7, bonus: "1.00", vetoes: [] },
};

beforeAll(async () => {
  server = await startTestServer();
  driver = await s4Driver(server, { year: 2026 });
  await driver.runUntil("grading");
  const organiser = await login(driver.state.organiser);
  firstRun = await organiser.get(`/grading-runs/${driver.state.firstRunId}?limit=100`);
  await driver.runUntil("published");
}, 120_000);
afterAll(() => server?.close());

const union = (code: string) => driver.state.unions[code]!;
const rows = (items: Array<Row & { unit: string }>) =>
  Object.fromEntries(
    items.map((i) => [
      i.unit,
      { total: i.total, grade: i.grade, rank: i.rank, bonus: i.bonus, vetoes: i.vetoes },
    ]),
  );

describe("S4 县总工会年度考评 through the API", () => {
  it("showed the returned union its reason, and counts its two submissions", async () => {
    const { unit, reason } = S4_DEFAULT_RETURN;
    expect(driver.state.returned).toEqual({ unit, reason, shownToUnit: reason });
    const head = await login(union(unit).head);
    const view = await head.get(`/campaigns/${driver.state.campaignId}/self-evaluations/${union(unit).id}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ status: "submitted", submissions: 2, returnedReason: reason });
    expect(view.body.data.wage_firms).toBe(32);
    const other = await head.get(`/campaigns/${driver.state.campaignId}/self-evaluations/${union("T05").id}`);
    expect(other.status).toBe(403);
    const organiser = await login(driver.state.organiser);
    const t05 = await organiser.get(
      `/campaigns/${driver.state.campaignId}/self-evaluations/${union("T05").id}`,
    );
    expect(t05.body).toMatchObject({ status: "submitted", submissions: 1, returnedReason: null });
  });

  it("never assigned a FZR rater his own union", async () => {
    const organiser = await login(driver.state.organiser);
    const plan = await organiser.get(`/campaigns/${driver.state.campaignId}/assignments`);
    const fzr = Object.values(driver.state.raters).filter((r) => r.group === "FZR");
    expect(fzr).toHaveLength(12); // T01–T06, K01, D01–D05
    for (const rater of fzr) {
      const own = Object.values(driver.state.unions).find((u) => `${u.name}主任` === rater.title)!;
      expect(rater.username).toBe(own.head);
      const assigned = plan.body.assignments.find(
        (a: { userId: string; groupCode: string }) => a.userId === rater.userId && a.groupCode === "FZR",
      );
      expect(assigned.organisationIds).not.toContain(own.id);
      expect(assigned.organisationIds).toHaveLength(rater.units.length);
    }
  });

  it("graded the first run with the hand-worked totals, quotas, tie-break and vetoes", () => {
    expect(firstRun.body.total).toBe(14);
    expect(rows(firstRun.body.items)).toEqual(FIRST);
    const source = Object.fromEntries(firstRun.body.items.map((i: any) => [i.unit, i.source]));
    expect(source.T07).toBe("self");
    expect(source.D07).toBe("self");
    expect(source.D02).toBe("raters");
  });

  it("made a corrected run for the upheld objection, with the hand-worked final table", async () => {
    const organiser = await login(driver.state.organiser);
    const runs = await organiser.get(`/campaigns/${driver.state.campaignId}/grading-runs`);
    expect(runs.body.items.map((r: { id: string }) => r.id)).toEqual([
      driver.state.firstRunId,
      driver.state.correctedRunId,
    ]);
    expect(driver.state.publishedRunId).toBe(driver.state.correctedRunId);
    const corrected = await organiser.get(`/grading-runs/${driver.state.correctedRunId}?limit=100`);
    expect(corrected.body.run.objectionId).toBe(driver.state.objectionId);
    expect(corrected.body.run.reason).toContain(driver.state.objectionId);
    expect(corrected.body.run.reason).toContain(S4_DEFAULT_OBJECTION.decisionReason);
    expect(rows(corrected.body.items)).toEqual(FINAL);
    expect(corrected.body.items.map((i: { unit: string }) => i.unit)).toEqual([
      "T01",
      "D01",
      "T02",
      "T05",
      "D07",
      "D02",
      "T03",
      "T04",
      "D03",
      "K01",
      "T07",
      "T06",
      "D04",
      "D05",
    ]);
    const objections = await organiser.get(`/campaigns/${driver.state.campaignId}/objections`);
    expect(objections.body.items).toEqual([
      expect.objectContaining({
        id: driver.state.objectionId,
        organisationId: union("D02").id,
        status: "upheld",
        correctedRunId: driver.state.correctedRunId,
      }),
    ]);
  });

  it("explains D02 and T03 in the corrected run", async () => {
    const organiser = await login(driver.state.organiser);
    const url = (code: string, lang = "zh") =>
      `/grading-runs/${driver.state.correctedRunId}/units/${union(code).id}/explanation?lang=${lang}`;
    const d02 = await organiser.get(url("D02"));
    expect(d02.status).toBe(200);
    expect(d02.body.unit).toBe("D02");
    expect(d02.body.text).toContain("88.05");
    expect(d02.body.text).toContain("先进");
    const t03 = await organiser.get(url("T03"));
    expect(t03.body.text).toContain("87.55");
    expect(t03.body.text).toContain("达标");
    const english = await organiser.get(url("D02", "en"));
    expect(english.body.text).toContain("88.05");
    expect(english.body.text).not.toBe(d02.body.text);
    // The unit itself may read its own explanation.
    const head = await login(union("D02").head);
    expect((await head.get(url("D02"))).body.text).toBe(d02.body.text);
  });

  it("keeps the first run unchanged: re-reading gives the same results and hashes", async () => {
    const organiser = await login(driver.state.organiser);
    const again = await organiser.get(`/grading-runs/${driver.state.firstRunId}?limit=100`);
    expect(again.body).toEqual(firstRun.body);
    expect(again.body.run.resultsHash).toBe(firstRun.body.run.resultsHash);
    expect(again.body.run.inputsHash).toBe(firstRun.body.run.inputsHash);
    const corrected = await organiser.get(`/grading-runs/${driver.state.correctedRunId}`);
    expect(corrected.body.run.resultsHash).not.toBe(firstRun.body.run.resultsHash);
    const tamper = server.services.db
      .updateTable("grading_runs")
      .set({ reason: "x" })
      .where("id", "=", driver.state.firstRunId!)
      .execute();
    await expect(tamper).rejects.toThrow(/append-only/);
  });

  it("keeps the published results per unit and year", async () => {
    const d02 = await login(union("D02").head);
    const results = await d02.get(`/organisations/${union("D02").id}/results`);
    expect(results.status).toBe(200);
    expect(results.body.items).toEqual([
      expect.objectContaining({
        campaignId: driver.state.campaignId,
        schemeCode: "s04-trade-union",
        year: 2026,
        total: "88.05",
        grade: "XJ",
        rank: 6,
      }),
    ]);
    // A union's people read their own results only; being a FZR rater (reviewer over the federation) opens
    // no other union's record.
    expect((await d02.get(`/organisations/${union("T01").id}/results`)).status).toBe(403);
    const t07 = await login(union("T07").head);
    expect((await t07.get(`/organisations/${union("D02").id}/results`)).status).toBe(403);
    expect((await t07.get(`/organisations/${union("T07").id}/results`)).body.items[0]).toMatchObject({
      total: "81.00",
      grade: "WDB",
    });
    const organiser = await login(driver.state.organiser);
    for (const [code, row] of Object.entries(FINAL)) {
      const r = await organiser.get(`/organisations/${union(code).id}/results?scheme=s04-trade-union`);
      expect(r.body.items).toHaveLength(1);
      // Kept with the scheme's two places, as published ("80.00").
      expect(r.body.items[0]).toMatchObject({
        year: 2026,
        total: row.total,
        grade: row.grade,
        rank: row.rank,
      });
    }
  });

  it("refuses writes after publication with 409", async () => {
    const organiser = await login(driver.state.organiser);
    const base = `/campaigns/${driver.state.campaignId}`;
    const run = await organiser.post(`${base}/grading-runs`, { reason: "再算一次" });
    expect(run.status).toBe(409);
    expect(run.body.error.code).toBe("locked");
    const bonus = await organiser.get(`${base}/units/${union("T06").id}/bonus`);
    const change = await organiser.put(`${base}/units/${union("T06").id}/bonus`, {
      version: bonus.body.version,
      bonus: { J4: "2" },
    });
    expect(change.status).toBe(409);
    const chair = Object.values(driver.state.raters).find((r) => r.title === "县总工会主席")!;
    const rater = await login(chair.username);
    const sheet = await rater.put(`${base}/units/${union("T06").id}/review/LD`, { total: "99" });
    expect(sheet.status).toBe(409);
  });

  it("leaves the audit chain intact", async () => {
    const admin = await login("admin");
    const verify = await admin.get("/audit/verify");
    expect(verify.status).toBe(200);
    expect(verify.body).toMatchObject({ intact: true, problem: null });
    expect(verify.body.rows).toBeGreaterThan(300);
  });
});
