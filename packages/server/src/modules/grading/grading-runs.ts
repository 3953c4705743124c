/**
 * 汇总定级: a grading run computes every unit's score, rank and grade with the engine from the stored inputs and
 * keeps the inputs, their hash, the results and their hash, immutably, with the scheme version. Running again on
 * unchanged data gives the same hashes; any run can be recomputed from its stored inputs (explanations are).
 */
import {
  evaluateUnits,
  explainUnit,
  explanationView,
  formatShort,
  InputError,
  type Language,
  renderExplanation,
  type UnitResult,
} from "@kaoping/core";
import type { Actor } from "../../access/actor.js";
import { authorOf } from "../../access/actor.js";
import { holds, scopeRoots } from "../../access/scope.js";
import type { Services } from "../../context.js";
import type { Db } from "../../db/open-database.js";
import { AppError, forbidden, notFound } from "../../errors.js";
import type { PageQuery } from "../../http/api.js";
import { type Writer, write } from "../../write.js";
import {
  type CampaignContext,
  compiledScheme,
  loadCampaign,
  requireCampaignViewer,
  requireNotPublished,
  requireOrganiser,
} from "../campaigns/campaign-context.js";
import { hasStage, isClosed, requireOpen, wrongStage } from "../campaigns/stages.js";
import { inScope } from "../organisations/in-scope.js";
import { buildGradingInputs, type GradingInputs, hashOf } from "./grading-inputs.js";

export interface RunSummary {
  id: string;
  campaignId: string;
  number: number;
  schemeVersionId: string;
  inputsHash: string;
  resultsHash: string;
  reason: string | null;
  objectionId: string | null;
  unitCount: number;
  createdBy: string | null;
  createdAt: string;
}

export interface RankingRow {
  organisationId: string | null;
  unit: string;
  name: string | null;
  category: string | null;
  rank: number;
  groupRank: number;
  group: string;
  total: string;
  points: string;
  rate: string;
  bonus: string;
  grade: string | null;
  gradeName: string | null;
  vetoes: string[];
  flags: string[];
  source: string;
}

/** Where a unit placed by a quota stands: its place among the grade's places, worked out of the pool. */
export interface QuotaPlace {
  grade: string;
  gradeName: string;
  position: number;
  count: number;
  pool: number;
  share: string;
  /** The grade whose holders make the pool (nested quotas: 先进 of 达标), or null for all eligible units. */
  of: string | null;
}

export interface RunRow {
  id: string;
  campaign_id: string;
  number: number;
  scheme_version_id: string;
  inputs_hash: string;
  inputs: unknown;
  results: unknown;
  results_hash: string | null;
  reason: string | null;
  objection_id: string | null;
  created_by: string | null;
  created_at: Date;
}

const summary = (r: RunRow): RunSummary => ({
  id: r.id,
  campaignId: r.campaign_id,
  number: r.number,
  schemeVersionId: r.scheme_version_id,
  inputsHash: r.inputs_hash,
  resultsHash: r.results_hash ?? hashOf(r.results),
  reason: r.reason,
  objectionId: r.objection_id,
  unitCount: (r.results as UnitResult[]).length,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at).toISOString(),
});

function engineError(error: unknown): never {
  if (error instanceof InputError) {
    throw new AppError(
      "incomplete",
      error.problems.map((p) => ({
        path: [p.unit && `units.${p.unit}`, p.path].filter(Boolean).join("."),
        message: p.indicator ? `${p.indicator}: ${p.message}` : p.message,
      })),
      { zh: "评分数据有误或不完整，无法定级", en: "The stored inputs cannot be graded" },
    );
  }
  throw error;
}

/** Scores and grades the inputs with the campaign's scheme version. */
export function evaluateInputs(campaign: CampaignContext, inputs: GradingInputs) {
  try {
    return evaluateUnits(campaign.scheme, inputs.units, { year: inputs.year });
  } catch (error) {
    engineError(error);
  }
}

/**
 * Computes and stores a run inside the writer's transaction (used by createGradingRun and by upheld objections,
 * whose corrected run is made in the same transaction as the correction).
 */
