/**
 * 评估报告/反馈意见: what a campaign's organiser feeds back to one unit — its result (final once graded, or the
 * self-evaluation and reviewed totals before), its scores by indicator, the reviewers' findings, the problems found
 * and what it must do about them. Every figure is a formatted string, so a template prints what the house style does.
 */
import { type CompiledScheme, formatShort, indicatorsInOrder, type UnitResult } from "@kaoping/core";
import type { Actor } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { procedureText, vetoNames } from "../campaign-facts.js";
import { documentDate } from "../house-style.js";
import {
  byDeadline,
  FINDING_KIND_NAMES,
  loadUnitFeedback,
  problemText,
  type UnitFeedback,
} from "../unit-feedback.js";

/** One row of the 分项得分 table: a first-level indicator (its subtotal) or a leaf. */
export interface ScoreRow {
  code: string;
  name: string;
  /** 一级指标 rows are subtotals. */
  firstLevel: boolean;
  /** 分值 */
  max: string;
  /** 自评得分 ("不适用", or "—" when not scored). */
  self: string;
  /** 最终得分 once graded, else 评审得分. */
  score: string;
}

export interface EvaluationReportModel {
  title: string;
  campaign: string;
  year: string;
  scheme: string;
  organiser: string;
  unit: { code: string; name: string };
  issuedOn: string;
  /** Whether the totals are the graded (final) ones. */
  graded: boolean;
  /** The heading of the score column: 最终得分 or 评审得分. */
  scoreColumn: string;
  preamble: string;
  /** The result in one sentence, saying which totals it gives. */
  result: string;
  selfTotal: string;
  total: string;
  grade: string;
  rank: string;
  scores: ScoreRow[];
  findings: Array<{ indicator: string; kind: string; text: string }>;
  problems: Array<{ number: string; indicator: string; text: string }>;
  hasProblems: boolean;
  /** 整改落实情况: the unit's rectification items once tracked, open ones marked 未完成. */
  rectification: Array<{
    number: string;
    indicator: string;
    problem: string;
    deadline: string;
    status: string;
  }>;
  hasRectification: boolean;
  /** 整改要求 */
  requirement: string;
  /** The rectification deadline (a date, or 收到通知之日起30日内). */
  deadline: string;
}

const NONE = "—";

/** Findings in the scheme's order, those about the unit as a whole last, as the problems list them. */
function inSchemeOrder<F extends { indicatorCode: string | null }>(
  plan: CompiledScheme,
  findings: readonly F[],
): F[] {
  const position = new Map(indicatorsInOrder(plan).map((node, i) => [node.code, i]));
  const at = (f: F) =>
    f.indicatorCode === null
      ? Number.MAX_SAFE_INTEGER
      : (position.get(f.indicatorCode) ?? Number.MAX_SAFE_INTEGER - 1);
  return [...findings].sort((a, b) => at(a) - at(b));
}
const shown = (r: UnitResult | null, code: string) => {
  const figure = r?.indicators[code];
  return figure === undefined ? NONE : figure.na ? "不适用" : figure.score;
};

function resultSentence(f: UnitFeedback): string {
  if (f.final !== null) {
    const grade = f.final.gradeName === null ? "" : `，等次为“${f.final.gradeName}”`;
    const vetoes = vetoNames(f.campaign.scheme, f.final.vetoes);
    const veto = vetoes.length === 0 ? "" : `（因“${vetoes.join("”“")}”一票否决）`;
    return `你单位最终得分${f.final.total}分${grade}${veto}，在${f.unitCount}个参评单位中排名第${f.final.rank}位（自评得分${f.self?.total ?? NONE}分）。`;
  }
  const self = f.self === null ? "自评尚未完成" : `自评得分${f.self.total}分`;
  const reviewed = f.reviewed === null ? "尚无评审得分" : `评审得分${f.reviewed.total}分`;
  return `尚未汇总定级，以下为你单位的自评得分和评审得分：${self}，${reviewed}（以最终公布结果为准）。`;
}

function requirementText(f: UnitFeedback): string {
  return f.problems.length === 0
    ? "你单位未发现失分项目和问题，请巩固成绩，持续规范管理。"
    : `请你单位对照上述问题认真制定整改方案，明确整改目标、措施、时限和责任人，于${byDeadline(f.deadline)}完成整改，并将整改情况书面报告${f.organiser.name}（具体要求见限期整改通知书）。`;
}

export function evaluationReportModel(f: UnitFeedback, issuedAt: Date): EvaluationReportModel {
  const { campaign } = f;
  const plan = campaign.scheme;
  const scored = f.final ?? f.reviewed;
  const scores: ScoreRow[] = indicatorsInOrder(plan)
    .filter((n) => n.parent === plan.root || n.leaf >= 0)
    .filter((n) => f.self?.indicators[n.code] !== undefined || scored?.indicators[n.code] !== undefined)
    .map((n) => ({
      code: n.code,
      name: n.name,
      firstLevel: n.parent === plan.root,
      max: formatShort(n.max),
      self: shown(f.self, n.code),
      score: shown(scored, n.code),
    }));
  return {
    title: `关于${f.unit.name}${campaign.name}情况的反馈意见`,
    campaign: campaign.name,
    year: String(campaign.year),
    scheme: plan.definition.name,
    organiser: f.organiser.name,
    unit: { code: f.unit.code, name: f.unit.name },
    issuedOn: documentDate(issuedAt),
    graded: f.final !== null,
    scoreColumn: f.final !== null ? "最终得分" : "评审得分",
    preamble: `根据《${plan.definition.name}》，${f.organiser.name}组织开展了${campaign.name}，经${procedureText(campaign)}等程序，现将你单位评估结果和发现的问题反馈如下。`,
    result: resultSentence(f),
    selfTotal: f.self?.total ?? NONE,
    total: scored?.total ?? NONE,
    grade: f.final?.gradeName ?? NONE,
    rank: f.final === null ? NONE : String(f.final.rank),
    scores,
    findings: inSchemeOrder(plan, f.findings).map((x) => ({
      indicator:
        x.indicatorCode === null
          ? "综合"
          : `${x.indicatorCode} ${plan.nodes[plan.byCode.get(x.indicatorCode) ?? plan.root]?.name ?? ""}`.trim(),
      kind: FINDING_KIND_NAMES[x.kind] ?? x.kind,
      text: x.text,
    })),
    problems: f.problems.map((p, i) => ({
      number: String(i + 1),
      indicator: p.indicator ?? "综合",
      text: problemText(p),
    })),
    hasProblems: f.problems.length > 0,
    rectification: f.rectification.map((r) => ({
      number: r.number,
      indicator: r.indicator,
      problem: r.problem,
      deadline: r.deadline,
      status: r.status,
    })),
    hasRectification: f.rectification.length > 0,
    requirement: requirementText(f),
    deadline: f.deadline,
  };
}

export async function loadEvaluationReport(
  services: Services,
  actor: Actor,
  campaignId: string,
  organisationId: string | null,
): Promise<EvaluationReportModel> {
  const feedback = await loadUnitFeedback(services, actor, campaignId, organisationId);
  return evaluationReportModel(feedback, services.clock.now());
}
