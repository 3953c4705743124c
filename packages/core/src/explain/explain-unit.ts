/**
 * A unit's result, explained: every indicator's inputs, method and score, re-basing, rater groups, bonus,
 * vetoes, and the rule that decided its grade, its rank and its quota position. Structured here so the web
 * app can lay it out; render-explanation.ts turns it into Chinese or English text.
 */
import type { Scored } from "../evaluate.js";
import type { CapSource, GradeReason } from "../grading/grade-units.js";
import type { Fixed } from "../numbers/fixed.js";
import type { LeafTrace } from "../scoring/leaf-methods.js";
import type { RaterTrace } from "../scoring/score-unit.js";

export interface IndicatorExplanation {
  code: string;
  name: string;
  depth: number;
  max: Fixed;
  applicableMax: Fixed;
  score: Fixed;
  aggregate: "sum" | "weighted" | "normalized" | null;
  weight: Fixed | null;
  notApplicable: boolean;
  trace: LeafTrace | null;
  note: string | undefined;
}

export interface UnitExplanation {
  unit: string;
  name: string | undefined;
  category: string | undefined;
  schemeName: string;
  places: number;
  source: "self" | "raters";
  max: Fixed;
  applicableMax: Fixed;
  points: Fixed;
  rate: Fixed;
  base: Fixed;
  rebased: boolean;
  indicators: IndicatorExplanation[];
  raters: RaterTrace | null;
  bonus: Array<{ code: string; name: string; given: Fixed; counted: Fixed; max: Fixed }>;
  bonusTotal: Fixed;
  bonusCap: Fixed | null;
  vetoes: Array<{ code: string; name: string; effect: string; grade: string | null }>;
  total: Fixed;
  grade: { code: string; name: string } | null;
  pointsGrade: { code: string; name: string } | null;
  /** The band's minimum that gave the points grade, if a band did. */
  pointsMin: Fixed | null;
  reason: GradeReason;
  caps: Array<{ grade: string; by: CapSource }>;
  skipped: Array<{ grade: string; why: "vetoed" | "capped" }>;
  gradeNames: string[];
  rank: number;
  groupRank: number;
  group: string;
  unitCount: number;
  flags: Array<{ code: string; name: string; outcome: string }>;
}

export class UnknownUnitError extends Error {}

export function explainUnit(evaluation: Scored, unitCode: string): UnitExplanation {
  const index = evaluation.scores.findIndex((s) => s.input.unit === unitCode);
  if (index < 0) throw new UnknownUnitError(`no unit with code ${unitCode} in this evaluation`);
  const plan = evaluation.scheme;
  const score = evaluation.scores[index]!;
  const outcome = evaluation.outcomes.outcome(index);
  const grades = plan.grading?.grades ?? [];
  const gradeRef = (index: number | null) =>
    index === null ? null : { code: grades[index]!.code, name: grades[index]!.name };
  const root = plan.nodes[plan.root]!;
  const indicators: IndicatorExplanation[] = [];
  // Depth-first in the scheme's order, as the indicator table is printed.
  const visit = (index: number) => {
    const node = plan.nodes[index]!;
    if (score.mask[index] === 0) return;
    if (index !== plan.root) {
      const leaf = node.leaf >= 0 ? score.leaves[node.leaf] : null;
      indicators.push({
        code: node.code,
        name: node.name,
        depth: node.depth,
        max: node.max,
        applicableMax: score.tree.applicableMax[index]!,
        score: score.tree.score[index]!,
        aggregate: node.leaf >= 0 ? null : node.aggregate,
        weight: node.weight,
        notApplicable: score.tree.applicableMax[index] === 0,
        trace: leaf?.trace ?? null,
        note: leaf?.note,
      });
    }
    for (const child of node.children) visit(child);
  };
  if (score.breakdown) visit(plan.root);
  return {
    unit: score.input.unit,
    name: score.input.name,
    category: score.input.category,
    schemeName: plan.definition.name,
    places: plan.places,
    source: score.source,
    max: root.max,
    applicableMax: score.applicableMax,
    points: score.points,
    rate: score.rate,
    base: score.base,
    rebased: score.base !== score.points,
    indicators,
    raters: score.raters,
    bonus: score.bonusItems.map((b) => ({
      ...b,
      max: plan.bonus!.items.find((i) => i.code === b.code)!.max,
    })),
    bonusTotal: score.bonus,
    bonusCap: plan.bonus?.cap ?? null,
    vetoes: score.vetoes.map((v) => ({
      code: v.code,
      name: v.name,
      effect: v.effect,
      grade: v.grade === null ? null : grades[v.grade]!.name,
    })),
    total: score.total,
    grade: gradeRef(outcome.grade),
    pointsGrade: gradeRef(outcome.pointsGrade),
    pointsMin: outcome.pointsGrade === null ? null : (plan.grading!.grades[outcome.pointsGrade]!.min ?? null),
    reason: outcome.reason,
    caps: outcome.caps.map((cap) => ({ grade: grades[cap.grade]!.name, by: cap.by })),
    skipped: outcome.skipped.map((s) => ({ grade: grades[s.grade]!.name, why: s.why })),
    gradeNames: grades.map((g) => g.name),
    rank: outcome.rank,
    groupRank: outcome.groupRank,
    group: outcome.group,
    unitCount: evaluation.scores.length,
    flags: outcome.flags,
  };
}
