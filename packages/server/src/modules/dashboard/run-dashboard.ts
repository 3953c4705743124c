/**
 * A grading run for the leaders' dashboard (领导看板): the distribution of totals, the count of each grade, the
 * mean, median, least and greatest total, and per first-level indicator (一级指标) the average score and score rate
 * (for radar charts); and one unit's first-level scores against the run's averages. Read from the run's stored
 * results (the engine's UnitResult per unit, with its indicators), so the figures are those of the run. Who may
 * read them is who may read the run (GET /grading-runs/:id).
 */
import { type CompiledScheme, Decimal, ONE, type UnitResult } from "@kaoping/core";
import type { Actor } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { notFound } from "../../errors.js";
import { compiledScheme, loadCampaign } from "../campaigns/campaign-context.js";
import type { GradingInputs } from "../grading/grading-inputs.js";
import { loadRun, type RunRow, requireRunReader } from "../grading/grading-runs.js";
import { type Bin, histogram, mean, type Summary, show, summarise } from "./figures.js";

export interface IndicatorFigure {
  code: string;
  name: string;
  max: string;
  /** The mean score over the units the indicator applies to (not applicable ones left out); null for none. */
  average: string | null;
  /** The mean of score ÷ applicable maximum × 100 over those units (得分率, fair to re-based units). */
  averageRate: string | null;
  /** How many units the averages are over. */
  units: number;
}

export interface RunDashboard {
  runId: string;
  runNumber: number;
  campaignId: string;
  campaignName: string;
  year: number;
  createdAt: string;
  schemeMax: string;
  units: number;
  totals: Summary | null;
  histogram: { width: string; bins: Bin[] };
  grades: Array<{ grade: string | null; name: string; count: number }>;
  indicators: IndicatorFigure[];
}

export interface RadarPoint {
  code: string;
  name: string;
  max: string;
  /** The unit's score, its applicable maximum and rate; null when not applicable or not broken down. */
  score: string | null;
  applicableMax: string | null;
  rate: string | null;
  average: string | null;
  averageRate: string | null;
}

export interface UnitRadar {
  runId: string;
  campaignId: string;
  organisationId: string;
  unit: string;
  name: string | null;
  total: string;
  grade: string | null;
  gradeName: string | null;
  rank: number;
  indicators: RadarPoint[];
}

const fixed = (x: number) => new Decimal(x).dividedBy(ONE);
const HUNDRED = new Decimal(100);

async function readableRun(services: Services, actor: Actor, runId: string) {
  const run = await loadRun(services.db, runId);
  const campaign = await loadCampaign(services.db, run.campaign_id);
  await requireRunReader(services, actor, campaign, run);
  const plan =
    run.scheme_version_id === campaign.schemeVersionId
      ? campaign.scheme
      : await schemeOf(services, run.scheme_version_id);
  return { run, campaign, plan, results: run.results as UnitResult[] };
}

async function schemeOf(services: Services, versionId: string): Promise<CompiledScheme> {
  const version = await services.db
    .selectFrom("scheme_versions")
    .select(["id", "source"])
    .where("id", "=", versionId)
    .executeTakeFirstOrThrow();
  return compiledScheme(version.id, version.source);
}

/** The first-level indicators, in the scheme's order. */
const firstLevel = (plan: CompiledScheme) => plan.nodes[plan.root]!.children.map((i) => plan.nodes[i]!);

/** Per first-level indicator: the units' scores and score rates where it applies. */
function indicatorFigures(plan: CompiledScheme, results: readonly UnitResult[]): IndicatorFigure[] {
  return firstLevel(plan).map((node) => {
    const scores: Decimal[] = [];
    const rates: Decimal[] = [];
    for (const r of results) {
      const figure = r.indicators[node.code];
      if (figure === undefined || figure.na) continue;
      const score = new Decimal(figure.score);
      scores.push(score);
      rates.push(score.dividedBy(figure.applicableMax).times(HUNDRED));
    }
    const average = mean(scores);
    const averageRate = mean(rates);
    return {
      code: node.code,
      name: node.name,
      max: show(fixed(node.max), plan.places),
      average: average === null ? null : show(average, plan.places),
      averageRate: averageRate === null ? null : show(averageRate, plan.places),
      units: scores.length,
    };
  });
}

export async function runDashboard(
  services: Services,
  actor: Actor,
  runId: string,
  bins: number,
): Promise<RunDashboard> {
  const { run, campaign, plan, results } = await readableRun(services, actor, runId);
  const totals = results.map((r) => new Decimal(r.total));
  const schemeMax = fixed(plan.nodes[plan.root]!.max);
  const grades: RunDashboard["grades"] = (plan.grading?.grades ?? []).map((g) => ({
    grade: g.code,
    name: g.name,
    count: results.filter((r) => r.grade === g.code).length,
  }));
  const ungraded = results.filter((r) => r.grade === null).length;
  if (ungraded > 0) grades.push({ grade: null, name: "未定级", count: ungraded });
  return {
    runId: run.id,
    runNumber: run.number,
    campaignId: campaign.id,
    campaignName: campaign.name,
    year: campaign.year,
    createdAt: new Date(run.created_at).toISOString(),
    schemeMax: show(schemeMax, plan.places),
    units: results.length,
    totals: summarise(totals, plan.places),
    histogram: histogram(totals, schemeMax, bins),
    grades,
    indicators: indicatorFigures(plan, results),
  };
}

function unitCode(run: RunRow, organisationId: string): string {
  const ids = (run.inputs as GradingInputs).organisationIds;
  const code = Object.entries(ids).find(([, id]) => id === organisationId)?.[0];
  if (code === undefined) throw notFound("unit in this run");
  return code;
}

export async function unitRadar(
  services: Services,
  actor: Actor,
  runId: string,
  organisationId: string,
): Promise<UnitRadar> {
  const { run, campaign, plan, results } = await readableRun(services, actor, runId);
  const code = unitCode(run, organisationId);
  const result = results.find((r) => r.unit === code);
  if (result === undefined) throw notFound("unit in this run");
  const averages = new Map(indicatorFigures(plan, results).map((f) => [f.code, f]));
  return {
    runId: run.id,
    campaignId: campaign.id,
    organisationId,
    unit: result.unit,
    name: result.name ?? null,
    total: result.total,
    grade: result.grade,
    gradeName: result.gradeName,
    rank: result.rank,
    indicators: firstLevel(plan).map((node) => {
      const figure = result.indicators[node.code];
      const applies = figure !== undefined && !figure.na;
      const average = averages.get(node.code)!;
      return {
        code: node.code,
        name: node.name,
        max: average.max,
        score: applies ? figure.score : null,
        applicableMax: applies ? figure.applicableMax : null,
        rate: applies
          ? show(new Decimal(figure.score).dividedBy(figure.applicableMax).times(HUNDRED), plan.places)
          : null,
        average: average.average,
        averageRate: average.averageRate,
      };
    }),
  };
}
