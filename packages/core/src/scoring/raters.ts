/** Rater groups (评分组): aggregation inside a group and weighting across groups. */
import { type Fixed, mulDiv } from "../numbers/fixed.js";
import type { AggregationRule, CompiledRaters } from "../scheme/plan.js";

export interface GroupAggregate {
  value: Fixed;
  /** Scores left out by a trimmed mean (去掉一个最高分和一个最低分). */
  dropped: Fixed[];
}

function mean(values: readonly Fixed[]): Fixed {
  let sum = 0;
  for (const v of values) sum += v;
  return mulDiv(sum, 1, values.length);
}

/** Aggregates one group's scores; the result does not depend on the order of the raters. */
export function aggregateGroup(values: readonly Fixed[], rule: AggregationRule): GroupAggregate {
  if (rule.method === "mean") return { value: mean(values), dropped: [] };
  const sorted = [...values].sort((a, b) => a - b);
  if (rule.method === "median") {
    const mid = sorted.length >> 1;
    const value = sorted.length % 2 === 1 ? sorted[mid]! : mulDiv(sorted[mid - 1]! + sorted[mid]!, 1, 2);
    return { value, dropped: [] };
  }
  if (sorted.length < rule.minRaters) return { value: mean(sorted), dropped: [] };
  return { value: mean(sorted.slice(1, -1)), dropped: [sorted[0]!, sorted[sorted.length - 1]!] };
}

export class MissingGroupError extends Error {}

/**
 * Σ weight_g × aggregate_g over the groups that rated. A group with no rater either fails or has its weight
 * shared out (renormalised) as the scheme says. `groupValues[g]` is null for a group that did not rate.
 */
export function combineGroups(raters: CompiledRaters, groupValues: ReadonlyArray<Fixed | null>): Fixed {
  let weighted = 0;
  let weights = 0;
  const missing: string[] = [];
  for (let g = 0; g < raters.groups.length; g++) {
    const value = groupValues[g];
    const group = raters.groups[g]!;
    if (value === null || value === undefined) {
      missing.push(group.name);
      continue;
    }
    weighted += mulDiv(group.weight, value, 1);
    weights += group.weight;
  }
  if (missing.length === raters.groups.length) throw new MissingGroupError("no rater group has scored");
  if (missing.length > 0 && raters.missingGroup === "fail") {
    throw new MissingGroupError(`rater group ${missing.join(", ")} has not scored`);
  }
  return mulDiv(weighted, 1, weights);
}
