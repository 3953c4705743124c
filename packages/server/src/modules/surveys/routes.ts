/** 满意度调查: building surveys, issuing one-time links and QR sheets, the public questionnaire, and results. */
import { SurveyAnswers } from "@kaoping/core";
import { z } from "zod";
import type { Services } from "../../context.js";
import type { FastifyRequest } from "../../http/api.js";
import { type Api, actorOf, Id, IdParams, Ok, PageQuery, page, Versioned } from "../../http/api.js";
import { contentDisposition } from "../evidence/sanitise-file-name.js";
import { publicQuestionnaire, submitAnswers, throttlePublic } from "./answer-survey.js";
import { issueTokens } from "./issue-tokens.js";
import { SurveyView } from "./present-survey.js";
import { qrSheet } from "./qr-sheet.js";
import { getSurvey, listSurveys } from "./read-surveys.js";
import { satisfactionIndicators } from "./satisfaction-indicators.js";
import { createSurvey, updateSurvey } from "./save-survey.js";
import { surveyResults } from "./survey-results.js";
import { surveyLink } from "./survey-tokens.js";

const tags = ["surveys"];
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
/** The definition is checked by the core's SurveyDefinition, which names each problem's field. */
const SurveyBody = {
  definition: z.record(z.string(), z.unknown()),
  units: z
    .array(
      z.strictObject({
        organisationId: Id,
        population: z.number().int().min(0).max(2_000_000_000).nullable().optional(),
      }),
    )
    .max(60_000),
};
const IssueBody = z.strictObject({
  organisationIds: z.array(Id).min(1).max(60_000).optional(),
  counts: z.record(z.string(), z.number().int().min(0).max(20_000)).optional(),
});
const TokenParams = z.strictObject({
  token: z
    .string()
    .min(10)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/),
});
const Level = z.object({
  code: z.string(),
  name: z.string(),
  points: z.union([z.string(), z.number()]),
  satisfied: z.boolean(),
});
const QuestionResult = z.object({
  code: z.string(),
  text: z.string(),
  counts: z.array(
    z.object({ code: z.string(), name: z.string(), count: z.number().int(), satisfied: z.boolean() }),
  ),
  valid: z.number().int(),
  satisfiedCount: z.number().int(),
  rate: z.string().nullable(),
  mean: z.string().nullable(),
});
const UnitResult = z.object({
  organisationId: z.string(),
  code: z.string(),
  name: z.string(),
  population: z.number().nullable(),
  sampleSize: z.number().int(),
  issued: z.number().int(),
  responses: z.number().int(),
  validRate: z.string().nullable(),
  belowMinRate: z.boolean(),
  belowSampleSize: z.boolean(),
  quotasMet: z.boolean(),
  groups: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      issued: z.number().int(),
      responses: z.number().int(),
      share: z.string().nullable(),
      minShare: z.string(),
      quotaMet: z.boolean(),
      questions: z.array(QuestionResult),
    }),
  ),
  questions: z.array(QuestionResult),
  indicator: z
    .object({
      answers: z.record(z.string(), z.number().int()),
      score: z.union([
        z.object({ ok: z.literal(true), score: z.string(), max: z.string(), value: z.string() }),
        z.object({ ok: z.literal(false), problem: z.string() }),
      ]),
    })
    .nullable(),
});

const originOf = (services: Services, request: FastifyRequest) =>
  services.config.publicUrl ?? `${request.protocol}://${request.host}`;

