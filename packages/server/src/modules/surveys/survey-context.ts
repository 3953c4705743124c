/**
 * Loading a survey with its campaign, and what a survey must satisfy against the campaign's scheme: the units are
 * the campaign's evaluated units, the population field is one of the scheme's fields, and the key question's
 * levels correspond to the satisfaction indicator it feeds.
 */
import {
  type CompiledScheme,
  checkIndicatorLink,
  type IndicatorAnswers,
  SurveyDefinition,
} from "@kaoping/core";
import type { Db } from "../../db/open-database.js";
import { AppError, notFound } from "../../errors.js";
import { type CampaignContext, loadCampaign } from "../campaigns/campaign-context.js";

export interface SurveyUnit {
  organisationId: string;
  code: string;
  name: string;
  /** Typed population (null when read from the scheme's base data, or not given). */
  population: number | null;
}

export interface SurveyContext {
  id: string;
  campaign: CampaignContext;
  definition: SurveyDefinition;
  version: number;
  createdAt: Date;
  units: SurveyUnit[];
}

export async function loadSurvey(db: Db, surveyId: string): Promise<SurveyContext> {
  const row = await db.selectFrom("surveys").selectAll().where("id", "=", surveyId).executeTakeFirst();
  if (row === undefined) throw notFound("survey");
  const units = await db
    .selectFrom("survey_units")
    .innerJoin("organisations", "organisations.id", "survey_units.organisation_id")
    .select([
      "survey_units.organisation_id",
      "survey_units.population",
      "organisations.code",
      "organisations.name",
    ])
    .where("survey_units.survey_id", "=", surveyId)
    .orderBy("organisations.code")
    .execute();
  return {
    id: row.id,
    campaign: await loadCampaign(db, row.campaign_id),
    definition: SurveyDefinition.parse(row.definition),
    version: row.version,
    createdAt: new Date(row.created_at),
    units: units.map((u) => ({
      organisationId: u.organisation_id,
      code: u.code,
      name: u.name,
      population: u.population,
    })),
  };
}

/** The satisfaction indicator `code` of the scheme, as the link check reads it; null when there is none. */
export function satisfactionIndicator(scheme: CompiledScheme, code: string): IndicatorAnswers | null {
  const index = scheme.byCode.get(code);
  const method = index === undefined ? null : scheme.nodes[index]!.method;
  if (method?.type !== "satisfaction") return null;
  return {
    measure: method.measure,
    answers: method.answers.map((a) => ({ ...a, points: a.points === null ? null : a.points.toString() })),
  };
}

/** Parses a definition and checks it against the campaign's scheme; any problem refuses it, naming the field. */
export function checkDefinition(campaign: CampaignContext, input: unknown): SurveyDefinition {
  const parsed = SurveyDefinition.safeParse(input);
  if (!parsed.success) {
    throw new AppError(
      "validation",
      parsed.error.issues.map((i) => ({
        path: ["body", "definition", ...i.path].join("."),
        message: i.message,
      })),
    );
  }
  const definition = parsed.data;
  const field = definition.sample.populationField;
  if (field !== null && !campaign.scheme.fields.has(field)) {
    throw new AppError("validation", [
      { path: "body.definition.sample.populationField", message: `the scheme has no field ${field}` },
    ]);
  }
  if (definition.indicatorCode !== null && definition.keyQuestion !== null) {
    const indicator = satisfactionIndicator(campaign.scheme, definition.indicatorCode);
    if (indicator === null) {
      throw new AppError("validation", [
        {
          path: "body.definition.indicatorCode",
          message: `${definition.indicatorCode} is not a satisfaction indicator of the campaign's scheme`,
        },
      ]);
    }
    const index = definition.questions.findIndex((q) => q.code === definition.keyQuestion);
    const question = definition.questions[index]!;
    const problems = question.type === "likert" ? checkIndicatorLink(question.levels, indicator) : [];
    if (problems.length > 0) {
      throw new AppError(
        "validation",
        problems.map((p) => ({
          path: `body.definition.questions.${index}.levels.${p.level}`,
          message: p.message,
        })),
        {
          zh: `关键题的选项与指标 ${definition.indicatorCode} 的答案不对应：${problems.map((p) => p.level).join("、")}`,
          en: `The key question's levels do not correspond to indicator ${definition.indicatorCode}'s answers`,
        },
      );
    }
  }
  return definition;
}
