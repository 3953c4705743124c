/**
 * The indicator-system format (指标体系). This zod model is the one definition of the format: the YAML/JSON
 * loader validates against it, `schemes/scheme.schema.json` is generated from it, and `docs/scheme-format.md`
 * documents it field by field.
 */
import { z } from "zod";

/** A decimal written as a YAML/JSON number or as a numeric string ("0.1", "85.5"). */
export const DecimalValue = z
  .union([z.number().finite(), z.string().regex(/^-?\d+(\.\d+)?$/, "must be a decimal number such as 85.5")])
  .describe("A decimal, as a number or a numeric string");
export type DecimalValue = z.infer<typeof DecimalValue>;

/** Codes are stable identifiers: letters, digits, and . _ - (Chinese letters allowed). */
export const Code = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u, "a code is letters, digits, '.', '_' or '-', with no spaces");

/** Field and fact codes are used as names inside formulas, so they are ASCII identifiers. */
export const FieldCode = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "a field code is a formula name: ASCII letters, digits and '_'");

/** A formula in the scheme's expression language (mathjs syntax, evaluated in exact decimals). */
export const Formula = z.string().min(1).describe("An expression over fields, e.g. enrolled / population");

export const Field = z.strictObject({
  code: FieldCode,
  name: z.string().min(1),
  type: z.enum(["number", "integer", "boolean", "text", "grade"]).default("number"),
  unit: z.string().optional(),
  description: z.string().optional(),
  /**
   * A field a unit may leave empty in its forms (templates, completeness checks). Whatever this says, a formula or
   * veto that reads an empty field fails with a message naming it, so nothing is ever scored from a missing figure.
   */
  optional: z.boolean().default(false),
  /**
   * The field is taken from a base-data table rather than typed in: one cell (`row` and `column`), or with no
   * `row` the column's sum over the table's rows.
   */
  from: z
    .strictObject({
      table: Code,
      row: Code.optional(),
      column: Code,
    })
    .optional(),
});
export type Field = z.infer<typeof Field>;

/** A column of a base-data table (基础数据统计表). */
export const TableColumn = z.strictObject({
  code: Code,
  name: z.string().min(1),
  type: z.enum(["integer", "number", "text"]).default("integer"),
  unit: z.string().optional(),
  min: DecimalValue.optional(),
  max: DecimalValue.optional(),
  /** Every row must fill this column (checked as a table rule; a draft may still be saved). */
  required: z.boolean().default(false),
});

/** A place in the tables: a cell (`row` and `column`), or with no `row` a column's sum over the table's rows. */
export const CellRef = z.strictObject({
  table: Code,
  row: Code.optional(),
  column: Code,
});
export type CellRef = z.infer<typeof CellRef>;

const ruleHead = {
  code: Code,
  /** What the rule checks, shown with each violation, e.g. "合计行等于各学段之和". */
  name: z.string().optional(),
};

/** A consistency rule over base-data tables: within a table, across tables (表表相通) and across levels. */
export const TableRule = z.discriminatedUnion("type", [
  z
    .strictObject({
      ...ruleHead,
      type: z.literal("sum"),
      table: Code,
      /** The total row (its cells equal the sum of `of` rows, column by column) or total column (row by row). */
      total: z.union([z.strictObject({ row: Code }), z.strictObject({ column: Code })]),
      /** The rows (or columns) summed; absent: every other row (or every other numeric column). */
      of: z.array(Code).min(1).optional(),
      /** Limit a row total to these columns (or a column total to these rows); absent: all numeric ones. */
      only: z.array(Code).min(1).optional(),
    })
    .describe("a total row or column equals the sum of the others"),
  z
    .strictObject({
      ...ruleHead,
      type: z.literal("equal"),
      cells: z.array(CellRef).min(2),
    })
    .describe("the cells (or column sums) agree, within or across tables (表表相通)"),
  z
    .strictObject({
      ...ruleHead,
      type: z.literal("childrenSum"),
      table: Code,
      /** Limit the check to these rows / columns; absent: every row and numeric column. */
      rows: z.array(Code).min(1).optional(),
      columns: z.array(Code).min(1).optional(),
    })
    .describe(
      "each cell equals the sum of the same cell over the unit's child organisations (乡镇之和等于县)",
    ),
]);
export type TableRule = z.infer<typeof TableRule>;

