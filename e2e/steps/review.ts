/**
 * Reusable review and sampling steps for browser tests: an API session for setting the scene as a demo user,
 * moving the S7 demo campaign on to its review stage, scoring a unit's sheet in the browser with the keyboard,
 * and making a sampling draw on a campaign's review tab.
 */
import type { Page } from "playwright-core";
import { type ApiSession, apiSession, type DemoServer } from "../harness.js";

export interface CampaignRef {
  id: string;
  name: string;
}

/** The campaign whose name contains `text` (the latest year first), as `session` sees the list. */
export async function findCampaign(session: ApiSession, text: string): Promise<CampaignRef> {
  const page = await session.get<{ items: Array<{ id: string; name: string; year: number }> }>(
    "/campaigns?limit=500",
  );
  const found = page.items.filter((c) => c.name.includes(text)).sort((a, b) => b.year - a.year)[0];
  if (found === undefined) throw new Error(`no campaign named like ${text}`);
  return { id: found.id, name: found.name };
}

export interface CampaignUnit {
  organisationId: string;
  code: string;
  name: string;
  category: string | null;
}

export async function campaignUnits(session: ApiSession, campaignId: string): Promise<CampaignUnit[]> {
  return (await session.get<{ items: CampaignUnit[] }>(`/campaigns/${campaignId}/units?limit=500`)).items;
}

async function advance(organiser: ApiSession, campaignId: string): Promise<void> {
  const { version } = await organiser.get<{ version: number }>(`/campaigns/${campaignId}`);
  await organiser.send("POST", `/campaigns/${campaignId}/advance`, { version });
}

/**
 * The S7 demo campaign from 单位自评 to 实地评估/复评, as drive-s7 does it: every school's head submits its
 * self-evaluation, the organiser closes 单位自评, accepts each one in 初审 and opens the review stage.
 */
export async function moveS7ToReview(server: DemoServer, organiserName = "s7.dudao"): Promise<CampaignRef> {
  const organiser = await apiSession(server, organiserName);
  const campaign = await findCampaign(organiser, "义务教育标准化学校");
  const units = await campaignUnits(organiser, campaign.id);
  const self = (u: CampaignUnit, rest = "") =>
    `/campaigns/${campaign.id}/self-evaluations/${u.organisationId}${rest}`;
  const versions = new Map<string, number>();
  for (const unit of units) {
    const head = await apiSession(server, `${unit.code.toLowerCase()}.head`);
    const { version } = await head.get<{ version: number }>(self(unit));
    versions.set(
      unit.code,
      (await head.send<{ version: number }>("POST", self(unit, "/submit"), { version })).version,
    );
  }
  await advance(organiser, campaign.id); // 单位自评 → 初审
  for (const unit of units) {
    await organiser.send("POST", self(unit, "/accept"), { version: versions.get(unit.code) });
  }
  await advance(organiser, campaign.id); // 初审 → 实地评估/复评
  return campaign;
}

/** Adds `organisationIds` to what `userId` scores for `groupCode` (the organiser's assignment list, through the API). */
export async function assignUnits(
  organiser: ApiSession,
  campaignId: string,
  assignment: { userId: string; groupCode: string; organisationIds: string[] },
): Promise<void> {
  const plan = await organiser.get<{
    version: number;
    assignments: Array<{ userId: string; groupCode: string; organisationIds: string[] }>;
  }>(`/campaigns/${campaignId}/assignments`);
  const mine = plan.assignments.find(
    (a) => a.userId === assignment.userId && a.groupCode === assignment.groupCode,
  );
  const others = plan.assignments.filter((a) => a !== mine);
  const merged = {
    userId: assignment.userId,
    groupCode: assignment.groupCode,
    organisationIds: [...new Set([...(mine?.organisationIds ?? []), ...assignment.organisationIds])],
  };
  await organiser.send("PUT", `/campaigns/${campaignId}/assignments`, {
    version: plan.version,
    assignments: [...others, merged],
  });
}

/** The user id of a demo user (as an organiser over them sees it). */
export async function userId(organiser: ApiSession, username: string): Promise<string> {
  const page = await organiser.get<{ items: Array<{ id: string; username: string }> }>(
    `/users?limit=500&q=${encodeURIComponent(username)}`,
  );
  const user = page.items.find((u) => u.username === username);
  if (user === undefined) throw new Error(`no user ${username}`);
  return user.id;
}

