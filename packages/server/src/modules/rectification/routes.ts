/** 整改: rectification items of a campaign, their lifecycle and evidence, and 回头看 (follow-up re-checks). */
import { RECHECK_VERDICTS, RECTIFICATION_STATUSES, VERIFICATION_VERDICTS } from "@kaoping/core";
import { z } from "zod";
import type { Services } from "../../context.js";
import { type Api, actorOf, Id, IdParams, page, Versioned } from "../../http/api.js";
import { CampaignView } from "../campaigns/present-campaign.js";
import { consumeUpload, filePart, sendStored } from "../evidence/file-transfer.js";
import { closeRectification } from "./close-rectification.js";
import { createRectificationItem } from "./create-item.js";
import { generateFromFindings } from "./generate-from-findings.js";
import { launchFollowUp } from "./launch-follow-up.js";
import { getItem, listItems } from "./read-items.js";
import { listRechecks, recheckItem } from "./recheck-items.js";
import { openRectificationEvidence, uploadRectificationEvidence } from "./rectification-evidence.js";
import { reportRectification } from "./report-rectification.js";
import { startRectification } from "./start-rectification.js";
import { updateSpecifics } from "./update-specifics.js";
import { verifyRectification } from "./verify-rectification.js";

const tags = ["rectification"];
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD");
const Text = z.string().trim().min(1).max(5_000);
const Optional = z.string().max(5_000).nullable().optional();

