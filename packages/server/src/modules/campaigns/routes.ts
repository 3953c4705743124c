/** /campaigns: 考评活动 — creation, editing, units, raters, start, stage advance and progress. */
import { z } from "zod";
import type { Services } from "../../context.js";
import { type Api, actorOf, IdParams, PageQuery, page, Versioned } from "../../http/api.js";
import { advanceStage } from "./advance-stage.js";
import { campaignProgress } from "./campaign-progress.js";
import { createCampaign } from "./create-campaign.js";
import { CampaignSummaryView, CampaignUnitView, CampaignView, ProgressView } from "./present-campaign.js";
import { getCampaign, listCampaigns, listCampaignUnits } from "./read-campaigns.js";
import { setRaters } from "./set-raters.js";
import { STAGE_CODES } from "./stages.js";
import { startCampaign } from "./start-campaign.js";
import { setCampaignUnits, updateCampaign } from "./update-campaign.js";

const Instant = z.iso.datetime({ offset: true });
const Settings = z.strictObject({ reviewersSeeSelfScores: z.boolean().optional() });
const Stage = z.strictObject({
  stage: z.enum(STAGE_CODES),
  startsAt: Instant.nullable().optional(),
  deadline: Instant.nullable().optional(),
});
const Stages = z.array(Stage).min(1).max(STAGE_CODES.length);
const Unit = z.strictObject({
  organisationId: z.uuid(),
  category: z.string().min(1).max(40).nullable().optional(),
  group: z.string().min(1).max(40).nullable().optional(),
  role: z.enum(["evaluated", "reporting"]).optional(),
});
const Units = z.array(Unit).max(5000);
const VersionOnly = z.strictObject({ ...Versioned });

export async function campaignRoutes(app: Api, services: Services) {
  app.get(
    "/campaigns",
    {
      schema: {
        tags: ["campaigns"],
        summary: "Campaigns one organises or views, takes part in as a unit, or rates",
        querystring: PageQuery.extend({
          status: z.enum(["draft", "running", "published"]).optional(),
          year: z.coerce.number().int().optional(),
          organiserId: z.uuid().optional(),
        }),
        response: { 200: page(CampaignSummaryView) },
      },
    },
    async (request) => listCampaigns(services, actorOf(request), request.query),
  );

  app.post(
    "/campaigns",
    {
      schema: {
        tags: ["campaigns"],
        summary: "Create a campaign (draft) over units of the organiser's subtree",
        body: z.strictObject({
          organiserId: z.uuid(),
          name: z.string().min(1).max(200),
          year: z.number().int().min(1990).max(2200),
          schemeVersionId: z.uuid(),
          settings: Settings.default({}),
          stages: Stages,
          units: Units,
        }),
        response: { 201: CampaignView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createCampaign(services, actorOf(request), request.body)),
  );

  app.get(
    "/campaigns/:id",
    {
      schema: {
        tags: ["campaigns"],
        summary: "One campaign with its stages, current stage and rater groups",
        params: IdParams,
        response: { 200: CampaignView },
      },
    },
    async (request) => getCampaign(services, actorOf(request), request.params.id),
  );

  app.patch(
    "/campaigns/:id",
    {
      schema: {
        tags: ["campaigns"],
        summary: "Rename, change settings or stage dates (the stage list only in draft)",
        params: IdParams,
        body: z.strictObject({
          ...Versioned,
          name: z.string().min(1).max(200).optional(),
          settings: Settings.optional(),
          stages: Stages.optional(),
        }),
        response: { 200: CampaignView },
      },
    },
    async (request) => updateCampaign(services, actorOf(request), request.params.id, request.body),
  );

  app.get(
    "/campaigns/:id/units",
    {
      schema: {
        tags: ["campaigns"],
        summary: "The units taking part",
        params: IdParams,
        querystring: PageQuery,
        response: { 200: page(CampaignUnitView) },
      },
    },
    async (request) => listCampaignUnits(services, actorOf(request), request.params.id, request.query),
  );

  app.put(
    "/campaigns/:id/units",
    {
      schema: {
        tags: ["campaigns"],
        summary: "Replace the units taking part (draft only)",
        params: IdParams,
        body: z.strictObject({ ...Versioned, units: Units }),
        response: { 200: CampaignView },
      },
    },
    async (request) => setCampaignUnits(services, actorOf(request), request.params.id, request.body),
  );

  app.put(
    "/campaigns/:id/raters",
    {
      schema: {
        tags: ["campaigns"],
        summary: "Replace the members of the scheme's rater groups (until the review stage opens)",
        params: IdParams,
        body: z.strictObject({
          ...Versioned,
          groups: z.record(z.string().min(1).max(40), z.array(z.uuid()).max(500)),
        }),
        response: { 200: CampaignView },
      },
    },
    async (request) => setRaters(services, actorOf(request), request.params.id, request.body),
  );

  app.post(
    "/campaigns/:id/start",
    {
      schema: {
        tags: ["campaigns"],
        summary: "Start: freeze the scheme version, open the first stage, create the self-evaluations",
        params: IdParams,
        body: VersionOnly,
        response: { 200: CampaignView },
      },
    },
    async (request) => startCampaign(services, actorOf(request), request.params.id, request.body),
  );

  app.post(
    "/campaigns/:id/advance",
    {
      schema: {
        tags: ["campaigns"],
        summary: "Close the open stage and open the next one",
        params: IdParams,
        body: VersionOnly,
        response: { 200: CampaignView },
      },
    },
    async (request) => advanceStage(services, actorOf(request), request.params.id, request.body),
  );

  app.get(
    "/campaigns/:id/progress",
    {
      schema: {
        tags: ["campaigns"],
        summary: "Self-evaluation progress per unit and late units per stage",
        params: IdParams,
        querystring: PageQuery,
        response: { 200: ProgressView },
      },
    },
    async (request) => campaignProgress(services, actorOf(request), request.params.id, request.query),
  );
}
