/**
 * Steps on the leaders' dashboard (数据看板): open it, pick a campaign or a unit, and read a chart's figures from its
 * "查看数据" table (every chart is a region named by its title, with a switch that shows its data table).
 */
import type { Locator, Page } from "playwright-core";

/** The dashboard from the side menu, once its charts are drawn. */
export async function openDashboard(page: Page): Promise<void> {
  await page.getByRole("menuitem", { name: "数据看板" }).click();
  await page.waitForURL(/\/dashboard/);
  await chart(page, "总分分布").getByRole("img").waitFor();
}

/** The chart whose title is `title` (or matches it). */
export function chart(page: Page, title: string | RegExp): Locator {
  return page.getByRole("region", { name: title });
}

/** The options of the Ant Design select that is open. */
export const OPEN_OPTIONS = ".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option";

/** Picks `option` in the Ant Design select labelled `label`. */
export async function choose(page: Page, label: string, option: string | RegExp): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  await page
    .locator(".ant-select-dropdown:visible .ant-select-item-option")
    .filter({ hasText: option })
    .click();
}

/** The chart's figures as the text of each cell of its data table, row by row (the table shown if hidden). */
export async function chartData(page: Page, title: string | RegExp): Promise<string[][]> {
  const region = chart(page, title);
  const toggle = region.getByRole("switch");
  if ((await toggle.getAttribute("aria-checked")) !== "true") await toggle.click();
  const rows = region.locator(".ant-table-tbody tr.ant-table-row");
  await rows.first().waitFor();
  const texts: string[][] = [];
  for (const row of await rows.all())
    texts.push((await row.locator("td").allTextContents()).map((s) => s.trim()));
  return texts;
}

/** The dashboard's summary figures (参评单位, 平均分, 中位数, 最高分, 最低分) by title. */
export async function summary(page: Page): Promise<Record<string, string>> {
  const figures: Record<string, string> = {};
  for (const statistic of await page.locator(".ant-statistic").all()) {
    const title = (await statistic.locator(".ant-statistic-title").textContent())?.trim() ?? "";
    figures[title] = (await statistic.locator(".ant-statistic-content").textContent())?.trim() ?? "";
  }
  return figures;
}
