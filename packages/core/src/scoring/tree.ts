/** Rolls leaf scores up the indicator tree: sums, weights, normalisation and 不适用 re-basing. */
import { type Fixed, mulDiv, roundTo } from "../numbers/fixed.js";
import type { CompiledScheme, PlanNode } from "../scheme/plan.js";

/** Per node: the score and the applicable max (应得分 = max − the max of what is not applicable). */
export interface TreeState {
  score: Float64Array;
  applicableMax: Float64Array;
}

export function newTreeState(plan: CompiledScheme): TreeState {
  return { score: new Float64Array(plan.nodes.length), applicableMax: new Float64Array(plan.nodes.length) };
}

const LEAF = 0;
const SUM = 1;
const NORMALIZED = 2;
const WEIGHTED = 3;

/** The tree as flat typed arrays (children in one list), which the roll-up walks without touching node objects. */
export interface TreeLayout {
  kind: Uint8Array;
  max: Float64Array;
  /** The leaves' maxima alone (nodes 0 … leafCount − 1). */
  leafMax: Float64Array;
  weight: Float64Array;
  firstChild: Int32Array;
  childCount: Int32Array;
  children: Int32Array;
}

export function treeLayout(nodes: readonly PlanNode[]): TreeLayout {
  const children = nodes.flatMap((n) => n.children);
  let next = 0;
  const firstChild = new Int32Array(nodes.length);
  for (const [i, node] of nodes.entries()) {
    firstChild[i] = next;
    next += node.children.length;
  }
  const kinds = { sum: SUM, normalized: NORMALIZED, weighted: WEIGHTED };
  return {
    kind: new Uint8Array(nodes.map((n) => (n.leaf >= 0 ? LEAF : kinds[n.aggregate]))),
    max: new Float64Array(nodes.map((n) => n.max)),
    leafMax: new Float64Array(nodes.filter((n) => n.leaf >= 0).map((n) => n.max)),
    weight: new Float64Array(nodes.map((n) => n.weight ?? 0)),
    firstChild,
    childCount: new Int32Array(nodes.map((n) => n.children.length)),
    children: new Int32Array(children),
  };
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
  /** False when the caller knows no leaf is declared not applicable, which spares a pass over the leaves. */
  anyNa = true,
): void {
  const { kind, max, weight, firstChild, childCount, children } = plan.layout;
  const { places, root } = plan;
  const roundLeaf = plan.roundAt.leaf;
  const roundNode = plan.roundAt.node;
  const { score, applicableMax } = state;
  const fullMax = plan.childrenMax.get(mask)!;
  const count = kind.length;
  // Leaves are nodes 0 … leafCount − 1 (see compileScheme), in leaf order, so leaf scores may be written
  // straight into state.score; then, with nothing to round, only the leaves that do not count need touching.
  const leafCount = plan.leaves.length;
  const inPlace = leafScore === score && !roundLeaf;
  if (inPlace) applicableMax.set(plan.layout.leafMax);
  const untouched = inPlace && !anyNa && plan.fullMasks.has(mask);
  for (let i = 0; !untouched && i < leafCount; i++) {
    if (mask[i] === 0 || leafNa[i] === 1) {
      score[i] = 0;
      applicableMax[i] = 0;
    } else if (!inPlace) {
      score[i] = roundLeaf ? roundTo(leafScore[i]!, places) : leafScore[i]!;
      applicableMax[i] = max[i]!;
    }
  }
  for (let i = leafCount; i < count; i++) {
    if (mask[i] === 0) {
      score[i] = 0;
      applicableMax[i] = 0;
      continue;
    }
    const k = kind[i]!;
    const nodeMax = max[i]!;
    const from = firstChild[i]!;
    const to = from + childCount[i]!;
    let s: Fixed = 0;
    let am: Fixed = 0;
    if (k === WEIGHTED) {
      // Σ weight × rate over the applicable children, with their weights renormalised when some are not applicable.
      let weighted = 0;
      let weights = 0;
      for (let c = from; c < to; c++) {
        const child = children[c]!;
        const childMax = applicableMax[child]!;
        if (childMax === 0) continue;
        weighted += mulDiv(weight[child]!, score[child]!, childMax);
        weights += weight[child]!;
      }
      if (weights > 0) {
        s = mulDiv(nodeMax, weighted, weights);
        am = nodeMax;
      }
    } else {
      // full: the maxima of the children that exist for this unit's category; childMax: what is left of them
      // after 不适用.
      const full = fullMax[i]!;
      let childMax = 0;
      for (let c = from; c < to; c++) {
        const child = children[c]!;
        s += score[child]!;
        childMax += applicableMax[child]!;
      }
      if (k === SUM) {
        // Only what was declared not applicable leaves the parent's max: children that add up to less than it
        // (childrenSum atMost or free) lose nothing by that; children that add up to more lose in proportion.
        am = full === 0 ? 0 : full <= nodeMax ? nodeMax - (full - childMax) : mulDiv(nodeMax, childMax, full);
        if (s > am) s = am;
      } else if (childMax > 0) {
        s = mulDiv(nodeMax, s, childMax);
        am = nodeMax;
      }
    }
    score[i] = roundNode && i !== root ? roundTo(s, places) : s;
    applicableMax[i] = am;
  }
}
