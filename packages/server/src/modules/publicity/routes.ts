/** 公示, 异议 (signed-in and public) and 终审公布. */
import { z } from "zod";
import type { Services } from "../../context.js";
import { type Api, actorOf, Id, IdParams, PageQuery, page, Versioned } from "../../http/api.js";
import {
  decideObjection,
  fileObjection,
  filePublicObjection,
  getPublicity,
  listObjections,
  openPublicity,
  publishCampaign,
} from "./publicity.js";

const Period = z.object({
  campaignId: z.string(),
  runId: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  version: z.number().int(),
});
const Objection = z.object({
  id: z.string(),
  campaignId: z.string(),
  organisationId: z.string(),
  filedBy: z.string().nullable(),
  filerName: z.string().nullable(),
  filerContact: z.string().nullable(),
  reason: z.string(),
  status: z.enum(["pending", "upheld", "rejected"]),
  decisionReason: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  correctedRunId: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
});
const PublicObjection = Objection.pick({
  id: true,
  campaignId: true,
  organisationId: true,
  status: true,
  createdAt: true,
});
const Reason = z.string().min(1).max(5_000);
const Decimal = z.string().max(20);
const tags = ["publicity"];

export async function publicityRoutes(app: Api, services: Services) {
  app.post(
    "/campaigns/:id/publicity",
    {
      schema: {
        tags,
        summary: "Publicise (公示) a grading run for a period; changing it later carries its version",
        params: IdParams,
        body: z.strictObject({
          runId: Id,
          startsAt: z.iso.datetime({ offset: true }),
          endsAt: z.iso.datetime({ offset: true }),
          version: z.number().int().min(1).optional(),
        }),
        response: { 200: Period },
      },
    },
    async (request) => openPublicity(services, actorOf(request), request.params.id, request.body),
  );

  app.get(
    "/campaigns/:id/publicity",
    {
      schema: {
        tags,
        summary: "The publicity period, if any (public: the period is announced)",
        params: IdParams,
        response: { 200: z.object({ period: Period.nullable() }) },
      },
      config: { access: "public" },
    },
    async (request) => ({ period: await getPublicity(services, request.params.id) }),
  );

  app.post(
    "/campaigns/:id/objections",
    {
      schema: {
        tags,
        summary: "Object (异议) to one's own unit's publicised result, during the publicity period",
        params: IdParams,
        body: z.strictObject({ organisationId: Id, reason: Reason }),
        response: { 201: Objection },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await fileObjection(services, actorOf(request), request.params.id, request.body)),
  );

  app.post(
    "/public/campaigns/:id/objections",
    {
      schema: {
        tags,
        summary: "Object to a unit's publicised result without signing in, during the publicity period",
        params: IdParams,
        body: z.strictObject({
          organisationId: Id.optional(),
          organisationCode: z.string().min(1).max(64).optional(),
          reason: Reason,
          name: z.string().min(1).max(100).optional(),
          contact: z.string().min(1).max(200).optional(),
        }),
        response: { 201: PublicObjection },
      },
      config: { access: "public" },
    },
    async (request, reply) => {
      const filed = await filePublicObjection(services, request.params.id, request.body);
      return reply.code(201).send({
        id: filed.id,
        campaignId: filed.campaignId,
        organisationId: filed.organisationId,
        status: filed.status,
        createdAt: filed.createdAt,
      });
    },
  );

  app.get(
    "/campaigns/:id/objections",
    {
      schema: {
        tags,
        summary: "The campaign's objections (organisers)",
        params: IdParams,
        querystring: PageQuery.extend({ status: z.enum(["pending", "upheld", "rejected"]).optional() }),
        response: { 200: page(Objection) },
      },
    },
    async (request) => listObjections(services, actorOf(request), request.params.id, request.query),
  );

  app.post(
    "/objections/:id/decide",
    {
      schema: {
        tags,
        summary:
          "Uphold (with the correction; a corrected run is made) or reject an objection, with a reason",
        params: IdParams,
        body: z.strictObject({
          ...Versioned,
          decision: z.enum(["upheld", "rejected"]),
          reason: Reason,
          correction: z
            .strictObject({
              bonus: z.record(z.string(), Decimal).optional(),
              data: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])).optional(),
              scores: z.record(z.string(), z.unknown()).optional(),
              sheets: z
                .array(
                  z.strictObject({
                    userId: Id,
                    groupCode: z.string().min(1).max(64),
                    total: Decimal.optional(),
                    scores: z.record(z.string(), z.unknown()).optional(),
                  }),
                )
                .max(100)
                .optional(),
            })
            .optional(),
        }),
        response: { 200: Objection },
      },
    },
    async (request) => decideObjection(services, actorOf(request), request.params.id, request.body),
  );

  app.post(
    "/campaigns/:id/publish",
    {
      schema: {
        tags,
        summary: "Final publication (终审公布): results kept per unit and year; the campaign is locked",
        params: IdParams,
        body: z.strictObject(Versioned),
        response: {
          200: z.object({
            campaignId: z.string(),
            runId: z.string(),
            publishedAt: z.string(),
            version: z.number().int(),
            units: z.number().int(),
          }),
        },
      },
    },
    async (request) => publishCampaign(services, actorOf(request), request.params.id, request.body),
  );
}
