/**
 * 佐证材料: files attached to a self-evaluation's indicators. The bytes go to the content-addressed store (identical
 * files are kept once, by SHA-256, in evidence_blobs); the link keeps the indicator and the sanitised original
 * name. The content type is sniffed from the bytes, the size limit enforced while streaming; a refused upload
 * leaves nothing behind. Anyone who may see the self-evaluation (reviewers assigned to the unit included) may
 * download; those who may edit the indicator may upload and delete while the self-evaluation is editable.
 */
import type { Readable } from "node:stream";
import type { Actor } from "../../access/actor.js";
import { authorOf } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { AppError, notFound } from "../../errors.js";
import { write } from "../../write.js";
import type { EvidenceView } from "../self-evaluations/read-self-evaluation.js";
import {
  auditScope,
  loadSelfEvaluation,
  lockEditable,
  requireEdit,
  requireEditable,
  type SelfEvaluationContext,
  unitMask,
} from "../self-evaluations/self-evaluation-context.js";
import { sanitiseFileName } from "./sanitise-file-name.js";
import { sniffContentType } from "./sniff-content-type.js";

function requireIndicator(ctx: SelfEvaluationContext, indicatorCode: string): void {
  const plan = ctx.campaign.scheme;
  const index = plan.byCode.get(indicatorCode);
  if (index === undefined || unitMask(plan, ctx.unit.category)[index] !== 1)
    throw new AppError("validation", [
      { path: "indicatorCode", message: `no indicator ${indicatorCode} for this unit / 无此指标` },
    ]);
}

export async function uploadEvidence(
  services: Services,
  actor: Actor,
  campaignId: string,
  organisationId: string,
  upload: { indicatorCode: string; fileName: string; content: Readable },
): Promise<EvidenceView> {
  const ctx = await loadSelfEvaluation(services.db, actor, campaignId, organisationId);
  requireIndicator(ctx, upload.indicatorCode);
  requireEdit(ctx, upload.indicatorCode);
  requireEditable(ctx);
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
  return write(services, authorOf(actor), async (w) => {
    await lockEditable(w.trx, ctx);
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
      .insertInto("evidence_files")
      .values({
        self_evaluation_id: ctx.evaluation.id,
        indicator_code: upload.indicatorCode,
        sha256: stored.sha256,
        original_name: name,
        uploaded_by: actor.userId,
        uploaded_at: w.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const view: EvidenceView = {
      id: file.id,
      indicatorCode: file.indicator_code,
      name: file.original_name,
      contentType: blob.content_type,
      size: Number(blob.size),
      sha256: blob.sha256,
      uploadedAt: new Date(file.uploaded_at).toISOString(),
    };
    await w.audit({
      action: "evidence.uploaded",
      entityType: "evidence_file",
      entityId: file.id,
      ...auditScope(ctx),
      after: { ...view, suppliedName: upload.fileName },
    });
    return view;
  });
}

async function loadFile(services: Services, actor: Actor, id: string) {
  const row = await services.db
    .selectFrom("evidence_files")
    .innerJoin("self_evaluations", "self_evaluations.id", "evidence_files.self_evaluation_id")
    .innerJoin("evidence_blobs", "evidence_blobs.sha256", "evidence_files.sha256")
    .select([
      "evidence_files.id",
      "evidence_files.indicator_code",
      "evidence_files.original_name",
      "evidence_files.sha256",
      "evidence_blobs.size",
      "evidence_blobs.content_type",
      "self_evaluations.campaign_id",
      "self_evaluations.organisation_id",
    ])
    .where("evidence_files.id", "=", id)
    .executeTakeFirst();
  if (row === undefined) throw notFound("evidence");
  const ctx = await loadSelfEvaluation(services.db, actor, row.campaign_id, row.organisation_id);
  return { row, ctx };
}

export async function openEvidence(
  services: Services,
  actor: Actor,
  id: string,
): Promise<{ name: string; contentType: string; size: number; content: Readable }> {
  const { row } = await loadFile(services, actor, id);
  return {
    name: row.original_name,
    contentType: row.content_type,
    size: Number(row.size),
    content: await services.storage.get(row.sha256),
  };
}

export async function deleteEvidence(services: Services, actor: Actor, id: string): Promise<void> {
  const { row, ctx } = await loadFile(services, actor, id);
  requireEdit(ctx, row.indicator_code);
  requireEditable(ctx);
  await write(services, authorOf(actor), async (w) => {
    await lockEditable(w.trx, ctx);
    await w.trx.deleteFrom("evidence_files").where("id", "=", id).execute();
    await w.audit({
      action: "evidence.deleted",
      entityType: "evidence_file",
      entityId: id,
      ...auditScope(ctx),
      before: { indicatorCode: row.indicator_code, name: row.original_name, sha256: row.sha256 },
    });
  });
}
