/**
 * The document kinds as the web app shows them: each with its scope and the reference of its placeholders (a flat
 * list in tree order: `path` "indicators.code" sits under "indicators"), and the starter template offices begin
 * from, for organisers and administrators.
 */
import type { Actor } from "../../access/actor.js";
import type { DocumentScope } from "../../documents/document-kind.js";
import { DOCUMENT_KINDS, documentKind } from "../../documents/kinds.js";
import { type Placeholder, placeholderTree } from "../../documents/templates/placeholder-tree.js";
import { starterTemplate } from "../../documents/templates/starter-template.js";
import { forbidden } from "../../errors.js";

export interface PlaceholderView {
  path: string;
  field: string;
  type: Placeholder["type"];
  description: string;
}

export interface DocumentKindView {
  code: string;
  zh: string;
  en: string;
  scope: DocumentScope;
  placeholders: PlaceholderView[];
}

function flatten(nodes: readonly Placeholder[], prefix = ""): PlaceholderView[] {
  return nodes.flatMap((n) => {
    const path = prefix === "" ? n.field : `${prefix}.${n.field}`;
    return [
      { path, field: n.field, type: n.type, description: n.description },
      ...flatten(n.fields ?? [], path),
    ];
  });
}

export function listDocumentKinds(): DocumentKindView[] {
  return DOCUMENT_KINDS.map((kind) => ({
    code: kind.code,
    zh: kind.zh,
    en: kind.en,
    scope: kind.scope,
    placeholders: flatten(placeholderTree(kind)),
  }));
}

export async function starterTemplateFor(
  actor: Actor,
  kindCode: string,
): Promise<{ fileName: string; content: Buffer }> {
  if (!actor.grants.some((g) => g.role === "organiser" || g.role === "admin"))
    throw forbidden("only organisers write document templates / 仅组织方可制作文书模板");
  const kind = documentKind(kindCode);
  return { fileName: `${kind.zh}模板.docx`, content: await starterTemplate(kind) };
}
