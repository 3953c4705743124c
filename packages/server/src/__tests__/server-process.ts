/**
 * The real server as a child process (`node packages/server/dist/main.js`), for the tests about what only a
 * process shows: exit codes, signals, a kill in the middle of writes. Talks to it over HTTP with fetch.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

export const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
export const SERVER_MAIN = path.join(ROOT, "packages/server/dist/main.js");
export const CLI_MAIN = path.join(ROOT, "packages/cli/dist/main.js");
export const ADMIN_PASSWORD = "crash-test-admin-password";

/**
 * Compiles the server and the CLI (incremental, so quick when nothing changed). Test files run in parallel, so a
 * directory is the lock that keeps two builds from writing dist/ at once.
 */
export async function buildOnce(): Promise<void> {
  const lock = path.join(os.tmpdir(), "kaoping-test-build.lock");
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 180_000) fs.rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`waited too long for ${lock}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    execFileSync(
      process.execPath,
      [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-b", "packages/server", "packages/cli"],
      {
        cwd: ROOT,
        stdio: "pipe",
      },
    );
  } catch (error) {
    // Type errors elsewhere still emit JavaScript (tsc -b emits despite errors); only a missing bin is fatal.
    if (!fs.existsSync(SERVER_MAIN)) throw error;
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs main.js with these settings; resolves when it exits (for start failures) or `ready()` when it listens. */
export function spawnServer(env: Record<string, string>): ServerProcess & { ready(): Promise<void> } {
  const child = spawn(process.execPath, [SERVER_MAIN], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", KAOPING_LOG: "silent", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    url: `http://127.0.0.1:${env.KAOPING_PORT}`,
    stdout: () => out,
    stderr: () => err,
    exited,
    async ready() {
      const deadline = Date.now() + 60_000;
      while (!out.includes("listening on")) {
        if (child.exitCode !== null || child.signalCode !== null)
          throw new Error(`server exited (${child.exitCode ?? child.signalCode}): ${err}${out}`);
        if (Date.now() > deadline) throw new Error(`server did not start: ${err}${out}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

/** A signed-in user over real HTTP: the session cookie and the CSRF header, like a browser. */
export class HttpClient {
  private constructor(
    readonly base: string,
    private readonly cookie: string,
    private readonly csrf: string,
  ) {}

  static async login(base: string, username: string, password: string): Promise<HttpClient> {
    const response = await fetch(`${base}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password }),
    });
    if (response.status !== 200)
      throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
    const cookie = response.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .find((c) => c?.startsWith("kaoping_session="));
    const body = (await response.json()) as { csrfToken: string };
    return new HttpClient(base, cookie ?? "", body.csrfToken);
  }

  // biome-ignore lint/suspicious/noExplicitAny: response bodies of every shape, as in http/in-process-client.ts
  async request(method: string, url: string, body?: unknown): Promise<{ status: number; body: any }> {
    const response = await fetch(`${this.base}/api/v1${url}`, {
      method,
      headers: {
        cookie: this.cookie,
        "x-csrf-token": this.csrf,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text === "" ? null : JSON.parse(text) };
  }

  get = (url: string) => this.request("GET", url);
  post = (url: string, body: unknown) => this.request("POST", url, body);
  patch = (url: string, body: unknown) => this.request("PATCH", url, body);
}

/** Where a test server keeps its data: a fresh temporary folder, and on PostgreSQL a fresh schema. */
export interface TestStore {
  env: Record<string, string>;
  dataDir: string;
  onPostgres: boolean;
  drop(): Promise<void>;
}

export async function testStore(): Promise<TestStore> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kaoping-process-"));
  const url = process.env.DATABASE_URL;
  if (url === undefined || url === "") {
    return {
      env: { KAOPING_DATA_DIR: dataDir },
      dataDir,
      onPostgres: false,
      drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const schema = `kaoping_process_${randomBytes(6).toString("hex")}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`create schema ${schema}`);
  return {
    env: { KAOPING_DATA_DIR: dataDir, DATABASE_URL: url, KAOPING_DATABASE_SCHEMA: schema },
    dataDir,
    onPostgres: true,
    async drop() {
      await run(`drop schema ${schema} cascade`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
