/**
 * What a review sheet is for a scheme. With rater groups (raters in the scheme) a reviewer scores for one group:
 * a total (scope total, 按百分制评分) or leaf inputs (scope leaf, or a full sheet whose total is computed).
 * Without rater groups the one group is `review` (评估组): the reviewers' submitted leaf inputs are the agreed
 * review scores and replace the unit's self-scores leaf by leaf in grading.
 */
import {
  type CompiledScheme,
  evaluateUnits,
  type FieldValue,
  InputError,
  type LeafInput,
  type Problem,
} from "@kaoping/core";
import type { ErrorDetail } from "../../errors.js";

export const REVIEW_GROUP = "review";

export function groupCodes(scheme: CompiledScheme): string[] {
  return scheme.raters === null ? [REVIEW_GROUP] : scheme.raters.groups.map((g) => g.code);
}

/** The scheme's maximum (满分), the range of a rater's total. */
export function schemeMax(scheme: CompiledScheme): number {
  return scheme.nodes[scheme.root]!.max / 1_000_000;
}

const codeOf = (p: Problem): string | undefined =>
  p.indicator ?? /(?:^|\.)scores\.(.+)$/.exec(p.path)?.[1]?.replace(/\..*$/, "");

/**
 * Checks a sheet's leaf inputs against the scheme, as the engine will when grading. Incomplete sheets are
 * accepted (`complete: false`) except for what they do contain; complete ones must have every input.
 */
export function checkSheet(
  scheme: CompiledScheme,
  unit: { category: string | null; data: Record<string, FieldValue> },
  scores: Record<string, unknown>,
  options: { complete: boolean; path: string },
): ErrorDetail[] {
  try {
    evaluateUnits(
      scheme,
      [
        {
          unit: "SHEET",
          ...(unit.category === null ? {} : { category: unit.category }),
          data: unit.data,
          scores: scores as Record<string, LeafInput>,
        },
      ],
      { trace: false },
    );
    return [];
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const keys = Object.keys(scores);
    return error.problems
      .map((p) => ({ ...p, path: p.path.replace(/^units\[0\]\./, "") }))
      .filter((p) => p.path.startsWith("scores"))
      .filter((p) => {
        const code = codeOf(p);
        if (code !== undefined && keys.includes(code)) return true;
        return options.complete && p.message === "no input was given";
      })
      .map((p) => ({
        path: `${options.path}.${p.path.replace(/^scores\.?/, "")}`.replace(/\.$/, ""),
        message: p.message,
      }));
  }
}
