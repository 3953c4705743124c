/** Checks and compiles the grading rules (定级), including which grades no unit could ever reach. */
import { type Fixed, format, toFixed } from "../numbers/fixed.js";
import type { Field, Grading } from "./model.js";
import type { CompiledGrading } from "./plan.js";
import type { ProblemList } from "./problem-list.js";

export function compileGrading(
  grading: Grading,
  fields: Map<string, Field>,
  indicatorIndex: (code: string) => number | undefined,
  maxBasis: Fixed,
  problems: ProblemList,
): CompiledGrading {
  const byCode = new Map<string, number>();
  grading.grades.forEach((g, i) => {
    if (byCode.has(g.code))
      problems.add(["grading", "grades", i, "code"], `grade code ${g.code} is used twice`);
    else byCode.set(g.code, i);
  });

  const grades = grading.grades.map((g, i) => {
    const path = ["grading", "grades", i];
    const min = g.min === undefined ? null : toFixed(g.min);
    if (min !== null && min > maxBasis) {
      problems.add(
        [...path, "min"],
        `grade ${g.code} is unreachable: min ${format(min, 2)} is above the highest possible ${format(maxBasis, 2)}`,
      );
    }
    let quota: CompiledGrading["grades"][number]["quota"] = null;
    if (g.quota) {
      const share = toFixed(g.quota.share);
      if (share <= 0)
        problems.add([...path, "quota", "share"], `grade ${g.code} is unreachable: its quota share is 0`);
      if (share > 1_000_000) problems.add([...path, "quota", "share"], "a quota share must be at most 1");
      let of: number | null = null;
      if (g.quota.of !== undefined) {
        const pool = byCode.get(g.quota.of);
        if (pool === undefined) problems.add([...path, "quota", "of"], `unknown grade ${g.quota.of}`);
        else if (pool <= i) {
          problems.add(
            [...path, "quota", "of"],
            `grade ${g.code} draws from ${g.quota.of}, which must be listed after it (a lower grade)`,
          );
        } else of = pool;
      }
      quota = {
        share,
        of,
        from: g.quota.from,
        rounding: g.quota.rounding ?? grading.quotaRounding,
      };
    }
    return { index: i, code: g.code, name: g.name, min, quota };
  });

  const fallbacks = grades.filter((g) => g.min === null && g.quota === null);
  if (fallbacks.length !== 1) {
    problems.add(
      ["grading", "grades"],
      fallbacks.length === 0
        ? "one grade must have neither min nor quota: the grade given when no other applies"
        : `only one grade may have neither min nor quota, but ${fallbacks.map((g) => g.code).join(", ")} have neither`,
    );
  }

  // Absolute bands are tried best first, so a band whose min is not below an earlier band's min never wins.
  const absolute = grades.filter((g) => g.min !== null && g.quota === null);
  absolute.forEach((g, i) => {
    const shadow = absolute.slice(0, i).find((earlier) => (earlier.min ?? 0) <= (g.min ?? 0));
    if (shadow) {
      problems.add(
        ["grading", "grades", g.index, "min"],
        `grade ${g.code} is unreachable: grade ${shadow.code} above it already takes every unit with min ${format(shadow.min ?? 0, 2)} or more`,
      );
    }
  });

  const quotaOrder: number[] = [];
  const settled = new Set<number>();
  const settle = (i: number, trail: number[]) => {
    if (settled.has(i) || trail.includes(i)) return;
    const pool = grades[i]?.quota?.of;
    if (pool !== null && pool !== undefined) settle(pool, [...trail, i]);
    settled.add(i);
    if (grades[i]?.quota) quotaOrder.push(i);
  };
  for (const g of grades) settle(g.index, []);

  const gradeField = (field: string, path: (string | number)[]) => {
    const def = fields.get(field);
    if (!def) problems.add(path, `unknown field ${field}`);
    else if (def.type !== "grade")
      problems.add(path, `field ${field} must be of type grade (it holds a grade code)`);
  };
  for (const [i, cap] of grading.levelCaps.entries())
    gradeField(cap.field, ["grading", "levelCaps", i, "field"]);
  if (grading.declared) gradeField(grading.declared.field, ["grading", "declared", "field"]);
  for (const [i, rule] of grading.history.entries()) {
    for (const [j, code] of rule.grades.entries()) {
      if (!byCode.has(code)) problems.add(["grading", "history", i, "grades", j], `unknown grade ${code}`);
    }
  }

  const tieBreak = grading.tieBreak.map((key, i) => {
    if (typeof key === "string") return key;
    const node = indicatorIndex(key.indicator);
    if (node === undefined) problems.add(["grading", "tieBreak", i], `unknown indicator ${key.indicator}`);
    return { indicator: node ?? 0 };
  });
  if (grading.groupBy && typeof grading.groupBy === "object" && !fields.has(grading.groupBy.field)) {
    problems.add(["grading", "groupBy", "field"], `unknown field ${grading.groupBy.field}`);
  }

  return {
    basis: grading.basis,
    grades,
    fallback: fallbacks[0]?.index ?? grades.length - 1,
    quotaOrder,
    groupBy:
      grading.groupBy === undefined
        ? null
        : grading.groupBy === "category"
          ? { kind: "category" }
          : { kind: "field", field: grading.groupBy.field },
    ties: grading.ties,
    tieBreak,
    levelCaps: grading.levelCaps,
    declared: grading.declared ?? null,
    history: grading.history.map((h) => ({ ...h, grades: new Set(h.grades) })),
    byCode,
  };
}
