/**
 * 自评报告 and 评审评分表 end to end: the S7 demo campaign driven to 实地评估 (every school submitted, experts'
 * sheets saved), and an S5 安全生产标准化 campaign seeded with enterprise Q01 of the bundled sample; each document
 * is generated through the API and printed by LibreOffice.
 *
 * By hand:
 * - S7 S01 县第一小学: self-evaluation total 950.00 of 1000 (src/__tests__/s7-campaign.test.ts, from
 *   units.json), which the bands grade 达标 on its own; one evidence file, S01校舍安全鉴定报告.pdf, under A4.
 * - S7 S03 (drawn for a site visit): the lead expert's sheet lowers E1 教育教学质量 from 39.5 to 37.5, so the
 *   sheet totals 900 − 2 = 898.00.
 * - S5 Q01: E04.2, E06.2 and E13.2 are 空项 (40 + 30 + 30 = 100 points); 实得分 792.5; 得分率 = 792.5 ÷ (1000 −
 *   100) × 100% = 88.0556% → 88.06%; re-based 88.0556 × 1000 ÷ 100 = 880.56; grade 二级 (≥ 75, < 90).
 */
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from "docx";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { S7Driver } from "../../demo/drive-s7.js";
import { ApiClient, TEST_PASSWORD } from "../../http/in-process-client.js";
import {
  bundledSchemeSource,
  seedCampaign,
  seedSchemeVersion,
  seedUnit,
} from "../../modules/review/__tests__/campaign-fixture.js";
import { type SeededOrganisation, seedOrganisation, seedUser } from "../../testing/fixtures.js";
import { printedText } from "../../testing/libreoffice.js";
import { startTestServer, type TestServer } from "../../testing/test-services.js";
import {
  documentXml,
  download,
  multipart,
  outline,
  type Session,
  session,
  tableRows,
} from "./docx-outline.js";

let server: TestServer;
let driver: S7Driver;
let s5Campaign: string;
let q01: SeededOrganisation;
let safetyOffice: SeededOrganisation;
const school = (code: string) => driver.state.schools[code]!;
const s7Url = (kind: string, code: string) =>
  `/campaigns/${driver.state.campaignId}/documents/${kind}?organisationId=${school(code).id}`;

const Q01_DATA = {
  declared_level: "L2",
  record_cap: "L1",
  major_accident: false,
  major_hazard_open: false,
  employees: 320,
  insured: 320,
  special_workers: 18,
  certified_special: 18,
  exam_required: 120,
  exam_done: 114,
};
const Q01_SCORES = {
  "E01.1": { deductions: { "E01.1.b": 1 } },
  "E01.2": 17,
  "E02.1": 17,
  "E02.2": { deductions: {} },
  "E03.1": { checked: ["E03.1.a", "E03.1.b", "E03.1.c"] },
  "E03.2": 34,
  "E04.1": 34,
  "E04.2": { na: true },
  "E05.1": 21,
  "E05.3": { deductions: {} },
  "E06.1": 34,
  "E06.2": { na: true },
  "E07.1": 42.5,
  "E07.2": { deductions: {} },
  "E07.3": 25.5,
  "E08.1": 34,
  "E08.2": { deductions: {} },
  "E08.3": 34,
  "E09.1": 34,
  "E10.1": 25.5,
  "E11.1": { deductions: { "E11.1.a": 2 } },
  "E11.2": 25.5,
  "E12.1": 25.5,
  "E12.2": { deductions: { "E12.2.a": 1 } },
  "E12.3": 17,
  "E13.1": true,
  "E13.2": { na: true },
  "E14.1": 25.5,
  "E14.2": { level: "JH" },
};

