/**
 * When a scheme's structure is wrong, the parts zod rejected are cut out so that the rest can still be checked
 * for meaning and every problem reported in one go. The salvaged document is only ever used for checking: a
 * scheme with any problem is never returned.
 */
import type { PathSegment } from "./source-positions.js";

/** Top-level fields the format requires: a bad value is replaced by a placeholder rather than removed. */
const placeholders: Record<string, unknown> = { code: "_", name: "_", version: "_", issuer: "_" };

export interface Salvaged {
  document: Record<string, unknown>;
  /** Paths (in the original document) of what was cut out. */
  removed: PathSegment[][];
  /** The codes of the cut-out list elements (indicators, grades, fields …), whose mentions elsewhere are echoes. */
  removedCodes: Set<string>;
  /** Maps a path in the salvaged document back to the original document. */
  original(path: readonly PathSegment[]): PathSegment[];
}

const CUT = Symbol("cut");

function at(document: unknown, path: readonly PathSegment[]): unknown {
  let node = document;
  for (const segment of path) node = (node as Record<PathSegment, unknown> | null | undefined)?.[segment];
  return node;
}

/** The part to cut for a problem at `path`: the innermost list element, or the top-level field. */
function cutTarget(path: readonly PathSegment[]): PathSegment[] {
  for (let i = path.length - 1; i > 0; i--) if (typeof path[i] === "number") return path.slice(0, i + 1);
  return path.slice(0, 1);
}

/** Cuts out what the issues point at; null when nothing useful is left (e.g. `indicators` itself is wrong). */
export function salvage(document: unknown, issuePaths: readonly (readonly PathSegment[])[]): Salvaged | null {
  if (typeof document !== "object" || document === null || Array.isArray(document)) return null;
  const copy = structuredClone(document) as Record<string, unknown>;
  const removed: PathSegment[][] = [];
  const removedCodes = new Set<string>();
  for (const path of issuePaths) {
    const target = cutTarget(path);
    const [head] = target;
    if (head === undefined || (head === "indicators" && target.length === 1)) return null;
    if (target.length === 1) {
      const key = String(head);
      if (key in placeholders) copy[key] = placeholders[key];
      else delete copy[key];
      removed.push(target);
      continue;
    }
    const parent = at(copy, target.slice(0, -1));
    const index = target.at(-1) as number;
    if (!Array.isArray(parent) || parent[index] === CUT) continue;
    const code = (parent[index] as { code?: unknown } | null)?.code;
    if (typeof code === "string") removedCodes.add(code);
    parent[index] = CUT;
    removed.push(target);
  }
  // Remove the cut elements, remembering for every list where its surviving elements came from.
  const indexMaps = new Map<string, number[]>();
  const compact = (node: unknown, path: PathSegment[]): unknown => {
    if (Array.isArray(node)) {
      const kept: number[] = [];
      const out: unknown[] = [];
      node.forEach((item, i) => {
        if (item === CUT) return;
        kept.push(i);
        out.push(compact(item, [...path, i]));
      });
      indexMaps.set(JSON.stringify(path), kept);
      return out;
    }
    if (typeof node === "object" && node !== null) {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, compact(v, [...path, k])]));
    }
    return node;
  };
  const compacted = compact(copy, []) as Record<string, unknown>;
  return {
    document: compacted,
    removed,
    removedCodes,
    original(path) {
      const out: PathSegment[] = [];
      for (const segment of path) {
        if (typeof segment === "number") {
          const map = indexMaps.get(JSON.stringify(out));
          out.push(map?.[segment] ?? segment);
        } else out.push(segment);
      }
      return out;
    },
  };
}

/**
 * A problem found in the salvaged document without its echoes of what was cut out: null when it is all echo (it
 * lies on the way to a cut part, or only names cut codes). Formula problems come as one message of parts joined
 * by "; ", so the parts are judged one by one.
 */
export function withoutEchoes(
  salvaged: Salvaged,
  path: readonly PathSegment[],
  message: string,
): string | null {
  const above = (cut: readonly PathSegment[]) =>
    cut.length > path.length && path.every((segment, i) => cut[i] === segment);
  if (salvaged.removed.some(above)) return null;
  const names = (part: string, code: string) =>
    new RegExp(
      `(^|[^\\p{L}\\p{N}._-])${code.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^\\p{L}\\p{N}._-])`,
      "u",
    ).test(part);
  const kept = message
    .split("; ")
    .filter((part) => ![...salvaged.removedCodes].some((code) => names(part, code)));
  return kept.length > 0 ? kept.join("; ") : null;
}
