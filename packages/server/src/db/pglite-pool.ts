/**
 * Kysely 0.28 (the last line that runs on Node 20) has no PGlite dialect, but its PostgresDialect only needs a
 * pg-Pool look-alike. PGlite is one connection, so the look-alike hands it out in turn: a transaction holds it
 * until released and nothing interleaves with it.
 */
import type { PGlite } from "@electric-sql/pglite";
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from "kysely";
import { JsonbParameter } from "./jsonb-parameter.js";

export class PGlitePool implements PostgresPool {
  private queue: Promise<void> = Promise.resolve();

  constructor(readonly pglite: PGlite) {}

  async connect(): Promise<PostgresPoolClient> {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.queue;
    this.queue = previous.then(() => turn);
    await previous;
    const pglite = this.pglite;
    return {
      async query<R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>> {
        const values = parameters.map((p) => (p instanceof JsonbParameter ? p.text : p));
        const result = await pglite.query<R>(sql, values);
        const command = sql.trimStart().slice(0, 6).toUpperCase();
        return {
          command: command as PostgresQueryResult<R>["command"],
          rowCount: result.affectedRows ?? result.rows.length,
          rows: result.rows,
        };
      },
      release,
    } as PostgresPoolClient;
  }

  async end(): Promise<void> {
    await this.queue;
    await this.pglite.close();
  }
}
