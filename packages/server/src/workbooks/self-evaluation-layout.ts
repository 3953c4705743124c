/**
 * The layout of the offline self-evaluation workbook (自评离线填报表), shared by the writer and the reader so both
 * agree on every cell: one sheet per first-level indicator (from row 3: A 代码, B 指标/项目, C 分值, D 评分方法,
 * E 自评填报, F 不适用, G 自评说明), each deduction rule and checklist item on a row of its own under its leaf;
 * a sheet of the typed-in base data (基础数据); a sheet per fixed-row base-data table; and a hidden sheet with the
 * versions the workbook was exported at.
 */
import {
  type ColumnConstraint,
  type CompiledScheme,
  formatShort,
  NO_LABEL,
  ONE,
  type PlanNode,
  type Table,
  toFixed,
  YES_LABEL,
} from "@kaoping/core";

export const INSTRUCTIONS_SHEET = "填报说明";
export const DATA_SHEET = "基础数据";
/** The hidden sheet that ties the file to its campaign and unit and keeps the versions it was exported at. */
export const META_SHEET = "_kaoping";
export const FIRST_ROW = 3;
export const COLUMN = { code: 1, name: 2, max: 3, method: 4, input: 5, na: 6, narrative: 7 } as const;
export const INDICATOR_HEADERS = ["代码", "指标/项目", "分值", "评分方法", "自评填报", "不适用", "自评说明"];
export const DATA_HEADERS = ["代码", "数据项", "类型", "说明", "填报值"];
export const DATA_VALUE_COLUMN = 5;

export type Field = CompiledScheme["fields"] extends Map<string, infer F> ? F : never;
type Rule = Extract<NonNullable<PlanNode["method"]>, { type: "deductions" }>["rules"][number];
type Item = Extract<NonNullable<PlanNode["method"]>, { type: "checklist" }>["items"][number];

export type LayoutRow =
  | { kind: "group"; row: number; node: PlanNode; editable: boolean }
  | { kind: "leaf"; row: number; node: PlanNode; editable: boolean }
  | { kind: "rule"; row: number; node: PlanNode; editable: boolean; rule: Rule }
  | { kind: "item"; row: number; node: PlanNode; editable: boolean; item: Item };

export interface IndicatorSheet {
  name: string;
  node: PlanNode;
  rows: LayoutRow[];
}

export interface TableSheet {
  name: string;
  table: Table;
}

export interface WorkbookLayout {
  indicators: IndicatorSheet[];
  /** Typed-in fields (not taken from tables), or empty when the person may not edit unit-wide data. */
  fields: Array<{ row: number; field: Field }>;
  tables: TableSheet[];
}

