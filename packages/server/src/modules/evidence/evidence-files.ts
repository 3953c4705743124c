/**
 * 佐证材料: files attached to a self-evaluation's indicators. The bytes go to the content-addressed store (identical
 * files are kept once, by SHA-256, in evidence_blobs); the link keeps the indicator and the sanitised original
 * name. The content type is sniffed from the bytes, the size limit enforced while streaming; a refused upload
 * leaves nothing behind. Anyone who may see the self-evaluation (reviewers assigned to the unit included) may
 * download; those who may edit the indicator may upload and delete while the self-evaluation is editable.
 */
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
import {
  type EvidenceDownload,
  linkedFileView,
  openStored,
  recordBlob,
  storeUpload,
  type Upload,
  uploadLink,
} from "./evidence-blobs.js";

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
  upload: Upload & { indicatorCode: string },
): Promise<EvidenceView> {
  const ctx = await loadSelfEvaluation(services.db, actor, campaignId, organisationId);
  requireIndicator(ctx, upload.indicatorCode);
  requireEdit(ctx, upload.indicatorCode);
  requireEditable(ctx);
  const stored = await storeUpload(services, upload);
  return write(services, authorOf(actor), async (w) => {
    await lockEditable(w.trx, ctx);
    const blob = await recordBlob(w.trx, stored);
    const file = await w.trx
      .insertInto("evidence_files")
      .values({
        self_evaluation_id: ctx.evaluation.id,
        indicator_code: upload.indicatorCode,
        ...uploadLink(stored, actor.userId, w.now),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const view: EvidenceView = {
      ...linkedFileView({ ...blob, ...file }),
      indicatorCode: file.indicator_code,
      sha256: blob.sha256,
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

export async function openEvidence(services: Services, actor: Actor, id: string): Promise<EvidenceDownload> {
  const { row } = await loadFile(services, actor, id);
  return openStored(services, row);
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
