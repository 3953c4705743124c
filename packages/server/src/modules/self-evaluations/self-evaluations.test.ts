import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../audit/audit-log.js";
import { ApiClient } from "../../http/in-process-client.js";
import { startTestServer, type TestServer } from "../../testing/test-services.js";
import {
  COUNTY_TABLES,
  openStage,
  type SelfEvaluationFixture,
  seedS2Campaign,
  TOWN1_TABLES,
  TOWN2_TABLES,
  YUANJIANG_SCORES,
} from "./__tests__/fixture.js";
import { loadSelfEvaluationInputs } from "./self-evaluation-inputs.js";

let server: TestServer;
let f: SelfEvaluationFixture;
const login = (name: string) => ApiClient.login(server.app, `${name}-1`);

beforeAll(async () => {
  server = await startTestServer();
  f = await seedS2Campaign(server.services);
});
afterAll(() => server.close());

/** Saves every table of a unit from scratch (version 0) or at the versions given. */
async function saveTables(client: ApiClient, url: string, tables: Record<string, unknown>) {
  const out: Record<string, any> = {};
  for (const [code, rows] of Object.entries(tables)) {
    const current = await client.get(url);
    const version = current.body.tables.find((t: { code: string }) => t.code === code).version;
    out[code] = await client.put(`${url}/tables/${code}`, { version, rows });
  }
  return out;
}

