/**
 * The columns of a scheme's input table (填报模板): a units sheet (被评单位) with the base data, one or more
 * columns per leaf as its scoring method needs, and the bonus items; and, when the scheme has raters, a ratings
 * sheet (评分). The same definitions make the Excel template and read it back, so the two never disagree.
 */
import { formatShort, ONE } from "../numbers/fixed.js";
import type { CompiledScheme, PlanNode } from "../scheme/plan.js";
import { NO_LABEL, YES_LABEL } from "./cell.js";
import { indicatorsInOrder, topLevelOf } from "./scheme-order.js";

/** One accepted value of a list column: the label offered in the list, and other spellings also accepted. */
export interface ChoiceOption {
  label: string;
  value: string | boolean;
  aliases: string[];
}

/** What a column's cells may hold; the template turns it into Excel data validation, the reader checks it. */
export type ColumnConstraint =
  | { type: "text" }
  | {
      type: "decimal";
      min: number | null;
      max: number | null;
      /** "cap": a value above max is allowed and counted as max (加分 above an item's cap); Excel only warns. */
      aboveMax?: "cap";
    }
  | { type: "whole"; min: number | null; max: number | null }
  | { type: "choice"; options: ChoiceOption[] };

/** Where a cell's value goes in the unit's input. */
export type ColumnTarget =
  | { type: "unit" }
  | { type: "name" }
  | { type: "category" }
  | { type: "field"; field: string }
  | { type: "score"; leaf: string }
  | { type: "deduction"; leaf: string; rule: string }
  | { type: "checklistItem"; leaf: string; item: string }
  | { type: "level"; leaf: string }
  | { type: "yesNo"; leaf: string }
  | { type: "answer"; leaf: string; answer: string }
  | { type: "notApplicable"; leaf: string }
  | { type: "bonus"; item: string }
  | { type: "history"; year: number }
  | { type: "rater" }
  | { type: "raterGroup" }
  | { type: "raterTotal" };

export interface Column {
  /**
   * The input path the cell fills ("scores.A1.2", "scores.B1.deductions.B1.a", "data.firms", "bonus.J1"). It
   * is stable across template versions and is accepted as a header in place of `header`.
   */
  key: string;
  /** The header written in the template; indicator columns start with the indicator's code. */
  header: string;
  /** The label above the header: 基本信息, 基础数据, the top-level indicator, 加分项目, … */
  group: string;
  constraint: ColumnConstraint;
  /** Guidance for the person filling the column, shown as the header's comment. */
  note: string | undefined;
  /** What a number in the column means, for messages: "score", "count", "bonus". */
  noun: string;
  target: ColumnTarget;
}

export interface SheetLayout {
  name: string;
  columns: Column[];
}

export interface TableLayout {
  scheme: CompiledScheme;
  units: SheetLayout;
  /** Present when the scheme has raters (评分人). */
  ratings: SheetLayout | null;
  /** Years of the earlier grades asked for (连续三年…), newest first; empty when the scheme has no history rules. */
  historyYears: number[];
}

export const UNITS_SHEET = "被评单位";
export const RATINGS_SHEET = "评分";
export const UNIT_CODE_HEADER = "单位代码";

export interface LayoutOptions {
  /** The evaluation's year: the template asks for the grades of the years before it that history rules need. */
  year?: number | undefined;
}

const yesNo: ColumnConstraint = {
  type: "choice",
  options: [
    { label: YES_LABEL, value: true, aliases: [] },
    { label: NO_LABEL, value: false, aliases: [] },
  ],
};

/** The column of an earlier year's grade; readers recognise any year written this way. */
export function historyHeader(year: number): string {
  return `${year}年等次`;
}

export function unitTableLayout(scheme: CompiledScheme, options: LayoutOptions = {}): TableLayout {
  const historyYears = historyYearsFor(scheme, options.year);
  const columns: Column[] = [
    ...identityColumns(scheme),
    ...scheme.definition.fields.map((field): Column => {
      const header = field.unit ? `${field.name}（${field.unit}）` : field.name;
      return {
        key: `data.${field.code}`,
        header,
        group: "基础数据",
        constraint: fieldConstraint(scheme, field.type),
        note:
          [field.description, field.optional ? "可不填" : undefined].filter(Boolean).join("\n") || undefined,
        noun: field.name,
        target: { type: "field", field: field.code },
      };
    }),
    ...leafColumns(scheme, "units"),
    ...(scheme.bonus?.items ?? []).map(
      (item): Column => ({
        key: `bonus.${item.code}`,
        header: `${item.code} ${item.name}（加分，最高${formatShort(item.max)}分）`,
        group: "加分项目",
        constraint: { type: "decimal", min: 0, max: item.max / ONE, aboveMax: "cap" },
        note: scheme.definition.bonus?.items.find((b) => b.code === item.code)?.guidance,
        noun: "bonus",
        target: { type: "bonus", item: item.code },
      }),
    ),
    ...historyYears.map((year) => historyColumn(scheme, year)),
  ];
  return {
    scheme,
    units: { name: UNITS_SHEET, columns: distinctHeaders(columns) },
    ratings: scheme.raters ? { name: RATINGS_SHEET, columns: distinctHeaders(ratingColumns(scheme)) } : null,
    historyYears,
  };
}

