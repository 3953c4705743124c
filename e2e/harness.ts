/**
 * What every browser test file shares: its own demo server (`startDemoServer`), Debian's Chromium through
 * playwright-core, people as separate browser contexts at 1440×900 in zh-CN, signing in as a demo user, and
 * screenshots into e2e/screenshots/.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

const root = fileURLToPath(new URL("..", import.meta.url));

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

async function waitForServer(url: string, server: ChildProcess, output: () => string, ms: number) {
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

export interface DemoServer {
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * A built server in demo mode of its own (free port, own data folder), so each test file starts from the demo's
 * data whatever the other files did. `KAOPING_WEB_DIR` from the environment is passed on.
 */
export async function startDemoServer(): Promise<DemoServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "kaoping-e2e-"));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = "";
  const server = spawn(process.execPath, [path.join(root, "packages/server/dist/main.js")], {
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
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  server.stdout?.on("data", collect);
  server.stderr?.on("data", collect);
  await waitForServer(`${baseUrl}/api/docs`, server, () => output, 180_000);
  const stop = async () => {
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once("exit", r));
      server.kill("SIGTERM");
      const timer = setTimeout(() => server.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { baseUrl, stop };
}

const screenshots = fileURLToPath(new URL("./screenshots", import.meta.url));

export const DEMO_PASSWORD = "kaoping-demo";

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(screenshots, { recursive: true });
  return chromium.launch({
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
}

/** A separate browser context on `server` (its own cookies: one signed-in person), zh-CN, 1440×900 unless told. */
export async function newPerson(
  browser: Browser,
  server: DemoServer,
  viewport = { width: 1440, height: 900 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: "zh-CN", viewport, baseURL: server.baseUrl });
  return { context, page: await context.newPage() };
}

/** Sign in through the login screen and wait for the workspace. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: /登\s*录/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  await page.getByText("我的待办").first().waitFor();
}

/** A full-page screenshot `e2e/screenshots/<name>.png`, after the page's requests have settled. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
}

export interface ApiSession {
  get<T = unknown>(path: string): Promise<T>;
  send<T = unknown>(method: "POST" | "PUT", path: string, body: unknown): Promise<T>;
}

/**
 * `username` signed in through the API by fetch (its own cookie and CSRF token), for setting a scene the test is
 * not about; every call throws with the server's answer unless it succeeds.
 */
export async function apiSession(
  server: DemoServer,
  username: string,
  password = DEMO_PASSWORD,
): Promise<ApiSession> {
  const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (!login.ok) throw new Error(`${username} cannot sign in: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.getSetCookie?.() ?? [login.headers.get("set-cookie") ?? ""])
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const request = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${server.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        cookie,
        "x-csrf-token": csrfToken,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${username} ${method} ${path}: ${response.status} ${text}`);
    return (text === "" ? undefined : JSON.parse(text)) as T;
  };
  return { get: (path) => request("GET", path), send: (method, path, body) => request(method, path, body) };
}
