/** How an assignment meets the score sheet it asks for, for the queries that look for sheets not yet submitted. */
import { type SqlBool, sql } from "kysely";

/**
 * An assignment ("a") and its reviewer's sheet ("r"): the same campaign, unit, reviewer and rater group. Raw SQL,
 * since Kysely cannot check column references for a join shared by queries over different tables.
 */
export const assignedSheet = sql<SqlBool>`(r.campaign_id = a.campaign_id and r.organisation_id = a.organisation_id and r.user_id = a.user_id and r.group_code = a.group_code)`;
