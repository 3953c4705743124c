/**
 * The leader (viewer, 青山县副县长) on the dashboard of the demo: last year's published S4 campaign, read from the
 * charts' data tables and checked against figures worked out here from S4's hand-worked final results
 * (packages/server/src/__tests__/s4-campaign.test.ts, FINAL), then one union's radar and trend, and the progress
 * of this year's running campaigns.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoServer, launchBrowser, newPerson, shot, signIn, startDemoServer } from "./harness.js";
import { chart, chartData, choose, OPEN_OPTIONS, openDashboard, summary } from "./steps/dashboard.js";

/** S4's published (corrected) run: union, total, grade, rank. */
const FINAL: Array<[string, string, string, number]> = [
  ["城关镇工会工作委员会", "94.85", "优秀单位", 1],
  ["县教育系统工会工作委员会", "92.00", "优秀单位", 2],
  ["石桥镇工会工作委员会", "90.85", "先进单位", 3],
  ["河西乡工会工作委员会", "89.31", "未达标", 4],
  ["县农业农村局工会工作委员会", "88.42", "先进单位", 5],
  ["县卫生健康系统工会工作委员会", "88.05", "先进单位", 6],
  ["龙泉乡工会工作委员会", "87.55", "达标单位", 7],
  ["杨柳镇工会工作委员会", "85.23", "达标单位", 8],
  ["县交通运输局工会工作委员会", "83.28", "达标单位", 9],
  ["县经济开发区工会工作委员会", "82.23", "未达标", 10],
  ["白沙镇工会工作委员会", "81.00", "未达标", 11],
  ["马集镇工会工作委员会", "80.00", "达标单位", 12],
  ["县住房和城乡建设局工会工作委员会", "79.23", "未达标", 13],
  ["县商务局工会工作委员会", "75.23", "未达标", 14],
];

const cents = (total: string) => Math.round(Number(total) * 100);
const money = (c: number) => (c / 100).toFixed(2);
/** Half-up to 2 places of a sum of cents divided by n (the totals are exact to the cent). */
const meanOf = (sum: number, n: number) => money(Math.floor((2 * sum + n) / (2 * n)));

// Worked out from FINAL: the sum of the totals is 1197.23, so the mean is 85.516… → 85.52; the 7th and 8th
// totals are 87.55 and 85.23, so the median is 86.39.
const sum = FINAL.reduce((s, [, total]) => s + cents(total), 0);
const MEAN = meanOf(sum, FINAL.length);
const MEDIAN = money((cents(FINAL[6]![1]) + cents(FINAL[7]![1])) / 2);

let browser: Browser;
let server: DemoServer;
let page: Page;
const lastYear = new Date().getFullYear() - 1;
const thisYear = lastYear + 1;

