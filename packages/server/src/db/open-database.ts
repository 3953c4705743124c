/**
 * Opens the one database the server uses: PostgreSQL when a URL is given, else PGlite in a local folder (or in
 * memory for tests). Both go through Kysely's PostgresDialect, so every query and migration is the same SQL.
 */
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { migrateToLatest } from "./migrate.js";
import { PGlitePool } from "./pglite-pool.js";
import type { Database } from "./schema.js";

export type Db = Kysely<Database>;

export type DatabaseLocation =
  | { kind: "postgres"; url: string; schema?: string }
  | { kind: "pglite"; dir: string }
  | { kind: "memory" };

export interface OpenDatabase {
  db: Db;
  /** What it is, for the start message (never the password). */
  description: string;
  close(): Promise<void>;
}

const INT8 = 20;

function postgresPool(url: string, schema: string | undefined): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // count(*) and other int8 results as numbers, as PGlite gives them.
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === INT8 ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  pool.on("error", () => {
    // An idle client lost its connection; the pool replaces it on next use.
  });
  return pool;
}

/**
 * PGlite is one process's database: a second process opening the same folder would corrupt it. A lock file with
 * the owner's pid refuses a second server while a lock left by a killed one is taken over.
 */
function lockFolder(dir: string): () => void {
  const lockPath = path.join(dir, "kaoping.lock");
  for (;;) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      return () => fs.rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(fs.readFileSync(lockPath, "utf8"));
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
        throw new Error(
          `The database folder ${dir} is in use by process ${owner} / 数据目录正被进程 ${owner} 使用`,
        );
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

const embedded = new WeakSet<Db>();

/**
 * Whether the database is PGlite, which runs inside this process as the superuser: what a bulk write may do
 * differently there (see TableRowsWriter's `referencesChecked`).
 */
export const isEmbedded = (db: Db): boolean => embedded.has(db);

export async function openDatabase(location: DatabaseLocation): Promise<OpenDatabase> {
  let opened: OpenDatabase;
  if (location.kind === "postgres") {
    const url = new URL(location.url);
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: postgresPool(location.url, location.schema) }),
    });
    opened = { db, description: `PostgreSQL ${url.host}${url.pathname}`, close: () => db.destroy() };
  } else if (location.kind === "pglite") {
    fs.mkdirSync(location.dir, { recursive: true });
    const unlock = lockFolder(location.dir);
    const pglite = await PGlite.create(path.join(location.dir, "pgdata"));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new PGlitePool(pglite) }) });
    opened = {
      db,
      description: `PGlite ${location.dir}`,
      close: async () => {
        await db.destroy();
        unlock();
      },
    };
  } else {
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new PGlitePool(await PGlite.create()) }),
    });
    opened = { db, description: "PGlite (memory)", close: () => db.destroy() };
  }
  if (location.kind !== "postgres") embedded.add(opened.db);
  try {
    await migrateToLatest(opened.db as Kysely<unknown>);
  } catch (error) {
    await opened.close();
    throw error;
  }
  return opened;
}
