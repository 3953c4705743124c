/**
 * 评估报告/反馈意见 and 限期整改通知书 on S7 义务教育标准化学校评估验收, driven by the demo driver to publication,
 * with a 整改 stage added to the campaign (deadline 2026年9月30日) and the organiser's own findings beside the
 * site-visit one. Figures from src/__tests__/s7-campaign.test.ts: S03 城关镇中心学校 self-evaluated 900.00; drawn
 * for a site visit, the experts lowered E1 教育教学质量 39.5 → 37.5 (of 50), so its final total is 898.00 and its
 * grade 基本达标 (below 900), 7th of 12.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { S7_SITE_VISIT_CORRECTION, type S7Driver } from "../../demo/drive-s7.js";
import { ApiClient } from "../../http/in-process-client.js";
import { s7Driver } from "../../testing/demo-drivers.js";
import { printedText } from "../../testing/libreoffice.js";
import { startTestServer, type TestServer } from "../../testing/test-services.js";
import { evaluationReport } from "../evaluation-report/kind.js";
import type { EvaluationReportModel } from "../evaluation-report/model.js";
import { rectificationNotice } from "../rectification-notice/kind.js";
import type { RectificationNoticeModel } from "../rectification-notice/model.js";
import { outline } from "./docx-outline.js";
import { actorOf, refused, tableRowCounts } from "./kind-testing.js";

let server: TestServer;
let driver: S7Driver;
const login = (username: string) => ApiClient.login(server.app, username);
const school = (code: string) => driver.state.schools[code]!;
const as = (username: string) => actorOf(server.services, username);

const PROBLEM = "学校功能教室使用记录不全，部分实验未按课程标准开出";
const GENERAL = "档案资料分类入盒不规范，部分佐证材料与指标不对应";

beforeAll(async () => {
  server = await startTestServer();
  driver = await s7Driver(server);
  // A 整改 stage after 公示, with its deadline (the driver's campaign has none).
  await server.services.db
    .insertInto("campaign_stages")
    .values({
      campaign_id: driver.state.campaignId,
      stage: "rectification",
      position: 100,
      deadline: new Date("2026-09-30T15:00:00Z"),
    })
    .execute();
  await driver.runUntil("grading");
  const organiser = await login(driver.state.organiser);
  const url = `/campaigns/${driver.state.campaignId}/units/${school("S03").id}/findings`;
  const problem = await organiser.post(url, { indicatorCode: "C3", kind: "problem", text: PROBLEM });
  expect(problem.status, JSON.stringify(problem.body)).toBe(201);
  expect((await organiser.post(url, { kind: "查", text: GENERAL })).status).toBe(201);
}, 180_000);
afterAll(() => server?.close());

describe("before publication", () => {
  it("refuses a school its feedback, and gives the organiser the graded result", async () => {
    const { services } = server;
    const { campaignId } = driver.state;
    const s03 = school("S03");
    await refused(evaluationReport.load(services, await as(s03.head), campaignId, s03.id));
    await refused(rectificationNotice.load(services, await as(s03.head), campaignId, s03.id));
    const report = await evaluationReport.load(
      services,
      await as(driver.state.organiser),
      campaignId,
      s03.id,
    );
    expect(report).toMatchObject({ graded: true, total: "898.00", grade: "基本达标", selfTotal: "900.00" });
  });
});

describe("after publication", () => {
  let report: EvaluationReportModel;
  let notice: RectificationNoticeModel;
  let reportDocx: Buffer;
  let noticeDocx: Buffer;
  /** Printed texts without whitespace: pdftotext spaces CJK from digits and breaks lines anywhere. */
  let reportText: string;
  let noticeText: string;

  beforeAll(async () => {
    await driver.runUntil("published");
    const s03 = school("S03");
    const head = await as(s03.head);
    report = await evaluationReport.load(server.services, head, driver.state.campaignId, s03.id);
    notice = await rectificationNotice.load(server.services, head, driver.state.campaignId, s03.id);
    reportDocx = await evaluationReport.houseStyle(report);
    noticeDocx = await rectificationNotice.houseStyle(notice);
    const squeezed = async (docx: Buffer) => (await printedText(docx, "docx")).replace(/\s+/g, "");
    [reportText, noticeText] = await Promise.all([squeezed(reportDocx), squeezed(noticeDocx)]);
  }, 180_000);

  it("names the files after the unit", () => {
    expect(evaluationReport.fileName(report)).toBe("S03 城关镇中心学校 反馈意见");
    expect(rectificationNotice.fileName(notice)).toBe("S03 城关镇中心学校 限期整改通知书");
  });

  it("prints the report: result, scores by indicator, findings, problems and 整改要求", () => {
    expect(reportText).toContain("关于城关镇中心学校2026年义务教育标准化学校评估验收情况的反馈意见");
    expect(reportText).toContain("城关镇中心学校：");
    expect(reportText).toContain(
      "你单位最终得分898.00分，等次为“基本达标”，在12个参评单位中排名第7位（自评得分900.00分）",
    );
    expect(reportText).toContain("指标分值自评得分最终得分");
    expect(reportText).toMatch(/E1教育教学质量5039\.5037\.50/);
    expect(reportText).toContain(`E1教育教学质量：【看】${S7_SITE_VISIT_CORRECTION.finding}`);
    expect(reportText).toContain(PROBLEM);
    expect(reportText).toContain(`综合：【查】${GENERAL}`);
    expect(reportText).toContain(
      `失12.50分（分值50分，得分37.50分）；【看】${S7_SITE_VISIT_CORRECTION.finding}`,
    );
    expect(reportText).toContain("于2026年9月30日前完成整改");
    expect(reportText).toMatch(/县教育局\d{4}年\d+月\d+日—\d—$/);
    expect(reportText).toContain("—1—");
  });

  it("prints the notice: numbered items with requirement and deadline, 四个具体, the reply", () => {
    expect(noticeText).toContain("限期整改通知书城关镇中心学校：");
    const e1 = notice.items.find((i) => i.indicatorCode === "E1")!;
    expect(e1).toMatchObject({
      indicator: "E1 教育教学质量",
      requirement: "达到“E1 教育教学质量”指标要求",
      deadline: "2026年9月30日",
      due: "2026-09-30",
    });
    expect(e1.problem).toContain(S7_SITE_VISIT_CORRECTION.finding);
    expect(notice.items.find((i) => i.indicatorCode === "C3")?.problem).toContain(`【问题】${PROBLEM}`);
    expect(notice.items.at(-1)).toMatchObject({ indicatorCode: null, indicator: "综合" });
    expect(notice.items.map((i) => i.number)).toEqual(notice.items.map((_, i) => String(i + 1)));
    expect(noticeText).toContain(`E1教育教学质量存在问题：失12.50分`);
    expect(noticeText).toContain("整改时限：2026年9月30日");
    expect(noticeText).toContain("有具体整改目标、有具体整改措施、有具体整改时限、有具体责任人");
    expect(noticeText).toContain("请于2026年9月30日前将整改情况书面报告县教育局。");
    expect(noticeText).toContain("—1—");
  });

  it("keeps the structure of both documents", () => {
    expect(outline(reportDocx)).toMatchSnapshot("evaluation report");
    expect(tableRowCounts(reportDocx)).toEqual([1 + report.scores.length]);
    expect(outline(noticeDocx)).toMatchSnapshot("rectification notice");
    expect(tableRowCounts(noticeDocx)).toEqual([]);
  });

  it("refuses another school", async () => {
    const head = await as(school("S03").head);
    await refused(evaluationReport.load(server.services, head, driver.state.campaignId, school("S05").id));
    await refused(rectificationNotice.load(server.services, head, driver.state.campaignId, school("S05").id));
  });
});
