/**
 * What grading reads from the units' self-evaluations: each unit's base data (the scheme's fields), its leaf
 * inputs and claimed bonus. One query per table for the whole campaign, so it serves 50,000 units as well as 14.
 * Fields the scheme takes from base-data tables (`from`) are computed from the unit's stored tables and take the
 * place of anything typed for them; fed fields and inputs (cases, surveys) then take the place of both.
 */
import { type FieldValue, type LeafInput, tableFields, type UnitTables } from "@kaoping/core";
import type { Db } from "../../db/open-database.js";
import type { SelfEvaluationStatus } from "../../db/schema.js";
import { compiledScheme } from "../campaigns/campaign-context.js";
import { loadFedValues } from "../feeds/load-fed-values.js";

export interface SelfEvaluationInputs {
  selfEvaluationId: string;
  status: SelfEvaluationStatus;
  data: Record<string, FieldValue>;
  scores: Record<string, LeafInput>;
  bonus: Record<string, string>;
}

/** Keyed by the unit's organisation id. */
export async function loadSelfEvaluationInputs(
  db: Db,
  campaignId: string,
): Promise<Map<string, SelfEvaluationInputs>> {
  const evaluations = await db
    .selectFrom("self_evaluations")
    .select(["id", "organisation_id", "status", "data", "bonus"])
    .where("campaign_id", "=", campaignId)
    .execute();
  const byId = new Map<string, SelfEvaluationInputs>();
  const byUnit = new Map<string, SelfEvaluationInputs>();
  for (const e of evaluations) {
    const inputs: SelfEvaluationInputs = {
      selfEvaluationId: e.id,
      status: e.status,
      data: e.data as Record<string, FieldValue>,
      scores: {},
      bonus: e.bonus,
    };
    byId.set(e.id, inputs);
    byUnit.set(e.organisation_id, inputs);
  }
  const items = await db
    .selectFrom("self_evaluation_items")
    .innerJoin("self_evaluations", "self_evaluations.id", "self_evaluation_items.self_evaluation_id")
    .select([
      "self_evaluation_items.self_evaluation_id",
      "self_evaluation_items.indicator_code",
      "self_evaluation_items.input",
    ])
    .where("self_evaluations.campaign_id", "=", campaignId)
    .where("self_evaluation_items.input", "is not", null)
    .execute();
  for (const item of items) {
    const target = byId.get(item.self_evaluation_id);
    if (target !== undefined) target.scores[item.indicator_code] = item.input as LeafInput;
  }
  await addTableFields(db, campaignId, byId);
  for (const [organisationId, fed] of await loadFedValues(db, campaignId)) {
    const target = byUnit.get(organisationId);
    if (target === undefined) continue;
    target.data = { ...target.data, ...fed.data };
    target.scores = { ...target.scores, ...fed.scores };
  }
  return byUnit;
}

async function addTableFields(db: Db, campaignId: string, byId: Map<string, SelfEvaluationInputs>) {
  const rows = await db
    .selectFrom("base_data_rows")
    .innerJoin("self_evaluations", "self_evaluations.id", "base_data_rows.self_evaluation_id")
    .select([
      "base_data_rows.self_evaluation_id",
      "base_data_rows.table_code",
      "base_data_rows.row_key",
      "base_data_rows.cells",
    ])
    .where("self_evaluations.campaign_id", "=", campaignId)
    .execute();
  if (rows.length === 0) return;
  const version = await db
    .selectFrom("campaigns")
    .innerJoin("scheme_versions", "scheme_versions.id", "campaigns.scheme_version_id")
    .select(["scheme_versions.id", "scheme_versions.source"])
    .where("campaigns.id", "=", campaignId)
    .executeTakeFirstOrThrow();
  const plan = compiledScheme(version.id, version.source);
  const tables = new Map<string, UnitTables>();
  for (const row of rows) {
    let unit = tables.get(row.self_evaluation_id);
    if (unit === undefined) {
      unit = {};
      tables.set(row.self_evaluation_id, unit);
    }
    unit[row.table_code] ??= {};
    unit[row.table_code]![row.row_key] = row.cells as UnitTables[string][string];
  }
  for (const [id, unit] of tables) {
    const target = byId.get(id);
    if (target !== undefined) target.data = { ...target.data, ...tableFields(plan, unit) };
  }
}