beforeAll(async () => {
  server = await startTestServer();
  const s = server.services;
  await seedUser(s, { username: "admin", grants: [{ role: "admin", organisation: null }] });
  driver = await S7Driver.create({
    signIn: (username) => ApiClient.login(server.app, username),
    admin: "admin",
    password: TEST_PASSWORD,
    clock: s.clock,
    year: 2026,
  });
  await driver.runUntil("review");

  safetyOffice = await seedOrganisation(s, { code: "AJJ", name: "县安全生产监督管理局", kind: "部门" });
  q01 = await seedOrganisation(s, { parent: safetyOffice, code: "Q01", name: "华兴机械制造有限公司" });
  await seedUser(s, {
    username: "s5.organiser",
    grants: [{ role: "organiser", organisation: safetyOffice }],
  });
  await seedUser(s, { username: "q01.head", grants: [{ role: "unit_head", organisation: q01 }] });
  const version = await seedSchemeVersion(s, safetyOffice, bundledSchemeSource("s05-safety-standardisation"));
  s5Campaign = await seedCampaign(s, {
    organiser: safetyOffice,
    schemeVersionId: version,
    year: 2026,
    name: "2026年度工贸企业安全生产标准化评定",
    stages: [
      { stage: "self_evaluation", closed: true },
      { stage: "review", open: true },
    ],
  });
  await seedUnit(s, s5Campaign, q01, { category: "JX", data: Q01_DATA, scores: Q01_SCORES });
}, 240_000);
afterAll(() => server?.close());

const as = (username: string): Promise<Session> => session(server.app, username);

describe("自评报告 (S7 S01, house style)", () => {
  let docx: Buffer;
  let printed: string;

  beforeAll(async () => {
    const response = await download(
      server.app,
      await as(school("S01").head),
      s7Url("self_evaluation_report", "S01"),
    );
    expect(response.status).toBe(200);
    expect(String(response.headers["content-type"])).toContain("wordprocessingml");
    expect(String(response.headers["content-disposition"])).toContain(
      encodeURIComponent(`S01 ${school("S01").name} 自评报告.docx`),
    );
    docx = response.content;
    printed = await printedText(docx, "docx");
  }, 60_000);

  it("prints the cover, the six sections, the figures and the evidence", () => {
    for (const text of [
      `${school("S01").name}自评报告`,
      "一、基本情况",
      "二、主要做法与成效",
      "三、存在问题",
      "四、整改措施与下一步打算",
      "五、自评得分表",
      "六、资料目录",
      "自评得分950.00分",
      "自评等次：达标",
      "校长持证上岗", // C4's narrative, under its first-level indicator
      "完善功能教室管理制度", // the unit's own 整改措施
      "S01校舍安全鉴定报告.pdf",
    ])
      expect(printed.replace(/ /g, "")).toContain(text);
    // No 空项 in S7: its report has no 空项分值 or 得分率 lines.
    expect(printed).not.toContain("空项分值");
  });

  it("numbers the body's pages “— 1 —” and leaves the cover unnumbered", () => {
    expect(printed).toMatch(/— ?1 ?—/);
    expect(printed).toMatch(/— ?2 ?—/);
    const footer = documentXml(docx, "word/footer1.xml") + documentXml(docx, "word/footer3.xml");
    expect(footer).toContain("— ");
    expect(documentXml(docx)).toContain('<w:pgNumType w:start="1"/>');
  });

  it("declares the GB/T 9704 fonts and sizes with fallbacks", () => {
    const styles = documentXml(docx, "word/styles.xml");
    const style = (id: string) =>
      new RegExp(`<w:style [^>]*w:styleId="${id}"[\\s\\S]*?</w:style>`).exec(styles)?.[0] ?? "";
    expect(style("KpTitle")).toContain('<w:sz w:val="44"/>');
    expect(style("KpTitle")).toContain('w:eastAsia="方正小标宋简体"');
    expect(style("KpBody")).toContain('<w:sz w:val="32"/>');
    expect(style("KpBody")).toContain('w:eastAsia="仿宋"');
    expect(style("KpHeading1")).toContain('w:eastAsia="黑体"');
    expect(style("KpHeading2")).toContain('w:eastAsia="楷体"');
    const fonts = documentXml(docx, "word/fontTable.xml");
    expect(fonts).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>');
    expect(fonts).toContain('<w:font w:name="仿宋"><w:altName w:val="仿宋_GB2312"/>');
    // A4 with the standard's margins: 37 mm top, 28 mm left.
    expect(documentXml(docx)).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(documentXml(docx)).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
  });
});

