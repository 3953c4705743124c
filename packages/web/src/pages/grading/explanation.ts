/**
 * The shape of a unit's explanation as the API gives it (core's explanationView: figures as decimal strings,
 * counts and positions as numbers), and each leaf's basis in a line of the user's language.
 */
import { useI18n } from "../../i18n/i18n.js";

type Item = { code: string; text: string; points: string };

export type LeafTrace =
  | { method: "manual"; score: string }
  | {
      method: "deductions";
      applied: Array<Item & { count: number; amount: string; capped: boolean }>;
      deducted: string;
      floored: boolean;
    }
  | { method: "checklist"; met: Item[]; missed: Item[]; capped: boolean }
  | { method: "levels"; level: { code: string; name: string; share: string } }
  | { method: "boolean"; value: boolean; share: string }
  | { method: "formula"; formula: string; value: string }
  | { method: "satisfaction"; valid: number; measure: "rate" | "mean"; value: string }
  | { method: "na" };

export interface ExplainedIndicator {
  code: string;
  name: string;
  depth: number;
  max: string;
  applicableMax: string;
  score: string;
  weight: string | null;
  notApplicable: boolean;
  trace: LeafTrace | null;
}

type CapSource = { kind: "veto" | "levelCap"; code: string; name: string } | { kind: "declared" };

export interface Explanation {
  unit: string;
  name?: string;
  source: "self" | "raters";
  max: string;
  applicableMax: string;
  points: string;
  rate: string;
  base: string;
  rebased: boolean;
  indicators: ExplainedIndicator[];
  raters: {
    groups: Array<{
      code: string;
      name: string;
      weight: string;
      raters: Array<{ rater: string; total: string }>;
      aggregate: { value: string; dropped: string[] } | null;
    }>;
    combined: string;
  } | null;
  bonus: Array<{ code: string; name: string; given: string; counted: string; max: string }>;
  bonusTotal: string;
  bonusCap: string | null;
  vetoes: Array<{ code: string; name: string; effect: string; grade: string | null }>;
  total: string;
  grade: { code: string; name: string } | null;
  pointsGrade: { code: string; name: string } | null;
  reason:
    | {
        kind: "quota";
        grade: number;
        of: number | null;
        share: string;
        position: number;
        count: number;
        pool: number;
      }
    | { kind: "band" | "fallback" | "fail" | "none" };
  caps: Array<{ grade: string; by: CapSource }>;
  skipped: Array<{ grade: string; why: "vetoed" | "capped" }>;
  gradeNames: string[];
  rank: number;
  unitCount: number;
}

/** A computed value as read: at most `places` decimals ("0.966666666667" → "0.9667"); other text as it is. */
export const shortValue = (value: string, places = 4): string =>
  /^-?\d+(\.\d+)?$/.test(value) ? String(Number(Number(value).toFixed(places))) : value;

/** A leaf's basis in one line: what was deducted, missed, chosen or computed. */
export function useLeafBasis(): (trace: LeafTrace) => string {
  const { t } = useI18n();
  return (trace) => {
    switch (trace.method) {
      case "manual":
        return t("grading.rk.manual");
      case "deductions":
        return trace.applied.length === 0
          ? t("grading.rk.noDeduction")
          : trace.applied
              .map(
                (a) =>
                  `${a.text} ${t("grading.rk.deducted", { points: a.amount })}${a.count > 1 ? t("grading.rk.times", { count: a.count }) : ""}`,
              )
              .join("；");
      case "checklist":
        return trace.missed.length === 0
          ? t("grading.rk.allMet", { count: trace.met.length })
          : t("grading.rk.missed", { items: trace.missed.map((m) => m.text).join("、") });
      case "levels":
        return t("grading.rk.level", { level: trace.level.name });
      case "boolean":
        return t(trace.value ? "grading.rk.yes" : "grading.rk.no");
      case "formula":
        return t("grading.rk.formula", { formula: trace.formula, value: shortValue(trace.value) });
      case "satisfaction":
        return t("grading.rk.satisfaction", { valid: trace.valid, value: shortValue(trace.value) });
      case "na":
        return "";
    }
  };
}
