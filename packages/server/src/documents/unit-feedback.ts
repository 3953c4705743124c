/**
 * What the documents fed back to one unit are made of (评估报告/反馈意见, 限期整改通知书): the unit's self-evaluation
 * scored alone, its result in the campaign's latest grading run (or, before grading, its reviewed score scored
 * alone), the reviewers' findings, and the problems: every leaf that lost points and every finding.
 *
 * Who may read them: the campaign's organisers and viewers at any time; the unit's own people (head, staff) once
 * the campaign has reached 通报反馈 or is published, since feedback is what that stage hands out.
 */
import {
  Decimal,
  evaluateUnits,
  InputError,
  indicatorsInOrder,
  type PlanNode,
  type UnitInputData,
  type UnitResult,
} from "@kaoping/core";
import type { Actor } from "../access/actor.js";
import { holds } from "../access/scope.js";
import type { Services } from "../context.js";
import { AppError, forbidden, invalid } from "../errors.js";
import { type CampaignContext, loadCampaign } from "../modules/campaigns/campaign-context.js";
import { isReached } from "../modules/campaigns/stages.js";
import { buildGradingInputs, type GradingInputs } from "../modules/grading/grading-inputs.js";
import { latestRun } from "../modules/grading/grading-runs.js";
import { type RectificationLine, unitRectificationLines } from "../modules/rectification/unit-items.js";
import { type FindingView, listFindings } from "../modules/review/findings.js";
import { loadUnit, type ReviewUnit } from "../modules/review/review-sheets.js";
import { loadSelfEvaluationInputs } from "../modules/self-evaluations/self-evaluation-inputs.js";
import { organiserOf } from "./campaign-facts.js";
import { documentDate } from "./house-style.js";

export interface UnitFeedback {
  campaign: CampaignContext;
  organiser: { code: string; name: string };
  unit: ReviewUnit;
  /** The unit's result in the latest grading run; null before the campaign is graded. */
  final: UnitResult | null;
  /** How many units the run ranks. */
  unitCount: number;
  /** The self-evaluation scored alone; null when it cannot be scored (not filled in). */
  self: UnitResult | null;
  /** Before grading: the reviewers' submitted sheets laid over the self-evaluation, scored alone; else null. */
  reviewed: UnitResult | null;
  findings: FindingView[];
  /** The 整改 stage's deadline, or the standard period when the campaign has no such stage. */
  deadline: string;
  /** The problems to be rectified, in the scheme's order, findings without an indicator last. */
  problems: Problem[];
  /** The unit's rectification items (整改事项) once recorded, in the order they were; empty before. */
  rectification: RectificationLine[];
}

/** 存在问题: an indicator that lost points or has findings, or a finding about the unit as a whole. */
export interface Problem {
  /** The indicator's code, or null for a finding about no indicator. */
  code: string | null;
  /** "E1 教育教学质量", or null for a finding about no indicator. */
  indicator: string | null;
  /** 分值 as written in the scheme ("50"), re-based when some leaves do not apply. */
  max: string | null;
  score: string | null;
  /** Points lost (分值 − 得分, not applicable leaves excepted); null when none were lost. */
  lost: string | null;
  findings: string[];
  /** The indicator's standard (评分标准), what the unit has to meet. */
  standard: string | null;
}

/** When the campaign has no 整改 stage: the usual period of a 限期整改通知书. */
export const DEFAULT_DEADLINE = "收到通知之日起30日内";

/** "2027年3月31日前", or the period counted from receipt as it is. */
export const byDeadline = (deadline: string): string =>
  deadline === DEFAULT_DEADLINE ? deadline : `${deadline}前`;

export const FINDING_KIND_NAMES: Record<string, string> = { problem: "问题" };

export async function loadUnitFeedback(
  services: Services,
  actor: Actor,
  campaignId: string,
  organisationId: string | null,
): Promise<UnitFeedback> {
  if (organisationId === null) throw invalid("query.organisationId", "须指定单位 / a unit is needed");
  const { db } = services;
  const campaign = await loadCampaign(db, campaignId);
  const unit = await loadUnit(services, campaignId, organisationId);
  requireFeedbackReader(actor, campaign, unit);
  const organiser = await organiserOf(services, campaign);
  const run = await latestRun(db, campaignId);
  const results = (run?.results ?? []) as UnitResult[];
  const final = results.find((r) => r.unit === unit.code) ?? null;
  const self = await selfScore(services, campaign, unit);
  const reviewed = final === null ? await reviewedScore(services, campaign, unit) : null;
  const findings = await listFindings(services, actor, campaignId, organisationId);
  const stage = campaign.stages.find((s) => s.stage === "rectification");
  const deadline = stage?.deadline == null ? DEFAULT_DEADLINE : documentDate(new Date(stage.deadline));
  const basis = final ?? reviewed ?? self;
  return {
    campaign,
    organiser,
    unit,
    final,
    unitCount: results.length,
    self,
    reviewed,
    findings,
    deadline,
    problems: problemsOf(campaign, basis, findings),
    rectification: await unitRectificationLines(db, campaign, unit.id, services.clock.now()),
  };
}

