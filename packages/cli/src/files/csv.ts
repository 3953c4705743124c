/**
 * CSV as RFC 4180 describes it, written here rather than taken from a package because the whole format is a
 * page long: fields separated by commas, optionally in double quotes (a quote inside doubled), records ended
 * by CRLF or LF. Files are read as UTF-8 with or without a byte-order mark and written with one, so that Excel
 * shows Chinese text correctly.
 */
import type { CellValue } from "@kaoping/core";
import { neutraliseFormula } from "@kaoping/core";
import { CliInputError } from "../errors.js";

/** Parses CSV text into rows of strings; malformed quoting is reported with its line. */
export function parseCsv(text: string, fileName: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let quoteLine = 1;
  let afterQuote = false;
  const body = text.replace(/^\uFEFF/, "");
  const endField = () => {
    row.push(field);
    field = "";
    afterQuote = false;
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"') {
        if (body[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
          afterQuote = true;
        }
      } else {
        if (c === "\n") line++;
        field += c;
      }
      continue;
    }
    if (c === ",") endField();
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && body[i + 1] === "\n") i++;
      endField();
      rows.push(row);
      row = [];
      line++;
    } else if (afterQuote) {
      throw new CliInputError([
        `${fileName}:${line}: text after a closing quote; a quote inside a quoted field is written ""`,
      ]);
    } else if (c === '"') {
      if (field !== "") {
        throw new CliInputError([
          `${fileName}:${line}: a quote inside an unquoted field; quote the whole field and double the quote`,
        ]);
      }
      quoted = true;
      quoteLine = line;
    } else field += c;
  }
  if (quoted) throw new CliInputError([`${fileName}:${quoteLine}: a quoted field is never closed`]);
  if (field !== "" || row.length > 0 || afterQuote) {
    endField();
    rows.push(row);
  }
  return rows;
}

function csvField(value: CellValue): string {
  if (value === null) return "";
  const text = typeof value === "string" ? neutraliseFormula(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV text of the rows, with a byte-order mark and CRLF line ends; text that looks like a formula is neutralised. */
export function formatCsv(rows: ReadonlyArray<ReadonlyArray<CellValue>>): string {
  return `\uFEFF${rows.map((row) => row.map(csvField).join(",")).join("\r\n")}\r\n`;
}
