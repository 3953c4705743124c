/**
 * A whole S4 campaign (全县工会工作创优争先考评) through the browser, from the wizard to the leader's dashboard:
 * the organiser kaopingban creates it for 城关镇 (T01, 乡镇) and 县教育系统 (D01, 县直) with one rater per group,
 * both unit heads fill and submit their self-evaluations, the organiser accepts them and opens the review, the
 * three raters score both totals, the organiser approves T01's bonus, grades, publicises and publishes, and the
 * leader reads the result on the dashboard. The API is used only to read back what the screens stored.
 *
 * Hand working from schemes/s04-trade-union/scheme.yaml:
 *
 * Self-evaluation of T01 (base data 应建会 40, 已建会 38, 工资协商 36, 新会员 120 of 100, no accident or breach):
 *   A1.1 建会率 38/40 = 0.95, linear (0.9 → 0.6, 1 → 1): 0.6 + 0.05/0.1 × 0.4 = 0.8 × 20 = 16
 *   A1.2 建制率 36/40 = 0.90, linear (0.8 → 0.6, 1 → 1): 0.6 + 0.1/0.2 × 0.4 = 0.8 × 20 = 16
 *   A2.1 好 6; A2.2 5.5; A3.1 120/100 (share, 超额得满分) 6; A3.2 是 4; A4.1 one report short 4 − 0.5 = 3.5;
 *   A4.2 3.5; B1 10, B2 5, B3 all four 6, B4 5, B5 4 (no deductions)  → 32 + 28.5 + 30 = 90.50.
 * D01 (应建会 50, 已建会 48, 工资协商 35): 48/50 = 0.96 ≥ 0.9 but 35/50 = 0.70 < 0.8, so
 *   V1 “两个普遍”工作目标没有完成 (effect fail) trips: D01 is 未达标 whatever its score. Its self-evaluation: A1.1
 *   0.6 + 0.06/0.1 × 0.4 = 0.84 × 20 = 16.8; A1.2 linear (0.5 → 0, 0.8 → 0.6): 0.2/0.3 × 0.6 = 0.4 × 20 = 8; A3.1
 *   90/100 × 6 = 5.4; the rest as T01 but B2 联席会议 不适用 for 县直 → 52.7 + 25 = 77.7 of 95, rebased to 百分制
 *   77.7 / 95 × 100 = 81.789… → 81.79.
 *
 * Review (raters.scope total; one rater per group, so FZR and BS, trimmed mean only from 5 raters, take the mean):
 *   T01: LD 92, FZR 90, BS 88 → 0.4 × 92 + 0.3 × 90 + 0.3 × 88 = 36.80 + 27.00 + 26.40 = 90.20
 *   D01: LD 85, FZR 86, BS 87 → 0.4 × 85 + 0.3 × 86 + 0.3 × 87 = 34.00 + 25.80 + 26.10 = 85.90
 * Bonus, approved by the organiser and added once after the weighting (each item ≤ 2): T01 J1 1.5 → 91.70.
 * Grading (basis total, quotas half-up): 达标 needs ≥ 80 and no failing veto — D01's V1 puts it straight in
 *   未达标, so the 达标 pool holds T01 alone. 先进 = 0.6 × 1 = 0.6 → 1 place: T01 先进单位 (1st of 1).
 *   优秀 = 0.3 × (先进 1) = 0.3 → 0 places. Result: 1 T01 91.70 先进单位; 2 D01 85.90 未达标 (V1).
 * Dashboard: 2 units, mean = median = (91.70 + 85.90) / 2 = 88.80, highest 91.70, lowest 85.90; bands 80–90: 1,
 *   90–100: 1; grades 先进单位 1, 未达标 1.
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
  acceptSelfEvaluation,
  advanceStageInBrowser,
  createCampaign,
  S4_TWO_UNIONS,
  s4Stages,
} from "./steps/campaign.js";
import { chartData, choose as chooseOption, openDashboard, summary } from "./steps/dashboard.js";
import {
  approveBonus,
  makeGradingRun,
  openGradingTab,
  openRun,
  publicise,
  publish,
  rankingRows,
} from "./steps/grading.js";
import { scoreUnit } from "./steps/review.js";
import {
  expectLiveTotal,
  fillIndicator,
  type IndicatorValue,
  openOwnSelfEvaluation,
  submitSelfEvaluation,
} from "./steps/self-evaluation.js";

const VIEW = { width: 1280, height: 900 };
const YEAR = new Date().getFullYear() + 1;
const NAME = `${YEAR}年度全县工会工作创优争先考评（全流程）`;
const T01 = "城关镇工会工作委员会";
const D01 = "县教育系统工会工作委员会";
const V1 = "“两个普遍”工作目标没有完成";

let browser: Browser;
let server: DemoServer;
let organiser: Page;
let organiserApi: ApiSession;
let id: string;

/** 基础数据 tab: the fields S4's formulas and vetoes read, then back to the indicators. */
async function fillBaseData(page: Page, numbers: Record<string, number>, flags: Record<string, boolean>) {
  await page.getByRole("tab", { name: "基础数据" }).click();
  const card = page
    .locator(".ant-card:visible")
    .filter({ has: page.getByLabel("应建会企业数（个）", { exact: true }) })
    .last();
  await card.waitFor();
  for (const [label, value] of Object.entries(numbers)) {
    const input = card.getByLabel(label, { exact: true });
    await input.fill(String(value));
    await input.blur();
  }
  for (const [label, value] of Object.entries(flags)) {
    await card
      .getByLabel(label, { exact: true })
      .getByRole("radio", { name: value ? "是" : "否", exact: true })
      .check();
  }
  await card.getByRole("status").filter({ hasText: "已保存" }).waitFor({ timeout: 15_000 });
  await page.getByRole("tab", { name: "指标自评" }).click();
}

