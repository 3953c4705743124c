/**
 * Excel round trips and exports: a unit's offline self-evaluation workbook and its base-data tables' workbooks
 * (download and import), a grading run's ranking and a campaign's score matrix.
 */
import type { Readable } from "node:stream";
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Services } from "../../context.js";
import { AppError } from "../../errors.js";
import { type Api, actorOf, Id, IdParams } from "../../http/api.js";
import { filePart } from "../evidence/file-transfer.js";
import { contentDisposition } from "../evidence/sanitise-file-name.js";
import { exportSelfEvaluationWorkbook } from "./export-self-evaluation-workbook.js";
import { importSelfEvaluationWorkbook } from "./import-self-evaluation-workbook.js";
import { exportRanking, exportScoreMatrix } from "./result-exports.js";
import { exportTableWorkbook, importTableWorkbook } from "./table-workbooks.js";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const tags = ["workbooks"];
const Params = z.strictObject({ campaignId: Id, organisationId: Id });
const TableParams = Params.extend({ tableCode: z.string().min(1).max(64) });
const BASE = "/campaigns/:campaignId/self-evaluations/:organisationId";

function sendWorkbook(reply: FastifyReply, file: { name: string; content: Buffer | Readable }) {
  return reply.type(XLSX).header("content-disposition", contentDisposition(file.name)).send(file.content);
}

/** The uploaded file's stream (multipart, field "file"); whatever is not read is drained when the request ends. */
async function uploadedFile(request: FastifyRequest): Promise<Readable> {
  return (await filePart(request)).file;
}

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  if ((stream as { truncated?: boolean }).truncated === true)
    throw new AppError("payload_too_large", [{ path: "file", message: "the file is too large / 文件过大" }]);
  return Buffer.concat(chunks);
}

const ImportSummary = z.object({
  itemsChanged: z.array(z.string()),
  itemsUnchanged: z.number().int(),
  dataChanged: z.boolean(),
  tablesChanged: z.array(z.string()),
  tablesUnchanged: z.number().int(),
});

const TableImportSummary = z.object({
  tableCode: z.string(),
  rows: z.number().int(),
  rowsWritten: z.number().int(),
  rowsDeleted: z.number().int(),
  rowsUnchanged: z.number().int(),
  version: z.number().int(),
});

export async function workbookRoutes(app: Api, services: Services) {
  app.get(
    `${BASE}/workbook`,
    {
      schema: {
        tags,
        summary: "自评离线填报表: the unit's offline self-evaluation workbook (xlsx) with its current values",
        params: Params,
      },
    },
    async (request, reply) => {
      const { campaignId, organisationId } = request.params;
      return sendWorkbook(
        reply,
        await exportSelfEvaluationWorkbook(services, actorOf(request), campaignId, organisationId),
      );
    },
  );

  app.post(
    `${BASE}/workbook`,
    {
      schema: {
        tags,
        summary:
          "Import the offline self-evaluation workbook (multipart file): all or nothing, 422 with every located problem",
        params: Params,
        response: { 200: ImportSummary },
      },
    },
    async (request) => {
      const { campaignId, organisationId } = request.params;
      const content = await bytesOf(await uploadedFile(request));
      return importSelfEvaluationWorkbook(services, actorOf(request), campaignId, organisationId, content);
    },
  );

  app.get(
    `${BASE}/tables/:tableCode/workbook`,
    {
      schema: {
        tags,
        summary: "A base-data table's workbook (xlsx template with its current rows), streamed",
        params: TableParams,
      },
    },
    async (request, reply) => {
      const { campaignId, organisationId, tableCode } = request.params;
      return sendWorkbook(
        reply,
        await exportTableWorkbook(services, actorOf(request), campaignId, organisationId, tableCode),
      );
    },
  );

  app.post(
    `${BASE}/tables/:tableCode/workbook`,
    {
      schema: {
        tags,
        summary: "Import a base-data table's workbook (multipart file), streamed row by row; all or nothing",
        params: TableParams,
        response: { 200: TableImportSummary },
      },
    },
    async (request) => {
      const { campaignId, organisationId, tableCode } = request.params;
      const file = await uploadedFile(request);
      try {
        return await importTableWorkbook(
          services,
          actorOf(request),
          campaignId,
          organisationId,
          tableCode,
          file,
        );
      } finally {
        file.resume();
      }
    },
  );

  app.get(
    "/grading-runs/:id/ranking.xlsx",
    {
      schema: { tags, summary: "排名表: a grading run's ranking as a workbook", params: IdParams },
    },
    async (request, reply) =>
      sendWorkbook(reply, await exportRanking(services, actorOf(request), request.params.id)),
  );

  app.get(
    "/campaigns/:id/scores.xlsx",
    {
      schema: {
        tags,
        summary: "得分矩阵: the latest run's scores, units × leaf indicators with first-level subtotals",
        params: IdParams,
      },
    },
    async (request, reply) =>
      sendWorkbook(reply, await exportScoreMatrix(services, actorOf(request), request.params.id)),
  );
}
