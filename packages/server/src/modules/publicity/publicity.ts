/**
 * 公示, 异议 and 终审公布.
 *
 * The organiser publicises a grading run for a period (start and end). While the period runs (by the clock) a
 * unit's own people (unit_head, unit_staff) or anyone from the public may object (异议) to a unit's result, with a
 * reason. The organiser decides each objection with a reason:
 * - rejected: nothing changes;
 * - upheld: the decision carries the correction (approved bonus, base data, leaf inputs, or a reviewer's submitted
 *   sheet), and in the same transaction the correction is stored and a corrected grading run is computed from the
 *   stored inputs; the run's reason names the objection and the objection points to the run. An upheld objection
 *   without a correction is refused, so no upheld objection is left without its corrected run.
 * Final publication (终审公布) needs every objection decided and the period over; it writes each unit's result
 * of the latest run to unit_results (kept across years) and locks the campaign: every later write is refused.
 */
import type { FieldValue } from "@kaoping/core";
import type { Actor, Author } from "../../access/actor.js";
import { authorOf } from "../../access/actor.js";
import { holds } from "../../access/scope.js";
import type { Services } from "../../context.js";
import { AppError, type ErrorDetail, forbidden, invalid, notFound } from "../../errors.js";
import type { PageQuery } from "../../http/api.js";
import { expectOneUpdated, write } from "../../write.js";
import {
  type CampaignContext,
  loadCampaign,
  requireNotPublished,
  requireOrganiser,
} from "../campaigns/campaign-context.js";
import { hasStage, requireOpen, wrongStage } from "../campaigns/stages.js";
import { checkBonus, writeBonus } from "../grading/bonus.js";
import { latestRun, rankingRows, storeRun } from "../grading/grading-runs.js";
import { checkSheet, schemeMax } from "../review/review-rules.js";
import { loadUnit } from "../review/review-sheets.js";

export interface PublicityView {
  campaignId: string;
  runId: string;
  startsAt: string;
  endsAt: string;
  version: number;
}

const presentPeriod = (p: {
  campaign_id: string;
  run_id: string;
  starts_at: Date;
  ends_at: Date;
  version: number;
}): PublicityView => ({
  campaignId: p.campaign_id,
  runId: p.run_id,
  startsAt: new Date(p.starts_at).toISOString(),
  endsAt: new Date(p.ends_at).toISOString(),
  version: p.version,
});

async function loadPeriod(services: Services, campaignId: string) {
  return services.db
    .selectFrom("publicity_periods")
    .selectAll()
    .where("campaign_id", "=", campaignId)
    .executeTakeFirst();
}

export async function getPublicity(services: Services, campaignId: string): Promise<PublicityView | null> {
  const period = await loadPeriod(services, campaignId);
  return period === undefined ? null : presentPeriod(period);
}

/** Publicises a run of the campaign (publicity stage open); changing the period later carries its version. */
export async function openPublicity(
  services: Services,
  actor: Actor,
  campaignId: string,
  input: { runId: string; startsAt: string; endsAt: string; version?: number | undefined },
): Promise<PublicityView> {
  const campaign = await loadCampaign(services.db, campaignId);
  requireOrganiser(actor, campaign);
  requireNotPublished(campaign);
  requireOpen(campaign.stages, "publicity");
  const run = await services.db
    .selectFrom("grading_runs")
    .select("id")
    .where("id", "=", input.runId)
    .where("campaign_id", "=", campaignId)
    .executeTakeFirst();
  if (run === undefined) throw invalid("body.runId", "not a grading run of this campaign");
  if (new Date(input.endsAt) <= new Date(input.startsAt))
    throw invalid("body.endsAt", "must be after startsAt");
  const existing = await loadPeriod(services, campaignId);
  const row = await write(services, authorOf(actor), async (w) => {
    if (existing === undefined) {
      const created = await w.trx
        .insertInto("publicity_periods")
        .values({
          campaign_id: campaignId,
          run_id: input.runId,
          starts_at: input.startsAt,
          ends_at: input.endsAt,
        })
        .onConflict((oc) => oc.doNothing())
        .returningAll()
        .executeTakeFirst();
      if (created === undefined) throw new AppError("stale_version");
      await w.audit({
        action: "publicity.opened",
        entityType: "publicity_period",
        entityId: campaignId,
        organisationId: campaign.organiserId,
        campaignId,
        after: input,
      });
      return created;
    }
    if (input.version === undefined) {
      throw new AppError("conflict", [
        { path: "body.version", message: "a period exists; send its version to change it" },
      ]);
    }
    const result = await w.trx
      .updateTable("publicity_periods")
      .set((eb) => ({
        run_id: input.runId,
        starts_at: input.startsAt,
        ends_at: input.endsAt,
        version: eb("version", "+", 1),
      }))
      .where("campaign_id", "=", campaignId)
      .where("version", "=", input.version)
      .executeTakeFirst();
    expectOneUpdated(result);
    await w.audit({
      action: "publicity.changed",
      entityType: "publicity_period",
      entityId: campaignId,
      organisationId: campaign.organiserId,
      campaignId,
      before: presentPeriod(existing),
      after: input,
    });
    return w.trx
      .selectFrom("publicity_periods")
      .selectAll()
      .where("campaign_id", "=", campaignId)
      .executeTakeFirstOrThrow();
  });
  return presentPeriod(row);
}

