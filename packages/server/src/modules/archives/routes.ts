/** Evidence archives (电子化分类入盒): a unit's or a whole campaign's, streamed as a ZIP. */
import type { FastifyReply } from "fastify";
import { z } from "zod";
import type { Services } from "../../context.js";
import { type Api, actorOf, Id } from "../../http/api.js";
import { contentDisposition } from "../evidence/sanitise-file-name.js";
import { campaignArchive } from "./campaign-archive.js";
import { type ArchiveDownload, unitArchive } from "./unit-archive.js";

const tags = ["archives"];

const sendZip = (reply: FastifyReply, download: ArchiveDownload) =>
  reply
    .type("application/zip")
    .header("content-disposition", contentDisposition(download.fileName))
    .header("x-content-type-options", "nosniff")
    .send(download.content);

export async function archiveRoutes(app: Api, services: Services) {
  app.get(
    "/campaigns/:campaignId/self-evaluations/:organisationId/archive",
    {
      schema: {
        tags,
        summary:
          "A unit's evidence archive (ZIP, streamed): a folder per indicator with its files, 资料目录.xlsx and 自评报告.docx",
        params: z.strictObject({ campaignId: Id, organisationId: Id }),
      },
    },
    async (request, reply) => {
      const { campaignId, organisationId } = request.params;
      return sendZip(reply, await unitArchive(services, actorOf(request), campaignId, organisationId));
    },
  );

  app.get(
    "/campaigns/:campaignId/archive",
    {
      schema: {
        tags,
        summary:
          "A campaign's evidence archive (ZIP, streamed): a folder per evaluated unit with its archive",
        params: z.strictObject({ campaignId: Id }),
      },
    },
    async (request, reply) =>
      sendZip(reply, await campaignArchive(services, actorOf(request), request.params.campaignId)),
  );
}
