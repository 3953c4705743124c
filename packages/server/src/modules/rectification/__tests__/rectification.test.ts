/**
 * 整改 on scheme S2 (县级政府教育工作督导评估), a running campaign 甲 of county A with units U1 and U2, on the
 * TestClock (starting 2026-03-01T02:00Z). Deadlines are days in China, due by 24:00 there, i.e. 16:00Z that day.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outline } from "../../../documents/__tests__/docx-outline.js";
import { actorOf } from "../../../documents/__tests__/kind-testing.js";
import { evaluationReport } from "../../../documents/evaluation-report/kind.js";
import { rectificationNotice } from "../../../documents/rectification-notice/kind.js";
import { ApiClient } from "../../../http/in-process-client.js";
import { type SeededOrganisation, seedOrganisation, seedUser } from "../../../testing/fixtures.js";
import { multipart } from "../../../testing/multipart.js";
import { startTestServer, type TestClock, type TestServer } from "../../../testing/test-services.js";
import {
  bundledSchemeSource,
  seedCampaign,
  seedSchemeVersion,
  seedUnit,
} from "../../review/__tests__/campaign-fixture.js";
import { rectificationDeadlines } from "../rectification-deadlines.js";

let server: TestServer;
let countyA: SeededOrganisation;
let u1: SeededOrganisation;
let u2: SeededOrganisation;
let campaignId: string;
const ids: Record<string, string> = {};
const login = (username: string) => ApiClient.login(server.app, username);
const clock = () => server.services.clock as TestClock;

const pdf = (text: string) =>
  Buffer.from(`%PDF-1.4\n1 0 obj << /Title (${text}) >> endobj\n%%EOF\n`, "latin1");

async function upload(client: ApiClient, itemId: string, name: string) {
  const { payload, headers } = multipart({}, { name, content: pdf(name) });
  return client.request("POST", `/rectification-items/${itemId}/evidence`, payload, headers);
}

beforeAll(async () => {
  server = await startTestServer();
  const s = server.services;
  countyA = await seedOrganisation(s, { code: "countyA", name: "元江县", kind: "县" });
  const countyB = await seedOrganisation(s, { code: "countyB", name: "新平县", kind: "县" });
  u1 = await seedOrganisation(s, { parent: countyA, code: "U1", name: "因远镇", kind: "乡镇" });
  u2 = await seedOrganisation(s, { parent: countyA, code: "U2", name: "澧江街道", kind: "乡镇" });
  const users: Array<[string, Parameters<typeof seedUser>[1]["grants"]]> = [
    ["organiser", [{ role: "organiser", organisation: countyA }]],
    ["other-organiser", [{ role: "organiser", organisation: countyB }]],
    ["viewer", [{ role: "viewer", organisation: countyA }]],
    ["u1-head", [{ role: "unit_head", organisation: u1 }]],
    ["u2-head", [{ role: "unit_head", organisation: u2 }]],
  ];
  for (const [username, grants] of users) ids[username] = await seedUser(s, { username, grants });
  const version = await seedSchemeVersion(
    s,
    countyA,
    bundledSchemeSource("s02-county-education-supervision"),
  );
  campaignId = await seedCampaign(s, {
    organiser: countyA,
    schemeVersionId: version,
    year: 2026,
    name: "2026年度县级政府教育工作督导评估",
    stages: [
      { stage: "self_evaluation", closed: true },
      { stage: "review", closed: true },
      { stage: "rectification", open: true, deadline: "2026-06-30T15:00:00Z" },
    ],
  });
  await seedUnit(s, campaignId, u1, { status: "accepted" });
  await seedUnit(s, campaignId, u2, { status: "accepted" });
  await s.db
    .insertInto("review_findings")
    .values([
      {
        campaign_id: campaignId,
        organisation_id: u1.id,
        indicator_code: "B1.1",
        kind: "看",
        created_at: new Date("2026-02-20T08:00:00Z"),
        text: "校舍存在D级危房一处，未按期拆除",
      },
      {
        campaign_id: campaignId,
        organisation_id: u1.id,
        indicator_code: "B1.1",
        kind: "problem",
        created_at: new Date("2026-02-21T08:00:00Z"),
        text: "危房改造资金未落实",
      },
      {
        campaign_id: campaignId,
        organisation_id: u1.id,
        indicator_code: null,
        kind: "查",
        created_at: new Date("2026-02-22T08:00:00Z"),
        text: "档案资料不全",
      },
      {
        campaign_id: campaignId,
        organisation_id: u2.id,
        indicator_code: "B1.2",
        kind: "访",
        created_at: new Date("2026-02-23T08:00:00Z"),
        text: "教师培训经费不足",
      },
    ])
    .execute();
}, 120_000);
afterAll(() => server?.close());

describe("generating items from the review findings", () => {
  it("makes one item per unit and indicator, once", async () => {
    const organiser = await login("organiser");
    const url = `/campaigns/${campaignId}/rectification-items`;
    const first = await organiser.post(`${url}/generate`, {});
    // U1: B1.1 (two findings) and 综合; U2: B1.2 — three items.
    expect(first.body).toEqual({ created: 3, skipped: 0 });
    expect((await organiser.post(`${url}/generate`, {})).body).toEqual({ created: 0, skipped: 3 });
    const list = await organiser.get(`${url}?organisationId=${u1.id}`);
    expect(list.body.total).toBe(2);
    const b11 = list.body.items.find((i: { indicatorCode: string }) => i.indicatorCode === "B1.1");
    expect(b11).toMatchObject({
      problem: "【看】校舍存在D级危房一处，未按期拆除；【问题】危房改造资金未落实",
      status: "pending",
      deadline: "2026-06-30",
      source: "review",
      overdue: false,
    });
    ids.generated = b11.id;
  });

  it("refuses generating for another county's organiser and a unit", async () => {
    for (const user of ["other-organiser", "u1-head"]) {
      const client = await login(user);
      expect((await client.post(`/campaigns/${campaignId}/rectification-items/generate`, {})).status).toBe(
        403,
      );
    }
  });
});

describe("one item through every state", () => {
  let version = 1;
  const item = () => ids.item!;

  it("is created by the organiser with the problem and deadline only", async () => {
    const organiser = await login("organiser");
    const created = await organiser.post(`/campaigns/${campaignId}/rectification-items`, {
      organisationId: u1.id,
      source: "inspection",
      indicatorCode: "B1.2",
      problem: "义务教育阶段学校寄宿条件不达标",
      deadline: "2026-03-31",
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      status: "pending",
      target: null,
      deadline: "2026-03-31",
      version: 1,
    });
    ids.item = created.body.id;
    const bad = await organiser.post(`/campaigns/${campaignId}/rectification-items`, {
      organisationId: u1.id,
      source: "inspection",
      indicatorCode: "Z9",
      problem: "x",
      deadline: "2026-03-31",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe("body.indicatorCode");
  });

  it("is started, but not reported before the four specifics and evidence are there", async () => {
    const head = await login("u1-head");
    const started = await head.post(`/rectification-items/${item()}/start`, { version });
    expect(started.body.status).toBe("in_progress");
    version = started.body.version;
    const early = await head.post(`/rectification-items/${item()}/report`, { version, summary: "已整改" });
    expect(early.status).toBe(422);
    expect(early.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      "target",
      "measures",
      "responsiblePerson",
    ]);
    const filled = await head.patch(`/rectification-items/${item()}`, {
      version,
      target: "寄宿生生均宿舍面积达到3平方米",
      measures: "新建学生宿舍一栋，增设床位120张",
      responsiblePerson: "因远镇分管副镇长 李明",
    });
    expect(filled.status, JSON.stringify(filled.body)).toBe(200);
    version = filled.body.version;
    const noEvidence = await head.post(`/rectification-items/${item()}/report`, {
      version,
      summary: "已整改",
    });
    expect(noEvidence.status).toBe(422);
    expect(noEvidence.body.error.details[0].path).toBe("evidence");
    // The unit may not move its own deadline.
    expect(
      (await head.patch(`/rectification-items/${item()}`, { version, deadline: "2026-12-31" })).status,
    ).toBe(403);
  });

  it("is reported with evidence, fails verification and is reopened", async () => {
    const head = await login("u1-head");
    expect((await upload(head, item(), "宿舍验收报告.pdf")).status).toBe(201);
    const reported = await head.post(`/rectification-items/${item()}/report`, {
      version,
      summary: "新建宿舍已竣工",
    });
    expect(reported.body.status).toBe("reported");
    version = reported.body.version;
    expect(
      (await head.post(`/rectification-items/${item()}/verify`, { version, verdict: "passed", reason: "x" }))
        .status,
    ).toBe(403);
    const organiser = await login("organiser");
    const closeEarly = await organiser.post(`/rectification-items/${item()}/close`, { version });
    expect(closeEarly.status).toBe(409);
    expect(closeEarly.body.error.message.zh).toBe("未经验证通过的事项不能关闭（三不放过）");
    const failed = await organiser.post(`/rectification-items/${item()}/verify`, {
      version,
      verdict: "failed",
      reason: "宿舍未通过消防验收",
    });
    expect(failed.body).toMatchObject({ status: "in_progress", lastVerdict: "failed" });
    version = failed.body.version;
  });

  it("is reported again, partly passed, then passed and closed", async () => {
    const head = await login("u1-head");
    const organiser = await login("organiser");
    let r = await head.post(`/rectification-items/${item()}/report`, { version, summary: "消防整改完成" });
    version = r.body.version;
    r = await organiser.post(`/rectification-items/${item()}/verify`, {
      version,
      verdict: "partial",
      reason: "床位尚缺20张",
    });
    expect(r.body).toMatchObject({ status: "in_progress", lastVerdict: "partial" });
    version = r.body.version;
    r = await head.post(`/rectification-items/${item()}/report`, { version, summary: "床位已补齐" });
    version = r.body.version;
    const stale = await organiser.post(`/rectification-items/${item()}/verify`, {
      version: version - 1,
      verdict: "passed",
      reason: "x",
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("stale_version");
    r = await organiser.post(`/rectification-items/${item()}/verify`, {
      version,
      verdict: "passed",
      reason: "现场核查到位",
    });
    expect(r.body).toMatchObject({ status: "verified", lastVerdict: "passed" });
    version = r.body.version;
    r = await organiser.post(`/rectification-items/${item()}/close`, { version });
    expect(r.body.status).toBe("closed");
  });

  it("keeps the whole history with who, verdict and reason, and the audit trail", async () => {
    const viewer = await login("viewer");
    const detail = await viewer.get(`/rectification-items/${item()}`);
    expect(detail.status).toBe(200);
    expect(
      detail.body.history.map((h: { action: string; to: string; verdict: string | null }) => [
        h.action,
        h.to,
        h.verdict,
      ]),
    ).toEqual([
      ["create", "pending", null],
      ["start", "in_progress", null],
      ["report", "reported", null],
      ["verify", "in_progress", "failed"],
      ["report", "reported", null],
      ["verify", "in_progress", "partial"],
      ["report", "reported", null],
      ["verify", "verified", "passed"],
      ["close", "closed", null],
    ]);
    expect(detail.body.history[3].reason).toBe("宿舍未通过消防验收");
    expect(detail.body.evidence.map((e: { name: string }) => e.name)).toEqual(["宿舍验收报告.pdf"]);
    expect(detail.body.canAct).toEqual({ unit: false, organiser: false });
    const audit = await server.services.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", item())
      .orderBy("seq")
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      "rectification.created",
      "rectification.start",
      "rectification.specifics_updated",
      "rectification.evidence_uploaded",
      "rectification.report",
      "rectification.verify",
      "rectification.report",
      "rectification.verify",
      "rectification.report",
      "rectification.verify",
      "rectification.close",
    ]);
    // Another unit's head sees nothing of it.
    expect((await (await login("u2-head")).get(`/rectification-items/${item()}`)).status).toBe(403);
  });
});

describe("overdue items", () => {
  it("are overdue once the deadline day has ended in China, and escalated to the organiser", async () => {
    const organiser = await login("organiser");
    const created = await organiser.post(`/campaigns/${campaignId}/rectification-items`, {
      organisationId: u2.id,
      source: "feedback",
      problem: "控辍保学台账不健全",
      deadline: "2026-03-10",
      responsiblePerson: "澧江街道 王芳",
    });
    ids.late = created.body.id;
    // 2026-03-10 ends at 2026-03-10T16:00Z; one minute before it is not overdue, one after it is.
    clock().set("2026-03-10T15:59:00Z");
    const before = await (await login("u2-head")).get("/me/tasks");
    const task = before.body.items.find((t: { key: string }) => t.key === `rectification:${ids.late}`);
    expect(task).toMatchObject({ kind: "rectification", role: "unit_head", overdue: false });
    expect(task.links.rectificationItemId).toBe(ids.late);
    const notYet = await (await login("organiser")).get("/me/tasks");
    expect(notYet.body.items.some((t: { kind: string }) => t.kind === "rectification_overdue")).toBe(false);

    clock().set("2026-03-10T16:01:00Z");
    const after = await (await login("u2-head")).get("/me/tasks");
    expect(after.body.items.find((t: { key: string }) => t.key === `rectification:${ids.late}`).overdue).toBe(
      true,
    );
    const escalated = await (await login("organiser")).get("/me/tasks");
    const overdue = escalated.body.items.filter((t: { kind: string }) => t.kind === "rectification_overdue");
    expect(overdue.map((t: { title: string; overdue: boolean }) => [t.title, t.overdue])).toEqual([
      ["逾期未整改：澧江街道", true],
    ]);
    const list = await (await login("organiser")).get(
      `/campaigns/${campaignId}/rectification-items?overdue=true`,
    );
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([ids.late]);
    // U1: B1.1 and 综合 generated (open), the closed one; U2: B1.2 generated and the late one (both open).
    const counts = Object.fromEntries(
      list.body.units.map(
        (u: { organisationCode: string; open: number; overdue: number; closed: number; total: number }) => [
          u.organisationCode,
          [u.open, u.overdue, u.closed, u.total],
        ],
      ),
    );
    expect(counts).toEqual({ U1: [2, 0, 1, 3], U2: [2, 1, 0, 2] });
  });

  it("are deadlines for the unit's heads, escalated to the organisers", async () => {
    const deadlines = await rectificationDeadlines.open(server.services.db, new Date("2026-03-31T00:00:00Z"));
    // Only the late item falls due before 03-31; the generated ones are due 06-30.
    expect(deadlines.map((d) => d.key)).toEqual([`rectification:${ids.late}`]);
    expect(deadlines[0]).toMatchObject({
      kind: "rectification",
      dueAt: new Date("2026-03-10T15:59:59.999Z"),
      recipients: [{ organisationId: u2.id, roles: ["unit_head"] }],
      escalateTo: [{ organisationId: countyA.id, roles: ["organiser"] }],
      link: `/rectification-items/${ids.late}`,
    });
  });

  it("show the organiser reported items to verify", async () => {
    const head = await login("u2-head");
    const item = (await head.get(`/rectification-items/${ids.late}`)).body;
    let r = await head.post(`/rectification-items/${ids.late}/start`, { version: item.version });
    r = await head.patch(`/rectification-items/${ids.late}`, {
      version: r.body.version,
      target: "建立控辍保学一人一档",
      measures: "逐村排查适龄儿童",
    });
    await upload(head, ids.late!, "台账.pdf");
    r = await head.post(`/rectification-items/${ids.late}/report`, {
      version: r.body.version,
      summary: "台账已建立",
    });
    expect(r.body).toMatchObject({ status: "reported", overdue: false });
    const tasks = await (await login("organiser")).get("/me/tasks");
    expect(
      tasks.body.items
        .filter((t: { kind: string }) => t.kind.startsWith("rectification_"))
        .map((t: { kind: string }) => t.kind),
    ).toEqual(["rectification_verification"]);
  });
});

describe("回头看", () => {
  it("launches a follow-up over the units with closed items and re-checks them", async () => {
    const organiser = await login("organiser");
    const launched = await organiser.post(`/campaigns/${campaignId}/follow-up`, {
      selfCheckDeadline: "2026-09-15",
      recheckDeadline: "2026-09-30",
    });
    expect(launched.status, JSON.stringify(launched.body)).toBe(201);
    expect(launched.body.name).toBe("2026年度县级政府教育工作督导评估整改“回头看”");
    const followUp = launched.body.id;
    const units = await server.services.db
      .selectFrom("campaign_units")
      .select("organisation_id")
      .where("campaign_id", "=", followUp)
      .execute();
    expect(units.map((u) => u.organisation_id)).toEqual([u1.id]);
    // Draft campaigns take no rectification yet, but the organiser re-checks.
    await server.services.db
      .updateTable("campaigns")
      .set({ status: "running" })
      .where("id", "=", followUp)
      .execute();
    const list = await organiser.get(`/campaigns/${followUp}/rechecks`);
    expect(list.body.followUpOf.id).toBe(campaignId);
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([ids.item]);
    const old = list.body.items[0];
    const noDeadline = await organiser.post(`/campaigns/${followUp}/rechecks/${ids.item}`, {
      version: old.version,
      verdict: "relapsed",
      reason: "新宿舍被挪作他用",
    });
    expect(noDeadline.status).toBe(400);
    const relapsed = await organiser.post(`/campaigns/${followUp}/rechecks/${ids.item}`, {
      version: old.version,
      verdict: "relapsed",
      reason: "新宿舍被挪作他用",
      deadline: "2026-10-31",
    });
    expect(relapsed.status, JSON.stringify(relapsed.body)).toBe(200);
    expect(relapsed.body.item.recheck).toMatchObject({ verdict: "relapsed", campaignId: followUp });
    expect(relapsed.body.item.relapseId).toBe(relapsed.body.relapse.id);
    expect((await organiser.get(`/campaigns/${followUp}/rechecks`)).body.items[0].relapseId).toBe(
      relapsed.body.relapse.id,
    );
    expect(relapsed.body.relapse).toMatchObject({
      campaignId: followUp,
      organisationId: u1.id,
      indicatorCode: "B1.2",
      source: "recheck",
      relapseOf: ids.item,
      status: "pending",
      deadline: "2026-10-31",
      responsiblePerson: "因远镇分管副镇长 李明",
      problem: "【回头看反弹】新宿舍被挪作他用（原问题：义务教育阶段学校寄宿条件不达标）",
    });
    const again = await organiser.post(`/campaigns/${followUp}/rechecks/${ids.item}`, {
      version: relapsed.body.item.version,
      verdict: "held",
      reason: "x",
    });
    expect(again.status).toBe(409);
    // An ordinary campaign follows up nothing.
    expect((await organiser.get(`/campaigns/${campaignId}/rechecks`)).body).toEqual({
      followUpOf: null,
      items: [],
    });
  });
});

describe("the feedback documents", () => {
  it("list U1's items with their status, open ones marked", async () => {
    const organiser = await actorOf(server.services, "organiser");
    const notice = await rectificationNotice.load(server.services, organiser, campaignId, u1.id);
    // U1's items in the scheme's order, 综合 last: B1.1 generated (open, due 06-30, the clock now 03-10), the
    // inspection item taken to closure (B1.2, due 03-31), the generated 综合 one.
    expect(notice.items.map((i) => [i.number, i.indicatorCode, i.deadline, i.status])).toEqual([
      ["1", "B1.1", "2026年6月30日", "待整改（未完成）"],
      ["2", "B1.2", "2026年3月31日", "已关闭"],
      ["3", null, "2026年6月30日", "待整改（未完成）"],
    ]);
    expect(notice.items[1]!.requirement).toBe("寄宿生生均宿舍面积达到3平方米");
    expect(notice.items[2]!.requirement).toBe("针对指出的问题逐项整改到位");
    const noticeText = outline(await rectificationNotice.houseStyle(notice)).join("\n");
    expect(noticeText).toContain("整改状态：待整改（未完成）");
    expect(noticeText).toContain("整改状态：已关闭");

    const report = await evaluationReport.load(server.services, organiser, campaignId, u1.id);
    expect(report.hasRectification).toBe(true);
    const reportText = outline(await evaluationReport.houseStyle(report)).join("\n");
    expect(reportText).toContain("五、整改落实情况");
    expect(reportText).toContain("2．B1.2 ");
    expect(reportText).toContain("义务教育阶段学校寄宿条件不达标（整改时限：2026年3月31日；已关闭）");
    expect(reportText).toContain("六、整改要求");
  });
});
