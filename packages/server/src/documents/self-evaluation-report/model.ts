/**
 * 自评报告: a unit's self-evaluation report as data. Every figure is formatted here, exactly (the engine's
 * fixed-point scores), so the house style and an organisation's template print the same text. The free text comes
 * from the unit's report sections (基本情况, 主要做法与成效, 存在问题, 整改措施与下一步打算) and the indicator
 * narratives; the scores from the engine's explanation of the draft, with 空项 re-basing where the scheme has it.
 */
import {
  type CompiledScheme,
  explainUnit,
  type Fixed,
  format,
  formatShort,
  type IndicatorExplanation,
  InputError,
  indicatorsInOrder,
  type UnitExplanation,
} from "@kaoping/core";
import type { Actor } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { forbidden } from "../../errors.js";
import {
  gradeAlone,
  loadEvidence,
  scoreDraft,
  unitData,
} from "../../modules/self-evaluations/read-self-evaluation.js";
import { REPORT_SECTIONS } from "../../modules/self-evaluations/save-data.js";
import {
  loadSelfEvaluation,
  type SelfEvaluationContext,
  unitMask,
} from "../../modules/self-evaluations/self-evaluation-context.js";
import { loadUnitTables } from "../../modules/self-evaluations/unit-tables.js";
import { documentDate } from "../house-style.js";
import { inputProblems, reasonOf } from "../score-reasons.js";

/** One paragraph of free text. */
export interface Text {
  text: string;
}

/** A row of the 自评得分表: an indicator with its 分值 and self-score. */
export interface ScoreRow {
  code: string;
  name: string;
  /** 1 for a first-level indicator (一级指标). */
  depth: number;
  leaf: boolean;
  /** 分值. */
  max: string;
  /** 自评得分 (实得分); "—" for 空项, "" while the draft cannot be scored. */
  score: string;
  /** 空项分值: the part of the 分值 declared not applicable. */
  naMax: string;
  notApplicable: boolean;
  /** 失分: 分值 − 空项分值 − 得分. */
  lost: string;
  /** 扣分原因: the deductions, unmet items or level given. */
  reason: string;
}

/** 存在问题: an indicator that lost points. */
export interface Problem {
  code: string;
  name: string;
  max: string;
  score: string;
  lost: string;
  reason: string;
  /** "A1.2 办学规模（5分，自评得分3分，失分2分）：…" */
  line: string;
}

/** 主要做法与成效 under one first-level indicator. */
export interface Practice {
  code: string;
  name: string;
  items: Array<{ code: string; name: string; text: string }>;
}

/** 资料目录: the evidence filed under one indicator. */
export interface EvidenceEntry {
  code: string;
  name: string;
  count: string;
  files: Array<{ name: string }>;
  /** The file names joined with "、". */
  fileList: string;
}

export interface SelfEvaluationReportModel {
  title: string;
  unitCode: string;
  unitName: string;
  /** The unit's category name (小学, 初中 …), "" when the scheme has none. */
  category: string;
  campaignName: string;
  year: string;
  organiserName: string;
  schemeName: string;
  /** 成文日期: the submission date, else today. */
  date: string;
  /** Whether the draft could be scored; if not, `unscored` says what is missing. */
  scored: boolean;
  unscored: Text[];
  /** 满分. */
  max: string;
  /** 自评总分 (with bonus and vetoes as the engine counts them). */
  total: string;
  graded: boolean;
  /** The grade the scheme gives on the score alone (达标 …); "" when the grade depends on the other units. */
  grade: string;
  /** The scheme re-bases 空项 (安全生产标准化): the 空项分值, 实得分 and 得分率 lines are printed. */
  rebased: boolean;
  /** 空项分值. */
  naMax: string;
  /** 应得分 = 满分 − 空项分值. */
  applicableMax: string;
  /** 实得分. */
  points: string;
  /** 得分率 (%), two places. */
  rate: string;
  /** 换算得分 = 得分率 × 满分 ÷ 100. */
  base: string;
  /** "得分率 = 实得分 ÷ (总分 − 空项分值) × 100% = 812 ÷ (1000 − 60) × 100% = 86.38%" */
  rateFormula: string;
  basicInfo: Text[];
  practicesIntro: Text[];
  practices: Practice[];
  problemsIntro: Text[];
  problems: Problem[];
  measures: Text[];
  indicators: ScoreRow[];
  evidence: EvidenceEntry[];
  evidenceCount: string;
}

