/**
 * A review sheet being typed, and the API body it becomes. A sheet is either a total on the scheme's scale
 * (rater groups with scope `total`, 按总分) or leaf inputs (按指标): the leaves the reviewer filled, in the
 * engine's input shapes. Empty entries are left out, so a half-filled sheet can be saved.
 */
import type { LeafMethod } from "./leaf-method.js";

export type SheetMode = "total" | "leaves";

export interface SheetDraft {
  total: string;
  /** Leaf code → input; undefined or absent = not entered. */
  scores: Record<string, unknown>;
}

const DECIMAL = /^\d{1,6}(\.\d{1,6})?$/;

/** Problems with a decimal typed for a score from 0 to `max` (null when it is fine or empty). */
export function decimalProblem(value: string, max: number): "format" | "max" | null {
  const trimmed = value.trim();
  if (trimmed === "") return null;
  if (!DECIMAL.test(trimmed)) return "format";
  return Number(trimmed) > max ? "max" : null;
}

/** A typed manual score as the engine takes it (a number), or undefined when the text is empty or not a number. */
export function manualInput(value: string): number | undefined {
  const trimmed = value.trim();
  return DECIMAL.test(trimmed) ? Number(trimmed) : undefined;
}

/** Drops what is not an input (empty texts, undefined), keeping `{ deductions: {} }` (no deduction is an answer). */
export function cleanScores(scores: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(scores).filter(([, v]) => v !== undefined && v !== null && v !== ""),
  );
}

/** The PUT body of the sheet: in total mode only the total, in leaf mode the leaves (and no total). */
export function sheetBody(
  mode: SheetMode,
  draft: SheetDraft,
  version: number | null,
): { version?: number; total?: string | null; scores?: Record<string, unknown> } {
  const base = version === null ? {} : { version };
  if (mode === "total") {
    const total = draft.total.trim();
    return { ...base, total: total === "" ? null : total, scores: {} };
  }
  return { ...base, ...(draft.total === "" ? {} : { total: null }), scores: cleanScores(draft.scores) };
}

/** The draft of a stored sheet (or an empty one), and the mode it was saved in. */
export function draftOf(
  sheet: { total: string | null; scores: Record<string, unknown> } | undefined,
  defaultMode: SheetMode,
): { mode: SheetMode; draft: SheetDraft } {
  if (sheet === undefined) return { mode: defaultMode, draft: { total: "", scores: {} } };
  const hasLeaves = Object.keys(sheet.scores).length > 0;
  return {
    mode: sheet.total !== null || !hasLeaves ? defaultMode : "leaves",
    draft: { total: sheet.total ?? "", scores: sheet.scores },
  };
}

/** The text shown in a manual score's box for a stored input. */
export function manualText(input: unknown): string {
  if (typeof input === "number") return String(input);
  if (typeof input === "string") return input;
  if (typeof input === "object" && input !== null && "score" in input)
    return String((input as { score: unknown }).score ?? "");
  return "";
}

/** A short text of an input for read-only display (the self-score, a submitted sheet). */
export function describeInput(method: LeafMethod, input: unknown, yesNo: [string, string]): string {
  if (input === undefined || input === null) return "—";
  const obj = (typeof input === "object" ? input : {}) as Record<string, unknown>;
  switch (method.type) {
    case "manual":
      return manualText(input) || "—";
    case "levels": {
      const code = typeof input === "string" ? input : String(obj.level ?? "");
      return method.levels.find((l) => l.code === code)?.name ?? code;
    }
    case "boolean": {
      const value = typeof input === "boolean" ? input : obj.value;
      return value === true ? yesNo[0] : value === false ? yesNo[1] : "—";
    }
    case "checklist":
      return (Array.isArray(obj.checked) ? obj.checked : []).join("、") || "—";
    case "deductions": {
      const counts = (obj.deductions ?? {}) as Record<string, number>;
      const used = Object.entries(counts).filter(([, n]) => n > 0);
      return used.length === 0 ? "0" : used.map(([code, n]) => `${code}×${n}`).join("、");
    }
    default:
      return typeof input === "object" ? JSON.stringify(input) : String(input);
  }
}

/** The server's field errors of a sheet save (`total`, `scores.A1.2` …) keyed by what the form shows: "total" or a leaf code. */
export function sheetFieldErrors(
  fields: Record<string, string[]>,
  leafCodes: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  // Longest codes first, so "A1.2" is not taken for "A1" when both exist.
  const codes = [...leafCodes].sort((a, b) => b.length - a.length);
  for (const [path, messages] of Object.entries(fields)) {
    const message = messages.join("；");
    if (path === "total") out.total = message;
    else if (path.startsWith("scores.")) {
      const rest = path.slice("scores.".length);
      const code = codes.find((c) => rest === c || rest.startsWith(`${c}.`)) ?? rest;
      out[code] = out[code] === undefined ? message : `${out[code]}；${message}`;
    }
  }
  return out;
}