/** A history column for `year`, as the reader builds one for any "YYYY年等次" header. */
export function historyColumn(scheme: CompiledScheme, year: number): Column {
  return {
    key: `history.${year}`,
    header: historyHeader(year),
    group: "历史等次",
    constraint: gradeConstraint(scheme),
    note: `${year}年评定的等次（用于${scheme.grading?.history.map((h) => h.name).join("、")}）`,
    noun: "grade",
    target: { type: "history", year },
  };
}

function historyYearsFor(scheme: CompiledScheme, year: number | undefined): number[] {
  const rules = scheme.grading?.history ?? [];
  if (rules.length === 0 || year === undefined) return [];
  const back = Math.max(...rules.map((r) => r.years)) - 1;
  return Array.from({ length: back }, (_, i) => year - 1 - i);
}

function identityColumns(scheme: CompiledScheme): Column[] {
  const categories = scheme.definition.categories;
  return [
    {
      key: "unit",
      header: UNIT_CODE_HEADER,
      group: "基本信息",
      constraint: { type: "text" },
      note: "每个单位一行；代码由字母、数字、“.”“_”“-”组成，不能重复。",
      noun: "unit code",
      target: { type: "unit" },
    },
    {
      key: "name",
      header: "单位名称",
      group: "基本信息",
      constraint: { type: "text" },
      note: undefined,
      noun: "name",
      target: { type: "name" },
    },
    {
      key: "category",
      header: "类别",
      group: "基本信息",
      constraint:
        categories.length > 0
          ? {
              type: "choice",
              options: categories.map((c) => ({ label: c.name, value: c.code, aliases: [c.code] })),
            }
          : { type: "text" },
      note: categories.length > 0 ? `可选：${categories.map((c) => c.name).join("、")}` : undefined,
      noun: "category",
      target: { type: "category" },
    },
  ];
}

function gradeConstraint(scheme: CompiledScheme): ColumnConstraint {
  return {
    type: "choice",
    options: (scheme.grading?.grades ?? []).map((g) => ({ label: g.name, value: g.code, aliases: [g.code] })),
  };
}

/** What a base-data field of a type accepts in a cell (a grade field: the scheme's grades by name or code). */
export function fieldConstraint(
  scheme: CompiledScheme,
  type: "number" | "integer" | "boolean" | "text" | "grade",
): ColumnConstraint {
  switch (type) {
    case "number":
      return { type: "decimal", min: null, max: null };
    case "integer":
      return { type: "whole", min: null, max: null };
    case "boolean":
      return yesNo;
    case "text":
      return { type: "text" };
    case "grade":
      return gradeConstraint(scheme);
  }
}

/** The categories a leaf applies to, when it does not apply to every unit. */
function applicability(scheme: CompiledScheme, leaf: PlanNode): string | undefined {
  const categories = scheme.definition.categories;
  const applies = categories.filter((c) => scheme.categoryMasks.get(c.code)?.[leaf.index] === 1);
  if (applies.length === categories.length) return undefined;
  return `仅适用于：${applies.map((c) => c.name).join("、")}；其他类别的单位不填`;
}

/**
 * The input columns of every leaf, by method. `units`: the units sheet (every method but formula, plus 不适用);
 * `ratings`: a rater's sheet with scope leaf (raters score neither formulas nor questionnaires).
 */
