/**
 * 文书模板: an organiser's own .docx templates, one current template per organisation and document kind. The
 * organisers of the organisation or above it (and administrators) list, replace and remove them; a template is
 * checked against the kind's placeholders before it is kept, and its bytes go to the content-addressed storage.
 * Removing it brings the house style back for the organisation's campaigns.
 */
import { Readable } from "node:stream";
import type { Actor } from "../../access/actor.js";
import { authorOf } from "../../access/actor.js";
import { requireRole } from "../../access/scope.js";
import type { Services } from "../../context.js";
import { documentKind } from "../../documents/kinds.js";
import { checkTemplate } from "../../documents/templates/check-template.js";
import type { DocumentTemplate } from "../../documents/templates/read-template.js";
import { AppError, notFound } from "../../errors.js";
import { write } from "../../write.js";
import { sanitiseFileName } from "../evidence/sanitise-file-name.js";

export interface DocumentTemplateView {
  organisationId: string;
  kind: string;
  kindName: string;
  fileName: string;
  size: number;
  sha256: string;
  uploadedBy: string | null;
  uploadedAt: string;
}

const present = (t: DocumentTemplate): DocumentTemplateView => ({
  organisationId: t.organisation_id,
  kind: t.kind,
  kindName: documentKind(t.kind).zh,
  fileName: t.file_name,
  size: Number(t.size),
  sha256: t.sha256,
  uploadedBy: t.uploaded_by,
  uploadedAt: new Date(t.uploaded_at).toISOString(),
});

export async function listDocumentTemplates(
  services: Services,
  actor: Actor,
  organisationId: string,
): Promise<DocumentTemplateView[]> {
  await requireRole(services.db, actor, ["organiser"], organisationId);
  const rows = await services.db
    .selectFrom("document_templates")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .orderBy("kind")
    .execute();
  return rows.map(present);
}

/** Reads an upload whole (templates are small) and refuses more than the upload limit. */
async function readUpload(content: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of content) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) break;
    chunks.push(chunk as Buffer);
  }
  if (size > maxBytes || (content as { truncated?: boolean }).truncated === true)
    throw new AppError("payload_too_large", [
      { path: "file", message: `larger than ${maxBytes} bytes / 文件过大` },
    ]);
  return Buffer.concat(chunks);
}

export async function putDocumentTemplate(
  services: Services,
  actor: Actor,
  organisationId: string,
  kindCode: string,
  upload: { fileName: string; content: Readable },
): Promise<DocumentTemplateView> {
  await requireRole(services.db, actor, ["organiser"], organisationId);
  const kind = documentKind(kindCode);
  const bytes = await readUpload(upload.content, services.config.maxUploadBytes);
  checkTemplate(bytes, kind);
  const stored = await services.storage.put(Readable.from([bytes]), services.config.maxUploadBytes);
  const row = await write(services, authorOf(actor), async (w) => {
    const values = {
      sha256: stored.sha256,
      size: stored.size,
      file_name: sanitiseFileName(upload.fileName),
      uploaded_by: actor.userId,
      uploaded_at: w.now,
    };
    const before = await w.trx
      .selectFrom("document_templates")
      .select(["file_name", "sha256"])
      .where("organisation_id", "=", organisationId)
      .where("kind", "=", kind.code)
      .forUpdate()
      .executeTakeFirst();
    const saved = await w.trx
      .insertInto("document_templates")
      .values({ organisation_id: organisationId, kind: kind.code, ...values })
      .onConflict((oc) => oc.columns(["organisation_id", "kind"]).doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
    await w.audit({
      action: "document_template.saved",
      entityType: "document_template",
      entityId: `${organisationId}/${kind.code}`,
      organisationId,
      before: before ?? null,
      after: { file_name: saved.file_name, sha256: saved.sha256 },
    });
    return saved;
  });
  return present(row);
}

export async function deleteDocumentTemplate(
  services: Services,
  actor: Actor,
  organisationId: string,
  kindCode: string,
): Promise<void> {
  await requireRole(services.db, actor, ["organiser"], organisationId);
  const kind = documentKind(kindCode);
  await write(services, authorOf(actor), async (w) => {
    const removed = await w.trx
      .deleteFrom("document_templates")
      .where("organisation_id", "=", organisationId)
      .where("kind", "=", kind.code)
      .returning(["file_name", "sha256"])
      .executeTakeFirst();
    if (removed === undefined) throw notFound("document template");
    await w.audit({
      action: "document_template.deleted",
      entityType: "document_template",
      entityId: `${organisationId}/${kind.code}`,
      organisationId,
      before: removed,
    });
  });
}
