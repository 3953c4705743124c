/** Puts the engine's input problems (by unit and input path) at the cells the values came from. */
import type { Problem } from "../errors.js";
import type { CellRef, LocatedProblem } from "./cell.js";
import type { UnitSources } from "./read-units.js";
import type { RowSources } from "./sheet-reading.js";

/**
 * The cell a problem's path points to: the path's own cell, else its nearest enclosing one ("scores.A1.2.score"
 * → "scores.A1.2"), else the row.
 */
export function cellOf(sources: RowSources, path: string): CellRef {
  for (let key = path; key; key = key.includes(".") ? key.slice(0, key.lastIndexOf(".")) : "") {
    const at = sources.cells.get(key);
    if (at) return at;
  }
  return sources.at;
}

/**
 * Locates problems reported for rows read from a table. Paths are those of evaluateUnits: "units[3].scores.X"
 * from input validation, or "scores.X", "ratings[1].total", "vetoes.V1" with the unit's code; other lists name
 * their rows as `listName` does ("population[3].town") or by code in `unit` ("students.primary").
 */
export function locateProblems(
  table: {
    units: ReadonlyArray<{ unit: string }>;
    sources: ReadonlyArray<RowSources & Partial<UnitSources>>;
  },
  problems: readonly Problem[],
  listName = "units",
): LocatedProblem[] {
  const indexedPath = new RegExp(`^${listName}\\[(\\d+)\\]\\.?(.*)$`);
  return problems.map((p) => {
    const indexed = indexedPath.exec(p.path);
    const index = indexed ? Number(indexed[1]) : table.units.findIndex((u) => u.unit === p.unit);
    const rest = (indexed ? indexed[2]! : p.path).replace(/^ratings\.(\d+)/, "ratings[$1]");
    const sources = table.sources[index];
    const unit = p.unit ?? table.units[index]?.unit;
    if (!sources) return { at: null, indicator: p.indicator, unit, message: p.message };
    const rating = /^ratings\[(\d+)\]\.?(.*)$/.exec(rest);
    const ratingSources = rating ? sources.ratings?.[Number(rating[1])] : undefined;
    const at = ratingSources ? cellOf(ratingSources, rating![2]!) : cellOf(sources, rest);
    return { at, indicator: p.indicator, unit, message: p.message };
  });
}

const sameCell = (a: CellRef | null, b: CellRef | null) =>
  a !== null && b !== null && a.sheet === b.sheet && a.row === b.row && a.column === b.column;

/**
 * Every problem once, in reading order (sheet, row, column): a cell that could not be read already has its
 * problem, so the engine's complaint about the value left out there is dropped.
 */
export function mergeProblems(
  tableProblems: readonly LocatedProblem[],
  engineProblems: readonly LocatedProblem[],
): LocatedProblem[] {
  const kept = engineProblems.filter((e) => !tableProblems.some((t) => sameCell(t.at, e.at)));
  const all = [...tableProblems, ...kept];
  const sheets = [...new Set(all.map((p) => p.at?.sheet ?? ""))];
  const order = (p: LocatedProblem) =>
    p.at === null ? [-1, 0, 0] : [sheets.indexOf(p.at.sheet), p.at.row, p.at.column];
  return all
    .map((p, i) => ({ p, i, key: order(p) }))
    .sort((a, b) => a.key[0]! - b.key[0]! || a.key[1]! - b.key[1]! || a.key[2]! - b.key[2]! || a.i - b.i)
    .map(({ p }) => p);
}
