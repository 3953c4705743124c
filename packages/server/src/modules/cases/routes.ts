/** 案件办理: case types, cases and their stages, the rates per unit, and a campaign's fields fed from cases. */
import { CASE_MEASURES, CASE_TYPE_TEMPLATES, CaseTypeDefinition } from "@kaoping/core";
import { z } from "zod";
import type { Services } from "../../context.js";
import { type Api, actorOf, Id, IdParams, PageQuery, page, Versioned } from "../../http/api.js";
import { actOn } from "./act-on-case.js";
import { readCaseFeeds, saveCaseFeeds } from "./case-feeds.js";
import { createCaseType } from "./create-case-type.js";
import { readCaseRates } from "./read-case-rates.js";
import { getCaseType, listCaseTypes } from "./read-case-types.js";
import { getCase, listCases } from "./read-cases.js";
import { receiveCase } from "./receive-case.js";

const tags = ["cases"];
const Stamp = z.iso.datetime({ offset: true });
const Actor = z.enum(["center", "unit"]);

const Definition = z.object({
  stages: z.array(z.object({ code: z.string(), name: z.string(), hours: z.number().int(), actor: Actor })),
  dispatchStage: z.string(),
  closingStage: z.string(),
  revisitStage: z.string().nullable(),
});

const CaseType = z.object({
  id: z.string(),
  ownerId: z.string(),
  ownerName: z.string(),
  code: z.string(),
  name: z.string(),
  definition: Definition,
  hoursToClose: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
});

const Case = z.object({
  id: z.string(),
  typeId: z.string(),
  typeName: z.string(),
  number: z.string(),
  title: z.string(),
  address: z.string().nullable(),
  details: z.string().nullable(),
  receivedAt: z.string(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  stageCode: z.string().nullable(),
  stageName: z.string().nullable(),
  stageActor: Actor.nullable(),
  stageDueAt: z.string().nullable(),
  dueAt: z.string(),
  closedAt: z.string().nullable(),
  closedOnTime: z.boolean().nullable(),
  revisited: z.boolean().nullable(),
  finishedAt: z.string().nullable(),
  overdue: z.boolean(),
  version: z.number().int(),
});

const CaseDetail = Case.extend({
  stages: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      hours: z.number().int(),
      actor: Actor,
      status: z.enum(["done", "current", "pending"]),
    }),
  ),
  dispatchStage: z.string(),
  revisitStage: z.string().nullable(),
  events: z.array(
    z.object({
      at: z.string(),
      actorName: z.string(),
      action: z.enum(["received", "completed", "returned"]),
      stageCode: z.string(),
      toStageCode: z.string().nullable(),
      unitId: z.string().nullable(),
      revisited: z.boolean().nullable(),
      note: z.string().nullable(),
    }),
  ),
  mayAct: z.boolean(),
  mayReturn: z.boolean(),
});

const Rate = z.string().nullable();
const RatesTable = z.object({
  typeId: z.string(),
  from: z.string(),
  to: z.string(),
  label: z.string(),
  rows: z.array(
    z.object({
      organisationId: z.string(),
      organisationName: z.string(),
      received: z.number().int(),
      closed: z.number().int(),
      closedOnTime: z.number().int(),
      revisited: z.number().int(),
      closeRate: Rate,
      onTimeRate: Rate,
      revisitRate: Rate,
      closePercent: Rate,
      onTimePercent: Rate,
      revisitPercent: Rate,
    }),
  ),
});

const Measure = z.enum(CASE_MEASURES);
const CaseFeed = z.object({
  fieldCode: z.string(),
  fieldName: z.string(),
  caseTypeId: z.string(),
  caseTypeName: z.string(),
  measure: Measure,
  from: z.string(),
  to: z.string(),
  origin: z.string(),
});

