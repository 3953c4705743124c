/**
 * A unit's base-data tables (基础数据统计表) checked against the scheme: every cell's type and bounds, and every
 * rule — totals within a table, agreement across tables (表表相通) and, given the child organisations' tables,
 * across levels (a county's figures equal the sum of its townships'). Each violation names its rule and cell.
 * Sums are exact decimals. Pure: the caller loads the tables.
 */
import { Decimal } from "../numbers/decimal.js";
import type { CellRef, Table, TableRule } from "../scheme/model.js";
import type { CompiledScheme } from "../scheme/plan.js";

/** A cell as stored: a number (or numeric string) in numeric columns, text in text columns; null or absent when empty. */
export type TableCell = number | string | null;
/** One table's rows: row key → column code → value. */
export type TableRows = Record<string, Record<string, TableCell>>;
/** A unit's tables: table code → rows. */
export type UnitTables = Record<string, TableRows>;

export interface TableViolation {
  /** The rule that failed: a rule code from the scheme, or type / required / min / max / unknown. */
  rule: string;
  table: string;
  row: string | null;
  column: string | null;
  /** "T1!junior.enrolled"; "T1!*.enrolled" for a column's sum; "T1" for the table. */
  cell: string;
  /** In Chinese. */
  message: string;
}

export interface ChildTables {
  /** The child organisation's code, for messages. */
  unit: string;
  name?: string | undefined;
  tables: UnitTables;
}

export interface CheckTablesOptions {
  /**
   * The child organisations' tables in the same campaign, for `childrenSum` rules; without it those rules are
   * not checked (a unit with no children in the campaign has nothing to add up).
   */
  children?: readonly ChildTables[];
}

export const cellName = (table: string, row: string | null, column: string | null): string =>
  row === null && column === null ? table : `${table}!${row ?? "*"}.${column ?? "*"}`;

const NUMBER = /^-?\d+(\.\d+)?$/;

const isEmpty = (value: TableCell | undefined): value is null | undefined =>
  value === undefined || value === null || value === "";

/** A numeric cell's value, or null when empty or not a number (reported by the cell checks). */
function numberOf(value: TableCell | undefined): Decimal | null {
  if (isEmpty(value)) return null;
  if (typeof value === "number") return Number.isFinite(value) ? new Decimal(value) : null;
  return NUMBER.test(value.trim()) ? new Decimal(value.trim()) : null;
}

const show = (d: Decimal): string => d.toString();

/** The rows a table has for a unit: its fixed rows, or the keys the unit entered. */
export function rowKeys(table: Table, rows: TableRows | undefined): string[] {
  return table.rows !== undefined ? table.rows.map((r) => r.key) : Object.keys(rows ?? {});
}

const rowName = (table: Table, key: string): string => table.rows?.find((r) => r.key === key)?.name ?? key;
const columnName = (table: Table, code: string): string =>
  table.columns.find((c) => c.code === code)?.name ?? code;
const ruleLabel = (rule: TableRule): string =>
  rule.name === undefined ? rule.code : `${rule.code}「${rule.name}」`;

/** A cell's value, or the column's sum over the table's rows when the reference has no row. */
function refValue(tables: Map<string, Table>, unit: UnitTables, ref: CellRef): Decimal | null {
  const table = tables.get(ref.table);
  if (table === undefined) return null;
  const rows = unit[ref.table];
  if (ref.row !== undefined) return numberOf(rows?.[ref.row]?.[ref.column]);
  let sum: Decimal | null = null;
  for (const key of rowKeys(table, rows)) {
    const value = numberOf(rows?.[key]?.[ref.column]);
    if (value !== null) sum = (sum ?? new Decimal(0)).plus(value);
  }
  return sum;
}

type Add = (rule: string, row: string | null, column: string | null, message: string) => void;

const adder =
  (table: Table, out: TableViolation[]): Add =>
  (rule, row, column, message) =>
    out.push({ rule, table: table.code, row, column, cell: cellName(table.code, row, column), message });

/** A row the table does not have (fixed rows), or columns it does not have; false when the row is unknown. */
function checkRowShape(table: Table, key: string, cells: Record<string, TableCell>, add: Add): boolean {
  if (table.rows !== undefined && !table.rows.some((r) => r.key === key)) {
    add("unknown", key, null, `${table.name}没有“${key}”行`);
    return false;
  }
  for (const column of Object.keys(cells)) {
    if (!table.columns.some((c) => c.code === column))
      add("unknown", key, column, `${table.name}没有“${column}”列`);
  }
  return true;
}

/** A column's bounds as decimals, parsed once per column: a large table checks them on every row. */
const boundsCache = new WeakMap<Table["columns"][number], { min: Decimal | null; max: Decimal | null }>();
function boundsOf(column: Table["columns"][number]): { min: Decimal | null; max: Decimal | null } {
  let bounds = boundsCache.get(column);
  if (bounds === undefined) {
    bounds = {
      min: column.min === undefined ? null : new Decimal(String(column.min)),
      max: column.max === undefined ? null : new Decimal(String(column.max)),
    };
    boundsCache.set(column, bounds);
  }
  return bounds;
}

