/**
 * Helpers for the engine's tests: compile a small scheme written inline, and read the problems an
 * evaluation reports. Relative imports (not "@kaoping/core") so the core package's own build can compile this file.
 */
import { InputError, type Problem } from "../errors.js";
import type { SchemeInput } from "../scheme/model.js";
import { parseScheme } from "../scheme/parse-scheme.js";
import type { CompiledScheme } from "../scheme/plan.js";

/** The header every test scheme shares; a test writes only what it checks. */
export const TEST_HEADER = { code: "test", name: "测试方案", version: 1, issuer: "测试考评办" } as const;

export type SchemeBody = Omit<SchemeInput, keyof typeof TEST_HEADER> & Partial<SchemeInput>;

/** Compiles a scheme given as YAML text or as an object (sent through JSON, as a file would be). */
export function buildScheme(source: string | SchemeBody): CompiledScheme {
  const text = typeof source === "string" ? source : JSON.stringify({ ...TEST_HEADER, ...source });
  const load = parseScheme(text, { file: "test-scheme" });
  if (!load.ok) {
    const lines = load.problems.map((p) => `${p.path}: ${p.message}`);
    throw new Error(`the test scheme is invalid:\n${lines.join("\n")}`);
  }
  return load.scheme;
}

/** The problems of the InputError that `run` throws; fails when it throws nothing or something else. */
export function inputProblems(run: () => unknown): Problem[] {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error.problems;
    throw error;
  }
  throw new Error("expected an InputError, but the inputs were accepted");
}
