/**
 * Loads a campaign with what almost every use case needs: its stages, its scheme version compiled by the engine,
 * and who may do what in it. Compiled schemes are cached by version id (versions in use never change).
 */
import { type CompiledScheme, parseScheme } from "@kaoping/core";
import type { Actor } from "../../access/actor.js";
import { holds } from "../../access/scope.js";
import type { Db } from "../../db/open-database.js";
import type { Role } from "../../db/schema.js";
import { AppError, forbidden, notFound } from "../../errors.js";
import type { StageState } from "./stages.js";

export interface CampaignContext {
  id: string;
  name: string;
  year: number;
  status: "draft" | "running" | "published";
  organiserId: string;
  organiserPath: string;
  schemeVersionId: string;
  schemeCode: string;
  settings: CampaignSettings;
  version: number;
  stages: StageState[];
  scheme: CompiledScheme;
}

export interface CampaignSettings {
  /** Whether reviewers see the unit's self-scores beside their own entry. */
  reviewersSeeSelfScores?: boolean;
}

const compiled = new Map<string, { source: string; plan: CompiledScheme }>();

/** An unfrozen version's source may still be replaced, so the cache entry is kept only for the same source. */
export function compiledScheme(versionId: string, source: string): CompiledScheme {
  const cached = compiled.get(versionId);
  if (cached !== undefined && cached.source === source) return cached.plan;
  const load = parseScheme(source);
  if (!load.ok) throw new Error(`stored scheme version ${versionId} no longer compiles`);
  if (compiled.size > 100) compiled.clear();
  compiled.set(versionId, { source, plan: load.scheme });
  return load.scheme;
}

export async function loadCampaign(db: Db, campaignId: string): Promise<CampaignContext> {
  const row = await db
    .selectFrom("campaigns")
    .innerJoin("scheme_versions", "scheme_versions.id", "campaigns.scheme_version_id")
    .innerJoin("schemes", "schemes.id", "scheme_versions.scheme_id")
    .innerJoin("organisations", "organisations.id", "campaigns.organiser_id")
    .select([
      "campaigns.id",
      "campaigns.name",
      "campaigns.year",
      "campaigns.status",
      "campaigns.organiser_id",
      "campaigns.settings",
      "campaigns.version",
      "campaigns.scheme_version_id",
      "scheme_versions.source",
      "schemes.code as scheme_code",
      "organisations.path as organiser_path",
    ])
    .where("campaigns.id", "=", campaignId)
    .executeTakeFirst();
  if (row === undefined) throw notFound("campaign");
  const stages = await db
    .selectFrom("campaign_stages")
    .selectAll()
    .where("campaign_id", "=", campaignId)
    .orderBy("position")
    .execute();
  return {
    id: row.id,
    name: row.name,
    year: row.year,
    status: row.status,
    organiserId: row.organiser_id,
    organiserPath: row.organiser_path,
    schemeVersionId: row.scheme_version_id,
    schemeCode: row.scheme_code,
    settings: row.settings as CampaignSettings,
    version: row.version,
    stages: stages.map((s) => ({
      stage: s.stage,
      position: s.position,
      startsAt: s.starts_at,
      deadline: s.deadline,
      openedAt: s.opened_at,
      closedAt: s.closed_at,
    })),
    scheme: compiledScheme(row.scheme_version_id, row.source),
  };
}

/** The organiser's people: organisers over the organising body (administrators too). */
export function isCampaignOrganiser(actor: Actor, campaign: CampaignContext): boolean {
  return holds(actor, ["organiser"], campaign.organiserPath);
}

export function requireOrganiser(actor: Actor, campaign: CampaignContext): void {
  if (!isCampaignOrganiser(actor, campaign)) throw forbidden("only the campaign's organisers may do this");
}

/** Who may look at a campaign at all: its organisers and viewers over the organising body. */
export function requireCampaignViewer(
  actor: Actor,
  campaign: CampaignContext,
  extra: readonly Role[] = [],
): void {
  if (!holds(actor, ["organiser", "viewer", ...extra], campaign.organiserPath))
    throw forbidden("outside this campaign");
}

/** After final publication (终审公布) nothing in the campaign changes. */
export function requireNotPublished(campaign: CampaignContext): void {
  if (campaign.status === "published") {
    throw new AppError("locked", [], {
      zh: "结果已正式公布，不能再修改",
      en: "Results are published; nothing can change",
    });
  }
}
