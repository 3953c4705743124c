/** Batch jobs (批量任务): documents or evidence archives for many units, with progress and a result ZIP. */
import { z } from "zod";
import type { Services } from "../../context.js";
import { type Api, actorOf, Id, IdParams, PageQuery, page } from "../../http/api.js";
import { contentDisposition } from "../evidence/sanitise-file-name.js";
import { cancelJob } from "./cancel-job.js";
import { createJob } from "./create-job.js";
import { JobSummary, JobView } from "./present-job.js";
import { getJob, jobResult, listJobs } from "./read-jobs.js";

const tags = ["jobs"];
const Units = { organisationIds: z.array(Id).min(1).max(20000).optional() };
const NewJobBody = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("documents"), documentKind: z.string().min(1).max(64), ...Units }),
  z.strictObject({ kind: z.literal("archives"), ...Units }),
]);

export async function jobRoutes(app: Api, services: Services) {
  app.post(
    "/campaigns/:campaignId/jobs",
    {
      schema: {
        tags,
        summary:
          "Queue a batch job: a Word document of a kind, or the evidence archive, for every evaluated unit or those named",
        params: z.strictObject({ campaignId: Id }),
        body: NewJobBody,
        response: { 202: JobView },
      },
    },
    async (request, reply) => {
      const job = await createJob(services, actorOf(request), request.params.campaignId, request.body);
      app.jobs.wake();
      return reply.code(202).send(job);
    },
  );

  app.get(
    "/campaigns/:campaignId/jobs",
    {
      schema: {
        tags,
        summary: "The campaign's batch jobs, newest first",
        params: z.strictObject({ campaignId: Id }),
        querystring: PageQuery,
        response: { 200: page(JobSummary) },
      },
    },
    async (request) => listJobs(services, actorOf(request), request.params.campaignId, request.query),
  );

  app.get(
    "/jobs/:id",
    {
      schema: {
        tags,
        summary: "A job's progress: status, counts, percent, and the units that failed with their reasons",
        params: IdParams,
        response: { 200: JobView },
      },
    },
    async (request) => getJob(services, actorOf(request), request.params.id),
  );

  app.get(
    "/jobs/:id/result",
    {
      schema: {
        tags,
        summary: "The finished job's result: a ZIP with one file per unit done",
        params: IdParams,
      },
    },
    async (request, reply) => {
      const result = await jobResult(services, actorOf(request), request.params.id);
      return reply
        .type("application/zip")
        .header("content-length", result.size)
        .header("content-disposition", contentDisposition(result.fileName))
        .header("x-content-type-options", "nosniff")
        .send(result.content);
    },
  );

  app.post(
    "/jobs/:id/cancel",
    {
      schema: {
        tags,
        summary: "Cancel a queued or running job (units done so far stay recorded)",
        params: IdParams,
        response: { 200: JobView },
      },
    },
    async (request) => cancelJob(services, actorOf(request), request.params.id),
  );
}
