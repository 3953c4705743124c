/**
 * Services for tests on a fresh, migrated database: in-memory PGlite by default, or a new schema on the
 * PostgreSQL server named by DATABASE_URL (dropped afterwards), so every server test runs on both.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { type Config, parseConfig } from "../config.js";
import type { Clock, Services } from "../context.js";
import { openDatabase } from "../db/open-database.js";
import type { Api } from "../http/api.js";
import { buildApp } from "../http/app.js";
import { LocalDiskStorage } from "../storage/local-disk-storage.js";

export const onPostgres = (): boolean =>
  process.env.DATABASE_URL !== undefined && process.env.DATABASE_URL !== "";

/** A clock tests can move. */
export class TestClock implements Clock {
  constructor(private current = new Date("2026-03-01T02:00:00Z")) {}
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface TestServer {
  services: Services & { clock: TestClock };
  app: Api;
  close(): Promise<void>;
}

async function withPgClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function startTestServer(overrides: Partial<Config> = {}): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kaoping-test-"));
  const config: Config = {
    ...parseConfig({ KAOPING_DATA_DIR: dataDir, KAOPING_LOG: "silent" }),
    ...overrides,
  };
  const url = process.env.DATABASE_URL;
  let schema: string | undefined;
  if (onPostgres() && url !== undefined) {
    schema = `kaoping_test_${randomBytes(6).toString("hex")}`;
    await withPgClient(url, (c) => c.query(`create schema ${schema}`));
  }
  const database = await openDatabase(
    url !== undefined && schema !== undefined ? { kind: "postgres", url, schema } : { kind: "memory" },
  );
  const services = {
    db: database.db,
    config,
    clock: new TestClock(),
    storage: new LocalDiskStorage(config.evidenceDir),
  };
  const app = await buildApp(services);
  return {
    services,
    app,
    async close() {
      await app.close();
      await database.close();
      if (url !== undefined && schema !== undefined)
        await withPgClient(url, (c) => c.query(`drop schema ${schema} cascade`));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
