/**
 * 整改佐证材料: files a unit attaches to an item before reporting it done, kept in the same content-addressed store
 * as self-evaluation evidence (evidence_blobs), with the same sniffing, size limit and sanitised names. Files can be
 * added while the item is being rectified; anyone who may read the item may download them.
 */
import { isOpenRectification } from "@kaoping/core";
import type { Actor } from "../../access/actor.js";
import { authorOf } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { AppError, notFound } from "../../errors.js";
import { write } from "../../write.js";
import {
  type EvidenceDownload,
  linkedFileView,
  openStored,
  recordBlob,
  storeUpload,
  type Upload,
  uploadLink,
} from "../evidence/evidence-blobs.js";
import type { ItemEvidence } from "./read-items.js";
import { loadItem, requireItemReader, requireUnitOrOrganiser } from "./rectification-item.js";

export async function uploadRectificationEvidence(
  services: Services,
  actor: Actor,
  itemId: string,
  upload: Upload,
): Promise<ItemEvidence> {
  const item = await loadItem(services.db, itemId);
  requireUnitOrOrganiser(actor, item);
  if (!isOpenRectification(item.row.status))
    throw new AppError("locked", [{ path: "status", message: `the item is ${item.row.status}` }], {
      zh: "只有待整改或整改中的事项可以上传佐证材料",
      en: "Evidence can be added only while the item is being rectified",
    });
  const stored = await storeUpload(services, upload);
  return write(services, authorOf(actor), async (w) => {
    const blob = await recordBlob(w.trx, stored);
    const file = await w.trx
      .insertInto("rectification_evidence")
      .values({
        item_id: itemId,
        ...uploadLink(stored, actor.userId, w.now),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const view: ItemEvidence = linkedFileView({ ...blob, ...file });
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
): Promise<EvidenceDownload> {
  const row = await services.db
    .selectFrom("rectification_evidence as e")
    .innerJoin("evidence_blobs as b", "b.sha256", "e.sha256")
    .select(["e.item_id", "e.original_name", "e.sha256", "b.size", "b.content_type"])
    .where("e.id", "=", id)
    .executeTakeFirst();
  if (row === undefined) throw notFound("evidence");
  requireItemReader(actor, await loadItem(services.db, row.item_id));
  return openStored(services, row);
}
