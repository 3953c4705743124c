/**
 * A unit's evidence archive (电子化分类入盒) as a download: the unit's own people, the campaign's organisers and
 * viewers over the unit or the organiser. Reviewers and departments read parts of a self-evaluation, not the
 * whole box.
 */
import type { Readable } from "node:stream";
import type { Actor } from "../../access/actor.js";
import { holds } from "../../access/scope.js";
import { appendUnitArchive } from "../../archives/unit-archive.js";
import { zipStream } from "../../archives/zip-stream.js";
import type { Services } from "../../context.js";
import { forbidden } from "../../errors.js";
import { sanitiseFileName } from "../evidence/sanitise-file-name.js";
import {
  loadSelfEvaluation,
  type SelfEvaluationContext,
} from "../self-evaluations/self-evaluation-context.js";

export interface ArchiveDownload {
  fileName: string;
  content: Readable;
}

function requireArchiveReader(actor: Actor, ctx: SelfEvaluationContext): void {
  const { permissions, unit, campaign } = ctx;
  if (
    permissions.editAll ||
    permissions.organise ||
    holds(actor, ["viewer"], unit.path) ||
    holds(actor, ["viewer"], campaign.organiserPath)
  )
    return;
  throw forbidden("only the unit, the campaign's organisers and viewers download the archive");
}

export const unitFolderName = (unit: { code: string; name: string }): string =>
  sanitiseFileName(`${unit.code} ${unit.name}`);

/** Checks the actor first, so a refusal is an error response rather than a broken download. */
export async function unitArchive(
  services: Services,
  actor: Actor,
  campaignId: string,
  organisationId: string,
): Promise<ArchiveDownload> {
  const ctx = await loadSelfEvaluation(services.db, actor, campaignId, organisationId);
  requireArchiveReader(actor, ctx);
  const unit = {
    campaignId,
    scheme: ctx.campaign.scheme,
    organisationId,
    selfEvaluationId: ctx.evaluation.id,
  };
  return {
    fileName: `${unitFolderName(ctx.unit)}.zip`,
    content: zipStream((zip) => appendUnitArchive(services, actor, zip, unit)),
  };
}
