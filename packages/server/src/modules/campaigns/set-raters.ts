/**
 * 评分人: the members of the scheme's rater groups (县总工会领导 / 其他申报单位 / 部室负责人 …). Members are people
 * holding reviewer, organiser or viewer in the organiser's subtree (or above it). The whole membership is replaced;
 * it can change until the review stage opens.
 */
import type { Actor } from "../../access/actor.js";
import { authorOf } from "../../access/actor.js";
import type { Services } from "../../context.js";
import type { Role } from "../../db/schema.js";
import { AppError, type ErrorDetail } from "../../errors.js";
import { write } from "../../write.js";
import type { CampaignView } from "./present-campaign.js";
import { getCampaign } from "./read-campaigns.js";
import { isReached, wrongStage } from "./stages.js";
import { bumpCampaign, campaignForWrite } from "./update-campaign.js";

export const RATER_ROLES: readonly Role[] = ["reviewer", "organiser", "viewer"];

export interface RatersChange {
  version: number;
  /** Group code → user ids; groups left out end up empty. */
  groups: Record<string, string[]>;
}

export async function setRaters(
  services: Services,
  actor: Actor,
  campaignId: string,
  change: RatersChange,
): Promise<CampaignView> {
  const campaign = await campaignForWrite(services, actor, campaignId, change.version);
  if (isReached(campaign.stages, "review"))
    throw wrongStage("评审阶段已开始，评分人不能再调整", "The review stage has opened; raters are fixed");
  const known = new Set((campaign.scheme.raters?.groups ?? []).map((g) => g.code));
  const problems: ErrorDetail[] = [];
  const userIds = [...new Set(Object.values(change.groups).flat())];
  const grants =
    userIds.length === 0
      ? []
      : await services.db
          .selectFrom("role_grants")
          .innerJoin("users", "users.id", "role_grants.user_id")
          .leftJoin("organisations", "organisations.id", "role_grants.organisation_id")
          .select(["role_grants.user_id", "role_grants.role", "organisations.path", "users.disabled"])
          .where("role_grants.user_id", "in", userIds)
          .execute();
  const existing = new Set(
    (userIds.length === 0
      ? []
      : await services.db.selectFrom("users").select("id").where("id", "in", userIds).execute()
    ).map((u) => u.id),
  );
  const eligible = (userId: string) =>
    grants.some(
      (g) =>
        g.user_id === userId &&
        !g.disabled &&
        (g.role === "admin" ||
          (RATER_ROLES.includes(g.role) &&
            g.path !== null &&
            (g.path.startsWith(campaign.organiserPath) || campaign.organiserPath.startsWith(g.path)))),
    );
  const rows: Array<{ campaign_id: string; group_code: string; user_id: string }> = [];
  for (const [code, members] of Object.entries(change.groups)) {
    if (!known.has(code)) {
      problems.push({
        path: `body.groups.${code}`,
        message:
          known.size === 0
            ? "the scheme has no rater groups / 该指标体系未设评分组"
            : `not one of the scheme's rater groups ${[...known].join(", ")} / 评分组不存在`,
      });
      continue;
    }
    const seen = new Set<string>();
    members.forEach((userId, i) => {
      if (seen.has(userId)) return;
      seen.add(userId);
      if (!existing.has(userId))
        problems.push({ path: `body.groups.${code}.${i}`, message: "no such user / 用户不存在" });
      else if (!eligible(userId))
        problems.push({
          path: `body.groups.${code}.${i}`,
          message:
            "must hold reviewer, organiser or viewer within the organiser's organisations / 须为评审专家或组织方人员",
        });
      else rows.push({ campaign_id: campaign.id, group_code: code, user_id: userId });
    });
  }
  if (problems.length > 0) throw new AppError("validation", problems);
  await write(services, authorOf(actor), async (w) => {
    await bumpCampaign(w, campaign);
    const before = await w.trx
      .selectFrom("rater_members")
      .select(["group_code", "user_id"])
      .where("campaign_id", "=", campaign.id)
      .orderBy("group_code")
      .orderBy("user_id")
      .execute();
    await w.trx.deleteFrom("rater_members").where("campaign_id", "=", campaign.id).execute();
    if (rows.length > 0) await w.trx.insertInto("rater_members").values(rows).execute();
    await w.audit({
      action: "campaign.raters_set",
      entityType: "campaign",
      entityId: campaign.id,
      organisationId: campaign.organiserId,
      campaignId: campaign.id,
      before,
      after: change.groups,
    });
  });
  return getCampaign(services, actor, campaignId);
}
