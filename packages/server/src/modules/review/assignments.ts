/**
 * 评审分工: which reviewer scores which units for which rater group.
 *
 * Conflict of interest (回避): nobody scores their own organisation or an organisation above it. A reviewer
 * whose organisation (users.organisation_id) is X may not be assigned a unit U when U is X or U lies on X's
 * parent chain (U ∈ {X} ∪ ancestors(X)). Scoring units below one's own organisation is the normal case (县总工会
 * 领导 score the member unions), and a head of another member union scores every union but his own. A reviewer
 * with no organisation has no conflict.
 */
import type { Actor } from "../../access/actor.js";
import { authorOf } from "../../access/actor.js";
import { chainOf } from "../../access/scope.js";
import type { Services } from "../../context.js";
import { AppError, type ErrorDetail } from "../../errors.js";
import type { PageQuery } from "../../http/api.js";
import { write } from "../../write.js";
import { loadCampaign, requireNotPublished, requireOrganiser } from "../campaigns/campaign-context.js";
import { RATER_ROLES } from "../campaigns/set-raters.js";
import { isClosed } from "../campaigns/stages.js";
import { assignedSheet } from "./assigned-sheet.js";
import { groupCodes } from "./review-rules.js";

export interface AssignmentInput {
  userId: string;
  groupCode: string;
  organisationIds: string[];
}

export interface AssignmentsView {
  version: number;
  assignments: AssignmentInput[];
}

/** Whether a reviewer from `reviewerOrgId` may score the unit whose organisation path is `unitPath`. */
export function conflictOfInterest(
  reviewerOrgId: string | null,
  reviewerOrgPath: string | null,
  unitId: string,
): boolean {
  if (reviewerOrgId === null || reviewerOrgPath === null) return false;
  return unitId === reviewerOrgId || chainOf(reviewerOrgPath).includes(unitId);
}

async function planVersion(services: Services, campaignId: string): Promise<number> {
  const row = await services.db
    .selectFrom("review_plans")
    .select("version")
    .where("campaign_id", "=", campaignId)
    .executeTakeFirst();
  return row?.version ?? 1;
}

export async function listAssignments(
  services: Services,
  actor: Actor,
  campaignId: string,
): Promise<AssignmentsView> {
  const campaign = await loadCampaign(services.db, campaignId);
  requireOrganiser(actor, campaign);
  const rows = await services.db
    .selectFrom("review_assignments")
    .selectAll()
    .where("campaign_id", "=", campaignId)
    .orderBy("group_code")
    .orderBy("user_id")
    .orderBy("organisation_id")
    .execute();
  const byKey = new Map<string, AssignmentInput>();
  for (const r of rows) {
    const key = `${r.group_code}|${r.user_id}`;
    let entry = byKey.get(key);
    if (entry === undefined) {
      entry = { userId: r.user_id, groupCode: r.group_code, organisationIds: [] };
      byKey.set(key, entry);
    }
    entry.organisationIds.push(r.organisation_id);
  }
  return { version: await planVersion(services, campaignId), assignments: [...byKey.values()] };
}

/**
 * Replaces the campaign's whole assignment list (every group) with `assignments`, carrying the list's version.
 * Refused after the review stage closed or after publication.
 */