export interface ObjectionView {
  id: string;
  campaignId: string;
  organisationId: string;
  filedBy: string | null;
  filerName: string | null;
  filerContact: string | null;
  reason: string;
  status: "pending" | "upheld" | "rejected";
  decisionReason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  correctedRunId: string | null;
  version: number;
  createdAt: string;
}

type ObjectionRow = {
  id: string;
  campaign_id: string;
  organisation_id: string;
  filed_by: string | null;
  filer_name: string | null;
  filer_contact: string | null;
  reason: string;
  status: "pending" | "upheld" | "rejected";
  decision_reason: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  corrected_run_id: string | null;
  version: number;
  created_at: Date;
};

const presentObjection = (o: ObjectionRow): ObjectionView => ({
  id: o.id,
  campaignId: o.campaign_id,
  organisationId: o.organisation_id,
  filedBy: o.filed_by,
  filerName: o.filer_name,
  filerContact: o.filer_contact,
  reason: o.reason,
  status: o.status,
  decisionReason: o.decision_reason,
  decidedBy: o.decided_by,
  decidedAt: o.decided_at === null ? null : new Date(o.decided_at).toISOString(),
  correctedRunId: o.corrected_run_id,
  version: o.version,
  createdAt: new Date(o.created_at).toISOString(),
});

async function requirePeriodRunning(services: Services, campaign: CampaignContext) {
  requireNotPublished(campaign);
  const period = await loadPeriod(services, campaign.id);
  const now = services.clock.now();
  if (period === undefined || now < new Date(period.starts_at) || now >= new Date(period.ends_at)) {
    throw wrongStage("只能在公示期内提出异议", "Objections are accepted only during the publicity period");
  }
}