const Item = z.object({
  id: z.string(),
  campaignId: z.string(),
  organisationId: z.string(),
  organisationCode: z.string(),
  organisationName: z.string(),
  source: z.enum(["review", "feedback", "inspection", "recheck"]),
  indicatorCode: z.string().nullable(),
  indicator: z.string().nullable(),
  problem: z.string(),
  target: z.string().nullable(),
  measures: z.string().nullable(),
  deadline: z.string(),
  responsiblePerson: z.string().nullable(),
  status: z.enum(RECTIFICATION_STATUSES),
  lastVerdict: z.enum(VERIFICATION_VERDICTS).nullable(),
  overdue: z.boolean(),
  reportedAt: z.string().nullable(),
  relapseOf: z.string().nullable(),
  relapseId: z.string().nullable(),
  recheck: z
    .object({
      verdict: z.enum(RECHECK_VERDICTS),
      reason: z.string().nullable(),
      campaignId: z.string(),
      at: z.string(),
    })
    .nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const Evidence = z.object({
  id: z.string(),
  name: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  uploadedAt: z.string(),
});
const Detail = Item.extend({
  campaignName: z.string(),
  history: z.array(
    z.object({
      action: z.string(),
      from: z.string().nullable(),
      to: z.string(),
      verdict: z.string().nullable(),
      reason: z.string().nullable(),
      actorName: z.string(),
      at: z.string(),
    }),
  ),
  evidence: z.array(Evidence),
  canAct: z.object({ unit: z.boolean(), organiser: z.boolean() }),
});

export async function rectificationRoutes(app: Api, services: Services) {
  app.get(
    "/campaigns/:id/rectification-items",
    {
      schema: {
        tags,
        summary: "The campaign's rectification items (整改事项), overdue first, with counts per unit",
        params: IdParams,
        querystring: z.strictObject({
          status: z.enum(RECTIFICATION_STATUSES).optional(),
          organisationId: Id.optional(),
          overdue: z
            .enum(["true", "false"])
            .transform((v) => v === "true")
            .optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: {
          200: page(Item).extend({
            units: z.array(
              z.object({
                organisationId: z.string(),
                organisationCode: z.string(),
                organisationName: z.string(),
                open: z.number().int(),
                overdue: z.number().int(),
                reported: z.number().int(),
                closed: z.number().int(),
                total: z.number().int(),
              }),
            ),
            now: z.string(),
          }),
        },
      },
    },
    async (request) => listItems(services, actorOf(request), request.params.id, request.query),
  );

  app.post(
    "/campaigns/:id/rectification-items",
    {
      schema: {
        tags,
        summary:
          "Record one rectification item for a unit (the organiser): problem, deadline, and what is known",
        params: IdParams,
        body: z.strictObject({
          organisationId: Id,
          source: z.enum(["review", "feedback", "inspection"]),
          indicatorCode: z.string().min(1).max(64).nullable().optional(),
          problem: Text,
          target: Optional,
          measures: Optional,
          deadline: Day,
          responsiblePerson: z.string().max(200).nullable().optional(),
        }),
        response: { 201: Item },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createRectificationItem(services, actorOf(request), request.params.id, request.body)),
  );

  app.post(
    "/campaigns/:id/rectification-items/generate",
    {
      schema: {
        tags,
        summary:
          "Generate items from the review findings, one per unit and indicator; the deadline defaults to the 整改 stage's",
        params: IdParams,
        body: z.strictObject({ deadline: Day.optional() }),
        response: { 200: z.object({ created: z.number().int(), skipped: z.number().int() }) },
      },
    },
    async (request) => generateFromFindings(services, actorOf(request), request.params.id, request.body),
  );

  app.get(
    "/rectification-items/:id",
    {
      schema: {
        tags,
        summary: "One rectification item with its history and evidence",
        params: IdParams,
        response: { 200: Detail },
      },
    },
    async (request) => getItem(services, actorOf(request), request.params.id),
  );

  app.patch(
    "/rectification-items/:id",
    {
      schema: {
        tags,
        summary:
          "Fill in the four specifics (target, measures, responsible person); problem, indicator and deadline are the organiser's",
        params: IdParams,
        body: z.strictObject({
          ...Versioned,
          target: Optional,
          measures: Optional,
          responsiblePerson: z.string().max(200).nullable().optional(),
          problem: Text.optional(),
          indicatorCode: z.string().min(1).max(64).nullable().optional(),
          deadline: Day.optional(),
        }),
        response: { 200: Item },
      },
    },
    async (request) => updateSpecifics(services, actorOf(request), request.params.id, request.body),
  );

  app.post(
    "/rectification-items/:id/start",
    {
      schema: {
        tags,
        summary: "Start rectifying (待整改 → 整改中)",
        params: IdParams,
        body: z.strictObject(Versioned),
        response: { 200: Item },
      },
    },
    async (request) => startRectification(services, actorOf(request), request.params.id, request.body),
  );

  app.post(
    "/rectification-items/:id/report",
    {
      schema: {
        tags,
        summary:
          "Report the rectification done (整改中 → 已整改): four specifics complete and evidence attached",
        params: IdParams,
        body: z.strictObject({ ...Versioned, summary: Text }),
        response: { 200: Item },
      },
    },
    async (request) => reportRectification(services, actorOf(request), request.params.id, request.body),
  );

  app.post(
    "/rectification-items/:id/verify",
    {
      schema: {
        tags,
        summary: "The organiser's verdict: passed (已验证), failed (reopened) or partial (back to 整改中)",
        params: IdParams,
        body: z.strictObject({ ...Versioned, verdict: z.enum(VERIFICATION_VERDICTS), reason: Text }),
        response: { 200: Item },
      },
    },
    async (request) => verifyRectification(services, actorOf(request), request.params.id, request.body),
  );

  app.post(
    "/rectification-items/:id/close",
    {
      schema: {
        tags,
        summary: "Close (销号) an item verified as passed; anything else is refused",
        params: IdParams,
        body: z.strictObject({ ...Versioned, reason: Text.optional() }),
        response: { 200: Item },
      },
    },
    async (request) => closeRectification(services, actorOf(request), request.params.id, request.body),
  );

  app.post(
    "/rectification-items/:id/evidence",
    {
      schema: {
        tags,
        summary: "Attach one evidence file (multipart) while the item is being rectified",
        params: IdParams,
        response: { 201: Evidence },
      },
    },
    async (request, reply) => {
      const view = await consumeUpload(await filePart(request), (upload) =>
        uploadRectificationEvidence(services, actorOf(request), request.params.id, upload),
      );
      return reply.code(201).send(view);
    },
  );

  app.get(
    "/rectification-evidence/:id",
    {
      schema: { tags, summary: "Download a rectification evidence file", params: IdParams },
    },
    async (request, reply) =>
      sendStored(reply, await openRectificationEvidence(services, actorOf(request), request.params.id)),
  );

  app.post(
    "/campaigns/:id/follow-up",
    {
      schema: {
        tags,
        summary: "发起回头看: a draft follow-up campaign over the units with closed items, to re-check them",
        params: IdParams,
        body: z.strictObject({
          name: z.string().trim().min(1).max(200).optional(),
          year: z.number().int().min(2000).max(2100).optional(),
          selfCheckDeadline: Day,
          recheckDeadline: Day,
        }),
        response: { 201: CampaignView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await launchFollowUp(services, actorOf(request), request.params.id, request.body)),
  );

  app.get(
    "/campaigns/:id/rechecks",
    {
      schema: {
        tags,
        summary: "回头看: the closed items of the campaign this one follows up, with their re-check verdicts",
        params: IdParams,
        response: {
          200: z.object({
            followUpOf: z.object({ id: z.string(), name: z.string(), year: z.number().int() }).nullable(),
            items: z.array(Item),
          }),
        },
      },
    },
    async (request) => listRechecks(services, actorOf(request), request.params.id),
  );

  app.post(
    "/campaigns/:id/rechecks/:itemId",
    {
      schema: {
        tags,
        summary:
          "Re-check a closed item: held (巩固) or relapsed (反弹, opening a new item here with a deadline)",
        params: z.strictObject({ id: Id, itemId: Id }),
        body: z.strictObject({
          ...Versioned,
          verdict: z.enum(RECHECK_VERDICTS),
          reason: Text,
          deadline: Day.optional(),
        }),
        response: { 200: z.object({ item: Item, relapse: Item.nullable() }) },
      },
    },
    async (request) =>
      recheckItem(services, actorOf(request), request.params.id, request.params.itemId, request.body),
  );
}
