/** The compiled form of a scheme: what the scorer runs on. Built once per scheme version by compileScheme. */
import type { CompiledFormula } from "../formula/compile-formula.js";
import type { Decimal } from "../numbers/decimal.js";
import type { Fixed } from "../numbers/fixed.js";
import type { TreeLayout } from "../scoring/tree.js";
import type { Field, Indicator, Scheme, Table } from "./model.js";

export type ScoringRule =
  | { type: "direct" }
  | { type: "share" }
  | { type: "threshold"; op: ">=" | ">" | "<=" | "<"; value: Decimal; pass: Decimal; fail: Decimal }
  | {
      type: "bands";
      bands: Array<{
        atLeast?: Decimal;
        above?: Decimal;
        atMost?: Decimal;
        below?: Decimal;
        share?: Decimal;
        score?: Decimal;
        label?: string;
      }>;
    }
  | { type: "linear"; points: Array<[Decimal, Decimal]> };

export type CompiledMethod =
  | { type: "manual"; step: Fixed | null }
  | {
      type: "deductions";
      rules: Array<{ code: string; text: string; points: Fixed; perOccurrence: boolean; cap: Fixed | null }>;
    }
  | { type: "checklist"; items: Array<{ code: string; text: string; points: Fixed }> }
  | { type: "levels"; levels: Array<{ code: string; name: string; share: Fixed }> }
  | { type: "boolean"; text: string | undefined; trueShare: Fixed; falseShare: Fixed }
  | { type: "formula"; formula: CompiledFormula; scoring: ScoringRule }
  | {
      type: "satisfaction";
      answers: Array<{ code: string; name: string; satisfied: boolean; points: Decimal | null }>;
      measure: "rate" | "mean";
      minResponses: number | null;
      scoring: ScoringRule;
    };

export type Aggregate = "sum" | "weighted" | "normalized";

export interface PlanNode {
  index: number;
  /** "" for the root (the scheme itself). */
  code: string;
  name: string;
  depth: number;
  parent: number;
  children: number[];
  max: Fixed;
  weight: Fixed | null;
  aggregate: Aggregate;
  /** Position among the leaves, or -1 for a parent. */
  leaf: number;
  method: CompiledMethod | null;
  appliesTo: ReadonlySet<string> | null;
  notApplicable: boolean;
  source: Indicator | null;
}

export type AggregationRule =
  | { method: "mean" }
  | { method: "median" }
  | { method: "trimmedMean"; minRaters: number };

export interface CompiledRaters {
  scope: "total" | "leaf";
  groups: Array<{ code: string; name: string; weight: Fixed; aggregation: AggregationRule }>;
  missingGroup: "renormalize" | "fail";
}

export interface CompiledGrade {
  index: number;
  code: string;
  name: string;
  min: Fixed | null;
  quota: {
    share: Fixed;
    of: number | null;
    from: "top" | "bottom";
    rounding: "halfUp" | "floor" | "ceil";
  } | null;
}

export interface CompiledGrading {
  basis: "total" | "rate";
  grades: CompiledGrade[];
  fallback: number;
  /** Quota grades in the order they are settled (a grade's pool grade first). */
  quotaOrder: number[];
  groupBy: { kind: "category" } | { kind: "field"; field: string } | null;
  ties: "tieBreak" | "includeAll" | "excludeAll";
  tieBreak: Array<"total" | "rate" | "bonus" | "code" | { indicator: number }>;
  levelCaps: Array<{ code: string; name: string; field: string }>;
  declared: { field: string; failBelow: boolean } | null;
  history: Array<{ code: string; name: string; grades: Set<string>; years: number; outcome: string }>;
  byCode: Map<string, number>;
}

export interface CompiledVeto {
  code: string;
  name: string;
  when: CompiledFormula;
  effect: "capGrade" | "excludeFromQuota" | "zero" | "fail";
  grade: number | null;
}

export interface CompiledScheme {
  definition: Scheme;
  /** Post-order: children before parents; the root is last. */
  nodes: PlanNode[];
  root: number;
  /** The same tree as flat arrays, for the roll-up. */
  layout: TreeLayout;
  /** Node index of each leaf, in leaf order. */
  leaves: number[];
  byCode: Map<string, number>;
  /** Applicability of each node per unit category ("" = a unit without a category). */
  categoryMasks: Map<string, Uint8Array>;
  /** Per category mask: each parent's sum of the maxima of the children that exist under it. */
  childrenMax: ReadonlyMap<Uint8Array, Float64Array>;
  /** The category masks under which every leaf exists. */
  fullMasks: ReadonlySet<Uint8Array>;
  /** Formula leaves in dependency order. */
  formulaOrder: number[];
  fields: Map<string, Field>;
  /** Base-data tables by code. */
  tables: Map<string, Table>;
  bonus: { items: Array<{ code: string; name: string; max: Fixed }>; cap: Fixed | null } | null;
  vetoes: CompiledVeto[];
  raters: CompiledRaters | null;
  grading: CompiledGrading | null;
  places: number;
  roundAt: { leaf: boolean; raterGroup: boolean; node: boolean };
  rebase: boolean;
}
