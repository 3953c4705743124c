/**
 * 回头看 in the browser, on the demo's last-year S4 appraisal (published; packages/server/src/demo/demo-rectification.ts
 * closed 城关镇's 工会经费 item; 石桥镇's 职工之家 item, reported, is passed and closed here through the API). The
 * organiser 县总工会考评办 (`kaopingban`) launches 回头看 from the 整改 tab and lands in the new (draft) campaign,
 * re-checks 工会经费 as 巩固 and 职工之家 as 反弹, finds the relapse as a new open item of the follow-up linked to the
 * old one, and starts the campaign; 石桥镇's head (`t02.head`) then has the relapse among the to-dos.
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

let browser: Browser;
let server: DemoServer;

interface Item {
  id: string;
  version: number;
  problem: string;
  status: string;
  source: string;
  organisationName: string;
  relapseOf: string | null;
  deadline: string;
}

const FUNDS = "工会经费未按规定足额拨缴";
const HOME = "职工之家建设台账不完整";
const RELAPSE_REASON = "职工之家活动记录下半年再次中断";

describe("回头看 of a published campaign's closed items", () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("holds one item, relapses another into a new item the unit then has to rectify", {
    timeout: 240_000,
  }, async () => {
    const api = await apiSession(server, "kaopingban");
    const published = await api.get<{ items: Array<{ id: string; name: string }> }>(
      "/campaigns?status=published",
    );
    const earlier = published.items[0]!;
    const items = (await api.get<{ items: Item[] }>(`/campaigns/${earlier.id}/rectification-items?limit=500`))
      .items;
    // A second closed item: 石桥镇's reported one, passed and closed.
    const home = items.find((i) => i.problem.startsWith(HOME))!;
    expect(home.status).toBe("reported");
    const verified = await api.send<Item>("POST", `/rectification-items/${home.id}/verify`, {
      version: home.version,
      verdict: "passed",
      reason: "台账齐全",
    });
    await api.send("POST", `/rectification-items/${home.id}/close`, { version: verified.version });
    const funds = items.find((i) => i.problem.startsWith(FUNDS))!;
    expect(funds.status).toBe("closed");

    // The organiser launches 回头看 and lands in the new campaign's 整改 tab.
    const { page: organiser } = await newPerson(browser, server);
    await signIn(organiser, "kaopingban");
    await organiser.goto(`/campaigns/${earlier.id}?tab=rectification`);
    await organiser.getByRole("button", { name: "发起回头看" }).click();
    const launch = organiser.locator(".ant-modal");
    await launch.getByText("将新建一个回头看活动（草稿）").waitFor();
    await launch.getByLabel("单位自查截止日期").fill("2099-03-31");
    await launch.getByLabel("复核截止日期").fill("2099-04-30");
    await shot(organiser, "follow-up-1-launch");
    await launch.getByRole("button", { name: /确\s*定|OK/ }).click();
    await organiser.waitForURL(
      (url) => url.pathname !== `/campaigns/${earlier.id}` && url.search === "?tab=rectification",
    );
    const followUpId = new URL(organiser.url()).pathname.split("/").pop()!;
    await organiser.getByText(`${earlier.name}整改“回头看”`).first().waitFor();
    const recheck = organiser.locator(".ant-card", { hasText: "回头看：复核已关闭的整改事项" });
    await recheck.getByRole("link", { name: earlier.name }).waitFor();
    await recheck.getByText("回头看活动尚未启动").waitFor();
    // Both closed items, 城关镇 (T01) before 石桥镇 (T02).
    const rows = recheck.locator("tbody tr.ant-table-row");
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toContain(FUNDS);
    expect(await rows.nth(1).textContent()).toContain(HOME);
    await shot(organiser, "follow-up-2-rechecks");

    // 巩固 for 工会经费.
    const dialog = organiser.locator(".ant-modal");
    await rows
      .nth(0)
      .getByRole("button", { name: /复\s*核/ })
      .click();
    await dialog.getByText("复核：城关镇工会工作委员会").waitFor();
    await dialog.getByText("复核结论").waitFor();
    await dialog.getByLabel("巩固").check();
    await dialog.getByLabel("理由").fill("按月拨缴台账持续更新，经费足额到位");
    await dialog.getByRole("button", { name: /确\s*定|OK/ }).click();
    await rows.nth(0).locator(".ant-tag", { hasText: "巩固" }).waitFor();

    // 反弹 for 职工之家, with a new deadline.
    await rows
      .nth(1)
      .getByRole("button", { name: /复\s*核/ })
      .click();
    await dialog.getByLabel("反弹").check();
    await dialog.getByLabel("理由").fill(RELAPSE_REASON);
    await dialog.getByLabel("反弹事项的整改时限").fill("2099-06-30");
    await shot(organiser, "follow-up-3-relapse-dialog");
    await dialog.getByRole("button", { name: /确\s*定|OK/ }).click();
    await rows.nth(1).locator(".ant-tag", { hasText: "反弹" }).waitFor();

    // The relapse is a new open item of the follow-up, for 石桥镇, linked to the old one.
    const relapseProblem = `【回头看反弹】${RELAPSE_REASON}`;
    const relapseRow = organiser.locator("tr", { hasText: relapseProblem });
    await relapseRow.getByText("待整改").waitFor();
    await relapseRow.getByText("石桥镇工会工作委员会").waitFor();
    await shot(organiser, "follow-up-4-rechecked");
    await relapseRow.getByRole("link", { name: "查看" }).click();
    await organiser.waitForURL(/\/rectification-items\//);
    const relapseUrl = new URL(organiser.url()).pathname;
    await organiser.locator(".ant-descriptions").getByText("回头看", { exact: true }).waitFor();
    await shot(organiser, "follow-up-5-relapse-item");
    await organiser.locator(".ant-descriptions").getByRole("link", { name: "查看" }).click();
    await organiser.waitForURL((url) => url.pathname === `/rectification-items/${home.id}`);
    await organiser.getByText(`反弹：${RELAPSE_REASON}`).first().waitFor();
    // Its own four specifics, not the relapse's empty ones just seen.
    await expect.poll(() => organiser.getByLabel("整改目标").inputValue()).toBe("职工之家台账规范完整");
    await shot(organiser, "follow-up-5b-old-item");
    await organiser.getByRole("link", { name: "查看反弹事项" }).click();
    await organiser.waitForURL((url) => url.pathname === relapseUrl);

    const followUp = (
      await api.get<{ items: Item[] }>(`/campaigns/${followUpId}/rectification-items?limit=500`)
    ).items;
    expect(followUp.map((i) => [i.organisationName, i.source, i.status, i.relapseOf, i.deadline])).toEqual([
      ["石桥镇工会工作委员会", "recheck", "pending", home.id, "2099-06-30"],
    ]);
    expect(relapseUrl).toBe(`/rectification-items/${followUp[0]!.id}`);

    // Started, the follow-up's relapse is 石桥镇's to-do.
    await organiser.goto(`/campaigns/${followUpId}?tab=rectification`);
    await organiser.getByRole("button", { name: "启动考评活动" }).click();
    await organiser.locator(".ant-popconfirm").getByRole("button", { name: "启动考评活动" }).click();
    await organiser.getByText("考评活动已启动").waitFor();
    await expect.poll(() => recheck.getByText("回头看活动尚未启动").count()).toBe(0);

    const { page: unit } = await newPerson(browser, server);
    await signIn(unit, "t02.head");
    const todo = unit.getByText(`整改（待整改）：综合：${relapseProblem}`.slice(0, 20));
    await todo.first().waitFor();
    await shot(unit, "follow-up-6-unit-todo");
    await todo.first().click();
    await unit.waitForURL((url) => url.pathname === relapseUrl);
    await unit.getByRole("button", { name: "开始整改" }).waitFor();
    await shot(unit, "follow-up-7-unit-item");
  });
});
