/** Evidence files (佐证材料): upload to a self-evaluation's indicator, download, delete. */
import { z } from "zod";
import type { Services } from "../../context.js";
import { AppError } from "../../errors.js";
import { type Api, actorOf, Id, IdParams, noContent } from "../../http/api.js";
import { EvidenceView } from "../self-evaluations/read-self-evaluation.js";
import { deleteEvidence, openEvidence, uploadEvidence } from "./evidence-files.js";
import { consumeUpload, filePart, sendStored } from "./file-transfer.js";

const tags = ["evidence"];

export async function evidenceRoutes(app: Api, services: Services) {
  app.post(
    "/campaigns/:campaignId/self-evaluations/:organisationId/evidence",
    {
      schema: {
        tags,
        summary:
          "Upload one file (multipart: field indicatorCode, then the file); the type is sniffed from the content",
        params: z.strictObject({ campaignId: Id, organisationId: Id }),
        querystring: z.strictObject({ indicatorCode: z.string().min(1).max(64).optional() }),
        response: { 201: EvidenceView },
      },
    },
    async (request, reply) => {
      const part = await filePart(request);
      const field = part.fields.indicatorCode;
      const fromField =
        field !== undefined && !Array.isArray(field) && field.type === "field"
          ? String(field.value)
          : undefined;
      const indicatorCode = fromField ?? request.query.indicatorCode;
      if (indicatorCode === undefined || indicatorCode === "") {
        part.file.resume();
        throw new AppError("validation", [
          { path: "body.indicatorCode", message: "send indicatorCode before the file / 请指明指标" },
        ]);
      }
      const view = await consumeUpload(part, (upload) =>
        uploadEvidence(services, actorOf(request), request.params.campaignId, request.params.organisationId, {
          ...upload,
          indicatorCode,
        }),
      );
      return reply.code(201).send(view);
    },
  );

  app.get(
    "/evidence/:id",
    {
      schema: {
        tags,
        summary: "Download an evidence file (its sniffed type, its sanitised name)",
        params: IdParams,
      },
    },
    async (request, reply) =>
      sendStored(reply, await openEvidence(services, actorOf(request), request.params.id)),
  );

  app.delete(
    "/evidence/:id",
    {
      schema: {
        tags,
        summary: "Remove an evidence file while the self-evaluation is editable",
        params: IdParams,
      },
    },
    async (request, reply) => {
      await deleteEvidence(services, actorOf(request), request.params.id);
      return noContent(reply);
    },
  );
}
