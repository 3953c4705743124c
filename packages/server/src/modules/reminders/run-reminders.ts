/**
 * One reminder run at the clock's now: every source's open deadlines falling due within the lead time, each
 * recipient told once that it is approaching (due within `leadDays`, not yet due) and once that it is missed (due
 * and still open), the `escalateTo` people once that it was missed (逾期督办); then, from the digest hour on, one
 * daily digest per user with unread reminders or approaching deadlines (每日提醒); then the e-mail for what is new.
 * "Once" is the table's unique key (user, deadline key, reminder, due date): a repeated run, or two servers running
 * at once, insert nothing twice, and only the run that inserted a reminder mails it.
 */

import type { Insertable } from "kysely";
import type { Services } from "../../context.js";
import type { NotificationTable } from "../../db/schema.js";
import type { Deadline } from "./deadline-source.js";
import { grantHolders } from "./recipients.js";
import { mailReminders, type NewReminder } from "./reminder-mail.js";
import { beijingDayStart, beijingHour, digestText, reminderText } from "./reminder-text.js";
import { deadlineSources } from "./sources.js";

const DAY_MS = 86_400_000;
const CHUNK = 1000;

export interface RunSummary {
  /** Open deadlines looked at (approaching or missed). */
  deadlines: number;
  /** Reminders created by this run, digests included. */
  created: number;
  digests: number;
  mailed: number;
  mailFailed: number;
}

type Row = Insertable<NotificationTable>;

async function insertOnce(services: Services, rows: Row[]): Promise<NewReminder[]> {
  const created: NewReminder[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    created.push(
      ...(await services.db
        .insertInto("notifications")
        .values(rows.slice(i, i + CHUNK))
        .onConflict((oc) => oc.columns(["user_id", "deadline_key", "reminder", "due_at"]).doNothing())
        .returning(["id", "user_id", "title", "body", "link"])
        .execute()),
    );
  }
  return created;
}

function reminderRows(
  deadlines: ReadonlyArray<Deadline>,
  holders: (r: Deadline["recipients"][number]) => string[],
  now: Date,
): Row[] {
  const rows: Row[] = [];
  for (const d of deadlines) {
    const missed = d.dueAt.getTime() <= now.getTime();
    const people = new Set(d.recipients.flatMap(holders));
    const row = (userId: string, reminder: "approaching" | "missed" | "escalated"): Row => ({
      user_id: userId,
      deadline_key: d.key,
      source_kind: d.kind,
      reminder,
      due_at: d.dueAt,
      ...reminderText(reminder, d.title, d.dueAt),
      link: d.link,
      created_at: now,
    });
    for (const userId of people) rows.push(row(userId, missed ? "missed" : "approaching"));
    if (missed)
      for (const userId of new Set((d.escalateTo ?? []).flatMap(holders)))
        if (!people.has(userId)) rows.push(row(userId, "escalated"));
  }
  return rows;
}

/** Today's digests for users with unread reminders or approaching deadlines who have none yet today. */
async function digestRows(services: Services, now: Date, approaching: ReadonlyArray<Row>): Promise<Row[]> {
  const day = beijingDayStart(now);
  const { db } = services;
  const [unread, done] = await Promise.all([
    db
      .selectFrom("notifications")
      .select(["user_id", (eb) => eb.fn.countAll<string>().as("n")])
      .where("read_at", "is", null)
      .where("reminder", "!=", "digest")
      .groupBy("user_id")
      .execute(),
    db
      .selectFrom("notifications")
      .select("user_id")
      .where("reminder", "=", "digest")
      .where("due_at", "=", day)
      .execute(),
  ]);
  const already = new Set(done.map((r) => r.user_id));
  const content = new Map<string, { unread: number; approaching: Array<{ title: string; dueAt: Date }> }>();
  const of = (userId: string) => {
    const c = content.get(userId) ?? { unread: 0, approaching: [] };
    content.set(userId, c);
    return c;
  };
  for (const r of unread) of(r.user_id).unread = Number(r.n);
  for (const r of approaching) of(r.user_id).approaching.push({ title: r.title, dueAt: new Date(r.due_at) });
  const rows: Row[] = [];
  for (const [userId, c] of content) {
    if (already.has(userId)) continue;
    c.approaching.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
    rows.push({
      user_id: userId,
      deadline_key: "digest",
      source_kind: "digest",
      reminder: "digest",
      due_at: day,
      ...digestText(day, c),
      link: "/",
      created_at: now,
    });
  }
  return rows;
}

export async function runReminders(services: Services): Promise<RunSummary> {
  const now = services.clock.now();
  const { leadDays, digestHour } = services.config.reminders;
  const until = new Date(now.getTime() + leadDays * DAY_MS + 1);
  const deadlines = (await Promise.all(deadlineSources.map((s) => s.open(services.db, until)))).flat();
  const holders = await grantHolders(
    services.db,
    deadlines.flatMap((d) => [...d.recipients, ...(d.escalateTo ?? [])]),
  );
  const rows = reminderRows(deadlines, holders, now);
  const created = await insertOnce(services, rows);
  let digests: NewReminder[] = [];
  if (beijingHour(now) >= digestHour)
    digests = await insertOnce(
      services,
      await digestRows(
        services,
        now,
        rows.filter((r) => r.reminder === "approaching"),
      ),
    );
  const mailed = await mailReminders(services, [...created, ...digests]);
  return {
    deadlines: deadlines.length,
    created: created.length + digests.length,
    digests: digests.length,
    mailed: mailed.sent,
    mailFailed: mailed.failed,
  };
}
