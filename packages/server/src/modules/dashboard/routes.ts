/**
 * Dashboards (领导看板): a grading run's figures and a unit's radar, a unit's year-over-year trend and a
 * campaign's overview.
 */
import { z } from "zod";
import type { Services } from "../../context.js";
import { type Api, actorOf, Id, IdParams } from "../../http/api.js";
import { StageView } from "../campaigns/present-campaign.js";
import { campaignOverview } from "./campaign-overview.js";
import { runDashboard, unitRadar } from "./run-dashboard.js";
import { unitTrend } from "./unit-trend.js";

const tags = ["dashboard"];
const Count = z.number().int();
const Summary = z.object({ mean: z.string(), median: z.string(), min: z.string(), max: z.string() });
const IndicatorFigure = z.object({
  code: z.string(),
  name: z.string(),
  max: z.string(),
  average: z.string().nullable(),
  averageRate: z.string().nullable(),
  units: Count,
});
const RunDashboard = z.object({
  runId: z.string(),
  runNumber: Count,
  campaignId: z.string(),
  campaignName: z.string(),
  year: Count,
  createdAt: z.string(),
  schemeMax: z.string(),
  units: Count,
  totals: Summary.nullable(),
  histogram: z.object({
    width: z.string(),
    bins: z.array(z.object({ from: z.string(), to: z.string(), count: Count })),
  }),
  grades: z.array(z.object({ grade: z.string().nullable(), name: z.string(), count: Count })),
  indicators: z.array(IndicatorFigure),
});
const UnitRadar = z.object({
  runId: z.string(),
  campaignId: z.string(),
  organisationId: z.string(),
  unit: z.string(),
  name: z.string().nullable(),
  total: z.string(),
  grade: z.string().nullable(),
  gradeName: z.string().nullable(),
  rank: Count,
  indicators: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      max: z.string(),
      score: z.string().nullable(),
      applicableMax: z.string().nullable(),
      rate: z.string().nullable(),
      average: z.string().nullable(),
      averageRate: z.string().nullable(),
    }),
  ),
});
const UnitTrend = z.object({
  organisationId: z.string(),
  schemeCode: z.string().nullable(),
  points: z.array(
    z.object({
      year: Count,
      campaignId: z.string(),
      campaignName: z.string(),
      schemeCode: z.string(),
      total: z.string(),
      grade: z.string().nullable(),
      gradeName: z.string().nullable(),
      rank: Count.nullable(),
      average: z.string(),
      units: Count,
    }),
  ),
});
const CampaignOverview = z.object({
  campaignId: z.string(),
  name: z.string(),
  year: Count,
  status: z.enum(["draft", "running", "published"]),
  currentStage: z.string().nullable(),
  now: z.string(),
  stages: z.array(StageView.extend({ open: z.boolean(), overdue: z.boolean() })),
  units: z.object({ total: Count, evaluated: Count, reporting: Count }),
  selfEvaluations: z.object({
    notStarted: Count,
    draft: Count,
    submitted: Count,
    returned: Count,
    accepted: Count,
    late: Count,
  }),
  review: z.object({
    sheets: Count,
    saved: Count,
    submitted: Count,
    unitsAssigned: Count,
    unitsComplete: Count,
  }),
  objections: z.object({ pending: Count, upheld: Count, rejected: Count }),
  latestRun: z.object({ id: z.string(), number: Count, createdAt: z.string() }).nullable(),
});

export async function dashboardRoutes(app: Api, services: Services) {
  app.get(
    "/grading-runs/:id/dashboard",
    {
      schema: {
        tags,
        summary:
          "A run's figures: histogram of totals, grade counts, mean/median/min/max, first-level indicator averages",
        params: IdParams,
        querystring: z.strictObject({ bins: z.coerce.number().int().min(1).max(50).default(10) }),
        response: { 200: RunDashboard },
      },
    },
    async (request) => runDashboard(services, actorOf(request), request.params.id, request.query.bins),
  );

  app.get(
    "/grading-runs/:id/units/:orgId/radar",
    {
      schema: {
        tags,
        summary: "A unit's first-level indicator scores in a run against the run's averages (radar chart)",
        params: z.strictObject({ id: Id, orgId: Id }),
        response: { 200: UnitRadar },
      },
    },
    async (request) => unitRadar(services, actorOf(request), request.params.id, request.params.orgId),
  );

  app.get(
    "/organisations/:id/trend",
    {
      schema: {
        tags,
        summary:
          "A unit's published totals and grades per year beside each campaign's average (year over year)",
        params: IdParams,
        querystring: z.strictObject({ scheme: z.string().min(1).max(64).optional() }),
        response: { 200: UnitTrend },
      },
    },
    async (request) => unitTrend(services, actorOf(request), request.params.id, request.query.scheme),
  );

  app.get(
    "/campaigns/:id/overview",
    {
      schema: {
        tags,
        summary:
          "A campaign's progress at a glance: stages, self-evaluation statuses, review sheets, objections",
        params: IdParams,
        response: { 200: CampaignOverview },
      },
    },
    async (request) => campaignOverview(services, actorOf(request), request.params.id),
  );
}