describe("leader on the dashboard", () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
    ({ page } = await newPerson(browser, server, { width: 1280, height: 900 }));
    await signIn(page, "leader");
    await openDashboard(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("opens on last year's published S4 campaign with its summary, distribution and grades", async () => {
    expect(sum).toBe(119723);
    expect([MEAN, MEDIAN]).toEqual(["85.52", "86.39"]);
    await page.getByText(`${lastYear}年度全县工会工作创优争先考评（已发布）`).waitFor();
    await shot(page, "dashboard-1-overview");

    expect(await summary(page)).toMatchObject({
      参评单位: "14",
      平均分: MEAN,
      中位数: MEDIAN,
      最高分: "94.85",
      最低分: "75.23",
    });

    // Bands of 10 points from the lowest occupied one: floor(total ÷ 10) × 10.
    const bands = new Map<string, number>();
    for (const [, total] of FINAL) {
      const from = Math.floor(Number(total) / 10) * 10;
      const band = `${from}–${from + 10}`;
      bands.set(band, (bands.get(band) ?? 0) + 1);
    }
    expect(Object.fromEntries(bands)).toEqual({ "90–100": 3, "80–90": 9, "70–80": 2 });
    const histogram = await chartData(page, "总分分布");
    expect(histogram.map(([band, count]) => [band, Number(count)])).toEqual([
      ["70–80", 2],
      ["80–90", 9],
      ["90–100", 3],
    ]);

    const grades = new Map<string, number>();
    for (const [, , grade] of FINAL) grades.set(grade, (grades.get(grade) ?? 0) + 1);
    expect(Object.fromEntries(grades)).toEqual({ 优秀单位: 2, 先进单位: 3, 达标单位: 4, 未达标: 5 });
    const gradeRows = await chartData(page, "等次分布");
    expect(gradeRows.map(([name]) => name)).toEqual(["优秀单位", "先进单位", "达标单位", "未达标"]);
    expect(Object.fromEntries(gradeRows.map(([name, count]) => [name, Number(count)]))).toEqual(
      Object.fromEntries(grades),
    );
  });

  it("shows the first and last ten of the ranking with a link to the full one", async () => {
    const top = await chartData(page, "排名前 10 位");
    expect(top).toEqual(
      FINAL.slice(0, 10).map(([name, total, grade, rank]) => [String(rank), name, total, grade]),
    );
    expect(top[0]).toEqual(["1", "城关镇工会工作委员会", "94.85", "优秀单位"]);
    expect(top[5]).toEqual(["6", "县卫生健康系统工会工作委员会", "88.05", "先进单位"]);

    await chart(page, "排名前 10 位").getByText("后 10 名").click();
    const bottom = await chartData(page, "排名后 10 位");
    expect(bottom).toEqual(
      FINAL.slice(4).map(([name, total, grade, rank]) => [String(rank), name, total, grade]),
    );
    await shot(page, "dashboard-2-data");
    await expect(
      chart(page, "排名后 10 位").getByRole("link", { name: "完整排名" }).getAttribute("href"),
    ).resolves.toMatch(/^\/grading-runs\/[^/]+$/);
  });

  it("compares one union's first-level indicators with the average and shows its trend", async () => {
    await choose(page, "分析单位", "县卫生健康系统工会工作委员会");
    const radarTitle = "一级指标得分率 · 县卫生健康系统工会工作委员会";
    await chart(page, radarTitle).getByRole("img").waitFor();
    await shot(page, "dashboard-3-unit");

    const radar = await chartData(page, radarTitle);
    // S4's first-level indicators and their maxima (schemes/s04-trade-union): 重点工作目标 70, 共性工作目标 30.
    expect(radar.map(([name, max]) => [name, max])).toEqual([
      ["重点工作目标", "70.00"],
      ["共性工作目标", "30.00"],
    ]);
    for (const [, max, applicable, score, rate, average] of radar) {
      expect(Number(applicable)).toBeLessThanOrEqual(Number(max));
      // 得分率 = 得分 ÷ 适用满分 × 100, to 2 places
      expect(rate).toBe(`${((Number(score) / Number(applicable)) * 100).toFixed(2)}%`);
      expect(average).toMatch(/^\d+\.\d{2}%$/);
      expect(Number.parseFloat(average!)).toBeLessThanOrEqual(100);
    }

    // The demo has one published S4 year: D02's corrected total, grade, rank and that year's mean.
    const trend = await chartData(page, "历年趋势 · 县卫生健康系统工会工作委员会");
    expect(trend).toEqual([[String(lastYear), "88.05", "先进单位", "6", MEAN]]);
  });

  it("shows the progress of this year's running campaigns", async () => {
    // README's demo: S4 this year is in 评审 with all 14 unions submitted; S7 is in 单位自评 with its 12 schools
    // filling in (drafts); nothing late, nothing returned.
    const s4 = `${thisYear}年度全县工会工作创优争先考评`;
    const s7 = `${thisYear}年义务教育标准化学校评估验收`;
    await chart(page, s4).getByText("当前：实地评估/复评").waitFor();
    await chart(page, s7).getByText("当前：单位自评").waitFor();
    const counts = async (title: string) =>
      Object.fromEntries(
        (await chartData(page, title)).map(([part, item, n]) => [`${part}${item}`, Number(n)]),
      );
    expect(await counts(s4)).toMatchObject({
      单位自评参评单位: 14,
      单位自评已提交: 14,
      单位自评已退回: 0,
      单位自评逾期: 0,
      单位自评填报中: 0,
    });
    expect(await counts(s7)).toMatchObject({
      单位自评参评单位: 12,
      单位自评已提交: 0,
      单位自评填报中: 12,
      单位自评已退回: 0,
      单位自评逾期: 0,
    });
    await shot(page, "dashboard-4-progress");
  });

  it("lists this year's S4 among the campaigns only once it has a grading run", async () => {
    await page.getByLabel("考评活动", { exact: true }).click();
    const options = page.locator(OPEN_OPTIONS);
    await options.filter({ hasText: `${lastYear}年度全县工会工作创优争先考评（已发布）` }).waitFor();
    expect(await options.count()).toBe(1);
    await page.keyboard.press("Escape");
  });
});
