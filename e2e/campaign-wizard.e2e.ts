/**
 * The organiser's campaign wizard and progress board: kaopingban creates a new S4 campaign over 城关镇 (T01) and
 * 县教育系统 (D01) with its three rater groups and stage deadlines, starts it and sees it running in 动员部署; then
 * on this year's S7 campaign (in 单位自评) a school's submitted self-evaluation is returned with a reason from the
 * overview, and the unit's row shows it returned with that reason.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiSession,
  type DemoServer,
  launchBrowser,
  newPerson,
  shot,
  signIn,
  startDemoServer,
} from "./harness.js";
import { createCampaign, S4_TWO_UNIONS, s4Stages } from "./steps/campaign.js";

let browser: Browser;
let server: DemoServer;

describe("campaign wizard and progress board", () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("creates and starts a new S4 campaign through the wizard", async () => {
    const { page } = await newPerson(browser, server, { width: 1280, height: 900 });
    await signIn(page, "kaopingban");
    const year = new Date().getFullYear() + 1;
    const name = `${year}年度全县工会工作创优争先考评（向导）`;
    const id = await createCampaign(page, {
      name,
      year,
      scheme: "全县工会工作创优争先",
      units: S4_TWO_UNIONS,
      stages: s4Stages(year),
      raters: {
        县总工会领导: ["zgh.chair", "zgh.vicechair"],
        其他申报单位主要负责人: ["t02.head", "t03.head"],
        县总工会相关部室负责人: ["zgh.office", "zgh.organising"],
      },
      shots: "wizard",
    });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    // Running, in its first stage, with exactly the five stages chosen and both units.
    const header = page.locator(".ant-card").first();
    await header.getByText("进行中").first().waitFor();
    await expect(header.textContent()).resolves.toContain(name);
    const stageRows = page.locator(".ant-card").filter({ hasText: "各阶段进度" }).locator(".ant-table-row");
    await stageRows.first().waitFor();
    expect(await stageRows.allTextContents()).toHaveLength(5);
    expect(await stageRows.nth(0).textContent()).toMatch(
      new RegExp(`动员部署.*${year}-03-01.*${year}-03-10.*进行中`),
    );
    expect(await stageRows.nth(1).textContent()).toMatch(/单位自评.*未开始/);
    const units = page.locator(".ant-card").filter({ hasText: "各单位进度" }).locator(".ant-table-row");
    await units.first().waitFor();
    expect(await units.allTextContents()).toEqual([
      expect.stringMatching(
        /县教育系统工会工作委员会.*县直工会工作委员会.*未开始|县教育系统工会工作委员会.*县直工会工作委员会.*填报中/,
      ),
      expect.stringMatching(/城关镇工会工作委员会.*乡\(镇\)工会工作委员会/),
    ]);
    await shot(page, "wizard-6-started");

    // The raters were kept: 2 + 2 + 2 members as chosen.
    const campaign = await (await apiSession(server, "kaopingban")).get<{
      status: string;
      raterGroups: Array<{ code: string; members: Array<{ username: string }> }>;
    }>(`/campaigns/${id}`);
    expect(campaign.status).toBe("running");
    expect(
      Object.fromEntries(campaign.raterGroups.map((g) => [g.code, g.members.map((m) => m.username).sort()])),
    ).toEqual({
      LD: ["zgh.chair", "zgh.vicechair"],
      FZR: ["t02.head", "t03.head"],
      BS: ["zgh.office", "zgh.organising"],
    });

    // Advancing the stage asks first, then opens 单位自评.
    await page.getByRole("button", { name: "进入下一阶段" }).click();
    await page.getByText("将结束“动员部署”阶段，开启“单位自评”阶段").waitFor();
    await page.locator(".ant-popconfirm").getByRole("button", { name: "进入下一阶段" }).click();
    await stageRows.nth(1).filter({ hasText: "进行中" }).waitFor();
  });

  it("returns a submitted self-evaluation with a reason from the overview", async () => {
    const head = await apiSession(server, "s01.head");
    const campaigns = await head.get<{ items: Array<{ id: string; name: string; schemeCode: string }> }>(
      "/campaigns?limit=50",
    );
    const s7 = campaigns.items.find((c) => c.schemeCode.startsWith("s07"));
    if (s7 === undefined) throw new Error("the demo's S7 campaign is missing");
    const session = await head.get<{ user: { grants: Array<{ role: string; organisationId: string }> } }>(
      "/auth/session",
    );
    const school = session.user.grants.find((g) => g.role === "unit_head")!.organisationId;
    const url = `/campaigns/${s7.id}/self-evaluations/${school}`;
    const current = await head.get<{ version: number }>(url);
    await head.send("POST", `${url}/submit`, { version: current.version });

    const { page } = await newPerson(browser, server, { width: 1280, height: 900 });
    await signIn(page, "s7.dudao");
    await page.goto(`/campaigns/${s7.id}`);
    const waiting = page.locator(".ant-card").filter({ hasText: "待初审的自评（1）" });
    await waiting.waitFor();
    const row = waiting.locator(".ant-table-row").first();
    const unitName = (await row.locator("a").first().textContent())!.replace(/\s*S\d+$/, "").trim();
    await shot(page, "wizard-7-dashboard");

    await row.getByRole("button", { name: /^退回/ }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("button", { name: "确认退回" }).click();
    await dialog.getByText("请填写退回理由").waitFor();
    const reason = "校舍安全检查记录缺少2024年第四季度，请补充后重新提交。";
    await dialog.getByLabel("退回理由").fill(reason);
    await shot(page, "wizard-8-return");
    await dialog.getByRole("button", { name: "确认退回" }).click();
    await page.getByText("暂无待初审的自评").waitFor();

    const unitRow = page
      .locator(".ant-card")
      .filter({ hasText: "各单位进度" })
      .locator(".ant-table-row")
      .filter({ hasText: unitName });
    await unitRow.filter({ hasText: "已退回" }).waitFor();
    await expect(unitRow.textContent()).resolves.toContain(reason);
    const after = await head.get<{ status: string; returnedReason: string }>(url);
    expect(after).toMatchObject({ status: "returned", returnedReason: reason });
    await shot(page, "wizard-9-returned");
  });
});
