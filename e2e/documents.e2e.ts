/**
 * Documents, offline workbooks and batch jobs in the browser (issue 5), on the demo's data.
 *
 * - 县总工会考评办 (`kaopingban`) opens last year's published S4 campaign at 文书与归档, starts a batch of
 *   评估报告（反馈意见） for its 14 unions and follows the progress bar to 100 % and 已完成 (14/14 units, none failed);
 *   the result is a ZIP with 14 Word files. The 通报 downloaded from the same tab prints, through LibreOffice, the
 *   first of the final ranking: T01 94.85 优秀单位 (packages/server/src/modules/dashboard/__tests__/s4-dashboard.test.ts).
 * - 县第一小学's head (`s01.head`, this year's S7, self-evaluation open) downloads the offline workbook, counts
 *   A4's "消防设施配备不达标" once and imports it: A4 falls from 60 − 10 = 50 to 60 − 10 − 10 = 40, so the live
 *   total from 950.00 to 940.00 (by hand, as in department.e2e.ts). The same file again changes nothing; a count of
 *   2 on a once-only rule is refused at its sheet and cell, and nothing changes.
 * - The organiser uploads a 自评报告 template with a misspelt placeholder on 文书模板 and is told which one.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import PizZip from "pizzip";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { printedText } from "../packages/server/src/testing/libreoffice.js";
import { zipEntries } from "../packages/server/src/testing/unzip.js";
import {
  apiSession,
  type DemoServer,
  launchBrowser,
  newPerson,
  shot,
  signIn,
  startDemoServer,
} from "./harness.js";
import { campaignId } from "./steps/grading.js";
import { expectLiveTotal, openOwnSelfEvaluation } from "./steps/self-evaluation.js";

const lastYear = new Date().getFullYear() - 1;
const S4_LAST_YEAR = `${lastYear}年度全县工会工作创优争先考评`;
const FIRE_SAFETY = "消防设施配备不达标";

let browser: Browser;
let server: DemoServer;
const work = mkdtempSync(path.join(tmpdir(), "kaoping-e2e-documents-"));

/** Clicks what starts a download and keeps the file. */
async function download(page: Page, start: () => Promise<void>): Promise<{ name: string; file: string }> {
  const [started] = await Promise.all([page.waitForEvent("download"), start()]);
  const file = path.join(work, started.suggestedFilename());
  await started.saveAs(file);
  return { name: started.suggestedFilename(), file };
}

/** The A4 deduction row of a self-evaluation workbook and its count cell (column E, 自评填报). */
function fireSafetyCell(workbook: ExcelJS.Workbook): { sheet: string; cell: ExcelJS.Cell } {
  for (const sheet of workbook.worksheets) {
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      if (
        String(row.getCell(1).value ?? "").startsWith("A4/") &&
        String(row.getCell(2).value).includes(FIRE_SAFETY)
      )
        return { sheet: sheet.name, cell: row.getCell(5) };
    }
  }
  throw new Error("no A4 fire-safety row in the workbook");
}

async function importWorkbook(page: Page, file: string): Promise<void> {
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "导入离线填报表" }).click();
  await (await chooser).setFiles(file);
}

