/**
 * Types of the scheme screens. The API gives a version's indicator tree with maxima and method types, and the
 * parsed `definition` as the engine read it (defaults filled in); the rules of each method (deduction rules,
 * checklist items, levels, value scoring) and the grading rules are read from the definition, typed here as far as
 * the screens use them (the model is packages/core/src/scheme/model.ts).
 */
import type { ResponseOf } from "../../api/types.js";

export type SchemePage = ResponseOf<"/api/v1/schemes", "get">;
export type SchemeSummary = SchemePage["items"][number];
export type SchemeDetail = ResponseOf<"/api/v1/schemes/{id}", "get">;
export type SchemeVersion = ResponseOf<"/api/v1/scheme-versions/{id}", "get">;
export type IndicatorNode = SchemeVersion["indicators"][number];

/** Decimals come back from the engine as numbers or numeric strings. */
type Decimal = number | string;

export interface DeductionRule {
  code: string;
  text: string;
  points: Decimal;
  perOccurrence?: boolean;
  cap?: Decimal;
}

export interface ChecklistItem {
  code: string;
  text: string;
  points: Decimal;
}

export interface Level {
  code: string;
  name: string;
  share: Decimal;
}

export interface Band {
  atLeast?: Decimal;
  above?: Decimal;
  atMost?: Decimal;
  below?: Decimal;
  share?: Decimal;
  score?: Decimal;
  label?: string;
}

export type ValueScoring =
  | { type: "direct" | "share" }
  | { type: "threshold"; op: string; value: Decimal; pass?: Decimal; fail?: Decimal }
  | { type: "bands"; bands: Band[] }
  | { type: "linear"; points: [Decimal, Decimal][] };

export interface Answer {
  code: string;
  name: string;
  satisfied?: boolean;
  points?: Decimal;
}

export type Method =
  | { type: "manual"; step?: Decimal }
  | { type: "deductions"; rules: DeductionRule[] }
  | { type: "checklist"; items: ChecklistItem[] }
  | { type: "levels"; levels: Level[] }
  | { type: "boolean"; text?: string; trueShare?: Decimal; falseShare?: Decimal }
  | { type: "formula"; value: string; scoring: ValueScoring }
  | {
      type: "satisfaction";
      measure?: string;
      minResponses?: number;
      answers: Answer[];
      scoring: ValueScoring;
    };

export interface IndicatorDefinition {
  code: string;
  name: string;
  max: Decimal;
  guidance?: string;
  evidence?: string[];
  appliesTo?: string[];
  weight?: Decimal;
  notApplicable?: boolean;
  method?: Method;
  aggregate?: string;
  children?: IndicatorDefinition[];
}

export interface Grade {
  code: string;
  name: string;
  min?: Decimal;
  quota?: { share: Decimal; of?: string; from?: "top" | "bottom"; rounding?: string };
}

export interface Grading {
  basis?: "total" | "rate";
  grades: Grade[];
  groupBy?: "category" | { field: string };
  quotaRounding?: string;
  ties?: string;
  levelCaps?: { code: string; name: string; field: string }[];
  declared?: { field: string; failBelow?: boolean };
  history?: { code: string; name: string; grades: string[]; years: number; outcome?: string }[];
}

export interface SchemeDefinition {
  code: string;
  name: string;
  version: string;
  issuer: string;
  kind?: string;
  description?: string;
  source?: string;
  indicators: IndicatorDefinition[];
  bonus?: { items: { code: string; name: string; max: Decimal; guidance?: string }[]; cap?: Decimal };
  grading?: Grading;
  fields?: { code: string; name: string }[];
}

/** The definition of a version, as the screens read it. */
export const definitionOf = (version: SchemeVersion): SchemeDefinition =>
  version.definition as unknown as SchemeDefinition;

/** Every indicator of a definition by its code (codes are unique in the whole tree). */
export function indicatorsByCode(definition: SchemeDefinition): Map<string, IndicatorDefinition> {
  const out = new Map<string, IndicatorDefinition>();
  const visit = (list: IndicatorDefinition[] | undefined) => {
    for (const node of list ?? []) {
      out.set(node.code, node);
      visit(node.children);
    }
  };
  visit(definition.indicators);
  return out;
}
