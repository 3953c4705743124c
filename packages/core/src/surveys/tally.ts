/**
 * Survey results per unit and respondent group from counts the store aggregates (no response is read one by
 * one): 有效问卷 (valid responses), 有效回收率 = valid responses ÷ tokens issued, 满意率 = answers at a level counted
 * as satisfied ÷ valid answers to the question, 平均分 = Σ points × count ÷ valid answers, and quota fulfilment.
 * Rates are percentages and means are printed with two decimals, rounded half-up.
 */
import { Decimal } from "../numbers/decimal.js";
import type { Question, SurveyDefinition } from "./model.js";

type Likert = Extract<Question, { type: "likert" }>;

/** What the store counts for one unit and group. */
export interface GroupCounts {
  organisationId: string;
  groupCode: string;
  issued: number;
  /** Responses received (every stored response is complete, so valid). */
  responses: number;
  /** Likert question code → level code → number of respondents who chose it. */
  likert: Record<string, Record<string, number>>;
}

export interface QuestionResult {
  code: string;
  text: string;
  /** Level code → count, in the question's level order. */
  counts: Array<{ code: string; name: string; count: number; satisfied: boolean }>;
  /** Respondents who answered the question (an optional question may be skipped). */
  valid: number;
  satisfiedCount: number;
  /** Percent, two decimals half-up ("85.33"); null without valid answers. */
  rate: string | null;
  /** Two decimals half-up; null without valid answers. */
  mean: string | null;
}

export interface GroupResult {
  code: string;
  name: string;
  issued: number;
  responses: number;
  /** Share of the unit's valid responses, percent with two decimals; null when the unit has none. */
  share: string | null;
  /** The quota as a percent ("50.00"). */
  minShare: string;
  quotaMet: boolean;
  questions: QuestionResult[];
}

export interface UnitSurveyResult {
  organisationId: string;
  sampleSize: number;
  issued: number;
  responses: number;
  /** 有效回收率 in percent with two decimals; null before any token is issued. */
  validRate: string | null;
  belowMinRate: boolean;
  belowSampleSize: boolean;
  quotasMet: boolean;
  groups: GroupResult[];
  questions: QuestionResult[];
}

const percent = (part: number, whole: number) => new Decimal(part).times(100).dividedBy(whole).toFixed(2);

export function questionResult(question: Likert, counts: Record<string, number> | undefined): QuestionResult {
  const levels = question.levels.map((l) => ({
    code: l.code,
    name: l.name,
    count: counts?.[l.code] ?? 0,
    satisfied: l.satisfied,
  }));
  const valid = levels.reduce((sum, l) => sum + l.count, 0);
  const satisfiedCount = levels.reduce((sum, l) => sum + (l.satisfied ? l.count : 0), 0);
  const points = question.levels.reduce(
    (sum, l, i) => sum.plus(new Decimal(l.points).times(levels[i]!.count)),
    new Decimal(0),
  );
  return {
    code: question.code,
    text: question.text,
    counts: levels,
    valid,
    satisfiedCount,
    rate: valid === 0 ? null : percent(satisfiedCount, valid),
    mean: valid === 0 ? null : points.dividedBy(valid).toFixed(2),
  };
}

function likertQuestions(definition: SurveyDefinition): Likert[] {
  return definition.questions.filter((q): q is Likert => q.type === "likert");
}

function sumCounts(rows: readonly GroupCounts[], question: string): Record<string, number> {
  const total: Record<string, number> = {};
  for (const row of rows)
    for (const [level, count] of Object.entries(row.likert[question] ?? {}))
      total[level] = (total[level] ?? 0) + count;
  return total;
}

/** One unit's result from its groups' counts (missing groups count as nothing issued and nothing received). */
export function surveyUnitResult(
  definition: SurveyDefinition,
  organisationId: string,
  sampleSize: number,
  rows: readonly GroupCounts[],
): UnitSurveyResult {
  const likert = likertQuestions(definition);
  const issued = rows.reduce((sum, r) => sum + r.issued, 0);
  const responses = rows.reduce((sum, r) => sum + r.responses, 0);
  const groups = definition.groups.map((g): GroupResult => {
    const own = rows.filter((r) => r.groupCode === g.code);
    const groupResponses = own.reduce((sum, r) => sum + r.responses, 0);
    const minShare = new Decimal(g.minShare);
    return {
      code: g.code,
      name: g.name,
      issued: own.reduce((sum, r) => sum + r.issued, 0),
      responses: groupResponses,
      share: responses === 0 ? null : percent(groupResponses, responses),
      minShare: minShare.times(100).toFixed(2),
      // Exact: the group's count against the quota times the total, so 50% of 7 needs 4 (3.5 is not enough).
      quotaMet:
        minShare.isZero() || (responses > 0 && new Decimal(groupResponses).gte(minShare.times(responses))),
      questions: likert.map((q) => questionResult(q, sumCounts(own, q.code))),
    };
  });
  return {
    organisationId,
    sampleSize,
    issued,
    responses,
    validRate: issued === 0 ? null : percent(responses, issued),
    belowMinRate: issued > 0 && new Decimal(responses).lt(new Decimal(definition.minValidRate).times(issued)),
    belowSampleSize: responses < sampleSize,
    quotasMet: groups.every((g) => g.quotaMet),
    groups,
    questions: likert.map((q) => questionResult(q, sumCounts(rows, q.code))),
  };
}

/** The key question's answer counts, as a satisfaction indicator's input (`{ answers: { code: count } }`). */
export function indicatorAnswers(
  definition: SurveyDefinition,
  rows: readonly GroupCounts[],
): Record<string, number> | null {
  if (definition.keyQuestion === null) return null;
  const question = likertQuestions(definition).find((q) => q.code === definition.keyQuestion);
  if (question === undefined) return null;
  const counts = sumCounts(rows, question.code);
  return Object.fromEntries(question.levels.map((l) => [l.code, counts[l.code] ?? 0]));
}
