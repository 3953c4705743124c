/** Bonus approval (加分审定) and grading runs (汇总定级): ranking, grades and explanations. */
import { z } from "zod";
import type { Services } from "../../context.js";
import { type Api, actorOf, Id, IdParams, PageQuery, page, pageOf, Versioned } from "../../http/api.js";
import { approveBonus, getBonus } from "./bonus.js";
import { createGradingRun, explainRunUnit, getRun, listRuns } from "./grading-runs.js";

const UnitParams = z.strictObject({ id: Id, orgId: Id });
const Bonus = z.object({
  organisationId: z.string(),
  claimed: z.record(z.string(), z.string()),
  approved: z.record(z.string(), z.string()),
  version: z.number().int(),
});
export const RunSummary = z.object({
  id: z.string(),
  campaignId: z.string(),
  number: z.number().int(),
  schemeVersionId: z.string(),
  inputsHash: z.string(),
  resultsHash: z.string(),
  reason: z.string().nullable(),
  objectionId: z.string().nullable(),
  unitCount: z.number().int(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
const RankingRow = z.object({
  organisationId: z.string().nullable(),
  unit: z.string(),
  name: z.string().nullable(),
  category: z.string().nullable(),
  rank: z.number().int(),
  groupRank: z.number().int(),
  group: z.string(),
  total: z.string(),
  points: z.string(),
  rate: z.string(),
  bonus: z.string(),
  grade: z.string().nullable(),
  gradeName: z.string().nullable(),
  vetoes: z.array(z.string()),
  flags: z.array(z.string()),
  source: z.string(),
  /** For a unit placed by a quota (先进 = 60% of 达标): its place among the places, and the pool. */
  quota: z
    .object({
      grade: z.string(),
      gradeName: z.string(),
      position: z.number().int(),
      count: z.number().int(),
      pool: z.number().int(),
      share: z.string(),
      of: z.string().nullable(),
    })
    .nullable(),
});
const tags = ["grading"];

export async function gradingRoutes(app: Api, services: Services) {
  app.get(
    "/campaigns/:id/units/:orgId/bonus",
    {
      schema: {
        tags,
        summary: "A unit's claimed and approved bonus points",
        params: UnitParams,
        response: { 200: Bonus },
      },
    },
    async (request) => getBonus(services, actorOf(request), request.params.id, request.params.orgId),
  );

  app.put(
    "/campaigns/:id/units/:orgId/bonus",
    {
      schema: {
        tags,
        summary: "Approve a unit's bonus points per item (caps are applied when grading)",
        params: UnitParams,
        body: z.strictObject({ ...Versioned, bonus: z.record(z.string(), z.string().max(20)) }),
        response: { 200: Bonus },
      },
    },
    async (request) =>
      approveBonus(services, actorOf(request), request.params.id, request.params.orgId, request.body),
  );

  app.post(
    "/campaigns/:id/grading-runs",
    {
      schema: {
        tags,
        summary: "Grade the campaign from the stored inputs (grading stage open, review closed)",
        params: IdParams,
        body: z.strictObject({ reason: z.string().min(1).max(2_000).optional() }),
        response: { 201: RunSummary },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createGradingRun(services, actorOf(request), request.params.id, request.body)),
  );

  app.get(
    "/campaigns/:id/grading-runs",
    {
      schema: {
        tags,
        summary: "The campaign's grading runs, oldest first",
        params: IdParams,
        querystring: PageQuery,
        response: { 200: page(RunSummary) },
      },
    },
    async (request) => pageOf(await listRuns(services, actorOf(request), request.params.id), request.query),
  );

  app.get(
    "/grading-runs/:id",
    {
      schema: {
        tags,
        summary: "A run and its ranking table (paged): rank, total, grade, vetoes and flags per unit",
        params: IdParams,
        querystring: PageQuery,
        response: { 200: page(RankingRow).extend({ run: RunSummary }) },
      },
    },
    async (request) => getRun(services, actorOf(request), request.params.id, request.query),
  );

  app.get(
    "/grading-runs/:id/units/:orgId/explanation",
    {
      schema: {
        tags,
        summary: "How a unit's score, rank and grade in a run were made (recomputed from the stored inputs)",
        params: UnitParams,
        querystring: z.strictObject({ lang: z.enum(["zh", "en"]).default("zh") }),
        response: { 200: z.object({ unit: z.string(), text: z.string(), explanation: z.unknown() }) },
      },
    },
    async (request) =>
      explainRunUnit(services, actorOf(request), request.params.id, request.params.orgId, request.query.lang),
  );
}
