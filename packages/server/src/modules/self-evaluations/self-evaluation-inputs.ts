/**
 * What grading reads from the units' self-evaluations: each unit's base data (the scheme's fields), its leaf
 * inputs and claimed bonus. One query per table for the whole campaign, so it serves 50,000 units as well as 14.
 */
import type { FieldValue, LeafInput } from "@kaoping/core";
import type { Db } from "../../db/open-database.js";
import type { SelfEvaluationStatus } from "../../db/schema.js";

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
  return byUnit;
}
