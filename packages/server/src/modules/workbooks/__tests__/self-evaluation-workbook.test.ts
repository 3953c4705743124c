/**
 * The offline self-evaluation workbook of 元江县 (S2): exported, filled in with exceljs as a person would, imported
 * (inputs, narratives and tables stored, the live score the seed's 91.50), the same file re-saved by LibreOffice
 * importing identically, a second import changing nothing, a file with many errors refused whole with each error
 * located, a stale file refused as a conflict, and user text that looks like a formula kept as text.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "../../../http/in-process-client.js";
import { convertWithLibreOffice, printedText } from "../../../testing/libreoffice.js";
import { startTestServer, type TestServer } from "../../../testing/test-services.js";
import { plainCellValue } from "../../../workbooks/cell-value.js";
import {
  COUNTY_TABLES,
  type SelfEvaluationFixture,
  seedS2Campaign,
  YUANJIANG_SCORES,
} from "../../self-evaluations/__tests__/fixture.js";

let server: TestServer;
let first: SelfEvaluationFixture;
let second: SelfEvaluationFixture;
let exported: Buffer;
let filled: Buffer;

beforeAll(async () => {
  server = await startTestServer();
  first = await seedS2Campaign(server.services);
  second = await seedS2Campaign(server.services);
  const head = await ApiClient.login(server.app, "head-1");
  const res = await head.request("GET", first.url(first.county, "/workbook"));
  expect(res.status).toBe(200);
  exported = res.raw;
  filled = await fillIn(exported);
}, 60_000);
afterAll(() => server.close());

async function load(content: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(content).buffer);
  return workbook;
}

/** The row whose column A holds `code`, on any sheet. */
function rowOf(workbook: ExcelJS.Workbook, code: string): ExcelJS.Row {
  for (const sheet of workbook.worksheets) {
    for (let r = 1; r <= sheet.rowCount; r++) {
      if (plainCellValue(sheet.getRow(r).getCell(1).value) === code) return sheet.getRow(r);
    }
  }
  throw new Error(`no row ${code}`);
}