export async function caseRoutes(app: Api, services: Services) {
  app.get(
    "/case-types",
    {
      schema: {
        tags,
        summary: "The case types the caller sees (the center's, or those dispatching to the caller's unit)",
        response: { 200: z.object({ items: z.array(CaseType) }) },
      },
    },
    async (request) => ({ items: await listCaseTypes(services, actorOf(request)) }),
  );

  app.get(
    "/case-type-templates",
    {
      schema: {
        tags,
        summary: "The case types of seed 001 (数字化城管, 12345热线) to start a new type from",
        response: {
          200: z.object({
            items: z.array(z.object({ code: z.string(), name: z.string(), definition: Definition })),
          }),
        },
      },
    },
    async (request) => {
      actorOf(request);
      return { items: [...CASE_TYPE_TEMPLATES] };
    },
  );

  app.post(
    "/case-types",
    {
      schema: {
        tags,
        summary:
          "Define a case type: ordered stages with calendar hours allowed and who acts (organisers of the owner)",
        body: z.strictObject({
          ownerId: Id,
          code: z
            .string()
            .min(1)
            .max(64)
            .regex(/^[A-Za-z0-9_-]+$/),
          name: z.string().min(1).max(100),
          definition: CaseTypeDefinition,
        }),
        response: { 201: CaseType },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createCaseType(services, actorOf(request), request.body)),
  );

  app.get(
    "/case-types/:id",
    { schema: { tags, summary: "One case type", params: IdParams, response: { 200: CaseType } } },
    async (request) => getCaseType(services, actorOf(request), request.params.id),
  );

  app.get(
    "/case-types/:id/rates",
    {
      schema: {
        tags,
        summary:
          "处结率, 按期办结率 and 回访率 per unit over cases received in a period (a year by default, Beijing time)",
        params: IdParams,
        querystring: z.strictObject({
          year: z.coerce.number().int().min(2000).max(2100).optional(),
          from: Stamp.optional(),
          to: Stamp.optional(),
        }),
        response: { 200: RatesTable },
      },
    },
    async (request) => readCaseRates(services, actorOf(request), request.params.id, request.query),
  );

  app.post(
    "/case-types/:id/cases",
    {
      schema: {
        tags,
        summary: "Record a received case (受理登记); it enters the type's first stage at its received time",
        params: IdParams,
        body: z.strictObject({
          number: z.string().min(1).max(64),
          title: z.string().min(1).max(200),
          address: z.string().max(300).optional(),
          details: z.string().max(5_000).optional(),
          receivedAt: Stamp.optional(),
        }),
        response: { 201: CaseDetail },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await receiveCase(services, actorOf(request), request.params.id, request.body)),
  );

  app.get(
    "/cases",
    {
      schema: {
        tags,
        summary:
          "Cases the caller sees, newest received first, filtered by type, unit, stage, status or overdue",
        querystring: PageQuery.extend({
          typeId: Id.optional(),
          unitId: Id.optional(),
          stage: z.string().max(32).optional(),
          status: z.enum(["open", "closed"]).optional(),
          overdue: z
            .enum(["true", "false"])
            .transform((v) => v === "true")
            .optional(),
          q: z.string().max(100).optional(),
        }),
        response: { 200: page(Case) },
      },
    },
    async (request) => listCases(services, actorOf(request), request.query),
  );

  app.get(
    "/cases/:id",
    {
      schema: {
        tags,
        summary: "A case with its stages and history",
        params: IdParams,
        response: { 200: CaseDetail },
      },
    },
    async (request) => getCase(services, actorOf(request), request.params.id),
  );

  app.post(
    "/cases/:id/actions",
    {
      schema: {
        tags,
        summary:
          "Complete the current stage (the unit at 分派, the outcome at 回访) or send the case back to the unit (center)",
        params: IdParams,
        body: z.strictObject({
          ...Versioned,
          action: z.enum(["complete", "return"]),
          note: z.string().max(2_000).optional(),
          unitId: Id.optional(),
          revisited: z.boolean().optional(),
        }),
        response: { 200: CaseDetail },
      },
    },
    async (request) => actOn(services, actorOf(request), request.params.id, request.body),
  );

  app.get(
    "/campaigns/:id/case-feeds",
    {
      schema: {
        tags,
        summary: "The campaign's scheme fields fed from case measures",
        params: IdParams,
        response: { 200: z.object({ items: z.array(CaseFeed) }) },
      },
    },
    async (request) => ({ items: await readCaseFeeds(services, actorOf(request), request.params.id) }),
  );

  app.put(
    "/campaigns/:id/case-feeds",
    {
      schema: {
        tags,
        summary:
          "Replace the campaign's case feeds: field ← case type's measure over a period (default the campaign's year)",
        params: IdParams,
        body: z.strictObject({
          feeds: z
            .array(
              z.strictObject({
                fieldCode: z.string().min(1).max(64),
                caseTypeId: Id,
                measure: Measure,
                from: Stamp.optional(),
                to: Stamp.optional(),
              }),
            )
            .max(100),
        }),
        response: { 200: z.object({ items: z.array(CaseFeed) }) },
      },
    },
    async (request) => ({
      items: await saveCaseFeeds(services, actorOf(request), request.params.id, request.body.feeds),
    }),
  );
}
