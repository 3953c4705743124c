/** Generated Word documents (文书) and organisations' own templates for them. */
import { z } from "zod";
import type { Services } from "../../context.js";
import { renderDocument } from "../../documents/render-document.js";
import { type Api, actorOf, Id, noContent } from "../../http/api.js";
import { consumeUpload, filePart } from "../evidence/file-transfer.js";
import { contentDisposition } from "../evidence/sanitise-file-name.js";
import { listDocumentKinds, starterTemplateFor } from "./document-kinds.js";
import { deleteDocumentTemplate, listDocumentTemplates, putDocumentTemplate } from "./document-templates.js";

const tags = ["documents"];
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const Kind = z.string().regex(/^[a-z_]{1,64}$/);

const DocumentKindView = z.object({
  code: z.string(),
  zh: z.string(),
  en: z.string(),
  scope: z.enum(["unit", "campaign"]),
  placeholders: z.array(
    z.object({
      path: z.string(),
      field: z.string(),
      type: z.enum(["text", "number", "boolean", "list"]),
      description: z.string(),
    }),
  ),
});

const DocumentTemplateView = z.object({
  organisationId: z.string(),
  kind: z.string(),
  kindName: z.string(),
  fileName: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.string().nullable(),
  uploadedAt: z.string(),
});

const TemplateParams = z.strictObject({ organisationId: Id, kind: Kind });

export async function documentRoutes(app: Api, services: Services) {
  app.get(
    "/document-kinds",
    {
      schema: {
        tags,
        summary: "The kinds of Word document (文书) with their scope and the placeholders a template may use",
        response: { 200: z.array(DocumentKindView) },
      },
    },
    async (request) => {
      actorOf(request);
      return listDocumentKinds();
    },
  );

  app.get(
    "/document-kinds/:kind/starter-template",
    {
      schema: {
        tags,
        summary: "A starter .docx template using every placeholder of the kind (organisers, administrators)",
        params: z.strictObject({ kind: Kind }),
      },
    },
    async (request, reply) => {
      const file = await starterTemplateFor(actorOf(request), request.params.kind);
      return reply
        .type(DOCX)
        .header("content-disposition", contentDisposition(file.fileName))
        .send(file.content);
    },
  );

  app.get(
    "/organisations/:organisationId/document-templates",
    {
      schema: {
        tags,
        summary: "The organisation's own document templates (organisers of it or above, administrators)",
        params: z.strictObject({ organisationId: Id }),
        response: { 200: z.array(DocumentTemplateView) },
      },
    },
    async (request) => listDocumentTemplates(services, actorOf(request), request.params.organisationId),
  );

  app.put(
    "/organisations/:organisationId/document-templates/:kind",
    {
      schema: {
        tags,
        summary:
          "Upload the organisation's .docx template for a kind (multipart file); placeholders are checked, 422 names those at fault",
        params: TemplateParams,
        response: { 200: DocumentTemplateView },
      },
    },
    async (request) =>
      consumeUpload(await filePart(request), (upload) =>
        putDocumentTemplate(
          services,
          actorOf(request),
          request.params.organisationId,
          request.params.kind,
          upload,
        ),
      ),
  );

  app.delete(
    "/organisations/:organisationId/document-templates/:kind",
    {
      schema: {
        tags,
        summary: "Remove the organisation's template for a kind: its documents go back to the house style",
        params: TemplateParams,
      },
    },
    async (request, reply) => {
      await deleteDocumentTemplate(
        services,
        actorOf(request),
        request.params.organisationId,
        request.params.kind,
      );
      return noContent(reply);
    },
  );

  app.get(
    "/campaigns/:campaignId/documents/:kind",
    {
      schema: {
        tags,
        summary:
          "A generated Word document of the campaign (unit kinds need organisationId), in the organiser's template or the house style",
        params: z.strictObject({ campaignId: Id, kind: Kind }),
        querystring: z.strictObject({ organisationId: Id.optional() }),
      },
    },
    async (request, reply) => {
      const file = await renderDocument(
        services,
        actorOf(request),
        request.params.kind,
        request.params.campaignId,
        request.query.organisationId ?? null,
      );
      return reply
        .type(DOCX)
        .header("content-disposition", contentDisposition(file.fileName))
        .send(file.content);
    },
  );
}
