/**
 * The placeholders of a document kind as a tree, for the reference offices read when they write a template: each
 * field of the sample model with its type and Chinese description; lists carry their items' fields.
 */
import type { DocumentKind } from "../document-kind.js";

export type PlaceholderType = "text" | "number" | "boolean" | "list";

export interface Placeholder {
  field: string;
  type: PlaceholderType;
  description: string;
  /** A list's item fields; a list of plain texts has none. */
  fields?: Placeholder[];
}

function typeOf(value: unknown): PlaceholderType {
  if (Array.isArray(value)) return "list";
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number") return "number";
  return "text";
}

function tree(value: object, path: string, descriptions: Readonly<Record<string, string>>): Placeholder[] {
  return Object.entries(value).map(([field, v]) => {
    const key = path === "" ? field : `${path}.${field}`;
    const node: Placeholder = { field, type: typeOf(v), description: descriptions[key] ?? "" };
    const item: unknown = Array.isArray(v) ? v[0] : undefined;
    if (typeof item === "object" && item !== null) node.fields = tree(item, key, descriptions);
    return node;
  });
}

export function placeholderTree(kind: DocumentKind): Placeholder[] {
  return tree(kind.sample, "", kind.placeholders ?? {});
}
