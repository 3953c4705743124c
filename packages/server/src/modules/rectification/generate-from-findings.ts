/**
 * 由评估发现生成整改事项: in one action, an item per unit and indicator that has review findings (findings about no
 * indicator make one item 综合 per unit), the problem being the findings as the feedback documents print them
 * (【看】…；【问题】…). Units and indicators that already have an item from review are left alone, so the action can
 * be repeated after more findings come in. Three queries whatever the number of units.
 */
import type { Actor } from "../../access/actor.js";
import { authorOf } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { FINDING_KIND_NAMES } from "../../documents/unit-feedback.js";
import { invalid } from "../../errors.js";
import { write } from "../../write.js";
import { loadCampaign, requireOrganiser } from "../campaigns/campaign-context.js";
import { deadlineOf } from "./item-input.js";
import { requireStarted } from "./rectification-item.js";

export async function generateFromFindings(
  services: Services,
  actor: Actor,
  campaignId: string,
  input: { deadline?: string | undefined },
): Promise<{ created: number; skipped: number }> {
  const campaign = await loadCampaign(services.db, campaignId);
  requireOrganiser(actor, campaign);
  requireStarted(campaign);
  const stageDeadline = campaign.stages.find((s) => s.stage === "rectification")?.deadline ?? null;
  let deadline: Date;
  if (input.deadline !== undefined) deadline = deadlineOf(input.deadline, "body.deadline");
  else if (stageDeadline !== null) deadline = new Date(stageDeadline);
  else throw invalid("body.deadline", "the campaign has no 整改 stage deadline; give one / 请指定整改时限");

  return write(services, authorOf(actor), async (w) => {
    const findings = await w.trx
      .selectFrom("review_findings")
      .select(["organisation_id", "indicator_code", "kind", "text"])
      .where("campaign_id", "=", campaignId)
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    const existing = await w.trx
      .selectFrom("rectification_items")
      .select(["organisation_id", "indicator_code"])
      .where("campaign_id", "=", campaignId)
      .where("source", "=", "review")
      .execute();
    const keyOf = (r: { organisation_id: string; indicator_code: string | null }) =>
      `${r.organisation_id}|${r.indicator_code ?? ""}`;
    const taken = new Set(existing.map(keyOf));
    const grouped = new Map<
      string,
      { organisation_id: string; indicator_code: string | null; texts: string[] }
    >();
    for (const f of findings) {
      const key = keyOf(f);
      const group = grouped.get(key) ?? {
        organisation_id: f.organisation_id,
        indicator_code: f.indicator_code,
        texts: [],
      };
      group.texts.push(`【${FINDING_KIND_NAMES[f.kind] ?? f.kind}】${f.text}`);
      grouped.set(key, group);
    }
    const fresh = [...grouped.entries()].filter(([key]) => !taken.has(key)).map(([, g]) => g);
    if (fresh.length > 0) {
      const created = await w.trx
        .insertInto("rectification_items")
        .values(
          fresh.map((g) => ({
            campaign_id: campaignId,
            organisation_id: g.organisation_id,
            source: "review" as const,
            indicator_code: g.indicator_code,
            problem: g.texts.join("；"),
            deadline,
            created_by: actor.userId,
            created_at: w.now,
            updated_at: w.now,
          })),
        )
        .returning("id")
        .execute();
      await w.trx
        .insertInto("rectification_events")
        .values(
          created.map((c) => ({
            item_id: c.id,
            action: "create",
            from_status: null,
            to_status: "pending",
            reason: "由评估发现生成",
            actor_id: actor.userId,
            actor_name: actor.displayName,
            at: w.now,
          })),
        )
        .execute();
    }
    const result = { created: fresh.length, skipped: grouped.size - fresh.length };
    await w.audit({
      action: "rectification.generated",
      entityType: "campaign",
      entityId: campaignId,
      organisationId: campaign.organiserId,
      campaignId,
      after: { ...result, deadline: deadline.toISOString() },
    });
    return result;
  });
}
