/**
 * Reads an offline self-evaluation workbook back (whatever saved it: Excel, WPS, LibreOffice): every input,
 * narrative, data field and table row the person may edit, each cell read by the same constraint the writer gave
 * it as validation, every problem located at its sheet and cell. Nothing is checked against the stored state here.
 */
import {
  type CellValue,
  type ColumnConstraint,
  type CompiledScheme,
  cellAddress,
  cellText,
  type FieldValue,
  fieldConstraint,
  isBlank,
  type PlanNode,
  readCell,
  type TableRows,
} from "@kaoping/core";
import type ExcelJS from "exceljs";
import type { ErrorDetail } from "../errors.js";
import { plainCellValue } from "./cell-value.js";
import { LISTS_SHEET } from "./data-validation.js";
import { unsafeCellText } from "./safe-cell-text.js";
import {
  COLUMN,
  DATA_SHEET,
  DATA_VALUE_COLUMN,
  FIRST_ROW,
  INSTRUCTIONS_SHEET,
  inputConstraint,
  type LayoutRow,
  META_SHEET,
  naConstraint,
  subRowCode,
  type WorkbookLayout,
} from "./self-evaluation-layout.js";
import { TABLE_HEADER_ROW } from "./table-columns.js";
import { TableRowReader } from "./table-row-reader.js";
import { parseMeta, type WorkbookMeta } from "./workbook-meta.js";

export interface ReadItem {
  /** The input the file gives the leaf (null: none), or undefined for a parent, which takes only a narrative. */
  input: unknown;
  narrative: string;
  /** The cell a problem of the input's path ("deductions.a", "na", "") points to. */
  locate: (path: string) => string;
}

export interface ReadTable {
  rows: TableRows;
  reader: TableRowReader;
}

export interface ReadSelfEvaluation {
  meta: WorkbookMeta | null;
  items: Map<string, ReadItem>;
  data: { values: Record<string, FieldValue>; pathOf: Map<string, string> } | null;
  tables: Map<string, ReadTable>;
  problems: ErrorDetail[];
}

/** The rows of a sheet as plain values, from row 1 (rich text flattened). */
export function sheetRows(sheet: ExcelJS.Worksheet): CellValue[][] {
  const rows: CellValue[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const values: CellValue[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      values[column - 1] = plainCellValue(cell.value);
    });
    rows[number - 1] = values;
  });
  return Array.from(rows, (row) => Array.from(row ?? [], (v) => v ?? null));
}

function chineseFor(constraint: ColumnConstraint): string {
  switch (constraint.type) {
    case "decimal":
    case "whole": {
      const kind = constraint.type === "whole" ? "整数" : "数字";
      if (constraint.min !== null && constraint.max !== null)
        return `应填${constraint.min}至${constraint.max}之间的${kind}`;
      return constraint.min !== null ? `应填不小于${constraint.min}的${kind}` : `应填${kind}`;
    }
    case "choice":
      return `应从下拉列表选择：${constraint.options.map((o) => o.label).join("、")}`;
    case "text":
      return "应为文字";
  }
}

/** Reads a cell by its constraint; blank is undefined; a problem is recorded and gives null. */
function readInto(
  problems: ErrorDetail[],
  path: string,
  constraint: ColumnConstraint,
  noun: string,
  value: CellValue,
): string | number | boolean | null | undefined {
  if (isBlank(value)) return undefined;
  const reading = readCell(constraint, noun, value);
  if (reading.ok) return reading.value;
  problems.push({ path, message: `${chineseFor(constraint)} / ${reading.message}` });
  return null;
}

interface LeafCells {
  node: PlanNode;
  row: number;
  value: string | number | boolean | null | undefined;
  na: boolean | null | undefined;
  narrative: string;
  subRows: Map<string, { row: number; value: string | number | boolean | null | undefined }>;
  failed: boolean;
}

function inputOf(leaf: LeafCells): unknown {
  const method = leaf.node.method;
  if (method === null) return undefined;
  if (leaf.na === true) return { na: true };
  const filled = [...leaf.subRows.values()].filter((s) => s.value !== undefined);
  switch (method.type) {
    case "manual":
    case "boolean":
      return leaf.value ?? null;
    case "levels":
      return leaf.value === undefined || leaf.value === null ? null : { level: leaf.value };
    case "deductions": {
      if (filled.length === 0) return null;
      const deductions: Record<string, number> = {};
      for (const [code, sub] of leaf.subRows)
        if (typeof sub.value === "number" && sub.value !== 0) deductions[code] = sub.value;
      return { deductions };
    }
    case "checklist":
      return filled.length === 0
        ? null
        : { checked: [...leaf.subRows].filter(([, sub]) => sub.value === true).map(([code]) => code) };
    default:
      return null;
  }
}

