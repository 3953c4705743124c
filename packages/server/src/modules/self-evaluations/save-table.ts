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
import { write } from "../../write.js";
import { loadSelfEvaluation, lockEditable, requireEdit, requireEditable } from "./self-evaluation-context.js";
import { replaceTable, rowKeyProblem } from "./table-writes.js";
import { loadUnitTables, tableViolations } from "./unit-tables.js";

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
    const keyProblem = rowKeyProblem(table, key);
    if (keyProblem !== null) {
      problems.push({ path, message: keyProblem });
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
    return replaceTable(w, ctx, actor.userId, tableCode, change.version, rows);
  });

  const tables = (await loadUnitTables(services.db, [evaluationId])).get(evaluationId) ?? {};
  const ownRules = new Set(table.rules.map((r) => r.code));
  const violations = (await tableViolations(services.db, plan, campaignId, ctx.unit.id, tables)).filter(
    (v) => v.table === tableCode || ownRules.has(v.rule),
  );
  return { tableCode, version, rows, violations };
}
