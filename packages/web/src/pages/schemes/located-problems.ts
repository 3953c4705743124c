/**
 * The problems of a refused scheme import. The server names each as `source:LINE:COL path` (or just `source`
 * when the engine has no position, e.g. invalid JSON) with a message; the screen lists them by line and marks
 * the lines in the text.
 */
import type { ErrorDetail } from "../../api/errors.js";

export interface LocatedProblem {
  /** 1-based; null when the problem has no position in the text. */
  line: number | null;
  column: number | null;
  /** Where in the scheme's structure ("indicators.0.max"), or "" when not said. */
  path: string;
  message: string;
}

const LOCATED = /^source(?::(\d+):(\d+))?(?:\s+(.*))?$/;

/** The details that are about the scheme text, in line order (unlocated ones first). */
export function locatedProblems(details: readonly ErrorDetail[]): LocatedProblem[] {
  const out: LocatedProblem[] = [];
  for (const detail of details) {
    const match = LOCATED.exec(detail.path);
    if (match === null) continue;
    out.push({
      line: match[1] === undefined ? null : Number(match[1]),
      column: match[2] === undefined ? null : Number(match[2]),
      path: match[3] ?? "",
      message: detail.message,
    });
  }
  return out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/** The format a file's name suggests: JSON for `.json`, YAML otherwise. */
export const formatOfFile = (name: string): "yaml" | "json" =>
  name.toLowerCase().endsWith(".json") ? "json" : "yaml";
