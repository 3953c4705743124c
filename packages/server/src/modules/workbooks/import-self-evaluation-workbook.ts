/**
 * Imports an offline self-evaluation workbook: everything is read and checked first (each input by the engine
 * against its method, data fields, table rows), every problem returned with its sheet and cell, and if there is any,
 * nothing changes. Otherwise only the items, data and tables whose values differ from the stored ones are written,
 * in one transaction, through the same writes as the per-item saves; importing the same file again changes nothing.
 * A file exported before someone else changed an item that the file also changes is refused as a located conflict.
 */
import type { FieldValue, PlanNode, TableRows } from "@kaoping/core";
import ExcelJS from "exceljs";
import type { Actor } from "../../access/actor.js";
import { authorOf } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { AppError, type ErrorDetail } from "../../errors.js";
import {
  type ReadSelfEvaluation,
  readSelfEvaluationWorkbook,
} from "../../workbooks/read-self-evaluation-workbook.js";
import { META_SHEET, sameInput } from "../../workbooks/self-evaluation-layout.js";
import { write } from "../../write.js";
import { itemInputProblems, writeItem } from "../self-evaluations/item-writes.js";
import { checkFields, writeEvaluation } from "../self-evaluations/save-data.js";
import {
  loadSelfEvaluation,
  lockEditable,
  type SelfEvaluationContext,
} from "../self-evaluations/self-evaluation-context.js";
import { replaceTable } from "../self-evaluations/table-writes.js";
import {
  loadStoredState,
  requireImporter,
  type StoredState,
  selfEvaluationLayout,
} from "./workbook-scope.js";

export interface ImportSummary {
  itemsChanged: string[];
  itemsUnchanged: number;
  dataChanged: boolean;
  tablesChanged: string[];
  tablesUnchanged: number;
}

/** A workbook that cannot be opened at all, or that has problems: 422 with every located detail. */
export const invalidWorkbook = (details: ErrorDetail[]) => new AppError("invalid_workbook", details);

export async function loadWorkbook(content: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(new Uint8Array(content).buffer);
  } catch (error) {
    throw invalidWorkbook([
      {
        path: "file",
        message: `not an Excel workbook (.xlsx): ${(error as Error).message} / 不是有效的 Excel 文件`,
      },
    ]);
  }
  return workbook;
}

function identityProblems(ctx: SelfEvaluationContext, read: ReadSelfEvaluation): ErrorDetail[] {
  const meta = read.meta;
  if (meta === null) return [];
  if (
    meta.kind === "self-evaluation" &&
    meta.campaignId === ctx.campaign.id &&
    meta.organisationId === ctx.unit.id
  )
    return [];
  return [
    {
      path: META_SHEET,
      message: `this workbook is for another campaign, unit or form / 该文件不是本单位本次考评的自评离线填报表（${ctx.unit.name}）`,
    },
  ];
}

function valueProblems(ctx: SelfEvaluationContext, read: ReadSelfEvaluation): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  for (const [code, item] of read.items)
    for (const p of itemInputProblems(ctx, code, item.input))
      problems.push({ path: item.locate(p.path), message: `${code}: ${p.message} / 不符合该指标的评分方法` });
  if (read.data !== null) {
    const filled = Object.fromEntries(Object.entries(read.data.values).filter(([, v]) => v !== null));
    const pathOf = read.data.pathOf;
    problems.push(...checkFields(ctx, filled, (code) => pathOf.get(code) ?? code));
  }
  return problems;
}

const canonicalRows = (rows: TableRows | undefined): string =>
  JSON.stringify(
    Object.keys(rows ?? {})
      .sort()
      .map((key) => [
        key,
        Object.entries(rows![key]!)
          .filter(([, v]) => v !== null && v !== "")
          .sort(),
      ]),
  );

const sameValue = (a: FieldValue | undefined, b: FieldValue | undefined): boolean =>
  (a ?? null) === (b ?? null) ||
  (typeof a !== "boolean" &&
    typeof b !== "boolean" &&
    a !== null &&
    b !== null &&
    a !== undefined &&
    b !== undefined &&
    String(a) === String(b));

