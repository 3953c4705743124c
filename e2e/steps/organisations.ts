/**
 * Steps an organiser takes on the organisation and scheme screens, for tests to compose: open the tree, add an
 * organisation under another, import a scheme from text or a file.
 */
import type { Page } from "playwright-core";

/** The tree node showing `name` (its title; the code follows it in smaller type). */
export const treeNode = (page: Page, name: string) =>
  page.locator(".ant-tree-node-content-wrapper").filter({ hasText: name });

export async function openOrganisations(page: Page): Promise<void> {
  await page.getByRole("menuitem", { name: "组织机构" }).click();
  await page.waitForURL(/\/organisations$|\/organisations\?/);
  await page.locator(".ant-tree-node-content-wrapper").first().waitFor();
}

export interface NewOrganisation {
  parent: string;
  code: string;
  name: string;
  kind?: string;
  category?: string;
}

/** Opens the add-a-child form under `parent` and fills it (the caller saves, to check refusals too). */
export async function fillNewOrganisation(page: Page, org: NewOrganisation): Promise<void> {
  await treeNode(page, org.parent).first().click();
  await page.getByRole("button", { name: "新增下级单位" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("机构代码").fill(org.code);
  await dialog.getByLabel("单位名称").fill(org.name);
  if (org.kind !== undefined) await dialog.getByLabel("机构类型").fill(org.kind);
  if (org.category !== undefined) await dialog.getByLabel("单位类别").fill(org.category);
}

/** Adds an organisation under `parent` and waits until the tree shows it. */
export async function createOrganisation(page: Page, org: NewOrganisation): Promise<void> {
  await fillNewOrganisation(page, org);
  await page
    .getByRole("dialog")
    .getByRole("button", { name: /保\s*存/ })
    .click();
  await page.getByRole("dialog").waitFor({ state: "hidden" });
  await treeNode(page, org.name).first().waitFor();
}

/** Opens the scheme library's import form. */
export async function openSchemeImport(page: Page): Promise<void> {
  await page.getByRole("menuitem", { name: "指标体系" }).click();
  await page.waitForURL(/\/schemes$/);
  await page.getByRole("button", { name: "导入指标体系" }).click();
  await page.getByLabel("指标体系原文").waitFor();
}

/** Imports a scheme from pasted YAML or from a file, and presses 校验并导入. */
export async function submitScheme(page: Page, from: { text: string } | { file: string }): Promise<void> {
  const source = page.getByLabel("指标体系原文");
  if ("text" in from) await source.fill(from.text);
  else {
    // The file is read in the browser: wait until its text has replaced what was there.
    const before = await source.inputValue();
    await page.locator("input[type=file]").setInputFiles(from.file);
    await source.evaluate(
      (area, old) =>
        new Promise<void>((resolve) => {
          const check = () =>
            (area as unknown as { value: string }).value !== old ? resolve() : setTimeout(check, 50);
          check();
        }),
      before,
    );
  }
  await page.getByRole("button", { name: "校验并导入" }).click();
}