export async function replaceAssignments(
  services: Services,
  actor: Actor,
  campaignId: string,
  input: { version: number; assignments: AssignmentInput[] },
): Promise<AssignmentsView> {
  const campaign = await loadCampaign(services.db, campaignId);
  requireOrganiser(actor, campaign);
  requireNotPublished(campaign);
  if (isClosed(campaign.stages, "review")) {
    throw new AppError("wrong_stage", [{ path: "campaign.stages.review", message: "review is closed" }], {
      zh: "评审阶段已结束，不能再调整评审分工",
      en: "The review stage is closed; assignments cannot change",
    });
  }
  const groups = groupCodes(campaign.scheme);
  const details: ErrorDetail[] = [];
  const units = new Map(
    (
      await services.db
        .selectFrom("campaign_units")
        .innerJoin("organisations", "organisations.id", "campaign_units.organisation_id")
        .select(["organisations.id", "organisations.path", "organisations.name"])
        .where("campaign_units.campaign_id", "=", campaignId)
        .where("campaign_units.role", "=", "evaluated")
        .execute()
    ).map((u) => [u.id, u]),
  );
  const members = new Set(
    (
      await services.db
        .selectFrom("rater_members")
        .select(["group_code", "user_id"])
        .where("campaign_id", "=", campaignId)
        .execute()
    ).map((m) => `${m.group_code}|${m.user_id}`),
  );
  const userIds = [...new Set(input.assignments.map((a) => a.userId))];
  const users = new Map(
    userIds.length === 0
      ? []
      : (
          await services.db
            .selectFrom("users")
            .leftJoin("organisations", "organisations.id", "users.organisation_id")
            .select(["users.id", "users.organisation_id", "organisations.path"])
            .where("users.id", "in", userIds)
            .execute()
        ).map((u) => [u.id, u]),
  );
  // A scheme without rater groups has the one group `review` (评估组) and no member list to join (setRaters
  // refuses it): anyone holding reviewer, organiser or viewer in the organiser's tree (or above it) may be assigned.
  const openGroup = campaign.scheme.raters === null;
  const eligible = new Set(
    !openGroup || userIds.length === 0
      ? []
      : (
          await services.db
            .selectFrom("role_grants")
            .innerJoin("users", "users.id", "role_grants.user_id")
            .leftJoin("organisations", "organisations.id", "role_grants.organisation_id")
            .select(["role_grants.user_id", "role_grants.role", "organisations.path", "users.disabled"])
            .where("role_grants.user_id", "in", userIds)
            .execute()
        )
          .filter(
            (g) =>
              !g.disabled &&
              (g.role === "admin" ||
                (RATER_ROLES.includes(g.role) &&
                  g.path !== null &&
                  (g.path.startsWith(campaign.organiserPath) || campaign.organiserPath.startsWith(g.path)))),
          )
          .map((g) => g.user_id),
  );
  const seen = new Set<string>();
  input.assignments.forEach((a, i) => {
    const at = `body.assignments[${i}]`;
    if (!groups.includes(a.groupCode)) {
      details.push({
        path: `${at}.groupCode`,
        message: `unknown rater group ${a.groupCode}; the scheme's groups: ${groups.join(", ")}`,
      });
      return;
    }
    const user = users.get(a.userId);
    if (user === undefined) {
      details.push({ path: `${at}.userId`, message: "no such user" });
      return;
    }
    if (openGroup && !eligible.has(a.userId)) {
      details.push({
        path: `${at}.userId`,
        message:
          "must hold reviewer, organiser or viewer within the organiser's organisations / 须为评审专家或组织方人员",
      });
    } else if (!openGroup && !members.has(`${a.groupCode}|${a.userId}`)) {
      details.push({
        path: `${at}.userId`,
        message: `not a member of rater group ${a.groupCode} / 不是该评分组成员`,
      });
    }
    if (seen.has(`${a.groupCode}|${a.userId}`)) {
      details.push({ path: at, message: "this reviewer and group appear twice" });
    }
    seen.add(`${a.groupCode}|${a.userId}`);
    a.organisationIds.forEach((orgId, j) => {
      const unit = units.get(orgId);
      if (unit === undefined) {
        details.push({
          path: `${at}.organisationIds[${j}]`,
          message: "not a unit evaluated in this campaign",
        });
      } else if (conflictOfInterest(user.organisation_id, user.path, orgId)) {
        details.push({
          path: `${at}.organisationIds[${j}]`,
          message: `conflict of interest: the reviewer belongs to ${unit.name} or an organisation below it / 回避：评审人不得评本单位及其上级单位`,
        });
      }
    });
  });
  if (details.length > 0) throw new AppError("validation", details);
  const before = await listAssignments(services, actor, campaignId);
  await write(services, authorOf(actor), async (w) => {
    const updated = await w.trx
      .updateTable("review_plans")
      .set((eb) => ({ version: eb("version", "+", 1) }))
      .where("campaign_id", "=", campaignId)
      .where("version", "=", input.version)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) {
      // The first replace creates the plan at version 2 from the implicit version 1.
      if (input.version !== 1) throw new AppError("stale_version");
      const inserted = await w.trx
        .insertInto("review_plans")
        .values({ campaign_id: campaignId, version: 2 })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      if (inserted.numInsertedOrUpdatedRows === 0n) throw new AppError("stale_version");
    }
    await w.trx.deleteFrom("review_assignments").where("campaign_id", "=", campaignId).execute();
    const rows = input.assignments.flatMap((a) =>
      [...new Set(a.organisationIds)].map((orgId) => ({
        campaign_id: campaignId,
        user_id: a.userId,
        group_code: a.groupCode,
        organisation_id: orgId,
      })),
    );
    if (rows.length > 0) await w.trx.insertInto("review_assignments").values(rows).execute();
    await w.audit({
      action: "review.assignments_replaced",
      entityType: "campaign",
      entityId: campaignId,
      organisationId: campaign.organiserId,
      campaignId,
      before: before.assignments,
      after: input.assignments,
    });
  });
  return listAssignments(services, actor, campaignId);
}

export interface MyReview {
  campaignId: string;
  campaignName: string;
  year: number;
  groupCode: string;
  organisationId: string;
  organisationCode: string;
  organisationName: string;
  selfEvaluationStatus: string | null;
  sheetVersion: number | null;
  submitted: boolean;
}

/** The signed-in reviewer's assigned units across campaigns. */
export async function myReviews(
  services: Services,
  actor: Actor,
  pageQuery: PageQuery,
): Promise<{ items: MyReview[]; total: number; limit: number; offset: number }> {
  const base = services.db.selectFrom("review_assignments as a").where("a.user_id", "=", actor.userId);
  const total = await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await base
    .innerJoin("campaigns as c", "c.id", "a.campaign_id")
    .innerJoin("organisations as o", "o.id", "a.organisation_id")
    .leftJoin("self_evaluations as s", (join) =>
      join.onRef("s.campaign_id", "=", "a.campaign_id").onRef("s.organisation_id", "=", "a.organisation_id"),
    )
    .leftJoin("review_sheets as r", (join) => join.on(assignedSheet))
    .select([
      "a.campaign_id",
      "c.name as campaign_name",
      "c.year",
      "a.group_code",
      "a.organisation_id",
      "o.code",
      "o.name",
      "s.status",
      "r.version as sheet_version",
      "r.submitted",
    ])
    .orderBy("c.year", "desc")
    .orderBy("c.name")
    .orderBy("a.group_code")
    .orderBy("o.code")
    .limit(pageQuery.limit)
    .offset(pageQuery.offset)
    .execute();
  return {
    items: rows.map((r) => ({
      campaignId: r.campaign_id,
      campaignName: r.campaign_name,
      year: r.year,
      groupCode: r.group_code,
      organisationId: r.organisation_id,
      organisationCode: r.code,
      organisationName: r.name,
      selfEvaluationStatus: r.status ?? null,
      sheetVersion: r.sheet_version ?? null,
      submitted: r.submitted ?? false,
    })),
    total: Number(total.n),
    limit: pageQuery.limit,
    offset: pageQuery.offset,
  };
}
