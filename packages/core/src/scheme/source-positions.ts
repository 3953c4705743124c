/**
 * Locates a path inside the YAML (or JSON) text a scheme was read from, so that every problem can name a file,
 * line and column. JSON is parsed as YAML 1.2, of which it is a subset, so one locator serves both.
 */
import { type Document, isMap, isSeq, LineCounter, type Node, parseDocument } from "yaml";

export type PathSegment = string | number;

export interface SourceDocument {
  value: unknown;
  /** Syntax errors, with positions. */
  errors: Array<{ message: string; line: number; column: number }>;
  locate(path: readonly PathSegment[], key?: string): { line: number; column: number } | undefined;
}

export function readSource(text: string): SourceDocument {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const errors = doc.errors.map((e) => ({
    message: e.message.split("\n")[0] ?? e.message,
    ...position(e.pos[0]),
  }));
  return {
    value: errors.length === 0 ? doc.toJS() : undefined,
    errors,
    locate(path, key) {
      // The deepest node that exists on the path: a missing field is reported where its parent is.
      let node: unknown = doc.contents;
      let found = node as Node | null;
      for (const segment of path) {
        const next = isMap(node) || isSeq(node) ? node.get(segment, true) : undefined;
        if (next === undefined || next === null) break;
        node = next;
        found = next as Node;
      }
      if (key !== undefined && isMap(node)) {
        const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === key);
        const keyNode = pair?.key as Node | undefined;
        if (keyNode?.range) return position(keyNode.range[0]);
      }
      return found?.range ? position(found.range[0]) : undefined;
    },
  };
}

export function formatPath(path: readonly PathSegment[]): string {
  return path.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
}
