/**
 * Writing base-data tables (基础数据统计表), shared by the per-table save and the workbook imports: row keys
 * checked, rows upserted in batches (only rows whose cells differ are touched, so saving the same rows again
 * changes nothing), rows no longer present deleted, and the table's version moved on its optimistic check.
 */
import type { Table, TableCell, TableRows } from "@kaoping/core";
import { sql } from "kysely";
import { type JsonBatch, JsonBatcher, ROW_BATCH } from "../../db/json-batches.js";
import { JsonbParameter } from "../../db/jsonb-parameter.js";
import { AppError } from "../../errors.js";
import { freeRowKeyProblem } from "../../workbooks/table-columns.js";
import { expectOneUpdated, type Trx, type Writer } from "../../write.js";
import { auditScope, type SelfEvaluationContext } from "./self-evaluation-context.js";
import { loadUnitTables } from "./unit-tables.js";

/** Why `key` cannot be a row of the table, in Chinese and English; null when it can. */
export function rowKeyProblem(table: Table, key: string): string | null {
  if (table.rows !== undefined)
    return table.rows.some((r) => r.key === key) ? null : `${table.name} has no row ${key} / 没有此行`;
  return freeRowKeyProblem(key);
}

export interface TableRowsTarget {
  evaluationId: string;
  tableCode: string;
  userId: string;
}

/** A row as written: its key and cells. */
export interface TableRowEntry {
  key: string;
  cells: Record<string, TableCell>;
}

function* batches<T>(rows: ReadonlyArray<T>): Generator<ReadonlyArray<T>> {
  if (rows.length === 0) return;
  if (rows.length <= ROW_BATCH) yield rows;
  else
    for (let start = 0; start < rows.length; start += ROW_BATCH) yield rows.slice(start, start + ROW_BATCH);
}

