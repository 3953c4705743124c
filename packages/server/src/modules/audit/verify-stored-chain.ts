/**
 * Verifying the audit chain of a database at rest (`kaoping audit verify`): it must already exist, so a mistyped
 * URL or folder is reported rather than answered with an empty, "intact" chain.
 */
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { type ChainReport, verifyAuditChain } from "../../audit/audit-log.js";
import { type DatabaseLocation, openDatabase } from "../../db/open-database.js";

export class NoDatabaseError extends Error {
  override name = "NoDatabaseError";
}

async function checkExists(location: DatabaseLocation): Promise<void> {
  if (location.kind === "pglite") {
    if (!fs.existsSync(path.join(location.dir, "pgdata", "PG_VERSION")))
      throw new NoDatabaseError(`no Kaoping database in ${location.dir}`);
  } else if (location.kind === "postgres") {
    const client = new pg.Client({
      connectionString: location.url,
      ...(location.schema === undefined ? {} : { options: `-c search_path=${location.schema}` }),
    });
    await client.connect();
    try {
      const found = await client.query<{ t: string | null }>("select to_regclass('audit_log')::text as t");
      if (found.rows[0]?.t == null)
        throw new NoDatabaseError(`no Kaoping audit_log table in ${new URL(location.url).pathname.slice(1)}`);
    } finally {
      await client.end();
    }
  }
}

export async function verifyStoredAuditChain(location: DatabaseLocation): Promise<ChainReport> {
  await checkExists(location);
  const database = await openDatabase(location);
  try {
    return await verifyAuditChain(database.db);
  } finally {
    await database.close();
  }
}
