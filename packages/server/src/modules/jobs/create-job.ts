/**
 * Queues a batch job (批量任务) over a campaign's units: every evaluated unit, or the ones named. The units are
 * written as the job's items in one insert-select, so a job of 12,000 units never passes through memory; the
 * worker is woken to start it. Audited like every write.
 */
import { sql } from "kysely";
import type { Actor } from "../../access/actor.js";
import { authorOf } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { documentKind } from "../../documents/kinds.js";
import { AppError, invalid } from "../../errors.js";
import { write } from "../../write.js";
import { loadCampaign, requireOrganiser } from "../campaigns/campaign-context.js";
import { type JobView, presentJob } from "./present-job.js";

export type NewJob =
  | { kind: "documents"; documentKind: string; organisationIds?: string[] | undefined }
  | { kind: "archives"; organisationIds?: string[] | undefined };

function requireUnitDocument(code: string): void {
  try {
    if (documentKind(code).scope === "unit") return;
  } catch {
    // Unknown kinds are refused below with the same message.
  }
  throw invalid("body.documentKind", `${code}: not a document made per unit / 不是按单位生成的文书`);
}

async function requireUnits(services: Services, campaignId: string, ids: readonly string[]): Promise<void> {
  const found = await services.db
    .selectFrom("campaign_units")
    .select("organisation_id")
    .where("campaign_id", "=", campaignId)
    .where("organisation_id", "in", ids)
    .execute();
  const known = new Set(found.map((r) => r.organisation_id));
  const missing = ids.flatMap((id, i) =>
    known.has(id)
      ? []
      : [
          {
            path: `body.organisationIds.${i}`,
            message: `${id} is not a unit of this campaign / 不是本次考评的单位`,
          },
        ],
  );
  if (missing.length > 0) throw new AppError("validation", missing);
}

export async function createJob(
  services: Services,
  actor: Actor,
  campaignId: string,
  input: NewJob,
): Promise<JobView> {
  const campaign = await loadCampaign(services.db, campaignId);
  requireOrganiser(actor, campaign);
  if (input.kind === "documents") requireUnitDocument(input.documentKind);
  const chosen = input.organisationIds === undefined ? undefined : [...new Set(input.organisationIds)];
  if (chosen !== undefined) {
    if (chosen.length === 0)
      throw invalid("body.organisationIds", "name at least one unit / 请至少选择一个单位");
    await requireUnits(services, campaignId, chosen);
  }
  const job = await write(services, authorOf(actor), async (w) => {
    const row = await w.trx
      .insertInto("jobs")
      .values({
        campaign_id: campaignId,
        kind: input.kind,
        document_kind: input.kind === "documents" ? input.documentKind : null,
        total: 0,
        created_by: actor.userId,
        created_at: w.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    let units = w.trx
      .selectFrom("campaign_units")
      .innerJoin("organisations", "organisations.id", "campaign_units.organisation_id")
      .select([
        sql<string>`${row.id}::uuid`.as("job_id"),
        sql<number>`row_number() over (order by organisations.code, organisations.id)::int`.as("position"),
        "campaign_units.organisation_id",
      ])
      .where("campaign_units.campaign_id", "=", campaignId);
    units =
      chosen === undefined
        ? units.where("campaign_units.role", "=", "evaluated")
        : units.where("campaign_units.organisation_id", "in", chosen);
    const inserted = await w.trx
      .insertInto("job_items")
      .columns(["job_id", "position", "organisation_id"])
      .expression(units)
      .executeTakeFirst();
    const total = Number(inserted.numInsertedOrUpdatedRows ?? 0n);
    if (total === 0) throw invalid("body.organisationIds", "the campaign has no units / 本次考评没有单位");
    const created = await w.trx
      .updateTable("jobs")
      .set({ total })
      .where("id", "=", row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await w.audit({
      action: "job.created",
      entityType: "job",
      entityId: row.id,
      organisationId: campaign.organiserId,
      campaignId,
      after: {
        kind: input.kind,
        documentKind: created.document_kind,
        total,
        organisationIds: chosen ?? "all",
      },
    });
    return created;
  });
  return presentJob(services.db, job);
}
