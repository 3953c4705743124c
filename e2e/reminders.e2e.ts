/**
 * Reminders (提醒) in the demo: its last step brings this year's S4 实地评估 deadline forward to two days from the
 * start and runs the reminders once (packages/server/src/demo/demo-reminders.ts). 县总工会考评办 (`kaopingban`), who
 * moves the stage on, sees the unread count on the bell, opens the list, follows "即将到期：…“实地评估/复评”阶段" to the
 * campaign, and the reminder is read; "全部标为已读" clears the count.
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

/** Waits until the bell's label gives this unread count (it is loaded after the page). */
const bellSays = (page: Page, unread: number) =>
  expect
    .poll(() => page.getByTestId("reminder-bell").getAttribute("aria-label"), { timeout: 15_000 })
    .toBe(`${unread} 条未读提醒`);

let browser: Browser;
let server: DemoServer;

interface Notifications {
  unread: number;
  items: Array<{
    id: string;
    reminder: string;
    kind: string;
    title: string;
    link: string;
    readAt: string | null;
  }>;
}

describe("reminders under the bell", () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows the unread count, and the list leads to the campaign", { timeout: 180_000 }, async () => {
    const organiser = "kaopingban";
    const before = await (await apiSession(server, organiser)).get<Notifications>("/me/notifications");
    const review = before.items.find(
      (n) => n.kind === "stage" && n.reminder === "approaching" && n.title.includes("“实地评估/复评”阶段"),
    );
    expect(review, JSON.stringify(before.items.map((n) => n.title))).toBeDefined();
    expect(before.unread).toBeGreaterThan(0);

    const { page } = await newPerson(browser, server);
    await signIn(page, organiser);
    const bell = page.getByTestId("reminder-bell");
    await expect(bell.getAttribute("aria-label")).resolves.toBe(`${before.unread} 条未读提醒`);
    await page
      .locator(".ant-badge-count")
      .filter({ hasText: String(before.unread) })
      .first()
      .waitFor();
    await bell.click();
    const drawer = page.locator(".ant-drawer");
    await drawer.getByText("我的提醒").waitFor();
    // The kind is shown once, as the tag, and no longer repeated at the head of the title.
    const item = drawer
      .locator(".ant-list-item-meta-title")
      .filter({ hasText: `即将到期${review!.title.replace(/^即将到期：/, "")}` });
    await item.waitFor();
    await shot(page, "reminders-1-list");

    await item.click();
    await page.waitForURL((url) => url.pathname === review!.link);
    expect(new URL(page.url()).pathname).toMatch(/^\/campaigns\/[0-9a-f-]{36}$/);
    await page.getByText(/工会/).first().waitFor();
    await shot(page, "reminders-2-campaign");
    const after = await (await apiSession(server, organiser)).get<Notifications>("/me/notifications");
    expect(after.unread).toBe(before.unread - 1);
    expect(after.items.find((n) => n.id === review!.id)?.readAt).not.toBeNull();

    await page.reload();
    await bellSays(page, after.unread);
    await bell.click();
    await drawer.getByRole("button", { name: "全部标为已读" }).click();
    await bellSays(page, 0);
  });
});