function requireFeedbackReader(actor: Actor, campaign: CampaignContext, unit: ReviewUnit): void {
  if (holds(actor, ["organiser", "viewer"], campaign.organiserPath)) return;
  if (holds(actor, ["unit_head", "unit_staff"], unit.path)) {
    if (campaign.status === "published" || isReached(campaign.stages, "feedback")) return;
    throw new AppError("forbidden", [], {
      zh: "评估结果尚未通报反馈，暂不能查看",
      en: "The results have not been fed back to the units yet",
    });
  }
  throw forbidden("outside this campaign");
}

/** Scores one unit alone (its quota grade means nothing alone and is not shown); null when it cannot be scored. */
function scoreAlone(campaign: CampaignContext, unit: UnitInputData): UnitResult | null {
  try {
    return evaluateUnits(campaign.scheme, [unit], { trace: false }).units[0] ?? null;
  } catch (error) {
    if (error instanceof InputError) return null;
    throw error;
  }
}

async function selfScore(services: Services, campaign: CampaignContext, unit: ReviewUnit) {
  const inputs = (await loadSelfEvaluationInputs(services.db, campaign.id)).get(unit.id);
  if (inputs === undefined) return null;
  return scoreAlone(campaign, {
    unit: unit.code,
    name: unit.name,
    ...(unit.category === null ? {} : { category: unit.category }),
    data: inputs.data,
    scores: inputs.scores,
  });
}

/** The reviewers' score before grading, when at least one sheet of theirs is submitted. */
async function reviewedScore(services: Services, campaign: CampaignContext, unit: ReviewUnit) {
  const sheet = await services.db
    .selectFrom("review_sheets")
    .select("id")
    .where("campaign_id", "=", campaign.id)
    .where("organisation_id", "=", unit.id)
    .where("submitted", "=", true)
    .limit(1)
    .executeTakeFirst();
  if (sheet === undefined) return null;
  let inputs: GradingInputs;
  try {
    inputs = await buildGradingInputs(services.db, campaign, unit.id);
  } catch (error) {
    if (error instanceof AppError) return null;
    throw error;
  }
  const input = inputs.units[0];
  return input === undefined ? null : scoreAlone(campaign, { ...input, bonus: {} });
}

const label = (node: PlanNode) => `${node.code} ${node.name}`;

function problemsOf(campaign: CampaignContext, basis: UnitResult | null, findings: FindingView[]): Problem[] {
  const plan = campaign.scheme;
  const about = (code: string | null) =>
    findings
      .filter((f) => f.indicatorCode === code)
      .map((f) => `【${FINDING_KIND_NAMES[f.kind] ?? f.kind}】${f.text}`);
  const problems: Problem[] = [];
  for (const node of indicatorsInOrder(plan)) {
    const figure = basis?.indicators[node.code];
    const shortfall =
      node.leaf >= 0 && figure !== undefined && !figure.na
        ? new Decimal(figure.applicableMax).minus(figure.score)
        : null;
    const lost = shortfall?.gt(0) ? shortfall : null;
    const noted = about(node.code);
    if (lost === null && noted.length === 0) continue;
    problems.push({
      code: node.code,
      indicator: label(node),
      max: figure === undefined ? null : new Decimal(figure.applicableMax).toString(),
      score: figure?.score ?? null,
      lost: lost?.toFixed(plan.places) ?? null,
      findings: noted,
      standard: node.source?.guidance ?? null,
    });
  }
  const general = about(null);
  if (general.length > 0)
    problems.push({
      code: null,
      indicator: null,
      max: null,
      score: null,
      lost: null,
      findings: general,
      standard: null,
    });
  return problems;
}

/** "失12.50分（分值50分，得分37.50分）；【看】…" */
export function problemText(p: Problem): string {
  const lost = p.lost === null ? [] : [`失${p.lost}分（分值${p.max}分，得分${p.score}分）`];
  return [...lost, ...p.findings].join("；");
}
