/**
 * Base-data tables (基础数据统计表) steps: an S2 县级政府教育工作督导评估 campaign (the bundled scheme with tables) set up
 * through the API for demo organisations and moved to 单位自评, and the cells of a table on the 基础数据 tab.
 */

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Locator, Page } from "playwright-core";
import type { DemoServer } from "../harness.js";
import { apiSession } from "../harness.js";

const S2_SOURCE = fileURLToPath(
  new URL("../../schemes/s02-county-education-supervision/scheme.yaml", import.meta.url),
);

/**
 * As `organiser` (an organiser over `organiserCode`, or the administrator): imports S2, creates a campaign over the
 * organisations with `unitCodes` (evaluated), starts it and opens 单位自评. Returns the campaign id.
 */
export async function startS2Campaign(
  server: DemoServer,
  options: { organiser: string; organiserCode: string; unitCodes: string[]; name: string },
): Promise<string> {
  const session = await apiSession(server, options.organiser);
  const organisations = await session.get<{ items: Array<{ id: string; code: string }> }>(
    "/organisations?limit=500",
  );
  const idOf = (code: string) => {
    const found = organisations.items.find((o) => o.code === code);
    if (found === undefined) throw new Error(`no organisation ${code}`);
    return found.id;
  };
  const organiserId = idOf(options.organiserCode);
  const version = await session.send<{ id: string }>("POST", "/schemes", {
    ownerId: organiserId,
    source: readFileSync(S2_SOURCE, "utf8"),
    format: "yaml",
  });
  const day = 86_400_000;
  const at = (days: number) => new Date(Date.now() + days * day).toISOString();
  const campaign = await session.send<{ id: string; version: number }>("POST", "/campaigns", {
    organiserId,
    name: options.name,
    year: new Date().getFullYear(),
    schemeVersionId: version.id,
    stages: [
      { stage: "deploy", deadline: at(3) },
      { stage: "self_evaluation", deadline: at(30) },
      { stage: "preliminary", deadline: at(40) },
      { stage: "review", deadline: at(60) },
      { stage: "grading", deadline: at(70) },
    ],
    units: options.unitCodes.map((code) => ({ organisationId: idOf(code) })),
  });
  const started = await session.send<{ version: number }>("POST", `/campaigns/${campaign.id}/start`, {
    version: campaign.version,
  });
  await session.send("POST", `/campaigns/${campaign.id}/advance`, { version: started.version });
  return campaign.id;
}

/** The card of base-data table `code` on the 基础数据 tab. */
export const tableCard = (page: Page, code: string): Locator => page.locator(`#table-${code}`);

/** The input of one cell, by its accessible name “T3 合计 校舍总面积”. */
export const cell = (page: Page, table: string, row: string, column: string): Locator =>
  tableCard(page, table).getByLabel(`${table} ${row} ${column}`, { exact: true });

/** The table cell (td) that holds the input, with the messages shown under it. */
export const cellBox = (page: Page, table: string, row: string, column: string): Locator =>
  tableCard(page, table)
    .locator("td")
    .filter({ has: page.getByLabel(`${table} ${row} ${column}`, { exact: true }) });

/** Types `values` (row name → column name → value) into the table and waits for its autosave. */
export async function fillTable(
  page: Page,
  table: string,
  values: Record<string, Record<string, number | string>>,
): Promise<void> {
  for (const [row, columns] of Object.entries(values)) {
    for (const [column, value] of Object.entries(columns)) {
      await cell(page, table, row, column).fill(String(value));
    }
  }
  await tableCard(page, table).getByRole("status").filter({ hasText: "已保存" }).waitFor({ timeout: 15_000 });
}
