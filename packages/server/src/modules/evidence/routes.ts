/** Evidence files (佐证材料): upload to a self-evaluation's indicator, download, delete. */
import { z } from "zod";
import type { Services } from "../../context.js";
import { AppError } from "../../errors.js";
import { type Api, actorOf, Id, IdParams, noContent } from "../../http/api.js";
import { EvidenceView } from "../self-evaluations/read-self-evaluation.js";
import { deleteEvidence, openEvidence, uploadEvidence } from "./evidence-files.js";
import { contentDisposition } from "./sanitise-file-name.js";

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
      const part = await request.file();
      if (part === undefined)
        throw new AppError("validation", [
          { path: "body.file", message: "no file in the upload / 未选择文件" },
        ]);
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
      try {
        const view = await uploadEvidence(
          services,
          actorOf(request),
          request.params.campaignId,
          request.params.organisationId,
          { indicatorCode, fileName: part.filename, content: part.file },
        );
        return reply.code(201).send(view);
      } finally {
        // Whatever was refused before the bytes were read is drained, so the request ends cleanly.
        part.file.resume();
      }
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
    async (request, reply) => {
      const file = await openEvidence(services, actorOf(request), request.params.id);
      return reply
        .type(file.contentType)
        .header("content-length", file.size)
        .header("content-disposition", contentDisposition(file.name))
        .header("x-content-type-options", "nosniff")
        .send(file.content);
    },
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
