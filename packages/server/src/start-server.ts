/**
 * Starting the server: open (and migrate) the database, bootstrap the accounts, build the app and listen. The
 * bin (`main.ts`) adds the environment, the start message and the signals; tests may call this directly.
 */
import path from "node:path";
import { type AdminOutcome, ensureAdmin } from "./bootstrap/ensure-admin.js";
import type { Config } from "./config.js";
import { type Clock, type Services, systemClock } from "./context.js";
import { type DatabaseLocation, isEmbedded, type OpenDatabase, openDatabase } from "./db/open-database.js";
import { type DemoLogins, isEmptyDatabase, loadDemo } from "./demo/load-demo.js";
import type { Api } from "./http/api.js";
import { buildApp } from "./http/app.js";
import { LocalDiskStorage } from "./storage/local-disk-storage.js";
import { startTableParser } from "./workbooks/table-parser.js";

export interface RunningServer {
  /** Where it listens, e.g. http://127.0.0.1:3000 */
  url: string;
  services: Services;
  app: Api;
  database: OpenDatabase;
  /** What the bootstrap did: the production administrator, or the demo loaded on a first start. */
  bootstrap: { admin: AdminOutcome | null; demo: DemoLogins | null };
  /** Stops listening (letting requests in flight finish), closes the database and releases its folder. */
  close(): Promise<void>;
}

/** PostgreSQL when DATABASE_URL is set, else PGlite in `<dataDir>/db`. */
export function databaseLocation(config: Config): DatabaseLocation {
  if (config.databaseUrl !== undefined) {
    return {
      kind: "postgres",
      url: config.databaseUrl,
      ...(config.databaseSchema === undefined ? {} : { schema: config.databaseSchema }),
    };
  }
  return { kind: "pglite", dir: path.join(config.dataDir, "db") };
}

/**
 * Production: the administrator from KAOPING_ADMIN_USERNAME/KAOPING_ADMIN_PASSWORD, nothing else. Demo: on an
 * empty database only, the demo organisations and users.
 */
export async function bootstrap(services: Services, app: Api): Promise<RunningServer["bootstrap"]> {
  const { config } = services;
  if (config.mode === "production") {
    if (config.admin.password === undefined)
      throw new Error("KAOPING_ADMIN_PASSWORD is required in production");
    return { admin: await ensureAdmin(services, config.admin.username, config.admin.password), demo: null };
  }
  if (!(await isEmptyDatabase(services))) return { admin: null, demo: null };
  return { admin: null, demo: await loadDemo(services, app) };
}

const displayHost = (host: string): string =>
  host === "0.0.0.0" || host === "::" ? "localhost" : host.includes(":") ? `[${host}]` : host;

export async function startServer(config: Config, clock: Clock = systemClock): Promise<RunningServer> {
  const database = await openDatabase(databaseLocation(config));
  let app: Api | undefined;
  try {
    const services: Services = {
      db: database.db,
      config,
      clock,
      storage: new LocalDiskStorage(config.evidenceDir),
    };
    const built = await buildApp(services);
    app = built;
    // The demo is played through the API in-process, before the server listens.
    const done = await bootstrap(services, built);
    await built.listen({ host: config.host, port: config.port });
    // Only PGlite imports tables on the parsing thread: ready before the first import needs it (starting it costs
    // most of a second).
    if (isEmbedded(services.db)) void startTableParser();
    let closing: Promise<void> | undefined;
    return {
      url: `http://${displayHost(config.host)}:${config.port}`,
      services,
      app: built,
      database,
      bootstrap: done,
      close() {
        closing ??= (async () => {
          try {
            await built.close();
          } finally {
            await database.close();
          }
        })();
        return closing;
      },
    };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await database.close().catch(() => undefined);
    throw error;
  }
}