const FORBIDDEN_IN_SHEET_NAMES = /[[\]:*?/\\']/g;

/** A sheet name from a code and a name: at most 31 characters, none that Excel forbids, unique in the workbook. */
export function sheetName(text: string, taken: Set<string>): string {
  const base = text.replace(FORBIDDEN_IN_SHEET_NAMES, "_").slice(0, 31).trim();
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base.slice(0, 31 - String(n).length - 1)}~${n}`;
  taken.add(name);
  return name;
}

/** The code in column A of a deduction rule's or checklist item's row: the leaf's code, "/", the rule's or item's. */
export const subRowCode = (leaf: string, code: string): string => `${leaf}/${code}`;

export interface LayoutOptions {
  mask: Uint8Array;
  /** Whether the person may edit the indicator (department staff: only what is assigned to them). */
  editable: (code: string) => boolean;
  /** Unit-wide edits (base data): the unit's own people. */
  unitWide: boolean;
  /** Fields fed from Kaoping's records (cases, surveys): never typed, so not in the workbook. */
  fedFields: ReadonlySet<string>;
  /** The tables in the workbook (fixed-row tables the person may edit). */
  tables: readonly Table[];
}

export function workbookLayout(plan: CompiledScheme, options: LayoutOptions): WorkbookLayout {
  const taken = new Set([INSTRUCTIONS_SHEET, DATA_SHEET, META_SHEET]);
  const root = plan.nodes[plan.root]!;
  const shown = (index: number): boolean => {
    const node = plan.nodes[index]!;
    return options.mask[index] === 1 && (options.editable(node.code) || node.children.some(shown));
  };
  const indicators: IndicatorSheet[] = [];
  for (const first of root.children) {
    if (!shown(first)) continue;
    const rows: LayoutRow[] = [];
    let row = FIRST_ROW;
    const visit = (index: number) => {
      if (!shown(index)) return;
      const node = plan.nodes[index]!;
      const editable = options.editable(node.code);
      if (node.method === null) {
        rows.push({ kind: "group", row: row++, node, editable });
        for (const child of node.children) visit(child);
        return;
      }
      rows.push({ kind: "leaf", row: row++, node, editable });
      if (node.method.type === "deductions")
        for (const rule of node.method.rules) rows.push({ kind: "rule", row: row++, node, editable, rule });
      if (node.method.type === "checklist")
        for (const item of node.method.items) rows.push({ kind: "item", row: row++, node, editable, item });
    };
    visit(first);
    const node = plan.nodes[first]!;
    indicators.push({ name: sheetName(`${node.code} ${node.name}`, taken), node, rows });
  }
  const fields = options.unitWide
    ? [...plan.fields.values()]
        .filter((field) => field.from === undefined && !options.fedFields.has(field.code))
        .map((field, i) => ({ row: FIRST_ROW + i, field }))
    : [];
  const tables = options.tables.map((table) => ({
    name: sheetName(`${table.code} ${table.name}`, taken),
    table,
  }));
  return { indicators, fields, tables };
}

const yesNo: ColumnConstraint = {
  type: "choice",
  options: [
    { label: YES_LABEL, value: true, aliases: [] },
    { label: NO_LABEL, value: false, aliases: [] },
  ],
};

/** What the row's 自评填报 cell takes, or null when nothing is typed there (parents, computed leaves, headings). */
export function inputConstraint(row: LayoutRow): ColumnConstraint | null {
  const method = row.node.method;
  if (method === null) return null;
  switch (row.kind) {
    case "rule":
      return { type: "whole", min: 0, max: row.rule.perOccurrence ? null : 1 };
    case "item":
      return yesNo;
    case "group":
      return null;
    case "leaf":
      switch (method.type) {
        case "manual":
          return { type: "decimal", min: 0, max: row.node.max / ONE };
        case "levels":
          return {
            type: "choice",
            options: method.levels.map((l) => ({ label: l.name, value: l.code, aliases: [l.code] })),
          };
        case "boolean":
          return yesNo;
        default:
          return null;
      }
  }
}

/** The 不适用 cell takes 是/否 on the leaves the scheme allows it on. */
export const naConstraint = (row: LayoutRow): ColumnConstraint | null =>
  row.kind === "leaf" && row.node.notApplicable ? yesNo : null;

export const FIELD_TYPE_NAMES: Record<Field["type"], string> = {
  number: "数值",
  integer: "整数",
  boolean: "是/否",
  text: "文字",
  grade: "等次",
};

/** The method in Chinese, with what the input cells expect. */
export function methodText(node: PlanNode): string {
  const m = node.method;
  if (m === null) return `下设 ${node.children.length} 项`;
  switch (m.type) {
    case "manual":
      return `直接评分：0至${formatShort(node.max)}分${m.step === null ? "" : `，以${formatShort(m.step)}分为单位`}`;
    case "deductions":
      return "扣分：在下方各扣分项填写发生次数（未发生填0），从分值中扣减，最低为0";
    case "checklist":
      return "逐项计分：在下方各项选择“是”（已落实）或“否”";
    case "levels":
      return `等级评定：${m.levels.map((l) => `${l.name}（${formatShort(l.share * 100)}%）`).join("、")}`;
    case "boolean":
      return `是否达到：${m.text ?? "选择“是”或“否”"}`;
    case "formula":
      return "按基础数据计算，无需填写";
    case "satisfaction":
      return "按满意度调查计算，无需填写";
  }
}

/** The text of a deduction rule's or checklist item's row. */
export function subRowText(row: Extract<LayoutRow, { kind: "rule" | "item" }>): string {
  if (row.kind === "item") return `${row.item.text}（${formatShort(row.item.points)}分）`;
  const { rule } = row;
  const cap = rule.cap === null ? "" : `，最多扣${formatShort(rule.cap)}分`;
  return `扣分：${rule.text}（${formatShort(rule.points)}分${rule.perOccurrence ? "/次" : ""}${cap}）`;
}

/** A stored input in the form the workbook shows it, or null for none: shorthands expanded, zero deductions dropped. */
export type CanonicalInput =
  | { na: true }
  | { score: string }
  | { level: string }
  | { value: boolean }
  | { deductions: Record<string, number> }
  | { checked: string[] };

const objectOf = (input: unknown): Record<string, unknown> | null =>
  typeof input === "object" && input !== null && !Array.isArray(input)
    ? (input as Record<string, unknown>)
    : null;

/** A decimal score without trailing zeros ("6.5"), or null when it is not a number. */
function scoreText(value: unknown): string | null {
  if (typeof value !== "number" && typeof value !== "string") return null;
  try {
    return formatShort(toFixed(value));
  } catch {
    return null;
  }
}

export function canonicalInput(node: PlanNode, input: unknown): CanonicalInput | null {
  const m = node.method;
  if (m === null || input === null || input === undefined) return null;
  const o = objectOf(input);
  if (o?.na === true) return { na: true };
  switch (m.type) {
    case "manual": {
      const score = scoreText(o === null ? input : o.score);
      return score === null ? null : { score };
    }
    case "levels": {
      const level = o === null ? input : o.level;
      return typeof level === "string" ? { level } : null;
    }
    case "boolean": {
      const value = o === null ? input : o.value;
      return typeof value === "boolean" ? { value } : null;
    }
    case "deductions": {
      const counts = objectOf(o?.deductions);
      if (counts === null) return null;
      const deductions: Record<string, number> = {};
      for (const rule of m.rules) {
        const count = counts[rule.code];
        if (typeof count === "number" && count !== 0) deductions[rule.code] = count;
      }
      return { deductions };
    }
    case "checklist": {
      const checked = o?.checked;
      if (!Array.isArray(checked)) return null;
      return { checked: m.items.map((i) => i.code).filter((c) => checked.includes(c)) };
    }
    default:
      return null;
  }
}

export const sameInput = (node: PlanNode, a: unknown, b: unknown): boolean =>
  JSON.stringify(canonicalInput(node, a)) === JSON.stringify(canonicalInput(node, b));
