/**
 * The organiser's path through the web app on the real, built server in demo mode: sign in as kaopingban, the
 * workspace, the campaign list, last year's published S4 campaign and the ranking of its latest grading run, whose
 * figures come from S4's hand-worked table.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const screenshots = path.join(root, "e2e", "screenshots");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForServer(
  url: string,
  server: ChildProcess,
  output: () => string,
  ms: number,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}:\n${output()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server did not answer ${url} within ${ms} ms:\n${output()}`);
}

let server: ChildProcess | undefined;
let browser: Browser | undefined;
let dataDir = "";
let baseUrl = "";

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
}

describe("organiser in the browser", () => {
  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    dataDir = mkdtempSync(path.join(tmpdir(), "kaoping-e2e-"));
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    let output = "";
    server = spawn(process.execPath, [path.join(root, "packages/server/dist/main.js")], {
      env: {
        ...process.env,
        KAOPING_PORT: String(port),
        KAOPING_HOST: "127.0.0.1",
        KAOPING_DATA_DIR: dataDir,
        KAOPING_MODE: "demo",
        KAOPING_LOG: "warn",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    server.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    await waitForServer(`${baseUrl}/api/docs`, server, () => output, 120_000);
    browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    if (server !== undefined && server.exitCode === null) {
      const exited = new Promise((r) => server?.once("exit", r));
      server.kill("SIGTERM");
      const timer = setTimeout(() => server?.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
    if (dataDir !== "") rmSync(dataDir, { recursive: true, force: true });
  });

  it("signs in and reads last year's S4 ranking", async () => {
    if (browser === undefined) throw new Error("no browser");
    const page = await browser.newPage({ locale: "zh-CN", viewport: { width: 1440, height: 900 } });

    const started = Date.now();
    await page.goto(baseUrl);
    const username = page.getByLabel("用户名");
    const password = page.getByLabel("密码");
    await username.waitFor();
    await expect(username.isEditable()).resolves.toBe(true);
    console.log(`time to first interactive screen: ${Date.now() - started} ms`);
    await shot(page, "1-login");

    await username.fill("kaopingban");
    await password.fill("kaoping-demo");
    await page.getByRole("button", { name: /登\s*录/ }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    await page.getByRole("menuitem", { name: "考评活动" }).waitFor();
    await page.getByText("王主任，您好").waitFor();
    await page.getByText("我的待办").first().waitFor();
    await page.waitForLoadState("networkidle");
    await shot(page, "2-workspace");

    await page.getByRole("menuitem", { name: "考评活动" }).click();
    await page.waitForURL(/\/campaigns$/);
    const lastYear = new Date().getFullYear() - 1;
    const row = page.getByRole("row").filter({ hasText: `${lastYear}年度全县工会工作创优争先考评` });
    await row.getByText("已发布").waitFor();
    await shot(page, "3-campaigns");

    await row.getByRole("link", { name: `${lastYear}年度全县工会工作创优争先考评` }).click();
    await page.waitForURL(/\/campaigns\/[^/]+$/);
    const runs = page.getByRole("link", { name: /第 \d+ 次定级/ });
    await runs.first().waitFor();
    await page.waitForLoadState("networkidle");
    await shot(page, "4-campaign");
    const labels = await runs.allTextContents();
    const latest = Math.max(...labels.map((l) => Number(/\d+/.exec(l)?.[0])));
    await page.getByRole("link", { name: `第 ${latest} 次定级` }).click();
    await page.waitForURL(/\/grading-runs\//);

    // The ranking's unit rows (Ant Design's body rows, in rank order).
    const unitRows = page.locator(".ant-table-row");
    await unitRows.filter({ hasText: "城关镇工会工作委员会" }).first().waitFor();
    await page.waitForLoadState("networkidle");
    await shot(page, "5-ranking");
    const rows = await unitRows.allTextContents();
    expect(rows[0]).toMatch(/城关镇工会工作委员会.*94\.85.*优秀单位/);
    const health = rows.find((text) => text.includes("县卫生健康系统工会工作委员会"));
    expect(health).toMatch(/88\.05.*先进单位/);
  });
});
