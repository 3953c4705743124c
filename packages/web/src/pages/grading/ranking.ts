/**
 * The ranking table's logic, kept apart from the screen so it can be tested on its own: the filters, the grade
 * counts (in the scheme's order, best first) and how a quota place reads.
 */
import type { RankedUnit } from "../../api/types.js";

export interface RankingFilter {
  search: string;
  /** A grade code, "none" for units without one, or null for all. */
  grade: string | null;
  group: string | null;
  category: string | null;
  /** A veto code, "any", "none", or null for all. */
  veto: string | null;
}

export const NO_FILTER: RankingFilter = { search: "", grade: null, group: null, category: null, veto: null };

export function matches(
  unit: RankedUnit,
  filter: RankingFilter,
  names: ReadonlyMap<string, string>,
): boolean {
  if (filter.grade !== null && (unit.grade ?? "none") !== filter.grade) return false;
  if (filter.group !== null && unit.group !== filter.group) return false;
  if (filter.category !== null && unit.category !== filter.category) return false;
  if (filter.veto === "any" && unit.vetoes.length === 0) return false;
  if (filter.veto === "none" && unit.vetoes.length > 0) return false;
  if (
    filter.veto !== null &&
    filter.veto !== "any" &&
    filter.veto !== "none" &&
    !unit.vetoes.includes(filter.veto)
  )
    return false;
  const needle = filter.search.trim().toLowerCase();
  if (needle === "") return true;
  const haystack = [unit.unit, unit.name ?? "", ...unit.vetoes.map((v) => names.get(v) ?? v)].join(" ");
  return haystack.toLowerCase().includes(needle);
}

export function filterUnits(
  units: readonly RankedUnit[],
  filter: RankingFilter,
  names: ReadonlyMap<string, string> = new Map(),
): RankedUnit[] {
  return units.filter((u) => matches(u, filter, names));
}

export interface GradeCount {
  code: string | null;
  name: string;
  count: number;
}

/**
 * Units per grade, in the scheme's grade order (best first) when it is known, else in order of first appearance
 * in the ranking; units without a grade come last.
 */
export function gradeCounts(
  units: readonly RankedUnit[],
  schemeGrades: ReadonlyArray<{ code: string; name: string }>,
): GradeCount[] {
  const counts = new Map<string | null, GradeCount>();
  for (const g of schemeGrades) counts.set(g.code, { code: g.code, name: g.name, count: 0 });
  for (const u of units) {
    const entry = counts.get(u.grade) ?? { code: u.grade, name: u.gradeName ?? u.grade ?? "", count: 0 };
    entry.count += 1;
    counts.set(u.grade, entry);
  }
  const none = counts.get(null);
  counts.delete(null);
  return none === undefined ? [...counts.values()] : [...counts.values(), none];
}

/** Decimal strings compared as numbers ("9.5" before "10.25"). */
export const byDecimal = (a: string, b: string): number => Number(a) - Number(b);

/** Grade order for sorting: the scheme's position (best first), units without a grade last. */
export function gradeOrder(schemeGrades: ReadonlyArray<{ code: string }>): (grade: string | null) => number {
  const position = new Map(schemeGrades.map((g, i) => [g.code, i]));
  return (grade) => (grade === null ? Number.MAX_SAFE_INTEGER : (position.get(grade) ?? schemeGrades.length));
}

/** The veto rules' names by code, from the scheme version (codes stay as they are when it cannot be read). */
export function vetoNames(
  vetoes: ReadonlyArray<{ code: string; name: string }> | undefined,
): Map<string, string> {
  return new Map((vetoes ?? []).map((v) => [v.code, v.name]));
}

/** Distinct non-empty values in first-seen order, for a filter's options. */
export function distinct(values: ReadonlyArray<string | null>): string[] {
  return [...new Set(values.filter((v): v is string => v !== null && v !== ""))];
}

export interface SchemeGrading {
  grades: Array<{ code: string; name: string }>;
  rounding: "halfUp" | "floor" | "ceil";
}

/** The grades (best first) and quota rounding of a scheme version's parsed definition. */
export function schemeGrading(definition: Record<string, unknown> | undefined): SchemeGrading {
  const grading = (definition?.grading ?? {}) as { grades?: unknown; quotaRounding?: unknown };
  const grades = Array.isArray(grading.grades)
    ? grading.grades.flatMap((g: { code?: unknown; name?: unknown }) =>
        typeof g?.code === "string"
          ? [{ code: g.code, name: typeof g.name === "string" ? g.name : g.code }]
          : [],
      )
    : [];
  const rounding =
    grading.quotaRounding === "floor" || grading.quotaRounding === "ceil" ? grading.quotaRounding : "halfUp";
  return { grades, rounding };
}