function leafColumns(scheme: CompiledScheme, sheet: "units" | "ratings"): Column[] {
  return indicatorsInOrder(scheme).flatMap((leaf) => {
    const method = leaf.method;
    if (!method) return [];
    const top = topLevelOf(scheme, leaf);
    if (sheet === "ratings" && (method.type === "formula" || method.type === "satisfaction")) return [];
    const group = `${top.code} ${top.name}（${formatShort(top.max)}分）`;
    const code = leaf.code;
    const title = `${code} ${leaf.name}（${formatShort(leaf.max)}分）`;
    const guidance = leaf.source?.guidance?.trim();
    const note = (hint: string) =>
      [title, guidance, hint, applicability(scheme, leaf)].filter(Boolean).join("\n");
    const column = (
      key: string,
      header: string,
      constraint: ColumnConstraint,
      hint: string,
      noun: string,
      target: ColumnTarget,
    ): Column => ({
      key,
      header,
      group,
      constraint,
      note: note(hint),
      noun,
      target,
    });
    const max = leaf.max / ONE;
    const columns: Column[] = [];
    switch (method.type) {
      case "manual":
        columns.push(
          column(
            `scores.${code}`,
            title,
            { type: "decimal", min: 0, max },
            `填写 0–${formatShort(leaf.max)} 分${method.step !== null ? `，以 ${formatShort(method.step)} 分为单位` : ""}`,
            "score",
            { type: "score", leaf: code },
          ),
        );
        break;
      case "deductions":
        for (const rule of method.rules) {
          columns.push(
            column(
              `scores.${code}.deductions.${rule.code}`,
              `${code} 扣分：${rule.text}（${formatShort(rule.points)}分${rule.perOccurrence ? "/次" : ""}）`,
              { type: "whole", min: 0, max: rule.perOccurrence ? null : 1 },
              rule.perOccurrence
                ? `填写发生次数${rule.cap !== null ? `（最多扣 ${formatShort(rule.cap)} 分）` : ""}；未扣分填 0`
                : "有此情形填 1，没有填 0",
              "count",
              { type: "deduction", leaf: code, rule: rule.code },
            ),
          );
        }
        break;
      case "checklist":
        for (const item of method.items) {
          columns.push(
            column(
              `scores.${code}.checked.${item.code}`,
              `${code} ${item.text}（${formatShort(item.points)}分）`,
              yesNo,
              "已落实填“是”，未落实填“否”",
              "answer",
              { type: "checklistItem", leaf: code, item: item.code },
            ),
          );
        }
        break;
      case "levels":
        columns.push(
          column(
            `scores.${code}`,
            title,
            {
              type: "choice",
              options: method.levels.map((l) => ({ label: l.name, value: l.code, aliases: [l.code] })),
            },
            `选择等级：${method.levels.map((l) => `${l.name}（${formatShort(l.share * 100)}%）`).join("、")}`,
            "level",
            { type: "level", leaf: code },
          ),
        );
        break;
      case "boolean":
        columns.push(
          column(`scores.${code}`, title, yesNo, `${method.text ?? "达到要求"}：是/否`, "answer", {
            type: "yesNo",
            leaf: code,
          }),
        );
        break;
      case "satisfaction":
        for (const answer of method.answers) {
          columns.push(
            column(
              `scores.${code}.answers.${answer.code}`,
              `${code} ${leaf.name}：${answer.name}（份数）`,
              { type: "whole", min: 0, max: null },
              "填写选择该答案的有效问卷份数",
              "count",
              { type: "answer", leaf: code, answer: answer.code },
            ),
          );
        }
        break;
      case "formula":
        break;
    }
    if (leaf.notApplicable && sheet === "units") {
      columns.push(
        column(
          `scores.${code}.na`,
          `${code} ${leaf.name}：不适用`,
          yesNo,
          "本单位不适用此项时填“是”（该项分值不计入应得分），否则留空",
          "answer",
          { type: "notApplicable", leaf: code },
        ),
      );
    }
    return columns;
  });
}

function ratingColumns(scheme: CompiledScheme): Column[] {
  const raters = scheme.raters!;
  const base: Column[] = [
    { ...identityColumns(scheme)[0]!, group: "评分", note: "被评单位的代码，须与“被评单位”表一致" },
    {
      key: "rater",
      header: "评分人",
      group: "评分",
      constraint: { type: "text" },
      note: "评分人姓名或职务；每位评分人对每个单位一行",
      noun: "rater",
      target: { type: "rater" },
    },
    {
      key: "group",
      header: "评分组",
      group: "评分",
      constraint: {
        type: "choice",
        options: raters.groups.map((g) => ({ label: g.name, value: g.code, aliases: [g.code] })),
      },
      note: raters.groups.map((g) => `${g.name}：权重 ${formatShort(g.weight * 100)}%`).join("\n"),
      noun: "group",
      target: { type: "raterGroup" },
    },
  ];
  if (raters.scope === "leaf") return [...base, ...leafColumns(scheme, "ratings")];
  const max = scheme.nodes[scheme.root]!.max;
  return [
    ...base,
    {
      key: "total",
      header: "总分",
      group: "评分",
      constraint: { type: "decimal", min: 0, max: max / ONE },
      note: `按 ${formatShort(max)} 分制评分，不含加分`,
      noun: "total",
      target: { type: "raterTotal" },
    },
  ];
}

/** Two columns must never share a header; should a scheme's texts coincide, the keys tell them apart. */
function distinctHeaders(columns: Column[]): Column[] {
  const counts = new Map<string, number>();
  for (const c of columns) counts.set(c.header, (counts.get(c.header) ?? 0) + 1);
  return columns.map((c) => (counts.get(c.header)! > 1 ? { ...c, header: `${c.header} [${c.key}]` } : c));
}
