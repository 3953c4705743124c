/**
 * Each unit's population for the sample size: from the scheme's base-data field the survey names (as the unit
 * entered it in its self-evaluation), or as typed for the survey.
 */
import { sampleSize } from "@kaoping/core";
import type { Db } from "../../db/open-database.js";
import type { SurveyContext } from "./survey-context.js";

export async function unitSampleSizes(
  db: Db,
  survey: SurveyContext,
): Promise<Map<string, { population: number | null; sampleSize: number }>> {
  const field = survey.definition.sample.populationField;
  const populations = new Map(survey.units.map((u) => [u.organisationId, u.population]));
  if (field !== null && survey.units.length > 0) {
    const rows = await db
      .selectFrom("self_evaluations")
      .select(["organisation_id", "data"])
      .where("campaign_id", "=", survey.campaign.id)
      .where(
        "organisation_id",
        "in",
        survey.units.map((u) => u.organisationId),
      )
      .execute();
    for (const row of rows) {
      const value = Number((row.data as Record<string, unknown>)[field]);
      populations.set(row.organisation_id, Number.isFinite(value) && value >= 0 ? value : null);
    }
  }
  return new Map(
    [...populations].map(([id, population]) => [
      id,
      { population, sampleSize: sampleSize(population, survey.definition.sample) },
    ]),
  );
}
