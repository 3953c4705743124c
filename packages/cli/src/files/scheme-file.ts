/** Reads a scheme file (YAML or JSON) and reports every problem at its line and column. */
import { type CompiledScheme, type Problem, parseScheme } from "@kaoping/core";
import { CliInputError } from "../errors.js";
import type { CliIo } from "../io.js";
import { inputFile, readText } from "./input-file.js";

/** `file:line:column  [indicator]  message`, the form editors and CI logs link to. */
export function schemeProblemLine(fileName: string, p: Problem): string {
  const where = p.line
    ? `${fileName}:${p.line}:${p.column ?? 1}`
    : `${fileName}${p.path ? ` (${p.path})` : ""}`;
  return [where, p.indicator ? `[${p.indicator}]` : "", p.message].filter(Boolean).join("  ");
}

export interface LoadedScheme {
  scheme: CompiledScheme;
  /** The file as the user named it. */
  name: string;
}

export async function loadScheme(io: CliIo, name: string): Promise<LoadedScheme> {
  const file = inputFile(io, name);
  const load = parseScheme(await readText(file), { file: name });
  if (!load.ok) throw new CliInputError(load.problems.map((p) => schemeProblemLine(name, p)));
  return { scheme: load.scheme, name };
}
