/**
 * Grading, publicity and publication in the browser on the demo's S4 of this year (in 实地评估/复评, every rater's
 * sheet in): the organiser approves bonus, grades, reads the ranking and a unit's explanation, publicises, a unit
 * head objects, the organiser upholds it (a corrected run), ends the period and publishes; the unit head then reads
 * the unit's results across years. A 10,000-unit ranking (answered by the test) checks the virtualised table.
 *
 * The figures are S4's hand-worked table (packages/server/src/__tests__/s4-campaign.test.ts, worked from
 * schemes/s04-trade-union/units.json in s04-trade-union.test.ts): this year's inputs are last year's (same units,
 * ratings, data and approved bonus), so the same working holds:
 *   total = 0.4 × 领导 mean + 0.3 × 负责人 trimmed mean + 0.3 × 部室 trimmed mean + approved bonus (≤ 2 per item).
 *   T01 城关镇: bonus J1 2.5 → 2 (capped) + J3 1 = 3.00; total 94.85, 1st.
 *   D02 县卫生健康系统: 0.4 × (88+87+89)/3 + 0.3 × (87+88+87+88)/4 + 0.3 × (87+87+87)/3 = 35.20 + 26.25 + 26.10
 *     = 87.55, no bonus; T03 龙泉乡 87.55 with J4 1.00.
 *   T05 河西乡 89.31 but vetoed by V2 (serious_accident): 未达标.
 *   达标 pool (≥ 80, no veto): T01, D01, T02, D07, T03, D02, T04, D03, T06 = 9 → 先进 places = round(0.6 × 9 = 5.4)
 *   = 5 → 优秀 = round(0.3 × 5 = 1.5) = 2. T03 and D02 tie at 87.55 for the 5th 先进 place; the tie-break is bonus,
 *   so T03 (1.00) is 先进 (5th of 5) and D02 达标.
 * D02's objection upheld with J4 0.5 (≤ 2, counts in full): D02 = 87.55 + 0.50 = 88.05 > T03's 87.55, so D02 takes
 * the 5th 先进 place and T03 drops to 达标.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiSession,
  apiSession,
  type DemoServer,
  launchBrowser,
  newPerson,
  shot,
  signIn,
  startDemoServer,
} from "./harness.js";
import {
  advanceStage,
  approveBonus,
  campaignId,
  choose,
  decideObjection,
  finishS4ReviewSheets,
  makeGradingRun,
  openGradingTab,
  openRun,
  publicise,
  publish,
  rankingRows,
} from "./steps/grading.js";

let browser: Browser;
let server: DemoServer;
let organiserApi: ApiSession;
let page: Page;
let id: string;
let firstRunUrl: string;

const year = new Date().getFullYear();
const CAMPAIGN = `${year}年度全县工会工作创优争先考评`;
const T01 = "城关镇工会工作委员会";
const D01 = "县教育系统工会工作委员会";
const T03 = "龙泉乡工会工作委员会";
const D02 = "县卫生健康系统工会工作委员会";
const T05 = "河西乡工会工作委员会";
const V2 = "发生重大职工、安全生产和职业危害责任事故，信息报送不力";

describe("grading, publicity and publication in the browser", () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
    organiserApi = await apiSession(server, "kaopingban");
    id = await campaignId(organiserApi, CAMPAIGN);
    ({ page } = await newPerson(browser, server, { width: 1280, height: 900 }));
    await signIn(page, "kaopingban");
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("approves the bonus and grades with the hand-worked totals, grades and quota places", async () => {
    const late = await finishS4ReviewSheets(server, organiserApi, id);
    console.log(`review sheets submitted by the test: ${late}`);
    await advanceStage(organiserApi, id); // 实地评估/复评 → 汇总定级
    await openGradingTab(page, id);
    await approveBonus(page, {
      [T01]: { J1: "2.5", J3: "1" },
      [T03]: { J4: "1" },
      [D01]: { J2: "1.5", J4: "0.5" },
    });
    await shot(page, "grading-1-tab-bonus");

    const number = await makeGradingRun(page, "汇总定级：三组评分按40%、30%、30%加权");
    expect(number).toBe(1);
    await openRun(page, number);
    firstRunUrl = page.url();
    const rows = await rankingRows(page);
    expect(rows.size).toBe(14);
    expect(rows.get(T01)).toMatch(/^1城关镇.*94\.85.*3\.00.*优秀单位.*优秀单位 第 1\/2 名/);
    expect(rows.get(D01)).toMatch(/92\.00.*优秀单位.*第 2\/2 名/);
    expect(rows.get(T03)).toMatch(/87\.55.*1\.00.*先进单位.*先进单位 第 5\/5 名/);
    expect(rows.get(D02)).toMatch(/87\.55.*0\.00.*达标单位/);
    expect(rows.get(T05)).toMatch(/89\.31.*未达标/);
    expect(rows.get(T05)).toContain(V2);
    await page.getByRole("region", { name: "等次分布" }).getByText("先进单位").waitFor();
    await shot(page, "grading-2-ranking");

    await expect.poll(() => page.locator(".ant-message-notice").count(), { timeout: 10_000 }).toBe(0);
    await page.getByRole("button", { name: T03 }).click();
    const drawer = page.getByRole("dialog").filter({ hasText: `得分说明 · ${T03}` });
    await drawer.getByText("定级依据").waitFor();
    await drawer.getByText("在“达标单位” 9 个中按 60% 确定“先进单位”名额 5 个，本单位位列第 5 位").waitFor();
    await drawer.getByText("J4 其他可以给予加分的内容").waitFor();
    await page.waitForTimeout(500); // the drawer's sliding in
    await shot(page, "grading-3-explanation");
    await drawer.locator(".ant-drawer-close").click();
    await drawer.waitFor({ state: "hidden" });

    await choose(page, "按一票否决筛选", "有否决项", page.getByText("显示 3 / 14 个单位"));
    expect(await page.locator(".ant-table-row").count()).toBe(3);
  });

  it("scrolls, sorts and filters a 10,000-unit ranking with a bounded number of rows in the page", async () => {
    const { page: big } = await newPerson(browser, server, { width: 1280, height: 900 });
    await signIn(big, "kaopingban");
    const units = 10_000;
    await big.route(/\/api\/v1\/grading-runs\/[^/?]+(\?.*)?$/, async (route) => {
      const real = await (await route.fetch()).json();
      const query = new URL(route.request().url()).searchParams;
      const limit = Number(query.get("limit") ?? 50);
      const offset = Number(query.get("offset") ?? 0);
      const items = Array.from({ length: Math.max(0, Math.min(limit, units - offset)) }, (_, k) => {
        const i = offset + k;
        const total = (99.99 - i * 0.005).toFixed(2);
        const grade = i < 1_000 ? "YX" : i < 4_000 ? "XJ" : i < 8_000 ? "DB" : "WDB";
        const names = { YX: "优秀单位", XJ: "先进单位", DB: "达标单位", WDB: "未达标" } as const;
        return {
          organisationId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
          unit: `U${String(i + 1).padStart(5, "0")}`,
          name: `合成测试单位${String(i + 1).padStart(5, "0")}`,
          category: i % 2 === 0 ? "TOWN" : "DEPT",
          rank: i + 1,
          groupRank: i + 1,
          group: "",
          total,
          points: total,
          rate: total,
          bonus: "0.00",
          grade,
          gradeName: names[grade],
          vetoes: i % 500 === 499 ? ["V2"] : [],
          flags: [],
          source: "raters",
          quota: null,
        };
      });
      await route.fulfill({ json: { ...real, items, total: units, limit, offset } });
    });
    await big.goto(firstRunUrl);
    await big.getByText(`显示 ${units} / ${units} 个单位`).waitFor({ timeout: 30_000 });
    const rows = big.locator(".ant-table-tbody-virtual .ant-table-row");
    await rows.first().waitFor();
    const rendered = await rows.count();
    console.log(`rows in the page for ${units} units: ${rendered}`);
    expect(rendered).toBeLessThan(80);

    const holder = big.locator(".ant-table-tbody-virtual-holder");
    const box = await holder.boundingBox();
    await big.mouse.move(box!.x + box!.width / 2, box!.y + box!.height / 2);
    const started = Date.now();
    let wheels = 0;
    while (!(await big.getByText("合成测试单位10000").isVisible())) {
      await big.mouse.wheel(0, 8_000);
      wheels += 1;
      if (wheels > 200) throw new Error("the last unit never came into view");
    }
    console.log(`scrolled ${units} rows to the bottom in ${Date.now() - started} ms (${wheels} wheel steps)`);
    expect(await rows.count()).toBeLessThan(80);
    // A viewport shot: a full-page one resizes the page, and the virtual list re-renders from its top.
    await big.screenshot({
      path: new URL("./screenshots/grading-4-ranking-10000-bottom.png", import.meta.url).pathname,
    });

    await big.getByRole("columnheader", { name: "总分" }).click(); // ascending: the lowest total first
    await holder.evaluate((el) => {
      el.scrollTop = 0;
    });
    await expect.poll(() => rows.first().textContent()).toContain("合成测试单位10000");
    await choose(big, "按等次筛选", "优秀单位", big.getByText("显示 1000 / 10000 个单位"));
    await big.getByLabel("搜索单位").fill("合成测试单位00500");
    await big.getByText("显示 1 / 10000 个单位").waitFor();
    expect(await big.locator(".ant-table-row").count()).toBe(1);
    await big.context().close();
  });

  it("publicises, takes D02's objection and upholds it with a corrected run", async () => {
    await advanceStage(organiserApi, id); // 汇总定级 → 公示
    await openGradingTab(page, id);
    await publicise(page);
    await page.getByText("公示中").waitFor();

    // D02's head objects through the grading tab during the period.
    const { context, page: head } = await newPerson(browser, server, { width: 1280, height: 900 });
    await signIn(head, "s4.d02.head");
    await openGradingTab(head, id);
    await head.getByRole("button", { name: "提出异议" }).click();
    const dialog = head.getByRole("dialog", { name: "对本单位定级结果提出异议" });
    await dialog
      .getByLabel("异议理由")
      .fill(
        "我单位经验材料已被市总工会转发推广，按考评办法申报“其他可以给予加分的内容”，审定加分时遗漏，请予复核。",
      );
    await shot(head, "grading-5-objection-form");
    await dialog.getByRole("button", { name: "提出异议" }).click();
    await head.getByText("异议已提交").waitFor();
    await context.close();

    await openGradingTab(page, id);
    await decideObjection(page, D02, {
      upheld: true,
      bonus: { J4: "0.5" },
      reason: "经核实，该项加分申报材料齐全，审定时遗漏，予以更正：J4 加0.5分。",
    });
    await page.getByRole("row").filter({ hasText: D02 }).getByText("成立").waitFor();
    await shot(page, "grading-6-objections");

    const upheld = page.getByRole("row").filter({ hasText: "更正后的定级：第 2 次定级" });
    await upheld.getByRole("link", { name: "查看排名" }).click();
    await page.getByText("定级结果排名").waitFor();
    await page.locator(".ant-table-row").first().waitFor();
    const rows = await rankingRows(page);
    expect(rows.get(D02)).toMatch(/^6县卫生健康系统.*88\.05.*0\.50.*先进单位.*先进单位 第 5\/5 名/);
    expect(rows.get(T03)).toMatch(/^7龙泉乡.*87\.55.*达标单位/);
    expect(rows.get(T01)).toMatch(/94\.85.*优秀单位/);
    await shot(page, "grading-7-corrected-ranking");
  });

  it("ends the period and publishes, locking the campaign", async () => {
    await openGradingTab(page, id);
    const now = Date.now();
    await publicise(page, { startsAt: new Date(now - 86_400_000), endsAt: new Date(now - 60_000) });
    await page.getByText("已结束").first().waitFor();
    await publish(page);
    await page.getByText(/已于 .* 终审公布，考评结果已锁定/).waitFor();
    await expect(page.getByRole("button", { name: "汇总定级", exact: true }).count()).resolves.toBe(0);
    await shot(page, "grading-8-published");
  });

  it("shows the unit head the unit's results across years", async () => {
    const { context, page: head } = await newPerson(browser, server, { width: 1280, height: 900 });
    await signIn(head, "s4.d02.head");
    await openGradingTab(head, id);
    await head.getByRole("link", { name: "本单位历年结果" }).click();
    await head.waitForURL(/\/organisations\/[^/]+\/results$/);
    const rows = head.locator(".ant-table-row");
    await rows.first().waitFor();
    const texts = await rows.allTextContents();
    // Last year's published S4 (the corrected run) and this year's: both 88.05, 先进单位, 6th.
    expect(texts).toHaveLength(2);
    expect(texts[0]).toMatch(new RegExp(`^${year}${year}年度全县工会工作创优争先考评88\\.05先进单位6`));
    expect(texts[1]).toMatch(
      new RegExp(`^${year - 1}${year - 1}年度全县工会工作创优争先考评88\\.05先进单位6`),
    );
    await head.getByRole("img", { name: /历年总分走势/ }).waitFor();
    await shot(head, "grading-9-results");
    await context.close();
  });
});