export async function storeRun(
  w: Writer,
  campaign: CampaignContext,
  createdBy: string | null,
  reason: string | null,
  objectionId: string | null,
): Promise<RunRow> {
  const inputs = await buildGradingInputs(w.trx, campaign);
  const evaluation = evaluateInputs(campaign, inputs);
  const results = evaluation.units;
  const last = await w.trx
    .selectFrom("grading_runs")
    .select((eb) => eb.fn.max("number").as("n"))
    .where("campaign_id", "=", campaign.id)
    .executeTakeFirst();
  const row = await w.trx
    .insertInto("grading_runs")
    .values({
      campaign_id: campaign.id,
      number: Number(last?.n ?? 0) + 1,
      scheme_version_id: campaign.schemeVersionId,
      inputs_hash: hashOf(inputs),
      inputs: JSON.stringify(inputs),
      results: JSON.stringify(results),
      results_hash: hashOf(results),
      reason,
      objection_id: objectionId,
      created_by: createdBy,
      created_at: w.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await w.audit({
    action: "grading.run_created",
    entityType: "grading_run",
    entityId: row.id,
    organisationId: campaign.organiserId,
    campaignId: campaign.id,
    after: {
      number: row.number,
      inputsHash: row.inputs_hash,
      resultsHash: row.results_hash,
      reason,
      objectionId,
    },
  });
  return row;
}

/** The organiser grades while the grading stage is open, after the review stage (if any) closed. */
export async function createGradingRun(
  services: Services,
  actor: Actor,
  campaignId: string,
  input: { reason?: string | undefined },
): Promise<RunSummary> {
  const campaign = await loadCampaign(services.db, campaignId);
  requireOrganiser(actor, campaign);
  requireNotPublished(campaign);
  if (hasStage(campaign.stages, "review") && !isClosed(campaign.stages, "review")) {
    throw wrongStage("评审阶段结束后才能汇总定级", "Grading waits until the review stage is closed");
  }
  requireOpen(campaign.stages, "grading");
  const row = await write(services, authorOf(actor), (w) =>
    storeRun(w, campaign, actor.userId, input.reason ?? null, null),
  );
  return summary(row);
}

export async function loadRun(db: Db, runId: string): Promise<RunRow> {
  const row = await db.selectFrom("grading_runs").selectAll().where("id", "=", runId).executeTakeFirst();
  if (row === undefined) throw notFound("grading run");
  return row;
}

/** The latest run of a campaign, or undefined. */
export async function latestRun(db: Db, campaignId: string): Promise<RunRow | undefined> {
  return db
    .selectFrom("grading_runs")
    .selectAll()
    .where("campaign_id", "=", campaignId)
    .orderBy("number", "desc")
    .limit(1)
    .executeTakeFirst();
}

export async function listRuns(services: Services, actor: Actor, campaignId: string): Promise<RunSummary[]> {
  const campaign = await loadCampaign(services.db, campaignId);
  requireCampaignViewer(actor, campaign);
  const rows = await services.db
    .selectFrom("grading_runs")
    .selectAll()
    .where("campaign_id", "=", campaignId)
    .orderBy("number")
    .execute();
  return rows.map(summary);
}

/**
 * Who may read a run: the campaign's organisers and viewers; the evaluated units' own people once the run is
 * publicised (公示) or the campaign is published.
 */
/** A run is shown to the evaluated units once it is publicised (公示) or the campaign is published. */
async function runVisibleToUnits(
  services: Services,
  campaign: CampaignContext,
  run: RunRow,
): Promise<boolean> {
  if (campaign.status === "published") return true;
  const publicised = await services.db
    .selectFrom("publicity_periods")
    .select("run_id")
    .where("campaign_id", "=", campaign.id)
    .executeTakeFirst();
  return publicised?.run_id === run.id;
}

export async function requireRunReader(
  services: Services,
  actor: Actor,
  campaign: CampaignContext,
  run: RunRow,
) {
  if (holds(actor, ["organiser", "viewer"], campaign.organiserPath)) return;
  const roots = scopeRoots(actor, ["unit_head", "unit_staff"]) ?? [];
  if (roots.length > 0 && (await runVisibleToUnits(services, campaign, run))) {
    const mine = await services.db
      .selectFrom("campaign_units")
      .innerJoin("organisations", "organisations.id", "campaign_units.organisation_id")
      .select("organisations.id")
      .where("campaign_units.campaign_id", "=", campaign.id)
      .where(() => inScope("organisations.path", roots))
      .limit(1)
      .executeTakeFirst();
    if (mine !== undefined) return;
  }
  throw forbidden("outside this campaign, or not yet publicised");
}

export function rankingRows(run: { inputs: unknown; results: unknown }): RankingRow[] {
  const ids = (run.inputs as GradingInputs).organisationIds;
  return (run.results as UnitResult[]).map((r) => ({
    organisationId: ids[r.unit] ?? null,
    unit: r.unit,
    name: r.name ?? null,
    category: r.category ?? null,
    rank: r.rank,
    groupRank: r.groupRank,
    group: r.group,
    total: r.total,
    points: r.points,
    rate: r.rate,
    bonus: r.bonus,
    grade: r.grade,
    gradeName: r.gradeName,
    vetoes: r.vetoes,
    flags: r.flags,
    source: r.source,
  }));
}

export async function getRun(
  services: Services,
  actor: Actor,
  runId: string,
  pageQuery: PageQuery,
): Promise<{
  run: RunSummary;
  items: Array<RankingRow & { quota: QuotaPlace | null }>;
  total: number;
  limit: number;
  offset: number;
}> {
  const run = await loadRun(services.db, runId);
  const campaign = await loadCampaign(services.db, run.campaign_id);
  await requireRunReader(services, actor, campaign, run);
  const rows = rankingRows(run);
  const places = await quotaPlaces(services, run);
  return {
    run: summary(run),
    items: rows
      .slice(pageQuery.offset, pageQuery.offset + pageQuery.limit)
      .map((r) => ({ ...r, quota: places.get(r.unit) ?? null })),
    total: rows.length,
    limit: pageQuery.limit,
    offset: pageQuery.offset,
  };
}

/** Re-evaluates a run from its stored inputs with its own scheme version (traces only when explaining). */
async function evaluateRun(services: Services, run: RunRow, trace: boolean) {
  const inputs = run.inputs as GradingInputs;
  const version = await services.db
    .selectFrom("scheme_versions")
    .select(["id", "source"])
    .where("id", "=", run.scheme_version_id)
    .executeTakeFirstOrThrow();
  const scheme = compiledScheme(version.id, version.source);
  try {
    return evaluateUnits(scheme, inputs.units, { year: inputs.year, trace });
  } catch (error) {
    engineError(error);
  }
}

/**
 * Runs are immutable, so their quota places are worked out once per run (the stored results keep grades, not the
 * quota arithmetic) and kept for the next reads of its ranking pages.
 */
const placesByRun = new Map<string, Promise<Map<string, QuotaPlace>>>();
const PLACES_KEPT = 32;

export function quotaPlaces(services: Services, run: RunRow): Promise<Map<string, QuotaPlace>> {
  let places = placesByRun.get(run.id);
  if (places === undefined) {
    places = evaluateRun(services, run, false).then((evaluation) => {
      const grades = evaluation.scheme.grading?.grades ?? [];
      const out = new Map<string, QuotaPlace>();
      evaluation.scores.forEach((score, i) => {
        const reason = evaluation.outcomes.outcome(i).reason;
        if (reason.kind !== "quota") return;
        out.set(score.input.unit, {
          grade: grades[reason.grade]!.code,
          gradeName: grades[reason.grade]!.name,
          position: reason.position,
          count: reason.count,
          pool: reason.pool,
          share: formatShort(reason.share),
          of: reason.of === null ? null : grades[reason.of]!.code,
        });
      });
      return out;
    });
    places.catch(() => placesByRun.delete(run.id));
    if (placesByRun.size >= PLACES_KEPT) placesByRun.delete(placesByRun.keys().next().value!);
    placesByRun.set(run.id, places);
  }
  return places;
}

/**
 * One unit's explanation in a run, recomputed from the run's stored inputs with its scheme version: the
 * structure (figures as exact decimal strings) and the rendered text.
 */
export async function explainRunUnit(
  services: Services,
  actor: Actor,
  runId: string,
  orgId: string,
  lang: Language,
): Promise<{ unit: string; text: string; explanation: ReturnType<typeof explanationView> }> {
  const run = await loadRun(services.db, runId);
  const campaign = await loadCampaign(services.db, run.campaign_id);
  const inputs = run.inputs as GradingInputs;
  const code = Object.entries(inputs.organisationIds).find(([, id]) => id === orgId)?.[0];
  if (code === undefined) throw notFound("unit in this run");
  const path = (
    await services.db
      .selectFrom("organisations")
      .select("path")
      .where("id", "=", orgId)
      .executeTakeFirstOrThrow()
  ).path;
  // A unit reads its own explanation, but like the ranking only once the run is publicised.
  if (
    holds(actor, ["unit_head", "unit_staff"], path) &&
    !holds(actor, ["organiser", "viewer"], campaign.organiserPath)
  ) {
    if (!(await runVisibleToUnits(services, campaign, run))) throw forbidden("not yet publicised");
  } else {
    await requireRunReader(services, actor, campaign, run);
  }
  const evaluation = await evaluateRun(services, run, true);
  const explanation = explainUnit(evaluation, code);
  return {
    unit: code,
    text: renderExplanation(explanation, lang),
    explanation: explanationView(explanation),
  };
}
