/**
 * 整改佐证材料: files a unit attaches to an item before reporting it done, kept in the same content-addressed store
 * as self-evaluation evidence (evidence_blobs), with the same sniffing, size limit and sanitised names. Files can be
 * added while the item is being rectified; anyone who may read the item may download them.
 */
import type { Readable } from "node:stream";
import { isOpenRectification } from "@kaoping/core";
import type { Actor } from "../../access/actor.js";
import { authorOf } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { AppError, notFound } from "../../errors.js";
import { write } from "../../write.js";
import { sanitiseFileName } from "../evidence/sanitise-file-name.js";
import { sniffContentType } from "../evidence/sniff-content-type.js";
import type { ItemEvidence } from "./read-items.js";
import { loadItem, requireItemReader, requireUnitOrOrganiser } from "./rectification-item.js";

export async function uploadRectificationEvidence(
  services: Services,
  actor: Actor,
  itemId: string,
  upload: { fileName: string; content: Readable },
): Promise<ItemEvidence> {
  const item = await loadItem(services.db, itemId);
  requireUnitOrOrganiser(actor, item);
  if (!isOpenRectification(item.row.status))
    throw new AppError("locked", [{ path: "status", message: `the item is ${item.row.status}` }], {
      zh: "只有待整改或整改中的事项可以上传佐证材料",
      en: "Evidence can be added only while the item is being rectified",
    });
  const name = sanitiseFileName(upload.fileName);
  let contentType = "";
  const stored = await services.storage.put(upload.content, services.config.maxUploadBytes, async (head) => {
    if ((upload.content as { truncated?: boolean }).truncated === true)
      throw new AppError("payload_too_large", [
        { path: "file", message: `larger than ${services.config.maxUploadBytes} bytes / 文件过大` },
      ]);
    contentType = await sniffContentType(head, name);
  });
  return write(services, authorOf(actor), async (w) => {
    await w.trx
      .insertInto("evidence_blobs")
      .values({ sha256: stored.sha256, size: stored.size, content_type: contentType })
      .onConflict((oc) => oc.column("sha256").doNothing())
      .execute();
    const blob = await w.trx
      .selectFrom("evidence_blobs")
      .selectAll()
      .where("sha256", "=", stored.sha256)
      .executeTakeFirstOrThrow();
    const file = await w.trx
      .insertInto("rectification_evidence")
      .values({
        item_id: itemId,
        sha256: stored.sha256,
        original_name: name,
        uploaded_by: actor.userId,
        uploaded_at: w.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const view: ItemEvidence = {
      id: file.id,
      name: file.original_name,
      contentType: blob.content_type,
      size: Number(blob.size),
      uploadedAt: new Date(file.uploaded_at).toISOString(),
    };
    await w.audit({
      action: "rectification.evidence_uploaded",
      entityType: "rectification_item",
      entityId: itemId,
      organisationId: item.row.organisation_id,
      campaignId: item.row.campaign_id,
      after: { ...view, sha256: blob.sha256, suppliedName: upload.fileName },
    });
    return view;
  });
}

export async function openRectificationEvidence(
  services: Services,
  actor: Actor,
  id: string,
): Promise<{ name: string; contentType: string; size: number; content: Readable }> {
  const row = await services.db
    .selectFrom("rectification_evidence as e")
    .innerJoin("evidence_blobs as b", "b.sha256", "e.sha256")
    .select(["e.item_id", "e.original_name", "e.sha256", "b.size", "b.content_type"])
    .where("e.id", "=", id)
    .executeTakeFirst();
  if (row === undefined) throw notFound("evidence");
  requireItemReader(actor, await loadItem(services.db, row.item_id));
  return {
    name: row.original_name,
    contentType: row.content_type,
    size: Number(row.size),
    content: await services.storage.get(row.sha256),
  };
}
