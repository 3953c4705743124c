/** A list of records from a file: a JSON array (or an object holding it), or the first data sheet of .xlsx or .csv. */
import type { SheetCells } from "@kaoping/core";
import { CliInputError } from "../errors.js";
import { parseCsv } from "./csv.js";
import { type InputFile, parseJson, readText, tableFormat } from "./input-file.js";
import { readWorkbook } from "./workbook.js";

export type TableInput = { kind: "json"; list: unknown[] } | { kind: "sheet"; sheet: SheetCells };

/** Sheets a workbook made by Kaoping has besides its data. */
const NOT_DATA = new Set(["说明", "选项"]);

/** Reads the records; in JSON they are the top-level array or the array under `listKey`. */
export async function readTableInput(file: InputFile, listKey: string): Promise<TableInput> {
  const format = tableFormat(file, ["xlsx", "csv", "json"]);
  if (format === "json") {
    const parsed = parseJson(file, await readText(file));
    const held =
      typeof parsed === "object" && parsed !== null
        ? (parsed as Record<string, unknown>)[listKey]
        : undefined;
    const list = Array.isArray(parsed) ? parsed : Array.isArray(held) ? held : undefined;
    if (!list)
      throw new CliInputError([`${file.name}: expected a JSON list, or an object with a "${listKey}" list`]);
    return { kind: "json", list };
  }
  if (format === "csv")
    return { kind: "sheet", sheet: { name: "", rows: parseCsv(await readText(file), file.name) } };
  const sheets = await readWorkbook(file);
  const sheet = sheets.find((s) => !NOT_DATA.has(s.name) && s.rows.length > 0);
  if (!sheet) throw new CliInputError([`${file.name}: the workbook has no data sheet`]);
  return { kind: "sheet", sheet };
}

/** JSON records must be objects; each problem names the record by its place in the list. */
export function objectRecords(
  file: InputFile,
  listKey: string,
  list: unknown[],
): Array<Record<string, unknown>> {
  const problems = list.flatMap((item, i) =>
    typeof item === "object" && item !== null && !Array.isArray(item)
      ? []
      : [`${file.name} ${listKey}[${i}]: must be an object ({"code": …})`],
  );
  if (problems.length > 0) throw new CliInputError(problems);
  return list as Array<Record<string, unknown>>;
}
