/**
 * 考评活动 creation: an organiser launches a campaign over units of its subtree with one scheme version and a
 * timeline. It starts as a draft; nothing reaches the units until it is started.
 */
import type { Actor } from "../../access/actor.js";
import { authorOf } from "../../access/actor.js";
import { holds, requireRole } from "../../access/scope.js";
import type { Services } from "../../context.js";
import { AppError } from "../../errors.js";
import { write } from "../../write.js";
import { type CampaignSettings, compiledScheme } from "./campaign-context.js";
import { checkStages, checkUnits, type StageInput, type UnitInput } from "./campaign-rules.js";
import type { CampaignView } from "./present-campaign.js";
import { getCampaign } from "./read-campaigns.js";

export interface NewCampaign {
  organiserId: string;
  name: string;
  year: number;
  schemeVersionId: string;
  settings?: CampaignSettings | undefined;
  stages: StageInput[];
  units: UnitInput[];
  /** 回头看: the earlier campaign whose closed rectification items this one re-checks. */
  followUpOf?: string | undefined;
}

/** The scheme version, if the organiser may use it: issued by the organiser or above it, or one organises its owner. */
export async function usableSchemeVersion(
  services: Services,
  actor: Actor,
  organiserPath: string,
  versionId: string,
) {
  const row = await services.db
    .selectFrom("scheme_versions")
    .innerJoin("schemes", "schemes.id", "scheme_versions.scheme_id")
    .innerJoin("organisations", "organisations.id", "schemes.owner_id")
    .select(["scheme_versions.id", "scheme_versions.source", "organisations.path as owner_path"])
    .where("scheme_versions.id", "=", versionId)
    .executeTakeFirst();
  if (row === undefined)
    throw new AppError("validation", [
      { path: "body.schemeVersionId", message: "no such scheme version / 指标体系版本不存在" },
    ]);
  if (!organiserPath.startsWith(row.owner_path) && !holds(actor, ["organiser"], row.owner_path))
    throw new AppError("forbidden", [
      {
        path: "body.schemeVersionId",
        message: "a scheme of another organisation / 不能使用其他机构的指标体系",
      },
    ]);
  return compiledScheme(row.id, row.source);
}

export async function createCampaign(
  services: Services,
  actor: Actor,
  input: NewCampaign,
): Promise<CampaignView> {
  const organiserPath = await requireRole(services.db, actor, ["organiser"], input.organiserId);
  const stages = checkStages(input.stages);
  const scheme = await usableSchemeVersion(services, actor, organiserPath, input.schemeVersionId);
  const units = await checkUnits(
    services.db,
    { id: input.organiserId, path: organiserPath },
    scheme,
    input.units,
  );
  const settings: CampaignSettings = {
    reviewersSeeSelfScores: input.settings?.reviewersSeeSelfScores ?? false,
  };
  const id = await write(services, authorOf(actor), async (w) => {
    const campaign = await w.trx
      .insertInto("campaigns")
      .values({
        organiser_id: input.organiserId,
        name: input.name,
        year: input.year,
        scheme_version_id: input.schemeVersionId,
        settings: JSON.stringify(settings),
        created_by: actor.userId,
        ...(input.followUpOf === undefined ? {} : { follow_up_of: input.followUpOf }),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await w.trx
      .insertInto("campaign_stages")
      .values(stages.map((s) => ({ ...s, campaign_id: campaign.id })))
      .execute();
    if (units.length > 0)
      await w.trx
        .insertInto("campaign_units")
        .values(units.map((u) => ({ ...u, campaign_id: campaign.id })))
        .execute();
    await w.audit({
      action: "campaign.created",
      entityType: "campaign",
      entityId: campaign.id,
      organisationId: input.organiserId,
      campaignId: campaign.id,
      after: { ...input, settings },
    });
    return campaign.id;
  });
  return getCampaign(services, actor, id);
}
