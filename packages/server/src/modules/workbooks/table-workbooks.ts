/**
 * A base-data table's own workbook: the template with current rows (streamed out), and its import, streamed in:
 * rows are read, checked and written in batches inside one transaction as they arrive, so a 100,000-row file
 * never sits whole in memory; any problem found anywhere rolls everything back and returns every located problem.
 * Only rows that differ are written (an upsert that leaves equal rows alone) and rows missing from the file are
 * deleted, so importing the same file again changes nothing: no version, no audit entry.
 */
import type { Readable } from "node:stream";
import type { Table } from "@kaoping/core";
import type { Actor } from "../../access/actor.js";
import { authorOf } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { isEmbedded } from "../../db/open-database.js";
import { AppError, type ErrorDetail, forbidden, notFound } from "../../errors.js";
import { readTableWorkbookBatches } from "../../workbooks/read-table-workbook.js";
import { META_SHEET } from "../../workbooks/self-evaluation-layout.js";
import { rowsInOrder } from "../../workbooks/table-columns.js";
import { readTableWorkbookThreaded } from "../../workbooks/table-parser.js";
import { tableSheetName, tableWorkbookStream } from "../../workbooks/table-workbook.js";
import { write } from "../../write.js";
import {
  auditScope,
  loadSelfEvaluation,
  lockEditable,
  requireEdit,
  requireEditable,
  type SelfEvaluationContext,
} from "../self-evaluations/self-evaluation-context.js";
import {
  bumpTableVersion,
  deleteRowsNotIn,
  hasStoredRows,
  TableRowsWriter,
  tableVersion,
} from "../self-evaluations/table-writes.js";
import { loadTableVersions, loadUnitTables } from "../self-evaluations/unit-tables.js";
import { invalidWorkbook } from "./import-self-evaluation-workbook.js";
import { includes, requireWorkbookReader } from "./workbook-scope.js";

async function tableContext(
  services: Services,
  actor: Actor,
  campaignId: string,
  organisationId: string,
  tableCode: string,
): Promise<{ ctx: SelfEvaluationContext; table: Table }> {
  const ctx = await loadSelfEvaluation(services.db, actor, campaignId, organisationId);
  const table = ctx.campaign.scheme.tables.get(tableCode);
  if (table === undefined) throw notFound(`table ${tableCode}`);
  return { ctx, table };
}

export async function exportTableWorkbook(
  services: Services,
  actor: Actor,
  campaignId: string,
  organisationId: string,
  tableCode: string,
): Promise<{ name: string; content: Readable }> {
  const { ctx, table } = await tableContext(services, actor, campaignId, organisationId, tableCode);
  requireWorkbookReader(ctx);
  if (!includes(ctx, `table:${tableCode}`))
    throw forbidden(`table:${tableCode} is not assigned to your department / 该表未分配给本部门`);
  const evaluationId = ctx.evaluation.id;
  const stored = (await loadUnitTables(services.db, [evaluationId])).get(evaluationId)?.[tableCode];
  const version = (await loadTableVersions(services.db, evaluationId)).get(tableCode) ?? 0;
  const content = tableWorkbookStream({
    table,
    campaignName: ctx.campaign.name,
    unitName: ctx.unit.name,
    rows: rowsInOrder(table, stored),
    meta: {
      kind: "table",
      campaignId,
      organisationId,
      evaluationVersion: ctx.evaluation.version,
      items: new Map(),
      tables: new Map([[tableCode, version]]),
    },
  });
  return { name: `${ctx.unit.name}-${tableSheetName(table)}.xlsx`, content };
}

export interface TableImportSummary {
  tableCode: string;
  rows: number;
  /** Rows inserted or updated (their cells differed). */
  rowsWritten: number;
  rowsDeleted: number;
  rowsUnchanged: number;
  version: number;
}

export async function importTableWorkbook(
  services: Services,
  actor: Actor,
  campaignId: string,
  organisationId: string,
  tableCode: string,
  content: Readable,
): Promise<TableImportSummary> {
  const { ctx, table } = await tableContext(services, actor, campaignId, organisationId, tableCode);
  requireEdit(ctx, `table:${tableCode}`);
  requireEditable(ctx);
  const target = { evaluationId: ctx.evaluation.id, tableCode, userId: actor.userId };
  const problems: ErrorDetail[] = [];
  return write(services, authorOf(actor), async (w) => {
    await lockEditable(w.trx, ctx);
    const version = await tableVersion(w.trx, target.evaluationId, tableCode);
    // Into an empty table every row is new: inserted without comparing, and nothing can be left to delete.
    const stored = await hasStoredRows(w.trx, target);
    const writer = new TableRowsWriter(w, target, !stored, isEmbedded(services.db));
    // PGlite's database runs on this thread, so the file is read on another to overlap the two; PostgreSQL works
    // in its own process while this thread reads.
    const read = await (isEmbedded(services.db) ? readTableWorkbookThreaded : readTableWorkbookBatches)(
      content,
      table,
      problems,
      (batch) => writer.addBatch(batch),
    );
    const meta = read.meta;
    if (meta === null)
      problems.unshift({
        path: META_SHEET,
        message: "not a table workbook exported by Kaoping / 不是从系统下载的统计表模板",
      });
    else if (
      meta.kind !== "table" ||
      meta.campaignId !== campaignId ||
      meta.organisationId !== organisationId ||
      !meta.tables.has(tableCode)
    )
      problems.unshift({
        path: META_SHEET,
        message: `this workbook is for another campaign, unit or table / 该文件不是本单位本次考评的${table.name}`,
      });
    if (read.unlisted > 0)
      problems.push({
        path: "file",
        message: `${read.unlisted} more problems not listed / 另有 ${read.unlisted} 个错误未列出`,
      });
    if (problems.length > 0) throw invalidWorkbook(problems);
    await writer.finish();
    const written = writer.written;
    const deleted = stored
      ? await deleteRowsNotIn(w.trx, target, { has: (key: string) => read.keys.rowOf(key) !== undefined })
      : { count: 0, firstKeys: [] };
    const summary = {
      tableCode,
      rows: read.rows,
      rowsWritten: written,
      rowsDeleted: deleted.count,
      rowsUnchanged: read.rows - written,
      version,
    };
    if (written + deleted.count === 0) return summary;
    if (version !== meta!.tables.get(tableCode)) {
      const first = writer.firstWritten;
      const row = first === undefined ? undefined : read.keys.rowOf(first);
      throw new AppError("stale_version", [
        {
          path: row === undefined ? read.path(3, 1) : read.path(row, 1),
          message: `${table.name} was changed by someone else after this file was exported / 导出后已有人修改${table.name}，请重新下载`,
        },
      ]);
    }
    const next = await bumpTableVersion(w, target, version);
    await w.audit({
      action: "self_evaluation.table_imported",
      entityType: "base_data_table",
      entityId: `${target.evaluationId}:${tableCode}`,
      ...auditScope(ctx),
      before: { version },
      after: {
        version: next,
        rows: read.rows,
        written,
        deleted: deleted.count,
        deletedKeys: deleted.firstKeys,
      },
    });
    return { ...summary, version: next };
  });
}
