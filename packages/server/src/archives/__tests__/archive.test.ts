/**
 * Evidence archives (电子化分类入盒) on the S7 demo campaign driven to 单位自评 (each school uploaded one PDF for
 * A4 校舍安全): S01 gets two more files — one with the same name at A4, one text file at B1 — and S02 a file at A4.
 * The unit's ZIP has a folder per indicator with the files byte for byte, the duplicate renamed, the catalogue
 * and the report (which LibreOffice opens); the campaign's ZIP has a folder per school; and a unit with 50 MB of
 * evidence streams through HTTP with the server's memory growing far less than the archive.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type S7Driver, tinyPdf } from "../../demo/drive-s7.js";
import { ApiClient, TEST_PASSWORD } from "../../http/in-process-client.js";
import { collectGarbage } from "../../testing/collect-garbage.js";
import { s7Driver } from "../../testing/demo-drivers.js";
import { downloadAs } from "../../testing/download.js";
import { convertWithLibreOffice, pdfText } from "../../testing/libreoffice.js";
import { startTestServer, type TestServer } from "../../testing/test-services.js";
import { testZip, zipEntries, zipEntry } from "../../testing/unzip.js";
import { kilobytes } from "../../workbooks/evidence-catalogue.js";
import { seedEvidence } from "./seed-evidence.js";

let server: TestServer;
let driver: S7Driver;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "kaoping-archive-"));
const school = (code: string) => driver.state.schools[code]!;
const NOTE = Buffer.from("学校安全工作会议记录\n2026年3月\n", "utf8");
const SECOND_PDF = tinyPdf("second appraisal");

beforeAll(async () => {
  server = await startTestServer({ jobs: { worker: false, staleSeconds: 60 } });
  driver = await s7Driver(server, { year: 2026 });
  await driver.runUntil("self_evaluation");
  const campaignId = driver.state.campaignId;
  await seedEvidence(server.services, {
    campaignId,
    organisationId: school("S01").id,
    indicatorCode: "A4",
    name: "S01校舍安全鉴定报告.pdf",
    content: SECOND_PDF,
    uploadedAt: new Date(server.services.clock.now().getTime() + 60_000),
  });
  await seedEvidence(server.services, {
    campaignId,
    organisationId: school("S01").id,
    indicatorCode: "B1",
    name: "=会议记录.txt",
    content: NOTE,
    contentType: "text/plain; charset=utf-8",
    uploadedAt: new Date(server.services.clock.now().getTime() + 120_000),
  });
}, 180_000);
afterAll(async () => {
  await server?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

async function download(username: string, url: string, file: string) {
  const response = await downloadAs(server.app, username, url);
  const target = path.join(work, file);
  fs.writeFileSync(target, response.body);
  return { ...response, file: target };
}

function cellTexts(sheet: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    const values = (row.values as unknown[]).slice(1).map((v) => {
      if (v === null || v === undefined) return "";
      if (v instanceof Date) return v.toISOString();
      if (typeof v === "object" && "richText" in v)
        return (v as { richText: Array<{ text: string }> }).richText.map((r) => r.text).join("");
      return String(v);
    });
    rows.push(values);
  });
  return rows;
}

describe("a unit's archive", () => {
  let zip: string;
  let entries: string[];

  beforeAll(async () => {
    const url = `/campaigns/${driver.state.campaignId}/self-evaluations/${school("S01").id}/archive`;
    const response = await download(driver.state.organiser, url, "s01.zip");
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("application/zip");
    expect(response.headers["content-disposition"]).toContain(encodeURIComponent("S01"));
    zip = response.file;
    entries = zipEntries(zip);
  }, 60_000);

  it("has a folder per indicator with its files, the duplicate renamed, the catalogue and the report", () => {
    testZip(zip);
    expect(entries).toEqual([
      "A4 校舍安全/S01校舍安全鉴定报告.pdf",
      "A4 校舍安全/S01校舍安全鉴定报告 (2).pdf",
      "B1 功能教室/=会议记录.txt",
      "资料目录.xlsx",
      "自评报告.docx",
    ]);
  });

  it("keeps every file byte for byte", async () => {
    const first = await server.services.db
      .selectFrom("evidence_files")
      .select("sha256")
      .where("id", "=", driver.state.evidence.S01!)
      .executeTakeFirstOrThrow();
    const original = Buffer.concat(
      await (await server.services.storage.get(first.sha256)).toArray(),
    ) as Buffer;
    expect(zipEntry(zip, "A4 校舍安全/S01校舍安全鉴定报告.pdf").equals(original)).toBe(true);
    expect(zipEntry(zip, "A4 校舍安全/S01校舍安全鉴定报告 (2).pdf").equals(SECOND_PDF)).toBe(true);
    expect(zipEntry(zip, "B1 功能教室/=会议记录.txt").equals(NOTE)).toBe(true);
  });

  it("lists every file in the catalogue, user text guarded against formulas", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(zipEntry(zip, "资料目录.xlsx") as unknown as ExcelJS.Buffer);
    const text = workbook.worksheets.flatMap(cellTexts).map((row) => row.join("|"));
    const all = text.join("\n");
    for (const name of ["S01校舍安全鉴定报告.pdf", "S01校舍安全鉴定报告 (2).pdf", "'=会议记录.txt"])
      expect(all).toContain(name);
    expect(all).toContain("校舍安全");
    expect(all).toContain("功能教室");
    const rowOf = (name: string) => text.find((row) => row.split("|").includes(name)) ?? "";
    expect(rowOf("S01校舍安全鉴定报告 (2).pdf")).toContain("A4");
    expect(rowOf("S01校舍安全鉴定报告 (2).pdf")).toContain(kilobytes(SECOND_PDF.length));
    expect(rowOf("'=会议记录.txt")).toContain("B1");
  });

  it("holds the self-evaluation report, which LibreOffice opens", async () => {
    const pdf = await convertWithLibreOffice(zipEntry(zip, "自评报告.docx"), "docx", "pdf");
    const text = (await pdfText(pdf)).replace(/\s+/g, "");
    expect(text).toContain(school("S01").name);
    expect(text).toContain("自评");
  }, 120_000);

  it("is refused to a reviewer and to another school's head", async () => {
    const url = `/campaigns/${driver.state.campaignId}/self-evaluations/${school("S01").id}/archive`;
    const other = await ApiClient.login(server.app, school("S02").head);
    expect((await other.get(url)).status).toBe(403);
    const own = await ApiClient.login(server.app, school("S01").head);
    expect((await own.get(url)).status).toBe(200);
  });
});

describe("a campaign's archive", () => {
  it("has a folder per school holding its archive", async () => {
    const response = await download(
      driver.state.organiser,
      `/campaigns/${driver.state.campaignId}/archive`,
      "all.zip",
    );
    expect(response.status).toBe(200);
    testZip(response.file);
    const entries = zipEntries(response.file);
    const folders = [...new Set(entries.map((e) => e.split("/")[0]))];
    const schools = Object.values(driver.state.schools).sort((a, b) => a.code.localeCompare(b.code));
    expect(folders).toEqual(schools.map((s) => `${s.code} ${s.name}`));
    for (const s of schools) {
      expect(entries).toContain(`${s.code} ${s.name}/自评报告.docx`);
      expect(entries).toContain(`${s.code} ${s.name}/资料目录.xlsx`);
      expect(entries).toContain(`${s.code} ${s.name}/A4 校舍安全/${s.code}校舍安全鉴定报告.pdf`);
    }
    expect(entries).toContain(`S01 ${school("S01").name}/B1 功能教室/=会议记录.txt`);
  }, 120_000);
});

describe("a large archive", () => {
  it("streams 50 MB of evidence with the memory growing far less than the archive", async () => {
    const unit = school("S03");
    const files = 5;
    const size = 10 * 1024 * 1024;
    const digests: Buffer[] = [];
    for (let i = 0; i < files; i += 1) {
      const content = randomBytes(size);
      digests.push(content.subarray(0, 64));
      await seedEvidence(server.services, {
        campaignId: driver.state.campaignId,
        organisationId: unit.id,
        indicatorCode: "A1",
        name: `视频${i + 1}.mp4`,
        content,
        contentType: "video/mp4",
      });
    }
    const address = await server.app.listen({ port: 0, host: "127.0.0.1" });
    const login = await fetch(`${address}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: driver.state.organiser, password: TEST_PASSWORD }),
    });
    const cookie = login.headers.getSetCookie()[0]!.split(";")[0]!;
    const target = path.join(work, "large.zip");
    // The seeded buffers are garbage now: collected first, so they neither inflate nor hide the growth.
    collectGarbage();
    const baseline = process.memoryUsage();
    let peak = 0;
    // Live memory: collected before each sample, so what remains is what the download holds.
    const sample = setInterval(() => {
      collectGarbage();
      const m = process.memoryUsage();
      peak = Math.max(peak, m.heapUsed + m.arrayBuffers - (baseline.heapUsed + baseline.arrayBuffers));
    }, 250);
    const response = await fetch(
      `${address}/api/v1/campaigns/${driver.state.campaignId}/self-evaluations/${unit.id}/archive`,
      { headers: { cookie } },
    );
    expect(response.status).toBe(200);
    await pipeline(Readable.fromWeb(response.body as never), fs.createWriteStream(target));
    clearInterval(sample);
    const archiveSize = fs.statSync(target).size;
    if (process.env.KAOPING_TEST_VERBOSE)
      console.log(`archive ${archiveSize} bytes, peak heap+buffers growth ${peak} bytes`);
    expect(archiveSize).toBeGreaterThan(files * size);
    // An archive built in memory would hold at least its own size.
    expect(peak).toBeLessThan(archiveSize / 4);
    testZip(target);
    for (let i = 0; i < files; i += 1) {
      const entry = zipEntry(target, `A1 ${"班额与规模"}/视频${i + 1}.mp4`);
      expect(entry.length).toBe(size);
      expect(entry.subarray(0, 64).equals(digests[i]!)).toBe(true);
    }
  }, 120_000);
});