describe("自评报告 (S5 Q01: 空项 and 得分率)", () => {
  let docx: Buffer;
  let printed: string;

  beforeAll(async () => {
    const response = await download(
      server.app,
      await as("q01.head"),
      `/campaigns/${s5Campaign}/documents/self_evaluation_report?organisationId=${q01.id}`,
    );
    expect(response.status).toBe(200);
    docx = response.content;
    printed = await printedText(docx, "docx");
  }, 60_000);

  it("prints 空项分值, 实得分 and the 得分率 formula with its figures", () => {
    // Justified lines spread their characters: compare without spaces.
    const text = printed.replace(/ /g, "");
    expect(text).toContain("空项分值：100.00分；应得分900.00分；实得分792.50分。");
    expect(text).toContain("得分率=实得分÷(总分−空项分值)×100%=792.50÷(1000−100.00)×100%=88.06%");
    expect(text).toContain("换算得分：88.06%×1000÷100=880.56分。");
    expect(text).toContain("自评得分880.56分");
    expect(text).toContain("自评等次：安全生产标准化二级企业");
    const rows = tableRows(docx, 0);
    expect(rows).toContainEqual(["E04.2", "　重大危险源管理", "40", "40", "—", "空项（不适用），不计分"]);
    expect(rows.at(-1)).toEqual(["", "合计", "1000", "100.00", "792.50", ""]);
  });

  it("keeps its structure", () => {
    const lines = outline(docx);
    expect(lines.filter((l) => !l.startsWith("KpBody"))).toMatchSnapshot();
    expect(lines).toContain("TABLE | 编号 | 评定项目 | 分值 | 空项分值 | 实得分 | 扣分原因");
  });
});

describe("评审评分表", () => {
  it("prints the lead expert's entries for a drawn school", async () => {
    const lead = driver.state.assignments.S03![0]!;
    const response = await download(server.app, await as(lead), s7Url("score_sheet", "S03"));
    expect(response.status).toBe(200);
    const lines = outline(response.content);
    expect(lines).toContain("TABLE | 编号 | 评估指标 | 分值 | 评分标准 | 得分 | 扣分原因/发现的问题");
    const printed = await printedText(response.content, "docx");
    const text = printed.replace(/ /g, "");
    // E1 as the expert scored it on site, with the finding's reason; the sheet's total.
    expect(text).toMatch(/E1教育教学质量50[^0-9]{0,60}37\.50/);
    expect(text).toContain("教育教学质量核减2分");
    for (const line of [school("S03").name, "评审专家（签名）", "898.00", "—1—"])
      expect(text).toContain(line);
  }, 60_000);

  it("is blank for the organiser, and refused to other experts and to the school", async () => {
    const organiser = await download(
      server.app,
      await as(driver.state.organiser),
      s7Url("score_sheet", "S03"),
    );
    expect(organiser.status).toBe(200);
    expect(outline(organiser.content).join("\n")).not.toContain("37.50");
    const others = Object.keys(driver.state.experts).filter(
      (e) => !driver.state.assignments.S03!.includes(e),
    );
    for (const username of [others[0]!, school("S03").head]) {
      const refused = await download(server.app, await as(username), s7Url("score_sheet", "S03"));
      expect(refused.status).toBe(403);
    }
  });
});

describe("who may read a unit's documents", () => {
  it("refuses another school's head, and needs organisationId for a unit kind", async () => {
    const other = await download(
      server.app,
      await as(school("S02").head),
      s7Url("self_evaluation_report", "S01"),
    );
    expect(other.status).toBe(403);
    const organiser = await as(driver.state.organiser);
    expect((await download(server.app, organiser, s7Url("self_evaluation_report", "S01"))).status).toBe(200);
    const missing = await download(
      server.app,
      organiser,
      `/campaigns/${driver.state.campaignId}/documents/self_evaluation_report`,
    );
    expect(missing.status).toBe(400);
    const unknown = await download(server.app, organiser, s7Url("no_such_kind", "S01"));
    expect(unknown.status).toBe(404);
  });
});

