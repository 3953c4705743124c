/** What a satisfaction indicator scores from a survey's answer counts, for the results page beside the survey's own rate. */
import { format } from "../numbers/fixed.js";
import type { CompiledScheme } from "../scheme/plan.js";
import { noData } from "../scoring/check-leaf-input.js";
import { LeafInputError, scoreLeaf } from "../scoring/leaf-methods.js";

export type IndicatorScore =
  | { ok: true; score: string; max: string; value: string }
  /** e.g. fewer valid answers than the indicator's minimum. */
  | { ok: false; problem: string };

export function satisfactionScore(
  plan: CompiledScheme,
  code: string,
  answers: Record<string, number>,
): IndicatorScore {
  const index = plan.byCode.get(code);
  const node = index === undefined ? undefined : plan.nodes[index];
  if (node?.method?.type !== "satisfaction")
    return { ok: false, problem: `${code} is not a satisfaction indicator` };
  try {
    const scored = scoreLeaf(node, { answers }, noData, true);
    const trace = scored.trace;
    return {
      ok: true,
      score: format(scored.score, plan.places),
      max: format(node.max, plan.places),
      value: trace?.method === "satisfaction" ? trace.value : "",
    };
  } catch (error) {
    if (error instanceof LeafInputError) return { ok: false, problem: error.message };
    throw error;
  }
}
