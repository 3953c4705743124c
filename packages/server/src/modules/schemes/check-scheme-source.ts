/** Runs the engine's parser over a scheme's YAML or JSON text; every problem becomes a detail naming line:column and path. */
import { type CompiledScheme, parseScheme } from "@kaoping/core";
import { AppError, type ErrorDetail } from "../../errors.js";

export type SchemeFormat = "yaml" | "json";

export function checkSchemeSource(source: string, format: SchemeFormat): CompiledScheme {
  if (format === "json") {
    try {
      JSON.parse(source);
    } catch (error) {
      throw new AppError("invalid_scheme", [
        { path: "source", message: `not valid JSON / 不是有效的 JSON: ${(error as Error).message}` },
      ]);
    }
  }
  // JSON is read as YAML 1.2 (of which it is a subset), so both get line and column numbers.
  const load = parseScheme(source);
  if (load.ok) return load.scheme;
  const details: ErrorDetail[] = load.problems.map((p) => {
    const at = p.line === undefined ? "source" : `source:${p.line}:${p.column ?? 1}`;
    return {
      path: p.path === "" ? at : `${at} ${p.path}`,
      message: p.indicator === undefined ? p.message : `indicator ${p.indicator}: ${p.message}`,
    };
  });
  throw new AppError("invalid_scheme", details);
}
