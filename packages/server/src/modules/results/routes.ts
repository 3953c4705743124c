/** /organisations/:id/results: a unit's published results across years. */
import { z } from "zod";
import type { Services } from "../../context.js";
import { type Api, actorOf, IdParams, PageQuery, page, pageOf } from "../../http/api.js";
import { unitResults } from "./unit-results.js";

export async function resultRoutes(app: Api, services: Services) {
  app.get(
    "/organisations/:id/results",
    {
      schema: {
        tags: ["results"],
        summary: "A unit's published results across years, latest first (for anyone with a role over it)",
        params: IdParams,
        querystring: PageQuery.extend({ scheme: z.string().min(1).max(64).optional() }),
        response: {
          200: page(
            z.object({
              campaignId: z.string(),
              campaignName: z.string(),
              schemeCode: z.string(),
              year: z.number().int(),
              total: z.string(),
              grade: z.string().nullable(),
              rank: z.number().int().nullable(),
              publishedAt: z.string(),
            }),
          ),
        },
      },
    },
    async (request) => {
      const { scheme, ...paging } = request.query;
      return pageOf(await unitResults(services, actorOf(request), request.params.id, scheme), paging);
    },
  );
}
