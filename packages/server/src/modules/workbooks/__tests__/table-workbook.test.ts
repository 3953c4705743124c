/**
 * A free-row base-data table (one row per school) through its own workbook: the template, a 10,000-row file
 * imported with the streaming reader in batches, the same file again changing nothing, a changed file (an edited and
 * a removed row) writing only those, a stale file refused at its cell, and a file with errors refused whole.
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "../../../http/in-process-client.js";
import { type SeededOrganisation, seedOrganisation, seedUser } from "../../../testing/fixtures.js";
import { printedText } from "../../../testing/libreoffice.js";
import { startTestServer, type TestServer } from "../../../testing/test-services.js";
import { seedCampaign, seedSchemeVersion, seedUnit } from "../../review/__tests__/campaign-fixture.js";

const SCHEME = `
code: school-survey
name: 学校情况调查
version: "2026"
issuer: 县教育局
indicators:
  - { code: A1, name: 学校建设, max: 10, method: { type: manual } }
tables:
  - code: S1
    name: 学校基本情况表
    columns:
      - { code: name, name: 学校名称, type: text, required: true }
      - { code: students, name: 在校生数, type: integer, unit: 人, min: 0, required: true }
      - { code: area, name: 校舍面积, type: number, unit: 平方米, min: 0 }
`;
const ROWS = 10_000;

let server: TestServer;
let county: SeededOrganisation;
let campaignId: string;
let head: ApiClient;
const url = (rest: string) =>
  `/campaigns/${campaignId}/self-evaluations/${county.id}/tables/S1/workbook${rest}`;

beforeAll(async () => {
  server = await startTestServer();
  const s = server.services;
  const city = await seedOrganisation(s, { code: "city", name: "玉溪市", kind: "市" });
  county = await seedOrganisation(s, { parent: city, code: "county", name: "元江县", kind: "县" });
  await seedUser(s, { username: "head", grants: [{ role: "unit_head", organisation: county }] });
  const version = await seedSchemeVersion(s, city, SCHEME);
  campaignId = await seedCampaign(s, {
    organiser: city,
    schemeVersionId: version,
    year: 2026,
    stages: [{ stage: "self_evaluation", open: true }, { stage: "review" }],
  });
  await seedUnit(s, campaignId, county, { status: "draft" });
  head = await ApiClient.login(server.app, "head");
}, 60_000);
afterAll(() => server.close());

async function load(content: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(content).buffer);
  return workbook;
}

const dataSheet = (workbook: ExcelJS.Workbook) => workbook.getWorksheet("S1 学校基本情况表")!;
const bytes = async (workbook: ExcelJS.Workbook) => Buffer.from(await workbook.xlsx.writeBuffer());

function upload(content: Buffer) {
  const boundary = `----kaoping${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="s1.xlsx"\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return head.request("POST", url(""), body, { "content-type": `multipart/form-data; boundary=${boundary}` });
}

async function stored() {
  const db = server.services.db;
  const rows = await db
    .selectFrom("base_data_rows")
    .select(["row_key", "cells", "version"])
    .where("table_code", "=", "S1")
    .orderBy("row_key")
    .execute();
  const table = await db
    .selectFrom("base_data_tables")
    .select("version")
    .where("table_code", "=", "S1")
    .executeTakeFirst();
  const audit = await db
    .selectFrom("audit_log")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return { rows, version: table?.version ?? 0, audit: Number(audit.n) };
}

const key = (i: number) => `5304${String(i).padStart(6, "0")}`;
let template: Buffer;
let big: Buffer;

describe("a base-data table's own workbook", () => {
  it("exports a template with headers, validation and instructions, opened by LibreOffice", async () => {
    const res = await head.request("GET", url(""));
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    template = res.raw;
    const workbook = await load(template);
    expect(workbook.worksheets.map((s) => [s.name, s.state])).toEqual([
      ["填报说明", "visible"],
      ["S1 学校基本情况表", "visible"],
      ["_kaoping", "veryHidden"],
    ]);
    const sheet = dataSheet(workbook);
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual([
      "行代码",
      "学校名称*",
      "在校生数（人）*",
      "校舍面积（平方米）",
    ]);
    expect(sheet.getCell("C3").dataValidation).toMatchObject({
      type: "whole",
      operator: "greaterThanOrEqual",
      formulae: [0],
    });
    expect(sheet.getCell("D1002").dataValidation).toMatchObject({ type: "decimal" });
    const text = await printedText(template, "xlsx");
    for (const expected of ["学校基本情况表 填报模板", "元江县", "行代码", "在校生数（人）*"])
      expect(text).toContain(expected);
  }, 60_000);

  it(`imports ${ROWS} rows streamed in batches`, async () => {
    const workbook = await load(template);
    const sheet = dataSheet(workbook);
    for (let i = 0; i < ROWS; i++)
      sheet.getRow(3 + i).values = [key(i), `第${i}小学`, 100 + (i % 900), 1000.5 + i];
    big = await bytes(workbook);
    const res = await upload(big);
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
    expect(res.body).toEqual({
      tableCode: "S1",
      rows: ROWS,
      rowsWritten: ROWS,
      rowsDeleted: 0,
      rowsUnchanged: 0,
      version: 1,
    });
    const after = await stored();
    expect(after.rows).toHaveLength(ROWS);
    expect(after.rows[7]).toMatchObject({
      row_key: key(7),
      cells: { name: "第7小学", students: 107, area: 1007.5 },
    });
  }, 120_000);

  it("imports the same file again without changing anything", async () => {
    const before = await stored();
    const res = await upload(big);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rowsWritten: 0, rowsDeleted: 0, rowsUnchanged: ROWS, version: 1 });
    expect(await stored()).toEqual(before);
  }, 120_000);

  it("refuses a stale file that changes rows, naming the first changed row", async () => {
    const workbook = await load(big);
    dataSheet(workbook).getCell("C10").value = 999; // row of key(7)
    const before = await stored();
    const res = await upload(await bytes(workbook));
    expect(res.status).toBe(409);
    expect(res.body.error.details[0].path).toBe("S1 学校基本情况表!A10");
    expect(await stored()).toEqual(before);
  }, 120_000);

  it("writes only the changed and removed rows of a fresh file", async () => {
    const fresh = await load((await head.request("GET", url(""))).raw);
    const sheet = dataSheet(fresh);
    expect(sheet.rowCount).toBeGreaterThanOrEqual(ROWS + 2);
    sheet.getCell("C10").value = 999;
    sheet.spliceRows(11, 1);
    const res = await upload(await bytes(fresh));
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
    const after = await stored();
    expect(res.body).toMatchObject({ rows: ROWS - 1, rowsWritten: 1, rowsDeleted: 1, version: 2 });
    expect(after.rows.find((r) => r.row_key === key(7))).toMatchObject({
      cells: { students: 999 },
      version: 2,
    });
    expect(after.rows.find((r) => r.row_key === key(8))).toBeUndefined();
    expect(after.rows.find((r) => r.row_key === key(9))).toMatchObject({ version: 1 });
    // Chinese text survives the streaming reader whole, wherever the file's chunks split it.
    expect(after.rows.filter((r) => (r.cells as { name: string }).name.includes("\ufffd"))).toEqual([]);
  }, 120_000);

  it("refuses a file with errors anywhere, each located, and changes nothing", async () => {
    const workbook = await load((await head.request("GET", url(""))).raw);
    const sheet = dataSheet(workbook);
    sheet.getCell("C5").value = -3; // below 0
    sheet.getCell("D6").value = "很大"; // text in a number column
    sheet.getCell("B7").value = null; // required
    sheet.getCell("A9").value = key(0); // duplicate of row 3
    sheet.getCell("C9000").value = 1.5; // not whole
    sheet.getCell("A9500").value = key(1); // duplicate of row 4, found by a later batch's statement
    const before = await stored();
    const res = await upload(await bytes(workbook));
    expect(res.status).toBe(422);
    const details: Array<{ path: string; message: string }> = res.body.error.details;
    const at = (cell: string) => `S1 学校基本情况表!${cell}`;
    expect(details.map((d) => d.path)).toEqual([
      at("C5"),
      at("D6"),
      at("B7"),
      at("A9"),
      at("C9000"),
      at("A9500"),
    ]);
    expect(details[3]!.message).toContain("also on row 3");
    expect(details[5]!.message).toContain("also on row 4");
    expect(await stored()).toEqual(before);
  }, 120_000);
});