/** The indicators both unions fill alike (the rest are formulas of the base data). */
const COMMON: Array<[string, IndicatorValue]> = [
  ["A2.1", { level: "HAO" }],
  ["A2.2", { score: 5.5 }],
  ["A3.2", { met: true }],
  ["A4.1", { deductions: { "A4.1.a": 1 } }],
  ["A4.2", { score: 3.5 }],
  ["B1", { deductions: {} }],
  ["B3", { checked: ["B3.1", "B3.2", "B3.3", "B3.4"] }],
  ["B4", { deductions: {} }],
  ["B5", { deductions: {} }],
];

const FIELDS = {
  accident: "发生重大职工、安全生产和职业危害责任事故且信息报送不力",
  breach: "违反党风廉政建设、综合治理、计划生育有关规定",
};

describe("a whole S4 campaign in the browser", { timeout: 180_000 }, () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
    organiserApi = await apiSession(server, "kaopingban");
    ({ page: organiser } = await newPerson(browser, server, VIEW));
    await signIn(organiser, "kaopingban");
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("1. the organiser creates and starts the campaign with the wizard", async () => {
    id = await createCampaign(organiser, {
      name: NAME,
      year: YEAR,
      scheme: "全县工会工作创优争先",
      units: S4_TWO_UNIONS,
      stages: s4Stages(YEAR),
      raters: {
        县总工会领导: ["zgh.chair"],
        其他申报单位主要负责人: ["t02.head"],
        县总工会相关部室负责人: ["zgh.office"],
      },
      shots: "s4flow-1-wizard",
    });
    await organiser.locator(".ant-card").first().getByText("进行中").first().waitFor();
    await advanceStageInBrowser(organiser, id); // 动员部署 → 单位自评
    const stageRows = organiser
      .locator(".ant-card")
      .filter({ hasText: "各阶段进度" })
      .locator(".ant-table-row");
    await stageRows.nth(1).filter({ hasText: "进行中" }).waitFor();
    await shot(organiser, "s4flow-2-self-evaluation-open");

    const campaign = await organiserApi.get<{
      status: string;
      currentStage: string;
      raterGroups: Array<{ code: string; members: Array<{ username: string }> }>;
    }>(`/campaigns/${id}`);
    expect(campaign).toMatchObject({ status: "running", currentStage: "self_evaluation" });
    expect(
      Object.fromEntries(campaign.raterGroups.map((g) => [g.code, g.members.map((m) => m.username)])),
    ).toEqual({ LD: ["zgh.chair"], FZR: ["t02.head"], BS: ["zgh.office"] });
  });

  it("2. both unit heads fill their self-evaluations (D01 trips V1) and submit", async () => {
    const { context, page } = await newPerson(browser, server, VIEW);
    await signIn(page, "t01.head");
    const t01 = await openOwnSelfEvaluation(page, T01);
    expect(t01.campaignId).toBe(id);
    await fillBaseData(
      page,
      {
        "应建会企业数（个）": 40,
        "已建会企业数（个）": 38,
        "已建立工资集体协商制度企业数（个）": 36,
        "全年新发展会员数（人）": 120,
        "新发展会员任务数（人）": 100,
      },
      { [FIELDS.accident]: false, [FIELDS.breach]: false },
    );
    for (const [code, value] of COMMON) await fillIndicator(page, code, value);
    await fillIndicator(page, "B2", { deductions: {} });
    await expectLiveTotal(page, "90.50");
    // Alone, T01 cannot be told 先进 or 优秀 (quotas depend on the others): it shows the grade it keeps, 达标单位.
    await expect(page.getByTestId("live-total").textContent()).resolves.toMatch(/90\.50.*达标单位/);
    await shot(page, "s4flow-3-t01-self-evaluation");
    await submitSelfEvaluation(page);
    await context.close();

    const d = await newPerson(browser, server, VIEW);
    await signIn(d.page, "d01.head");
    const d01 = await openOwnSelfEvaluation(d.page, D01);
    expect(d01.campaignId).toBe(id);
    await fillBaseData(
      d.page,
      {
        "应建会企业数（个）": 50,
        "已建会企业数（个）": 48,
        "已建立工资集体协商制度企业数（个）": 35,
        "全年新发展会员数（人）": 90,
        "新发展会员任务数（人）": 100,
      },
      { [FIELDS.accident]: false, [FIELDS.breach]: false },
    );
    for (const [code, value] of COMMON) await fillIndicator(d.page, code, value);
    await fillIndicator(d.page, "B2", { notApplicable: true });
    await expectLiveTotal(d.page, "81.79");
    await expect(d.page.getByTestId("live-total").textContent()).resolves.toContain("未达标");
    await shot(d.page, "s4flow-4-d01-self-evaluation");
    await submitSelfEvaluation(d.page);
    await d.context.close();

    const stored = await organiserApi.get<{ data: Record<string, unknown>; status: string }>(
      `/campaigns/${id}/self-evaluations/${d01.organisationId}`,
    );
    expect(stored.status).toBe("submitted");
    expect(stored.data).toMatchObject({ firms_required: 50, unionised_firms: 48, wage_firms: 35 });
  });

  it("3. the organiser accepts both, opens the review and assigns the raters", async () => {
    await acceptSelfEvaluation(organiser, id, T01);
    await acceptSelfEvaluation(organiser, id, D01);
    await organiser.getByText("暂无待初审的自评").waitFor();
    await shot(organiser, "s4flow-5-accepted");
    await advanceStageInBrowser(organiser, id); // 单位自评 → 实地评估/复评

    await organiser.goto(`/campaigns/${id}?tab=review`);
    const card = organiser.locator(".ant-card").filter({ hasText: "保存分工" }).first();
    await card.locator(".ant-table-row").first().waitFor();
    const rows = card.locator(".ant-table-row");
    expect(await rows.count()).toBe(3);
    for (const row of await rows.all()) await row.getByRole("button", { name: /全\s*选/ }).click();
    const save = card.getByRole("button", { name: "保存分工" });
    if (await save.isEnabled()) {
      await save.click();
      await organiser.getByText("评审分工已保存").first().waitFor();
    }
    await card.locator(".ant-table-row").first().waitFor(); // the tab reloads after the save
    await shot(organiser, "s4flow-6-assignments");
    const plan = await organiserApi.get<{
      assignments: Array<{ groupCode: string; organisationIds: string[] }>;
    }>(`/campaigns/${id}/assignments`);
    expect(plan.assignments.map((a) => [a.groupCode, a.organisationIds.length]).sort()).toEqual([
      ["BS", 2],
      ["FZR", 2],
      ["LD", 2],
    ]);
  });

  it("4. the three raters score both unions' totals and submit", async () => {
    const scores: Array<[string, Record<string, string>]> = [
      ["zgh.chair", { [T01]: "92", [D01]: "85" }],
      ["t02.head", { [T01]: "90", [D01]: "86" }],
      ["zgh.office", { [T01]: "88", [D01]: "87" }],
    ];
    for (const [rater, totals] of scores) {
      const { context, page } = await newPerson(browser, server, VIEW);
      await signIn(page, rater);
      for (const [unit, total] of Object.entries(totals)) {
        await scoreUnit(page, { campaign: NAME, unit, total });
      }
      if (rater === "zgh.chair") await shot(page, "s4flow-7-review-sheet");
      await page.goto("/reviews");
      await page.getByText(NAME).first().waitFor();
      if (rater === "zgh.office") await shot(page, "s4flow-8-reviews-done");
      await context.close();
    }
  });

  it("5. the organiser approves the bonus and grades: totals and grades as worked out by hand", async () => {
    await advanceStageInBrowser(organiser, id); // 实地评估/复评 → 汇总定级
    await openGradingTab(organiser, id);
    await approveBonus(organiser, { [T01]: { J1: "1.5" } });
    await shot(organiser, "s4flow-9-bonus");
    const number = await makeGradingRun(organiser, "汇总定级：三组评分按40%、30%、30%加权，加分审定后计入");
    expect(number).toBe(1);
    await openRun(organiser, number);
    const rows = await rankingRows(organiser);
    expect(rows.size).toBe(2);
    expect(rows.get(T01)).toMatch(/^1城关镇工会工作委员会.*91\.70.*1\.50.*先进单位.*先进单位 第 1\/1 名/);
    expect(rows.get(D01)).toMatch(/^2县教育系统工会工作委员会.*85\.90.*0\.00.*未达标/);
    expect(rows.get(D01)).toContain(V1);
    expect(rows.get(T01)).not.toContain(V1);
    await organiser.getByRole("region", { name: "等次分布" }).getByText("先进单位").waitFor();
    await shot(organiser, "s4flow-10-ranking");
  });

  it("6. the explanation shows the weighting; publicity, then publication", async () => {
    await expect.poll(() => organiser.locator(".ant-message-notice").count(), { timeout: 10_000 }).toBe(0);
    await organiser.getByRole("button", { name: T01 }).click();
    const drawer = organiser.getByRole("dialog").filter({ hasText: `得分说明 · ${T01}` });
    await drawer.getByText("定级依据").waitFor();
    const groups = drawer.getByRole("region", { name: "评分组" });
    const groupRows = (await groups.locator(".ant-table-row").allTextContents()).map((t) => t.trim());
    expect(groupRows).toEqual([
      "县总工会领导40%92.0092.00",
      "其他申报单位主要负责人30%90.0090.00",
      "县总工会相关部室负责人30%88.0088.00",
    ]);
    await drawer.getByText("各组加权总评分 90.20 分").waitFor();
    await drawer.getByText("J1 工会工作重大创新").waitFor();
    await drawer.getByText("在“达标单位” 1 个中按 60% 确定“先进单位”名额 1 个，本单位位列第 1 位").waitFor();
    await organiser.waitForTimeout(500); // the drawer's sliding in, for the screenshot
    await shot(organiser, "s4flow-11-explanation");
    await drawer.locator(".ant-drawer-close").click();
    await drawer.waitFor({ state: "hidden" });

    await advanceStageInBrowser(organiser, id); // 汇总定级 → 公示
    await openGradingTab(organiser, id);
    await publicise(organiser);
    await organiser.getByText("公示中").first().waitFor();
    await shot(organiser, "s4flow-12-publicity");
    // The period is moved into the past so that it has ended and publication is open, as grading.e2e.ts does.
    const now = Date.now();
    await publicise(organiser, { startsAt: new Date(now - 86_400_000), endsAt: new Date(now - 60_000) });
    await organiser.getByText("已结束").first().waitFor();
    await publish(organiser);
    await organiser.getByText(/已于 .* 终审公布，考评结果已锁定/).waitFor();
    await organiser
      .locator(".ant-modal-wrap")
      .filter({ hasText: "确认终审公布？" })
      .waitFor({ state: "hidden" });
    await shot(organiser, "s4flow-13-published");
    const campaign = await organiserApi.get<{ publishedAt: string | null }>(`/campaigns/${id}`);
    expect(campaign.publishedAt).not.toBeNull();
  });

  it("7. the leader reads the campaign's grades and ranking on the dashboard", async () => {
    const { context, page } = await newPerson(browser, server, VIEW);
    await signIn(page, "leader");
    await openDashboard(page);
    await chooseOption(page, "考评活动", `${NAME}（已发布）`);
    // The charts redraw once the chosen campaign's figures arrive: its ranking (titled by the number of bars, 2
    // here) is read until it shows them.
    await expect
      .poll(() => chartData(page, "排名前 2 位"), { timeout: 15_000 })
      .toEqual([
        ["1", T01, "91.70", "先进单位"],
        ["2", D01, "85.90", "未达标"],
      ]);
    await shot(page, "s4flow-14-dashboard");
    expect(await summary(page)).toMatchObject({
      参评单位: "2",
      平均分: "88.80",
      中位数: "88.80",
      最高分: "91.70",
      最低分: "85.90",
    });
    const grades = await chartData(page, "等次分布");
    expect(Object.fromEntries(grades.map(([name, count]) => [name, Number(count)]))).toMatchObject({
      先进单位: 1,
      未达标: 1,
    });
    expect(grades.reduce((sum, [, count]) => sum + Number(count), 0)).toBe(2);
    const histogram = await chartData(page, "总分分布");
    expect(histogram.map(([band, count]) => [band, Number(count)])).toEqual([
      ["80–90", 1],
      ["90–100", 1],
    ]);
    await shot(page, "s4flow-15-dashboard-data");
    await context.close();
  });
});
