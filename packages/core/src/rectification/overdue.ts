/**
 * 逾期: an item the unit has not reported by its deadline. Once reported the unit has done its part; an item reopened
 * by a failed verification is overdue again if its deadline has passed meanwhile.
 */
import { isOpenRectification, type RectificationStatus } from "./lifecycle.js";

export function isRectificationOverdue(
  item: { status: RectificationStatus; deadline: Date },
  now: Date,
): boolean {
  return isOpenRectification(item.status) && now.getTime() > item.deadline.getTime();
}

/** The last instant of a calendar day in China (UTC+8): a deadline given as "2026-09-30" ends at 24:00 there. */
export function endOfChinaDay(isoDate: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (match === null) throw new RangeError(`not a date: ${isoDate}`);
  const [, y, m, d] = match;
  const start = Date.UTC(Number(y), Number(m) - 1, Number(d));
  if (new Date(start).toISOString().slice(0, 10) !== isoDate) throw new RangeError(`not a date: ${isoDate}`);
  return new Date(start + 24 * 3600_000 - 8 * 3600_000 - 1);
}

/** The calendar day in China (YYYY-MM-DD) of an instant. */
export const chinaDay = (at: Date): string =>
  new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