async function insertObjection(
  services: Services,
  author: Author,
  campaign: CampaignContext,
  orgId: string,
  filer: { filedBy: string | null; name: string | null; contact: string | null },
  reason: string,
): Promise<ObjectionView> {
  const row = await write(services, author, async (w) => {
    const created = await w.trx
      .insertInto("objections")
      .values({
        campaign_id: campaign.id,
        organisation_id: orgId,
        filed_by: filer.filedBy,
        filer_name: filer.name,
        filer_contact: filer.contact,
        reason,
        created_at: w.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await w.audit({
      action: "publicity.objection_filed",
      entityType: "objection",
      entityId: created.id,
      organisationId: orgId,
      campaignId: campaign.id,
      after: { reason, filedBy: filer.filedBy, name: filer.name },
    });
    return created;
  });
  return presentObjection(row);
}

/** A unit's head or staff objects to their own unit's result. */
export async function fileObjection(
  services: Services,
  actor: Actor,
  campaignId: string,
  input: { organisationId: string; reason: string },
): Promise<ObjectionView> {
  const campaign = await loadCampaign(services.db, campaignId);
  const unit = await loadUnit(services, campaignId, input.organisationId);
  if (!holds(actor, ["unit_head", "unit_staff"], unit.path)) {
    throw forbidden("only the unit's own people may object for it here; others use the public form");
  }
  await requirePeriodRunning(services, campaign);
  return insertObjection(
    services,
    authorOf(actor),
    campaign,
    unit.id,
    { filedBy: actor.userId, name: actor.displayName, contact: null },
    input.reason,
  );
}

/** Anyone objects during the period, without signing in, naming the unit by its code or id. */
export async function filePublicObjection(
  services: Services,
  campaignId: string,
  input: {
    organisationId?: string | undefined;
    organisationCode?: string | undefined;
    reason: string;
    name?: string | undefined;
    contact?: string | undefined;
  },
): Promise<ObjectionView> {
  const campaign = await loadCampaign(services.db, campaignId);
  let orgId = input.organisationId;
  if (orgId === undefined) {
    if (input.organisationCode === undefined) {
      throw invalid("body.organisationCode", "name the unit by organisationCode or organisationId");
    }
    const org = await services.db
      .selectFrom("organisations")
      .select("id")
      .where("code", "=", input.organisationCode)
      .executeTakeFirst();
    if (org === undefined) throw notFound("organisation");
    orgId = org.id;
  }
  const unit = await loadUnit(services, campaignId, orgId);
  await requirePeriodRunning(services, campaign);
  return insertObjection(
    services,
    { userId: null, name: `public:${input.name ?? "anonymous"}` },
    campaign,
    unit.id,
    { filedBy: null, name: input.name ?? null, contact: input.contact ?? null },
    input.reason,
  );
}

export async function listObjections(
  services: Services,
  actor: Actor,
  campaignId: string,
  query: PageQuery & { status?: "pending" | "upheld" | "rejected" | undefined },
): Promise<{ items: ObjectionView[]; total: number; limit: number; offset: number }> {
  const campaign = await loadCampaign(services.db, campaignId);
  requireOrganiser(actor, campaign);
  let base = services.db.selectFrom("objections").where("campaign_id", "=", campaignId);
  if (query.status !== undefined) base = base.where("status", "=", query.status);
  const total = await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll()
    .orderBy("created_at")
    .orderBy("id")
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  return {
    items: rows.map(presentObjection),
    total: Number(total.n),
    limit: query.limit,
    offset: query.offset,
  };
}

export interface Correction {
  /** The unit's approved bonus, replaced whole. */
  bonus?: Record<string, string> | undefined;
  /** Base-data fields laid over the self-evaluation's. */
  data?: Record<string, FieldValue> | undefined;
  /** Leaf inputs laid over the unit's (self or agreed review) scores. */
  scores?: Record<string, unknown> | undefined;
  /** A reviewer's submitted sheet corrected (a mistyped total). */
  sheets?:
    | Array<{
        userId: string;
        groupCode: string;
        total?: string | undefined;
        scores?: Record<string, unknown> | undefined;
      }>
    | undefined;
}

export interface Decision {
  version: number;
  decision: "upheld" | "rejected";
  reason: string;
  correction?: Correction | undefined;
}

async function checkCorrection(
  services: Services,
  campaign: CampaignContext,
  orgId: string,
  correction: Correction,
): Promise<void> {
  const details: ErrorDetail[] = [];
  const unit = await loadUnit(services, campaign.id, orgId);
  if (correction.bonus !== undefined)
    details.push(...checkBonus(campaign, correction.bonus, "body.correction.bonus"));
  for (const code of Object.keys(correction.data ?? {})) {
    if (!campaign.scheme.fields.has(code))
      details.push({ path: `body.correction.data.${code}`, message: "unknown field" });
  }
  if (correction.scores !== undefined) {
    const self = await services.db
      .selectFrom("self_evaluations")
      .select("data")
      .where("campaign_id", "=", campaign.id)
      .where("organisation_id", "=", orgId)
      .executeTakeFirst();
    details.push(
      ...checkSheet(
        campaign.scheme,
        {
          category: unit.category,
          data: { ...(self?.data ?? {}), ...(correction.data ?? {}) } as Record<string, FieldValue>,
        },
        correction.scores,
        { complete: false, path: "body.correction.scores" },
      ),
    );
  }
  (correction.sheets ?? []).forEach((s, i) => {
    if (
      s.total !== undefined &&
      (!/^\d{1,6}(\.\d{1,6})?$/.test(s.total) || Number(s.total) > schemeMax(campaign.scheme))
    ) {
      details.push({
        path: `body.correction.sheets[${i}].total`,
        message: `must be a decimal from 0 to ${schemeMax(campaign.scheme)}`,
      });
    }
  });
  const empty =
    correction.bonus === undefined &&
    Object.keys(correction.data ?? {}).length === 0 &&
    Object.keys(correction.scores ?? {}).length === 0 &&
    (correction.sheets ?? []).length === 0;
  if (empty) details.push({ path: "body.correction", message: "an upheld objection needs a correction" });
  if (details.length > 0) throw new AppError("validation", details);
}

/** Decides an objection; upholding applies the correction and makes the corrected run in one transaction. */
export async function decideObjection(
  services: Services,
  actor: Actor,
  objectionId: string,
  input: Decision,
): Promise<ObjectionView> {
  const objection = await services.db
    .selectFrom("objections")
    .selectAll()
    .where("id", "=", objectionId)
    .executeTakeFirst();
  if (objection === undefined) throw notFound("objection");
  const campaign = await loadCampaign(services.db, objection.campaign_id);
  requireOrganiser(actor, campaign);
  requireNotPublished(campaign);
  if (objection.status !== "pending")
    throw new AppError("locked", [{ path: "objection.status", message: objection.status }]);
  const orgId = objection.organisation_id;
  if (input.decision === "upheld") await checkCorrection(services, campaign, orgId, input.correction ?? {});
  else if (input.correction !== undefined)
    throw invalid("body.correction", "only an upheld objection has a correction");
  const row = await write(services, authorOf(actor), async (w) => {
    let runId: string | null = null;
    const correction = input.correction;
    if (input.decision === "upheld" && correction !== undefined) {
      if (correction.bonus !== undefined) {
        const current = await w.trx
          .selectFrom("approved_bonuses")
          .select("version")
          .where("campaign_id", "=", campaign.id)
          .where("organisation_id", "=", orgId)
          .executeTakeFirst();
        await writeBonus(
          w,
          { userId: actor.userId },
          campaign.id,
          orgId,
          current?.version ?? 1,
          correction.bonus,
        );
      }
      if (correction.data !== undefined || correction.scores !== undefined) {
        const current = await w.trx
          .selectFrom("unit_corrections")
          .selectAll()
          .where("campaign_id", "=", campaign.id)
          .where("organisation_id", "=", orgId)
          .executeTakeFirst();
        const data = { ...(current?.data ?? {}), ...(correction.data ?? {}) };
        const scores = { ...(current?.scores ?? {}), ...(correction.scores ?? {}) };
        await w.trx
          .insertInto("unit_corrections")
          .values({
            campaign_id: campaign.id,
            organisation_id: orgId,
            data: JSON.stringify(data),
            scores: JSON.stringify(scores),
          })
          .onConflict((oc) =>
            oc.columns(["campaign_id", "organisation_id"]).doUpdateSet((eb) => ({
              data: JSON.stringify(data),
              scores: JSON.stringify(scores),
              version: eb("unit_corrections.version", "+", 1),
            })),
          )
          .execute();
        await w.audit({
          action: "publicity.correction_applied",
          entityType: "unit_correction",
          entityId: `${campaign.id}/${orgId}`,
          organisationId: orgId,
          campaignId: campaign.id,
          before: current === undefined ? null : { data: current.data, scores: current.scores },
          after: { data, scores, objectionId },
        });
      }
      for (const [i, s] of (correction.sheets ?? []).entries()) {
        const sheet = await w.trx
          .selectFrom("review_sheets")
          .selectAll()
          .where("campaign_id", "=", campaign.id)
          .where("organisation_id", "=", orgId)
          .where("user_id", "=", s.userId)
          .where("group_code", "=", s.groupCode)
          .where("submitted", "=", true)
          .executeTakeFirst();
        if (sheet === undefined)
          throw invalid(`body.correction.sheets[${i}]`, "no submitted sheet of this reviewer and group");
        await w.trx
          .updateTable("review_sheets")
          .set((eb) => ({
            total: s.total ?? sheet.total,
            scores: JSON.stringify(s.scores ?? sheet.scores),
            updated_at: w.now,
            version: eb("version", "+", 1),
          }))
          .where("id", "=", sheet.id)
          .execute();
        await w.audit({
          action: "publicity.sheet_corrected",
          entityType: "review_sheet",
          entityId: sheet.id,
          organisationId: orgId,
          campaignId: campaign.id,
          before: { total: sheet.total, scores: sheet.scores },
          after: { total: s.total ?? sheet.total, scores: s.scores ?? sheet.scores, objectionId },
        });
      }
      const run = await storeRun(
        w,
        campaign,
        actor.userId,
        `异议 ${objectionId} 成立 / objection upheld: ${input.reason}`,
        objectionId,
      );
      runId = run.id;
    }
    const result = await w.trx
      .updateTable("objections")
      .set((eb) => ({
        status: input.decision,
        decision_reason: input.reason,
        decided_by: actor.userId,
        decided_at: w.now,
        corrected_run_id: runId,
        version: eb("version", "+", 1),
      }))
      .where("id", "=", objectionId)
      .where("version", "=", input.version)
      .where("status", "=", "pending")
      .executeTakeFirst();
    expectOneUpdated(result);
    await w.audit({
      action: "publicity.objection_decided",
      entityType: "objection",
      entityId: objectionId,
      organisationId: orgId,
      campaignId: campaign.id,
      before: { status: "pending" },
      after: {
        decision: input.decision,
        reason: input.reason,
        correction: correction ?? null,
        correctedRunId: runId,
      },
    });
    return w.trx.selectFrom("objections").selectAll().where("id", "=", objectionId).executeTakeFirstOrThrow();
  });
  return presentObjection(row);
}

/**
 * 终审公布: every objection decided, the publicity period over by the clock (when the campaign has a publicity
 * stage); writes each unit's result from the latest run to unit_results and locks the campaign.
 */
export async function publishCampaign(
  services: Services,
  actor: Actor,
  campaignId: string,
  input: { version: number },
): Promise<{ campaignId: string; runId: string; publishedAt: string; version: number; units: number }> {
  const campaign = await loadCampaign(services.db, campaignId);
  requireOrganiser(actor, campaign);
  requireNotPublished(campaign);
  const run = await latestRun(services.db, campaignId);
  if (run === undefined)
    throw new AppError("incomplete", [{ path: "gradingRuns", message: "no grading run yet" }]);
  const period = await loadPeriod(services, campaignId);
  const now = services.clock.now();
  if (hasStage(campaign.stages, "publicity") || period !== undefined) {
    if (period === undefined) throw wrongStage("尚未公示", "The results have not been publicised");
    if (now < new Date(period.ends_at))
      throw wrongStage("公示期未结束", "The publicity period has not ended");
  }
  const pending = await services.db
    .selectFrom("objections")
    .select("id")
    .where("campaign_id", "=", campaignId)
    .where("status", "=", "pending")
    .execute();
  if (pending.length > 0) {
    throw new AppError(
      "incomplete",
      pending.map((p) => ({ path: `objections.${p.id}`, message: "not decided yet / 异议尚未处理" })),
    );
  }
  const rows = rankingRows(run);
  const version = await write(services, authorOf(actor), async (w) => {
    const result = await w.trx
      .updateTable("campaigns")
      .set((eb) => ({ status: "published", published_at: w.now, version: eb("version", "+", 1) }))
      .where("id", "=", campaignId)
      .where("version", "=", input.version)
      .where("status", "!=", "published")
      .executeTakeFirst();
    expectOneUpdated(result);
    const values = rows
      .filter((r) => r.organisationId !== null)
      .map((r) => ({
        campaign_id: campaignId,
        organisation_id: r.organisationId!,
        scheme_code: campaign.schemeCode,
        year: campaign.year,
        total: r.total,
        grade: r.grade,
        rank: r.rank,
        published_at: w.now,
      }));
    if (values.length > 0) await w.trx.insertInto("unit_results").values(values).execute();
    await w.audit({
      action: "campaign.published",
      entityType: "campaign",
      entityId: campaignId,
      organisationId: campaign.organiserId,
      campaignId,
      before: { status: campaign.status },
      after: { status: "published", runId: run.id, resultsHash: run.results_hash },
    });
    return input.version + 1;
  });
  return { campaignId, runId: run.id, publishedAt: now.toISOString(), version, units: rows.length };
}