const paragraphs = (text: string | undefined): Text[] =>
  (text ?? "")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .map((line) => ({ text: line }));

function scoreRows(plan: CompiledScheme, mask: Uint8Array, e: UnitExplanation | null): ScoreRow[] {
  const explained = new Map<string, IndicatorExplanation>(e?.indicators.map((i) => [i.code, i]) ?? []);
  const f = (x: Fixed) => format(x, plan.places);
  return indicatorsInOrder(plan, mask).map((node) => {
    const ind = explained.get(node.code);
    const lost = ind === undefined ? 0 : ind.applicableMax - ind.score;
    return {
      code: node.code,
      name: node.name,
      depth: node.depth,
      leaf: node.leaf >= 0,
      max: formatShort(node.max),
      score: ind === undefined ? "" : ind.notApplicable ? "—" : f(ind.score),
      naMax: ind === undefined ? "" : formatShort(ind.max - ind.applicableMax),
      notApplicable: ind?.notApplicable ?? false,
      lost: lost > 0 ? f(lost) : "",
      reason: ind === undefined ? "" : reasonOf(ind),
    };
  });
}

function problemsOf(rows: readonly ScoreRow[]): Problem[] {
  return rows
    .filter((r) => r.leaf && r.lost !== "")
    .map((r) => ({
      code: r.code,
      name: r.name,
      max: r.max,
      score: r.score,
      lost: r.lost,
      reason: r.reason,
      line: `${r.code} ${r.name}（${r.max}分，自评得分${r.score}分，失分${r.lost}分）${r.reason === "" ? "" : `：${r.reason}`}。`,
    }));
}

/** 整改措施: the unit's own text, or one measure per problem when it wrote none. */
function measuresOf(written: string | undefined, problems: readonly Problem[]): Text[] {
  const own = paragraphs(written);
  if (own.length > 0) return own;
  if (problems.length === 0) return [{ text: "对照评估指标持续巩固提高，保持各项工作达到标准。" }];
  return problems.map((p, i) => ({
    text: `${i + 1}. 针对“${p.code} ${p.name}”失分${p.lost}分的问题，明确责任部门和整改时限，逐项整改到位。`,
  }));
}

function practicesOf(
  plan: CompiledScheme,
  mask: Uint8Array,
  narratives: ReadonlyMap<string, string>,
): Practice[] {
  const practices: Practice[] = [];
  for (const node of indicatorsInOrder(plan, mask)) {
    if (node.depth === 1) practices.push({ code: node.code, name: node.name, items: [] });
    const text = narratives.get(node.code)?.trim() ?? "";
    if (text !== "") practices.at(-1)?.items.push({ code: node.code, name: node.name, text });
  }
  return practices.filter((p) => p.items.length > 0);
}

function evidenceOf(
  rows: readonly ScoreRow[],
  files: ReadonlyArray<{ indicatorCode: string; name: string }>,
): EvidenceEntry[] {
  return rows
    .map((r) => {
      const names = files.filter((f) => f.indicatorCode === r.code).map((f) => ({ name: f.name }));
      return {
        code: r.code,
        name: r.name,
        count: String(names.length),
        files: names,
        fileList: names.map((n) => n.name).join("、"),
      };
    })
    .filter((e) => e.files.length > 0);
}

export interface ReportSource {
  ctx: SelfEvaluationContext;
  organiserName: string;
  /** The engine's explanation of the draft, or why it cannot be scored yet. */
  explanation: UnitExplanation | { problems: Array<{ path: string; message: string }> };
  narratives: ReadonlyMap<string, string>;
  evidence: ReadonlyArray<{ indicatorCode: string; name: string }>;
  date: Date;
}

