/**
 * Base-data tables (基础数据统计表) on screen: an S2 县级政府教育工作督导评估 campaign, made through the API by the demo's
 * 县教育督导室 (`dudao`) over 城关镇第一小学 (P01) and opened at 单位自评; its head fills T3 中小学校舍统计表 on the
 * 基础数据 tab. The rule T3-total (合计等于小学与初中之和) is checked by hand:
 *   校舍总面积 小学 181209 + 初中 100000 = 281209, so a 合计 of 281000 is wrong and the message is at that cell;
 *   D级危房面积 30000 + 15584 = 45584, typed so, no message.
 * Correcting 合计 to 281209 clears it. A negative 适龄人口数 in T1 is refused at its cell before anything is sent
 * (min 0).
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoServer, launchBrowser, newPerson, shot, signIn, startDemoServer } from "./harness.js";
import { cell, cellBox, fillTable, startS2Campaign, tableCard } from "./steps/base-data-tables.js";
import { openOwnSelfEvaluation } from "./steps/self-evaluation.js";

let browser: Browser;
let server: DemoServer;

const T3_TOTAL_WRONG = "合计·校舍总面积应等于小学、初中之和 281209，实为 281000";

describe("base-data tables in the browser", () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows a broken sum rule at its cell, and clears it once corrected", { timeout: 180_000 }, async () => {
    const name = "县级政府教育工作督导评估（基础数据试填）";
    await startS2Campaign(server, { organiser: "dudao", organiserCode: "JYJ", unitCodes: ["P01"], name });
    const { context, page } = await newPerson(browser, server, { width: 1280, height: 900 });
    await signIn(page, "p01.head");
    // P01 is also in the demo's S8 campaign (with its satisfaction survey): this campaign's row is the one.
    await openOwnSelfEvaluation(page, "城关镇第一小学", name);
    await page.getByRole("tab", { name: "基础数据" }).click();
    await tableCard(page, "T3").waitFor();
    await shot(page, "tables-1-empty");

    await cell(page, "T1", "小学（6—11周岁）", "适龄人口数").fill("-1");
    await expect(cellBox(page, "T1", "小学（6—11周岁）", "适龄人口数").textContent()).resolves.toContain(
      "不能小于 0",
    );
    await cell(page, "T1", "小学（6—11周岁）", "适龄人口数").fill("");

    await fillTable(page, "T3", {
      小学: { 校舍总面积: 181209, D级危房面积: 30000 },
      初中: { 校舍总面积: 100000, D级危房面积: 15584 },
      合计: { 校舍总面积: 281000, D级危房面积: 45584 },
    });
    await cellBox(page, "T3", "合计", "校舍总面积").getByText(T3_TOTAL_WRONG).waitFor({ timeout: 15_000 });
    await expect(cell(page, "T3", "合计", "校舍总面积").getAttribute("class")).resolves.toContain(
      "status-error",
    );
    for (const [row, column] of [
      ["合计", "D级危房面积"],
      ["小学", "校舍总面积"],
      ["初中", "校舍总面积"],
    ] as const) {
      await expect(cellBox(page, "T3", row, column).textContent(), `${row} ${column}`).resolves.not.toContain(
        "应等于",
      );
    }
    await shot(page, "tables-2-violation");

    await cell(page, "T3", "合计", "校舍总面积").fill("281209");
    await expect
      .poll(() => cellBox(page, "T3", "合计", "校舍总面积").textContent(), { timeout: 15_000 })
      .not.toContain("应等于");
    await expect(tableCard(page, "T3").textContent()).resolves.not.toContain("T3-total");
    await shot(page, "tables-3-corrected");

    // Saved: a reload shows the corrected figure and no message.
    await page.reload();
    await page.getByRole("tab", { name: "基础数据" }).click();
    await expect(cell(page, "T3", "合计", "校舍总面积").inputValue()).resolves.toBe("281209");
    await expect(tableCard(page, "T3").textContent()).resolves.not.toContain("T3-total");
    await context.close();
  });
});
