/**
 * 任务分解 in the demo's S7 campaign: 县第一小学 (S01) gave A4 校舍安全 to its 总务处 with a deadline 20 days after the
 * campaign was set up (packages/server/src/demo/drive-s7.ts, S7_DEPARTMENT). The department's 孙主任 (`s01.zongwu`)
 * finds the to-do on the workspace, sees only A4 (under its parent A), fills it, and the head sees the value.
 *
 * By hand (schemes/s07-standard-school, units.json): S01's A4 is 60 − 10 (A4.b 档案不健全) = 50 and its total 950.00.
 * 总务处 ticks A4.c 消防设施配备不达标 as well: 60 − 10 − 10 = 40, so the total becomes 950 − 10 = 940.00.
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
import {
  entry,
  expectLiveTotal,
  fillIndicator,
  openOwnSelfEvaluation,
  selectIndicator,
  waitSaved,
} from "./steps/self-evaluation.js";

/** A4.c, a deduction counted once: its checkbox is named by its text. */
const FIRE_SAFETY = /^消防设施配备不达标的扣10分/;

let browser: Browser;
let server: DemoServer;

const pad = (n: number) => String(n).padStart(2, "0");
/** As the workspace shows a deadline: local time, 2026-03-01 10:00. */
const shown = (iso: string) => {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

describe("a department fills the indicator its unit assigned to it (任务分解)", () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("finds the to-do with its deadline, sees only A4, fills it, and the head sees the value", {
    timeout: 180_000,
  }, async () => {
    const department = await newPerson(browser, server, { width: 1280, height: 900 });
    const page = department.page;
    await signIn(page, "s01.zongwu");
    const todo = page.getByRole("row").filter({ hasText: "填报指标 A4 校舍安全（县第一小学）" });
    await todo.waitFor();
    await expect(todo.textContent()).resolves.toContain("责任单位：总务处；责任人：孙主任");
    await expect(todo.textContent()).resolves.toContain("剩 20 天");
    await shot(page, "department-1-workspace");

    await todo.getByRole("link", { name: "填报指标 A4 校舍安全（县第一小学）" }).click();
    await page.waitForURL(/\/campaigns\/[^/]+\/self-evaluations\/[^/?]+/);
    await page.getByText("县第一小学 自评填报").waitFor();
    const [, campaignId, organisationId] = /\/campaigns\/([^/]+)\/self-evaluations\/([^/?]+)/.exec(
      page.url(),
    )!;

    // The deadline on the workspace is the assignment's, as the head set it.
    const head = await apiSession(server, "s01.head");
    const view = await head.get<{ assignments: Array<{ target: string; deadline: string | null }> }>(
      `/campaigns/${campaignId}/self-evaluations/${organisationId}`,
    );
    const deadline = view.assignments.find((a) => a.target === "A4")?.deadline;
    expect(deadline).toBeTruthy();
    await page.goto("/");
    await expect(todo.textContent()).resolves.toContain(shown(deadline!));
    await todo.getByRole("link").click();
    await page.getByText("县第一小学 自评填报").waitFor();

    // Only A4, under its parent A; nothing else of the scheme.
    await page.getByText("仅显示分配给本部门的指标和数据表").waitFor();
    await page.locator('[data-code="A4"]').waitFor();
    const codes = await page
      .locator("[data-code]")
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-code")));
    expect(codes.sort()).toEqual(["A", "A4"]);

    await selectIndicator(page, "A4");
    await entry(page).getByRole("checkbox", { name: FIRE_SAFETY }).check();
    await waitSaved(page);
    await fillIndicator(page, "A4", { narrative: "总务处核查：消防设施配备未达标，已列入整改。" });
    await expect(entry(page).textContent()).resolves.toContain("40.00 / 60.00 分");
    await shot(page, "department-2-filled");

    const unit = await newPerson(browser, server, { width: 1280, height: 900 });
    await signIn(unit.page, "s01.head");
    await openOwnSelfEvaluation(unit.page, "县第一小学");
    await expectLiveTotal(unit.page, "940.00");
    await selectIndicator(unit.page, "A4");
    const card = entry(unit.page);
    await expect(card.textContent()).resolves.toContain("40.00 / 60.00 分");
    await expect(card.getByRole("checkbox", { name: FIRE_SAFETY }).isChecked()).resolves.toBe(true);
    await expect(card.getByLabel("A4 自评说明").inputValue()).resolves.toBe(
      "总务处核查：消防设施配备未达标，已列入整改。",
    );
    // The assignment does not take A4 from the head.
    await expect(card.getByLabel("A4 自评说明").isDisabled()).resolves.toBe(false);
    await shot(unit.page, "department-3-head-sees");
    await unit.context.close();
    await department.context.close();
  });
});
