/** Every kind of generated Word document, by code: the routes, templates, batch jobs and archives read this list. */
import { notFound } from "../errors.js";
import { bulletin } from "./bulletin/kind.js";
import type { DocumentKind } from "./document-kind.js";
import { evaluationReport } from "./evaluation-report/kind.js";
import { rectificationNotice } from "./rectification-notice/kind.js";
import { scoreSheet } from "./score-sheet/kind.js";
import { selfEvaluationReport } from "./self-evaluation-report/kind.js";

export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  selfEvaluationReport,
  scoreSheet,
  bulletin,
  evaluationReport,
  rectificationNotice,
];

export function documentKind(code: string): DocumentKind {
  const kind = DOCUMENT_KINDS.find((k) => k.code === code);
  if (kind === undefined) throw notFound(`documentKind ${code}`);
  return kind;
}
