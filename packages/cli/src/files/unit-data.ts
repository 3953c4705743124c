/**
 * Unit inputs from a data file (Excel template, CSV of its units sheet, or JSON UnitInput[]), evaluated; every
 * problem is reported at once, at its cell or JSON path.
 */
import {
  type CompiledScheme,
  type Evaluation,
  evaluateUnits,
  InputError,
  type LocatedProblem,
  locateProblems,
  mergeProblems,
  type Problem,
  RATINGS_SHEET,
  readUnitInputs,
  readUnitTable,
  type SheetCells,
  UNITS_SHEET,
  type UnitTable,
  unitTableLayout,
} from "@kaoping/core";
import { CliInputError } from "../errors.js";
import type { CliIo } from "../io.js";
import { parseCsv } from "./csv.js";
import { type InputFile, inputFile, parseJson, readText, tableFormat } from "./input-file.js";
import { locatedLine, pathLine, problemCount } from "./located.js";
import { readWorkbook } from "./workbook.js";

const NOT_SCORED = "nothing was scored";

export interface EvaluationOptions {
  year?: number | undefined;
}

/** Reads, checks and evaluates the units of `dataName` against the scheme. */
export async function evaluateDataFile(
  io: CliIo,
  scheme: CompiledScheme,
  dataName: string,
  options: EvaluationOptions = {},
): Promise<Evaluation> {
  const file = inputFile(io, dataName);
  const format = tableFormat(file, ["xlsx", "csv", "json"]);
  if (format === "json") return evaluateJson(file, scheme, options);
  const sheets =
    format === "xlsx"
      ? unitSheets(file, await readWorkbook(file))
      : { units: { name: "", rows: parseCsv(await readText(file), file.name) } };
  const table = readUnitTable(unitTableLayout(scheme, options), sheets);
  let evaluation: Evaluation | undefined;
  let engineProblems: LocatedProblem[] = [];
  try {
    evaluation = evaluateUnits(scheme, table.units, options);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    engineProblems = locateProblems(table, error.problems);
  }
  const problems = mergeProblems(table.problems, engineProblems);
  if (problems.length > 0) throw new CliInputError(problemLines(file, problems));
  return nonEmpty(file, table, evaluation!);
}

function problemLines(file: InputFile, problems: readonly LocatedProblem[]): string[] {
  return [
    ...problems.map((p) => locatedLine(file.name, p)),
    problemCount(problems.length, file.name, NOT_SCORED),
  ];
}

function nonEmpty(file: InputFile, table: Pick<UnitTable, "units">, evaluation: Evaluation): Evaluation {
  if (table.units.length === 0) {
    throw new CliInputError([`${file.name}: no units: fill in one row per unit below the header row`]);
  }
  return evaluation;
}

/** The units sheet (被评单位, or the only data sheet) and the ratings sheet (评分) if there is one. */
function unitSheets(file: InputFile, sheets: SheetCells[]): { units: SheetCells; ratings?: SheetCells } {
  const ratings = sheets.find((s) => s.name === RATINGS_SHEET);
  const named = sheets.find((s) => s.name === UNITS_SHEET);
  const others = sheets.filter((s) => s !== ratings && !["说明", "选项"].includes(s.name));
  const units = named ?? (others.length === 1 ? others[0] : undefined);
  if (!units) {
    throw new CliInputError([
      `${file.name}: no sheet named ${UNITS_SHEET} (the sheets are ${sheets.map((s) => s.name).join(", ")})`,
    ]);
  }
  return ratings ? { units, ratings } : { units };
}

/** A JSON problem's path from the list's root: the engine names units by code, the reader by index. */
function jsonPath(units: ReadonlyArray<{ unit: string }>, p: Problem): string {
  if (p.path.startsWith("units[")) return p.path.replace(/\.$/, "");
  const index = units.findIndex((u) => u.unit === p.unit);
  return index < 0 ? p.path : `units[${index}]${p.path ? `.${p.path}` : ""}`;
}

async function evaluateJson(
  file: InputFile,
  scheme: CompiledScheme,
  options: EvaluationOptions,
): Promise<Evaluation> {
  const parsed = parseJson(file, await readText(file));
  const list = Array.isArray(parsed)
    ? parsed
    : typeof parsed === "object" && parsed !== null && Array.isArray((parsed as { units?: unknown }).units)
      ? (parsed as { units: unknown[] }).units
      : undefined;
  if (!list) {
    throw new CliInputError([
      `${file.name}: expected a list of units ([{"unit": …}, …]) or {"units": [ … ]}`,
    ]);
  }
  try {
    const units = readUnitInputs(list);
    return nonEmpty(file, { units }, evaluateUnits(scheme, units, options));
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const codes = list.map((u) => ({ unit: String((u as { unit?: unknown } | null)?.unit ?? "") }));
    const lines = error.problems.map((p) => pathLine(file.name, jsonPath(codes, p), p.indicator, p.message));
    throw new CliInputError([...lines, problemCount(lines.length, file.name, NOT_SCORED)]);
  }
}
