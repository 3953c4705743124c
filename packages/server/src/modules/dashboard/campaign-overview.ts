/**
 * A campaign at a glance for the leaders' dashboard of running campaigns: its stages with their dates (and which
 * are past their deadline while not closed), the units by self-evaluation status (and how many are late), the
 * review sheets expected, saved and submitted (and the units whose every sheet is in), the objections by status
 * and the latest grading run. For the campaign's organisers and viewers over the organising body. A constant
 * number of queries, whatever the number of units.
 */
import type { Actor } from "../../access/actor.js";
import type { Services } from "../../context.js";
import type { SelfEvaluationStatus } from "../../db/schema.js";
import { loadCampaign, requireCampaignViewer } from "../campaigns/campaign-context.js";
import { presentStage, type StageView } from "../campaigns/present-campaign.js";
import { currentStage } from "../campaigns/stages.js";
import { assignedSheet } from "../review/assigned-sheet.js";

export interface CampaignOverview {
  campaignId: string;
  name: string;
  year: number;
  status: "draft" | "running" | "published";
  currentStage: string | null;
  now: string;
  stages: Array<StageView & { open: boolean; overdue: boolean }>;
  units: { total: number; evaluated: number; reporting: number };
  selfEvaluations: Record<"notStarted" | SelfEvaluationStatus | "late", number>;
  review: {
    /** Sheets expected: one per assignment (reviewer × group × unit). */
    sheets: number;
    saved: number;
    submitted: number;
    /** Units with at least one assignment, and those whose every assigned sheet is submitted. */
    unitsAssigned: number;
    unitsComplete: number;
  };
  objections: { pending: number; upheld: number; rejected: number };
  latestRun: { id: string; number: number; createdAt: string } | null;
}

const DONE = new Set(["submitted", "accepted"]);

export async function campaignOverview(
  services: Services,
  actor: Actor,
  campaignId: string,
): Promise<CampaignOverview> {
  const db = services.db;
  const campaign = await loadCampaign(db, campaignId);
  requireCampaignViewer(actor, campaign);
  const now = services.clock.now();
  const past = (d: Date | null) => d !== null && now.getTime() > new Date(d).getTime();
  const selfStage = campaign.stages.find((s) => s.stage === "self_evaluation");
  const selfLate = selfStage !== undefined && past(selfStage.deadline);

  const units = await db
    .selectFrom("campaign_units as cu")
    .leftJoin("self_evaluations as se", (join) =>
      join
        .onRef("se.campaign_id", "=", "cu.campaign_id")
        .onRef("se.organisation_id", "=", "cu.organisation_id"),
    )
    .select(["cu.role", "se.status", (eb) => eb.fn.countAll<string>().as("n")])
    .where("cu.campaign_id", "=", campaignId)
    .groupBy(["cu.role", "se.status"])
    .execute();
  const unitCounts = { total: 0, evaluated: 0, reporting: 0 };
  const selfEvaluations: CampaignOverview["selfEvaluations"] = {
    notStarted: 0,
    draft: 0,
    submitted: 0,
    returned: 0,
    accepted: 0,
    late: 0,
  };
  for (const row of units) {
    const n = Number(row.n);
    unitCounts.total += n;
    unitCounts[row.role] += n;
    selfEvaluations[row.status ?? "notStarted"] += n;
    if (selfLate && (row.status === null || !DONE.has(row.status))) selfEvaluations.late += n;
  }

  const sheets = await db
    .selectFrom("review_assignments as a")
    .leftJoin("review_sheets as r", (join) => join.on(assignedSheet))
    .select(["a.organisation_id", "r.id", "r.submitted"])
    .where("a.campaign_id", "=", campaignId)
    .execute();
  const pendingUnits = new Set<string>();
  const assignedUnits = new Set<string>();
  let saved = 0;
  let submitted = 0;
  for (const s of sheets) {
    assignedUnits.add(s.organisation_id);
    if (s.submitted === true) submitted++;
    else {
      pendingUnits.add(s.organisation_id);
      if (s.id !== null) saved++;
    }
  }

  const objectionRows = await db
    .selectFrom("objections")
    .select(["status", (eb) => eb.fn.countAll<string>().as("n")])
    .where("campaign_id", "=", campaignId)
    .groupBy("status")
    .execute();
  const objections = { pending: 0, upheld: 0, rejected: 0 };
  for (const row of objectionRows) objections[row.status] = Number(row.n);

  const run = await db
    .selectFrom("grading_runs")
    .select(["id", "number", "created_at"])
    .where("campaign_id", "=", campaignId)
    .orderBy("number", "desc")
    .limit(1)
    .executeTakeFirst();

  const open = currentStage(campaign.stages);
  return {
    campaignId,
    name: campaign.name,
    year: campaign.year,
    status: campaign.status,
    currentStage: open?.stage ?? null,
    now: now.toISOString(),
    stages: campaign.stages.map((s) => ({
      ...presentStage(s),
      open: open?.stage === s.stage,
      overdue: campaign.status === "running" && s.closedAt === null && past(s.deadline),
    })),
    units: unitCounts,
    selfEvaluations,
    review: {
      sheets: sheets.length,
      saved,
      submitted,
      unitsAssigned: assignedUnits.size,
      unitsComplete: assignedUnits.size - pendingUnits.size,
    },
    objections,
    latestRun:
      run === undefined
        ? null
        : { id: run.id, number: run.number, createdAt: new Date(run.created_at).toISOString() },
  };
}
