/**
 * 抽签: the reproducible draw of units for site visits. The population is the campaign's evaluated units
 * ({ code: organisation code, category, group, kind }), optionally only some categories; the record keeps the
 * seed, the parameters, the population itself and the result, so anyone can re-run it (verifyDraw) and see
 * whether the stored result is the one the seed gives, and whether the campaign's units are still that population.
 */

import { randomBytes } from "node:crypto";
import {
  type DrawRecord,
  type DrawRounding,
  drawSample,
  InputError,
  type PopulationRow,
  populationHash,
  verifyDraw,
} from "@kaoping/core";
import type { Actor } from "../../access/actor.js";
import { authorOf } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { AppError, notFound } from "../../errors.js";
import { write } from "../../write.js";
import {
  loadCampaign,
  requireCampaignViewer,
  requireNotPublished,
  requireOrganiser,
} from "../campaigns/campaign-context.js";

export interface DrawRequest {
  seed?: string | undefined;
  /** "1/3" or "0.25". */
  fraction: string;
  /** Stratify on category, group (unit_group) or kind. */
  by?: "category" | "group" | "kind" | undefined;
  minimumPerStratum?: number | undefined;
  rounding?: DrawRounding | undefined;
  /** Draw only among units of these categories (e.g. 初中). */
  categories?: string[] | undefined;
}

export interface DrawView {
  id: string;
  campaignId: string;
  seed: string;
  request: DrawRequest & { population: PopulationRow[] };
  result: DrawRecord;
  createdBy: string | null;
  createdAt: string;
}

async function campaignPopulation(
  services: Services,
  campaignId: string,
  categories: string[] | undefined,
): Promise<PopulationRow[]> {
  const rows = await services.db
    .selectFrom("campaign_units")
    .innerJoin("organisations", "organisations.id", "campaign_units.organisation_id")
    .select([
      "organisations.code",
      "organisations.kind",
      "campaign_units.category",
      "campaign_units.unit_group",
    ])
    .where("campaign_units.campaign_id", "=", campaignId)
    .where("campaign_units.role", "=", "evaluated")
    .orderBy("organisations.code")
    .execute();
  return rows
    .filter((r) => categories === undefined || (r.category !== null && categories.includes(r.category)))
    .map((r) => ({ code: r.code, kind: r.kind, category: r.category ?? "", group: r.unit_group ?? "" }));
}

const present = (r: {
  id: string;
  campaign_id: string;
  seed: string;
  request: unknown;
  result: unknown;
  created_by: string | null;
  created_at: Date;
}): DrawView => ({
  id: r.id,
  campaignId: r.campaign_id,
  seed: r.seed,
  request: r.request as DrawView["request"],
  result: r.result as DrawRecord,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at).toISOString(),
});

export async function createDraw(
  services: Services,
  actor: Actor,
  campaignId: string,
  input: DrawRequest,
): Promise<DrawView> {
  const campaign = await loadCampaign(services.db, campaignId);
  requireOrganiser(actor, campaign);
  requireNotPublished(campaign);
  const population = await campaignPopulation(services, campaignId, input.categories);
  const seed = input.seed ?? randomBytes(8).toString("hex");
  let record: DrawRecord;
  try {
    record = drawSample({
      seed,
      population,
      fraction: input.fraction,
      by: input.by,
      ...(input.minimumPerStratum === undefined ? {} : { minimumPerStratum: input.minimumPerStratum }),
      ...(input.rounding === undefined ? {} : { rounding: input.rounding }),
    });
  } catch (error) {
    if (error instanceof InputError) {
      throw new AppError(
        "validation",
        error.problems.map((p) => ({ path: `body.${p.path}`, message: p.message })),
      );
    }
    throw error;
  }
  const request = { ...input, seed, population };
  const row = await write(services, authorOf(actor), async (w) => {
    const created = await w.trx
      .insertInto("sampling_draws")
      .values({
        campaign_id: campaignId,
        seed,
        request: JSON.stringify(request),
        result: JSON.stringify(record),
        created_by: actor.userId,
        created_at: w.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await w.audit({
      action: "sampling.drawn",
      entityType: "sampling_draw",
      entityId: created.id,
      organisationId: campaign.organiserId,
      campaignId,
      after: { seed, fraction: input.fraction, by: input.by ?? null, selected: record.selected },
    });
    return created;
  });
  return present(row);
}

async function loadDraw(services: Services, actor: Actor, campaignId: string, drawId: string) {
  const campaign = await loadCampaign(services.db, campaignId);
  requireCampaignViewer(actor, campaign, ["reviewer"]);
  const row = await services.db
    .selectFrom("sampling_draws")
    .selectAll()
    .where("id", "=", drawId)
    .where("campaign_id", "=", campaignId)
    .executeTakeFirst();
  if (row === undefined) throw notFound("draw");
  return row;
}

export async function getDraw(services: Services, actor: Actor, campaignId: string, drawId: string) {
  return present(await loadDraw(services, actor, campaignId, drawId));
}

export async function listDraws(services: Services, actor: Actor, campaignId: string): Promise<DrawView[]> {
  const campaign = await loadCampaign(services.db, campaignId);
  requireCampaignViewer(actor, campaign, ["reviewer"]);
  const rows = await services.db
    .selectFrom("sampling_draws")
    .selectAll()
    .where("campaign_id", "=", campaignId)
    .orderBy("created_at")
    .execute();
  return rows.map(present);
}

export interface DrawVerificationView {
  /** The stored result is what the seed gives over the stored population. */
  ok: boolean;
  reason: string | null;
  message: string | null;
  /** The campaign's units (with the same category filter) are still the population the draw was made from. */
  populationUnchanged: boolean;
}

/** Re-runs the stored draw over its stored population and compares every count and selected unit. */
export async function verifyStoredDraw(
  services: Services,
  actor: Actor,
  campaignId: string,
  drawId: string,
): Promise<DrawVerificationView> {
  const row = await loadDraw(services, actor, campaignId, drawId);
  const request = row.request as DrawView["request"];
  const record = row.result as DrawRecord;
  const outcome = verifyDraw({ ...record, seed: row.seed }, request.population);
  const current = await campaignPopulation(services, campaignId, request.categories);
  return {
    ok: outcome.matches,
    reason: outcome.matches ? null : outcome.reason,
    message: outcome.matches ? null : outcome.message,
    populationUnchanged: populationHash(current) === record.populationHash,
  };
}