/** The model from what was read: pure, so the benchmark and the sample build it without a database. */
export function buildSelfEvaluationReport(source: ReportSource): SelfEvaluationReportModel {
  const { ctx } = source;
  const plan = ctx.campaign.scheme;
  const mask = unitMask(plan, ctx.unit.category);
  const e = "problems" in source.explanation ? null : source.explanation;
  const f = (x: Fixed) => format(x, plan.places);
  const rows = scoreRows(plan, mask, e);
  const problems = problemsOf(rows);
  const report = ctx.evaluation.report;
  const category = plan.definition.categories.find((c) => c.code === ctx.unit.category)?.name ?? "";
  const grade = e === null ? null : gradeAlone(plan, e.grade?.code ?? null).gradeName;
  // 空项 lines only where the scheme re-bases and lets some indicator be declared not applicable (S5).
  const rebased = plan.rebase && plan.nodes.some((n) => n.notApplicable);
  const naMax = e === null ? "" : f(e.max - e.applicableMax);
  const rate = e === null ? "" : format(e.rate, 2);
  const facts =
    e === null
      ? "自评尚未完成，暂不能计算自评得分。"
      : `自评总分${f(e.total)}分（满分${formatShort(e.max)}分）${rebased ? `，空项分值${naMax}分，实得分${f(e.points)}分，得分率${rate}%` : ""}${grade === null ? "" : `，自评等次为“${grade}”`}。`;
  return {
    title: "自评报告",
    unitCode: ctx.unit.code,
    unitName: ctx.unit.name,
    category,
    campaignName: ctx.campaign.name,
    year: String(ctx.campaign.year),
    organiserName: source.organiserName,
    schemeName: plan.definition.name,
    date: documentDate(ctx.evaluation.submittedAt ?? source.date),
    scored: e !== null,
    unscored:
      "problems" in source.explanation ? source.explanation.problems.map((p) => ({ text: p.message })) : [],
    max: formatShort(plan.nodes[plan.root]!.max),
    total: e === null ? "" : f(e.total),
    graded: grade !== null,
    grade: grade ?? "",
    rebased,
    naMax,
    applicableMax: e === null ? "" : f(e.applicableMax),
    points: e === null ? "" : f(e.points),
    rate,
    base: e === null ? "" : f(e.base),
    rateFormula:
      e === null
        ? ""
        : `得分率 = 实得分 ÷ (总分 − 空项分值) × 100% = ${f(e.points)} ÷ (${formatShort(e.max)} − ${naMax}) × 100% = ${rate}%`,
    basicInfo: [
      {
        text: `${ctx.unit.name}${category === "" ? "" : `（${category}）`}参加${ctx.campaign.name}，对照《${plan.definition.name}》逐项开展自评。${facts}`,
      },
      ...paragraphs(report[REPORT_SECTIONS[0]]),
    ],
    practicesIntro: paragraphs(report[REPORT_SECTIONS[1]]),
    practices: practicesOf(plan, mask, source.narratives),
    problemsIntro: paragraphs(report[REPORT_SECTIONS[2]]),
    problems,
    measures: measuresOf(report[REPORT_SECTIONS[3]], problems),
    indicators: rows,
    evidence: evidenceOf(rows, source.evidence),
    evidenceCount: String(source.evidence.length),
  };
}

/**
 * Reads the report with the self-evaluation's own rights: the unit, its organisers and viewers, and reviewers
 * only where the campaign lets reviewers see self-scores.
 */
export async function loadSelfEvaluationReport(
  services: Services,
  actor: Actor,
  campaignId: string,
  organisationId: string,
): Promise<SelfEvaluationReportModel> {
  const { db } = services;
  const ctx = await loadSelfEvaluation(db, actor, campaignId, organisationId);
  if (ctx.permissions.reviewerOnly && ctx.campaign.settings.reviewersSeeSelfScores !== true) {
    throw forbidden("reviewers do not see this campaign's self-scores / 本次评估专家不查看自评得分");
  }
  const items = await db
    .selectFrom("self_evaluation_items")
    .select(["indicator_code", "input", "narrative"])
    .where("self_evaluation_id", "=", ctx.evaluation.id)
    .execute();
  const tables = (await loadUnitTables(db, [ctx.evaluation.id])).get(ctx.evaluation.id) ?? {};
  const organiser = await db
    .selectFrom("organisations")
    .select("name")
    .where("id", "=", ctx.campaign.organiserId)
    .executeTakeFirstOrThrow();
  return buildSelfEvaluationReport({
    ctx,
    organiserName: organiser.name,
    explanation: explainDraft(ctx, unitData(ctx, tables).data, items),
    narratives: new Map(items.map((i) => [i.indicator_code, i.narrative])),
    evidence: await loadEvidence(db, ctx.evaluation.id),
    date: services.clock.now(),
  });
}

function explainDraft(
  ctx: SelfEvaluationContext,
  data: Parameters<typeof scoreDraft>[1],
  items: Parameters<typeof scoreDraft>[2],
): ReportSource["explanation"] {
  if (ctx.unit.role === "reporting") return { problems: [{ path: "unit", message: "填报单位不计分" }] };
  try {
    return explainUnit(scoreDraft(ctx, data, items), ctx.unit.code);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { problems: inputProblems(error) };
  }
}
