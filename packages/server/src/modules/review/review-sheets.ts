/**
 * 评审打分: an assigned reviewer reads the unit's self-evaluation (self-scores only when the campaign's
 * reviewersSeeSelfScores setting allows) and fills one sheet per rater group. Only while the review stage is
 * open, only for units that submitted their self-evaluation, and never after final publication.
 */
import type { FieldValue } from "@kaoping/core";
import type { Actor } from "../../access/actor.js";
import { authorOf } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { AppError, forbidden, invalid, notFound } from "../../errors.js";
import { expectOneUpdated, write } from "../../write.js";
import {
  type CampaignContext,
  isCampaignOrganiser,
  loadCampaign,
  requireNotPublished,
} from "../campaigns/campaign-context.js";
import { requireOpen } from "../campaigns/stages.js";
import { checkSheet, groupCodes, schemeMax } from "./review-rules.js";

export interface ReviewUnit {
  id: string;
  code: string;
  name: string;
  path: string;
  category: string | null;
}

export interface SheetView {
  id: string;
  groupCode: string;
  scores: Record<string, unknown>;
  total: string | null;
  submitted: boolean;
  submittedAt: string | null;
  version: number;
}

export interface UnitReviewView {
  campaignId: string;
  unit: { id: string; code: string; name: string; category: string | null };
  selfEvaluation: {
    status: string;
    report: Record<string, string>;
    data: Record<string, unknown>;
    /** Only when the campaign lets reviewers see self-scores (organisers always see them). */
    scores: Record<string, unknown> | null;
    narratives: Record<string, string>;
    bonusClaimed: Record<string, string>;
  } | null;
  groups: string[];
  sheets: SheetView[];
}

export async function loadUnit(services: Services, campaignId: string, orgId: string): Promise<ReviewUnit> {
  const unit = await services.db
    .selectFrom("campaign_units")
    .innerJoin("organisations", "organisations.id", "campaign_units.organisation_id")
    .select([
      "organisations.id",
      "organisations.code",
      "organisations.name",
      "organisations.path",
      "campaign_units.category",
    ])
    .where("campaign_units.campaign_id", "=", campaignId)
    .where("campaign_units.organisation_id", "=", orgId)
    .where("campaign_units.role", "=", "evaluated")
    .executeTakeFirst();
  if (unit === undefined) throw notFound("campaign unit");
  return unit;
}

/** The rater groups the actor is assigned to for this unit. */
export async function assignedGroups(
  services: Services,
  actor: Actor,
  campaignId: string,
  orgId: string,
): Promise<string[]> {
  const rows = await services.db
    .selectFrom("review_assignments")
    .select("group_code")
    .where("campaign_id", "=", campaignId)
    .where("organisation_id", "=", orgId)
    .where("user_id", "=", actor.userId)
    .orderBy("group_code")
    .execute();
  return rows.map((r) => r.group_code);
}

async function loadSelfEvaluation(services: Services, campaignId: string, orgId: string) {
  return services.db
    .selectFrom("self_evaluations")
    .selectAll()
    .where("campaign_id", "=", campaignId)
    .where("organisation_id", "=", orgId)
    .executeTakeFirst();
}

function requireSubmitted(status: string | undefined) {
  if (status !== "submitted" && status !== "accepted") {
    throw new AppError("wrong_stage", [{ path: "selfEvaluation.status", message: status ?? "none" }], {
      zh: "该单位尚未提交自评，不能评审",
      en: "The unit has not submitted its self-evaluation; it cannot be reviewed yet",
    });
  }
}

const presentSheet = (s: {
  id: string;
  group_code: string;
  scores: Record<string, unknown>;
  total: string | null;
  submitted: boolean;
  submitted_at: Date | null;
  version: number;
}): SheetView => ({
  id: s.id,
  groupCode: s.group_code,
  scores: s.scores,
  total: s.total === null ? null : normaliseDecimal(s.total),
  submitted: s.submitted,
  submittedAt: s.submitted_at === null ? null : new Date(s.submitted_at).toISOString(),
  version: s.version,
});

/** "91.50" and "91.5" are one value; numeric columns come back with their scale. */
export function normaliseDecimal(value: string): string {
  return value.includes(".") ? value.replace(/0+$/, "").replace(/\.$/, "") : value;
}

