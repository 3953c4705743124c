/**
 * Reads a filled input table back into unit inputs, remembering which cell each value came from so that the
 * engine's problems (by unit and input path) can be shown at the cell to correct.
 */
import type { LeafInput, UnitInputData } from "../scheme/input.js";
import { type CellRef, type CellValue, isBlank, type LocatedProblem, type SheetCells } from "./cell.js";
import { type Column, historyColumn, type SheetLayout, type TableLayout } from "./columns.js";
import { mergeProblems } from "./locate.js";
import { readCell } from "./read-cell.js";
import { eachDataRow, isNotesHeader, matchHeaders, type RowSources } from "./sheet-reading.js";

export interface UnitSources extends RowSources {
  /** One per rating, in the order of the unit's `ratings`. */
  ratings: RowSources[];
}

export interface UnitTable {
  units: UnitInputData[];
  /** Parallel to `units`. */
  sources: UnitSources[];
  /** Cells that could not be read; their values are left out of `units`. */
  problems: LocatedProblem[];
}

export interface UnitTableSheets {
  units: SheetCells;
  ratings?: SheetCells | undefined;
}

type Filled = { column: Column; value: CellValue; at: CellRef };

export function readUnitTable(layout: TableLayout, sheets: UnitTableSheets): UnitTable {
  const problems: LocatedProblem[] = [];
  const units: UnitInputData[] = [];
  const sources: UnitSources[] = [];
  const hasHistory = (layout.scheme.grading?.history.length ?? 0) > 0;
  const header = matchHeaders(sheets.units, layout.units.columns, problems, {
    ignored: isNotesHeader,
    extra: (text) => {
      const year = /^(?:history\.)?(\d{4})(?:年等次)?$/.exec(text.normalize("NFKC").replace(/\s+/g, ""));
      return hasHistory && year ? historyColumn(layout.scheme, Number(year[1])) : undefined;
    },
  });
  if (header) {
    eachDataRow(sheets.units, header.headerRow, header.columns, (cells, at) => {
      const read = readUnitRow(cells, at, problems);
      if (read) {
        units.push(read.input);
        sources.push({ ...read.sources, ratings: [] });
      }
    });
  }
  if (sheets.ratings) readRatings(layout, sheets.ratings, units, sources, problems);
  return { units, sources, problems: mergeProblems(problems, []) };
}

/** Reads a cell of a known column; a value that breaks the column's rule is reported and left out. */
function read(
  cell: Filled,
  problems: LocatedProblem[],
  unit: string | undefined,
): string | number | boolean | undefined {
  if (isBlank(cell.value)) return undefined;
  const reading = readCell(cell.column.constraint, cell.column.noun, cell.value);
  if (reading.ok) return reading.value;
  problems.push({ at: cell.at, indicator: leafOf(cell.column), unit, message: reading.message });
  return undefined;
}

function leafOf(column: Column): string | undefined {
  return "leaf" in column.target ? column.target.leaf : undefined;
}

function unitCode(
  cells: Filled[],
  at: CellRef,
  problems: LocatedProblem[],
): { code: string; at: CellRef } | undefined {
  const cell = cells.find((c) => c.column.target.type === "unit");
  if (!cell || isBlank(cell.value)) {
    problems.push({
      at: cell?.at ?? at,
      message: "单位代码 is empty: every filled row needs the unit's code",
    });
    return undefined;
  }
  return { code: String(cell.value).trim(), at: cell.at };
}

function readUnitRow(
  cells: Filled[],
  rowAt: CellRef,
  problems: LocatedProblem[],
): { input: UnitInputData; sources: RowSources } | undefined {
  const code = unitCode(cells, rowAt, problems);
  if (!code) return undefined;
  const unit = code.code;
  const input: UnitInputData = { unit };
  const data: Record<string, string | number | boolean> = {};
  const bonus: Record<string, number> = {};
  const history: Array<{ year: number; grade: string }> = [];
  const sources: RowSources = { at: code.at, cells: new Map() };
  const byLeaf = new Map<string, Filled[]>();
  for (const cell of cells) {
    sources.cells.set(cell.column.key, cell.at);
    const target = cell.column.target;
    if ("leaf" in target) {
      byLeaf.set(target.leaf, [...(byLeaf.get(target.leaf) ?? []), cell]);
      continue;
    }
    const value = read(cell, problems, unit);
    if (value === undefined) continue;
    switch (target.type) {
      case "name":
        input.name = String(value);
        break;
      case "category":
        input.category = String(value);
        break;
      case "field":
        data[target.field] = value;
        break;
      case "bonus":
        bonus[target.item] = Number(value);
        break;
      case "history":
        history.push({ year: target.year, grade: String(value) });
        break;
    }
  }
  const scores = readLeaves(byLeaf, sources, problems, unit);
  if (Object.keys(data).length > 0) input.data = data;
  if (Object.keys(scores).length > 0) input.scores = scores;
  if (Object.keys(bonus).length > 0) input.bonus = bonus;
  if (history.length > 0) input.history = history;
  return { input, sources };
}

/**
 * The inputs of a row's leaves. The engine reports a leaf's problems by leaf, so each leaf's path points at the
 * cell to correct: one that could not be read, else the first filled one, else its first column.
 */
