/** /campaigns/:campaignId/self-evaluations/:organisationId: a unit's self-evaluation (自评), its tables and tasks. */
import { z } from "zod";
import type { Services } from "../../context.js";
import { type Api, actorOf, Id, Versioned } from "../../http/api.js";
import { assignTask } from "./assign-task.js";
import {
  AssignmentView,
  getSelfEvaluation,
  SelfEvaluationView,
  ViolationView,
} from "./read-self-evaluation.js";
import { saveData, saveReport } from "./save-data.js";
import { saveItem } from "./save-item.js";
import { saveTable } from "./save-table.js";
import {
  acceptSelfEvaluation,
  returnSelfEvaluation,
  submitSelfEvaluation,
} from "./submit-self-evaluation.js";

const Params = z.strictObject({ campaignId: Id, organisationId: Id });
const BASE = "/campaigns/:campaignId/self-evaluations/:organisationId";
const tags = ["self-evaluations"];
/** 0 for something never saved (an item, a table, an assignment), then the version last read. */
const FirstOrVersion = z.number().int().min(0);
const FieldValue = z.union([z.number().finite(), z.string().max(2000), z.boolean(), z.null()]);
const Cell = z.union([z.number().finite(), z.string().max(2000), z.null()]);

const StatusView = z.object({
  status: z.enum(["draft", "submitted", "returned", "accepted"]),
  version: z.number().int(),
  submissions: z.number().int(),
  submittedAt: z.string().nullable(),
  returnedReason: z.string().nullable(),
});

export async function selfEvaluationRoutes(app: Api, services: Services) {
  app.get(
    BASE,
    {
      schema: {
        tags,
        summary: "A unit's self-evaluation with its live score from the engine",
        params: Params,
        response: { 200: SelfEvaluationView },
      },
    },
    async (request) =>
      getSelfEvaluation(services, actorOf(request), request.params.campaignId, request.params.organisationId),
  );

  app.put(
    `${BASE}/items/:indicatorCode`,
    {
      schema: {
        tags,
        summary: "Save one indicator's input (checked against its method) and narrative",
        params: Params.extend({ indicatorCode: z.string().min(1).max(64) }),
        body: z.strictObject({
          version: FirstOrVersion,
          input: z.unknown().optional(),
          narrative: z.string().max(20_000).optional(),
        }),
        response: {
          200: z.object({
            indicatorCode: z.string(),
            input: z.unknown(),
            narrative: z.string(),
            version: z.number().int(),
            updatedAt: z.string(),
          }),
        },
      },
    },
    async (request) => {
      const { campaignId, organisationId, indicatorCode } = request.params;
      return saveItem(services, actorOf(request), campaignId, organisationId, indicatorCode, request.body);
    },
  );

  app.put(
    `${BASE}/data`,
    {
      schema: {
        tags,
        summary: "Replace the base-data fields typed in (fields taken from tables excepted)",
        params: Params,
        body: z.strictObject({ ...Versioned, data: z.record(z.string().max(64), FieldValue) }),
        response: { 200: z.object({ version: z.number().int(), data: z.record(z.string(), FieldValue) }) },
      },
    },
    async (request) =>
      saveData(
        services,
        actorOf(request),
        request.params.campaignId,
        request.params.organisationId,
        request.body,
      ),
  );

  app.put(
    `${BASE}/tables/:tableCode`,
    {
      schema: {
        tags,
        summary: "Save a base-data table; returns its rule violations per cell (a draft may keep them)",
        params: Params.extend({ tableCode: z.string().min(1).max(64) }),
        body: z.strictObject({
          version: FirstOrVersion,
          rows: z
            .record(z.string().max(64), z.record(z.string().max(64), Cell))
            .refine((rows) => Object.keys(rows).length <= 5000, "at most 5000 rows"),
        }),
        response: {
          200: z.object({
            tableCode: z.string(),
            version: z.number().int(),
            rows: z.record(z.string(), z.record(z.string(), Cell)),
            violations: z.array(ViolationView),
          }),
        },
      },
    },
    async (request) => {
      const { campaignId, organisationId, tableCode } = request.params;
      return saveTable(services, actorOf(request), campaignId, organisationId, tableCode, request.body);
    },
  );

  app.put(
    `${BASE}/report`,
    {
      schema: {
        tags,
        summary: "Save the self-evaluation report (基本情况, 主要做法与成效, 存在问题, 整改措施与下一步打算)",
        params: Params,
        body: z.strictObject({
          ...Versioned,
          report: z
            .record(z.string().min(1).max(40), z.string().max(50_000))
            .refine((r) => Object.keys(r).length <= 20, "at most 20 sections"),
        }),
        response: { 200: z.object({ version: z.number().int(), report: z.record(z.string(), z.string()) }) },
      },
    },
    async (request) =>
      saveReport(
        services,
        actorOf(request),
        request.params.campaignId,
        request.params.organisationId,
        request.body,
      ),
  );

  app.put(
    `${BASE}/assignments/:target`,
    {
      schema: {
        tags,
        summary: "任务分解: give an indicator or a table (table:CODE) to a department, person and deadline",
        params: Params.extend({ target: z.string().min(1).max(80) }),
        body: z.strictObject({
          version: FirstOrVersion.optional(),
          departmentId: z.uuid().nullable(),
          person: z.string().min(1).max(100).nullable(),
          deadline: z.union([z.iso.datetime({ offset: true }), z.iso.date()]).nullable(),
        }),
        response: { 200: AssignmentView },
      },
    },
    async (request) => {
      const { campaignId, organisationId, target } = request.params;
      return assignTask(services, actorOf(request), campaignId, organisationId, target, request.body);
    },
  );

  app.post(
    `${BASE}/submit`,
    {
      schema: {
        tags,
        summary: "Submit (locks it); refused with every missing indicator, field and cell while incomplete",
        params: Params,
        body: z.strictObject(Versioned),
        response: { 200: StatusView },
      },
    },
    async (request) =>
      submitSelfEvaluation(
        services,
        actorOf(request),
        request.params.campaignId,
        request.params.organisationId,
        request.body,
      ),
  );

  app.post(
    `${BASE}/return`,
    {
      schema: {
        tags,
        summary:
          "退回: the organiser returns a submitted self-evaluation with a reason; it is editable again",
        params: Params,
        body: z.strictObject({ ...Versioned, reason: z.string().min(1).max(2000) }),
        response: { 200: StatusView },
      },
    },
    async (request) =>
      returnSelfEvaluation(
        services,
        actorOf(request),
        request.params.campaignId,
        request.params.organisationId,
        request.body,
      ),
  );

  app.post(
    `${BASE}/accept`,
    {
      schema: {
        tags,
        summary: "初审通过: the organiser accepts a submitted self-evaluation",
        params: Params,
        body: z.strictObject(Versioned),
        response: { 200: StatusView },
      },
    },
    async (request) =>
      acceptSelfEvaluation(
        services,
        actorOf(request),
        request.params.campaignId,
        request.params.organisationId,
        request.body,
      ),
  );
}
