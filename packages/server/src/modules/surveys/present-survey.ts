/** A survey as the API shows it to organisers, with the tokens issued and responses received so far. */
import { z } from "zod";
import type { Db } from "../../db/open-database.js";
import type { SurveyContext } from "./survey-context.js";

export const SurveyView = z.object({
  id: z.string(),
  campaignId: z.string(),
  definition: z.record(z.string(), z.unknown()),
  units: z.array(
    z.object({
      organisationId: z.string(),
      code: z.string(),
      name: z.string(),
      population: z.number().nullable(),
    }),
  ),
  issued: z.number().int(),
  responses: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type SurveyView = z.infer<typeof SurveyView>;

export async function presentSurveys(db: Db, surveys: readonly SurveyContext[]): Promise<SurveyView[]> {
  const ids = surveys.map((s) => s.id);
  const count = async (table: "survey_tokens" | "survey_responses") =>
    ids.length === 0
      ? new Map<string, number>()
      : new Map(
          (
            await db
              .selectFrom(table)
              .select(["survey_id", (eb) => eb.fn.countAll<string>().as("n")])
              .where("survey_id", "in", ids)
              .groupBy("survey_id")
              .execute()
          ).map((r) => [r.survey_id, Number(r.n)]),
        );
  const [issued, responses] = await Promise.all([count("survey_tokens"), count("survey_responses")]);
  return surveys.map((s) => ({
    id: s.id,
    campaignId: s.campaign.id,
    definition: s.definition as unknown as Record<string, unknown>,
    units: s.units,
    issued: issued.get(s.id) ?? 0,
    responses: responses.get(s.id) ?? 0,
    version: s.version,
    createdAt: s.createdAt.toISOString(),
  }));
}