/** A template written with the docx library: each string a paragraph, each string array a table row. */
function template(blocks: ReadonlyArray<string | string[]>): Promise<Buffer> {
  const children = blocks.map((b) =>
    typeof b === "string"
      ? new Paragraph(b)
      : new Table({
          rows: [new TableRow({ children: b.map((c) => new TableCell({ children: [new Paragraph(c)] })) })],
        }),
  );
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

describe("an organiser's own template", () => {
  const office = () => driver.state.officeId;
  const templateUrl = () => `/organisations/${office()}/document-templates/self_evaluation_report`;
  let organiser: ApiClient;

  beforeAll(async () => {
    organiser = await ApiClient.login(server.app, driver.state.organiser);
  });

  const upload = async (blocks: ReadonlyArray<string | string[]>) => {
    const { body, headers } = multipart("我局自评报告模板.docx", await template(blocks));
    return organiser.request("PUT", templateUrl(), body, headers);
  };

  it("lists the kinds with their placeholders", async () => {
    const kinds = await organiser.get("/document-kinds");
    expect(kinds.status).toBe(200);
    const report = kinds.body.find((k: { code: string }) => k.code === "self_evaluation_report");
    expect(report.scope).toBe("unit");
    expect(report.placeholders).toContainEqual({
      path: "indicators.score",
      field: "score",
      type: "text",
      description: "自评得分（实得分；空项为“—”）",
    });
    expect(report.placeholders).toContainEqual(
      expect.objectContaining({ path: "practices.items", type: "list" }),
    );
  });

  it("names the placeholder at fault, and a loop never closed", async () => {
    const wrong = await upload(["单位：{unitName}", "总分：{totalScroe}"]);
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe("invalid_template");
    expect(wrong.body.error.details).toEqual([
      {
        path: "正文第2段（“总分：{totalScroe}”）",
        message: expect.stringContaining("模板中的占位符 {totalScroe} 不存在"),
      },
    ]);
    const unclosed = await upload(["{#indicators}{code} {name}"]);
    expect(unclosed.status).toBe(422);
    expect(unclosed.body.error.details[0].message).toContain("循环 {#indicators} 没有结束标记 {/indicators}");
    const inner = await upload(["{#evidence}{code}{nope}{/evidence}"]);
    expect(inner.body.error.details[0].message).toContain("{nope} 不存在（在循环 {#evidence} 内）");
    expect((await organiser.get(`/organisations/${office()}/document-templates`)).body).toEqual([]);
  });

  it("fills a good template, with a paragraph loop and a table-row loop, for the office's campaigns", async () => {
    const saved = await upload([
      "{unitName}自评材料（本局格式）",
      "总分：{total}{#graded}，等次：{grade}{/graded}",
      "{#practices}",
      "【{code} {name}】{#items}{text}{/items}",
      "{/practices}",
      ["{#indicators}{code}", "{name}", "{max}", "{score}{/indicators}"],
    ]);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ kind: "self_evaluation_report", fileName: "我局自评报告模板.docx" });
    const listed = await organiser.get(`/organisations/${office()}/document-templates`);
    expect(listed.body.map((t: { kind: string }) => t.kind)).toEqual(["self_evaluation_report"]);

    const head = await as(school("S01").head);
    const filled = await download(server.app, head, s7Url("self_evaluation_report", "S01"));
    expect(filled.status).toBe(200);
    const printed = await printedText(filled.content, "docx");
    expect(printed).toContain(`${school("S01").name}自评材料（本局格式）`);
    expect(printed).toContain("总分：950.00，等次：达标");
    // The paragraph loop: one group per first-level indicator with a narrative, C4's under 【C 教师队伍】.
    expect(printed).toContain("【C 教师队伍】校长持证上岗");
    // The table-row loop: one row per indicator, A1.2 with its 分值 among them.
    expect(printed).toContain("A1.2 学校布局与办学规模 20 18.00");
    expect(printed).toContain("E1 教育教学质量 50 44.00");

    const removed = await organiser.delete(templateUrl());
    expect(removed.status).toBe(204);
    const house = await download(server.app, head, s7Url("self_evaluation_report", "S01"));
    expect(outline(house.content)).toContain(`KpTitle | ${school("S01").name}自评报告`);
  }, 60_000);

  it("gives organisers a starter template that passes its own check", async () => {
    const starter = await download(
      server.app,
      await as(driver.state.organiser),
      "/document-kinds/self_evaluation_report/starter-template",
    );
    expect(starter.status).toBe(200);
    const { body, headers } = multipart("starter.docx", starter.content);
    const saved = await organiser.request("PUT", templateUrl(), body, headers);
    expect(saved.body.error?.details ?? []).toEqual([]);
    expect(saved.status).toBe(200);
    expect((await organiser.delete(templateUrl())).status).toBe(204);
    const refused = await download(
      server.app,
      await as(school("S01").head),
      "/document-kinds/self_evaluation_report/starter-template",
    );
    expect(refused.status).toBe(403);
  });
});
