/**
 * 我的提醒: the signed-in person's reminders, newest first with the unread count, and marking them read — one, or
 * all at once. Reading is the person's own business on their own rows, so it is not audited.
 */
import { z } from "zod";
import type { Actor } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { forbidden, notFound } from "../../errors.js";

export const NotificationView = z.object({
  id: z.string(),
  /** approaching (即将到期), missed (已逾期), escalated (逾期督办) or digest (每日提醒). */
  reminder: z.enum(["approaching", "missed", "escalated", "digest"]),
  /** What the deadline belongs to: stage, self_evaluation, review, assignment, … or digest. */
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** Where it is done in the web app. */
  link: z.string(),
  dueAt: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationView = z.infer<typeof NotificationView>;

const iso = (d: Date | string) => new Date(d).toISOString();

export async function myNotifications(
  services: Services,
  actor: Actor,
  query: { limit: number; offset: number; unreadOnly?: boolean | undefined },
) {
  let base = services.db.selectFrom("notifications").where("user_id", "=", actor.userId);
  const counts = await base
    .select((eb) => [
      eb.fn.countAll<string>().as("total"),
      eb.fn.count<string>("id").filterWhere("read_at", "is", null).as("unread"),
    ])
    .executeTakeFirstOrThrow();
  if (query.unreadOnly === true) base = base.where("read_at", "is", null);
  const rows = await base
    .selectAll()
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  return {
    items: rows.map(
      (r): NotificationView => ({
        id: r.id,
        reminder: r.reminder,
        kind: r.source_kind,
        title: r.title,
        body: r.body,
        link: r.link,
        dueAt: iso(r.due_at),
        createdAt: iso(r.created_at),
        readAt: r.read_at === null ? null : iso(r.read_at),
      }),
    ),
    total: Number(query.unreadOnly === true ? counts.unread : counts.total),
    limit: query.limit,
    offset: query.offset,
    unread: Number(counts.unread),
  };
}

/** Marks one of one's own reminders read (again: no change); someone else's is refused, even to an admin. */
export async function markRead(services: Services, actor: Actor, id: string): Promise<void> {
  const row = await services.db
    .selectFrom("notifications")
    .select("user_id")
    .where("id", "=", id)
    .executeTakeFirst();
  if (row === undefined) throw notFound("notification");
  if (row.user_id !== actor.userId)
    throw forbidden("a reminder can only be marked read by the person it was sent to");
  await services.db
    .updateTable("notifications")
    .set({ read_at: services.clock.now() })
    .where("id", "=", id)
    .where("read_at", "is", null)
    .execute();
}

/** Marks all of one's unread reminders read; returns how many. */
export async function markAllRead(services: Services, actor: Actor): Promise<number> {
  const result = await services.db
    .updateTable("notifications")
    .set({ read_at: services.clock.now() })
    .where("user_id", "=", actor.userId)
    .where("read_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
