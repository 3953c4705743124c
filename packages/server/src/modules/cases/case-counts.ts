/**
 * A case type's counts per responsible unit over a period, in one grouped query: cases received in the period
 * (from inclusive, to exclusive), of those the ones closed so far, closed on time (closed no later than their
 * 办结时限) and closed with the citizen revisited. Cases not yet dispatched have no unit and are not counted.
 */
import type { CaseCounts } from "@kaoping/core";
import { sql } from "kysely";
import type { Db } from "../../db/open-database.js";

export interface CasePeriod {
  from: Date;
  to: Date;
}

/** Calendar years are China's: a year runs from 1 January 00:00 Beijing time (UTC+8). */
export const yearPeriod = (year: number): CasePeriod => ({
  from: new Date(`${year}-01-01T00:00:00+08:00`),
  to: new Date(`${year + 1}-01-01T00:00:00+08:00`),
});

export const beijingYear = (at: Date): number => new Date(at.getTime() + 8 * 3_600_000).getUTCFullYear();

/** "2026年" for a whole year, otherwise "2026-01-01至2026-06-30" (Beijing dates, the last day included). */
export function periodLabel(period: CasePeriod): string {
  const beijing = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const year = Number(beijing(period.from).slice(0, 4));
  const whole = yearPeriod(year);
  if (whole.from.getTime() === period.from.getTime() && whole.to.getTime() === period.to.getTime())
    return `${year}年`;
  return `${beijing(period.from)}至${beijing(new Date(period.to.getTime() - 1))}`;
}

export async function caseCounts(
  db: Db,
  typeId: string,
  period: CasePeriod,
  unitIds?: ReadonlyArray<string>,
): Promise<Map<string, CaseCounts>> {
  if (unitIds !== undefined && unitIds.length === 0) return new Map();
  let query = db
    .selectFrom("cases")
    .select([
      "unit_id",
      sql<string>`count(*)`.as("received"),
      sql<string>`count(closed_at)`.as("closed"),
      sql<string>`count(*) filter (where closed_at <= due_at)`.as("closed_on_time"),
      sql<string>`count(*) filter (where closed_at is not null and revisited)`.as("revisited"),
    ])
    .where("case_type_id", "=", typeId)
    .where("received_at", ">=", period.from)
    .where("received_at", "<", period.to)
    .where("unit_id", "is not", null)
    .groupBy("unit_id");
  if (unitIds !== undefined) query = query.where("unit_id", "in", [...unitIds]);
  const rows = await query.execute();
  return new Map(
    rows.map((r) => [
      r.unit_id as string,
      {
        received: Number(r.received),
        closed: Number(r.closed),
        closedOnTime: Number(r.closed_on_time),
        revisited: Number(r.revisited),
      },
    ]),
  );
}

export const NO_CASES: CaseCounts = { received: 0, closed: 0, closedOnTime: 0, revisited: 0 };
