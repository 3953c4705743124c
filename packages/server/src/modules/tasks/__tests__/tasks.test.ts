/**
 * /me/tasks: each role's to-dos across campaigns, overdue first then by deadline (by the TestClock, which starts at
 * 2026-03-01T02:00Z). Campaigns (all organised by county A, scheme S2):
 *   甲 单位自评 open (deadline 03-20, 初审 03-31): U1 draft, U2 returned, U3 submitted; U1's B1.1, B1.2 and table T1
 *      assigned to its finance office (deadlines 03-10, none, 02-25);
 *   乙 单位自评 open, deadline 02-20 (passed): U1 draft;
 *   丙 实地评估 open (deadline 03-15): the reviewer on U1 (no sheet), U2 (submitted), U3 (saved);
 *   丁 公示 open (deadline 03-10): a pending objection of U1;
 *   戊 published, its 单位自评 still open and past due: U1 draft — counts for nobody.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "../../../http/in-process-client.js";
import { type SeededOrganisation, seedOrganisation, seedUser } from "../../../testing/fixtures.js";
import { startTestServer, type TestServer } from "../../../testing/test-services.js";
import {
  bundledSchemeSource,
  type StageSpec,
  seedCampaign,
  seedSchemeVersion,
  seedUnit,
} from "../../review/__tests__/campaign-fixture.js";

let server: TestServer;
let countyA: SeededOrganisation;
let u1: SeededOrganisation;
let u2: SeededOrganisation;
let u3: SeededOrganisation;
const c = {} as Record<"jia" | "yi" | "bing" | "ding" | "wu", string>;
const ids = {} as Record<string, string>;
const RETURN_REASON = "基础数据表T1填报不全，请补充后重新提交";
const OBJECTION = "我镇B1.2得分有误";

const login = (username: string) => ApiClient.login(server.app, username);

const campaign = (name: string, stages: StageSpec[]) =>
  seedCampaign(server.services, {
    organiser: countyA,
    schemeVersionId: ids.version!,
    year: 2026,
    name,
    stages,
  });

async function evaluationId(campaignId: string, org: SeededOrganisation) {
  const row = await server.services.db
    .selectFrom("self_evaluations")
    .select("id")
    .where("campaign_id", "=", campaignId)
    .where("organisation_id", "=", org.id)
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  server = await startTestServer();
  const s = server.services;
  const root = await seedOrganisation(s, { code: "city", name: "玉溪市", kind: "市" });
  countyA = await seedOrganisation(s, { parent: root, code: "countyA", name: "元江县", kind: "县" });
  const countyB = await seedOrganisation(s, { parent: root, code: "countyB", name: "新平县", kind: "县" });
  u1 = await seedOrganisation(s, { parent: countyA, code: "U1", name: "因远镇", kind: "乡镇" });
  u2 = await seedOrganisation(s, { parent: countyA, code: "U2", name: "澧江街道", kind: "乡镇" });
  u3 = await seedOrganisation(s, { parent: countyA, code: "U3", name: "红河街道", kind: "乡镇" });
  const dept = await seedOrganisation(s, { parent: u1, code: "D1", name: "因远镇财政所", kind: "部门" });
  ids.dept = dept.id;
  const users: Array<[string, Parameters<typeof seedUser>[1]["grants"]]> = [
    ["admin", [{ role: "admin", organisation: null }]],
    ["organiser", [{ role: "organiser", organisation: countyA }]],
    ["other-organiser", [{ role: "organiser", organisation: countyB }]],
    ["viewer", [{ role: "viewer", organisation: countyA }]],
    ["u1-head", [{ role: "unit_head", organisation: u1 }]],
    ["u1-staff", [{ role: "unit_staff", organisation: u1 }]],
    ["u2-head", [{ role: "unit_head", organisation: u2 }]],
    ["department", [{ role: "department_staff", organisation: dept }]],
    ["reviewer", [{ role: "reviewer", organisation: countyA }]],
    ["idle-reviewer", [{ role: "reviewer", organisation: countyA }]],
  ];
  for (const [username, grants] of users) ids[username] = await seedUser(s, { username, grants });
  ids.version = await seedSchemeVersion(s, countyA, bundledSchemeSource("s02-county-education-supervision"));

  c.jia = await campaign("甲 2026年度教育督导", [
    { stage: "deploy", closed: true },
    { stage: "self_evaluation", open: true, deadline: "2026-03-20T09:00:00Z" },
    { stage: "preliminary", deadline: "2026-03-31T09:00:00Z" },
    { stage: "review", deadline: "2026-04-15T09:00:00Z" },
  ]);
  await seedUnit(s, c.jia, u1, { status: "draft" });
  await seedUnit(s, c.jia, u2, { status: "draft" });
  await s.db
    .updateTable("self_evaluations")
    .set({ status: "returned", returned_reason: RETURN_REASON })
    .where("campaign_id", "=", c.jia)
    .where("organisation_id", "=", u2.id)
    .execute();
  await seedUnit(s, c.jia, u3, { status: "submitted" });
  const e1 = await evaluationId(c.jia, u1);
  await s.db
    .insertInto("task_assignments")
    .values([
      {
        self_evaluation_id: e1,
        target: "B1.1",
        department_id: dept.id,
        person: "李四",
        deadline: new Date("2026-03-10T09:00:00Z"),
      },
      { self_evaluation_id: e1, target: "B1.2", department_id: dept.id, person: null, deadline: null },
      {
        self_evaluation_id: e1,
        target: "table:T1",
        department_id: dept.id,
        person: "王五",
        deadline: new Date("2026-02-25T09:00:00Z"),
      },
    ])
    .execute();

  c.yi = await campaign("乙 2026年度专项督导", [
    { stage: "self_evaluation", open: true, deadline: "2026-02-20T09:00:00Z" },
    { stage: "review" },
  ]);
  await seedUnit(s, c.yi, u1, { status: "draft" });

  c.bing = await campaign("丙 2025年度复评", [
    { stage: "self_evaluation", closed: true, deadline: "2026-01-20T09:00:00Z" },
    { stage: "review", open: true, deadline: "2026-03-15T09:00:00Z" },
  ]);
  for (const unit of [u1, u2, u3]) await seedUnit(s, c.bing, unit, { status: "submitted" });
  await s.db
    .insertInto("review_assignments")
    .values(
      [u1, u2, u3].map((unit) => ({
        campaign_id: c.bing,
        user_id: ids.reviewer!,
        group_code: "review",
        organisation_id: unit.id,
      })),
    )
    .execute();
  const sheet = (unit: SeededOrganisation, submitted: boolean) => ({
    campaign_id: c.bing,
    organisation_id: unit.id,
    user_id: ids.reviewer!,
    group_code: "review",
    scores: "{}",
    submitted,
    submitted_at: submitted ? new Date("2026-02-28T00:00:00Z") : null,
  });
  await s.db
    .insertInto("review_sheets")
    .values([sheet(u2, true), sheet(u3, false)])
    .execute();

  c.ding = await campaign("丁 2025年度考评公示", [
    { stage: "grading", closed: true },
    { stage: "publicity", open: true, deadline: "2026-03-10T09:00:00Z" },
  ]);
  await seedUnit(s, c.ding, u1, { status: "submitted" });
  const objection = await s.db
    .insertInto("objections")
    .values({ campaign_id: c.ding, organisation_id: u1.id, reason: OBJECTION, filed_by: ids["u1-head"]! })
    .returning("id")
    .executeTakeFirstOrThrow();
  ids.objection = objection.id;

  c.wu = await campaign("戊 已公布", [
    { stage: "self_evaluation", open: true, deadline: "2026-01-01T00:00:00Z" },
  ]);
  await seedUnit(s, c.wu, u1, { status: "draft" });
  await s.db.updateTable("campaigns").set({ status: "published" }).where("id", "=", c.wu).execute();
}, 60_000);
afterAll(() => server?.close());

interface Task {
  key: string;
  kind: string;
  role: string;
  campaignId: string;
  organisationId: string | null;
  indicatorCode: string | null;
  title: string;
  detail: string | null;
  deadline: string | null;
  overdue: boolean;
  links: Record<string, string>;
}

async function tasksOf(username: string, query = "") {
  const res = await (await login(username)).get(`/me/tasks${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { items: Task[]; total: number; overdue: number; now: string };
}
const brief = (t: Task) => [t.kind, t.campaignId, t.organisationId, t.deadline, t.overdue];

describe("GET /me/tasks", () => {
  it("gives a unit head the self-evaluations to fill, the overdue one first; a published campaign counts not", async () => {
    const list = await tasksOf("u1-head");
    expect(list.items.map(brief)).toEqual([
      ["self_evaluation", c.yi, u1.id, "2026-02-20T09:00:00.000Z", true],
      ["self_evaluation", c.jia, u1.id, "2026-03-20T09:00:00.000Z", false],
    ]);
    expect(list).toMatchObject({ total: 2, overdue: 1, now: "2026-03-01T02:00:00.000Z" });
    expect(list.items[0]).toMatchObject({
      role: "unit_head",
      title: "填报并提交自评：因远镇",
      detail: null,
      links: { campaignId: c.yi, organisationId: u1.id, selfEvaluationId: await evaluationId(c.yi, u1) },
    });
    const staff = await tasksOf("u1-staff");
    expect(staff.items.map(brief)).toEqual(list.items.map(brief));
    expect(staff.items.every((t) => t.role === "unit_staff")).toBe(true);
  });

  it("shows a returned self-evaluation with the reason", async () => {
    const list = await tasksOf("u2-head");
    expect(list.items).toEqual([
      expect.objectContaining({
        kind: "self_evaluation",
        campaignId: c.jia,
        organisationId: u2.id,
        title: "自评被退回，请修改后重新提交：澧江街道",
        detail: RETURN_REASON,
        deadline: "2026-03-20T09:00:00.000Z",
        overdue: false,
      }),
    ]);
  });

  it("gives the department its assigned indicators and tables, by their own deadlines", async () => {
    const list = await tasksOf("department");
    expect(list.items.map((t) => [t.kind, t.indicatorCode, t.links.target, t.deadline, t.overdue])).toEqual([
      ["assigned_task", null, "table:T1", "2026-02-25T09:00:00.000Z", true],
      ["assigned_task", "B1.1", "B1.1", "2026-03-10T09:00:00.000Z", false],
      // no deadline of its own: the stage's
      ["assigned_task", "B1.2", "B1.2", "2026-03-20T09:00:00.000Z", false],
    ]);
    expect(list.items[0]!.title).toBe("填报基础数据表 T1 适龄人口与在校学生统计表（因远镇）");
    expect(list.items[1]!.title).toContain("B1.1 县委、县政府研究解决教育工作重大问题");
    expect(list.items[1]!.detail).toBe("责任单位：因远镇财政所；责任人：李四");
    expect(list.items[1]!.links).toMatchObject({ departmentId: ids.dept, organisationId: u1.id });
  });

  it("gives the reviewer the assigned units whose sheet is not submitted", async () => {
    const list = await tasksOf("reviewer");
    expect(list.items.map((t) => [t.kind, t.organisationId, t.detail, t.deadline])).toEqual([
      // the same deadline: by the unit's name (红河街道 before 因远镇)
      ["review", u3.id, "评分表已保存，尚未提交", "2026-03-15T09:00:00.000Z"],
      ["review", u1.id, null, "2026-03-15T09:00:00.000Z"],
    ]);
    expect(list.items[1]!.links).toEqual({ campaignId: c.bing, organisationId: u1.id, groupCode: "review" });
    expect((await tasksOf("idle-reviewer")).items).toEqual([]);
  });

  it("gives the organiser open stages, late units, objections and 初审; administrators the same", async () => {
    const list = await tasksOf("organiser");
    expect(list.items.map(brief)).toEqual([
      ["open_stage", c.yi, null, "2026-02-20T09:00:00.000Z", true],
      ["late_self_evaluation", c.yi, u1.id, "2026-02-20T09:00:00.000Z", true],
      // each running campaign's open stage, to be moved on, by its deadline
      ["open_stage", c.ding, null, "2026-03-10T09:00:00.000Z", false],
      ["objection", c.ding, u1.id, "2026-03-10T09:00:00.000Z", false],
      ["open_stage", c.bing, null, "2026-03-15T09:00:00.000Z", false],
      ["open_stage", c.jia, null, "2026-03-20T09:00:00.000Z", false],
      ["preliminary_check", c.jia, u3.id, "2026-03-31T09:00:00.000Z", false],
    ]);
    expect(list.items[0]!.title).toBe("“单位自评”阶段已过截止时间，尚未结束");
    expect(list.items[4]!.title).toBe("推进“实地评估/复评”阶段：完成后进入下一阶段");
    expect(list.items[3]).toMatchObject({ detail: OBJECTION, links: { objectionId: ids.objection } });
    expect(list.items[6]!.title).toBe("初审：红河街道已提交自评，待审核");
    expect((await tasksOf("admin")).items.map(brief)).toEqual(list.items.map(brief));
    expect((await tasksOf("other-organiser")).items).toEqual([]);
  });

  it("gives the viewer the running campaigns to watch, by the open stage's deadline", async () => {
    const list = await tasksOf("viewer");
    expect(list.items.map(brief)).toEqual([
      ["watch_campaign", c.yi, null, "2026-02-20T09:00:00.000Z", true],
      ["watch_campaign", c.ding, null, "2026-03-10T09:00:00.000Z", false],
      ["watch_campaign", c.bing, null, "2026-03-15T09:00:00.000Z", false],
      ["watch_campaign", c.jia, null, "2026-03-20T09:00:00.000Z", false],
    ]);
    expect(list.items[2]!.title).toBe("关注进展：丙 2025年度复评（当前阶段：实地评估/复评）");
  });

  it("pages the list and follows the clock", async () => {
    const page = await tasksOf("u1-head", "?limit=1&offset=1");
    expect(page.total).toBe(2);
    expect(page.items.map((t) => t.campaignId)).toEqual([c.jia]);
    server.services.clock.set("2026-03-21T00:00:00Z");
    try {
      const later = await tasksOf("u1-head");
      expect(later.items.map((t) => [t.campaignId, t.overdue])).toEqual([
        [c.yi, true],
        [c.jia, true],
      ]);
      expect(later.overdue).toBe(2);
    } finally {
      server.services.clock.set("2026-03-01T02:00:00Z");
    }
  });

  it("refuses the anonymous caller", async () => {
    expect((await ApiClient.anonymous(server.app).get("/me/tasks")).status).toBe(401);
  });
});
