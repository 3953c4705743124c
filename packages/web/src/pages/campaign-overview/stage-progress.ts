/**
 * How far each stage has got, from the campaign overview's figures: 单位自评 by submitted self-evaluations, 初审
 * by accepted ones, 评审 by units whose sheets are all in, 汇总定级 by a grading run, 公示 by decided objections.
 * A stage without such a figure is done when closed; null means nothing to measure (yet).
 */
import type { ResponseOf } from "../../api/types.js";

export type CampaignOverview = ResponseOf<"/api/v1/campaigns/{id}/overview", "get">;

export interface StageFigure {
  done: number;
  of: number;
}

export function stageFigure(stage: string, overview: CampaignOverview): StageFigure | null {
  const units = overview.units.evaluated + overview.units.reporting;
  const se = overview.selfEvaluations;
  switch (stage) {
    case "self_evaluation":
      return { done: se.submitted + se.accepted, of: units };
    case "preliminary":
      return { done: se.accepted, of: units };
    case "review":
      return overview.review.unitsAssigned === 0
        ? null
        : { done: overview.review.unitsComplete, of: overview.review.unitsAssigned };
    case "grading":
      return { done: overview.latestRun === null ? 0 : 1, of: 1 };
    case "publicity": {
      const o = overview.objections;
      const all = o.pending + o.upheld + o.rejected;
      return all === 0 ? null : { done: o.upheld + o.rejected, of: all };
    }
    default:
      return null;
  }
}

/** The bar's percentage: the figure when there is one, else 100 for a closed stage and null otherwise. */
export function stagePercent(figure: StageFigure | null, closed: boolean): number | null {
  if (figure !== null) return figure.of === 0 ? 0 : Math.round((figure.done / figure.of) * 100);
  return closed ? 100 : null;
}