/** 基础数据统计表: a typed form a unit fills; fields can be taken from it and rules keep it consistent. */
export const Table = z.strictObject({
  code: Code,
  name: z.string().min(1),
  description: z.string().optional(),
  columns: z.array(TableColumn).min(1),
  /** Fixed rows (学段, 乡镇 …); absent: free rows, each with a key the unit chooses (one per school …). */
  rows: z
    .array(z.strictObject({ key: Code, name: z.string().min(1) }))
    .min(1)
    .optional(),
  rules: z.array(TableRule).default([]),
});
export type Table = z.infer<typeof Table>;

export const Category = z.strictObject({
  code: Code,
  name: z.string().min(1),
  description: z.string().optional(),
});

/** How a computed value (a rate, a mean, a figure) becomes points. */
export const ValueScoring = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("direct") }).describe("the value is the score, clamped to [0, max]"),
  z
    .strictObject({ type: z.literal("share") })
    .describe("score = value × max, clamped (value is a rate 0..1)"),
  z.strictObject({
    type: z.literal("threshold"),
    op: z.enum([">=", ">", "<=", "<"]),
    value: DecimalValue,
    pass: DecimalValue.default(1).describe("share of max when the condition holds"),
    fail: DecimalValue.default(0).describe("share of max otherwise"),
  }),
  z.strictObject({
    type: z.literal("bands"),
    bands: z
      .array(
        z.strictObject({
          atLeast: DecimalValue.optional(),
          above: DecimalValue.optional(),
          atMost: DecimalValue.optional(),
          below: DecimalValue.optional(),
          share: DecimalValue.optional(),
          score: DecimalValue.optional(),
          label: z.string().optional(),
        }),
      )
      .min(1)
      .describe("the first band whose bounds hold gives the share of max (or the score)"),
  }),
  z.strictObject({
    type: z.literal("linear"),
    points: z
      .array(z.tuple([DecimalValue, DecimalValue]))
      .min(2)
      .describe("[value, share] pairs; between points the share is interpolated, outside it is clamped"),
  }),
]);
export type ValueScoring = z.infer<typeof ValueScoring>;

export const DeductionRule = z.strictObject({
  code: Code,
  text: z.string().min(1),
  points: DecimalValue,
  /** 每发现一次扣…: the rule applies once per occurrence; otherwise a count above 1 is an input error. */
  perOccurrence: z.boolean().default(false),
  /** The most this rule may deduct in all, e.g. "每次扣1分，最多扣3分". */
  cap: DecimalValue.optional(),
});

export const ChecklistItem = z.strictObject({ code: Code, text: z.string().min(1), points: DecimalValue });

export const Level = z.strictObject({
  code: Code,
  name: z.string().min(1),
  share: DecimalValue.describe("share of the item's max, 0..1"),
});

export const SatisfactionAnswer = z.strictObject({
  code: Code,
  name: z.string().min(1),
  /** Counts towards the satisfaction rate (满意率). */
  satisfied: z.boolean().default(false),
  /** Points for the mean score. */
  points: DecimalValue.optional(),
});

export const Method = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("manual"),
    step: DecimalValue.optional().describe("allowed increments, e.g. 0.5"),
  }),
  z.strictObject({ type: z.literal("deductions"), rules: z.array(DeductionRule).min(1) }),
  z.strictObject({ type: z.literal("checklist"), items: z.array(ChecklistItem).min(1) }),
  z.strictObject({ type: z.literal("levels"), levels: z.array(Level).min(2) }),
  z.strictObject({
    type: z.literal("boolean"),
    text: z.string().optional(),
    trueShare: DecimalValue.default(1),
    falseShare: DecimalValue.default(0),
  }),
  z.strictObject({
    type: z.literal("formula"),
    value: Formula,
    scoring: ValueScoring,
  }),
  z.strictObject({
    type: z.literal("satisfaction"),
    answers: z.array(SatisfactionAnswer).min(2),
    measure: z.enum(["rate", "mean"]).default("rate"),
    minResponses: z.number().int().positive().optional(),
    scoring: ValueScoring,
  }),
]);
export type Method = z.infer<typeof Method>;