describe("documents, workbooks and batch jobs in the browser", () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("generates every union's feedback as a batch with its progress bar, and the bulletin", {
    timeout: 240_000,
  }, async () => {
    const { page } = await newPerson(browser, server);
    await signIn(page, "kaopingban");
    const id = await campaignId(await apiSession(server, "kaopingban"), S4_LAST_YEAR);
    await page.goto(`/campaigns/${id}?tab=documents`);
    await page.getByText("批量生成", { exact: true }).waitFor();

    await page.getByLabel("生成内容").click();
    await page
      .locator(".ant-select-dropdown:visible .ant-select-item-option")
      .filter({ hasText: "评估报告" })
      .click();
    await page.getByRole("button", { name: "开始生成" }).click();
    await page.getByText("已开始生成，共 14 个单位").waitFor();
    const job = page.locator("[data-testid^=job-]").first();
    await job.getByText("已完成").waitFor({ timeout: 180_000 });
    await expect(job.getByRole("progressbar").getAttribute("aria-valuenow")).resolves.toBe("100");
    await expect(job.textContent()).resolves.toContain("14/14 个单位完成，失败 0 个");
    await shot(page, "documents-01-batch");

    const result = await download(page, () => page.getByRole("link", { name: "下载结果" }).first().click());
    expect(result.name).toMatch(/\.zip$/);
    expect(zipEntries(result.file).filter((e) => e.endsWith(".docx"))).toHaveLength(14);

    const bulletin = await download(page, () => page.getByRole("button", { name: /考评结果通报/ }).click());
    expect(bulletin.name).toMatch(/考评结果通报\.docx$/);
    const printed = (await printedText(readFileSync(bulletin.file), "docx")).replace(/\s+/g, "");
    expect(printed).toContain("关于");
    expect(printed).toMatch(/1[^0-9]*T01|1.{0,30}94\.85.{0,10}优秀单位/);
    expect(printed).toContain("94.85");
  });

  it("imports the offline workbook: what changed, nothing the second time, and a refused cell", {
    timeout: 240_000,
  }, async () => {
    const { page } = await newPerson(browser, server, { width: 1280, height: 900 });
    await signIn(page, "s01.head");
    await openOwnSelfEvaluation(page, "县第一小学");
    await expectLiveTotal(page, "950.00");

    await page.getByRole("button", { name: /文书与表格/ }).click();
    const exported = await download(page, () => page.getByRole("menuitem", { name: /离线填报表/ }).click());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(exported.file);
    const target = fireSafetyCell(workbook);
    expect(target.cell.value ?? 0).toBe(0);

    target.cell.value = 1;
    const filled = path.join(work, "filled.xlsx");
    await workbook.xlsx.writeFile(filled);
    await importWorkbook(page, filled);
    await page.getByText(/已导入：1 项指标有改动/).waitFor();
    await expectLiveTotal(page, "940.00");
    await shot(page, "documents-02-imported");

    await importWorkbook(page, filled);
    await page.getByText("已导入：内容与系统中一致，没有改动").waitFor();

    target.cell.value = 2;
    const broken = path.join(work, "broken.xlsx");
    await workbook.xlsx.writeFile(broken);
    await importWorkbook(page, broken);
    const dialog = page.getByRole("dialog");
    await dialog.getByText(/文件有 \d+ 处问题，未导入任何内容/).waitFor();
    await expect(dialog.getByRole("table").textContent()).resolves.toContain(
      `${target.sheet}!${target.cell.address}`,
    );
    await shot(page, "documents-03-refused");
    await dialog.getByRole("button", { name: "关闭" }).click();
    await expectLiveTotal(page, "940.00");
  });

  it("names the misspelt placeholder of an uploaded template", { timeout: 120_000 }, async () => {
    const { page } = await newPerson(browser, server);
    await signIn(page, "kaopingban");
    await page.goto("/document-templates");
    const row = page.getByRole("row").filter({ hasText: "自评报告" }).first();
    const starter = await download(page, () => row.getByRole("button", { name: "下载示例模板" }).click());

    // The starter template with one placeholder misspelt: {unitName} → {unitNmae}.
    const zip = new PizZip(readFileSync(starter.file));
    const xml = zip.file("word/document.xml")?.asText() ?? "";
    expect(xml).toContain("unitName");
    zip.file("word/document.xml", xml.replace("unitName", "unitNmae"));
    const misspelt = path.join(work, "misspelt.docx");
    writeFileSync(misspelt, zip.generate({ type: "nodebuffer" }));

    const chooser = page.waitForEvent("filechooser");
    await row.getByRole("button", { name: /上传模板/ }).click();
    await (await chooser).setFiles(misspelt);
    await page.getByText("“自评报告”模板未启用，有以下问题：").waitFor();
    await page
      .getByRole("cell", { name: /unitNmae/ })
      .first()
      .waitFor();
    await shot(page, "documents-04-template-refused");
  });
});
