/**
 * 通报 on S4 县总工会年度考评, driven by the demo driver to publication. The figures are those worked by hand in
 * modules/dashboard/__tests__/s4-dashboard.test.ts (final, corrected run): T01 94.85 优秀 … D05 75.23 未达标;
 * grades 优秀单位 2, 先进单位 3, 达标单位 4, 未达标 5. Also who may read the bulletin and the per-unit feedback of
 * S4 before and after 通报反馈.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { S4Driver } from "../../demo/drive-s4.js";
import { ApiClient } from "../../http/in-process-client.js";
import { s4Driver } from "../../testing/demo-drivers.js";
import { seedUser } from "../../testing/fixtures.js";
import { printedText } from "../../testing/libreoffice.js";
import { startTestServer, type TestServer } from "../../testing/test-services.js";
import { bulletin } from "../bulletin/kind.js";
import { evaluationReport } from "../evaluation-report/kind.js";
import { rectificationNotice } from "../rectification-notice/kind.js";
import { outline } from "./docx-outline.js";
import { actorOf, refused, tableRowCounts } from "./kind-testing.js";

let server: TestServer;
let driver: S4Driver;
const _login = (username: string) => ApiClient.login(server.app, username);
const union = (code: string) => driver.state.unions[code]!;
const as = (username: string) => actorOf(server.services, username);

/** The final run's ranking: code, total, grade name. */
const RANKING: Array<[string, string, string]> = [
  ["T01", "94.85", "优秀单位"],
  ["D01", "92.00", "优秀单位"],
  ["T02", "90.85", "先进单位"],
  ["T05", "89.31", "未达标"],
  ["D07", "88.42", "先进单位"],
  ["D02", "88.05", "先进单位"],
  ["T03", "87.55", "达标单位"],
  ["T04", "85.23", "达标单位"],
  ["D03", "83.28", "达标单位"],
  ["K01", "82.23", "未达标"],
  ["T07", "81.00", "未达标"],
  ["T06", "80.00", "达标单位"],
  ["D04", "79.23", "未达标"],
  ["D05", "75.23", "未达标"],
];

beforeAll(async () => {
  server = await startTestServer();
  driver = await s4Driver(server, { year: 2026 });
  await driver.runUntil("publicity");
}, 180_000);
afterAll(() => server?.close());

describe("通报 and feedback before publication", () => {
  it("gives the organiser a draft bulletin of the graded run, and refuses the units", async () => {
    const { services } = server;
    const campaignId = driver.state.campaignId;
    const draft = await bulletin.load(services, await as(driver.state.organiser), campaignId, null);
    expect(draft.published).toBe(false);
    expect(draft.rows).toHaveLength(14);
    await refused(bulletin.load(services, await as(union("T01").head), campaignId, null));
  });

  it("refuses a unit its own feedback before 通报反馈, and gives it to the organiser", async () => {
    const { services } = server;
    const { campaignId } = driver.state;
    const t01 = union("T01");
    const error = await refused(evaluationReport.load(services, await as(t01.head), campaignId, t01.id));
    expect(error.specific?.zh).toMatch(/尚未通报反馈/);
    await refused(rectificationNotice.load(services, await as(t01.head), campaignId, t01.id));
    const report = await evaluationReport.load(
      services,
      await as(driver.state.organiser),
      campaignId,
      t01.id,
    );
    expect(report.graded).toBe(true);
  });
});

describe("通报 of the published results", () => {
  /** The printed text without whitespace: pdftotext spaces CJK from digits and breaks lines anywhere. */
  let text: string;
  let docx: Buffer;

  beforeAll(async () => {
    await driver.runUntil("published");
    const model = await bulletin.load(
      server.services,
      await as(driver.state.organiser),
      driver.state.campaignId,
      null,
    );
    docx = await bulletin.houseStyle(model);
    text = (await printedText(docx, "docx")).replace(/\s+/g, "");
  }, 180_000);

  it("prints the title, the preamble, the ranking with grades and quota places", () => {
    expect(text).toContain("关于2026年度全县工会工作创优争先考评结果的通报");
    expect(text).not.toContain("未公布稿");
    expect(text).toContain("对14个单位进行了考评");
    expect(text).toContain("经单位自评、实地评估/复评、汇总定级、公示等程序");
    expect(text).toContain("名次单位总分加分等次名额");
    for (const [code, total, grade] of RANKING) {
      // A long name wraps in its cell: its first line is printed before the total.
      expect(text, code).toMatch(new RegExp(`${union(code).name.slice(0, 8)}.*?${total}`));
      expect(text, code).toContain(grade);
    }
    // The quota places, as the web app shows them (a narrow cell may wrap them).
    for (const place of ["优秀单位第1/2", "优秀单位第2/2", "先进单位第3/5", "先进单位第4/5", "先进单位第5/5"])
      expect(text).toContain(place);
  });

  it("prints the count of each grade, the veto cases by name, the issuer and the page number", async () => {
    expect(text).toContain("共14个单位参加考评，其中优秀单位2个、先进单位3个、达标单位4个、未达标5个。");
    const model = await bulletin.load(
      server.services,
      await as(driver.state.organiser),
      driver.state.campaignId,
      null,
    );
    expect(model.vetoes.length).toBeGreaterThan(0);
    for (const veto of model.vetoes) {
      expect(text).toContain(`${veto.unit}：${veto.rules}`);
      expect(veto.grade).toBe("未达标");
    }
    expect(model.vetoes.map((v) => v.code)).toContain("T05");
    expect(text).toContain("“两个普遍”工作目标没有完成");
    // 落款 at the end, kept on one page with the closing paragraph.
    expect(text).toMatch(new RegExp(`新台阶。(—\\d—)?县总工会${model.issuedOn}—\\d—$`));
    expect(model.issuedOn).toBe("2026年3月8日");
    expect(text).toContain("—1—");

    expect(bulletin.fileName(model)).toBe("S4-ZGH 2026年度全县工会工作创优争先考评 考评结果通报");
  });

  it("keeps its structure: paragraphs with their styles, the table's header and its 14 rows", () => {
    expect(outline(docx)).toMatchSnapshot();
    expect(tableRowCounts(docx)).toEqual([1 + 14]);
  });

  it("is shown to the units once published, not to people outside the campaign", async () => {
    const { services } = server;
    const { campaignId } = driver.state;
    const model = await bulletin.load(services, await as(union("D05").head), campaignId, null);
    expect(model.rows.at(-1)).toMatchObject({ code: "D05", total: "75.23", grade: "未达标" });
    await seedUser(services, { username: "stranger", grants: [] });
    await refused(bulletin.load(services, await as("stranger"), campaignId, null));
  });

  it("gives each unit its own feedback after publication, and no other unit's", async () => {
    const { services } = server;
    const { campaignId } = driver.state;
    const t01 = union("T01");
    const head = await as(t01.head);
    const report = await evaluationReport.load(services, head, campaignId, t01.id);
    expect(report).toMatchObject({ graded: true, total: "94.85", grade: "优秀单位", rank: "1" });
    expect(report.result).toContain("在14个参评单位中排名第1位");
    expect(evaluationReport.fileName(report)).toBe(`T01 ${t01.name} 反馈意见`);
    const notice = await rectificationNotice.load(services, head, campaignId, t01.id);
    expect(notice.deadline).toBe("收到通知之日起30日内");
    await refused(evaluationReport.load(services, head, campaignId, union("T02").id));
    await refused(rectificationNotice.load(services, head, campaignId, union("T02").id));
  });
});
