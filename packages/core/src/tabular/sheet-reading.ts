/** Reading a sheet: its header row matched to known columns, by header text or by key, then its data rows. */
import {
  type CellRef,
  type CellValue,
  columnLetters,
  headerKey,
  isBlank,
  type LocatedProblem,
  type SheetCells,
} from "./cell.js";

export interface HeaderDefinition {
  key: string;
  header: string;
}

export interface MatchedColumn<C> {
  column: C;
  /** 1-based column number in the sheet. */
  index: number;
}

export interface HeaderMatch<C> {
  /** 1-based row number of the header row; data starts on the next row. */
  headerRow: number;
  columns: Array<MatchedColumn<C>>;
}

/** Only the first rows are searched for the header: above it a template may have a title or group labels. */
const HEADER_SEARCH_ROWS = 10;

export interface HeaderOptions<C> {
  /** A header no column claims: a column built for it (e.g. a "2023年等次" history column), or undefined. */
  extra?: (text: string) => C | undefined;
  /** Headers of no column that are skipped rather than reported, such as notes columns (备注…). */
  ignored?: (text: string) => boolean;
}

/**
 * The header row is the first row that holds the first column's header (e.g. 单位代码); every non-empty header
 * in it must be a known column, once. Problems are located at the offending header cell.
 */
export function matchHeaders<C extends HeaderDefinition>(
  sheet: SheetCells,
  columns: readonly C[],
  problems: LocatedProblem[],
  options: HeaderOptions<C> = {},
): HeaderMatch<C> | undefined {
  const byText = new Map<string, C>();
  for (const column of columns) {
    byText.set(headerKey(column.key), column);
    byText.set(headerKey(column.header), column);
  }
  const first = columns[0]!;
  const firstKeys = new Set([headerKey(first.key), headerKey(first.header)]);
  const rowIndex = sheet.rows
    .slice(0, HEADER_SEARCH_ROWS)
    .findIndex((row) => row.some((cell) => firstKeys.has(headerKey(cell))));
  if (rowIndex < 0) {
    problems.push({
      at: { sheet: sheet.name, row: 1, column: 1 },
      message: `no header row: expected a row with the header "${first.header}" in the first ${HEADER_SEARCH_ROWS} rows`,
    });
    return undefined;
  }
  const headerRow = rowIndex + 1;
  const matched: Array<MatchedColumn<C>> = [];
  const seen = new Map<string, CellRef>();
  sheet.rows[rowIndex]!.forEach((cell, i) => {
    if (isBlank(cell)) return;
    const at: CellRef = { sheet: sheet.name, row: headerRow, column: i + 1 };
    const text = String(cell).trim();
    const column = byText.get(headerKey(cell)) ?? options.extra?.(text);
    if (!column) {
      if (options.ignored?.(text)) return;
      problems.push({ at, message: `unknown column "${text}": it is not in this scheme's template` });
      return;
    }
    const earlier = seen.get(column.key);
    if (earlier) {
      problems.push({
        at,
        message: `column "${column.header}" appears twice (also in column ${columnLetters(earlier.column)})`,
      });
      return;
    }
    seen.set(column.key, at);
    matched.push({ column, index: i + 1 });
  });
  return { headerRow, columns: matched };
}

/** Where one row's values came from: the row (its first cell) and the cell of each column, by column key. */
export interface RowSources {
  at: CellRef;
  cells: Map<string, CellRef>;
}

/** Headers that readers may add for their own notes; they are not read. */
export const isNotesHeader = (text: string): boolean => /^(备注|说明|note)/i.test(text.trim());

/** Calls `visit` with the cells of every data row that is not entirely blank. */
export function eachDataRow<C>(
  sheet: SheetCells,
  headerRow: number,
  columns: ReadonlyArray<MatchedColumn<C>>,
  visit: (cells: Array<{ column: C; value: CellValue; at: CellRef }>, at: CellRef) => void,
): void {
  for (let r = headerRow; r < sheet.rows.length; r++) {
    const row = sheet.rows[r]!;
    const cells = columns.map(({ column, index }) => ({
      column,
      value: row[index - 1] ?? null,
      at: { sheet: sheet.name, row: r + 1, column: index },
    }));
    if (cells.every((c) => isBlank(c.value))) continue;
    visit(cells, { sheet: sheet.name, row: r + 1, column: columns[0]?.index ?? 1 });
  }
}
