/** Evidence written straight to the storage and the database, as an upload leaves it, for archive tests. */
import { Readable } from "node:stream";
import type { Services } from "../../context.js";

export async function seedEvidence(
  services: Services,
  input: {
    campaignId: string;
    organisationId: string;
    indicatorCode: string;
    name: string;
    content: Buffer | (() => Readable);
    contentType?: string;
    uploadedBy?: string | null;
    uploadedAt?: Date;
  },
): Promise<string> {
  const stream = Buffer.isBuffer(input.content) ? Readable.from([input.content]) : input.content();
  const stored = await services.storage.put(stream, Number.MAX_SAFE_INTEGER);
  const evaluation = await services.db
    .selectFrom("self_evaluations")
    .select("id")
    .where("campaign_id", "=", input.campaignId)
    .where("organisation_id", "=", input.organisationId)
    .executeTakeFirstOrThrow();
  await services.db
    .insertInto("evidence_blobs")
    .values({
      sha256: stored.sha256,
      size: stored.size,
      content_type: input.contentType ?? "application/pdf",
    })
    .onConflict((oc) => oc.column("sha256").doNothing())
    .execute();
  await services.db
    .insertInto("evidence_files")
    .values({
      self_evaluation_id: evaluation.id,
      indicator_code: input.indicatorCode,
      sha256: stored.sha256,
      original_name: input.name,
      uploaded_by: input.uploadedBy ?? null,
      uploaded_at: input.uploadedAt ?? services.clock.now(),
    })
    .execute();
  return stored.sha256;
}
