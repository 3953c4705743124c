/** Loads the bundled schemes and their sample datasets from this folder (used by tests, the CLI demo and benches). */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type CompiledScheme,
  type EvaluateOptions,
  evaluateUnits,
  parseScheme,
  type UnitInputData,
  type UnitResult,
} from "@kaoping/core";

export const schemesDir = fileURLToPath(new URL(".", import.meta.url));

/** The folders of the bundled schemes, e.g. "s04-trade-union", in order. */
export function bundledSchemeFolders(): string[] {
  return readdirSync(schemesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^s\d\d-/.test(entry.name))
    .map((entry) => entry.name)
    .sort();
}

export function loadBundledScheme(folder: string): CompiledScheme {
  const file = join(schemesDir, folder, "scheme.yaml");
  const load = parseScheme(readFileSync(file, "utf8"), { file });
  if (!load.ok) {
    const lines = load.problems.map(
      (p) => `${p.file}:${p.line}:${p.column} ${p.indicator ?? ""} ${p.message}`,
    );
    throw new Error(`${folder}/scheme.yaml is invalid:\n${lines.join("\n")}`);
  }
  return load.scheme;
}

export function loadBundledUnits(folder: string): UnitInputData[] {
  return JSON.parse(readFileSync(join(schemesDir, folder, "units.json"), "utf8")) as UnitInputData[];
}

/** Evaluates a bundled scheme on its sample units; `result(code)` finds one unit's result or fails the test. */
export function evaluateBundled(folder: string, options: EvaluateOptions = {}) {
  const evaluation = evaluateUnits(loadBundledScheme(folder), loadBundledUnits(folder), options);
  const result = (unit: string): UnitResult => {
    const found = evaluation.units.find((u) => u.unit === unit);
    if (!found) throw new Error(`no result for ${unit}`);
    return found;
  };
  return { evaluation, result };
}
