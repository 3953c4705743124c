/**
 * Steps on the self-evaluation form (单位自评) that the campaign tests compose: open one's own self-evaluation
 * from the workspace, fill an indicator by its method, read the live total, upload evidence, submit.
 */
import type { Page } from "playwright-core";

/** What to enter for an indicator, by its method. */
export type IndicatorValue =
  | { score: number }
  /** Counts by rule code; an empty record ticks 无扣分情形. */
  | { deductions: Record<string, number> }
  | { checked: string[]; unchecked?: string[] }
  | { level: string }
  | { met: boolean }
  | { narrative: string }
  | { notApplicable: true };

/** The entry card of the selected indicator. */
export const entry = (page: Page) => page.locator(".ant-card").filter({ hasText: "自评说明" }).last();

/**
 * From the workspace, the to-do “填报并提交自评：<unit>” (the one of `campaignName` when the unit is in several
 * running campaigns); returns the campaign and organisation ids.
 */
export async function openOwnSelfEvaluation(page: Page, unitName: string, campaignName?: string) {
  await page.goto("/");
  const rows = page.getByRole("row");
  await (campaignName === undefined ? page : rows.filter({ hasText: campaignName }))
    .getByRole("link", { name: `填报并提交自评：${unitName}` })
    .click();
  await page.waitForURL(/\/campaigns\/[^/]+\/self-evaluations\/[^/?]+/);
  await page.getByText(`${unitName} 自评填报`).waitFor();
  const [, campaignId, organisationId] = /\/campaigns\/([^/]+)\/self-evaluations\/([^/?]+)/.exec(page.url())!;
  return { campaignId: campaignId!, organisationId: organisationId! };
}

export async function selectIndicator(page: Page, code: string): Promise<void> {
  await page.locator(`[data-code="${code}"]`).first().click();
  await entry(page)
    .getByText(new RegExp(`^${code.replace(".", "\\.")} `))
    .first()
    .waitFor();
}

/** Waits until the entry shows 已保存 (after the autosave pause). */
export async function waitSaved(page: Page): Promise<void> {
  await entry(page).getByRole("status").filter({ hasText: "已保存" }).waitFor({ timeout: 15_000 });
}

/** Selects the indicator, enters the value through the control its method shows, and waits for the save. */
export async function fillIndicator(page: Page, code: string, value: IndicatorValue): Promise<void> {
  await selectIndicator(page, code);
  const card = entry(page);
  if ("score" in value) {
    await card.getByLabel(`${code} 自评得分`).fill(String(value.score));
    await card.getByLabel(`${code} 自评得分`).blur();
  } else if ("deductions" in value && Object.keys(value.deductions).length === 0) {
    await card.getByRole("checkbox", { name: "无扣分情形" }).check();
  } else if ("deductions" in value) {
    for (const [rule, count] of Object.entries(value.deductions)) {
      const counter = card.getByLabel(`${rule} 次数`);
      if ((await counter.count()) > 0) {
        await counter.fill(String(count));
        await counter.blur();
      } else {
        const box = card.getByRole("checkbox", { name: new RegExp(`^${rule.replace(".", "\\.")} `) });
        if ((await box.isChecked()) !== count > 0) await box.click();
      }
    }
  } else if ("checked" in value) {
    for (const [codes, want] of [
      [value.checked, true],
      [value.unchecked ?? [], false],
    ] as const) {
      for (const item of codes) {
        const box = card.getByRole("checkbox", { name: new RegExp(`^${item.replace(".", "\\.")} `) });
        if ((await box.isChecked()) !== want) await box.click();
      }
    }
  } else if ("level" in value) {
    await card.getByRole("radio", { name: new RegExp(`^${value.level} `) }).check();
  } else if ("met" in value) {
    await card.getByRole("radio", { name: value.met ? "是" : "否", exact: true }).check();
  } else if ("notApplicable" in value) {
    await card.getByRole("checkbox", { name: "本项不适用（空项）" }).check();
  } else {
    await card.getByLabel(`${code} 自评说明`).fill(value.narrative);
  }
  await waitSaved(page);
}

/** Waits until the header's live total reads `total` (e.g. "909.50"). */
export async function expectLiveTotal(page: Page, total: string): Promise<void> {
  await page.getByTestId("live-total").getByText(total).waitFor({ timeout: 15_000 });
}

/** Uploads a file to the selected indicator through the Dragger's file chooser and waits for it in the list. */
export async function uploadEvidence(page: Page, code: string, file: { name: string; buffer: Buffer }) {
  await selectIndicator(page, code);
  const chooser = page.waitForEvent("filechooser");
  await entry(page).getByText("点击或将文件拖到此处上传").click();
  await (await chooser).setFiles({ name: file.name, mimeType: "application/pdf", buffer: file.buffer });
  await entry(page).locator(".ant-list-item").filter({ hasText: file.name }).waitFor({ timeout: 15_000 });
}

/** Submits through the completeness check and waits for the locked state. */
export async function submitSelfEvaluation(page: Page): Promise<void> {
  await page.getByRole("button", { name: "提交自评" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByText("自评已填写完整，可以提交").waitFor();
  await dialog.getByRole("button", { name: "确认提交" }).click();
  await page.getByText("自评已提交，已锁定").waitFor();
}

/** The organiser, on the unit's self-evaluation page, returns it (退回) with a reason. */
export async function returnSelfEvaluation(page: Page, reason: string): Promise<void> {
  await page.getByRole("button", { name: /^退\s*回$/ }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("退回理由").fill(reason);
  await dialog.getByRole("button", { name: /退\s*回/ }).click();
  await page.getByText("已退回").first().waitFor();
}

/** A minimal valid PDF for uploads. */
export function tinyPdf(text: string): Buffer {
  const body = `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}