export interface IndicatorInput {
  code: string;
  name: string;
  max: DecimalValue;
  guidance?: string | undefined;
  evidence?: string[] | undefined;
  appliesTo?: string[] | undefined;
  notApplicable?: boolean | undefined;
  weight?: DecimalValue | undefined;
  aggregate?: "sum" | "weighted" | "normalized" | undefined;
  childrenSum?: "exact" | "atMost" | "free" | undefined;
  method?: z.input<typeof Method> | undefined;
  children?: IndicatorInput[] | undefined;
}

export const Indicator = z.strictObject({
  code: Code,
  name: z.string().min(1),
  /** 分值 */
  max: DecimalValue,
  /** 评分标准 / 评估要点 text shown to scorers. */
  guidance: z.string().optional(),
  /** 佐证材料 expected. */
  evidence: z.array(z.string()).optional(),
  /** Unit categories this node applies to (个性指标); absent means every unit (共性指标). */
  appliesTo: z.array(Code).optional(),
  /** The unit may declare this leaf not applicable (不适用 / 空项); the score is re-based. */
  notApplicable: z.boolean().optional(),
  /** Weight inside a parent whose aggregate is `weighted`. */
  weight: DecimalValue.optional(),
  /** How a parent combines its children: sum (default), weighted (Σ weight × rate × max), normalized. */
  aggregate: z.enum(["sum", "weighted", "normalized"]).optional(),
  /** Whether the children's maxima must add up to this max (default exact for sum). */
  childrenSum: z.enum(["exact", "atMost", "free"]).optional(),
  method: Method.optional(),
  get children() {
    return z.array(Indicator).optional();
  },
});
export type Indicator = z.infer<typeof Indicator>;

export const BonusItem = z.strictObject({
  code: Code,
  name: z.string().min(1),
  max: DecimalValue.describe("每项加分最高不超过 …"),
  guidance: z.string().optional(),
});

export const Bonus = z.strictObject({
  items: z.array(BonusItem).min(1),
  cap: DecimalValue.optional().describe("the most all bonus items may add together"),
});

/**
 * capGrade: the grade is at most `grade`; excludeFromQuota: never promoted by a quota from the top (评先评优), though
 * a bottom quota (末位) can still take the unit; zero: the total is 0; fail: the worst grade, the last one listed.
 */
export const VetoEffect = z.enum(["capGrade", "excludeFromQuota", "zero", "fail"]);

/** 一票否决 */
export const Veto = z.strictObject({
  code: Code,
  name: z.string().min(1),
  /** A boolean formula over the unit's fields, e.g. `d_danger_area / building_area > 0.03`. */
  when: Formula,
  effect: VetoEffect,
  /** With capGrade: the best grade the unit can get. */
  grade: Code.optional(),
});
export type Veto = z.infer<typeof Veto>;

export const Aggregation = z.union([
  z.enum(["mean", "median"]),
  z.strictObject({
    method: z.literal("trimmedMean"),
    /** Drop the highest and the lowest score only when a group has at least this many raters. */
    minRaters: z.number().int().min(3).default(5),
  }),
  z.strictObject({ method: z.enum(["mean", "median"]) }),
]);

export const Raters = z.strictObject({
  /** `total`: each rater scores the whole unit (a sheet, or a total); `leaf`: groups are combined per indicator. */
  scope: z.enum(["total", "leaf"]).default("total"),
  groups: z
    .array(
      z.strictObject({
        code: Code,
        name: z.string().min(1),
        weight: DecimalValue,
        aggregation: Aggregation.optional(),
      }),
    )
    .min(1),
  aggregation: Aggregation.default("mean"),
  /** A group with no rating for a unit: renormalize the remaining weights, or fail with an error. */
  missingGroup: z.enum(["renormalize", "fail"]).default("fail"),
});

export const QuotaRounding = z.enum(["halfUp", "floor", "ceil"]);

export const Grade = z.strictObject({
  code: Code,
  name: z.string().min(1),
  /** Absolute band: the total (or rate, see grading.basis) must be at least this. */
  min: DecimalValue.optional(),
  /** Quota: a share of a pool, ranked. */
  quota: z
    .strictObject({
      share: DecimalValue,
      /** The pool is the units holding this grade (nested quotas: 先进 = top 60% of 达标). */
      of: Code.optional(),
      /** top: the best-ranked get the grade; bottom: the worst-ranked do (e.g. C = bottom 10%). */
      from: z.enum(["top", "bottom"]).default("top"),
      rounding: QuotaRounding.optional(),
    })
    .optional(),
});
export type Grade = z.infer<typeof Grade>;