function readIndicatorSheet(
  name: string,
  rows: CellValue[][],
  byCode: Map<string, LayoutRow>,
  out: ReadSelfEvaluation,
): void {
  const at = (row: number, column: number) => cellAddress({ sheet: name, row, column });
  const leaves = new Map<string, LeafCells>();
  for (let r = FIRST_ROW; r <= rows.length; r++) {
    const values = rows[r - 1] ?? [];
    const code = cellText(values[COLUMN.code - 1]);
    if (code === "") continue;
    const layout = byCode.get(code);
    if (layout === undefined) {
      out.problems.push({ path: at(r, COLUMN.code), message: `unknown indicator ${code} / 未知指标或项目` });
      continue;
    }
    if (!layout.editable) continue;
    const before = out.problems.length;
    const cell = (column: number) => values[column - 1] ?? null;
    const input = inputConstraint(layout);
    const value =
      input === null
        ? undefined
        : readInto(out.problems, at(r, COLUMN.input), input, "value", cell(COLUMN.input));
    if (layout.kind === "rule" || layout.kind === "item") {
      const leaf = leaves.get(layout.node.code);
      if (leaf === undefined) continue;
      leaf.subRows.set(layout.kind === "rule" ? layout.rule.code : layout.item.code, { row: r, value });
      leaf.failed ||= out.problems.length > before;
      continue;
    }
    const na = naConstraint(layout);
    const naValue =
      na === null ? undefined : readInto(out.problems, at(r, COLUMN.na), na, "不适用", cell(COLUMN.na));
    const narrativeCell = cell(COLUMN.narrative);
    const narrative = isBlank(narrativeCell) ? "" : unsafeCellText(String(narrativeCell));
    leaves.set(layout.node.code, {
      node: layout.node,
      row: r,
      value,
      na: naValue as boolean | null | undefined,
      narrative,
      subRows: new Map(),
      failed: out.problems.length > before,
    });
  }
  for (const [code, leaf] of leaves) {
    if (leaf.failed || [...leaf.subRows.values()].some((s) => s.value === null)) continue;
    const firstSub = leaf.subRows.values().next().value?.row ?? leaf.row;
    out.items.set(code, {
      input: inputOf(leaf),
      narrative: leaf.narrative,
      locate: (path) => {
        if (path === "na") return at(leaf.row, COLUMN.na);
        const [head, sub] = path.split(".");
        const subRow = sub === undefined ? undefined : leaf.subRows.get(sub)?.row;
        if (head === "deductions" || head === "checked") return at(subRow ?? firstSub, COLUMN.input);
        return at(leaf.row, COLUMN.input);
      },
    });
  }
}

function readDataSheet(
  name: string,
  rows: CellValue[][],
  plan: CompiledScheme,
  layout: WorkbookLayout,
  out: ReadSelfEvaluation,
): void {
  const byCode = new Map(layout.fields.map((f) => [f.field.code, f.field]));
  const values: Record<string, FieldValue> = {};
  const pathOf = new Map<string, string>();
  for (let r = FIRST_ROW; r <= rows.length; r++) {
    const cells = rows[r - 1] ?? [];
    const code = cellText(cells[0]);
    if (code === "") continue;
    const path = cellAddress({ sheet: name, row: r, column: DATA_VALUE_COLUMN });
    const field = byCode.get(code);
    if (field === undefined) {
      out.problems.push({
        path: cellAddress({ sheet: name, row: r, column: 1 }),
        message: `unknown field ${code} / 未知数据项`,
      });
      continue;
    }
    pathOf.set(code, path);
    const value = readInto(
      out.problems,
      path,
      fieldConstraint(plan, field.type),
      field.name,
      cells[DATA_VALUE_COLUMN - 1] ?? null,
    );
    if (value === undefined) values[code] = null;
    else if (value !== null)
      values[code] = typeof value === "string" && field.type === "text" ? unsafeCellText(value) : value;
  }
  out.data = { values, pathOf };
}

function readTableSheet(
  name: string,
  rows: CellValue[][],
  table: ReadTable["reader"]["table"],
  out: ReadSelfEvaluation,
): void {
  const reader = new TableRowReader(table, name, out.problems);
  if (!reader.header(rows[TABLE_HEADER_ROW - 1] ?? [])) return;
  const read: TableRows = {};
  for (let r = TABLE_HEADER_ROW + 1; r <= rows.length; r++) {
    const row = reader.row(r, rows[r - 1] ?? []);
    if (row !== null) read[row.key] = row.cells;
  }
  out.tables.set(table.code, { rows: read, reader });
}

export function readSelfEvaluationWorkbook(
  workbook: ExcelJS.Workbook,
  plan: CompiledScheme,
  layout: WorkbookLayout,
): ReadSelfEvaluation {
  const out: ReadSelfEvaluation = {
    meta: null,
    items: new Map(),
    data: null,
    tables: new Map(),
    problems: [],
  };
  const indicatorSheets = new Map(layout.indicators.map((s) => [s.name, s]));
  const tableSheets = new Map(layout.tables.map((t) => [t.name, t.table]));
  for (const sheet of workbook.worksheets) {
    const name = sheet.name;
    if (name === INSTRUCTIONS_SHEET || name === LISTS_SHEET) continue;
    const rows = sheetRows(sheet);
    const indicators = indicatorSheets.get(name);
    if (indicators !== undefined) {
      const byCode = new Map<string, LayoutRow>();
      for (const row of indicators.rows)
        byCode.set(
          row.kind === "rule"
            ? subRowCode(row.node.code, row.rule.code)
            : row.kind === "item"
              ? subRowCode(row.node.code, row.item.code)
              : row.node.code,
          row,
        );
      readIndicatorSheet(name, rows, byCode, out);
    } else if (name === META_SHEET) out.meta = parseMeta(rows);
    else if (name === DATA_SHEET && layout.fields.length > 0) readDataSheet(name, rows, plan, layout, out);
    else if (tableSheets.has(name)) readTableSheet(name, rows, tableSheets.get(name)!, out);
    else
      out.problems.push({
        path: cellAddress({ sheet: name, row: 1, column: 1 }),
        message: `unknown sheet "${name}": it is not part of this workbook / 未知工作表，请勿增加或改名工作表`,
      });
  }
  if (out.meta === null)
    out.problems.unshift({
      path: META_SHEET,
      message: "not an offline self-evaluation workbook exported by Kaoping / 不是从系统下载的自评离线填报表",
    });
  return out;
}
