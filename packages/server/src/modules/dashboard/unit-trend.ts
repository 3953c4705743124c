/**
 * 历年趋势: a unit's published totals and grades year by year (from unit_results), beside the average total of all
 * the units published in the same campaign, for a year-over-year chart. Who may read it is who may read the unit's
 * results (GET /organisations/:id/results). Two queries whatever the number of years.
 */
import { Decimal } from "@kaoping/core";
import type { Actor } from "../../access/actor.js";
import { requireRole } from "../../access/scope.js";
import type { Services } from "../../context.js";
import { compiledScheme } from "../campaigns/campaign-context.js";
import { RESULT_READERS } from "../results/unit-results.js";
import { show } from "./figures.js";

export interface TrendPoint {
  year: number;
  campaignId: string;
  campaignName: string;
  schemeCode: string;
  total: string;
  grade: string | null;
  gradeName: string | null;
  rank: number | null;
  /** The mean total of the campaign's published units, and how many they are. */
  average: string;
  units: number;
}

export interface UnitTrend {
  organisationId: string;
  schemeCode: string | null;
  points: TrendPoint[];
}

const placesOf = (value: string): number => {
  const dot = value.indexOf(".");
  return dot < 0 ? 0 : value.length - dot - 1;
};

export async function unitTrend(
  services: Services,
  actor: Actor,
  organisationId: string,
  schemeCode?: string | undefined,
): Promise<UnitTrend> {
  await requireRole(services.db, actor, RESULT_READERS, organisationId);
  let query = services.db
    .selectFrom("unit_results as ur")
    .innerJoin("campaigns as c", "c.id", "ur.campaign_id")
    .innerJoin("scheme_versions as v", "v.id", "c.scheme_version_id")
    .select([
      "ur.campaign_id",
      "c.name",
      "c.scheme_version_id",
      "v.source",
      "ur.scheme_code",
      "ur.year",
      "ur.total",
      "ur.grade",
      "ur.rank",
    ])
    .where("ur.organisation_id", "=", organisationId);
  if (schemeCode !== undefined) query = query.where("ur.scheme_code", "=", schemeCode);
  const rows = await query.orderBy("ur.year").orderBy("ur.scheme_code").orderBy("c.name").execute();
  if (rows.length === 0) return { organisationId, schemeCode: schemeCode ?? null, points: [] };

  const campaignIds = [...new Set(rows.map((r) => r.campaign_id))];
  const all = await services.db
    .selectFrom("unit_results")
    .select(["campaign_id", "total"])
    .where("campaign_id", "in", campaignIds)
    .execute();
  const totals = new Map<string, string[]>();
  for (const r of all) {
    const list = totals.get(r.campaign_id);
    if (list === undefined) totals.set(r.campaign_id, [r.total]);
    else list.push(r.total);
  }

  return {
    organisationId,
    schemeCode: schemeCode ?? null,
    points: rows.map((r) => {
      const campaignTotals = totals.get(r.campaign_id) ?? [r.total];
      const sum = campaignTotals.reduce((s, t) => s.plus(t), new Decimal(0));
      // Shown with the places the totals were published with (at least two).
      const places = Math.max(2, ...campaignTotals.map(placesOf));
      const grades = compiledScheme(r.scheme_version_id, r.source).grading?.grades ?? [];
      return {
        year: r.year,
        campaignId: r.campaign_id,
        campaignName: r.name,
        schemeCode: r.scheme_code,
        total: r.total,
        grade: r.grade,
        gradeName: grades.find((g) => g.code === r.grade)?.name ?? null,
        rank: r.rank,
        average: show(sum.dividedBy(campaignTotals.length), places),
        units: campaignTotals.length,
      };
    }),
  };
}
