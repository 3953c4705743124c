/**
 * Reusable organiser steps: creating a campaign through the wizard (`createCampaign`), from the campaign list to
 * the started (or draft) campaign's page. Stages left out of `stages` are unticked; dates are YYYY-MM-DD.
 */
import type { Page } from "playwright-core";
import { shot } from "../harness.js";

export interface NewCampaign {
  name: string;
  year?: number;
  /** Part of the scheme's name as the library lists it, e.g. 全县工会工作创优争先. */
  scheme: string;
  /** Units by organisation code, each with its category's name when the scheme has categories. */
  units: Array<{ code: string; category?: string }>;
  /** The stages used, by their Chinese names, in order. */
  stages: Array<{ name: string; deadline: string; startsAt?: string }>;
  /** Rater group name → usernames of its members. */
  raters?: Record<string, string[]>;
  /** Start the campaign at the end (default), or keep it as a draft. */
  start?: boolean;
  /** Screenshot prefix: a shot of every step when given. */
  shots?: string;
}

const ALL_STAGES = [
  "动员部署",
  "单位自评",
  "初审",
  "实地评估/复评",
  "社会评价",
  "汇总定级",
  "公示",
  "通报反馈",
  "整改",
  "复核",
];

async function pick(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  await page
    .locator(".ant-select-dropdown:visible .ant-select-item-option")
    .filter({ hasText: option })
    .first()
    .click();
}

async function typeDate(page: Page, label: string, date: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(date);
  await input.press("Enter");
}

async function next(page: Page, heading: string): Promise<void> {
  await page.getByRole("button", { name: /保存并下一步|创建草稿并下一步/ }).click();
  await page.getByText(heading, { exact: true }).first().waitFor();
}

/** S4's two unions of the browser tests: one 乡(镇) and one 县直, with their categories. */
export const S4_TWO_UNIONS: NewCampaign["units"] = [
  { code: "T01", category: "乡(镇)工会工作委员会" },
  { code: "D01", category: "县直工会工作委员会" },
];

/** S4's stages in `year`, each deadline after the one before. */
export const s4Stages = (year: number): NewCampaign["stages"] => [
  { name: "动员部署", startsAt: `${year}-03-01`, deadline: `${year}-03-10` },
  { name: "单位自评", deadline: `${year}-11-30` },
  { name: "实地评估/复评", deadline: `${year}-12-20` },
  { name: "汇总定级", deadline: `${year}-12-25` },
  { name: "公示", deadline: `${year + 1}-01-05` },
];

/** Creates the campaign through the wizard; returns its id (the page is left on the campaign's page). */
export async function createCampaign(page: Page, campaign: NewCampaign): Promise<string> {
  await page.goto("/campaigns");
  await page.getByRole("button", { name: /新建考评活动/ }).click();
  await page.waitForURL(/\/campaigns\/new/);

  await page.getByLabel("活动名称").fill(campaign.name);
  if (campaign.year !== undefined) await page.getByLabel("考评年度").fill(String(campaign.year));
  // The newest version is filled in once the scheme's versions have loaded.
  const versions = page.waitForResponse((r) => /\/api\/v1\/schemes\/[^/?]+$/.test(r.url()));
  await pick(page, "指标体系", campaign.scheme);
  await versions;
  await page.getByRole("button", { name: "创建草稿并下一步" }).waitFor();
  if (campaign.shots) await shot(page, `${campaign.shots}-1-basics`);
  await next(page, "选择参评单位");
  await page.waitForURL(/draft=/);

  for (const unit of campaign.units) {
    const node = page.locator(".ant-tree-treenode").filter({ hasText: `（${unit.code}）` });
    await node.locator(".ant-tree-checkbox").click();
    if (unit.category !== undefined) {
      const row = page.locator(".ant-table-row").filter({ hasText: `（${unit.code}）` });
      await row.waitFor();
      const select = row.locator(".ant-select");
      if (!(await select.textContent())?.includes(unit.category)) {
        await select.click();
        await page
          .locator(".ant-select-dropdown:visible .ant-select-item-option")
          .filter({ hasText: unit.category })
          .first()
          .click();
      }
    }
  }
  if (campaign.shots) await shot(page, `${campaign.shots}-2-units`);
  await next(page, "阶段与时间安排");

  const wanted = new Map(campaign.stages.map((s) => [s.name, s]));
  for (const name of ALL_STAGES) {
    if (name === "单位自评") continue;
    const box = page.getByLabel(`采用“${name}”阶段`);
    if ((await box.isChecked()) !== wanted.has(name)) await box.click();
  }
  for (const stage of campaign.stages) {
    if (stage.startsAt !== undefined) await typeDate(page, `${stage.name}开始日期`, stage.startsAt);
    await typeDate(page, `${stage.name}截止日期`, stage.deadline);
  }
  if (campaign.shots) await shot(page, `${campaign.shots}-3-stages`);
  await next(page, "定级规则");

  for (const [group, usernames] of Object.entries(campaign.raters ?? {})) {
    for (const username of usernames) {
      const select = page.getByLabel(`${group}评分人`, { exact: true });
      await select.click();
      await select.fill(username);
      await page
        .locator(".ant-select-dropdown:visible .ant-select-item-option")
        .filter({ hasText: `（${username}）` })
        .first()
        .click();
    }
    await page.getByText("评分组与权重", { exact: true }).click();
  }
  if (campaign.shots) await shot(page, `${campaign.shots}-4-raters`);
  await next(page, "确认活动信息");
  if (campaign.shots) await shot(page, `${campaign.shots}-5-review`);

  const id = new URL(page.url()).searchParams.get("draft");
  if (id === null) throw new Error("the wizard did not keep a draft");
  if (campaign.start === false) {
    await page.getByRole("button", { name: "保存为草稿" }).click();
  } else {
    await page.getByRole("button", { name: "启动考评活动" }).click();
    await page.locator(".ant-popconfirm").getByRole("button", { name: "启动考评活动" }).click();
  }
  await page.waitForURL(new RegExp(`/campaigns/${id}$`));
  return id;
}

/** On the campaign's page, 进入下一阶段 in the header after its confirmation; waits until the move is reported. */
export async function advanceStageInBrowser(page: Page, id: string): Promise<void> {
  await page.goto(`/campaigns/${id}`);
  await page.getByRole("button", { name: "进入下一阶段" }).click();
  await page.locator(".ant-popconfirm").getByRole("button", { name: "进入下一阶段" }).click();
  await page.getByText("已进入下一阶段").first().waitFor();
  await page.waitForLoadState("networkidle");
}

/** On the overview's 待初审的自评, 受理 of a unit's submitted self-evaluation after its confirmation. */
export async function acceptSelfEvaluation(page: Page, id: string, unit: string): Promise<void> {
  await page.goto(`/campaigns/${id}`);
  await page.getByRole("button", { name: `受理 ${unit}` }).click();
  await page
    .locator(".ant-popconfirm")
    .getByRole("button", { name: /受\s*理/ })
    .click();
  await page.getByText(`已受理“${unit}”的自评`).first().waitFor();
}
