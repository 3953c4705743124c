/** Input files named on the command line: found relative to the working directory, read with plain messages. */
import { readFile } from "node:fs/promises";
import { extname, resolve } from "node:path";
import { CliInputError, CliUsageError } from "../errors.js";
import type { CliIo } from "../io.js";

export type TableFormat = "xlsx" | "csv" | "json";

/** A file as named by the user (for messages) and where it is. */
export interface InputFile {
  name: string;
  path: string;
}

export function inputFile(io: CliIo, name: string): InputFile {
  return { name, path: resolve(io.cwd, name) };
}

const reasons: Record<string, string> = {
  ENOENT: "no such file",
  EISDIR: "it is a directory",
  EACCES: "permission denied",
  EPERM: "permission denied",
};

/** Reads a file's bytes; a missing or unreadable file is bad input. */
export async function readBytes(file: InputFile): Promise<Buffer> {
  try {
    return await readFile(file.path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    throw new CliInputError([
      `${file.name}: cannot read the file: ${reasons[code] ?? code ?? "unknown error"}`,
    ]);
  }
}

/** Reads UTF-8 text, without a byte-order mark. */
export async function readText(file: InputFile): Promise<string> {
  return (await readBytes(file)).toString("utf8").replace(/^\uFEFF/, "");
}

/** The format of a data file, from its extension. */
export function tableFormat(file: InputFile, allowed: readonly TableFormat[]): TableFormat {
  const extension = extname(file.name).slice(1).toLowerCase();
  const format = allowed.find((f) => f === extension);
  if (!format) {
    throw new CliUsageError(
      `${file.name}: unsupported file type "${extension ? `.${extension}` : "(none)"}"; use ${allowed.map((f) => `.${f}`).join(", ")}`,
    );
  }
  return format;
}

/** Parses JSON; the result is unknown, so callers check its shape before use. */
export function parseJson(file: InputFile, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliInputError([`${file.name}: not valid JSON: ${(error as Error).message}`]);
  }
}