export const TieBreakKey = z.union([
  z.enum(["total", "rate", "bonus", "code"]),
  z.strictObject({ indicator: Code }),
]);

export const Grading = z.strictObject({
  /** Grade on the total (default) or on the 得分率. */
  basis: z.enum(["total", "rate"]).default("total"),
  /** Grades best first. Exactly one grade has neither min nor quota: the one given otherwise. */
  grades: z.array(Grade).min(1),
  /** Rank and apply quotas within groups of units: by category, or by a field's value. */
  groupBy: z.union([z.literal("category"), z.strictObject({ field: FieldCode })]).optional(),
  quotaRounding: QuotaRounding.default("halfUp"),
  /** Units tied at a quota boundary: broken by tieBreak, or all included, or all left out. */
  ties: z.enum(["tieBreak", "includeAll", "excludeAll"]).default("tieBreak"),
  /** Ranking order after the score: later keys break earlier ties; `code` last makes it total. */
  tieBreak: z.array(TieBreakKey).default(["code"]),
  /** A second criterion whose level also caps the grade: the lowest level wins. */
  levelCaps: z.array(z.strictObject({ code: Code, name: z.string().min(1), field: FieldCode })).default([]),
  /** A self-declared target level (申报等级) held in a field: the grade never exceeds it. */
  declared: z
    .strictObject({
      field: FieldCode,
      /** Below the declared level (after vetoes and level caps) the unit fails: it gets the last grade listed. */
      failBelow: z.boolean().default(false),
    })
    .optional(),
  /** Conditions over earlier years' results, e.g. 连续三年A级, 连续两年C级. */
  history: z
    .array(
      z.strictObject({
        code: Code,
        name: z.string().min(1),
        grades: z.array(Code).min(1),
        /** Consecutive years, counting this year's result. */
        years: z.number().int().min(2),
        outcome: z.string().min(1),
      }),
    )
    .default([]),
});
export type Grading = z.infer<typeof Grading>;

export const RoundingPoint = z.enum(["leaf", "raterGroup", "node"]);

export const Rounding = z.strictObject({
  /** Decimal places of every published score (四舍五入, half-up). */
  places: z.number().int().min(0).max(4).default(2),
  /** Where, besides the total, scores are rounded: every leaf, every rater group's aggregate, every parent. */
  at: z.array(RoundingPoint).default([]),
});

export const Scheme = z.strictObject({
  $schema: z.string().optional(),
  code: Code,
  name: z.string().min(1),
  version: z.union([z.string().min(1), z.number()]).transform(String),
  issuer: z.string().min(1),
  /** 考核 / 督导评估 / 履职评估 / 达标验收 / 自查自评 … */
  kind: z.string().optional(),
  description: z.string().optional(),
  /** Where the text was taken from and what was assumed to complete it. */
  source: z.string().optional(),
  assumptions: z.array(z.string()).optional(),
  rounding: Rounding.default({ places: 2, at: [] }),
  /** 不适用 re-basing: grade and rank on the re-based total (得分率 × 满分) or on the points obtained. */
  notApplicable: z.enum(["rebase", "raw"]).default("rebase"),
  /** The scheme's full mark (满分); when given, the top-level maxima must add up to it (or weights apply). */
  max: DecimalValue.optional(),
  /** How the top-level indicators combine, as for a parent indicator (default sum). */
  aggregate: z.enum(["sum", "weighted", "normalized"]).optional(),
  fields: z.array(Field).default([]),
  /** Base-data tables (基础数据统计表) units fill, with their consistency rules. */
  tables: z.array(Table).default([]),
  categories: z.array(Category).default([]),
  indicators: z.array(Indicator).min(1),
  bonus: Bonus.optional(),
  vetoes: z.array(Veto).default([]),
  raters: Raters.optional(),
  grading: Grading.optional(),
});
export type Scheme = z.infer<typeof Scheme>;
export type SchemeInput = z.input<typeof Scheme>;
