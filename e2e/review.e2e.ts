/**
 * Reviewers and sampling in the browser, on the built server in demo mode.
 * (a) S4 this year is in 评审: the organiser gives 县总工会主席 (县总工会领导 group) one more union to score,
 *     白沙镇 (T07); he finds it on 评审任务, a total above the scheme's 100 is refused at the field, then he types
 *     91.5 with the keyboard (Enter saves), submits, and the sheet is locked. A union head opening his own union's
 *     sheet by URL gets the conflict-of-interest message.
 * (b) S7 is moved on to 实地评估/复评 through the API; the organiser draws a third of each category with seed
 *     20260415 (rounded up); the screen shows what the server stored and verifies; an expert then scores a drawn
 *     school with the keyboard.
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
  assignUnits,
  campaignUnits,
  findCampaign,
  makeDraw,
  moveS7ToReview,
  openSheet,
  scoreUnit,
  userId,
} from "./steps/review.js";

let browser: Browser;
let server: DemoServer;
const VIEW = { width: 1280, height: 900 };

describe("reviewers and sampling in the browser", () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("S4: a leader scores a union's total with the keyboard; too high is refused at the field", async () => {
    const organiser = await apiSession(server, "kaopingban");
    const campaign = await findCampaign(organiser, "全县工会工作创优争先考评");
    const units = await campaignUnits(organiser, campaign.id);
    const t07 = units.find((u) => u.code === "T07")!;
    const t01 = units.find((u) => u.code === "T01")!;
    await assignUnits(organiser, campaign.id, {
      userId: await userId(organiser, "zgh.chair"),
      groupCode: "LD",
      organisationIds: [t07.organisationId],
    });

    const { page } = await newPerson(browser, server, VIEW);
    await signIn(page, "zgh.chair");
    await page.goto("/reviews");
    const card = page
      .locator(".ant-card")
      .filter({ has: page.locator(".ant-card-head", { hasText: campaign.name }) });
    await card.getByRole("row").filter({ hasText: "白沙镇工会工作委员会" }).getByText("待评分").waitFor();
    await shot(page, "review-1-reviews");

    await openSheet(page, campaign.name, "白沙镇工会工作委员会");
    // S4's maximum is 100 (scheme.yaml max): 120 is refused at the total, nothing is saved.
    const total = page.getByLabel(/^总分（满分 100）/);
    await total.click();
    await page.keyboard.type("120");
    await page.keyboard.press("Enter");
    await page.getByText("不能超过满分 100").waitFor();
    await shot(page, "review-2-sheet-refused");

    await scoreUnit(page, { campaign: campaign.name, unit: "白沙镇工会工作委员会", total: "91.5" });
    await expect(page.getByLabel(/^总分（满分 100）/).isDisabled()).resolves.toBe(true);
    await shot(page, "review-3-sheet-submitted");

    const view = await (await apiSession(server, "zgh.chair")).get<{
      sheets: Array<{ groupCode: string; total: string; submitted: boolean }>;
    }>(`/campaigns/${campaign.id}/units/${t07.organisationId}/review`);
    expect(view.sheets).toEqual([
      expect.objectContaining({ groupCode: "LD", total: "91.5", submitted: true }),
    ]);

    // 回避: the head of 城关镇 (an FZR rater) opening his own union's sheet by URL.
    const head = await newPerson(browser, server, VIEW);
    await signIn(head.page, "t01.head");
    await head.page.goto(`/campaigns/${campaign.id}/units/${t01.organisationId}/review/FZR`);
    await head.page.getByText("按照回避规则，评审人员不得评本单位及其上级单位").waitFor();
    await shot(head.page, "review-4-conflict");

    // The organiser's review tab: the assignments with the conflict rule, and the progress per group.
    const organiserPage = (await newPerson(browser, server, VIEW)).page;
    await signIn(organiserPage, "kaopingban");
    await organiserPage.goto(`/campaigns/${campaign.id}?tab=review`);
    await organiserPage.getByText("评审进度").waitFor();
    // t01.head (an FZR rater) may not score his own union: it is listed as his conflict.
    const t01Head = await userId(organiser, "t01.head");
    const headRow = organiserPage.locator(`tr[data-row-key="FZR|${t01Head}"]`);
    await headRow.getByTestId("conflict-unit").filter({ hasText: "城关镇工会工作委员会" }).waitFor();
    await shot(organiserPage, "review-5-assignments");
  });

  it("S7: the organiser's draw shows what the server verifies, then an expert scores a drawn school", async () => {
    const campaign = await moveS7ToReview(server);
    const organiser = await apiSession(server, "s7.dudao");
    const units = await campaignUnits(organiser, campaign.id);

    const { page } = await newPerson(browser, server, VIEW);
    await signIn(page, "s7.dudao");
    const shown = await makeDraw(page, { campaignId: campaign.id, fraction: "1/3", seed: "20260415" });
    await page
      .getByRole("button", { name: /验\s*证/ })
      .first()
      .click();
    await page.getByText("验证通过：用种子 20260415 重新抽取，结果与记录一致").waitFor();
    await shot(page, "review-6-draw");

    const draws = await organiser.get<{ items: Array<{ id: string; result: { selected: string[] } }> }>(
      `/campaigns/${campaign.id}/draws`,
    );
    const stored = draws.items.at(-1)!;
    expect(shown).toEqual(stored.result.selected);
    const verify = await organiser.get<{ ok: boolean }>(
      `/campaigns/${campaign.id}/draws/${stored.id}/verify`,
    );
    expect(verify.ok).toBe(true);
    // 初中 5 and 小学 7 at 1/3 rounded up: ⌈5/3⌉ = ⌈1.67⌉ = 2 and ⌈7/3⌉ = ⌈2.33⌉ = 3.
    const category = (code: string) => units.find((u) => u.code === code)?.category;
    expect(shown.filter((c) => category(c) === "CZ")).toHaveLength(2);
    expect(shown.filter((c) => category(c) === "XX")).toHaveLength(3);
    expect(units.filter((u) => u.category === "CZ")).toHaveLength(5);
    expect(units.filter((u) => u.category === "XX")).toHaveLength(7);

    // The drawn 初中 first in the draw goes to expert 1 as well (site visit), who scores it in the browser.
    const school = units.find((u) => u.code === shown.find((c) => category(c) === "CZ"))!;
    await assignUnits(organiser, campaign.id, {
      userId: await userId(organiser, "s7.expert1"),
      groupCode: "review",
      organisationIds: [school.organisationId],
    });
    const expert = (await newPerson(browser, server, VIEW)).page;
    await signIn(expert, "s7.expert1");
    await openSheet(expert, campaign.name, school.name);
    await shot(expert, "review-7-expert-sheet");
    // A1.2 is the first box; Enter moves to the next one in order (A4's first deduction count).
    const first = expert.getByLabel("A1.2 学校布局与办学规模 评分", { exact: true });
    await first.click();
    await expert.keyboard.type("18");
    await expert.keyboard.press("Enter");
    await expect(expert.locator(":focus").getAttribute("aria-label")).resolves.toMatch(/^A4 A4\.a 次数$/);
    // A manual score above its maximum (C4: 50) is refused at the field.
    const c4 = expert.getByLabel("C4 校长及教师管理 评分", { exact: true });
    await c4.fill("55");
    await expert.getByText("不能超过满分 50").waitFor({ timeout: 5_000 });
    await scoreUnit(expert, {
      campaign: campaign.name,
      unit: school.name,
      leaves: [
        { label: "C4 校长及教师管理 评分", value: "44" },
        { label: "D1 规章制度与依法办学 评分", value: "44" },
        { label: "E1 教育教学质量 评分", value: "42" },
      ],
    });
    await shot(expert, "review-8-expert-submitted");
    const sheet = await (await apiSession(server, "s7.expert1")).get<{
      sheets: Array<{ scores: Record<string, unknown>; submitted: boolean }>;
    }>(`/campaigns/${campaign.id}/units/${school.organisationId}/review`);
    expect(sheet.sheets[0]).toMatchObject({ submitted: true, scores: { C4: "44", D1: "44", E1: "42" } });
  });
});
