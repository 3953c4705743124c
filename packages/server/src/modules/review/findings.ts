/**
 * 现场评估发现: findings recorded on site per indicator, by the way they were found (听、看、查、访、议) or as a
 * problem (问题) to be fed back. Assigned reviewers record them while the review stage is open; the organiser at
 * any time before final publication. Findings are append-only.
 */
import type { Actor } from "../../access/actor.js";
import { authorOf } from "../../access/actor.js";
import { holds } from "../../access/scope.js";
import type { Services } from "../../context.js";
import { forbidden, invalid } from "../../errors.js";
import { write } from "../../write.js";
import { isCampaignOrganiser, loadCampaign, requireNotPublished } from "../campaigns/campaign-context.js";
import { requireOpen } from "../campaigns/stages.js";
import { assignedGroups, loadUnit } from "./review-sheets.js";

export const FINDING_KINDS = ["听", "看", "查", "访", "议", "problem"] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export interface FindingView {
  id: string;
  organisationId: string;
  indicatorCode: string | null;
  kind: string;
  text: string;
  authorId: string | null;
  createdAt: string;
}

const present = (f: {
  id: string;
  organisation_id: string;
  indicator_code: string | null;
  kind: string;
  text: string;
  author_id: string | null;
  created_at: Date;
}): FindingView => ({
  id: f.id,
  organisationId: f.organisation_id,
  indicatorCode: f.indicator_code,
  kind: f.kind,
  text: f.text,
  authorId: f.author_id,
  createdAt: new Date(f.created_at).toISOString(),
});

export async function addFinding(
  services: Services,
  actor: Actor,
  campaignId: string,
  orgId: string,
  input: { indicatorCode?: string | undefined; kind: FindingKind; text: string },
): Promise<FindingView> {
  const campaign = await loadCampaign(services.db, campaignId);
  requireNotPublished(campaign);
  await loadUnit(services, campaignId, orgId);
  if (!isCampaignOrganiser(actor, campaign)) {
    const groups = await assignedGroups(services, actor, campaignId, orgId);
    if (groups.length === 0) throw forbidden("you are not assigned to review this unit");
    requireOpen(campaign.stages, "review");
  }
  if (input.indicatorCode !== undefined && !campaign.scheme.byCode.has(input.indicatorCode)) {
    throw invalid("body.indicatorCode", `unknown indicator ${input.indicatorCode}`);
  }
  const row = await write(services, authorOf(actor), async (w) => {
    const created = await w.trx
      .insertInto("review_findings")
      .values({
        campaign_id: campaignId,
        organisation_id: orgId,
        indicator_code: input.indicatorCode ?? null,
        kind: input.kind,
        text: input.text,
        author_id: actor.userId,
        created_at: w.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await w.audit({
      action: "review.finding_added",
      entityType: "review_finding",
      entityId: created.id,
      organisationId: orgId,
      campaignId,
      after: input,
    });
    return created;
  });
  return present(row);
}

/** The unit's findings: for the organiser and viewers, assigned reviewers, and the unit's own people. */
export async function listFindings(
  services: Services,
  actor: Actor,
  campaignId: string,
  orgId: string,
): Promise<FindingView[]> {
  const campaign = await loadCampaign(services.db, campaignId);
  const unit = await loadUnit(services, campaignId, orgId);
  const allowed =
    holds(actor, ["organiser", "viewer"], campaign.organiserPath) ||
    holds(actor, ["unit_head", "unit_staff"], unit.path) ||
    (await assignedGroups(services, actor, campaignId, orgId)).length > 0;
  if (!allowed) throw forbidden("outside this campaign");
  const rows = await services.db
    .selectFrom("review_findings")
    .selectAll()
    .where("campaign_id", "=", campaignId)
    .where("organisation_id", "=", orgId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map(present);
}
