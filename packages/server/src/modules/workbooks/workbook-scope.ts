/**
 * What a person's offline workbook of a self-evaluation holds: department staff get only the indicators and tables
 * assigned to them; the unit's own people everything, the typed-in base data included; readers (organisers,
 * viewers) everything, to look at. The export and the import lay the workbook out from the same scope.
 */
import type { Table } from "@kaoping/core";
import type { Db } from "../../db/open-database.js";
import { forbidden } from "../../errors.js";
import { type WorkbookLayout, workbookLayout } from "../../workbooks/self-evaluation-layout.js";
import type { StoredItem } from "../../workbooks/self-evaluation-workbook.js";
import type { Trx } from "../../write.js";
import {
  assignedTo,
  requireEditable,
  type SelfEvaluationContext,
  unitMask,
} from "../self-evaluations/self-evaluation-context.js";
import { loadTableVersions, loadUnitTables } from "../self-evaluations/unit-tables.js";

/** Department staff see their assignments only; anyone else who may read sees the whole self-evaluation. */
const departmentOnly = (ctx: SelfEvaluationContext) =>
  !ctx.permissions.editAll && ctx.permissions.departments.size > 0;

export const includes = (ctx: SelfEvaluationContext, target: string): boolean =>
  !departmentOnly(ctx) || assignedTo(ctx, target);

/** The tables the person's workbooks cover: fixed-row ones as sheets, free-row ones as workbooks of their own. */
export function scopedTables(ctx: SelfEvaluationContext): { sheets: Table[]; separate: Table[] } {
  const tables = [...ctx.campaign.scheme.tables.values()].filter((t) => includes(ctx, `table:${t.code}`));
  return {
    sheets: tables.filter((t) => t.rows !== undefined),
    separate: tables.filter((t) => t.rows === undefined),
  };
}

export function selfEvaluationLayout(ctx: SelfEvaluationContext): WorkbookLayout {
  const plan = ctx.campaign.scheme;
  return workbookLayout(plan, {
    mask: unitMask(plan, ctx.unit.category),
    editable: (code) => includes(ctx, code),
    unitWide: !departmentOnly(ctx),
    fedFields: new Set(Object.keys(ctx.fed.data)),
    tables: scopedTables(ctx).sheets,
  });
}

/** A reviewer who reads the unit only as a reviewer gets no offline workbook (it holds the self-scores). */
export function requireWorkbookReader(ctx: SelfEvaluationContext): void {
  if (ctx.permissions.reviewerOnly) throw forbidden("reviewers do not get the unit's offline workbook");
}

/** Imports are edits: the unit's own people, or department staff for what is assigned to them, while editable. */
export function requireImporter(ctx: SelfEvaluationContext): void {
  if (!ctx.permissions.editAll && ctx.permissions.departments.size === 0)
    throw forbidden("only the unit's own people and its assigned departments fill in the self-evaluation");
  requireEditable(ctx);
}

export interface StoredState {
  items: Map<string, StoredItem>;
  tables: Awaited<ReturnType<typeof loadUnitTables>> extends Map<string, infer T> ? T : never;
  tableVersions: Map<string, number>;
}

export async function loadStoredState(db: Db | Trx, evaluationId: string): Promise<StoredState> {
  const rows = await db
    .selectFrom("self_evaluation_items")
    .select(["indicator_code", "input", "narrative", "version"])
    .where("self_evaluation_id", "=", evaluationId)
    .execute();
  return {
    items: new Map(
      rows.map((r) => [r.indicator_code, { input: r.input, narrative: r.narrative, version: r.version }]),
    ),
    tables: (await loadUnitTables(db, [evaluationId])).get(evaluationId) ?? {},
    tableVersions: await loadTableVersions(db, evaluationId),
  };
}