/** Fills the workbook with 元江县's inputs, tables and narratives, as a person would in Excel. */
async function fillIn(content: Buffer): Promise<Buffer> {
  const workbook = await load(content);
  const set = (code: string, column: number, value: ExcelJS.CellValue) => {
    rowOf(workbook, code).getCell(column).value = value;
  };
  for (const [code, input] of Object.entries(YUANJIANG_SCORES)) {
    if (typeof input === "number") set(code, 5, input);
    else if (typeof input === "boolean") set(code, 5, input ? "是" : "否");
    else if ("checked" in (input as object)) {
      const checked = (input as { checked: string[] }).checked;
      const sheet = rowOf(workbook, code).worksheet;
      for (let r = 1; r <= sheet.rowCount; r++) {
        const a = String(plainCellValue(sheet.getRow(r).getCell(1).value) ?? "");
        if (a.startsWith(`${code}/`))
          sheet.getRow(r).getCell(5).value = checked.includes(a.slice(code.length + 1)) ? "是" : "否";
      }
    } else {
      const sheet = rowOf(workbook, code).worksheet;
      for (let r = 1; r <= sheet.rowCount; r++) {
        const a = String(plainCellValue(sheet.getRow(r).getCell(1).value) ?? "");
        if (a.startsWith(`${code}/`)) sheet.getRow(r).getCell(5).value = 0;
      }
    }
  }
  set("B1.1", 7, "=1+1");
  set("B1.2", 7, "@SUM(A1)");
  set("B2.3", 7, "建立了 OA 系统，经费 100% 落实");
  for (const [code, rows] of Object.entries(COUNTY_TABLES)) {
    const sheet = workbook.worksheets.find((s) => s.name.startsWith(`${code} `))!;
    for (let r = 3; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const key = String(plainCellValue(row.getCell(1).value));
      const cells = (rows as Record<string, Record<string, number>>)[key];
      if (cells === undefined) continue;
      const headers = sheet.getRow(2).values as string[];
      Object.values(cells).forEach((value, i) => {
        row.getCell(3 + i).value = value;
      });
      expect(headers.length).toBeGreaterThan(3);
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function upload(client: ApiClient, url: string, content: Buffer) {
  const boundary = `----kaoping${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="填报表.xlsx"\r\n` +
        "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n",
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return client.request("POST", url, body, { "content-type": `multipart/form-data; boundary=${boundary}` });
}

async function storedState(f: SelfEvaluationFixture) {
  const db = server.services.db;
  const evaluation = await db
    .selectFrom("self_evaluations")
    .selectAll()
    .where("campaign_id", "=", f.campaignId)
    .where("organisation_id", "=", f.county.id)
    .executeTakeFirstOrThrow();
  const items = await db
    .selectFrom("self_evaluation_items")
    .select(["indicator_code", "input", "narrative", "version"])
    .where("self_evaluation_id", "=", evaluation.id)
    .orderBy("indicator_code")
    .execute();
  const rows = await db
    .selectFrom("base_data_rows")
    .select(["table_code", "row_key", "cells", "version"])
    .where("self_evaluation_id", "=", evaluation.id)
    .orderBy("table_code")
    .orderBy("row_key")
    .execute();
  const tables = await db
    .selectFrom("base_data_tables")
    .select(["table_code", "version"])
    .where("self_evaluation_id", "=", evaluation.id)
    .orderBy("table_code")
    .execute();
  const audit = await db
    .selectFrom("audit_log")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return { version: evaluation.version, data: evaluation.data, items, rows, tables, audit: Number(audit.n) };
}

describe("the offline self-evaluation workbook", () => {
  it("has a pinned structure: sheets, headers, validations and locked cells", async () => {
    const workbook = await load(exported);
    const outline = workbook.worksheets.map((sheet) => {
      const validations: Record<string, number> = {};
      const locked = { input: 0, label: 0 };
      sheet.eachRow({ includeEmpty: true }, (row) =>
        row.eachCell({ includeEmpty: true }, (cell) => {
          const v = cell.dataValidation;
          if (v?.type) validations[v.type] = (validations[v.type] ?? 0) + 1;
          if (cell.protection?.locked === false) locked.input++;
          else locked.label++;
        }),
      );
      return {
        name: sheet.name,
        state: sheet.state,
        // (the hidden versions sheet holds ids that differ on every run)
        header:
          sheet.name === "_kaoping"
            ? null
            : (sheet.getRow(2).values as unknown[])
                .slice(1)
                .map((v) => plainCellValue(v as ExcelJS.CellValue)),
        validations,
        unlocked: locked.input,
        protected: (sheet as unknown as { sheetProtection: object | null }).sheetProtection !== null,
      };
    });
    expect(outline).toMatchSnapshot();
    const b11 = rowOf(workbook, "B1.1");
    expect(b11.getCell(5).dataValidation).toMatchObject({
      type: "decimal",
      operator: "between",
      formulae: [0, 5],
    });
    expect(b11.getCell(5).protection?.locked).toBe(false);
    expect(b11.getCell(1).protection?.locked).not.toBe(false); // locked is the default
    const rule = rowOf(workbook, "B2.2/not-collected");
    expect(rule.getCell(5).dataValidation?.type).toBe("whole");
  });

  it("is opened by LibreOffice, which prints its instructions and indicators", async () => {
    const text = await printedText(exported, "xlsx");
    for (const expected of ["自评离线填报表", "元江县", "填报截止", "B1.1", "自评说明", "适龄人口"])
      expect(text).toContain(expected);
  }, 60_000);

  it("imports the filled file: inputs, narratives and tables stored, the seed's score computed", async () => {
    const head = await ApiClient.login(server.app, "head-1");
    const res = await upload(head, first.url(first.county, "/workbook"), filled);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.itemsChanged).toEqual(expect.arrayContaining(Object.keys(YUANJIANG_SCORES)));
    expect(res.body.tablesChanged).toEqual(["T1", "T2", "T3"]);
    const view = (await head.get(first.url(first.county))).body;
    expect(view.problems).toEqual([]);
    expect(view.score).toMatchObject({ total: "91.50", grade: "qualified", vetoes: ["V1"] });
    const narrative = (code: string) => view.items.find((i: { code: string }) => i.code === code).narrative;
    expect(narrative("B1.1")).toBe("=1+1");
    expect(narrative("B1.2")).toBe("@SUM(A1)");
  });

  it("a second import of the same file changes nothing: no versions, no audit entries", async () => {
    const head = await ApiClient.login(server.app, "head-1");
    const before = await storedState(first);
    const res = await upload(head, first.url(first.county, "/workbook"), filled);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ itemsChanged: [], dataChanged: false, tablesChanged: [] });
    expect(await storedState(first)).toEqual(before);
  });

  it("writes formula-like narratives as text: no formula in the XML, LibreOffice prints the literal text", async () => {
    const head = await ApiClient.login(server.app, "head-1");
    const again = (await head.request("GET", first.url(first.county, "/workbook"))).raw;
    const zip = await JSZip.loadAsync(again);
    const sheets = Object.keys(zip.files).filter((n) => /xl\/worksheets\/sheet\d+\.xml/.test(n));
    for (const name of sheets) expect(await zip.file(name)!.async("string")).not.toContain("<f>");
    const text = await printedText(again, "xlsx");
    expect(text).toContain("=1+1");
    expect(text).toContain("@SUM(A1)");
  }, 60_000);

  it("imports the same file re-saved by LibreOffice identically (rich text flattened)", async () => {
    const resaved = await convertWithLibreOffice(filled, "xlsx", "xlsx");
    // The file was exported for 元江县 of the first campaign: re-point it at the second's, as its export would be.
    const workbook = await load(resaved);
    const meta = workbook.getWorksheet("_kaoping")!;
    meta.getRow(2).getCell(2).value = second.campaignId;
    meta.getRow(3).getCell(2).value = second.county.id;
    const head = await ApiClient.login(server.app, "head-2");
    const res = await upload(
      head,
      second.url(second.county, "/workbook"),
      Buffer.from(await workbook.xlsx.writeBuffer()),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const a = await storedState(first);
    const b = await storedState(second);
    const shape = (s: typeof a) => ({
      items: s.items.map((i) => [i.indicator_code, i.input, i.narrative]),
      rows: s.rows.map((r) => [r.table_code, r.row_key, r.cells]),
    });
    expect(shape(b)).toEqual(shape(a));
    expect((await head.get(second.url(second.county))).body.score).toMatchObject({ total: "91.50" });
  }, 60_000);

  it("refuses a file with many errors, each located, and changes nothing", async () => {
    const head = await ApiClient.login(server.app, "head-1");
    const workbook = await load(filled);
    rowOf(workbook, "B1.1").getCell(5).value = 7; // above 5
    rowOf(workbook, "B2.3").getCell(5).value = "六分"; // text in a number cell
    rowOf(workbook, "B4.2").getCell(5).value = "也许"; // not 是/否
    rowOf(workbook, "B3.2").getCell(5).value = 6.3; // not a multiple of the step 0.5
    rowOf(workbook, "B4.1").getCell(1).value = "B9.9"; // unknown indicator
    workbook.addWorksheet("我的草稿");
    const before = await storedState(first);
    const res = await upload(
      head,
      first.url(first.county, "/workbook"),
      Buffer.from(await workbook.xlsx.writeBuffer()),
    );
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("invalid_workbook");
    const details: Array<{ path: string; message: string }> = res.body.error.details;
    const paths = details.map((d) => d.path);
    const sheetOf = (code: string) => rowOf(workbook, code).worksheet.name;
    const at = (code: string, column: string) => `${sheetOf(code)}!${column}${rowOf(workbook, code).number}`;
    expect(paths).toEqual(
      expect.arrayContaining([
        at("B1.1", "E"),
        at("B2.3", "E"),
        at("B4.2", "E"),
        at("B3.2", "E"),
        "我的草稿!A1",
      ]),
    );
    expect(paths.some((p) => p.startsWith(`${sheetOf("B9.9")}!A`))).toBe(true);
    expect(details.find((d) => d.path === at("B1.1", "E"))!.message).toContain("0至5");
    expect(await storedState(first)).toEqual(before);
  });

  it("refuses a stale file that changes an item someone changed since, naming its cell", async () => {
    const head = await ApiClient.login(server.app, "head-1");
    const fresh = (await head.request("GET", first.url(first.county, "/workbook"))).raw;
    const view = (await head.get(first.url(first.county))).body;
    const b41 = view.items.find((i: { code: string }) => i.code === "B4.1");
    expect(
      (await head.put(first.url(first.county, "/items/B4.1"), { version: b41.version, input: 4 })).status,
    ).toBe(200);
    const workbook = await load(fresh);
    rowOf(workbook, "B4.1").getCell(5).value = 3;
    const before = await storedState(first);
    const res = await upload(
      head,
      first.url(first.county, "/workbook"),
      Buffer.from(await workbook.xlsx.writeBuffer()),
    );
    expect(res.status).toBe(409);
    const row = rowOf(workbook, "B4.1");
    expect(res.body.error.details).toEqual([
      { path: `${row.worksheet.name}!E${row.number}`, message: expect.stringContaining("B4.1") },
    ]);
    expect(await storedState(first)).toEqual(before);
  });

  it("is not given to a reviewer, nor imported by an organiser", async () => {
    const reviewer = await ApiClient.login(server.app, "reviewer-1");
    expect((await reviewer.request("GET", first.url(first.county, "/workbook"))).status).toBe(403);
    const organiser = await ApiClient.login(server.app, "organiser-1");
    expect((await organiser.request("GET", first.url(first.county, "/workbook"))).status).toBe(200);
    expect((await upload(organiser, first.url(first.county, "/workbook"), filled)).status).toBe(403);
  });
});