export async function getUnitReview(
  services: Services,
  actor: Actor,
  campaignId: string,
  orgId: string,
): Promise<UnitReviewView> {
  const campaign = await loadCampaign(services.db, campaignId);
  const unit = await loadUnit(services, campaignId, orgId);
  const groups = await assignedGroups(services, actor, campaignId, orgId);
  const organiser = isCampaignOrganiser(actor, campaign);
  if (groups.length === 0 && !organiser) throw forbidden("you are not assigned to review this unit");
  const evaluation = await loadSelfEvaluation(services, campaignId, orgId);
  let selfEvaluation: UnitReviewView["selfEvaluation"] = null;
  if (evaluation !== undefined) {
    const items = await services.db
      .selectFrom("self_evaluation_items")
      .select(["indicator_code", "input", "narrative"])
      .where("self_evaluation_id", "=", evaluation.id)
      .orderBy("indicator_code")
      .execute();
    const seeScores = organiser || campaign.settings.reviewersSeeSelfScores === true;
    selfEvaluation = {
      status: evaluation.status,
      report: evaluation.report,
      data: evaluation.data,
      scores: seeScores
        ? Object.fromEntries(items.filter((i) => i.input !== null).map((i) => [i.indicator_code, i.input]))
        : null,
      narratives: Object.fromEntries(
        items.filter((i) => i.narrative !== "").map((i) => [i.indicator_code, i.narrative]),
      ),
      bonusClaimed: evaluation.bonus,
    };
  }
  const sheets = await services.db
    .selectFrom("review_sheets")
    .selectAll()
    .where("campaign_id", "=", campaignId)
    .where("organisation_id", "=", orgId)
    .where("user_id", "=", actor.userId)
    .orderBy("group_code")
    .execute();
  return {
    campaignId,
    unit: { id: unit.id, code: unit.code, name: unit.name, category: unit.category },
    selfEvaluation,
    groups,
    sheets: sheets.map(presentSheet),
  };
}

async function prepareSheetWrite(
  services: Services,
  actor: Actor,
  campaignId: string,
  orgId: string,
  groupCode: string,
): Promise<{ campaign: CampaignContext; unit: ReviewUnit; data: Record<string, FieldValue> }> {
  const campaign = await loadCampaign(services.db, campaignId);
  requireNotPublished(campaign);
  const unit = await loadUnit(services, campaignId, orgId);
  if (!groupCodes(campaign.scheme).includes(groupCode)) throw notFound("rater group");
  const groups = await assignedGroups(services, actor, campaignId, orgId);
  if (!groups.includes(groupCode))
    throw forbidden(`you are not assigned to score this unit for ${groupCode}`);
  requireOpen(campaign.stages, "review");
  const evaluation = await loadSelfEvaluation(services, campaignId, orgId);
  requireSubmitted(evaluation?.status);
  return { campaign, unit, data: (evaluation?.data ?? {}) as Record<string, FieldValue> };
}

async function currentSheet(
  services: Services,
  actor: Actor,
  campaignId: string,
  orgId: string,
  groupCode: string,
) {
  return services.db
    .selectFrom("review_sheets")
    .selectAll()
    .where("campaign_id", "=", campaignId)
    .where("organisation_id", "=", orgId)
    .where("user_id", "=", actor.userId)
    .where("group_code", "=", groupCode)
    .executeTakeFirst();
}

const DECIMAL = /^\d{1,6}(\.\d{1,6})?$/;

export interface SheetInput {
  version?: number | undefined;
  scores?: Record<string, unknown> | undefined;
  total?: string | null | undefined;
}

