/**
 * What the results are made of, counted in the database in three grouped queries (whatever the number of units
 * and responses): tokens issued, responses, and each Likert question's answers per level, per unit and group.
 */
import type { GroupCounts } from "@kaoping/core";
import { sql } from "kysely";
import type { Db } from "../../db/open-database.js";
import type { SurveyContext } from "./survey-context.js";

export async function surveyCounts(
  db: Db,
  survey: Pick<SurveyContext, "id" | "definition">,
  organisationIds?: ReadonlyArray<string>,
): Promise<Map<string, GroupCounts[]>> {
  if (organisationIds !== undefined && organisationIds.length === 0) return new Map();
  const only = organisationIds === undefined ? null : [...organisationIds];
  const likert = survey.definition.questions.filter((q) => q.type === "likert").map((q) => q.code);
  const [issued, responses, levels] = await Promise.all([
    db
      .selectFrom("survey_tokens")
      .select(["organisation_id", "group_code", (eb) => eb.fn.countAll<string>().as("n")])
      .where("survey_id", "=", survey.id)
      .$if(only !== null, (q) => q.where("organisation_id", "in", only!))
      .groupBy(["organisation_id", "group_code"])
      .execute(),
    db
      .selectFrom("survey_responses")
      .select(["organisation_id", "group_code", (eb) => eb.fn.countAll<string>().as("n")])
      .where("survey_id", "=", survey.id)
      .$if(only !== null, (q) => q.where("organisation_id", "in", only!))
      .groupBy(["organisation_id", "group_code"])
      .execute(),
    likert.length === 0
      ? Promise.resolve({
          rows: [] as Array<{
            organisation_id: string;
            group_code: string;
            question: string;
            level: string;
            n: string;
          }>,
        })
      : sql<{ organisation_id: string; group_code: string; question: string; level: string; n: string }>`
          select r.organisation_id, r.group_code, a.key as question, a.value as level, count(*) as n
          from survey_responses r cross join lateral jsonb_each_text(r.answers) a
          where r.survey_id = ${survey.id}
            and a.key in (${sql.join(likert)})
            ${only === null ? sql`` : sql`and r.organisation_id in (${sql.join(only)})`}
          group by r.organisation_id, r.group_code, a.key, a.value`.execute(db),
  ]);
  const byUnit = new Map<string, Map<string, GroupCounts>>();
  const cell = (organisationId: string, groupCode: string): GroupCounts => {
    const unit = byUnit.get(organisationId) ?? new Map<string, GroupCounts>();
    byUnit.set(organisationId, unit);
    const counts = unit.get(groupCode) ?? { organisationId, groupCode, issued: 0, responses: 0, likert: {} };
    unit.set(groupCode, counts);
    return counts;
  };
  for (const r of issued) cell(r.organisation_id, r.group_code).issued = Number(r.n);
  for (const r of responses) cell(r.organisation_id, r.group_code).responses = Number(r.n);
  for (const r of levels.rows) {
    const counts = cell(r.organisation_id, r.group_code);
    counts.likert[r.question] = { ...counts.likert[r.question], [r.level]: Number(r.n) };
  }
  return new Map([...byUnit].map(([id, groups]) => [id, [...groups.values()]]));
}