function readLeaves(
  byLeaf: Map<string, Filled[]>,
  sources: RowSources,
  problems: LocatedProblem[],
  unit: string,
): Record<string, LeafInput> {
  const scores: Record<string, LeafInput> = {};
  for (const [leaf, cells] of byLeaf) {
    const before = problems.length;
    const input = readLeaf(cells, problems, unit);
    const values = cells.filter((c) => c.column.target.type !== "notApplicable");
    const first = values.find((c) => !isBlank(c.value)) ?? values[0] ?? cells[0]!;
    sources.cells.set(`scores.${leaf}`, problems[before]?.at ?? first.at);
    if (input !== undefined) scores[leaf] = input;
  }
  return scores;
}

/**
 * A leaf's input from its cells. All blank means no input (the engine then says so, at the leaf's first cell):
 * a deduction or checklist leaf is filled by entering at least one of its cells, and its blank cells count 0 / 否.
 */
function readLeaf(cells: Filled[], problems: LocatedProblem[], unit: string): LeafInput | undefined {
  const naCell = cells.find((c) => c.column.target.type === "notApplicable");
  const values = cells.filter((c) => c !== naCell);
  const filled = values.filter((c) => !isBlank(c.value));
  const na = naCell ? read(naCell, problems, unit) : undefined;
  if (na === true) {
    for (const cell of filled) {
      problems.push({
        at: cell.at,
        indicator: leafOf(cell.column),
        unit,
        message: `the indicator is marked 不适用 in "${naCell!.column.header}", so leave this cell empty`,
      });
    }
    return { na: true };
  }
  if (filled.length === 0) return undefined;
  const readings = filled.map((cell) => ({ cell, value: read(cell, problems, unit) }));
  if (readings.some((r) => r.value === undefined)) return undefined;
  const target = filled[0]!.column.target;
  const value = readings[0]!.value!;
  switch (target.type) {
    case "score":
      return Number(value);
    case "level":
      return { level: String(value) };
    case "yesNo":
      return { value: value === true };
    case "deduction":
      return {
        deductions: Object.fromEntries(
          readings.flatMap(({ cell, value }) =>
            cell.column.target.type === "deduction" && Number(value) > 0
              ? [[cell.column.target.rule, Number(value)]]
              : [],
          ),
        ),
      };
    case "checklistItem":
      return {
        checked: readings.flatMap(({ cell, value }) =>
          cell.column.target.type === "checklistItem" && value === true ? [cell.column.target.item] : [],
        ),
      };
    case "answer":
      return {
        answers: Object.fromEntries(
          readings.flatMap(({ cell, value }) =>
            cell.column.target.type === "answer" && Number(value) > 0
              ? [[cell.column.target.answer, Number(value)]]
              : [],
          ),
        ),
      };
    default:
      return undefined;
  }
}

function readRatings(
  layout: TableLayout,
  sheet: SheetCells,
  units: UnitInputData[],
  sources: UnitSources[],
  problems: LocatedProblem[],
): void {
  const ratingsLayout: SheetLayout | null = layout.ratings;
  if (!ratingsLayout) {
    if (sheet.rows.some((row) => row.some((cell) => !isBlank(cell)))) {
      problems.push({
        at: { sheet: sheet.name, row: 1, column: 1 },
        message: "this scheme has no raters (评分人), so the ratings sheet must be empty",
      });
    }
    return;
  }
  const header = matchHeaders(sheet, ratingsLayout.columns, problems, { ignored: isNotesHeader });
  if (!header) return;
  const index = new Map(units.map((u, i) => [u.unit, i]));
  const scopeTotal = layout.scheme.raters?.scope === "total";
  eachDataRow(sheet, header.headerRow, header.columns, (cells, rowAt) => {
    const code = unitCode(cells, rowAt, problems);
    if (!code) return;
    const u = index.get(code.code);
    if (u === undefined) {
      problems.push({
        at: code.at,
        unit: code.code,
        message: `unit ${code.code} is not on the ${layout.units.name} sheet`,
      });
      return;
    }
    const unit = units[u]!;
    const rowSources: RowSources = { at: code.at, cells: new Map() };
    let rater: string | undefined;
    let group: string | undefined;
    let total: number | undefined;
    const byLeaf = new Map<string, Filled[]>();
    for (const cell of cells) {
      rowSources.cells.set(cell.column.key, cell.at);
      const target = cell.column.target;
      if ("leaf" in target) {
        byLeaf.set(target.leaf, [...(byLeaf.get(target.leaf) ?? []), cell]);
        continue;
      }
      const required =
        target.type === "rater" ||
        target.type === "raterGroup" ||
        (target.type === "raterTotal" && scopeTotal);
      if (required && isBlank(cell.value)) {
        problems.push({ at: cell.at, unit: code.code, message: `${cell.column.header} is empty` });
        continue;
      }
      const value = read(cell, problems, code.code);
      if (value === undefined) continue;
      if (target.type === "rater") rater = String(value);
      else if (target.type === "raterGroup") group = String(value);
      else if (target.type === "raterTotal") total = Number(value);
    }
    const scores = readLeaves(byLeaf, rowSources, problems, code.code);
    // A rating whose total could not be read is left out rather than counted as "no total".
    if (rater === undefined || group === undefined || (scopeTotal && total === undefined)) return;
    const rating = scopeTotal ? { rater, group, total } : { rater, group, scores };
    unit.ratings = [...(unit.ratings ?? []), rating];
    sources[u]!.ratings.push(rowSources);
  });
}