export async function surveyRoutes(app: Api, services: Services) {
  app.get(
    "/campaigns/:id/surveys",
    {
      schema: {
        tags,
        summary: "The campaign's satisfaction surveys (满意度调查)",
        params: IdParams,
        response: { 200: z.object({ items: z.array(SurveyView) }) },
      },
    },
    async (request) => ({ items: await listSurveys(services, actorOf(request), request.params.id) }),
  );

  app.get(
    "/campaigns/:id/satisfaction-indicators",
    {
      schema: {
        tags,
        summary:
          "The scheme's satisfaction indicators, with the Likert levels a key question needs to feed each",
        params: IdParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                code: z.string(),
                name: z.string(),
                measure: z.enum(["rate", "mean"]),
                levels: z.array(Level),
              }),
            ),
          }),
        },
      },
    },
    async (request) => ({
      items: await satisfactionIndicators(services, actorOf(request), request.params.id),
    }),
  );

  app.post(
    "/campaigns/:id/surveys",
    {
      schema: {
        tags,
        summary:
          "Create a survey: questions, respondent groups and quotas, sample rule, units, the indicator it feeds",
        params: IdParams,
        body: z.strictObject(SurveyBody),
        response: { 201: SurveyView },
      },
    },
    async (request, reply) => {
      const survey = await createSurvey(services, actorOf(request), request.params.id, request.body);
      const view = await getSurvey(services, actorOf(request), survey.id);
      return reply.code(201).send(view);
    },
  );

  app.get(
    "/surveys/:id",
    { schema: { tags, summary: "A survey", params: IdParams, response: { 200: SurveyView } } },
    async (request) => getSurvey(services, actorOf(request), request.params.id),
  );

  app.put(
    "/surveys/:id",
    {
      schema: {
        tags,
        summary: "Change a survey (until the first response comes in), carrying its version",
        params: IdParams,
        body: z.strictObject({ ...SurveyBody, ...Versioned }),
        response: { 200: SurveyView },
      },
    },
    async (request) => {
      await updateSurvey(services, actorOf(request), request.params.id, request.body);
      return getSurvey(services, actorOf(request), request.params.id);
    },
  );

  app.post(
    "/surveys/:id/tokens",
    {
      schema: {
        tags,
        summary:
          "Issue one-time links per unit and group (by default each unit's sample size shared by quotas); shown this once",
        params: IdParams,
        body: IssueBody,
        response: {
          201: z.object({
            items: z.array(
              z.object({
                organisationId: z.string(),
                unitName: z.string(),
                groupCode: z.string(),
                groupName: z.string(),
                url: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request, reply) => {
      const { tokens } = await issueTokens(services, actorOf(request), request.params.id, request.body);
      const origin = originOf(services, request);
      return reply.code(201).send({
        items: tokens.map(({ token, ...rest }) => ({ ...rest, url: surveyLink(origin, token) })),
      });
    },
  );

  app.post(
    "/surveys/:id/tokens/sheet",
    {
      schema: {
        tags,
        summary: "Issue one-time links as for /tokens and return them as a Word sheet of QR codes per unit",
        params: IdParams,
        body: IssueBody,
      },
    },
    async (request, reply) => {
      const { survey, tokens } = await issueTokens(
        services,
        actorOf(request),
        request.params.id,
        request.body,
      );
      const content = await qrSheet(survey.definition.title, originOf(services, request), tokens);
      return reply
        .type(DOCX)
        .header("content-disposition", contentDisposition(`${survey.definition.title}二维码.docx`))
        .send(content);
    },
  );

  app.get(
    "/surveys/:id/results",
    {
      schema: {
        tags,
        summary:
          "Results per unit and group: valid responses, valid-response rate, quotas, rates and means, the fed indicator",
        params: IdParams,
        querystring: PageQuery,
        response: { 200: page(UnitResult) },
      },
    },
    async (request) => surveyResults(services, actorOf(request), request.params.id, request.query),
  );

  app.get(
    "/public/surveys/:token",
    {
      schema: {
        tags,
        summary: "The questionnaire behind a one-time link (no sign-in)",
        params: TokenParams,
        response: {
          200: z.object({
            title: z.string(),
            intro: z.string(),
            unitName: z.string(),
            groupName: z.string(),
            questions: z.array(z.record(z.string(), z.unknown())),
            used: z.boolean(),
          }),
        },
      },
      config: { access: "public" },
    },
    async (request) => {
      throttlePublic(services, request.ip);
      return publicQuestionnaire(services, request.params.token);
    },
  );

  app.post(
    "/public/surveys/:token",
    {
      schema: {
        tags,
        summary:
          "Submit the answers behind a one-time link, once (no sign-in; nothing about the respondent is kept)",
        params: TokenParams,
        body: z.strictObject({ answers: SurveyAnswers }),
        response: { 200: Ok },
      },
      config: { access: "public" },
    },
    async (request) => {
      throttlePublic(services, request.ip);
      await submitAnswers(services, request.params.token, request.body.answers);
      return { ok: true as const };
    },
  );
}
