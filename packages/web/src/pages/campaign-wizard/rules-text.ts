/** The scheme's rater and grading rules as message keys with their values, for the wizard to show in words. */
import type { MessageKey } from "../../i18n/dictionary.js";
import type { Aggregation, SchemeRules } from "./wizard-types.js";

export type GradeRule = NonNullable<NonNullable<SchemeRules["grading"]>["grades"]>[number];

/** A decimal share as a percentage: "0.3" → "30%", 0.125 → "12.5%". */
export function percent(share: number | string): string {
  return `${Number((Number(share) * 100).toFixed(4))}%`;
}

export function aggregationText(aggregation: Aggregation | undefined): {
  key: MessageKey;
  params: Record<string, string | number>;
} {
  const method = typeof aggregation === "object" ? aggregation.method : (aggregation ?? "mean");
  if (method === "trimmedMean")
    return {
      key: "wizard.raters.trimmedMean",
      params: { count: (typeof aggregation === "object" && aggregation.minRaters) || 5 },
    };
  return { key: method === "median" ? "wizard.raters.median" : "wizard.raters.mean", params: {} };
}

export function gradeRuleText(
  grade: GradeRule,
  basis: "total" | "rate",
  gradeName: (code: string) => string,
): { key: MessageKey; params: Record<string, string | number> } {
  if (grade.min !== undefined)
    return {
      key: basis === "rate" ? "wizard.rules.minRate" : "wizard.rules.minTotal",
      params: { value: String(grade.min) },
    };
  if (grade.quota !== undefined) {
    const share = percent(grade.quota.share);
    const bottom = grade.quota.from === "bottom";
    if (grade.quota.of === undefined)
      return { key: bottom ? "wizard.rules.quotaAllBottom" : "wizard.rules.quotaAll", params: { share } };
    return {
      key: bottom ? "wizard.rules.quotaOfBottom" : "wizard.rules.quotaOf",
      params: { share, pool: gradeName(grade.quota.of) },
    };
  }
  return { key: "wizard.rules.otherwise", params: {} };
}