/** Whether the table has any stored row: into an empty table rows are inserted, with nothing to compare. */
export async function hasStoredRows(trx: Trx, target: TableRowsTarget): Promise<boolean> {
  const row = await trx
    .selectFrom("base_data_rows")
    .select("row_key")
    .where("self_evaluation_id", "=", target.evaluationId)
    .where("table_code", "=", target.tableCode)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Writes rows as they are added (or as batches built elsewhere, see JsonBatcher), one statement per batch. One
 * statement runs while the next one fills: on PostgreSQL the database works while this process reads the file.
 * Rows are upserted, only those whose cells differ from the stored ones touched; into a table known to have none
 * of the keys (`fresh`) they are simply inserted.
 */
export class TableRowsWriter {
  /** Rows inserted or updated. */
  written = 0;
  /** The first key written, to locate a refusal. */
  firstWritten: string | undefined;
  private readonly batcher = new JsonBatcher((batch) => this.addBatch(batch));
  private running: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | undefined;

  /**
   * With `referencesChecked`, the caller has locked the self-evaluation in this transaction and writes as the
   * signed-in user (users are never deleted), so both foreign keys of every row are known to hold: the database's
   * per-row checks are switched off for these statements only (session_replication_role, which needs the
   * superuser that PGlite runs as). On PGlite they are half of a large import's time.
   */
  constructor(
    private readonly w: Writer,
    private readonly target: TableRowsTarget,
    private readonly fresh: boolean,
    private readonly referencesChecked = false,
  ) {
    if (referencesChecked)
      this.running = this.replicationRole("replica").catch((error: unknown) => {
        this.failure = { error };
      });
  }

  private async replicationRole(role: "replica" | "origin"): Promise<void> {
    await sql`select set_config('session_replication_role', ${role}, true)`.execute(this.w.trx);
  }

  add(row: TableRowEntry): Promise<void> {
    return this.batcher.add(row);
  }

  /** Starts the batch's statement once the one before has finished. */
  async addBatch(batch: JsonBatch): Promise<void> {
    if (this.fresh) this.firstWritten ??= batch.firstKey;
    await this.settled();
    this.running = this.statement(batch.json, batch.count).catch((error: unknown) => {
      this.failure = { error };
    });
  }

  /** Writes what is left and waits for every statement; throws the database's error if one failed. */
  async finish(): Promise<void> {
    await this.batcher.flush();
    await this.settled();
    if (this.referencesChecked) await this.replicationRole("origin");
  }

  private async settled(): Promise<void> {
    await this.running;
    if (this.failure !== undefined) throw this.failure.error;
  }

  private async statement(json: string, count: number): Promise<void> {
    const { w, target } = this;
    const insert = sql`
      insert into base_data_rows (self_evaluation_id, table_code, row_key, cells, updated_by, updated_at)
      select ${target.evaluationId}::uuid, ${target.tableCode}, r.key, r.cells, ${target.userId}::uuid, ${w.now}::timestamptz
      from jsonb_to_recordset(${new JsonbParameter(json)}::jsonb) as r(key text, cells jsonb)`;
    if (this.fresh) {
      await insert.execute(w.trx);
      this.written += count;
      return;
    }
    const result = await sql<{ row_key: string }>`${insert}
      on conflict (self_evaluation_id, table_code, row_key) do update
        set cells = excluded.cells, version = base_data_rows.version + 1,
            updated_by = excluded.updated_by, updated_at = excluded.updated_at
        where base_data_rows.cells is distinct from excluded.cells
      returning row_key`.execute(w.trx);
    this.firstWritten ??= result.rows[0]?.row_key;
    this.written += result.rows.length;
  }
}

/** Stored keys read (and gone ones deleted) a page at a time, so a large table never sits whole in memory. */
const KEY_PAGE = 10_000;

export interface DeletedRows {
  count: number;
  /** The first keys deleted, for the audit entry. */
  firstKeys: string[];
}

/** Deletes the table's rows whose keys are not in `keep`. */
export async function deleteRowsNotIn(
  trx: Trx,
  target: TableRowsTarget,
  keep: { has(key: string): boolean },
): Promise<DeletedRows> {
  const deleted: DeletedRows = { count: 0, firstKeys: [] };
  let after = "";
  for (;;) {
    const page = await trx
      .selectFrom("base_data_rows")
      .select("row_key")
      .where("self_evaluation_id", "=", target.evaluationId)
      .where("table_code", "=", target.tableCode)
      .where("row_key", ">", after)
      .orderBy("row_key")
      .limit(KEY_PAGE)
      .execute();
    const gone = page.map((r) => r.row_key).filter((key) => !keep.has(key));
    for (const batch of batches(gone))
      await trx
        .deleteFrom("base_data_rows")
        .where("self_evaluation_id", "=", target.evaluationId)
        .where("table_code", "=", target.tableCode)
        .where("row_key", "in", batch)
        .execute();
    deleted.count += gone.length;
    deleted.firstKeys.push(...gone.slice(0, 100 - deleted.firstKeys.length));
    if (page.length < KEY_PAGE) return deleted;
    after = page[page.length - 1]!.row_key;
  }
}

/** The table's stored version, 0 when it was never saved. */
export async function tableVersion(trx: Trx, evaluationId: string, tableCode: string): Promise<number> {
  const row = await trx
    .selectFrom("base_data_tables")
    .select("version")
    .where("self_evaluation_id", "=", evaluationId)
    .where("table_code", "=", tableCode)
    .executeTakeFirst();
  return row?.version ?? 0;
}

/** Moves the table's version on from `version` (0: its first save); someone else's save in between is refused. */
export async function bumpTableVersion(w: Writer, target: TableRowsTarget, version: number): Promise<number> {
  if (version === 0) {
    const inserted = await w.trx
      .insertInto("base_data_tables")
      .values({
        self_evaluation_id: target.evaluationId,
        table_code: target.tableCode,
        updated_by: target.userId,
        updated_at: w.now,
      })
      .onConflict((oc) => oc.columns(["self_evaluation_id", "table_code"]).doNothing())
      .executeTakeFirst();
    if (inserted.numInsertedOrUpdatedRows !== 1n) throw new AppError("stale_version");
  } else {
    const updated = await w.trx
      .updateTable("base_data_tables")
      .set((eb) => ({ version: eb("version", "+", 1), updated_by: target.userId, updated_at: w.now }))
      .where("self_evaluation_id", "=", target.evaluationId)
      .where("table_code", "=", target.tableCode)
      .where("version", "=", version)
      .executeTakeFirst();
    expectOneUpdated(updated);
  }
  return version + 1;
}

/** Replaces a (small) table's rows on its version, audited with the rows before and after; returns the new version. */
export async function replaceTable(
  w: Writer,
  ctx: SelfEvaluationContext,
  userId: string,
  tableCode: string,
  version: number,
  rows: TableRows,
): Promise<number> {
  const evaluationId = ctx.evaluation.id;
  const target = { evaluationId, tableCode, userId };
  const next = await bumpTableVersion(w, target, version);
  const before = (await loadUnitTables(w.trx, [evaluationId])).get(evaluationId)?.[tableCode] ?? {};
  const writer = new TableRowsWriter(w, target, false);
  for (const [key, cells] of Object.entries(rows)) await writer.add({ key, cells });
  await writer.finish();
  await deleteRowsNotIn(w.trx, target, new Set(Object.keys(rows)));
  await w.audit({
    action: "self_evaluation.table_saved",
    entityType: "base_data_table",
    entityId: `${evaluationId}:${tableCode}`,
    ...auditScope(ctx),
    before,
    after: rows,
  });
  return next;
}