/** A cell as messages name it; built only when something is wrong (a large table has millions of cells). */
const cellLabel = (table: Table, key: string, column: Table["columns"][number]): string =>
  `${rowName(table, key)}·${column.name}`;

/** Each column's value in one row: filled when required, of its type, within its bounds. */
function checkRowValues(
  table: Table,
  key: string,
  cells: Record<string, TableCell> | undefined,
  add: Add,
): void {
  for (const column of table.columns) {
    const value = cells?.[column.code];
    if (isEmpty(value)) {
      if (column.required) add("required", key, column.code, `${cellLabel(table, key, column)}未填写`);
      continue;
    }
    if (column.type === "text") {
      if (typeof value !== "string")
        add("type", key, column.code, `${cellLabel(table, key, column)}应为文字`);
      continue;
    }
    const number = numberOf(value);
    if (number === null) {
      add("type", key, column.code, `${cellLabel(table, key, column)}应为数字，实为“${String(value)}”`);
      continue;
    }
    if (column.type === "integer" && !number.isInteger()) {
      add("type", key, column.code, `${cellLabel(table, key, column)}应为整数，实为 ${show(number)}`);
      continue;
    }
    const { min, max } = boundsOf(column);
    if (min !== null && number.lessThan(min))
      add(
        "min",
        key,
        column.code,
        `${cellLabel(table, key, column)}为 ${show(number)}，不得小于 ${column.min}`,
      );
    if (max !== null && number.greaterThan(max))
      add(
        "max",
        key,
        column.code,
        `${cellLabel(table, key, column)}为 ${show(number)}，不得大于 ${column.max}`,
      );
  }
}

/**
 * One row's own violations (its key, columns, types and bounds), without the rules that span rows: what an import
 * of a large table checks row by row as it reads.
 */
export function checkTableRow(table: Table, key: string, cells: Record<string, TableCell>): TableViolation[] {
  const out: TableViolation[] = [];
  const add = adder(table, out);
  if (checkRowShape(table, key, cells, add)) checkRowValues(table, key, cells, add);
  return out;
}

function checkCells(table: Table, rows: TableRows | undefined, out: TableViolation[]): void {
  const add = adder(table, out);
  for (const [key, cells] of Object.entries(rows ?? {})) checkRowShape(table, key, cells, add);
  for (const key of rowKeys(table, rows)) checkRowValues(table, key, rows?.[key], add);
}

function checkSum(
  table: Table,
  rule: Extract<TableRule, { type: "sum" }>,
  rows: TableRows | undefined,
  out: TableViolation[],
) {
  const numericColumns = table.columns.filter((c) => c.type !== "text").map((c) => c.code);
  const keys = rowKeys(table, rows);
  const instances: Array<{ row: string; column: string; parts: Array<[string, string]> }> = [];
  if ("row" in rule.total) {
    const total = rule.total.row;
    if (table.rows === undefined && !keys.includes(total)) return;
    const parts = rule.of ?? keys.filter((k) => k !== total);
    for (const column of rule.only ?? numericColumns)
      instances.push({ row: total, column, parts: parts.map((p) => [p, column]) });
  } else {
    const total = rule.total.column;
    const parts = rule.of ?? numericColumns.filter((c) => c !== total);
    for (const row of rule.only ?? keys)
      instances.push({ row, column: total, parts: parts.map((p) => [row, p]) });
  }
  for (const instance of instances) {
    const target = numberOf(rows?.[instance.row]?.[instance.column]);
    const values = instance.parts.map(([r, c]) => numberOf(rows?.[r]?.[c]));
    if (target === null && values.every((v) => v === null)) continue;
    const sum = values.reduce<Decimal>((s, v) => s.plus(v ?? 0), new Decimal(0));
    const actual = target ?? new Decimal(0);
    if (!sum.equals(actual)) {
      const partNames =
        "row" in rule.total
          ? instance.parts.map(([r]) => rowName(table, r)).join("、")
          : instance.parts.map(([, c]) => columnName(table, c)).join("、");
      out.push({
        rule: rule.code,
        table: table.code,
        row: instance.row,
        column: instance.column,
        cell: cellName(table.code, instance.row, instance.column),
        message: `${rowName(table, instance.row)}·${columnName(table, instance.column)}应等于${partNames}之和 ${show(sum)}，实为 ${target === null ? "空" : show(target)}（规则 ${ruleLabel(rule)}）`,
      });
    }
  }
}

function refName(tables: Map<string, Table>, ref: CellRef): string {
  const table = tables.get(ref.table);
  if (table === undefined) return cellName(ref.table, ref.row ?? null, ref.column);
  const row = ref.row === undefined ? "各行合计" : rowName(table, ref.row);
  return `${table.name}${row}·${columnName(table, ref.column)}`;
}

