/**
 * 调查结果 per unit and respondent group (organisers and viewers of the campaign): valid responses, 有效回收率
 * with the below-minimum flag, quota fulfilment, each Likert question's rate and mean, and — for a survey linked
 * to an indicator — the answer counts fed to it and the score they give.
 */
import {
  type IndicatorScore,
  indicatorAnswers,
  satisfactionScore,
  surveyUnitResult,
  type UnitSurveyResult,
} from "@kaoping/core";
import type { Actor } from "../../access/actor.js";
import type { Services } from "../../context.js";
import type { PageQuery } from "../../http/api.js";
import { requireCampaignViewer } from "../campaigns/campaign-context.js";
import { loadSurvey } from "./survey-context.js";
import { surveyCounts } from "./survey-counts.js";
import { unitSampleSizes } from "./unit-populations.js";

export interface UnitResultView extends UnitSurveyResult {
  code: string;
  name: string;
  population: number | null;
  /** The linked indicator's input and score; null for a survey that feeds none. */
  indicator: { answers: Record<string, number>; score: IndicatorScore } | null;
}

export async function surveyResults(services: Services, actor: Actor, surveyId: string, query: PageQuery) {
  const survey = await loadSurvey(services.db, surveyId);
  requireCampaignViewer(actor, survey.campaign);
  const units = survey.units.slice(query.offset, query.offset + query.limit);
  const ids = units.map((u) => u.organisationId);
  const [counts, sizes] = await Promise.all([
    surveyCounts(services.db, survey, ids),
    unitSampleSizes(services.db, survey),
  ]);
  const { indicatorCode } = survey.definition;
  const items = units.map((unit): UnitResultView => {
    const rows = counts.get(unit.organisationId) ?? [];
    const size = sizes.get(unit.organisationId)!;
    const answers = indicatorAnswers(survey.definition, rows);
    return {
      ...surveyUnitResult(survey.definition, unit.organisationId, size.sampleSize, rows),
      code: unit.code,
      name: unit.name,
      population: size.population,
      indicator:
        answers === null || indicatorCode === null
          ? null
          : { answers, score: satisfactionScore(survey.campaign.scheme, indicatorCode, answers) },
    };
  });
  return { items, total: survey.units.length, limit: query.limit, offset: query.offset };
}
