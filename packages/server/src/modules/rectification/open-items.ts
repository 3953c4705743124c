/**
 * Open rectification work in bulk, for the to-do list and the reminders: each function is one query over every
 * started campaign (running or published, since rectification follows publication), limited to subtrees (`roots`,
 * null: everywhere) and optionally to what falls due before a moment.
 */
import { sql } from "kysely";
import type { Db } from "../../db/open-database.js";
import { inScope } from "../organisations/in-scope.js";
import { dueBy, unitWorkColumns } from "../tasks/open-work.js";

const itemsOf = (db: Db, roots: readonly string[] | null, scopeColumn: "o.path" | "co.path") =>
  db
    .selectFrom("rectification_items as ri")
    .innerJoin("campaigns as c", "c.id", "ri.campaign_id")
    .innerJoin("organisations as co", "co.id", "c.organiser_id")
    .innerJoin("organisations as o", "o.id", "ri.organisation_id")
    .select(unitWorkColumns)
    .select([
      "ri.id",
      "ri.status",
      "ri.indicator_code",
      "ri.problem",
      "ri.deadline",
      "ri.last_verdict",
      "ri.campaign_id",
    ])
    .where("c.status", "in", ["running", "published"])
    .where(() => inScope(scopeColumn, roots));

/** Items not yet reported (待整改, 整改中) in the subtrees of `scopeColumn`, due before `dueBefore` if given. */
const unreportedItems = (
  db: Db,
  roots: readonly string[] | null,
  scopeColumn: "o.path" | "co.path",
  dueBefore: Date | undefined,
) =>
  itemsOf(db, roots, scopeColumn)
    .where("ri.status", "in", ["pending", "in_progress"])
    .where(() => dueBy(sql`ri.deadline`, dueBefore))
    .orderBy("ri.deadline")
    .orderBy("ri.id")
    .execute();

/** Items the units under `roots` still have to rectify (待整改, 整改中). */
export function openItems(db: Db, roots: readonly string[] | null, dueBefore?: Date) {
  return unreportedItems(db, roots, "o.path", dueBefore);
}

/** Items of campaigns organised under `roots` that are overdue: not reported by their deadline. */
export function overdueItems(db: Db, roots: readonly string[] | null, now: Date) {
  return unreportedItems(db, roots, "co.path", now);
}

/** Items of campaigns organised under `roots` reported done and awaiting the organiser's verification. */
export function reportedItems(db: Db, roots: readonly string[] | null) {
  return itemsOf(db, roots, "co.path")
    .select("ri.reported_at")
    .where("ri.status", "=", "reported")
    .orderBy("ri.reported_at")
    .orderBy("ri.id")
    .execute();
}

/** A short title for an item: its indicator code (or 综合) and the start of its problem. */
export function itemTitle(item: { indicator_code: string | null; problem: string }): string {
  const problem = item.problem.length > 40 ? `${item.problem.slice(0, 40)}…` : item.problem;
  return `${item.indicator_code ?? "综合"}：${problem}`;
}
