/**
 * What the campaign's grading tab reads, each part only when the user may (a refused part is null): the runs,
 * the publicity period, the objections (organisers only, so it also tells the tab who may act), the units and the
 * scheme version (bonus items, veto names).
 */
import { api, call } from "../../api/client.js";
import { optional } from "../../api/optional.js";
import type { Campaign, ResponseOf } from "../../api/types.js";

export type Period = NonNullable<ResponseOf<"/api/v1/campaigns/{id}/publicity", "get">["period"]>;
export type Objection = ResponseOf<"/api/v1/campaigns/{id}/objections", "get">["items"][number];
export type CampaignUnit = ResponseOf<"/api/v1/campaigns/{id}/units", "get">["items"][number];
export type SchemeVersion = ResponseOf<"/api/v1/scheme-versions/{id}", "get">;
export type BonusItem = NonNullable<SchemeVersion["bonus"]>["items"][number];

export async function loadGrading(campaign: Campaign) {
  const path = { id: campaign.id };
  const [runs, publicity, objections, units, version] = await Promise.all([
    optional(
      call(api.GET("/api/v1/campaigns/{id}/grading-runs", { params: { path, query: { limit: 500 } } })),
    ),
    optional(call(api.GET("/api/v1/campaigns/{id}/publicity", { params: { path } }))),
    optional(call(api.GET("/api/v1/campaigns/{id}/objections", { params: { path, query: { limit: 500 } } }))),
    optional(call(api.GET("/api/v1/campaigns/{id}/units", { params: { path, query: { limit: 500 } } }))),
    optional(
      call(api.GET("/api/v1/scheme-versions/{id}", { params: { path: { id: campaign.schemeVersionId } } })),
    ),
  ]);
  return {
    runs: runs?.items ?? null,
    period: publicity?.period ?? null,
    objections: objections?.items ?? null,
    units: (units?.items ?? []).filter((u) => u.role === "evaluated"),
    version,
  };
}

export type GradingData = Awaited<ReturnType<typeof loadGrading>>;

export type PeriodState = "before" | "running" | "ended";

export function periodState(period: Period, now = Date.now()): PeriodState {
  if (now < new Date(period.startsAt).getTime()) return "before";
  return now < new Date(period.endsAt).getTime() ? "running" : "ended";
}

/** The open stage's code, or null. */
export function openStage(campaign: Campaign): string | null {
  return campaign.stages.find((s) => s.openedAt !== null && s.closedAt === null)?.stage ?? null;
}

/**
 * A run's reason for the screen: a corrected run's reason starts with the objection's id and a bilingual label,
 * made by the server for the record; the screen names it as an objection correction instead.
 */
export function runReason(
  run: { reason: string | null; objectionId: string | null },
  label: string,
): string | null {
  if (run.reason === null || run.objectionId === null) return run.reason;
  const own = /^异议 \S+ 成立 \/ objection upheld: ([\s\S]*)$/.exec(run.reason);
  return own === null ? run.reason : `${label}：${own[1]}`;
}
