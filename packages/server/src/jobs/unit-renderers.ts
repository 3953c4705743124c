/** What a job makes for one unit: a Word document of the job's kind, or the unit's evidence archive. */
import type { Readable } from "node:stream";
import type { Actor } from "../access/actor.js";
import type { Services } from "../context.js";
import { renderDocument } from "../documents/render-document.js";
import { unitArchive } from "../modules/archives/unit-archive.js";
import { sanitiseFileName } from "../modules/evidence/sanitise-file-name.js";
import type { ClaimedJob } from "./queue.js";

export interface UnitOutput {
  /** The file's name in the job's result; unique among the job's units. */
  fileName: string;
  content: Readable | Buffer;
}

export type UnitRenderer = (job: ClaimedJob, actor: Actor, organisationId: string) => Promise<UnitOutput>;

export function unitRenderer(services: Services): UnitRenderer {
  return async (job, actor, organisationId) => {
    if (job.kind === "archives") return unitArchive(services, actor, job.campaignId, organisationId);
    const document = await renderDocument(
      services,
      actor,
      job.documentKind ?? "",
      job.campaignId,
      organisationId,
    );
    const name = sanitiseFileName(document.fileName);
    return { fileName: name.endsWith(".docx") ? name : `${name}.docx`, content: document.content };
  };
}
