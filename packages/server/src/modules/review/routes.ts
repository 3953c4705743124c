/** /campaigns/:id/assignments, /reviews, review sheets and on-site findings. */
import { z } from "zod";
import type { Services } from "../../context.js";
import { type Api, actorOf, Id, IdParams, PageQuery, page, pageOf, Versioned } from "../../http/api.js";
import { listAssignments, myReviews, replaceAssignments } from "./assignments.js";
import { addFinding, FINDING_KINDS, listFindings } from "./findings.js";
import { reviewProgress } from "./review-progress.js";
import { getUnitReview, saveReviewSheet, submitReviewSheet } from "./review-sheets.js";

const Assignment = z.strictObject({
  userId: Id,
  groupCode: z.string().min(1).max(64),
  organisationIds: z.array(Id).max(10_000),
});
const AssignmentsView = z.object({
  version: z.number().int(),
  assignments: z.array(
    z.object({ userId: z.string(), groupCode: z.string(), organisationIds: z.array(z.string()) }),
  ),
});
const UnitParams = z.strictObject({ id: Id, orgId: Id });
const SheetParams = z.strictObject({ id: Id, orgId: Id, groupCode: z.string().min(1).max(64) });
const Sheet = z.object({
  id: z.string(),
  groupCode: z.string(),
  scores: z.record(z.string(), z.unknown()),
  total: z.string().nullable(),
  submitted: z.boolean(),
  submittedAt: z.string().nullable(),
  version: z.number().int(),
});
const Finding = z.object({
  id: z.string(),
  organisationId: z.string(),
  indicatorCode: z.string().nullable(),
  kind: z.string(),
  text: z.string(),
  authorId: z.string().nullable(),
  createdAt: z.string(),
});
const tags = ["review"];

export async function reviewRoutes(app: Api, services: Services) {
  app.get(
    "/campaigns/:id/assignments",
    {
      schema: {
        tags,
        summary: "The campaign's reviewer assignments (评审分工), with the list's version",
        params: IdParams,
        response: { 200: AssignmentsView },
      },
    },
    async (request) => listAssignments(services, actorOf(request), request.params.id),
  );

  app.put(
    "/campaigns/:id/assignments",
    {
      schema: {
        tags,
        summary: "Replace every reviewer assignment; refuses non-members and conflicts of interest (回避)",
        params: IdParams,
        body: z.strictObject({ ...Versioned, assignments: z.array(Assignment).max(5_000) }),
        response: { 200: AssignmentsView },
      },
    },
    async (request) => replaceAssignments(services, actorOf(request), request.params.id, request.body),
  );

  app.get(
    "/campaigns/:id/review-progress",
    {
      schema: {
        tags,
        summary: "Review progress per unit and rater group: reviewers assigned, sheets saved and submitted",
        params: IdParams,
        response: {
          200: z.object({
            groups: z.array(z.string()),
            units: z.array(
              z.object({
                organisationId: z.string(),
                code: z.string(),
                name: z.string(),
                category: z.string().nullable(),
                selfEvaluationStatus: z.string().nullable(),
                groups: z.array(
                  z.object({
                    groupCode: z.string(),
                    assigned: z.number().int(),
                    saved: z.number().int(),
                    submitted: z.number().int(),
                  }),
                ),
              }),
            ),
          }),
        },
      },
    },
    async (request) => reviewProgress(services, actorOf(request), request.params.id),
  );

  app.get(
    "/reviews",
    {
      schema: {
        tags,
        summary: "The signed-in reviewer's assigned units across campaigns",
        querystring: PageQuery,
        response: {
          200: page(
            z.object({
              campaignId: z.string(),
              campaignName: z.string(),
              year: z.number().int(),
              groupCode: z.string(),
              organisationId: z.string(),
              organisationCode: z.string(),
              organisationName: z.string(),
              selfEvaluationStatus: z.string().nullable(),
              sheetVersion: z.number().int().nullable(),
              submitted: z.boolean(),
            }),
          ),
        },
      },
    },
    async (request) => myReviews(services, actorOf(request), request.query),
  );

  app.get(
    "/campaigns/:id/units/:orgId/review",
    {
      schema: {
        tags,
        summary: "What an assigned reviewer sees of a unit: its self-evaluation and their own sheets",
        params: UnitParams,
        response: {
          200: z.object({
            campaignId: z.string(),
            unit: z.object({
              id: z.string(),
              code: z.string(),
              name: z.string(),
              category: z.string().nullable(),
            }),
            selfEvaluation: z
              .object({
                status: z.string(),
                report: z.record(z.string(), z.string()),
                data: z.record(z.string(), z.unknown()),
                scores: z.record(z.string(), z.unknown()).nullable(),
                narratives: z.record(z.string(), z.string()),
                bonusClaimed: z.record(z.string(), z.string()),
              })
              .nullable(),
            groups: z.array(z.string()),
            sheets: z.array(Sheet),
          }),
        },
      },
    },
    async (request) => getUnitReview(services, actorOf(request), request.params.id, request.params.orgId),
  );

  app.put(
    "/campaigns/:id/units/:orgId/review/:groupCode",
    {
      schema: {
        tags,
        summary: "Save the reviewer's sheet for one rater group: leaf inputs and/or a total (decimal text)",
        params: SheetParams,
        body: z.strictObject({
          version: z.number().int().min(1).optional(),
          scores: z.record(z.string(), z.unknown()).optional(),
          total: z.string().max(20).nullable().optional(),
        }),
        response: { 200: Sheet },
      },
    },
    async (request) =>
      saveReviewSheet(
        services,
        actorOf(request),
        request.params.id,
        request.params.orgId,
        request.params.groupCode,
        request.body,
      ),
  );

  app.post(
    "/campaigns/:id/units/:orgId/review/:groupCode/submit",
    {
      schema: {
        tags,
        summary: "Submit the sheet (it must be complete); it is locked afterwards",
        params: SheetParams,
        body: z.strictObject(Versioned),
        response: { 200: Sheet },
      },
    },
    async (request) =>
      submitReviewSheet(
        services,
        actorOf(request),
        request.params.id,
        request.params.orgId,
        request.params.groupCode,
        request.body,
      ),
  );

  app.post(
    "/campaigns/:id/units/:orgId/findings",
    {
      schema: {
        tags,
        summary: "Record an on-site finding (听、看、查、访、议) or a problem, optionally per indicator",
        params: UnitParams,
        body: z.strictObject({
          indicatorCode: z.string().min(1).max(64).optional(),
          kind: z.enum(FINDING_KINDS),
          text: z.string().min(1).max(5_000),
        }),
        response: { 201: Finding },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await addFinding(services, actorOf(request), request.params.id, request.params.orgId, request.body),
        ),
  );

  app.get(
    "/campaigns/:id/units/:orgId/findings",
    {
      schema: {
        tags,
        summary: "A unit's on-site findings",
        params: UnitParams,
        querystring: PageQuery,
        response: { 200: page(Finding) },
      },
    },
    async (request) =>
      pageOf(
        await listFindings(services, actorOf(request), request.params.id, request.params.orgId),
        request.query,
      ),
  );
}
