/**
 * The organiser's organisation tree and scheme library in the browser (kaopingban, 县总工会): add a township union
 * under the county union (a taken code is refused at the field), see it in the tree and in the new union's audit
 * trail with who added it (another union's head is refused that trail); reset a union head's password (too short is
 * refused at the field, the new one signs in); import a scheme with mistakes and see them
 * by line, then a bundled scheme, and browse its indicator tree.
 */
import { fileURLToPath } from "node:url";
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
  createOrganisation,
  fillNewOrganisation,
  openOrganisations,
  openSchemeImport,
  submitScheme,
  treeNode,
} from "./steps/organisations.js";

let browser: Browser;
let server: DemoServer;

const AT_1280 = { width: 1280, height: 900 };

/** A scheme with two mistakes: indicator A lacks `max` (reported at the object, line 6) and misspells it (line 8). */
const BROKEN = `code: e2e-broken
name: 导入校验示例
version: 1
issuer: 县总工会
indicators:
  - code: A
    name: 重点工作目标
    maxx: 70
    method: { type: manual, step: 0.5 }
`;

const S13 = fileURLToPath(new URL("../schemes/s13-urban-cases/scheme.yaml", import.meta.url));

describe("organisations and schemes in the browser", () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("adds an organisation to the tree and finds it in the audit trail with who did it", async () => {
    const { page } = await newPerson(browser, server, AT_1280);
    await signIn(page, "kaopingban");
    await openOrganisations(page);
    await treeNode(page, "城关镇工会工作委员会").waitFor();
    await page.getByText("下级单位数").waitFor();
    await shot(page, "organisations-1-tree");

    // T01 is 城关镇's code: the server refuses it, and says so at the code field.
    const org = { parent: "青山县总工会", code: "T01", name: "新桥镇工会工作委员会", category: "乡镇" };
    await fillNewOrganisation(page, org);
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("button", { name: /保\s*存/ }).click();
    await dialog.getByText("机构代码已存在").waitFor();
    await shot(page, "organisations-2-create-refused");
    await dialog.getByRole("button", { name: /取\s*消/ }).click();
    await dialog.waitFor({ state: "hidden" });

    await createOrganisation(page, { ...org, code: "T08" });
    await page.getByRole("cell", { name: "T08" }).waitFor();
    expect(await page.getByRole("cell", { name: "乡镇" }).count()).toBeGreaterThan(0);
    await shot(page, "organisations-3-created");

    await page.getByRole("button", { name: "修改" }).click();
    const editing = page.getByRole("dialog");
    await editing.getByLabel("单位名称").fill("新桥镇工会");
    await editing.getByRole("button", { name: /保\s*存/ }).click();
    await editing.waitFor({ state: "hidden" });
    await treeNode(page, "新桥镇工会").first().waitFor();

    await page.getByRole("button", { name: "操作日志" }).click();
    await page.waitForURL(/\/organisations\/[^/]+\/audit$/);
    const created = page.locator(".ant-table-row").filter({ hasText: "新增单位" });
    await created.waitFor();
    const renamed = await page.locator(".ant-table-row").filter({ hasText: "修改单位" }).textContent();
    expect(renamed).toMatch(/名称：新桥镇工会工作委员会\s*→\s*新桥镇工会/);
    const row = await created.textContent();
    expect(row).toContain("县总工会考评办 王主任");
    expect(row).toContain("kaopingban");
    expect(row).toContain("T08");
    expect(row).toContain("新桥镇工会工作委员会");
    await shot(page, "organisations-4-audit");

    // A unit head of another union may not read this trail: a plain refusal, not a broken page.
    const { page: other } = await newPerson(browser, server, AT_1280);
    await signIn(other, "t01.head");
    await other.goto(new URL(page.url()).pathname);
    await other.getByText("无权查看该单位的操作日志").waitFor();
    await shot(other, "organisations-5-audit-refused");
  });

  it("resets a union head's password: too short is refused at the field, the new one signs in", async () => {
    const { page } = await newPerson(browser, server, AT_1280);
    await signIn(page, "kaopingban");
    await openOrganisations(page);
    await treeNode(page, "石桥镇工会工作委员会").first().click();
    const row = page.locator(".ant-table-row").filter({ hasText: "t02.head" });
    await row.getByRole("button", { name: "重置密码" }).click();
    const dialog = page.getByRole("dialog").filter({ hasText: "重置“" });
    await dialog.getByLabel("新密码").fill("short");
    await dialog.getByRole("button", { name: /保\s*存/ }).click();
    await dialog.getByText("密码至少 10 个字符").waitFor();
    await dialog.getByLabel("新密码").fill("shiqiao-2026-new");
    await shot(page, "organisations-6-reset-password");
    await dialog.getByRole("button", { name: /保\s*存/ }).click();
    await page.getByText("已重置“").waitFor();
    await expect(apiSession(server, "t02.head")).rejects.toThrow(/401/);
    await expect(apiSession(server, "t02.head", "shiqiao-2026-new")).resolves.toBeDefined();
  });

  it("shows an import's mistakes by line, then imports a bundled scheme and browses its tree", async () => {
    const { page } = await newPerson(browser, server, AT_1280);
    await signIn(page, "kaopingban");
    await openSchemeImport(page);
    await submitScheme(page, { text: BROKEN });
    await page.getByText("校验未通过，共 2 处问题").waitFor();
    const problems = page.getByRole("table", { name: "校验问题" }).locator(".ant-table-row");
    const line8 = problems.filter({ hasText: "第 8 行" });
    await expect(line8.textContent()).resolves.toContain('unknown field "maxx"');
    await expect(problems.filter({ hasText: "第 6 行" }).textContent()).resolves.toContain(
      'missing required field "max"',
    );
    const source = page.getByRole("region", { name: "原文（问题所在行已标红）" });
    await expect(
      source.locator("[data-marked]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-line"))),
    ).resolves.toEqual(["6", "8"]);
    await shot(page, "schemes-1-import-refused");

    await submitScheme(page, { file: S13 });
    await page.getByText("已导入“街道办事处数字化城管与12345热线办理考核” 1 版").waitFor();
    await page.getByRole("link", { name: "街道办事处数字化城管与12345热线办理考核" }).waitFor();
    await shot(page, "schemes-2-imported");

    await page.getByRole("link", { name: "查看指标" }).click();
    await page.waitForURL(/\/schemes\/[^/]+\?version=/);
    // From s13's text: K1 数字化城管案件办理 35, of which K1.2 案件按期办结率 20 (定量计算).
    const k12 = page.locator(".ant-table-row").filter({ hasText: "案件按期办结率" });
    await expect(k12.textContent()).resolves.toMatch(/K1\.2\s*案件按期办结率\s*20\s*定量计算/);
    await expect(
      page.locator(".ant-table-row").filter({ hasText: "数字化城管案件办理" }).first().textContent(),
    ).resolves.toMatch(/35/);
    await k12.click();
    await page.getByText("计算公式").waitFor();
    await shot(page, "schemes-3-detail");
  });
});
