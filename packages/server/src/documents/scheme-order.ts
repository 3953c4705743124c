/** A scheme's indicators that apply to a unit, in the scheme's own order (depth first), as score tables list them. */
import type { CompiledScheme } from "@kaoping/core";

export function schemeOrder(plan: CompiledScheme, mask: Uint8Array): number[] {
  const out: number[] = [];
  const visit = (index: number) => {
    if (mask[index] === 0) return;
    if (index !== plan.root) out.push(index);
    for (const child of plan.nodes[index]!.children) visit(child);
  };
  visit(plan.root);
  return out;
}
