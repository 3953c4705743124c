import type { CompiledScheme, PlanNode } from "../scheme/plan.js";

/** Every indicator except the root, depth first in the scheme's order: the order of tables and reports. */
export function indicatorsInOrder(scheme: CompiledScheme, mask?: Uint8Array): PlanNode[] {
  const out: PlanNode[] = [];
  const visit = (index: number) => {
    // A node outside the mask (not for this unit's category) is left out with everything under it.
    if (mask !== undefined && mask[index] === 0) return;
    if (index !== scheme.root) out.push(scheme.nodes[index]!);
    for (const child of scheme.nodes[index]!.children) visit(child);
  };
  visit(scheme.root);
  return out;
}

/** The top-level indicator (一级指标) a node belongs to. */
export function topLevelOf(scheme: CompiledScheme, node: PlanNode): PlanNode {
  let top = node;
  while (top.parent !== scheme.root && top.parent >= 0) top = scheme.nodes[top.parent]!;
  return top;
}
