/**
 * The placeholder reference of a document kind as a template author reads it: each field written the way it goes
 * into the .docx ({unitName}; a list as {#practices}…{/practices}), indented under the list it belongs to.
 */
import type { DocumentKind } from "../../api/types.js";

export interface PlaceholderRow {
  path: string;
  /** How to write it in the template. */
  tag: string;
  depth: number;
  type: DocumentKind["placeholders"][number]["type"];
  description: string;
}

export function placeholderRows(kind: Pick<DocumentKind, "placeholders">): PlaceholderRow[] {
  return kind.placeholders.map((p) => {
    const tag = p.type === "list" || p.type === "boolean" ? `{#${p.field}}…{/${p.field}}` : `{${p.field}}`;
    return {
      path: p.path,
      tag,
      depth: p.path.split(".").length - 1,
      type: p.type,
      description: p.description,
    };
  });
}
