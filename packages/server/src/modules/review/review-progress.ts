/**
 * 评审进度: per evaluated unit and rater group, how many reviewers are assigned, how many have saved a sheet and
 * how many submitted it. For the campaign's organisers and viewers (the organiser's review tab).
 */
import type { Actor } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { loadCampaign, requireCampaignViewer } from "../campaigns/campaign-context.js";
import { assignedSheet } from "./assigned-sheet.js";
import { groupCodes } from "./review-rules.js";

export interface GroupProgress {
  groupCode: string;
  assigned: number;
  saved: number;
  submitted: number;
}

export interface UnitReviewProgress {
  organisationId: string;
  code: string;
  name: string;
  category: string | null;
  selfEvaluationStatus: string | null;
  groups: GroupProgress[];
}

export async function reviewProgress(
  services: Services,
  actor: Actor,
  campaignId: string,
): Promise<{ groups: string[]; units: UnitReviewProgress[] }> {
  const campaign = await loadCampaign(services.db, campaignId);
  requireCampaignViewer(actor, campaign);
  const groups = groupCodes(campaign.scheme);
  const units = await services.db
    .selectFrom("campaign_units as u")
    .innerJoin("organisations as o", "o.id", "u.organisation_id")
    .leftJoin("self_evaluations as s", (join) =>
      join.onRef("s.campaign_id", "=", "u.campaign_id").onRef("s.organisation_id", "=", "u.organisation_id"),
    )
    .select(["o.id", "o.code", "o.name", "u.category", "s.status"])
    .where("u.campaign_id", "=", campaignId)
    .where("u.role", "=", "evaluated")
    .orderBy("o.code")
    .execute();
  const rows = await services.db
    .selectFrom("review_assignments as a")
    .leftJoin("review_sheets as r", (join) => join.on(assignedSheet))
    .select(["a.organisation_id", "a.group_code", "r.id as sheet_id", "r.submitted"])
    .where("a.campaign_id", "=", campaignId)
    .execute();
  const counts = new Map<string, GroupProgress>();
  for (const row of rows) {
    const key = `${row.organisation_id}|${row.group_code}`;
    const entry = counts.get(key) ?? { groupCode: row.group_code, assigned: 0, saved: 0, submitted: 0 };
    entry.assigned += 1;
    if (row.sheet_id !== null) entry.saved += 1;
    if (row.submitted === true) entry.submitted += 1;
    counts.set(key, entry);
  }
  return {
    groups,
    units: units.map((u) => ({
      organisationId: u.id,
      code: u.code,
      name: u.name,
      category: u.category,
      selfEvaluationStatus: u.status ?? null,
      groups: groups.map(
        (g) => counts.get(`${u.id}|${g}`) ?? { groupCode: g, assigned: 0, saved: 0, submitted: 0 },
      ),
    })),
  };
}
