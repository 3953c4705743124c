/** Reading campaigns: the list one may see, one campaign with its stages and rater groups, and its units. */
import type { Actor } from "../../access/actor.js";
import type { Services } from "../../context.js";
import type { CampaignStatus } from "../../db/schema.js";
import type { PageQuery } from "../../http/api.js";
import { campaignVisibleTo, requireCampaignVisible } from "./campaign-access.js";
import { loadCampaign } from "./campaign-context.js";
import {
  type CampaignSummaryView,
  type CampaignUnitView,
  type CampaignView,
  currentStage,
  iso,
  presentStage,
  raterWeight,
  settingsOf,
} from "./present-campaign.js";

function summaryQuery(services: Services) {
  return services.db
    .selectFrom("campaigns")
    .innerJoin("organisations", "organisations.id", "campaigns.organiser_id")
    .innerJoin("scheme_versions", "scheme_versions.id", "campaigns.scheme_version_id")
    .innerJoin("schemes", "schemes.id", "scheme_versions.scheme_id")
    .select((eb) => [
      "campaigns.id",
      "campaigns.name",
      "campaigns.year",
      "campaigns.status",
      "campaigns.organiser_id",
      "campaigns.scheme_version_id",
      "campaigns.version",
      "campaigns.created_at",
      "campaigns.published_at",
      "organisations.name as organiser_name",
      "schemes.code as scheme_code",
      "schemes.name as scheme_name",
      "scheme_versions.label as scheme_label",
      eb
        .selectFrom("campaign_units")
        .whereRef("campaign_units.campaign_id", "=", "campaigns.id")
        .select((e) => e.fn.countAll<number>().as("n"))
        .as("unit_count"),
      eb
        .selectFrom("campaign_stages")
        .whereRef("campaign_stages.campaign_id", "=", "campaigns.id")
        .where("campaign_stages.opened_at", "is not", null)
        .where("campaign_stages.closed_at", "is", null)
        .select("campaign_stages.stage")
        .limit(1)
        .as("current_stage"),
    ]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>["executeTakeFirstOrThrow"]>>;

const presentSummary = (row: SummaryRow): CampaignSummaryView => ({
  id: row.id,
  name: row.name,
  year: row.year,
  status: row.status,
  organiserId: row.organiser_id,
  organiserName: row.organiser_name,
  schemeVersionId: row.scheme_version_id,
  schemeCode: row.scheme_code,
  schemeName: row.scheme_name,
  schemeVersionLabel: row.scheme_label,
  currentStage: row.current_stage ?? null,
  unitCount: Number(row.unit_count ?? 0),
  version: row.version,
  createdAt: new Date(row.created_at).toISOString(),
  publishedAt: iso(row.published_at),
});

export interface CampaignListQuery extends PageQuery {
  status?: CampaignStatus | undefined;
  year?: number | undefined;
  organiserId?: string | undefined;
}

export async function listCampaigns(
  services: Services,
  actor: Actor,
  query: CampaignListQuery,
): Promise<{ items: CampaignSummaryView[]; total: number; limit: number; offset: number }> {
  const visible = campaignVisibleTo(actor);
  const filter = <Q extends ReturnType<typeof summaryQuery>>(q: Q): Q => {
    let out = q;
    if (visible !== null) out = out.where(() => visible) as Q;
    if (query.status !== undefined) out = out.where("campaigns.status", "=", query.status) as Q;
    if (query.year !== undefined) out = out.where("campaigns.year", "=", query.year) as Q;
    if (query.organiserId !== undefined)
      out = out.where("campaigns.organiser_id", "=", query.organiserId) as Q;
    return out;
  };
  let count = services.db.selectFrom("campaigns");
  if (visible !== null) count = count.where(() => visible);
  if (query.status !== undefined) count = count.where("campaigns.status", "=", query.status);
  if (query.year !== undefined) count = count.where("campaigns.year", "=", query.year);
  if (query.organiserId !== undefined) count = count.where("campaigns.organiser_id", "=", query.organiserId);
  const total = await count.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await filter(summaryQuery(services))
    .orderBy("campaigns.year", "desc")
    .orderBy("campaigns.created_at", "desc")
    .orderBy("campaigns.id")
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  return {
    items: rows.map(presentSummary),
    total: Number(total.n),
    limit: query.limit,
    offset: query.offset,
  };
}

export async function getCampaign(
  services: Services,
  actor: Actor,
  campaignId: string,
): Promise<CampaignView> {
  const campaign = await loadCampaign(services.db, campaignId);
  await requireCampaignVisible(services.db, actor, campaignId);
  const row = await summaryQuery(services).where("campaigns.id", "=", campaignId).executeTakeFirstOrThrow();
  const members = await services.db
    .selectFrom("rater_members")
    .innerJoin("users", "users.id", "rater_members.user_id")
    .select(["rater_members.group_code", "users.id", "users.username", "users.display_name"])
    .where("rater_members.campaign_id", "=", campaignId)
    .orderBy("users.username")
    .execute();
  const groups = campaign.scheme.raters?.groups ?? [];
  return {
    ...presentSummary(row),
    currentStage: currentStage(campaign.stages)?.stage ?? null,
    settings: settingsOf(campaign),
    stages: campaign.stages.map(presentStage),
    categories: campaign.scheme.definition.categories.map((c) => ({ code: c.code, name: c.name })),
    raterGroups: groups.map((g) => ({
      code: g.code,
      name: g.name,
      weight: raterWeight(g.weight),
      members: members
        .filter((m) => m.group_code === g.code)
        .map((m) => ({ id: m.id, username: m.username, displayName: m.display_name })),
    })),
  };
}

export async function listCampaignUnits(
  services: Services,
  actor: Actor,
  campaignId: string,
  query: PageQuery,
): Promise<{ items: CampaignUnitView[]; total: number; limit: number; offset: number }> {
  await loadCampaign(services.db, campaignId);
  await requireCampaignVisible(services.db, actor, campaignId);
  const base = services.db
    .selectFrom("campaign_units")
    .innerJoin("organisations", "organisations.id", "campaign_units.organisation_id")
    .where("campaign_units.campaign_id", "=", campaignId);
  const total = await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await base
    .select([
      "campaign_units.organisation_id",
      "campaign_units.role",
      "campaign_units.category",
      "campaign_units.unit_group",
      "organisations.code",
      "organisations.name",
    ])
    .orderBy("organisations.code")
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  return {
    items: rows.map((r) => ({
      organisationId: r.organisation_id,
      code: r.code,
      name: r.name,
      role: r.role,
      category: r.category,
      group: r.unit_group,
    })),
    total: Number(total.n),
    limit: query.limit,
    offset: query.offset,
  };
}
