/**
 * Base-data tables (基础数据统计表) as stored: one row per table row in base_data_rows, a version per table in
 * base_data_tables. The child organisations' tables in the same campaign feed the cross-level rules.
 */
import {
  type ChildTables,
  type CompiledScheme,
  checkTables,
  type TableRows,
  type TableViolation,
  type UnitTables,
} from "@kaoping/core";
import type { Db } from "../../db/open-database.js";
import type { Trx } from "../../write.js";

export async function loadUnitTables(db: Db | Trx, selfEvaluationIds: readonly string[]) {
  const byEvaluation = new Map<string, UnitTables>();
  if (selfEvaluationIds.length === 0) return byEvaluation;
  const rows = await db
    .selectFrom("base_data_rows")
    .select(["self_evaluation_id", "table_code", "row_key", "cells"])
    .where("self_evaluation_id", "in", selfEvaluationIds)
    .orderBy("self_evaluation_id")
    .orderBy("table_code")
    .orderBy("row_key")
    .execute();
  for (const row of rows) {
    let tables = byEvaluation.get(row.self_evaluation_id);
    if (tables === undefined) {
      tables = {};
      byEvaluation.set(row.self_evaluation_id, tables);
    }
    tables[row.table_code] ??= {};
    tables[row.table_code]![row.row_key] = row.cells as TableRows[string];
  }
  return byEvaluation;
}

export async function loadTableVersions(
  db: Db | Trx,
  selfEvaluationId: string,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("base_data_tables")
    .select(["table_code", "version"])
    .where("self_evaluation_id", "=", selfEvaluationId)
    .execute();
  return new Map(rows.map((r) => [r.table_code, r.version]));
}

/** The tables of the unit's child organisations that take part in the campaign, for childrenSum rules. */
export async function loadChildTables(
  db: Db | Trx,
  campaignId: string,
  unitId: string,
): Promise<ChildTables[]> {
  const children = await db
    .selectFrom("organisations")
    .innerJoin("self_evaluations", (join) =>
      join
        .onRef("self_evaluations.organisation_id", "=", "organisations.id")
        .on("self_evaluations.campaign_id", "=", campaignId),
    )
    .select(["organisations.code", "organisations.name", "self_evaluations.id"])
    .where("organisations.parent_id", "=", unitId)
    .orderBy("organisations.code")
    .execute();
  const tables = await loadUnitTables(
    db,
    children.map((c) => c.id),
  );
  return children.map((c) => ({ unit: c.code, name: c.name, tables: tables.get(c.id) ?? {} }));
}

/** Every violation of the unit's tables, the cross-level ones included. */
export async function tableViolations(
  db: Db | Trx,
  plan: CompiledScheme,
  campaignId: string,
  unitId: string,
  tables: UnitTables,
): Promise<TableViolation[]> {
  if (plan.tables.size === 0) return [];
  const children = await loadChildTables(db, campaignId, unitId);
  return checkTables(plan, tables, { children });
}
