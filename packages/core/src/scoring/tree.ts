/** Rolls leaf scores up the indicator tree: sums, weights, normalisation and 不适用 re-basing. */
import { type Fixed, mulDiv, roundTo } from "../numbers/fixed.js";
import type { CompiledScheme } from "../scheme/plan.js";

/** Per node: the score and the applicable max (应得分 = max − the max of what is not applicable). */
export interface TreeState {
  score: Float64Array;
  applicableMax: Float64Array;
}

export function newTreeState(plan: CompiledScheme): TreeState {
  return { score: new Float64Array(plan.nodes.length), applicableMax: new Float64Array(plan.nodes.length) };
}

/**
 * Fills `state` from the leaves' scores (Fixed) and not-applicable flags. `mask` says which nodes exist for the
 * unit's category. Children come before parents in plan.nodes, so one pass suffices.
 */
export function aggregateTree(
  plan: CompiledScheme,
  mask: Uint8Array,
  leafScore: Float64Array,
  leafNa: Uint8Array,
  state: TreeState,
): void {
  const { nodes, places, roundAt } = plan;
  const { score, applicableMax } = state;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    if (mask[i] === 0) {
      score[i] = 0;
      applicableMax[i] = 0;
      continue;
    }
    if (node.leaf >= 0) {
      const na = leafNa[node.leaf] === 1;
      const s = na ? 0 : leafScore[node.leaf]!;
      score[i] = roundAt.leaf ? roundTo(s, places) : s;
      applicableMax[i] = na ? 0 : node.max;
      continue;
    }
    const children = node.children;
    let s: Fixed = 0;
    let am: Fixed = 0;
    if (node.aggregate === "sum") {
      let childMax = 0;
      for (let c = 0; c < children.length; c++) {
        const child = children[c]!;
        s += score[child]!;
        childMax += applicableMax[child]!;
      }
      am = Math.min(childMax, node.max);
      if (s > am) s = am;
    } else if (node.aggregate === "normalized") {
      let childMax = 0;
      for (let c = 0; c < children.length; c++) {
        const child = children[c]!;
        s += score[child]!;
        childMax += applicableMax[child]!;
      }
      if (childMax > 0) {
        s = mulDiv(node.max, s, childMax);
        am = node.max;
      }
    } else {
      // Σ weight × rate over the applicable children, with their weights renormalised when some are not applicable.
      let weighted = 0;
      let weights = 0;
      for (let c = 0; c < children.length; c++) {
        const child = children[c]!;
        const childMax = applicableMax[child]!;
        if (childMax === 0) continue;
        const w = nodes[child]!.weight!;
        weighted += mulDiv(w, score[child]!, childMax);
        weights += w;
      }
      if (weights > 0) {
        s = mulDiv(node.max, weighted, weights);
        am = node.max;
      }
    }
    score[i] = roundAt.node && i !== plan.root ? roundTo(s, places) : s;
    applicableMax[i] = am;
  }
}
