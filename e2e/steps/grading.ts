/**
 * Reusable steps of grading, publicity and publication, for this area's test and a later full S4 run: the
 * organiser's steps through the browser (approve bonus, make a grading run, publicise, decide an objection,
 * publish), and what has no screen of its own through the API (moving a stage on, the raters' remaining sheets).
 */
import { readFileSync } from "node:fs";
import type { Locator, Page } from "playwright-core";
import { type ApiSession, apiSession, type DemoServer } from "../harness.js";

/** A campaign's id by its name, as the organiser sees the list. */
export async function campaignId(organiser: ApiSession, name: string): Promise<string> {
  const list = await organiser.get<{ items: Array<{ id: string; name: string }> }>("/campaigns?limit=100");
  const found = list.items.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no campaign named ${name}`);
  return found.id;
}

/** Moves the campaign to its next stage (the campaign's stage control belongs to the overview). */
export async function advanceStage(organiser: ApiSession, id: string): Promise<void> {
  const { version } = await organiser.get<{ version: number }>(`/campaigns/${id}`);
  await organiser.send("POST", `/campaigns/${id}/advance`, { version });
}

interface S4Unit {
  unit: string;
  ratings?: Array<{ rater: string; group: string; total: number }>;
}

/**
 * Every S4 rater submits what is still open for the campaign, with the total of units.json (matched by the rater's
 * title, which is the demo user's display name), so grading can start whatever the demo left unscored.
 */
export async function finishS4ReviewSheets(
  server: DemoServer,
  organiser: ApiSession,
  id: string,
): Promise<number> {
  const units = JSON.parse(
    readFileSync(new URL("../../schemes/s04-trade-union/units.json", import.meta.url), "utf8"),
  ) as S4Unit[];
  const campaign = await organiser.get<{
    raterGroups: Array<{ members: Array<{ username: string; displayName: string }> }>;
  }>(`/campaigns/${id}`);
  let submitted = 0;
  for (const member of campaign.raterGroups.flatMap((g) => g.members)) {
    const rater = await apiSession(server, member.username);
    const { items } = await rater.get<{
      items: Array<{
        campaignId: string;
        groupCode: string;
        organisationId: string;
        organisationCode: string;
        submitted: boolean;
      }>;
    }>("/reviews?limit=500");
    for (const item of items.filter((i) => i.campaignId === id && !i.submitted)) {
      const rating = units
        .find((u) => u.unit === item.organisationCode)
        ?.ratings?.find((r) => r.rater === member.displayName && r.group === item.groupCode);
      if (rating === undefined)
        throw new Error(`no S4 rating of ${item.organisationCode} by ${member.displayName}`);
      const url = `/campaigns/${id}/units/${item.organisationId}/review/${item.groupCode}`;
      const sheet = await rater.send<{ version: number }>("PUT", url, { total: String(rating.total) });
      await rater.send("POST", `${url}/submit`, { version: sheet.version });
      submitted += 1;
    }
  }
  return submitted;
}

export async function openGradingTab(page: Page, id: string): Promise<void> {
  await page.goto(`/campaigns/${id}?tab=grading`);
  await page.getByText("汇总定级与公布").waitFor();
}

/** 加分审定 in the grading tab: per unit name, the approved points per bonus item code. */
export async function approveBonus(
  page: Page,
  approvals: Record<string, Record<string, string>>,
): Promise<void> {
  for (const [unit, items] of Object.entries(approvals)) {
    for (const [item, points] of Object.entries(items)) {
      const input = page.getByLabel(`${unit} ${item} 审定加分`);
      await input.fill(points);
    }
    await page.getByRole("button", { name: `审定 ${unit}` }).click();
    await page.getByText(`已审定 ${unit} 的加分`).waitFor();
  }
}

/** 汇总定级 with its reason; returns the new run's number. */
export async function makeGradingRun(page: Page, reason: string): Promise<number> {
  await page.getByRole("button", { name: "汇总定级", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "汇总定级" });
  await dialog.getByLabel("定级说明").fill(reason);
  await dialog.getByRole("button", { name: "汇总定级" }).click();
  const made = page.getByText(/已完成第 \d+ 次定级/);
  await made.waitFor();
  return Number(/\d+/.exec((await made.textContent()) ?? "")?.[0]);
}

/** Opens a run's ranking from the grading tab and waits for its rows. */
export async function openRun(page: Page, number: number): Promise<void> {
  await page
    .getByRole("link", { name: `第 ${number} 次定级`, exact: true })
    .first()
    .click();
  await page.waitForURL(/\/grading-runs\//);
  await page.getByText("定级结果排名").waitFor();
  await page.locator(".ant-table-row").first().waitFor();
}

/**
 * Picks an option of a searchable Ant Design select found by its label (typed, then Enter) until `done` shows: the
 * dropdown's opening motion can swallow a pick.
 */
export async function choose(page: Page, label: string, option: string, done: Locator): Promise<void> {
  const select = page.getByLabel(label);
  for (let attempt = 0; attempt < 3 && !(await done.isVisible()); attempt += 1) {
    await select.click();
    await select.fill(option);
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).waitFor();
    await select.press("Enter");
    await done.waitFor({ timeout: 3_000 }).catch(() => select.press("Escape"));
  }
  await done.waitFor({ timeout: 1_000 });
}

/** Each unit row's text by unit name (the virtual table renders every row of a short ranking). */
export async function rankingRows(page: Page): Promise<Map<string, string>> {
  const texts = await page.locator(".ant-table-row").allTextContents();
  return new Map(texts.map((text) => [/([^\d\s]+?工会工作委员会)/.exec(text)?.[1] ?? text, text]));
}

const at = (d: Date) => {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

async function pickDate(page: Page, label: string, value: Date): Promise<void> {
  const input = page.getByRole("dialog").getByLabel(label);
  await input.click();
  await input.fill(at(value));
  await input.press("Enter");
}

/** 公示 of a run for a period (default: the form's now → 7 days); again later it changes the period. */
export async function publicise(page: Page, period?: { startsAt: Date; endsAt: Date }): Promise<void> {
  // A second call within the toast's three seconds would otherwise find the first call's message.
  await page.getByText("公示期已设定").waitFor({ state: "detached" });
  const open = page.getByRole("button", { name: /发起公示|调整公示期/ });
  const title = (await open.textContent())?.replace(/\s/g, "") ?? "";
  await open.click();
  await page.getByRole("dialog").waitFor();
  if (period !== undefined) {
    await pickDate(page, "开始时间", period.startsAt);
    await pickDate(page, "结束时间", period.endsAt);
  }
  await page.getByRole("dialog").getByRole("button", { name: title }).click();
  await page.getByText("公示期已设定").waitFor();
  await page.getByRole("dialog").waitFor({ state: "detached" });
}

/** 异议处理: upheld with the corrected approved bonus (item code → points), or rejected; with the reason. */
export async function decideObjection(
  page: Page,
  unit: string,
  decision:
    | { upheld: true; bonus: Record<string, string>; reason: string }
    | { upheld: false; reason: string },
): Promise<void> {
  const row = page.getByRole("row").filter({ hasText: unit });
  await row.getByRole("button", { name: "处理异议" }).click();
  const dialog = page.getByRole("dialog", { name: `处理异议 · ${unit}` });
  await dialog.getByLabel(decision.upheld ? "异议成立（更正后重新定级）" : "异议不成立").check();
  await dialog.getByLabel("处理意见").fill(decision.reason);
  if (decision.upheld) {
    for (const [item, points] of Object.entries(decision.bonus)) {
      const field = dialog.getByLabel(new RegExp(`^${item} `));
      await field.fill(points);
    }
  }
  await dialog.getByRole("button", { name: "处理异议" }).click();
  await page.getByText(decision.upheld ? /异议已处理，已生成第 \d+ 次定级/ : "异议已处理").waitFor();
}

/** 终审公布 after its confirmation; waits until the campaign shows as published. */
export async function publish(page: Page): Promise<void> {
  await page.getByRole("button", { name: "终审公布" }).click();
  const confirm = page.getByRole("dialog").filter({ hasText: "确认终审公布？" });
  await confirm.getByText(/公布后本次考评锁定/).waitFor();
  await confirm.getByRole("button", { name: "确认公布" }).click();
  await page.getByText("考评结果已终审公布").waitFor();
}