/** Saves (creates or edits) the reviewer's sheet for one unit and group; a new sheet needs no version. */
export async function saveReviewSheet(
  services: Services,
  actor: Actor,
  campaignId: string,
  orgId: string,
  groupCode: string,
  input: SheetInput,
): Promise<SheetView> {
  const { campaign, unit, data } = await prepareSheetWrite(services, actor, campaignId, orgId, groupCode);
  const scheme = campaign.scheme;
  if (input.total !== undefined && input.total !== null) {
    if (scheme.raters?.scope !== "total") {
      throw invalid("body.total", "this scheme's reviewers score indicators, not a total");
    }
    if (!DECIMAL.test(input.total) || Number(input.total) > schemeMax(scheme)) {
      throw invalid("body.total", `must be a decimal from 0 to ${schemeMax(scheme)}`);
    }
  }
  if (input.scores !== undefined) {
    const problems = checkSheet(scheme, { category: unit.category, data }, input.scores, {
      complete: false,
      path: "body.scores",
    });
    if (problems.length > 0) throw new AppError("validation", problems);
  }
  const existing = await currentSheet(services, actor, campaignId, orgId, groupCode);
  if (existing?.submitted) throw new AppError("locked", [{ path: "sheet", message: "already submitted" }]);
  const row = await write(services, authorOf(actor), async (w) => {
    if (existing === undefined) {
      if (input.version !== undefined && input.version !== 1) throw new AppError("stale_version");
      const created = await w.trx
        .insertInto("review_sheets")
        .values({
          campaign_id: campaignId,
          organisation_id: orgId,
          user_id: actor.userId,
          group_code: groupCode,
          scores: JSON.stringify(input.scores ?? {}),
          total: input.total ?? null,
          updated_at: w.now,
        })
        .onConflict((oc) => oc.doNothing())
        .returningAll()
        .executeTakeFirst();
      if (created === undefined) throw new AppError("stale_version");
      await w.audit({
        action: "review.sheet_saved",
        entityType: "review_sheet",
        entityId: created.id,
        organisationId: orgId,
        campaignId,
        after: { groupCode, scores: input.scores ?? {}, total: input.total ?? null },
      });
      return created;
    }
    if (input.version === undefined) throw invalid("body.version", "required to edit an existing sheet");
    const result = await w.trx
      .updateTable("review_sheets")
      .set((eb) => ({
        scores: JSON.stringify(input.scores ?? existing.scores),
        total: input.total === undefined ? existing.total : input.total,
        updated_at: w.now,
        version: eb("version", "+", 1),
      }))
      .where("id", "=", existing.id)
      .where("version", "=", input.version)
      .where("submitted", "=", false)
      .executeTakeFirst();
    expectOneUpdated(result);
    await w.audit({
      action: "review.sheet_saved",
      entityType: "review_sheet",
      entityId: existing.id,
      organisationId: orgId,
      campaignId,
      before: { scores: existing.scores, total: existing.total },
      after: { scores: input.scores, total: input.total },
    });
    return w.trx
      .selectFrom("review_sheets")
      .selectAll()
      .where("id", "=", existing.id)
      .executeTakeFirstOrThrow();
  });
  return presentSheet(row);
}

/** Submits the sheet: it must be complete (a total, or every input the scheme needs) and is then locked. */
export async function submitReviewSheet(
  services: Services,
  actor: Actor,
  campaignId: string,
  orgId: string,
  groupCode: string,
  input: { version: number },
): Promise<SheetView> {
  const { campaign, unit, data } = await prepareSheetWrite(services, actor, campaignId, orgId, groupCode);
  const sheet = await currentSheet(services, actor, campaignId, orgId, groupCode);
  if (sheet === undefined) throw notFound("review sheet");
  if (sheet.submitted) throw new AppError("locked", [{ path: "sheet", message: "already submitted" }]);
  const scheme = campaign.scheme;
  const hasScores = Object.keys(sheet.scores).length > 0;
  if (scheme.raters?.scope === "total") {
    if (sheet.total === null) {
      if (!hasScores) {
        throw new AppError("incomplete", [
          { path: "sheet.total", message: "give a total or a full score sheet" },
        ]);
      }
      const problems = checkSheet(scheme, { category: unit.category, data }, sheet.scores, {
        complete: true,
        path: "sheet.scores",
      });
      if (problems.length > 0) throw new AppError("incomplete", problems);
    }
  } else if (!hasScores) {
    throw new AppError("incomplete", [{ path: "sheet.scores", message: "the sheet has no scores" }]);
  }
  const row = await write(services, authorOf(actor), async (w) => {
    const result = await w.trx
      .updateTable("review_sheets")
      .set((eb) => ({
        submitted: true,
        submitted_at: w.now,
        updated_at: w.now,
        version: eb("version", "+", 1),
      }))
      .where("id", "=", sheet.id)
      .where("version", "=", input.version)
      .where("submitted", "=", false)
      .executeTakeFirst();
    expectOneUpdated(result);
    await w.audit({
      action: "review.sheet_submitted",
      entityType: "review_sheet",
      entityId: sheet.id,
      organisationId: orgId,
      campaignId,
      after: { groupCode, scores: sheet.scores, total: sheet.total },
    });
    return w.trx.selectFrom("review_sheets").selectAll().where("id", "=", sheet.id).executeTakeFirstOrThrow();
  });
  return presentSheet(row);
}
