/**
 * The survey feed (自动采集): a survey whose key question is linked to a satisfaction indicator gives each of its
 * units that indicator's input — the counts of valid answers per level — with where it came from. Units without
 * any answer get nothing, so the indicator stays as the unit left it.
 */
import { indicatorAnswers, SurveyDefinition } from "@kaoping/core";
import type { Db } from "../../db/open-database.js";
import { emptyFedValues, type FedValues, type FeedSource } from "../feeds/feed-source.js";
import { surveyCounts } from "./survey-counts.js";

export const surveyFeed: FeedSource = {
  async load(db: Db, campaignId: string, organisationIds?: ReadonlyArray<string>) {
    const fed = new Map<string, FedValues>();
    const surveys = await db
      .selectFrom("surveys")
      .select(["id", "definition"])
      .where("campaign_id", "=", campaignId)
      .orderBy("created_at")
      .execute();
    for (const row of surveys) {
      const definition = SurveyDefinition.parse(row.definition);
      if (definition.indicatorCode === null) continue;
      const counts = await surveyCounts(db, { id: row.id, definition }, organisationIds);
      for (const [organisationId, rows] of counts) {
        const answers = indicatorAnswers(definition, rows);
        if (answers === null) continue;
        // The indicator's valid answers: respondents who answered the key question.
        const valid = Object.values(answers).reduce((sum, n) => sum + n, 0);
        if (valid === 0) continue;
        const values = fed.get(organisationId) ?? emptyFedValues();
        fed.set(organisationId, values);
        values.scores[definition.indicatorCode] = { answers };
        values.origins[definition.indicatorCode] = `满意度调查“${definition.title}”：有效问卷 ${valid} 份`;
      }
    }
    return fed;
  },
};