export interface ScoreOptions {
  /** The campaign card on 评审任务 holding the unit (its name). */
  campaign: string;
  /** The unit's name as the row shows it. */
  unit: string;
  /** A total on the scheme's scale (groups that score totals). */
  total?: string;
  /**
   * Leaf entries typed in order with the keyboard: the first box is clicked, then each value is typed and Enter
   * moves to the next box. `label` is the box's accessible name (e.g. "E1 教育教学质量 评分"); `value` null
   * just presses Enter (passes over the box).
   */
  leaves?: Array<{ label: string; value: string | null }>;
  submit?: boolean;
}

/** Opens the unit's sheet from 评审任务 and returns once the sheet shows. */
export async function openSheet(page: Page, campaign: string, unit: string): Promise<void> {
  await page.goto("/reviews");
  const card = page
    .locator(".ant-card")
    .filter({ has: page.locator(".ant-card-head", { hasText: campaign }) });
  const row = card.getByRole("row").filter({ hasText: unit });
  await row.getByRole("button").click();
  await page.waitForURL(/\/review\/[^/]+$/);
  await page.getByText(`评审打分：${unit}`).waitFor();
}

/**
 * Scores a unit in the browser as the signed-in reviewer: opens its sheet from 评审任务, types the total or the
 * leaves with Enter between boxes, saves with the button (waiting for the saved state) and, unless told not to,
 * submits with the confirmation and waits for the locked sheet.
 */
export async function scoreUnit(page: Page, options: ScoreOptions): Promise<void> {
  await openSheet(page, options.campaign, options.unit);
  if (options.total !== undefined) {
    const total = page.getByLabel(/^总分（满分/);
    await total.click();
    await total.fill("");
    await page.keyboard.type(options.total);
    await page.keyboard.press("Enter");
  }
  const leaves = options.leaves ?? [];
  if (leaves.length > 0) {
    await page.getByLabel(leaves[0]!.label, { exact: true }).click();
    for (const leaf of leaves) {
      const box = page.getByLabel(leaf.label, { exact: true });
      await box.waitFor();
      if ((await box.evaluate((el) => el.matches(":focus"))) === false) await box.focus();
      if (leaf.value !== null) {
        await box.fill("");
        await page.keyboard.type(leaf.value);
      }
      await page.keyboard.press("Enter");
    }
  }
  await page.getByRole("button", { name: /保\s*存/ }).click();
  await page.getByText(/已保存 \d/).waitFor();
  if (options.submit === false) return;
  await page.getByRole("button", { name: "提交评分" }).click();
  await page.getByRole("button", { name: /确\s*定/ }).click();
  await page.getByText(/提交，评分表已锁定/).waitFor();
}

export interface DrawOptions {
  campaignId: string;
  fraction: string;
  seed: string;
  rounding?: "向上取整（至少抽取该比例）" | "四舍五入" | "向下取整";
}

/** Makes a draw on the campaign's review tab as the signed-in organiser; returns the codes drawn, per the screen. */
export async function makeDraw(page: Page, options: DrawOptions): Promise<string[]> {
  await page.goto(`/campaigns/${options.campaignId}?tab=review`);
  const card = page
    .locator(".ant-card")
    .filter({ has: page.locator(".ant-card-head", { hasText: "抽签（实地评估抽样）" }) });
  await card.getByLabel("抽取比例").fill(options.fraction);
  if (options.rounding !== undefined) {
    await card.getByLabel("取整规则").click();
    await page.locator(".ant-select-item-option").filter({ hasText: options.rounding }).click();
  }
  await card.getByLabel("随机种子").fill(options.seed);
  const before = await card.getByTestId("draw-result").count();
  await card.getByRole("button", { name: /抽\s*签/ }).click();
  await page.getByRole("button", { name: /确\s*定/ }).click();
  await card.getByTestId("draw-result").nth(before).waitFor();
  const latest = card.getByTestId("draw-result").first();
  await latest.getByTestId("draw-seed").filter({ hasText: options.seed }).waitFor();
  return latest
    .getByTestId("drawn-unit")
    .evaluateAll((tags) => tags.map((t) => t.getAttribute("data-code") ?? ""));
}
