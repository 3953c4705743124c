/**
 * exceljs's streaming reader, with multi-byte characters kept whole. Its XML parsing decodes each chunk of a zip
 * entry on its own, so a Chinese character split across two chunks comes out as two replacement characters (at
 * random places in a large file: "第1482小学" read as "��1482小学"). Here every sheet's chunks go through one
 * streaming UTF-8 decoder first, and the shared strings entry is decoded by the stream itself.
 */
import type { Readable } from "node:stream";
import ExcelJS from "exceljs";

interface ReaderInternals {
  _parseWorksheet(chunks: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
}

const Base = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (
  input: Readable,
  options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>,
) => ExcelJS.stream.xlsx.WorkbookReader & ReaderInternals;

async function* decoded(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8");
  for await (const chunk of chunks) {
    const text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    if (text !== "") yield text;
  }
  const rest = decoder.decode();
  if (rest !== "") yield rest;
}

export class WorkbookStreamReader extends Base {
  override _parseWorksheet(chunks: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown> {
    return super._parseWorksheet(decoded(chunks), sheetNo);
  }

  override _parseSharedStrings(entry: Readable): AsyncGenerator<unknown> {
    entry.setEncoding("utf8");
    return super._parseSharedStrings(entry);
  }
}
