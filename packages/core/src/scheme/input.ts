/**
 * What the engine scores: one unit's inputs for one campaign. The server stores these; the CLI reads them from
 * JSON, CSV or Excel. Self-evaluation and review use the same shape.
 */
import { z } from "zod";
import { Code, DecimalValue } from "./model.js";

/** A leaf's input. Shorthands: a number is a manual score, a string a score or a level code, a boolean a yes/no. */
export const LeafInput = z.union([
  z.number().finite(),
  z.string().min(1),
  z.boolean(),
  z.strictObject({
    /** manual: the score. */
    score: DecimalValue.optional(),
    /** 不适用: only for leaves the scheme allows it on. */
    na: z.boolean().optional(),
    /** deductions: rule code → number of occurrences (1 for a rule that is not per occurrence). */
    deductions: z.record(z.string(), z.number().int().min(0)).optional(),
    /** checklist: the item codes that are met. */
    checked: z.array(z.string()).optional(),
    /** levels: the chosen level code. */
    level: z.string().optional(),
    /** boolean: met or not. */
    value: z.boolean().optional(),
    /** satisfaction: answer code → count of valid answers. */
    answers: z.record(z.string(), z.number().int().min(0)).optional(),
    /** The scorer's note (扣分理由, 情况说明); carried into the explanation. */
    note: z.string().optional(),
  }),
]);
export type LeafInput = z.infer<typeof LeafInput>;

export const FieldValue = z.union([z.number(), z.string(), z.boolean(), z.null()]);
export type FieldValue = z.infer<typeof FieldValue>;

export const Rating = z.strictObject({
  rater: z.string().min(1),
  group: Code,
  /** A full score sheet: leaf code → input. */
  scores: z.record(z.string(), LeafInput).optional(),
  /** Or, with raters.scope = total, the rater's total on the scheme's scale (按百分制评分). */
  total: DecimalValue.optional(),
});
export type Rating = z.infer<typeof Rating>;

export const UnitInput = z.strictObject({
  unit: Code,
  name: z.string().optional(),
  category: z.string().optional(),
  /** Base data and facts: field code → value. */
  data: z.record(z.string(), FieldValue).default({}),
  /** Leaf inputs (the self-evaluation, or the agreed review scores). */
  scores: z.record(z.string(), LeafInput).default({}),
  /** Approved bonus points per bonus item. */
  bonus: z.record(z.string(), DecimalValue).default({}),
  ratings: z.array(Rating).default([]),
  /** Earlier years' grades, for multi-year conditions. */
  history: z
    .array(z.strictObject({ year: z.union([z.number(), z.string()]), grade: z.string() }))
    .default([]),
});
export type UnitInput = z.infer<typeof UnitInput>;
export type UnitInputData = z.input<typeof UnitInput>;
