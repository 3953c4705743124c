/**
 * 提醒: anything with a deadline that someone must meet — an open stage, a department's assignment, a reviewer's
 * sheet, a rectification item, a case's stage. Each area describes its open deadlines as a source; the reminders
 * module decides when to tell whom (approaching, missed, escalated) and never sends the same reminder twice.
 */
import type { Db } from "../../db/open-database.js";
import type { Role } from "../../db/schema.js";

/** Who is told: named people, or everyone holding one of the roles directly over an organisation. */
export type Recipients =
  | { userIds: ReadonlyArray<string> }
  | { organisationId: string; roles: ReadonlyArray<Role> };

export interface Deadline {
  /** Stable identity of the thing, e.g. `rectification:<id>`; with the deadline it keys a reminder sent once. */
  key: string;
  /** What kind of thing it is: stage, assignment, review, rectification, case… */
  kind: string;
  /** What must be done, in Chinese, e.g. "整改事项“校舍安全隐患”". */
  title: string;
  dueAt: Date;
  /** The people who must act. */
  recipients: ReadonlyArray<Recipients>;
  /** Told as well once the deadline is missed (逾期督办), usually the campaign's organisers. */
  escalateTo?: ReadonlyArray<Recipients>;
  /** Where it is done, a path in the web app ("/campaigns/…"). */
  link: string;
}

export interface DeadlineSource {
  /** Things still open whose deadline falls before `until` (missed ones included). */
  open(db: Db, until: Date): Promise<Deadline[]>;
}
