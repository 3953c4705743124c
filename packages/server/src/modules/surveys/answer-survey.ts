/**
 * The public side of a survey (no sign-in): the questionnaire behind a one-time link, and submitting it. The
 * submission marks the token used and stores the response in one transaction; the response row holds the unit,
 * the group and the answers — never the token, the time or the address — so no answer can be traced to the
 * link it came from. A second submission with the same token is refused.
 */
import { checkAnswers, type Question, type SurveyAnswers } from "@kaoping/core";
import { IpThrottle } from "../../auth/ip-throttle.js";
import type { Services } from "../../context.js";
import { AppError } from "../../errors.js";
import { write } from "../../write.js";
import { requireNotPublished } from "../campaigns/campaign-context.js";
import { loadSurvey } from "./survey-context.js";
import { hashToken } from "./survey-tokens.js";

/**
 * Per process: 300 public survey requests per address a minute. A school hall of parents behind one address
 * answering together stays well under it; a script trying tokens does not.
 */
const throttle = new IpThrottle(300, 60_000);

export function throttlePublic(services: Services, ip: string): void {
  const now = services.clock.now().getTime();
  if (throttle.isBlocked(ip, now))
    throw new AppError("rate_limited", [{ path: "ip", message: "too many requests" }]);
  throttle.fail(ip, now);
}

const unknownToken = () =>
  new AppError("not_found", [{ path: "token", message: "no survey has this link" }], {
    zh: "问卷链接无效，请核对二维码或链接",
    en: "This survey link is not valid",
  });

const usedToken = () =>
  new AppError("conflict", [{ path: "token", message: "this link has already been used" }], {
    zh: "该问卷链接已提交过，每个链接只能提交一次",
    en: "This link has already been used; each link can be submitted once",
  });

export interface PublicQuestionnaire {
  title: string;
  intro: string;
  unitName: string;
  groupName: string;
  questions: Question[];
  /** Already submitted: the page shows that instead of the form. */
  used: boolean;
}

async function tokenRow(services: Services, token: string) {
  const row = await services.db
    .selectFrom("survey_tokens")
    .innerJoin("organisations", "organisations.id", "survey_tokens.organisation_id")
    .select([
      "survey_tokens.survey_id",
      "survey_tokens.group_code",
      "survey_tokens.used_at",
      "organisations.name",
    ])
    .where("survey_tokens.token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (row === undefined) throw unknownToken();
  return row;
}

export async function publicQuestionnaire(services: Services, token: string): Promise<PublicQuestionnaire> {
  const row = await tokenRow(services, token);
  const survey = await loadSurvey(services.db, row.survey_id);
  const { title, intro, questions, groups } = survey.definition;
  return {
    title,
    intro,
    unitName: row.name,
    groupName: groups.find((g) => g.code === row.group_code)?.name ?? row.group_code,
    questions,
    used: row.used_at !== null,
  };
}

export async function submitAnswers(
  services: Services,
  token: string,
  answers: SurveyAnswers,
): Promise<void> {
  const row = await tokenRow(services, token);
  if (row.used_at !== null) throw usedToken();
  const survey = await loadSurvey(services.db, row.survey_id);
  requireNotPublished(survey.campaign);
  const problems = checkAnswers(survey.definition, answers);
  if (problems.length > 0) {
    throw new AppError(
      "validation",
      problems.map((p) => ({ path: `body.answers.${p.question}`, message: p.message })),
      { zh: "问卷尚有未答或无效的题目", en: "Some questions are unanswered or invalid" },
    );
  }
  await write(services, { userId: null, name: "public:survey" }, async (w) => {
    // The token is claimed with a conditional update, so two submissions racing on one link cannot both count.
    const claimed = await w.trx
      .updateTable("survey_tokens")
      .set({ used_at: w.now })
      .where("token_hash", "=", hashToken(token))
      .where("used_at", "is", null)
      .returning(["survey_id", "organisation_id", "group_code"])
      .executeTakeFirst();
    if (claimed === undefined) throw usedToken();
    await w.trx
      .insertInto("survey_responses")
      .values({
        survey_id: claimed.survey_id,
        organisation_id: claimed.organisation_id,
        group_code: claimed.group_code,
        answers: JSON.stringify(answers),
      })
      .execute();
  });
}
