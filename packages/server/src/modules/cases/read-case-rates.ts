/**
 * The rates table of a case type: each unit directly below the owner (and any other unit with cases) with its
 * counts and rates over a period; a unit with no case received has no rate. Organisers and viewers of the owner.
 */
import { caseRates, ratePercent } from "@kaoping/core";
import type { Actor } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { invalid } from "../../errors.js";
import { loadCaseType, requireCenterReader } from "./case-access.js";
import { beijingYear, caseCounts, NO_CASES, periodLabel, yearPeriod } from "./case-counts.js";

export interface CaseRateRow {
  organisationId: string;
  organisationName: string;
  received: number;
  closed: number;
  closedOnTime: number;
  revisited: number;
  /** Exact decimals (null: no rate); the percentages are rounded half-up to 2 places. */
  closeRate: string | null;
  onTimeRate: string | null;
  revisitRate: string | null;
  closePercent: string | null;
  onTimePercent: string | null;
  revisitPercent: string | null;
}

export async function readCaseRates(
  services: Services,
  actor: Actor,
  typeId: string,
  query: { year?: number | undefined; from?: string | undefined; to?: string | undefined },
) {
  const type = await loadCaseType(services.db, typeId);
  requireCenterReader(actor, type);
  if ((query.from === undefined) !== (query.to === undefined))
    throw invalid(query.from === undefined ? "query.from" : "query.to", "give both from and to, or a year");
  const period =
    query.from !== undefined && query.to !== undefined
      ? { from: new Date(query.from), to: new Date(query.to) }
      : yearPeriod(query.year ?? beijingYear(services.clock.now()));
  if (period.to.getTime() <= period.from.getTime()) throw invalid("query.to", "must be after from");
  const counts = await caseCounts(services.db, typeId, period);
  const units = await services.db
    .selectFrom("organisations")
    .select(["id", "name", "path"])
    .where((eb) =>
      eb.or([eb("parent_id", "=", type.ownerId), eb("id", "in", [type.ownerId, ...counts.keys()])]),
    )
    .where("id", "!=", type.ownerId)
    .orderBy("code")
    .execute();
  const rows: CaseRateRow[] = units.map((unit) => {
    const c = counts.get(unit.id) ?? NO_CASES;
    // A type without a 回访 stage has no 回访率.
    const rates = {
      ...caseRates(c),
      ...(type.definition.revisitStage === null ? { revisitRate: null } : {}),
    };
    return {
      organisationId: unit.id,
      organisationName: unit.name,
      ...c,
      ...rates,
      closePercent: ratePercent(rates.closeRate),
      onTimePercent: ratePercent(rates.onTimeRate),
      revisitPercent: ratePercent(rates.revisitRate),
    };
  });
  return {
    typeId,
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    label: periodLabel(period),
    rows,
  };
}
