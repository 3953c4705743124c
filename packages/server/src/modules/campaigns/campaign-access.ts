/**
 * Who sees which campaigns: organisers and viewers over the organising body; unit people (unit_head, unit_staff,
 * department_staff) of a unit taking part (a department below a unit sees its unit's campaigns); reviewers who are
 * rater members or have review assignments. Administrators see everything.
 */
import { type Expression, type SqlBool, sql } from "kysely";
import type { Actor } from "../../access/actor.js";
import { isAdmin, scopeRoots } from "../../access/scope.js";
import type { Db } from "../../db/open-database.js";
import type { Role } from "../../db/schema.js";
import { forbidden } from "../../errors.js";
import { inScope } from "../organisations/in-scope.js";

export const UNIT_ROLES: readonly Role[] = ["unit_head", "unit_staff", "department_staff"];
export const OVERSIGHT_ROLES: readonly Role[] = ["organiser", "viewer"];

const like = (root: string) => `${root.replace(/[\\%_]/g, "\\$&")}%`;

/**
 * A condition on a query over `campaigns` (the table under that name): the actor may see the campaign. Null means
 * no restriction (an administrator).
 */
export function campaignVisibleTo(actor: Actor): Expression<SqlBool> | null {
  if (isAdmin(actor)) return null;
  const oversight = scopeRoots(actor, OVERSIGHT_ROLES) ?? [];
  const unitRoots = scopeRoots(actor, UNIT_ROLES) ?? [];
  const conditions: Expression<SqlBool>[] = [];
  if (oversight.length > 0) {
    conditions.push(
      sql<SqlBool>`exists (select 1 from organisations co where co.id = campaigns.organiser_id and ${inScope(
        "co.path",
        oversight,
      )})`,
    );
  }
  if (unitRoots.length > 0) {
    // The unit lies in the grant's subtree, or the grant is at a department inside the unit.
    const matches = unitRoots.map(
      (root) => sql<SqlBool>`(uo.path like ${like(root)} or ${root} like uo.path || '%')`,
    );
    conditions.push(
      sql<SqlBool>`exists (select 1 from campaign_units cu join organisations uo on uo.id = cu.organisation_id
        where cu.campaign_id = campaigns.id and (${sql.join(matches, sql` or `)}))`,
    );
  }
  conditions.push(
    sql<SqlBool>`exists (select 1 from rater_members rm where rm.campaign_id = campaigns.id and rm.user_id = ${actor.userId})`,
    sql<SqlBool>`exists (select 1 from review_assignments ra where ra.campaign_id = campaigns.id and ra.user_id = ${actor.userId})`,
  );
  return sql<SqlBool>`(${sql.join(conditions, sql` or `)})`;
}

export async function canSeeCampaign(db: Db, actor: Actor, campaignId: string): Promise<boolean> {
  const visible = campaignVisibleTo(actor);
  let query = db.selectFrom("campaigns").select("campaigns.id").where("campaigns.id", "=", campaignId);
  if (visible !== null) query = query.where(() => visible);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function requireCampaignVisible(db: Db, actor: Actor, campaignId: string): Promise<void> {
  if (!(await canSeeCampaign(db, actor, campaignId))) throw forbidden("outside this campaign");
}
