/** /campaigns/:id/draws: the recorded, re-verifiable draw of units for site visits (抽签). */
import { z } from "zod";
import type { Services } from "../../context.js";
import { type Api, actorOf, Id, IdParams, PageQuery, page, pageOf } from "../../http/api.js";
import { createDraw, getDraw, listDraws, verifyStoredDraw } from "./draws.js";

const Draw = z.object({
  id: z.string(),
  campaignId: z.string(),
  seed: z.string(),
  request: z.unknown(),
  result: z.unknown(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
const DrawParams = z.strictObject({ id: Id, drawId: Id });
const tags = ["sampling"];

export async function samplingRoutes(app: Api, services: Services) {
  app.post(
    "/campaigns/:id/draws",
    {
      schema: {
        tags,
        summary: "Draw units by lot (抽签) with an announced seed; the record is kept for re-verification",
        params: IdParams,
        body: z.strictObject({
          seed: z.string().min(1).max(200).optional(),
          fraction: z.string().min(1).max(40),
          by: z.enum(["category", "group", "kind"]).optional(),
          minimumPerStratum: z.number().int().min(0).max(10_000).optional(),
          rounding: z.enum(["ceil", "halfUp", "floor"]).optional(),
          categories: z.array(z.string().min(1).max(64)).min(1).optional(),
        }),
        response: { 201: Draw },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createDraw(services, actorOf(request), request.params.id, request.body)),
  );

  app.get(
    "/campaigns/:id/draws",
    {
      schema: {
        tags,
        summary: "The campaign's draws",
        params: IdParams,
        querystring: PageQuery,
        response: { 200: page(Draw) },
      },
    },
    async (request) => pageOf(await listDraws(services, actorOf(request), request.params.id), request.query),
  );

  app.get(
    "/campaigns/:id/draws/:drawId",
    {
      schema: {
        tags,
        summary: "One draw: seed, parameters, population and result",
        params: DrawParams,
        response: { 200: Draw },
      },
    },
    async (request) => getDraw(services, actorOf(request), request.params.id, request.params.drawId),
  );

  app.get(
    "/campaigns/:id/draws/:drawId/verify",
    {
      schema: {
        tags,
        summary: "Re-run a stored draw and compare it with the stored result",
        params: DrawParams,
        response: {
          200: z.object({
            ok: z.boolean(),
            reason: z.string().nullable(),
            message: z.string().nullable(),
            populationUnchanged: z.boolean(),
          }),
        },
      },
    },
    async (request) => verifyStoredDraw(services, actorOf(request), request.params.id, request.params.drawId),
  );
}
