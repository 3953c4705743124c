/**
 * 加分审定: the organiser approves each unit's bonus points per bonus item (the unit's claim stays on its
 * self-evaluation). Item codes are checked here; each item's cap (每项加分最高不超过2分) and any total cap are the
 * engine's, applied when grading, so an approval above the cap counts only up to it and the explanation says so.
 */
import type { Actor } from "../../access/actor.js";
import { authorOf } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { AppError, type ErrorDetail } from "../../errors.js";
import { write } from "../../write.js";
import { loadCampaign, requireNotPublished, requireOrganiser } from "../campaigns/campaign-context.js";
import { loadUnit } from "../review/review-sheets.js";

export interface BonusView {
  organisationId: string;
  claimed: Record<string, string>;
  approved: Record<string, string>;
  version: number;
}

const DECIMAL = /^\d{1,4}(\.\d{1,6})?$/;

export async function getBonus(
  services: Services,
  actor: Actor,
  campaignId: string,
  orgId: string,
): Promise<BonusView> {
  const campaign = await loadCampaign(services.db, campaignId);
  requireOrganiser(actor, campaign);
  await loadUnit(services, campaignId, orgId);
  const [claim, approval] = await Promise.all([
    services.db
      .selectFrom("self_evaluations")
      .select("bonus")
      .where("campaign_id", "=", campaignId)
      .where("organisation_id", "=", orgId)
      .executeTakeFirst(),
    services.db
      .selectFrom("approved_bonuses")
      .select(["bonus", "version"])
      .where("campaign_id", "=", campaignId)
      .where("organisation_id", "=", orgId)
      .executeTakeFirst(),
  ]);
  return {
    organisationId: orgId,
    claimed: claim?.bonus ?? {},
    approved: approval?.bonus ?? {},
    version: approval?.version ?? 1,
  };
}

/** Checks bonus item codes and values against the scheme; paths start with `path`. */
export function checkBonus(
  campaign: { scheme: { bonus: { items: Array<{ code: string }> } | null } },
  bonus: Record<string, string>,
  path: string,
): ErrorDetail[] {
  const items = campaign.scheme.bonus?.items.map((i) => i.code) ?? [];
  const details: ErrorDetail[] = [];
  for (const [code, points] of Object.entries(bonus)) {
    if (!items.includes(code)) {
      details.push({
        path: `${path}.${code}`,
        message:
          items.length === 0
            ? "this scheme has no bonus items"
            : `unknown bonus item; the items: ${items.join(", ")}`,
      });
    } else if (!DECIMAL.test(points)) {
      details.push({ path: `${path}.${code}`, message: 'must be a decimal of at least 0, e.g. "1.5"' });
    }
  }
  return details;
}

/** Writes an approval inside a transaction (also used by upheld objections). */
export async function writeBonus(
  w: import("../../write.js").Writer,
  author: { userId: string | null },
  campaignId: string,
  orgId: string,
  version: number,
  bonus: Record<string, string>,
): Promise<void> {
  const before = await w.trx
    .selectFrom("approved_bonuses")
    .select(["bonus", "version"])
    .where("campaign_id", "=", campaignId)
    .where("organisation_id", "=", orgId)
    .executeTakeFirst();
  if (before === undefined) {
    if (version !== 1) throw new AppError("stale_version");
    const inserted = await w.trx
      .insertInto("approved_bonuses")
      .values({
        campaign_id: campaignId,
        organisation_id: orgId,
        bonus: JSON.stringify(bonus),
        approved_by: author.userId,
        approved_at: w.now,
        version: 2,
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (inserted.numInsertedOrUpdatedRows === 0n) throw new AppError("stale_version");
  } else {
    const updated = await w.trx
      .updateTable("approved_bonuses")
      .set((eb) => ({
        bonus: JSON.stringify(bonus),
        approved_by: author.userId,
        approved_at: w.now,
        version: eb("version", "+", 1),
      }))
      .where("campaign_id", "=", campaignId)
      .where("organisation_id", "=", orgId)
      .where("version", "=", version)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw new AppError("stale_version");
  }
  await w.audit({
    action: "grading.bonus_approved",
    entityType: "approved_bonus",
    entityId: `${campaignId}/${orgId}`,
    organisationId: orgId,
    campaignId,
    before: before?.bonus ?? null,
    after: bonus,
  });
}

/**
 * Approves a unit's bonus (replacing the previous approval). The version is the approval's (1 before the first).
 * Refused after final publication; once results are publicised (公示) a change goes through an objection.
 */
export async function approveBonus(
  services: Services,
  actor: Actor,
  campaignId: string,
  orgId: string,
  input: { version: number; bonus: Record<string, string> },
): Promise<BonusView> {
  const campaign = await loadCampaign(services.db, campaignId);
  requireOrganiser(actor, campaign);
  requireNotPublished(campaign);
  await loadUnit(services, campaignId, orgId);
  const details = checkBonus(campaign, input.bonus, "body.bonus");
  if (details.length > 0) throw new AppError("validation", details);
  const publicised = await services.db
    .selectFrom("publicity_periods")
    .select("campaign_id")
    .where("campaign_id", "=", campaignId)
    .executeTakeFirst();
  if (publicised !== undefined) {
    throw new AppError("wrong_stage", [{ path: "campaign.publicity", message: "results are publicised" }], {
      zh: "结果已公示，加分调整须通过异议处理",
      en: "Results are publicised; a bonus change goes through an objection",
    });
  }
  await write(services, authorOf(actor), (w) =>
    writeBonus(w, { userId: actor.userId }, campaignId, orgId, input.version, input.bonus),
  );
  return getBonus(services, actor, campaignId, orgId);
}
