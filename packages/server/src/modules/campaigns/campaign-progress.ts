/**
 * 进度: per unit, where its self-evaluation stands; per stage, its dates and the units that are late (self-evaluation
 * not submitted once the self-evaluation deadline has passed by the clock).
 */
import type { Actor } from "../../access/actor.js";
import type { Services } from "../../context.js";
import type { PageQuery } from "../../http/api.js";
import { loadCampaign, requireCampaignViewer } from "./campaign-context.js";
import { currentStage, iso, type ProgressView, presentStage } from "./present-campaign.js";

const DONE = new Set(["submitted", "accepted"]);

export async function campaignProgress(
  services: Services,
  actor: Actor,
  campaignId: string,
  query: PageQuery,
): Promise<ProgressView> {
  const campaign = await loadCampaign(services.db, campaignId);
  requireCampaignViewer(actor, campaign);
  const now = services.clock.now();
  const selfStage = campaign.stages.find((s) => s.stage === "self_evaluation");
  const overdue = selfStage?.deadline != null && now > new Date(selfStage.deadline);

  const base = services.db
    .selectFrom("campaign_units")
    .innerJoin("organisations", "organisations.id", "campaign_units.organisation_id")
    .leftJoin("self_evaluations", (join) =>
      join
        .onRef("self_evaluations.campaign_id", "=", "campaign_units.campaign_id")
        .onRef("self_evaluations.organisation_id", "=", "campaign_units.organisation_id"),
    )
    .where("campaign_units.campaign_id", "=", campaignId);
  const columns = [
    "campaign_units.organisation_id",
    "campaign_units.role",
    "campaign_units.category",
    "campaign_units.unit_group",
    "organisations.code",
    "organisations.name",
    "organisations.path",
    "self_evaluations.id as se_id",
    "self_evaluations.status as se_status",
    "self_evaluations.submitted_at",
    "self_evaluations.submissions",
    "self_evaluations.returned_reason",
  ] as const;
  const all = await base.select(columns).orderBy("organisations.code").execute();
  const isLate = (status: string | null) => overdue && (status === null || !DONE.has(status));
  const counts: Record<string, number> = { units: all.length, notStarted: 0, late: 0 };
  for (const row of all) {
    const status = row.se_status ?? "notStarted";
    counts[status] = (counts[status] ?? 0) + 1;
    if (isLate(row.se_status)) counts.late = (counts.late ?? 0) + 1;
  }
  const late = all
    .filter((r) => isLate(r.se_status))
    .map((r) => ({ organisationId: r.organisation_id, code: r.code, name: r.name }));
  const pageRows = all.slice(query.offset, query.offset + query.limit);
  const open = currentStage(campaign.stages);
  return {
    campaignId,
    status: campaign.status,
    currentStage: open?.stage ?? null,
    now: now.toISOString(),
    stages: campaign.stages.map((s) => ({
      ...presentStage(s),
      open: open?.stage === s.stage,
      late: s.stage === "self_evaluation" ? late : [],
    })),
    units: {
      items: pageRows.map((r) => ({
        organisationId: r.organisation_id,
        code: r.code,
        name: r.name,
        role: r.role,
        category: r.category,
        group: r.unit_group,
        selfEvaluation:
          r.se_id === null || r.se_status === null
            ? null
            : {
                id: r.se_id,
                status: r.se_status,
                submittedAt: iso(r.submitted_at),
                submissions: r.submissions ?? 0,
                returnedReason: r.returned_reason,
              },
        late: isLate(r.se_status),
      })),
      total: all.length,
      limit: query.limit,
      offset: query.offset,
    },
    counts,
  };
}
