/** Writes an evaluation's results as JSON (the engine's UnitResult list), CSV or an Excel workbook. */
import { resolve } from "node:path";
import { type CompiledScheme, type Evaluation, type ResultTable, resultTable } from "@kaoping/core";
import { columnWidth, styleHeader } from "@kaoping/server/workbooks";
import ExcelJS from "exceljs";
import type { CliIo } from "../io.js";
import { formatCsv } from "./csv.js";
import { inputFile, tableFormat } from "./input-file.js";
import { writeOutputText } from "./output-file.js";
import { safeCell, saveWorkbook } from "./workbook.js";

const DECIMAL = /^-?\d+(\.\d+)?$/;

function resultWorkbook(table: ResultTable): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Kaoping";
  const sheet = workbook.addWorksheet("结果", { views: [{ state: "frozen", xSplit: 3, ySplit: 1 }] });
  table.columns.forEach((column, c) => {
    const header = sheet.getCell(1, c + 1);
    header.value = column.header;
    styleHeader(header);
    const cells = table.rows.map((row) => String(row[c] ?? ""));
    sheet.getColumn(c + 1).width = columnWidth(column.header, cells);
    table.rows.forEach((row, r) => {
      const value = row[c] ?? null;
      const cell = sheet.getCell(r + 2, c + 1);
      // Published scores are exact decimal strings; stored as numbers with the scheme's places they stay exact.
      if (column.places !== null && typeof value === "string" && DECIMAL.test(value)) {
        cell.value = Number(value);
        cell.numFmt = column.places > 0 ? `0.${"0".repeat(column.places)}` : "0";
      } else cell.value = safeCell(value);
    });
  });
  sheet.getRow(1).height = 36;
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  return workbook;
}

export async function writeResults(
  io: CliIo,
  scheme: CompiledScheme,
  evaluation: Evaluation,
  name: string,
  year: number | undefined,
): Promise<void> {
  const path = resolve(io.cwd, name);
  const format = tableFormat(inputFile(io, name), ["xlsx", "csv", "json"]);
  if (format === "json") {
    const { code, name: schemeName, version } = scheme.definition;
    const document = {
      scheme: { code, name: schemeName, version },
      ...(year ? { year } : {}),
      units: evaluation.units,
    };
    await writeOutputText(path, name, `${JSON.stringify(document, null, 2)}\n`);
    return;
  }
  const table = resultTable(scheme, evaluation.units);
  if (format === "csv") {
    await writeOutputText(path, name, formatCsv([table.columns.map((c) => c.header), ...table.rows]));
    return;
  }
  await saveWorkbook(resultWorkbook(table), path, name);
}
