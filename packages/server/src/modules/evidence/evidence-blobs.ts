/**
 * The content-addressed store behind every evidence file, a self-evaluation's (佐证材料) or a rectification item's
 * (整改佐证材料): an upload streamed in under the size limit with its type sniffed from the bytes, its blob
 * recorded once by SHA-256, and a stored file opened for download. What links a blob to its owner is the caller's.
 */
import type { Readable } from "node:stream";
import type { Selectable } from "kysely";
import type { Services } from "../../context.js";
import type { EvidenceBlobTable } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import type { Trx } from "../../write.js";
import { sanitiseFileName } from "./sanitise-file-name.js";
import { sniffContentType } from "./sniff-content-type.js";

export interface Upload {
  fileName: string;
  content: Readable;
}

/** An upload in the store: its sanitised name, its bytes' hash and size, the type sniffed from them. */
export interface StoredUpload {
  name: string;
  sha256: string;
  size: number;
  contentType: string;
}

/** A stored file ready to send: its name, type, size and bytes. */
export interface EvidenceDownload {
  name: string;
  contentType: string;
  size: number;
  content: Readable;
}

/** Streams the upload into the store; one too large, or of a refused type, leaves nothing behind. */
export async function storeUpload(services: Services, upload: Upload): Promise<StoredUpload> {
  const name = sanitiseFileName(upload.fileName);
  let contentType = "";
  const stored = await services.storage.put(upload.content, services.config.maxUploadBytes, async (head) => {
    // The multipart parser stops at the limit and marks the stream truncated rather than failing it.
    if ((upload.content as { truncated?: boolean }).truncated === true)
      throw new AppError("payload_too_large", [
        { path: "file", message: `larger than ${services.config.maxUploadBytes} bytes / 文件过大` },
      ]);
    contentType = await sniffContentType(head, name);
  });
  return { name, sha256: stored.sha256, size: stored.size, contentType };
}

/** The blob of the stored bytes, recorded by the first upload of them: identical files keep its type. */
export async function recordBlob(trx: Trx, stored: StoredUpload): Promise<Selectable<EvidenceBlobTable>> {
  await trx
    .insertInto("evidence_blobs")
    .values({ sha256: stored.sha256, size: stored.size, content_type: stored.contentType })
    .onConflict((oc) => oc.column("sha256").doNothing())
    .execute();
  return trx
    .selectFrom("evidence_blobs")
    .selectAll()
    .where("sha256", "=", stored.sha256)
    .executeTakeFirstOrThrow();
}

/** The columns of every link to a stored upload: the blob, the name it came with, who uploaded it and when. */
export const uploadLink = (stored: StoredUpload, userId: string, now: Date) => ({
  sha256: stored.sha256,
  original_name: stored.name,
  uploaded_by: userId,
  uploaded_at: now,
});

/** How a linked file is shown: the link's id, name and time with its blob's type and size. */
export const linkedFileView = (file: {
  id: string;
  original_name: string;
  uploaded_at: Date | string;
  content_type: string;
  size: number;
}) => ({
  id: file.id,
  name: file.original_name,
  contentType: file.content_type,
  size: Number(file.size),
  uploadedAt: new Date(file.uploaded_at).toISOString(),
});

/** Opens a file linked to a blob, under the name it was uploaded with. */
export async function openStored(
  services: Services,
  file: Pick<Selectable<EvidenceBlobTable>, "sha256" | "size" | "content_type"> & { original_name: string },
): Promise<EvidenceDownload> {
  return {
    name: file.original_name,
    contentType: file.content_type,
    // The column is a bigint, which the driver may hand over as a string.
    size: Number(file.size),
    content: await services.storage.get(file.sha256),
  };
}
