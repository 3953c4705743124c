/**
 * The organiser's path through the web app on the real, built server in demo mode: sign in as kaopingban, the
 * workspace, the campaign list, last year's published S4 campaign and the ranking of its latest grading run, whose
 * figures come from S4's hand-worked table.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoServer, launchBrowser, newPerson, shot, startDemoServer } from "./harness.js";

let browser: Browser;
let server: DemoServer;

describe("organiser in the browser", () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("signs in and reads last year's S4 ranking", async () => {
    const { page } = await newPerson(browser, server);

    const started = Date.now();
    await page.goto("/");
    const username = page.getByLabel("用户名");
    const password = page.getByLabel("密码");
    await username.waitFor();
    await expect(username.isEditable()).resolves.toBe(true);
    console.log(`time to first interactive screen: ${Date.now() - started} ms`);
    await shot(page, "organiser-1-login");

    await username.fill("kaopingban");
    await password.fill("kaoping-demo");
    await page.getByRole("button", { name: /登\s*录/ }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    await page.getByRole("menuitem", { name: "考评活动" }).waitFor();
    await page.getByText("王主任，您好").waitFor();
    await page.getByText("我的待办").first().waitFor();
    await shot(page, "organiser-2-workspace");

    await page.getByRole("menuitem", { name: "考评活动" }).click();
    await page.waitForURL(/\/campaigns$/);
    const lastYear = new Date().getFullYear() - 1;
    const row = page.getByRole("row").filter({ hasText: `${lastYear}年度全县工会工作创优争先考评` });
    await row.getByText("已发布").waitFor();
    await shot(page, "organiser-3-campaigns");

    await row.getByRole("link", { name: `${lastYear}年度全县工会工作创优争先考评` }).click();
    await page.waitForURL(/\/campaigns\/[^/]+$/);
    await page.getByRole("tab", { name: "定级与公示" }).click();
    const runs = page.getByRole("link", { name: /第 \d+ 次定级/ });
    await runs.first().waitFor();
    await shot(page, "organiser-4-campaign");
    const labels = await runs.allTextContents();
    const latest = Math.max(...labels.map((l) => Number(/\d+/.exec(l)?.[0])));
    await page.getByRole("link", { name: `第 ${latest} 次定级` }).click();
    await page.waitForURL(/\/grading-runs\//);

    // The ranking's unit rows (Ant Design's body rows, in rank order).
    const unitRows = page.locator(".ant-table-row");
    await unitRows.filter({ hasText: "城关镇工会工作委员会" }).first().waitFor();
    await shot(page, "organiser-5-ranking");
    const rows = await unitRows.allTextContents();
    expect(rows[0]).toMatch(/城关镇工会工作委员会.*94\.85.*优秀单位/);
    const health = rows.find((text) => text.includes("县卫生健康系统工会工作委员会"));
    expect(health).toMatch(/88\.05.*先进单位/);
  });
});