interface Changes {
  items: Array<{ code: string; version: number; input: unknown; narrative: string }>;
  unchanged: number;
  data: Record<string, FieldValue> | null;
  tables: Array<{ code: string; version: number; rows: TableRows }>;
  tablesUnchanged: number;
  conflicts: ErrorDetail[];
}

function changesOf(ctx: SelfEvaluationContext, read: ReadSelfEvaluation, stored: StoredState): Changes {
  const plan = ctx.campaign.scheme;
  const meta = read.meta!;
  const out: Changes = { items: [], unchanged: 0, data: null, tables: [], tablesUnchanged: 0, conflicts: [] };
  const conflict = (path: string, what: string) =>
    out.conflicts.push({
      path,
      message: `${what} was changed by someone else after this file was exported / 导出后已有人修改${what}，请重新下载填报表`,
    });
  for (const [code, item] of read.items) {
    const node: PlanNode = plan.nodes[plan.byCode.get(code)!]!;
    const current = stored.items.get(code);
    const inputSame = item.input === undefined || sameInput(node, current?.input ?? null, item.input);
    if (inputSame && (current?.narrative ?? "") === item.narrative) {
      out.unchanged++;
      continue;
    }
    const version = current?.version ?? 0;
    if (version !== (meta.items.get(code) ?? 0)) conflict(item.locate(""), code);
    out.items.push({ code, version, input: item.input, narrative: item.narrative });
  }
  if (read.data !== null) {
    const data = ctx.evaluation.data as Record<string, FieldValue>;
    const next = { ...data };
    for (const [code, value] of Object.entries(read.data.values)) {
      if (value === null) delete next[code];
      else next[code] = value;
    }
    const changed = Object.keys({ ...data, ...next }).some((code) => !sameValue(data[code], next[code]));
    if (changed) {
      if (ctx.evaluation.version !== meta.evaluationVersion)
        conflict([...read.data.pathOf.values()][0] ?? META_SHEET, "基础数据");
      out.data = next;
    }
  }
  for (const [code, table] of read.tables) {
    if (canonicalRows(stored.tables[code]) === canonicalRows(table.rows)) {
      out.tablesUnchanged++;
      continue;
    }
    const version = stored.tableVersions.get(code) ?? 0;
    if (version !== (meta.tables.get(code) ?? 0)) conflict(table.reader.path(3, 1), code);
    out.tables.push({ code, version, rows: table.rows });
  }
  return out;
}

export async function importSelfEvaluationWorkbook(
  services: Services,
  actor: Actor,
  campaignId: string,
  organisationId: string,
  content: Buffer,
): Promise<ImportSummary> {
  const ctx = await loadSelfEvaluation(services.db, actor, campaignId, organisationId);
  requireImporter(ctx);
  const workbook = await loadWorkbook(content);
  const read = readSelfEvaluationWorkbook(workbook, ctx.campaign.scheme, selfEvaluationLayout(ctx));
  const problems = [...read.problems, ...identityProblems(ctx, read), ...valueProblems(ctx, read)];
  if (problems.length > 0) throw invalidWorkbook(problems);

  const stored = await loadStoredState(services.db, ctx.evaluation.id);
  const changes = changesOf(ctx, read, stored);
  if (changes.conflicts.length > 0) throw new AppError("stale_version", changes.conflicts);
  const nothing = changes.items.length === 0 && changes.data === null && changes.tables.length === 0;
  if (!nothing)
    await write(services, authorOf(actor), async (w) => {
      await lockEditable(w.trx, ctx);
      for (const item of changes.items)
        await writeItem(w, ctx, actor.userId, item.code, {
          version: item.version,
          ...(item.input === undefined ? {} : { input: item.input }),
          narrative: item.narrative,
        });
      if (changes.data !== null)
        await writeEvaluation(w, ctx, ctx.evaluation.version, "self_evaluation.data_saved", {
          data: changes.data,
        });
      for (const table of changes.tables)
        await replaceTable(w, ctx, actor.userId, table.code, table.version, table.rows);
    });
  return {
    itemsChanged: changes.items.map((i) => i.code),
    itemsUnchanged: changes.unchanged,
    dataChanged: changes.data !== null,
    tablesChanged: changes.tables.map((t) => t.code),
    tablesUnchanged: changes.tablesUnchanged,
  };
}
