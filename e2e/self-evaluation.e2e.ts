/**
 * A school head's self-evaluation in the demo's S7 campaign (this year, in 单位自评), through the browser:
 * filling indicators of four methods with the live total checked against a hand-worked figure, evidence upload,
 * the conflict message when a second tab saves over the first, no access to another school's page by URL,
 * submission, and the organiser's return (on the same page) with its reason shown to the school.
 *
 * 县第一小学 (S01, 小学) as the demo fills it (schemes/s07-standard-school/units.json), worked out by hand:
 *   A 校园校舍 288: A1.1X 1800÷40 = 45 ≤ 45 → 40; A1.2 18; A2 41400÷1800 = 23 → 60; A3.X 11520÷1800 = 6.4 ≥ 6 → 80;
 *     A4 60 − 10 (A4.b) = 50; A5 met → 40.
 *   B 装备设施 188: B1 all five items 60; B2 54000÷1800 = 30 ≥ 25 → 40; B3 1800÷150 = 12 ≤ 15 → 0.7 × 40 = 28;
 *     B4 level I → 60.
 *   C 194 (C1–C3 rates 1 → 50 each, C4 44); D 194 (D1 44, D2 50, D3 0 dropouts → 50, D4 50);
 *   E 86 (E1 44, E2 1728÷1800 = 0.96 ≥ 0.95 → 30, E3 JH 0.6 × 20 = 12).  Total 950.00.
 * The test then enters:
 *   A4 (deductions) A4.a 2 times: min(2 × 10, 40) = 20 more off → 60 − 20 − 10 = 30   (−20)
 *   A1.2 (manual, step 0.5) 19.5                                                          (+1.5)
 *   B4 (levels) II: 0.8 × 60 = 48                                                         (−12)
 *   B1 (checklist) without B1.e (10): 15 + 10 + 10 + 15 = 50                               (−10)
 * → 950 − 20 + 1.5 − 12 − 10 = 909.50, still ≥ 900: 达标.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoServer, launchBrowser, newPerson, shot, signIn, startDemoServer } from "./harness.js";
import {
  entry,
  expectLiveTotal,
  fillIndicator,
  openOwnSelfEvaluation,
  returnSelfEvaluation,
  selectIndicator,
  submitSelfEvaluation,
  tinyPdf,
  uploadEvidence,
} from "./steps/self-evaluation.js";

let browser: Browser;
let server: DemoServer;

describe("a school's self-evaluation in the browser", () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("fills, uploads, meets a conflict, submits, and sees the return reason", {
    timeout: 180_000,
  }, async () => {
    const { context, page } = await newPerson(browser, server, { width: 1280, height: 900 });
    await signIn(page, "s01.head");
    const ids = await openOwnSelfEvaluation(page, "县第一小学");
    await expectLiveTotal(page, "950.00");
    await shot(page, "self-evaluation-1-form");

    await fillIndicator(page, "A4", { deductions: { "A4.a": 2 } });
    await expectLiveTotal(page, "930.00");
    await fillIndicator(page, "A1.2", { score: 19.5 });
    await fillIndicator(page, "B4", { level: "II" });
    await fillIndicator(page, "B1", { checked: [], unchecked: ["B1.e"] });
    await expectLiveTotal(page, "909.50");
    await expect(page.getByTestId("live-total").textContent()).resolves.toContain("达标");
    await selectIndicator(page, "A4");
    await expect(entry(page).textContent()).resolves.toContain("30.00 / 60.00 分");
    await shot(page, "self-evaluation-2-filled");

    // A score outside the bounds is refused at the field before anything is sent.
    await selectIndicator(page, "C4");
    await entry(page).getByLabel("C4 自评得分").fill("55");
    await entry(page).getByText("得分应在 0 到 50 分之间").waitFor();
    await entry(page).getByLabel("C4 自评得分").fill("44");

    await uploadEvidence(page, "A4", { name: "校舍安全整改报告.pdf", buffer: tinyPdf("rectification") });
    await shot(page, "self-evaluation-3-evidence");

    // A second tab of the same person saves A1.2 first; this tab's later save is refused, not written over.
    const other = await context.newPage();
    await other.goto(`/campaigns/${ids.campaignId}/self-evaluations/${ids.organisationId}?indicator=A1.2`);
    await fillIndicator(other, "A1.2", { narrative: "第二个窗口填写的说明" });
    await selectIndicator(page, "A1.2");
    await entry(page).getByLabel("A1.2 自评说明").fill("第一个窗口填写的说明");
    await page.getByText("该指标已被他人修改，您的修改未保存").waitFor({ timeout: 15_000 });
    await shot(page, "self-evaluation-4-conflict");
    await page.getByRole("button", { name: "载入对方的版本" }).click();
    await expect
      .poll(() => entry(page).getByLabel("A1.2 自评说明").inputValue())
      .toBe("第二个窗口填写的说明");
    await other.close();

    await submitSelfEvaluation(page);
    await expectLiveTotal(page, "909.50");
    await expect(entry(page).getByLabel("A1.2 自评说明").isDisabled()).resolves.toBe(true);
    await shot(page, "self-evaluation-5-submitted");

    // Another school's self-evaluation by URL: refused, nothing of it shown.
    const organiser = await newPerson(browser, server);
    await signIn(organiser.page, "s7.dudao");
    const progress = await (
      await organiser.context.request.get(`/api/v1/campaigns/${ids.campaignId}/progress?limit=100`)
    ).json();
    const s02 = progress.units.items.find((u: { name: string }) => u.name === "王家坝镇中心小学");
    expect(s02).toBeDefined();
    await page.goto(`/campaigns/${ids.campaignId}/self-evaluations/${s02.organisationId}`);
    await page.getByText("无权访问").waitFor();
    await expect(page.getByText("王家坝镇中心小学").count()).resolves.toBe(0);
    await shot(page, "self-evaluation-6-denied");

    await organiser.page.goto(`/campaigns/${ids.campaignId}/self-evaluations/${ids.organisationId}`);
    await organiser.page.getByText("自评已提交，已锁定").waitFor();
    await shot(organiser.page, "self-evaluation-7-organiser");
    await returnSelfEvaluation(organiser.page, "A4 校舍安全扣分依据不足，请补充C类危房鉴定材料");
    await page.goto(`/campaigns/${ids.campaignId}/self-evaluations/${ids.organisationId}?indicator=A4`);
    await page.getByText("自评已被组织方退回，请修改后重新提交").waitFor();
    await page.getByText("退回理由：A4 校舍安全扣分依据不足，请补充C类危房鉴定材料").waitFor();
    await fillIndicator(page, "A4", { narrative: "已补充C类危房鉴定材料两份。" });
    await page.reload();
    await page.getByText("退回后已修改的指标：A4").waitFor();
    await shot(page, "self-evaluation-8-returned");
    await organiser.context.close();
    await context.close();
  });
});
