/** 历年结果: a unit's published results across years (for multi-year rules and for the unit itself). */
import type { Actor } from "../../access/actor.js";
import { requireRole } from "../../access/scope.js";
import type { Services } from "../../context.js";

export interface UnitResultView {
  campaignId: string;
  campaignName: string;
  schemeCode: string;
  year: number;
  total: string;
  grade: string | null;
  rank: number | null;
  publishedAt: string;
}

/** The unit's own people and those who oversee it; a reviewer's role does not open other units' records. */
export const RESULT_READERS = ["organiser", "unit_head", "unit_staff", "viewer"] as const;

export async function unitResults(
  services: Services,
  actor: Actor,
  organisationId: string,
  schemeCode?: string | undefined,
): Promise<UnitResultView[]> {
  await requireRole(services.db, actor, RESULT_READERS, organisationId);
  let query = services.db
    .selectFrom("unit_results")
    .innerJoin("campaigns", "campaigns.id", "unit_results.campaign_id")
    .select([
      "unit_results.campaign_id",
      "campaigns.name",
      "unit_results.scheme_code",
      "unit_results.year",
      "unit_results.total",
      "unit_results.grade",
      "unit_results.rank",
      "unit_results.published_at",
    ])
    .where("unit_results.organisation_id", "=", organisationId);
  if (schemeCode !== undefined) query = query.where("unit_results.scheme_code", "=", schemeCode);
  const rows = await query.orderBy("unit_results.year", "desc").orderBy("unit_results.scheme_code").execute();
  return rows.map((r) => ({
    campaignId: r.campaign_id,
    campaignName: r.name,
    schemeCode: r.scheme_code,
    year: r.year,
    total: r.total,
    grade: r.grade,
    rank: r.rank,
    publishedAt: new Date(r.published_at).toISOString(),
  }));
}
