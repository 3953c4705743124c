/**
 * 整改 in the browser, on the demo's last-year S4 appraisal (published; its 整改 items come from
 * packages/server/src/demo/demo-rectification.ts). 县总工会考评办 (`kaopingban`) finds 龙泉乡's overdue item escalated
 * among the to-dos and in red on the 整改 tab; records a new item for 城关镇; its head (`t01.head`) fills in the four
 * specifics, starts, attaches evidence and reports; the organiser's 不通过 reopens it; reported again, it passes
 * verification and is closed — every state: 待整改 → 整改中 → 已整改 → 整改中 → 已整改 → 已验证 → 已关闭.
 */
import type { Browser, Page } from "playwright-core";
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

let browser: Browser;
let server: DemoServer;

const PROBLEM = "基层工会换届选举逾期未开展";

async function statusIs(page: Page, status: string) {
  await page.locator(".ant-card-head .ant-tag").filter({ hasText: status }).first().waitFor();
}

describe("a rectification item through every state", () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("escalates the overdue item and takes a new one to closure", { timeout: 240_000 }, async () => {
    const api = await apiSession(server, "kaopingban");
    const published = await api.get<{ items: Array<{ id: string }> }>("/campaigns?status=published");
    const campaignId = published.items[0]!.id;

    // The organiser: the overdue item is among the to-dos, and red on the 整改 tab.
    const { page: organiser } = await newPerson(browser, server);
    await signIn(organiser, "kaopingban");
    const escalated = organiser.getByText("逾期未整改：龙泉乡工会工作委员会");
    await escalated.waitFor();
    await shot(organiser, "rectification-1-escalated");
    await escalated.click();
    await organiser.waitForURL(/\/rectification-items\//);
    await organiser.getByText("未召开党委会议研究工会工作").waitFor();
    await organiser.locator(".ant-tag", { hasText: "逾期" }).first().waitFor();

    await organiser.goto(`/campaigns/${campaignId}?tab=rectification`);
    const lateRow = organiser.locator("tr", { hasText: "龙泉乡工会工作委员会" }).first();
    await lateRow.locator(".ant-tag", { hasText: "逾期" }).waitFor();
    await shot(organiser, "rectification-2-tab");

    // A new item for 城关镇.
    await organiser.getByRole("button", { name: "新增整改事项" }).click();
    const dialog = organiser.locator(".ant-modal");
    await dialog.getByLabel("责任单位").click();
    await dialog.getByLabel("责任单位").fill("T01");
    await organiser.locator(".ant-select-item-option", { hasText: "城关镇工会工作委员会" }).click();
    await dialog.getByLabel("存在问题").fill(PROBLEM);
    await dialog.getByLabel("整改时限").fill("2099-06-30");
    await dialog.getByRole("button", { name: /确\s*定|OK/ }).click();
    const newRow = organiser.locator("tr", { hasText: PROBLEM });
    await newRow.getByText("待整改").waitFor();
    const list = await api.get<{ items: Array<{ id: string; problem: string }> }>(
      `/campaigns/${campaignId}/rectification-items?limit=500`,
    );
    const itemId = list.items.find((i) => i.problem === PROBLEM)!.id;
    const itemUrl = `/rectification-items/${itemId}`;

    // The unit: four specifics, start, evidence, report.
    const { page: unit } = await newPerson(browser, server);
    await signIn(unit, "t01.head");
    await unit.getByText(`整改（待整改）：综合：${PROBLEM}`).click();
    await unit.waitForURL((url) => url.pathname === itemUrl);
    await statusIs(unit, "待整改");
    await unit.getByRole("button", { name: "开始整改" }).click();
    await statusIs(unit, "整改中");
    await unit.getByLabel("整改目标").fill("年内完成全部基层工会换届");
    await unit.getByLabel("整改措施").fill("制定换届工作计划，逐个单位指导选举");
    await unit.getByLabel("责任人").fill("城关镇工会工作委员会主任 张华");
    await unit.getByRole("button", { name: "保存“四个具体”" }).click();
    await unit.getByText("已保存").first().waitFor();
    await unit.locator("input[type=file]").setInputFiles({
      name: "换届选举工作计划.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"),
    });
    await unit.getByRole("link", { name: "换届选举工作计划.pdf" }).waitFor();
    await unit.getByLabel("整改情况说明").fill("已制定计划并完成3个单位换届");
    await unit.getByRole("button", { name: "报告整改完成" }).click();
    await statusIs(unit, "已整改");
    await shot(unit, "rectification-3-reported");

    // The organiser: 不通过 reopens it.
    await organiser.goto(itemUrl);
    await statusIs(organiser, "已整改");
    await organiser.getByLabel("不通过").check();
    await organiser.getByLabel("理由").fill("尚有5个基层工会未换届");
    await organiser.getByRole("button", { name: "整改验证" }).click();
    await statusIs(organiser, "整改中");
    await organiser.getByText("尚有5个基层工会未换届").waitFor();
    await shot(organiser, "rectification-4-failed");

    // The unit reports again.
    await unit.reload();
    await statusIs(unit, "整改中");
    await unit.getByText("上次验证").waitFor();
    await unit.getByLabel("整改情况说明").fill("其余5个基层工会均已完成换届");
    await unit.getByRole("button", { name: "报告整改完成" }).click();
    await statusIs(unit, "已整改");

    // The organiser: 通过, then closed.
    await organiser.reload();
    await organiser.getByLabel("通过", { exact: true }).check();
    await organiser.getByLabel("理由").fill("现场核查换届材料齐全");
    await organiser.getByRole("button", { name: "整改验证" }).click();
    await statusIs(organiser, "已验证");
    await organiser.getByRole("button", { name: "关闭（销号）" }).click();
    await statusIs(organiser, "已关闭");
    await shot(organiser, "rectification-5-closed");

    const detail = await api.get<{ status: string; history: Array<{ to: string; verdict: string | null }> }>(
      itemUrl,
    );
    expect(detail.status).toBe("closed");
    expect(detail.history.map((h) => [h.to, h.verdict])).toEqual([
      ["pending", null],
      ["in_progress", null],
      ["reported", null],
      ["in_progress", "failed"],
      ["reported", null],
      ["verified", "passed"],
      ["closed", null],
    ]);
  });
});
