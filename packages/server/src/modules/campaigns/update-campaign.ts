/**
 * Editing a campaign: its name and settings at any time before publication; stage dates while it runs (the stage
 * list itself only in draft); its units only in draft. Every change bumps the campaign's version.
 */
import type { Actor } from "../../access/actor.js";
import { authorOf } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { AppError } from "../../errors.js";
import { expectOneUpdated, type Writer, write } from "../../write.js";
import {
  type CampaignContext,
  type CampaignSettings,
  loadCampaign,
  requireNotPublished,
  requireOrganiser,
} from "./campaign-context.js";
import { checkStages, checkUnits, type StageInput, type UnitInput } from "./campaign-rules.js";
import type { CampaignView } from "./present-campaign.js";
import { getCampaign } from "./read-campaigns.js";
import { wrongStage } from "./stages.js";

/** Loads the campaign for a write by its organisers: not published, and the caller's version is current. */
export async function campaignForWrite(
  services: Services,
  actor: Actor,
  campaignId: string,
  version: number,
): Promise<CampaignContext> {
  const campaign = await loadCampaign(services.db, campaignId);
  requireOrganiser(actor, campaign);
  requireNotPublished(campaign);
  if (campaign.version !== version) throw new AppError("stale_version");
  return campaign;
}

/** Bumps the campaign's version where it is still the one the edit was based on (409 otherwise). */
export async function bumpCampaign(
  w: Writer,
  campaign: CampaignContext,
  set: { name?: string; settings?: string; status?: "running" } = {},
): Promise<void> {
  const result = await w.trx
    .updateTable("campaigns")
    .set((eb) => ({ ...set, version: eb("version", "+", 1) }))
    .where("id", "=", campaign.id)
    .where("version", "=", campaign.version)
    .where("status", "!=", "published")
    .executeTakeFirst();
  expectOneUpdated(result);
}

export interface CampaignChange {
  version: number;
  name?: string | undefined;
  settings?: CampaignSettings | undefined;
  stages?: StageInput[] | undefined;
}

export async function updateCampaign(
  services: Services,
  actor: Actor,
  campaignId: string,
  change: CampaignChange,
): Promise<CampaignView> {
  const campaign = await campaignForWrite(services, actor, campaignId, change.version);
  const stages = change.stages === undefined ? undefined : checkStages(change.stages);
  if (stages !== undefined && campaign.status !== "draft") {
    const same =
      stages.length === campaign.stages.length &&
      stages.every((s, i) => s.stage === campaign.stages[i]?.stage);
    if (!same)
      throw new AppError(
        "wrong_stage",
        [
          {
            path: "body.stages",
            message: "only dates may change once the campaign runs / 活动开始后只能调整时间",
          },
        ],
        {
          zh: "考评活动已开始，阶段列表不能再改变，只能调整时间",
          en: "The campaign is running: the stage list is fixed, only its dates may change",
        },
      );
  }
  const settings: CampaignSettings | undefined =
    change.settings === undefined ? undefined : { ...campaign.settings, ...change.settings };
  await write(services, authorOf(actor), async (w) => {
    await bumpCampaign(w, campaign, {
      ...(change.name === undefined ? {} : { name: change.name }),
      ...(settings === undefined ? {} : { settings: JSON.stringify(settings) }),
    });
    if (stages !== undefined) {
      if (campaign.status === "draft") {
        await w.trx.deleteFrom("campaign_stages").where("campaign_id", "=", campaign.id).execute();
        await w.trx
          .insertInto("campaign_stages")
          .values(stages.map((s) => ({ ...s, campaign_id: campaign.id })))
          .execute();
      } else {
        for (const s of stages)
          await w.trx
            .updateTable("campaign_stages")
            .set({ starts_at: s.starts_at, deadline: s.deadline })
            .where("campaign_id", "=", campaign.id)
            .where("stage", "=", s.stage)
            .execute();
      }
    }
    const { version, ...changed } = change;
    await w.audit({
      action: "campaign.updated",
      entityType: "campaign",
      entityId: campaign.id,
      organisationId: campaign.organiserId,
      campaignId: campaign.id,
      before: {
        name: campaign.name,
        settings: campaign.settings,
        stages: campaign.stages.map((s) => ({ stage: s.stage, startsAt: s.startsAt, deadline: s.deadline })),
      },
      after: changed,
    });
  });
  return getCampaign(services, actor, campaignId);
}

export interface UnitsChange {
  version: number;
  units: UnitInput[];
}

export async function setCampaignUnits(
  services: Services,
  actor: Actor,
  campaignId: string,
  change: UnitsChange,
): Promise<CampaignView> {
  const campaign = await campaignForWrite(services, actor, campaignId, change.version);
  if (campaign.status !== "draft")
    throw wrongStage("考评活动已开始，参评单位不能再改变", "The campaign has started; its units are fixed");
  const units = await checkUnits(
    services.db,
    { id: campaign.organiserId, path: campaign.organiserPath },
    campaign.scheme,
    change.units,
  );
  await write(services, authorOf(actor), async (w) => {
    await bumpCampaign(w, campaign);
    const before = await w.trx
      .selectFrom("campaign_units")
      .select(["organisation_id", "role", "category", "unit_group"])
      .where("campaign_id", "=", campaign.id)
      .execute();
    await w.trx.deleteFrom("campaign_units").where("campaign_id", "=", campaign.id).execute();
    if (units.length > 0)
      await w.trx
        .insertInto("campaign_units")
        .values(units.map((u) => ({ ...u, campaign_id: campaign.id })))
        .execute();
    await w.audit({
      action: "campaign.units_set",
      entityType: "campaign",
      entityId: campaign.id,
      organisationId: campaign.organiserId,
      campaignId: campaign.id,
      before,
      after: units,
    });
  });
  return getCampaign(services, actor, campaignId);
}