function checkEqual(
  tables: Map<string, Table>,
  rule: Extract<TableRule, { type: "equal" }>,
  unit: UnitTables,
  out: TableViolation[],
) {
  const values = rule.cells.map((ref) => refValue(tables, unit, ref));
  if (values.every((v) => v === null)) return;
  const first = values[0] ?? new Decimal(0);
  const firstRef = rule.cells[0]!;
  rule.cells.forEach((ref, i) => {
    if (i === 0) return;
    const value = values[i] ?? null;
    if (values[0] !== null && value?.equals(first)) return;
    out.push({
      rule: rule.code,
      table: ref.table,
      row: ref.row ?? null,
      column: ref.column,
      cell: cellName(ref.table, ref.row ?? null, ref.column),
      message: `${refName(tables, ref)}为 ${value === null ? "空" : show(value)}，应与${refName(tables, firstRef)}（${values[0] === null ? "空" : show(first)}）一致（规则 ${ruleLabel(rule)}）`,
    });
  });
}

function checkChildrenSum(
  table: Table,
  rule: Extract<TableRule, { type: "childrenSum" }>,
  unit: UnitTables,
  children: readonly ChildTables[],
  out: TableViolation[],
) {
  const columns = rule.columns ?? table.columns.filter((c) => c.type !== "text").map((c) => c.code);
  const reporting = children.filter((child) => Object.keys(child.tables[table.code] ?? {}).length > 0);
  for (const child of children) {
    if (reporting.includes(child)) continue;
    out.push({
      rule: rule.code,
      table: table.code,
      row: null,
      column: null,
      cell: table.code,
      message: `下级单位${child.name ?? child.unit}尚未填报${table.name}，无法核对上下级合计（规则 ${ruleLabel(rule)}）`,
    });
  }
  // Fixed rows are compared cell by cell; free rows (schools …) differ between levels, so their column sums are.
  const rows: Array<string | undefined> =
    table.rows !== undefined ? (rule.rows ?? table.rows.map((r) => r.key)) : [undefined];
  const names = reporting.map((c) => c.name ?? c.unit).join("、");
  for (const row of rows) {
    for (const column of columns) {
      const ref: CellRef = { table: table.code, column, ...(row === undefined ? {} : { row }) };
      const tables = new Map([[table.code, table]]);
      const own = refValue(tables, unit, ref);
      const parts = reporting.map((child) => refValue(tables, child.tables, ref));
      if (own === null && parts.every((p) => p === null)) continue;
      const sum = parts.reduce<Decimal>((s, v) => s.plus(v ?? 0), new Decimal(0));
      if (own?.equals(sum)) continue;
      out.push({
        rule: rule.code,
        table: table.code,
        row: row ?? null,
        column,
        cell: cellName(table.code, row ?? null, column),
        message: `${refName(tables, ref)}为 ${own === null ? "空" : show(own)}，应等于下级单位（${names || "无"}）之和 ${show(sum)}（规则 ${ruleLabel(rule)}）`,
      });
    }
  }
}

/** Every violation of the unit's tables, in scheme order: the cells first, then the rules. */
export function checkTables(
  plan: CompiledScheme,
  unit: UnitTables,
  options: CheckTablesOptions = {},
): TableViolation[] {
  const out: TableViolation[] = [];
  for (const code of Object.keys(unit)) {
    if (!plan.tables.has(code))
      out.push({
        rule: "unknown",
        table: code,
        row: null,
        column: null,
        cell: code,
        message: `没有基础数据表 ${code}`,
      });
  }
  for (const table of plan.tables.values()) checkCells(table, unit[table.code], out);
  for (const table of plan.tables.values()) {
    for (const rule of table.rules) {
      if (rule.type === "sum") {
        const target = plan.tables.get(rule.table);
        if (target !== undefined) checkSum(target, rule, unit[rule.table], out);
      } else if (rule.type === "equal") {
        checkEqual(plan.tables, rule, unit, out);
      } else if (options.children !== undefined && options.children.length > 0) {
        const target = plan.tables.get(rule.table);
        if (target !== undefined) checkChildrenSum(target, rule, unit, options.children, out);
      }
    }
  }
  return out;
}

/**
 * The fields the scheme takes from tables (`from`), as the unit's tables give them: a cell's value, or a column's
 * sum. Empty cells give no value, so a formula reading the field reports it missing.
 */
export function tableFields(plan: CompiledScheme, unit: UnitTables): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const field of plan.fields.values()) {
    const from = field.from;
    if (from === undefined) continue;
    const table = plan.tables.get(from.table);
    if (table === undefined) continue;
    if (field.type === "number" || field.type === "integer") {
      const value = refValue(plan.tables, unit, from);
      if (value !== null) out[field.code] = value.toNumber();
    } else if (from.row !== undefined) {
      const value = unit[from.table]?.[from.row]?.[from.column];
      if (!isEmpty(value)) out[field.code] = value;
    }
  }
  return out;
}
