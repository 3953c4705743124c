/**
 * Two case types of a 区数字化城管监督指挥中心 run through their stages for two 街道 (a third has no case), the
 * rates per unit checked, and an S13 campaign fed from them whose K1.1, K1.2 and K2.2 scores are checked by hand.
 */
import { caseTypeTemplate } from "@kaoping/core";
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
import { caseDeadlineSource } from "../case-deadline-source.js";

const HOUR = 3_600_000;

/** 发现 2 → 受理 1 → 分派 2 → 处理 48 (unit) → 核查 24 → 结案 8: 85 hours from receipt to closing. */
const CITY = caseTypeTemplate("city").definition;
/** 接收 2 → 分派 4 → 督办 120 (unit) → 回访 48 → 回复 24. */
const HOTLINE = caseTypeTemplate("hotline").definition;

let server: TestServer;
let center: ApiClient;
let aHead: ApiClient;
let bStaff: ApiClient;
let district: SeededOrganisation;
let centerOrg: SeededOrganisation;
let streetA: SeededOrganisation;
let streetB: SeededOrganisation;
let cityType: string;
let hotlineType: string;
let counter = 0;

const unitClient = (unit: SeededOrganisation) => (unit === streetA ? aHead : bStaff);

async function act(client: ApiClient, id: string, body: Record<string, unknown>, at: Date) {
  server.services.clock.set(at);
  const current = await center.get(`/cases/${id}`);
  const res = await client.post(`/cases/${id}/actions`, { version: current.body.version, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/**
 * A city case received at `receivedAt`, dispatched to `unit`; each stage done an hour after the last, except
 * the closing one, done `closeAfter` hours after receipt (undefined: left in 处理).
 */
async function cityCase(unit: SeededOrganisation, receivedAt: string, closeAfter?: number) {
  const start = new Date(receivedAt);
  const at = (h: number) => new Date(start.getTime() + h * HOUR);
  server.services.clock.set(start);
  const created = await center.post(`/case-types/${cityType}/cases`, {
    number: `CG${++counter}`,
    title: "占道经营",
    address: "经十路100号",
    receivedAt,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.id as string;
  await act(center, id, { action: "complete" }, at(1));
  await act(center, id, { action: "complete" }, at(2));
  await act(center, id, { action: "complete", unitId: unit.id }, at(3));
  if (closeAfter === undefined) return id;
  await act(unitClient(unit), id, { action: "complete", note: "已清理" }, at(4));
  await act(center, id, { action: "complete", note: "核查通过" }, at(5));
  await act(center, id, { action: "complete" }, at(closeAfter));
  return id;
}

async function hotlineCase(unit: SeededOrganisation, receivedAt: string, revisited: boolean) {
  const start = new Date(receivedAt);
  const at = (h: number) => new Date(start.getTime() + h * HOUR);
  server.services.clock.set(start);
  const created = await center.post(`/case-types/${hotlineType}/cases`, {
    number: `RX${++counter}`,
    title: "噪音扰民",
    receivedAt,
  });
  const id = created.body.id as string;
  await act(center, id, { action: "complete" }, at(1));
  await act(center, id, { action: "complete", unitId: unit.id }, at(2));
  await act(unitClient(unit), id, { action: "complete" }, at(10));
  await act(center, id, { action: "complete", revisited }, at(20));
  await act(center, id, { action: "complete" }, at(30));
  return id;
}

beforeAll(async () => {
  // The clock moves over the whole year; sessions must outlive it.
  server = await startTestServer({ sessionHours: 24 * 400 });
  const s = server.services;
  district = await seedOrganisation(s, { code: "district", name: "天桥区", kind: "区" });
  centerOrg = await seedOrganisation(s, { parent: district, code: "szcg", name: "区数字化城管监督指挥中心" });
  streetA = await seedOrganisation(s, { parent: centerOrg, code: "A", name: "无影山街道", kind: "街道" });
  streetB = await seedOrganisation(s, { parent: centerOrg, code: "B", name: "北村街道", kind: "街道" });
  // 工人新村街道 has no case: it has no rate.
  await seedOrganisation(s, { parent: centerOrg, code: "C", name: "工人新村街道", kind: "街道" });
  await seedUser(s, { username: "center", grants: [{ role: "organiser", organisation: centerOrg }] });
  await seedUser(s, { username: "a-head", grants: [{ role: "unit_head", organisation: streetA }] });
  await seedUser(s, { username: "b-staff", grants: [{ role: "unit_staff", organisation: streetB }] });
  center = await ApiClient.login(server.app, "center");
  aHead = await ApiClient.login(server.app, "a-head");
  bStaff = await ApiClient.login(server.app, "b-staff");
}, 60_000);
afterAll(() => server.close());

describe("case types", () => {
  it("are defined by the center's organisers, with the rule at fault named", async () => {
    const bad = await center.post("/case-types", {
      ownerId: centerOrg.id,
      code: "bad",
      name: "错误",
      definition: { ...CITY, closingStage: "handle" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toContainEqual({
      path: "body.definition.stages.3.actor",
      message: "the center closes cases: the closing stage is the center's / 办结环节应由中心办理",
    });
    const refused = await aHead.post("/case-types", {
      ownerId: centerOrg.id,
      code: "x",
      name: "x",
      definition: CITY,
    });
    expect(refused.status).toBe(403);
    const city = await center.post("/case-types", {
      ownerId: centerOrg.id,
      code: "city",
      name: "数字化城管案件",
      definition: CITY,
    });
    expect(city.status, JSON.stringify(city.body)).toBe(201);
    expect(city.body.hoursToClose).toBe(85);
    cityType = city.body.id;
    const hotline = await center.post("/case-types", {
      ownerId: centerOrg.id,
      code: "hotline",
      name: "12345热线",
      definition: HOTLINE,
    });
    expect(hotline.status).toBe(201);
    hotlineType = hotline.body.id;
    // the unit sees the types of the center above it
    const seen = await aHead.get("/case-types");
    expect(seen.body.items.map((t: { code: string }) => t.code)).toEqual(["city", "hotline"]);
  });
});

describe("a case through its stages", () => {
  it("lets only the acting side act, and keeps the history", async () => {
    const id = await cityCase(streetA, "2026-03-02T00:00:00Z");
    // now in 处理 (the unit's), entered at 03:00 with 48 hours
    server.services.clock.set("2026-03-02T04:00:00Z");
    const seen = await aHead.get(`/cases/${id}`);
    expect(seen.body).toMatchObject({
      stageCode: "handle",
      stageDueAt: "2026-03-04T03:00:00.000Z",
      mayAct: true,
    });
    expect(seen.body.dueAt).toBe("2026-03-05T13:00:00.000Z"); // received + 85 h
    expect((await bStaff.get(`/cases/${id}`)).status).toBe(403);
    const byCenter = await center.post(`/cases/${id}/actions`, {
      version: seen.body.version,
      action: "complete",
    });
    expect(byCenter.status).toBe(403);
    const byOther = await bStaff.post(`/cases/${id}/actions`, {
      version: seen.body.version,
      action: "complete",
    });
    expect(byOther.status).toBe(403);
    const done = await act(
      aHead,
      id,
      { action: "complete", note: "已清理" },
      new Date("2026-03-02T05:00:00Z"),
    );
    expect(done.stageCode).toBe("check");
    // 核查不通过: back to the unit with a fresh 48 hours
    const back = await act(
      center,
      id,
      { action: "return", note: "未清理干净" },
      new Date("2026-03-02T06:00:00Z"),
    );
    expect(back).toMatchObject({ stageCode: "handle", stageDueAt: "2026-03-04T06:00:00.000Z" });
    const stale = await aHead.post(`/cases/${id}/actions`, { version: done.version, action: "complete" });
    expect(stale.status).toBe(409);
    expect(
      back.events.map((e: { action: string; stageCode: string }) => `${e.action}:${e.stageCode}`),
    ).toEqual([
      "received:discover",
      "completed:discover",
      "completed:accept",
      "completed:dispatch",
      "completed:handle",
      "returned:check",
    ]);
    // overdue once 处理's deadline has passed; the reminders see the unit's stage, escalated to the center
    server.services.clock.set("2026-03-04T07:00:00Z");
    const overdue = await center.get(`/cases?typeId=${cityType}&overdue=true`);
    expect(overdue.body.items.map((c: { id: string }) => c.id)).toEqual([id]);
    const deadlines = await caseDeadlineSource.open(server.services.db, new Date("2026-03-04T07:00:00Z"));
    expect(deadlines).toContainEqual(
      expect.objectContaining({
        key: `case:${id}:handle`,
        dueAt: new Date("2026-03-04T06:00:00Z"),
        recipients: [{ organisationId: streetA.id, roles: ["unit_head", "unit_staff"] }],
        escalateTo: [{ organisationId: centerOrg.id, roles: ["organiser"] }],
      }),
    );
  });

  it("refuses a unit outside the center at 分派, naming the field", async () => {
    server.services.clock.set("2026-03-10T00:00:00Z");
    const created = await center.post(`/case-types/${cityType}/cases`, {
      number: "CG-out",
      title: "井盖缺失",
    });
    const id = created.body.id;
    await act(center, id, { action: "complete" }, new Date("2026-03-10T00:10:00Z"));
    await act(center, id, { action: "complete" }, new Date("2026-03-10T00:20:00Z"));
    const outside = await center.post(`/cases/${id}/actions`, {
      version: 3,
      action: "complete",
      unitId: district.id,
    });
    expect(outside.status).toBe(400);
    expect(outside.body.error.details[0].path).toBe("body.unitId");
    const none = await center.post(`/cases/${id}/actions`, { version: 3, action: "complete" });
    expect(none.body.error.details[0].path).toBe("body.unitId");
  });
});

describe("rates and the S13 campaign fed from them", () => {
  it("counts per unit and period, and scores K1.1, K1.2 and K2.2 from them", async () => {
    // 无影山 (A): the returned case above (open) + 7 more closed on time (closing 6 h after receipt ≤ 85 h)
    for (let i = 0; i < 7; i++) await cityCase(streetA, `2026-04-0${i + 1}T01:00:00Z`, 6);
    // 北村 (B): 4 on time, 1 closed 86 h after receipt (late by an hour)
    for (let i = 0; i < 4; i++) await cityCase(streetB, `2026-05-0${i + 1}T01:00:00Z`, 6);
    await cityCase(streetB, "2026-05-10T01:00:00Z", 86);
    // 2025-12-31T15:59:59Z is 23:59:59 on 31 December in Beijing: last year's case, not counted in 2026.
    await cityCase(streetB, "2025-12-31T15:59:59Z", 6);
    // 12345: A 3 closed, 2 revisited; B 2 closed, both revisited
    await hotlineCase(streetA, "2026-06-01T01:00:00Z", true);
    await hotlineCase(streetA, "2026-06-02T01:00:00Z", true);
    await hotlineCase(streetA, "2026-06-03T01:00:00Z", false);
    await hotlineCase(streetB, "2026-06-04T01:00:00Z", true);
    await hotlineCase(streetB, "2026-06-05T01:00:00Z", true);
    server.services.clock.set("2026-12-01T00:00:00Z");

    const rates = await center.get(`/case-types/${cityType}/rates?year=2026`);
    expect(rates.status, JSON.stringify(rates.body)).toBe(200);
    expect(rates.body.label).toBe("2026年");
    const byName = Object.fromEntries(
      rates.body.rows.map((r: { organisationName: string }) => [r.organisationName, r]),
    );
    // A: 8 received (the 2 March case, still open, and 7), 7 closed, 7 on time: 7/8 = 0.875 → 87.50%
    expect(byName.无影山街道).toMatchObject({
      received: 8,
      closed: 7,
      closedOnTime: 7,
      closeRate: "0.875",
      onTimeRate: "0.875",
      onTimePercent: "87.50",
      // 数字化城管 has no 回访 stage: no 回访率 at all
      revisitRate: null,
    });
    // B: 5 received in 2026 (the 31 Dec case is 2025's), 5 closed, 4 on time: 处结率 1, 按期 0.8
    expect(byName.北村街道).toMatchObject({
      received: 5,
      closed: 5,
      closedOnTime: 4,
      closeRate: "1",
      onTimeRate: "0.8",
    });
    // C: no case, no rate
    expect(byName.工人新村街道).toMatchObject({
      received: 0,
      closeRate: null,
      onTimeRate: null,
      onTimePercent: null,
    });
    // A period of Beijing dates: May (A's cases are March and April; B's five are May 1–4 and 10)
    const may = await center.get(
      `/case-types/${cityType}/rates?from=2026-05-01T00:00:00%2B08:00&to=2026-06-01T00:00:00%2B08:00`,
    );
    expect(may.status, JSON.stringify(may.body)).toBe(200);
    expect(may.body.label).toBe("2026-05-01至2026-05-31");
    const inMay = Object.fromEntries(
      may.body.rows.map((r: { organisationName: string; received: number; closedOnTime: number }) => [
        r.organisationName,
        [r.received, r.closedOnTime],
      ]),
    );
    expect(inMay).toMatchObject({ 无影山街道: [0, 0], 北村街道: [5, 4] });
    const half = await center.get(`/case-types/${cityType}/rates?from=2026-05-01T00:00:00%2B08:00`);
    expect(half.status).toBe(400);
    expect(half.body.error.details[0].path).toBe("query.to");
    const hotline = await center.get(`/case-types/${hotlineType}/rates?year=2026`);
    const hotA = hotline.body.rows.find((r: { organisationId: string }) => r.organisationId === streetA.id);
    // 2 revisited of 3 closed: 0.6666… → 66.67%
    expect(hotA.revisitPercent).toBe("66.67");
    expect((await aHead.get(`/case-types/${cityType}/rates`)).status).toBe(403);

    // The S13 campaign, organised by the center, fed from the cases.
    const version = await seedSchemeVersion(
      server.services,
      centerOrg,
      bundledSchemeSource("s13-urban-cases"),
    );
    const campaignId = await seedCampaign(server.services, {
      organiser: centerOrg,
      schemeVersionId: version,
      year: 2026,
      stages: [
        { stage: "self_evaluation", closed: true },
        { stage: "grading", open: true },
      ],
    });
    const typed = {
      data: { communities: 10, communities_clean: 3, city_cases: 1, city_closed: 1, city_closed_on_time: 1 },
      scores: { "K2.3": { checked: [] }, "K3.1": { deductions: {} } },
    };
    for (const unit of [streetA, streetB]) await seedUnit(server.services, campaignId, unit, typed);
    const wrong = await center.put(`/campaigns/${campaignId}/case-feeds`, {
      feeds: [
        { fieldCode: "city_cases", caseTypeId: cityType, measure: "on_time_rate" },
        { fieldCode: "nope", caseTypeId: cityType, measure: "received" },
        { fieldCode: "hotline_revisited", caseTypeId: cityType, measure: "revisited" },
      ],
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      "body.feeds.0.fieldCode",
      "body.feeds.1.fieldCode",
      "body.feeds.2.measure",
    ]);
    const feeds = [
      ["city_cases", cityType, "received"],
      ["city_closed", cityType, "closed"],
      ["city_closed_on_time", cityType, "closed_on_time"],
      ["hotline_received", hotlineType, "received"],
      ["hotline_closed", hotlineType, "closed"],
      ["hotline_revisited", hotlineType, "revisited"],
    ].map(([fieldCode, caseTypeId, measure]) => ({ fieldCode, caseTypeId, measure }));
    expect((await aHead.put(`/campaigns/${campaignId}/case-feeds`, { feeds })).status).toBe(403);
    const saved = await center.put(`/campaigns/${campaignId}/case-feeds`, { feeds });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(
      saved.body.items.find((f: { fieldCode: string }) => f.fieldCode === "city_closed_on_time").origin,
    ).toBe("案件系统：数字化城管案件 2026年 按期办结数");

    const run = await center.post(`/campaigns/${campaignId}/grading-runs`, {});
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    const score = async (unit: SeededOrganisation, code: string) => {
      const explained = await center.get(`/grading-runs/${run.body.id}/units/${unit.id}/explanation`);
      expect(explained.status, JSON.stringify(explained.body)).toBe(200);
      const indicator = explained.body.explanation.indicators.find((i: { code: string }) => i.code === code);
      return indicator.score as string;
    };
    // K1.2 (max 20, linear 0.8 → 0, 0.95 → full): A 0.875 → (0.875 − 0.8) / 0.15 = 0.5 → 10; B 0.8 → 0
    expect(await score(streetA, "K1.2")).toBe("10");
    expect(await score(streetB, "K1.2")).toBe("0");
    // K1.1 (max 15, 0.95 → 0, 0.99 → full): A 0.875 → 0; B 1 → 15 (the typed 1/1/1 are overridden)
    expect(await score(streetA, "K1.1")).toBe("0");
    expect(await score(streetB, "K1.1")).toBe("15");
    // K2.2 (max 10, ≥ 0.95): A 2/3 → 0; B 2/2 → 10
    expect(await score(streetA, "K2.2")).toBe("0");
    expect(await score(streetB, "K2.2")).toBe("10");
  }, 120_000);
});