describe("a unit's self-evaluation", () => {
  it("shows the indicators for the unit, its tables and the problems that keep the draft from a score", async () => {
    const head = await login("head");
    const view = await head.get(f.url(f.county));
    expect(view.status).toBe(200);
    expect(view.body.status).toBe("draft");
    expect(view.body.editable).toBe(true);
    expect(view.body.items.map((i: { code: string }) => i.code).slice(0, 4)).toEqual([
      "B1",
      "B1.1",
      "B1.2",
      "B2",
    ]);
    const b31 = view.body.items.find((i: { code: string }) => i.code === "B3.1");
    expect(b31).toMatchObject({ computed: true, leaf: true, version: 0 });
    expect(view.body.tables.map((t: { code: string }) => t.code)).toEqual(["T1", "T2", "T3"]);
    expect(view.body.score).toBeNull();
    expect(view.body.problems.map((p: { path: string }) => p.path)).toContain("indicators.B1.1");
  });

  it("checks an input against the leaf's method, naming the field", async () => {
    const head = await login("head");
    const wrong = await head.put(f.url(f.county, "/items/B6.1"), {
      version: 0,
      input: { deductions: { nope: 1 } },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details).toEqual([
      { path: "body.input", message: "unknown deduction rule nope" },
    ]);
    const badShape = await head.put(f.url(f.county, "/items/B1.2"), {
      version: 0,
      input: { checked: "office" },
    });
    expect(badShape.body.error.details[0].path).toBe("body.input.checked");
    const offStep = await head.put(f.url(f.county, "/items/B1.1"), { version: 0, input: { score: 4.3 } });
    expect(offStep.body.error.details[0].message).toContain("step");
    const computed = await head.put(f.url(f.county, "/items/B3.1"), { version: 0, input: { score: 4 } });
    expect(computed.status).toBe(400);
    const saved = await head.put(f.url(f.county, "/items/B6.1"), {
      version: 0,
      input: { deductions: { stalls: 2 } },
      narrative: "校门口流动摊点两处，已整治。",
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: 1, input: { deductions: { stalls: 2 } } });
  });

  it("lets one of two sessions editing an indicator win; the other gets 409 and the winner's value stays", async () => {
    const head = await login("head");
    const staff = await login("staff");
    const first = await Promise.all([
      head.put(f.url(f.county, "/items/B1.1"), { version: 0, input: 4.5 }),
      staff.put(f.url(f.county, "/items/B1.1"), { version: 0, input: 3 }),
    ]);
    expect(first.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = first.find((r) => r.status === 200)!.body.input;
    expect(first.find((r) => r.status === 409)!.body.error.code).toBe("stale_version");
    const both = await Promise.all([
      head.put(f.url(f.county, "/items/B1.1"), { version: 1, input: 5 }),
      staff.put(f.url(f.county, "/items/B1.1"), { version: 1, narrative: "staff" }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const view = await head.get(f.url(f.county));
    const item = view.body.items.find((i: { code: string }) => i.code === "B1.1");
    expect(item.version).toBe(2);
    const won = both.find((r) => r.status === 200)!;
    expect(item.input).toEqual(won.body.input);
    expect(item.narrative).toBe(won.body.narrative);
    expect(winner).not.toBeUndefined();
  });

  it("limits department staff to what is assigned to their department (任务分解)", async () => {
    const head = await login("head");
    const dept = await login("dept");
    expect((await dept.put(f.url(f.county, "/items/B2.3"), { version: 0, input: 6 })).status).toBe(403);
    const staff = await login("staff");
    const notHead = await staff.put(f.url(f.county, "/assignments/B2"), {
      departmentId: f.finance.id,
      person: "李会计",
      deadline: "2026-03-15",
    });
    expect(notHead.status).toBe(403);
    const assigned = await head.put(f.url(f.county, "/assignments/B2"), {
      departmentId: f.finance.id,
      person: "李会计",
      deadline: "2026-02-15",
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({
      target: "B2",
      departmentName: "元江县财政局",
      version: 1,
      overdue: true,
    });
    const again = await head.put(f.url(f.county, "/assignments/B2"), {
      departmentId: f.finance.id,
      person: "王科长",
      deadline: "2026-03-15",
    });
    expect(again.status).toBe(409);
    const moved = await head.put(f.url(f.county, "/assignments/B2"), {
      version: 1,
      departmentId: f.finance.id,
      person: "王科长",
      deadline: "2026-03-15T00:00:00Z",
    });
    expect(moved.body).toMatchObject({ version: 2, person: "王科长", overdue: false });
    expect((await dept.put(f.url(f.county, "/items/B2.3"), { version: 0, input: 6 })).status).toBe(200);
    expect((await dept.put(f.url(f.county, "/items/B1.1"), { version: 2, input: 1 })).status).toBe(403);
    expect((await dept.put(f.url(f.county, "/data"), { version: 1, data: {} })).status).toBe(403);
    const view = await dept.get(f.url(f.county));
    expect(view.status).toBe(200);
    const editable = view.body.items
      .filter((i: { editable: boolean }) => i.editable)
      .map((i: { code: string }) => i.code);
    expect(editable).toEqual(["B2", "B2.1", "B2.2", "B2.3"]);
  });

  it("refuses people of another unit, and lets the assigned reviewer read", async () => {
    const other = await login("otherhead");
    expect((await other.get(f.url(f.county))).status).toBe(403);
    expect((await other.put(f.url(f.county, "/items/B3.2"), { version: 0, input: 6 })).status).toBe(403);
    const reviewer = await login("reviewer");
    expect((await reviewer.get(f.url(f.county))).status).toBe(200);
    expect((await reviewer.get(f.url(f.other))).status).toBe(403);
    expect((await reviewer.put(f.url(f.county, "/items/B3.2"), { version: 0, input: 6 })).status).toBe(403);
  });

  it("reports table violations per rule and cell, across levels too, and still saves the draft", async () => {
    const head = await login("head");
    const wrongTotal = structuredClone(COUNTY_TABLES.T3);
    wrongTotal.total.building_area = 281000;
    const saved = await head.put(f.url(f.county, "/tables/T3"), { version: 0, rows: wrongTotal });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(1);
    expect(saved.body.violations).toContainEqual(
      expect.objectContaining({ rule: "T3-total", cell: "T3!total.building_area" }),
    );
    const unknownRow = await head.put(f.url(f.county, "/tables/T3"), {
      version: 1,
      rows: { senior: { building_area: 1 } },
    });
    expect(unknownRow.status).toBe(400);
    expect(unknownRow.body.error.details[0].path).toBe("body.rows.senior");
    const fixed = await head.put(f.url(f.county, "/tables/T3"), { version: 1, rows: COUNTY_TABLES.T3 });
    expect(fixed.body.violations.filter((v: { rule: string }) => v.rule === "T3-total")).toEqual([]);
    expect(
      (await head.put(f.url(f.county, "/tables/T3"), { version: 1, rows: COUNTY_TABLES.T3 })).status,
    ).toBe(409);

    // The townships report; 因远镇's primary enrolment is off by one, so the county's cell no longer adds up.
    const town1 = await login("town1head");
    const town2 = await login("town2head");
    const off = structuredClone(TOWN1_TABLES);
    off.T1.primary.enrolled = 9989;
    await saveTables(town1, f.url(f.town1), off);
    await saveTables(town2, f.url(f.town2), TOWN2_TABLES);
    const county = await saveTables(head, f.url(f.county), { T1: COUNTY_TABLES.T1 });
    expect(county.T1.body.violations).toEqual([
      {
        rule: "T1-levels",
        table: "T1",
        row: "primary",
        column: "enrolled",
        cell: "T1!primary.enrolled",
        message:
          "适龄人口与在校学生统计表小学（6—11周岁）·在校学生数为 16966，应等于下级单位（因远镇、澧江街道）之和 16965（规则 T1-levels「各乡镇之和等于全县」）",
      },
    ]);
    const townView = await town1.get(f.url(f.town1));
    expect(townView.body.unit.role).toBe("reporting");
    await saveTables(town1, f.url(f.town1), { T1: TOWN1_TABLES.T1 });
    const after = (await head.get(f.url(f.county))).body.violations;
    expect(after.filter((v: { table: string }) => v.table !== "T2")).toEqual([]);
    expect((await town1.get(f.url(f.county))).status).toBe(403);
  });

  it("refuses to submit while incomplete, listing each missing indicator, field and cell", async () => {
    const head = await login("head");
    const current = await head.get(f.url(f.county));
    const response = await head.post(f.url(f.county, "/submit"), { version: current.body.version });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe("incomplete");
    const paths = response.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toContain("indicators.B1.2");
    expect(paths).toContain("indicators.B4.2");
    expect(paths).not.toContain("indicators.B1.1");
    expect(paths).not.toContain("indicators.B3.1");
    expect(paths).toContain("data.junior_students");
    expect(paths).toContain("T2!junior.students");
    const missing = response.body.error.details.find((d: { path: string }) => d.path === "indicators.B4.2");
    expect(missing.message).toContain("未填写自评");
  });

  it("submits a complete self-evaluation, locks it, and scores it live with the engine", async () => {
    const head = await login("head");
    const dept = await login("dept");
    let view = (await head.get(f.url(f.county))).body;
    for (const [code, input] of Object.entries(YUANJIANG_SCORES)) {
      const item = view.items.find((i: { code: string }) => i.code === code);
      const client = code.startsWith("B2") ? dept : head;
      const saved = await client.put(f.url(f.county, `/items/${code}`), { version: item.version, input });
      expect(saved.status, code).toBe(200);
    }
    await saveTables(head, f.url(f.county), { T2: COUNTY_TABLES.T2 });
    view = (await head.get(f.url(f.county))).body;
    expect(view.problems).toEqual([]);
    // As the seed: 91.5 points, but D级危房 16.21% > 3% caps it at 合格县.
    expect(view.score).toMatchObject({ total: "91.50", grade: "qualified", vetoes: ["V1"] });
    expect(view.score.indicators["B3.1"].score).toBe("0.00");
    expect(view.tableData).toMatchObject({
      building_area: 281209,
      d_danger_area: 45584,
      junior_dropouts: 207,
    });
    expect(view.explanation).toContain("91.5");

    const report = await head.put(f.url(f.county, "/report"), {
      version: view.version,
      report: { 基本情况: "全县共有中小学48所。", 存在问题: "D级危房比例偏高。" },
    });
    expect(report.body.version).toBe(view.version + 1);
    const stale = await head.put(f.url(f.county, "/report"), { version: view.version, report: {} });
    expect(stale.status).toBe(409);

    const submitted = await head.post(f.url(f.county, "/submit"), { version: report.body.version });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: "submitted", submissions: 1 });
    const locked = await head.put(f.url(f.county, "/items/B1.1"), { version: 2, input: 4 });
    expect(locked.status).toBe(409);
    expect(locked.body.error.code).toBe("locked");
    expect((await head.put(f.url(f.county, "/tables/T2"), { version: 2, rows: {} })).body.error.code).toBe(
      "locked",
    );
    const twice = await head.post(f.url(f.county, "/submit"), { version: submitted.body.version });
    expect(twice.status).toBe(409);

    // Grading reads the data from the tables.
    const inputs = await loadSelfEvaluationInputs(server.services.db, f.campaignId);
    expect(inputs.get(f.county.id)?.data).toMatchObject({ building_area: 281209, junior_enrolled: 8150 });
  });

  it("lets the organiser return it with a reason, then the unit corrects and resubmits, and the organiser accepts", async () => {
    const organiser = await login("organiser");
    const head = await login("head");
    const view = (await organiser.get(f.url(f.county))).body;
    expect(view.permissions.organise).toBe(true);
    expect((await head.post(f.url(f.county, "/return"), { version: view.version, reason: "x" })).status).toBe(
      403,
    );
    const noReason = await organiser.post(f.url(f.county, "/return"), {
      version: view.version,
      reason: "  ",
    });
    expect(noReason.status).toBe(400);
    const returned = await organiser.post(f.url(f.county, "/return"), {
      version: view.version,
      reason: "B3.2 佐证材料不全",
    });
    expect(returned.body).toMatchObject({ status: "returned", returnedReason: "B3.2 佐证材料不全" });
    const item = (await head.get(f.url(f.county))).body.items.find(
      (i: { code: string }) => i.code === "B3.2",
    );
    expect((await head.put(f.url(f.county, "/items/B3.2"), { version: item.version, input: 6 })).status).toBe(
      200,
    );
    const resubmitted = await head.post(f.url(f.county, "/submit"), { version: returned.body.version });
    expect(resubmitted.body).toMatchObject({ status: "submitted", submissions: 2 });
    const accepted = await organiser.post(f.url(f.county, "/accept"), { version: resubmitted.body.version });
    expect(accepted.body.status).toBe("accepted");
    expect(
      (await organiser.post(f.url(f.county, "/return"), { version: accepted.body.version, reason: "再改" }))
        .status,
    ).toBe(409);
    const trail = await server.services.db
      .selectFrom("audit_log")
      .select("action")
      .where("organisation_id", "=", f.county.id)
      .execute();
    const actions = new Set(trail.map((t) => t.action));
    for (const action of [
      "self_evaluation.item_saved",
      "self_evaluation.table_saved",
      "self_evaluation.report_saved",
      "self_evaluation.task_assigned",
      "self_evaluation.submitted",
      "self_evaluation.returned",
      "self_evaluation.accepted",
    ])
      expect(actions).toContain(action);
    expect(await verifyAuditChain(server.services.db)).toMatchObject({ problem: null });
  });

  it("allows edits only while the self-evaluation stage is open", async () => {
    const other = await login("otherhead");
    await openStage(server.services, f.campaignId, "review");
    const response = await other.put(f.url(f.other, "/items/B1.1"), { version: 0, input: 5 });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe("wrong_stage");
    await openStage(server.services, f.campaignId, "self_evaluation");
    expect((await other.put(f.url(f.other, "/items/B1.1"), { version: 0, input: 5 })).status).toBe(200);
  });
});
