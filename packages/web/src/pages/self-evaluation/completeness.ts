/**
 * What still keeps a self-evaluation from being submitted, as the form can tell from its read: leaves without an
 * input, required base data left empty, table rule violations and the engine's own problems. Each names where
 * to go to fix it (an indicator, the base data, a table). The server checks again on submit.
 */
import { isComputed, methodOf } from "./method-input.js";
import type { Field, SelfEvaluation } from "./types.js";

export type Missing =
  | { kind: "indicator"; code: string; name: string }
  | { kind: "field"; code: string; name: string }
  | { kind: "violation"; table: string; cell: string; message: string }
  | { kind: "problem"; code: string | null; message: string };

const empty = (v: unknown) => v === undefined || v === null || v === "";

/** The indicator a server path such as "indicators.A4" names, if any. */
export function indicatorOfPath(path: string): string | null {
  return path.startsWith("indicators.") ? path.slice("indicators.".length) : null;
}

export function missingParts(view: SelfEvaluation): Missing[] {
  const missing: Missing[] = [];
  if (view.unit.role === "evaluated") {
    for (const item of view.items) {
      if (!item.leaf || isComputed(methodOf(item.method))) continue;
      if (item.input === null || item.input === undefined)
        missing.push({ kind: "indicator", code: item.code, name: item.name });
    }
    for (const field of view.fields as Field[]) {
      if (field.optional === true) continue;
      const value = field.from === undefined ? view.data[field.code] : view.tableData[field.code];
      if (empty(value)) missing.push({ kind: "field", code: field.code, name: field.name });
    }
  }
  for (const v of view.violations)
    missing.push({ kind: "violation", table: v.table, cell: v.cell, message: v.message });
  for (const p of view.problems) {
    const code = indicatorOfPath(p.path);
    if (code !== null && missing.some((m) => m.kind === "indicator" && m.code === code)) continue;
    missing.push({ kind: "problem", code, message: p.message });
  }
  return missing;
}

/** The indicators edited after the self-evaluation was last submitted (so after it was returned). */
export function editedSince(view: SelfEvaluation): string[] {
  if (view.submittedAt === null) return [];
  const since = new Date(view.submittedAt).getTime();
  return view.items
    .filter((i) => i.updatedAt !== null && new Date(i.updatedAt).getTime() > since)
    .map((i) => i.code);
}

/**
 * An engine problem with its indicator's name; `unfilled` when it only says the leaf has no input yet (the engine
 * words that in English, the form says 未填写 instead).
 */
export function describeProblem(
  view: SelfEvaluation,
  problem: { path: string; message: string },
): { label: string | null; code: string | null; unfilled: boolean; message: string } {
  const code = indicatorOfPath(problem.path);
  const item = code === null ? undefined : view.items.find((i) => i.code === code);
  return {
    label: item === undefined ? null : `${item.code} ${item.name}`,
    code,
    unfilled: item?.leaf === true && (item.input === null || item.input === undefined),
    message: problem.message,
  };
}
