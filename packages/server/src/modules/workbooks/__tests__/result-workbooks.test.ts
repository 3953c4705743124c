/**
 * Result exports on S4 县总工会年度考评 driven to 汇总定级: the first run's ranking (the hand-worked order of
 * src/__tests__/s4-campaign.test.ts, T03 placed 先进 by the quota, the vetoed units named), the campaign's score
 * matrix, and the evidence catalogue the archive embeds — each opened by LibreOffice.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { S4Driver } from "../../../demo/drive-s4.js";
import { ApiClient } from "../../../http/in-process-client.js";
import { s4Driver } from "../../../testing/demo-drivers.js";
import { printedText } from "../../../testing/libreoffice.js";
import { startTestServer, type TestServer } from "../../../testing/test-services.js";
import { plainCellValue } from "../../../workbooks/cell-value.js";
import { evidenceCatalogueWorkbook } from "../../../workbooks/evidence-catalogue.js";

let server: TestServer;
let driver: S4Driver;
let admin: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  driver = await s4Driver(server, { year: 2026 });
  await driver.runUntil("grading");
  admin = await ApiClient.login(server.app, "admin");
}, 120_000);
afterAll(() => server?.close());

async function load(content: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(content).buffer);
  return workbook.worksheets[0]!;
}

const rowValues = (sheet: ExcelJS.Worksheet, r: number) =>
  (sheet.getRow(r).values as ExcelJS.CellValue[]).slice(1).map((v) => plainCellValue(v));

describe("result workbooks", () => {
  it("exports a run's ranking: order, totals, grades, quota places and vetoes", async () => {
    const res = await admin.request("GET", `/grading-runs/${driver.state.firstRunId}/ranking.xlsx`);
    expect(res.status).toBe(200);
    expect(String(res.headers["content-disposition"])).toContain("filename*=UTF-8''");
    const sheet = await load(res.raw);
    expect(rowValues(sheet, 2)).toEqual([
      "名次",
      "单位代码",
      "单位名称",
      "类别",
      "总分",
      "得分率（%）",
      "加分",
      "等次",
      "名额位次",
      "否决事项",
    ]);
    const rows = Array.from({ length: 14 }, (_, i) => rowValues(sheet, 3 + i));
    expect(rows.map((r) => [r[0], r[1], r[4]])).toEqual([
      [1, "T01", 94.85],
      [2, "D01", 92],
      [3, "T02", 90.85],
      [4, "T05", 89.31],
      [5, "D07", 88.42],
      [6, "T03", 87.55],
      [6, "D02", 87.55],
      [8, "T04", 85.23],
      [9, "D03", 83.28],
      [10, "K01", 82.23],
      [11, "T07", 81],
      [12, "T06", 80],
      [13, "D04", 79.23],
      [14, "D05", 75.23],
    ]);
    expect(sheet.getCell("E3").numFmt).toBe("0.00");
    const t03 = rows.find((r) => r[1] === "T03")!;
    expect(String(t03[8])).toMatch(/^先进单位：第5名（名额5个/);
    expect(String(rows.find((r) => r[1] === "T05")![9])).not.toBe("");
    const text = await printedText(res.raw, "xlsx");
    for (const expected of ["排名表", "94.85", "先进单位", "T03"]) expect(text).toContain(expected);
  }, 60_000);

  it("exports the campaign's score matrix with first-level subtotals", async () => {
    const res = await admin.request("GET", `/campaigns/${driver.state.campaignId}/scores.xlsx`);
    expect(res.status).toBe(200);
    const sheet = await load(res.raw);
    const header = rowValues(sheet, 2).map(String);
    expect(header.slice(0, 2)).toEqual(["单位代码", "单位名称"]);
    expect(header.slice(-2)).toEqual(["总分", "等次"]);
    expect(header.length).toBeGreaterThan(4);
    expect(rowValues(sheet, 3)[0]).toBe("T01");
    expect(rowValues(sheet, 3).at(-2)).toBe(94.85);
    const text = await printedText(res.raw, "xlsx");
    for (const expected of ["得分矩阵", "T01", "94.85"]) expect(text).toContain(expected);
  }, 60_000);

  it("writes the evidence catalogue with names kept as text", async () => {
    const content = await evidenceCatalogueWorkbook([
      {
        indicatorCode: "A1.1",
        indicatorName: "安全管理制度",
        fileName: '=HYPERLINK("http://x").pdf',
        size: 2048,
        uploadedAt: new Date("2026-03-01T01:30:00Z"),
        uploadedBy: "张三",
      },
      {
        indicatorCode: "A1.2",
        indicatorName: "隐患排查",
        fileName: "校舍安全鉴定报告.pdf",
        size: 1_536_000,
        uploadedAt: new Date("2026-03-02T08:00:00Z"),
        uploadedBy: "李四",
      },
    ]);
    const sheet = await load(content);
    expect(rowValues(sheet, 2)).toEqual([
      "序号",
      "指标代码",
      "指标名称",
      "文件名",
      "大小（KB）",
      "上传时间",
      "上传人",
    ]);
    expect(rowValues(sheet, 3)).toEqual([
      1,
      "A1.1",
      "安全管理制度",
      '\'=HYPERLINK("http://x").pdf',
      2,
      "2026-03-01 09:30",
      "张三",
    ]);
    expect(rowValues(sheet, 4)[4]).toBe(1500);
    const zip = await JSZip.loadAsync(content);
    expect(await zip.file("xl/worksheets/sheet1.xml")!.async("string")).not.toContain("<f>");
    const text = await printedText(content, "xlsx");
    for (const expected of ["资料目录", "校舍安全鉴定报告.pdf", "HYPERLINK", "2026-03-02 16:00"])
      expect(text).toContain(expected);
  }, 60_000);
});
