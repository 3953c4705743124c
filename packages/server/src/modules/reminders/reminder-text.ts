/**
 * What a reminder says, in Chinese (the users' language): its title and a line with the deadline in Beijing time,
 * the daily digest's summary, and the day the digest belongs to. China keeps UTC+8 all year, so Beijing's clock
 * is the instant moved by eight hours, whatever the server's time zone.
 */
import type { ReminderKind } from "../../db/schema.js";
import { documentDate } from "../../documents/house-style.js";

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** "2026年3月20日 18:00" in Beijing time. */
export function beijingTime(at: Date): string {
  const local = new Date(at.getTime() + BEIJING_OFFSET_MS);
  const hh = String(local.getUTCHours()).padStart(2, "0");
  const mm = String(local.getUTCMinutes()).padStart(2, "0");
  return `${documentDate(at)} ${hh}:${mm}`;
}

/** The hour (0–23) on Beijing's clock. */
export const beijingHour = (at: Date): number => new Date(at.getTime() + BEIJING_OFFSET_MS).getUTCHours();

/** Midnight of the Beijing day `at` falls on, as an instant: the digest's "due date", one per day. */
export function beijingDayStart(at: Date): Date {
  const local = at.getTime() + BEIJING_OFFSET_MS;
  return new Date(local - (local % 86_400_000) - BEIJING_OFFSET_MS);
}

const PREFIX: Record<Exclude<ReminderKind, "digest">, string> = {
  approaching: "即将到期",
  missed: "已逾期",
  escalated: "逾期督办",
};

export function reminderText(
  reminder: Exclude<ReminderKind, "digest">,
  title: string,
  dueAt: Date,
): { title: string; body: string } {
  const due = `截止时间：${beijingTime(dueAt)}（北京时间）`;
  const body = {
    approaching: `${due}，请在截止前完成。`,
    missed: `${due}，已超过期限，请尽快完成。`,
    escalated: `${due}，已超过期限仍未完成，请督促办理。`,
  }[reminder];
  return { title: `${PREFIX[reminder]}：${title}`, body };
}

export interface DigestContent {
  unread: number;
  /** Titles of the deadlines approaching for this user, with their due dates. */
  approaching: ReadonlyArray<{ title: string; dueAt: Date }>;
}

export function digestText(day: Date, content: DigestContent): { title: string; body: string } {
  const lines = [
    `您有 ${content.unread} 条未读提醒，${content.approaching.length} 项工作即将到期。`,
    ...content.approaching.map((a) => `· ${a.title}（截止 ${beijingTime(a.dueAt)}）`),
  ];
  return { title: `每日提醒（${documentDate(day)}）`, body: lines.join("\n") };
}
