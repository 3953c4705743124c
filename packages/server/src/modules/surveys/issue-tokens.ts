/**
 * 发放问卷: one-time tokens per unit and respondent group. By default each unit gets its sample size, shared
 * among the groups by their quotas (see allocateTokens); the organiser may name the count per group instead. The
 * tokens are returned this once (as links, or printed on a QR sheet) and stored only hashed.
 */
import { allocateTokens } from "@kaoping/core";
import type { Actor } from "../../access/actor.js";
import { authorOf } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { invalid } from "../../errors.js";
import { write } from "../../write.js";
import { requireNotPublished, requireOrganiser } from "../campaigns/campaign-context.js";
import { loadSurvey, type SurveyContext } from "./survey-context.js";
import { hashToken, newToken } from "./survey-tokens.js";
import { unitSampleSizes } from "./unit-populations.js";

/** At most this many tokens in one request, so one click cannot fill the database. */
export const MAX_TOKENS_PER_REQUEST = 20_000;

export interface IssueInput {
  /** Default: every unit of the survey. */
  organisationIds?: string[] | undefined;
  /** Group code → tokens per unit; default: the unit's sample size shared by quotas. */
  counts?: Record<string, number> | undefined;
}

export interface IssuedToken {
  organisationId: string;
  unitName: string;
  groupCode: string;
  groupName: string;
  token: string;
}

export async function issueTokens(
  services: Services,
  actor: Actor,
  surveyId: string,
  input: IssueInput,
): Promise<{ survey: SurveyContext; tokens: IssuedToken[] }> {
  const survey = await loadSurvey(services.db, surveyId);
  requireOrganiser(actor, survey.campaign);
  requireNotPublished(survey.campaign);
  const units =
    input.organisationIds === undefined
      ? survey.units
      : input.organisationIds.map((id, i) => {
          const unit = survey.units.find((u) => u.organisationId === id);
          if (unit === undefined) throw invalid(`body.organisationIds.${i}`, "not a unit of this survey");
          return unit;
        });
  for (const code of Object.keys(input.counts ?? {})) {
    if (!survey.definition.groups.some((g) => g.code === code))
      throw invalid(`body.counts.${code}`, "no respondent group with this code");
  }
  const sizes = await unitSampleSizes(services.db, survey);
  const plan = units.flatMap((unit) => {
    const counts =
      input.counts === undefined
        ? allocateTokens(sizes.get(unit.organisationId)!.sampleSize, survey.definition.groups)
        : new Map(Object.entries(input.counts));
    return survey.definition.groups.map((g) => ({ unit, group: g, count: counts.get(g.code) ?? 0 }));
  });
  const total = plan.reduce((sum, p) => sum + p.count, 0);
  if (total > MAX_TOKENS_PER_REQUEST)
    throw invalid("body.counts", `${total} tokens; at most ${MAX_TOKENS_PER_REQUEST} in one request`);
  const tokens = plan.flatMap((p) =>
    Array.from({ length: p.count }, () => ({
      organisationId: p.unit.organisationId,
      unitName: p.unit.name,
      groupCode: p.group.code,
      groupName: p.group.name,
      token: newToken(),
    })),
  );
  await write(services, authorOf(actor), async (w) => {
    for (let start = 0; start < tokens.length; start += 1000) {
      await w.trx
        .insertInto("survey_tokens")
        .values(
          tokens.slice(start, start + 1000).map((t) => ({
            survey_id: surveyId,
            organisation_id: t.organisationId,
            group_code: t.groupCode,
            token_hash: hashToken(t.token),
            created_at: w.now,
          })),
        )
        .execute();
    }
    await w.audit({
      action: "survey.tokens_issued",
      entityType: "survey",
      entityId: surveyId,
      organisationId: survey.campaign.organiserId,
      campaignId: survey.campaign.id,
      after: {
        total,
        units: plan
          .filter((p) => p.count > 0)
          .map((p) => ({ organisationId: p.unit.organisationId, group: p.group.code, count: p.count })),
      },
    });
  });
  return { survey, tokens };
}
