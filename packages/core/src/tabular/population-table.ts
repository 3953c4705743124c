/**
 * The population of a draw by lot (抽签) as a table: a code column and any other columns, each a field a draw may
 * be stratified by. The population's hash covers every field, so the same file must be given to verify a draw.
 */
import type { PopulationRow } from "../sampling/population.js";
import { type CellRef, cellText, headerKey, isBlank, type LocatedProblem, type SheetCells } from "./cell.js";
import type { RowSources } from "./sheet-reading.js";

/** Headers accepted for the code column. */
export const POPULATION_CODE_HEADERS = ["单位代码", "学校代码", "代码", "code"];

export interface PopulationTable {
  population: PopulationRow[];
  /** Parallel to `population`; cells by field name ("code" for the code). */
  sources: RowSources[];
  problems: LocatedProblem[];
}

const CANONICAL_NUMBER = /^-?(0|[1-9]\d*)(\.\d*[1-9])?$/;

/**
 * A value as the draw sees it. Numbers stay numbers; text that is exactly how a number is written ("12", "0.5",
 * not "012" or "1.50") becomes that number, so a CSV file and the workbook it was saved from hash alike.
 */
function populationValue(value: string | number | boolean): string | number {
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? "是" : "否";
  const text = value.trim();
  return CANONICAL_NUMBER.test(text) ? Number(text) : text;
}

export function readPopulationTable(sheet: SheetCells): PopulationTable {
  const problems: LocatedProblem[] = [];
  const population: PopulationRow[] = [];
  const sources: RowSources[] = [];
  const codeKeys = new Set(POPULATION_CODE_HEADERS.map(headerKey));
  const headerIndex = sheet.rows.findIndex((row) => row.some((cell) => !isBlank(cell)));
  const header = sheet.rows[headerIndex];
  if (!header) {
    problems.push({ at: null, message: "the table is empty" });
    return { population, sources, problems };
  }
  const fields: Array<{ name: string; index: number }> = [];
  let codeIndex = -1;
  header.forEach((cell, i) => {
    if (isBlank(cell)) return;
    const at: CellRef = { sheet: sheet.name, row: headerIndex + 1, column: i + 1 };
    if (codeKeys.has(headerKey(cell)) && codeIndex < 0) {
      codeIndex = i;
      return;
    }
    const name = cellText(cell);
    if (fields.some((f) => f.name === name) || codeKeys.has(headerKey(cell))) {
      problems.push({ at, message: `column "${name}" appears twice` });
      return;
    }
    fields.push({ name, index: i });
  });
  if (codeIndex < 0) {
    problems.push({
      at: { sheet: sheet.name, row: headerIndex + 1, column: 1 },
      message: `no code column: the header row needs one of ${POPULATION_CODE_HEADERS.join(", ")}`,
    });
    return { population, sources, problems };
  }
  for (let r = headerIndex + 1; r < sheet.rows.length; r++) {
    const cells = sheet.rows[r]!;
    if (cells.every((cell) => isBlank(cell))) continue;
    const at = (i: number): CellRef => ({ sheet: sheet.name, row: r + 1, column: i + 1 });
    const code = cells[codeIndex];
    if (isBlank(code)) {
      problems.push({ at: at(codeIndex), message: "the code is empty: every filled row needs one" });
      continue;
    }
    const row: PopulationRow = { code: String(code).trim() };
    const rowSources: RowSources = { at: at(codeIndex), cells: new Map([["code", at(codeIndex)]]) };
    for (const field of fields) {
      rowSources.cells.set(field.name, at(field.index));
      const value = cells[field.index];
      if (!isBlank(value)) row[field.name] = populationValue(value);
    }
    population.push(row);
    sources.push(rowSources);
  }
  return { population, sources, problems };
}
