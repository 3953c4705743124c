/**
 * 满意度调查 end to end on the demo's S8 campaign (县教育局所属学校绩效考核): the organiser sets up a survey for
 * 城关镇第二小学 whose key question feeds 社会评价 (C), 52 respondents answer it on a phone through the public page
 * (one link each, no sign-in), a used link is refused, and the organiser's tab shows the satisfaction rate, mean
 * and C's score, each checked against figures worked out here from the answers given.
 */
import type { Browser } from "playwright-core";
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

/** 满意 / 基本满意 / 不满意 (S8's C answers) per respondent group, in the order the links are answered. */
const PLAN = { parents: [20, 8, 2], teachers: [8, 4, 0], public: [2, 4, 4] } as const;
const LABELS = ["满意", "基本满意", "不满意"] as const;

/** Half-up to two places of a fraction of integers, as the server prints rates and means. */
function halfUp(numerator: number, denominator: number): string {
  const hundredths = Math.floor((200 * numerator + denominator) / (2 * denominator));
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, "0")}`;
}

// Worked out from PLAN: 52 respondents, 满意 30, 基本满意 16, 不满意 6.
const counts = [0, 1, 2].map((i) => Object.values(PLAN).reduce((sum, g) => sum + g[i]!, 0));
const total = counts.reduce((a, b) => a + b, 0);
const satisfied = counts[0]! + counts[1]!;
/** 满意率 = 46 / 52 = 88.4615…% → 88.46 */
const RATE = halfUp(100 * satisfied, total);
/** 平均分 with 3, 2, 1 points (made from the indicator's answers): (90 + 32 + 6) / 52 = 128 / 52 = 2.4615… → 2.46 */
const MEAN = halfUp(3 * counts[0]! + 2 * counts[1]! + counts[2]!, total);
/** C: 20 points, linear from 75% (0) to 100% (full): 20 × (46/52 − 0.75) / 0.25 = (80×46 − 60×52)/52 = 560/52 → 10.77 */
const SCORE = halfUp(80 * satisfied - 60 * total, total);

let browser: Browser;
let server: DemoServer;
let organiser: ApiSession;
let campaignId: string;
let links: Array<{ groupCode: string; url: string }>;

describe("a satisfaction survey answered through the public page", () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
    organiser = await apiSession(server, "dudao");
    const campaigns = await organiser.get<{ items: Array<{ id: string; name: string }> }>("/campaigns");
    campaignId = campaigns.items.find((c) => c.name.includes("所属学校绩效考核"))!.id;
    const units = await organiser.get<{ items: Array<{ organisationId: string; code: string }> }>(
      `/campaigns/${campaignId}/units?limit=500`,
    );
    const school = units.items.find((u) => u.code === "P02")!.organisationId;
    const indicators = await organiser.get<{ items: Array<{ code: string; levels: unknown[] }> }>(
      `/campaigns/${campaignId}/satisfaction-indicators`,
    );
    const survey = await organiser.send<{ id: string }>("POST", `/campaigns/${campaignId}/surveys`, {
      definition: {
        title: "城关镇第二小学家校满意度调查",
        questions: [
          { code: "Q1", type: "likert", text: "您对学校的总体评价", levels: indicators.items[0]!.levels },
          { code: "Q2", type: "text", text: "意见和建议", required: false },
        ],
        groups: [
          { code: "parents", name: "家长", minShare: "0.5" },
          { code: "teachers", name: "教师", minShare: "0.2" },
          { code: "public", name: "社会人士", minShare: "0" },
        ],
        sample: { minimum: 52, perMille: "1.5", populationField: null },
        keyQuestion: "Q1",
        indicatorCode: indicators.items[0]!.code,
      },
      units: [{ organisationId: school }],
    });
    const issued = await organiser.send<{ items: Array<{ groupCode: string; url: string }> }>(
      "POST",
      `/surveys/${survey.id}/tokens`,
      { counts: { parents: 30, teachers: 12, public: 10 } },
    );
    links = issued.items;
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("takes 52 answers on a phone, one per link, without signing in", async () => {
    const { page } = await newPerson(browser, server, { width: 390, height: 844 });
    let answered = 0;
    for (const [group, plan] of Object.entries(PLAN)) {
      const own = links.filter((l) => l.groupCode === group);
      const levels = plan.flatMap((count, i) => Array.from({ length: count }, () => LABELS[i]!));
      for (const [i, label] of levels.entries()) {
        await page.goto(new URL(own[i]!.url).pathname);
        await page.getByText("被评价单位：城关镇第二小学").waitFor();
        if (answered === 0) {
          // Nothing chosen: the required question is pointed out and nothing is sent.
          await page.getByRole("button", { name: "提交问卷" }).click();
          await page.getByText("请回答此题").waitFor();
          await shot(page, "survey-public-phone");
        }
        await page.getByRole("radio", { name: label, exact: true }).check();
        if (i === 0) await page.getByRole("textbox").fill("希望学校多组织课外实践活动");
        await page.getByRole("button", { name: "提交问卷" }).click();
        await page.getByText("提交成功，感谢您的参与！").waitFor();
        answered += 1;
      }
    }
    expect(answered).toBe(52);
    // The page fits the phone: nothing wider than the screen.
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
  }, 600_000);

  it("refuses a used link, on the page and through the API", async () => {
    const { page } = await newPerson(browser, server, { width: 390, height: 844 });
    const used = new URL(links[0]!.url).pathname;
    await page.goto(used);
    await page.getByText("该问卷链接已提交过，每个链接只能提交一次。").waitFor();
    const again = await fetch(`${server.baseUrl}/api/v1/public/surveys/${used.slice(3)}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ answers: { Q1: "MY" } }),
    });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { message: { zh: string } } }).error.message.zh).toBe(
      "该问卷链接已提交过，每个链接只能提交一次",
    );
  });

  it("shows the organiser the rate, the mean and the fed indicator's score", async () => {
    const { page } = await newPerson(browser, server);
    await signIn(page, "dudao");
    await page.goto(`/campaigns/${campaignId}?tab=surveys`);
    const card = page.locator(".ant-card").filter({ hasText: "城关镇第二小学家校满意度调查" });
    await card.getByText("已发放 52 份，已回收 52 份").waitFor();
    const row = card.locator("tr").filter({ hasText: "城关镇第二小学" }).first();
    expect(await row.getByTestId("survey-rate").textContent()).toBe(`${RATE}%`);
    expect(await row.getByTestId("survey-mean").textContent()).toBe(MEAN);
    expect(await row.getByTestId("survey-indicator").textContent()).toContain(`${SCORE} / 20.00 分`);
    expect([RATE, MEAN, SCORE]).toEqual(["88.46", "2.46", "10.77"]);
    await shot(page, "survey-results");
    // The QR sheet: fresh links for the school, as a Word document.
    await card.getByRole("tab", { name: "发放问卷" }).click();
    const download = page.waitForEvent("download");
    await card.getByRole("button", { name: /签发并下载二维码/ }).click();
    expect((await download).suggestedFilename()).toBe("城关镇第二小学家校满意度调查二维码.docx");
    // The builder: a new survey from its defaults, linked to C through a question made from C's answers.
    await page.getByRole("button", { name: "新建问卷" }).click();
    const drawer = page.locator(".ant-drawer");
    await drawer.getByLabel("问卷标题").fill("教师满意度调查");
    await drawer.getByLabel("计入指标").click();
    await page.getByTitle("C 社会评价").click();
    await drawer.getByRole("button", { name: "按指标答案生成关键题" }).click();
    await drawer.getByText("Q2", { exact: true }).waitFor();
    // The population from one of the scheme's integer fields instead of typed per unit: the inputs go away.
    expect(await drawer.getByPlaceholder("人口数").count()).toBeGreaterThan(0);
    await drawer.getByLabel("人口数来源").click();
    await page.getByTitle("免疫规划疫苗应接种人次（vaccine_target）").click();
    await drawer.getByText("人口数取自各单位自评填报的“免疫规划疫苗应接种人次（vaccine_target）”").waitFor();
    expect(await drawer.getByPlaceholder("人口数").count()).toBe(0);
    await shot(page, "survey-builder");
    await drawer.getByRole("button", { name: "保存问卷" }).click();
    const created = page.locator(".ant-card").filter({ hasText: "教师满意度调查" });
    await created.getByText("已发放 0 份，已回收 0 份").waitFor();
    await created.getByText("关键题计入指标 C").waitFor();
    // Stored with the survey: reopened, the builder reads the population from the field again.
    await created.getByRole("button", { name: "修改问卷" }).click();
    await drawer.getByText("人口数取自各单位自评填报的“免疫规划疫苗应接种人次（vaccine_target）”").waitFor();
    expect(await drawer.getByPlaceholder("人口数").count()).toBe(0);
  }, 120_000);
});
