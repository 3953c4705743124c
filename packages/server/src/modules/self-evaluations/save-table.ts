/**
 * Saves one base-data table (基础数据统计表) whole, on the table's own version (0 for the first save). Rows and
 * columns must exist (fixed rows) or be well-formed keys (free rows); the cells are then checked by the engine
 * against the columns and the scheme's rules, the cross-level ones included, and every violation is returned with
 * its rule and cell. A draft may be saved with violations; submitting refuses them.
 */
import type { TableCell, TableRows, TableViolation } from "@kaoping/core";
import type { Actor } from "../../access/actor.js";
import { authorOf } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { AppError, type ErrorDetail, notFound } from "../../errors.js";
import { expectOneUpdated, write } from "../../write.js";
import {
  auditScope,
  loadSelfEvaluation,
  lockEditable,
  requireEdit,
  requireEditable,
} from "./self-evaluation-context.js";
import { loadUnitTables, tableViolations } from "./unit-tables.js";

const ROW_KEY = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,63}$/u;

export interface TableSaved {
  tableCode: string;
  version: number;
  rows: TableRows;
  /** This table's violations (its cells and the rules that involve it), each with its rule and cell. */
  violations: TableViolation[];
}

export async function saveTable(
  services: Services,
  actor: Actor,
  campaignId: string,
  organisationId: string,
  tableCode: string,
  change: { version: number; rows: Record<string, Record<string, TableCell>> },
): Promise<TableSaved> {
  const ctx = await loadSelfEvaluation(services.db, actor, campaignId, organisationId);
  const plan = ctx.campaign.scheme;
  const table = plan.tables.get(tableCode);
  if (table === undefined) throw notFound(`table ${tableCode}`);
  requireEdit(ctx, `table:${tableCode}`);
  requireEditable(ctx);

  const problems: ErrorDetail[] = [];
  const rows: TableRows = {};
  for (const [key, cells] of Object.entries(change.rows)) {
    const path = `body.rows.${key}`;
    if (table.rows !== undefined ? !table.rows.some((r) => r.key === key) : !ROW_KEY.test(key)) {
      problems.push({
        path,
        message:
          table.rows !== undefined
            ? `${table.name} has no row ${key} / 没有此行`
            : "a row key is 1–64 letters, digits, '.', '_' or '-'",
      });
      continue;
    }
    const kept: Record<string, TableCell> = {};
    for (const [column, value] of Object.entries(cells)) {
      if (!table.columns.some((c) => c.code === column)) {
        problems.push({
          path: `${path}.${column}`,
          message: `${table.name} has no column ${column} / 没有此列`,
        });
        continue;
      }
      if (value !== null && value !== "") kept[column] = value;
    }
    rows[key] = kept;
  }
  if (problems.length > 0) throw new AppError("validation", problems);

  const evaluationId = ctx.evaluation.id;
  const version = await write(services, authorOf(actor), async (w) => {
    await lockEditable(w.trx, ctx);
    if (change.version === 0) {
      const inserted = await w.trx
        .insertInto("base_data_tables")
        .values({
          self_evaluation_id: evaluationId,
          table_code: tableCode,
          updated_by: actor.userId,
          updated_at: w.now,
        })
        .onConflict((oc) => oc.columns(["self_evaluation_id", "table_code"]).doNothing())
        .executeTakeFirst();
      if (inserted.numInsertedOrUpdatedRows !== 1n) throw new AppError("stale_version");
    } else {
      const updated = await w.trx
        .updateTable("base_data_tables")
        .set((eb) => ({ version: eb("version", "+", 1), updated_by: actor.userId, updated_at: w.now }))
        .where("self_evaluation_id", "=", evaluationId)
        .where("table_code", "=", tableCode)
        .where("version", "=", change.version)
        .executeTakeFirst();
      expectOneUpdated(updated);
    }
    const before = (await loadUnitTables(w.trx, [evaluationId])).get(evaluationId)?.[tableCode] ?? {};
    await w.trx
      .deleteFrom("base_data_rows")
      .where("self_evaluation_id", "=", evaluationId)
      .where("table_code", "=", tableCode)
      .execute();
    const entries = Object.entries(rows);
    if (entries.length > 0) {
      await w.trx
        .insertInto("base_data_rows")
        .values(
          entries.map(([key, cells]) => ({
            self_evaluation_id: evaluationId,
            table_code: tableCode,
            row_key: key,
            cells: JSON.stringify(cells),
            updated_by: actor.userId,
            updated_at: w.now,
          })),
        )
        .execute();
    }
    await w.audit({
      action: "self_evaluation.table_saved",
      entityType: "base_data_table",
      entityId: `${evaluationId}:${tableCode}`,
      ...auditScope(ctx),
      before,
      after: rows,
    });
    return change.version + 1;
  });

  const tables = (await loadUnitTables(services.db, [evaluationId])).get(evaluationId) ?? {};
  const ownRules = new Set(table.rules.map((r) => r.code));
  const violations = (await tableViolations(services.db, plan, campaignId, ctx.unit.id, tables)).filter(
    (v) => v.table === tableCode || ownRules.has(v.rule),
  );
  return { tableCode, version, rows, violations };
}
