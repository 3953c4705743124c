/**
 * The open work behind the to-do list and the reminders, in bulk: each function is one query over all running
 * campaigns, limited to subtrees (`roots`, null: everywhere) or to one reviewer (null: all), and optionally to
 * what falls due before a moment. /me/tasks asks for one person's share; the reminders ask for everyone's at once.
 */
import { type RawBuilder, type SqlBool, sql } from "kysely";
import type { Db } from "../../db/open-database.js";
import { inScope } from "../organisations/in-scope.js";
import { assignedSheet } from "../review/assigned-sheet.js";

/** The stage under which a self-evaluation can be edited is open ("st" the open stage, "se" the evaluation). */
const editableStage = sql<SqlBool>`(st.opened_at is not null and st.closed_at is null and (st.stage = 'self_evaluation' or (st.stage = 'preliminary' and se.status = 'returned')))`;

/** Due before `dueBefore` (no limit without it; things without a deadline never fall due). */
export const dueBy = (column: RawBuilder<unknown>, dueBefore: Date | undefined) =>
  dueBefore === undefined ? sql<SqlBool>`true` : sql<SqlBool>`${column} < ${dueBefore}`;

/** Where a unit's open work is, for titles, links and recipients: its campaign ("c") and the unit ("o"). */
export const unitWorkColumns = [
  "c.name as campaign_name",
  "c.year",
  "c.organiser_id",
  "o.id as organisation_id",
  "o.name as organisation_name",
  "o.path",
] as const;

/** Draft or returned self-evaluations of units under `roots` while they can be edited (自评 to do). */
export function openSelfEvaluations(db: Db, roots: readonly string[] | null, dueBefore?: Date) {
  return db
    .selectFrom("self_evaluations as se")
    .innerJoin("campaigns as c", "c.id", "se.campaign_id")
    .innerJoin("organisations as o", "o.id", "se.organisation_id")
    .innerJoin("campaign_stages as st", "st.campaign_id", "se.campaign_id")
    .select(unitWorkColumns)
    .select(["se.id", "se.status", "se.returned_reason", "se.campaign_id", "st.stage", "st.deadline"])
    .where("c.status", "=", "running")
    .where("se.status", "in", ["draft", "returned"])
    .where(() => editableStage)
    .where(() => inScope("o.path", roots))
    .where(() => dueBy(sql`st.deadline`, dueBefore))
    .execute();
}

/** Indicators and tables assigned to departments under `roots` (任务分解) in self-evaluations still editable. */
export function openAssignments(db: Db, roots: readonly string[] | null, dueBefore?: Date) {
  return db
    .selectFrom("task_assignments as ta")
    .innerJoin("self_evaluations as se", "se.id", "ta.self_evaluation_id")
    .innerJoin("organisations as d", "d.id", "ta.department_id")
    .innerJoin("organisations as o", "o.id", "se.organisation_id")
    .innerJoin("campaigns as c", "c.id", "se.campaign_id")
    .innerJoin("campaign_stages as st", "st.campaign_id", "se.campaign_id")
    .select(unitWorkColumns)
    .select([
      "ta.target",
      "ta.deadline",
      "ta.person",
      "se.id as self_evaluation_id",
      "se.status",
      "se.campaign_id",
      "c.scheme_version_id",
      "d.id as department_id",
      "d.name as department_name",
      "st.stage",
      "st.deadline as stage_deadline",
    ])
    .where("c.status", "=", "running")
    .where("se.status", "in", ["draft", "returned"])
    .where(() => editableStage)
    .where(() => inScope("d.path", roots))
    .where(() => dueBy(sql`coalesce(ta.deadline, st.deadline)`, dueBefore))
    .execute();
}

/** Reviewers' assigned units whose sheet is not submitted while 实地评估/复评 is open (one reviewer, or all). */
export function openReviews(db: Db, userId: string | null, dueBefore?: Date) {
  let query = db
    .selectFrom("review_assignments as a")
    .innerJoin("campaigns as c", "c.id", "a.campaign_id")
    .innerJoin("organisations as o", "o.id", "a.organisation_id")
    .innerJoin("campaign_stages as st", (join) =>
      join.onRef("st.campaign_id", "=", "a.campaign_id").on("st.stage", "=", "review"),
    )
    .leftJoin("review_sheets as r", (join) => join.on(assignedSheet))
    .select(unitWorkColumns)
    .select([
      "a.campaign_id",
      "a.group_code",
      "a.user_id",
      "c.scheme_version_id",
      "st.deadline",
      "r.id as sheet_id",
    ])
    .where("c.status", "=", "running")
    .where("st.opened_at", "is not", null)
    .where("st.closed_at", "is", null)
    .where((eb) => eb.or([eb("r.submitted", "is", null), eb("r.submitted", "=", false)]))
    .where(() => dueBy(sql`st.deadline`, dueBefore));
  if (userId !== null) query = query.where("a.user_id", "=", userId);
  return query.execute();
}

/** Open stages of running campaigns organised under `roots`, for their organisers to move on (推进). */
export function openStages(db: Db, roots: readonly string[] | null, dueBefore?: Date) {
  return db
    .selectFrom("campaign_stages as st")
    .innerJoin("campaigns as c", "c.id", "st.campaign_id")
    .innerJoin("organisations as co", "co.id", "c.organiser_id")
    .select([
      "st.campaign_id",
      "st.stage",
      "st.deadline",
      "c.name as campaign_name",
      "c.year",
      "c.organiser_id",
    ])
    .where("c.status", "=", "running")
    .where("st.opened_at", "is not", null)
    .where("st.closed_at", "is", null)
    .where(() => inScope("co.path", roots))
    .where(() => dueBy(sql`st.deadline`, dueBefore))
    .execute();
}
