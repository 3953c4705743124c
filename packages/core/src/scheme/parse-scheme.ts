/** Reads a scheme from YAML or JSON text. Every problem is reported at once; a scheme with any problem is never returned. */
import type { z } from "zod";
import type { Problem } from "../errors.js";
import { compileScheme } from "./compile-scheme.js";
import { Scheme } from "./model.js";
import type { CompiledScheme } from "./plan.js";
import { type PendingProblem, ProblemList } from "./problem-list.js";
import { salvage, withoutEchoes } from "./salvage.js";
import { formatPath, type PathSegment, readSource } from "./source-positions.js";

export type SchemeLoad = { ok: true; scheme: CompiledScheme } | { ok: false; problems: Problem[] };

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (node, segment) =>
      typeof node === "object" && node !== null ? (node as Record<PropertyKey, unknown>)[segment] : undefined,
    value,
  );
}

function describeIssue(issue: z.core.$ZodIssue, document: unknown): { message: string; key?: string } {
  if (issue.code === "unrecognized_keys") {
    return { message: `unknown field "${issue.keys.join('", "')}"`, key: issue.keys[0] };
  }
  const given = valueAt(document, issue.path);
  if (issue.code === "invalid_union") {
    const { discriminator, options = [] } = issue as { discriminator?: string; options?: unknown[] };
    if (discriminator) {
      const allowed = `one of ${options.join(", ")}`;
      return {
        message:
          given === undefined
            ? `missing ${discriminator} (${allowed})`
            : `unknown ${discriminator} "${String(given)}" (${allowed})`,
      };
    }
  }
  // A missing field fails every branch of a union (a decimal is a number or a string): say it is missing once.
  if ((issue.code === "invalid_type" || issue.code === "invalid_union") && given === undefined) {
    return { message: `missing required field "${String(issue.path.at(-1))}"` };
  }
  const field = typeof issue.path.at(-1) === "string" ? `${String(issue.path.at(-1))}: ` : "";
  if (issue.code === "invalid_union") {
    const branches = issue.errors.map((branch) => branch[0]?.message).filter(Boolean);
    return { message: `${field}${[...new Set(branches)].join(", or ") || issue.message}` };
  }
  if (issue.code === "invalid_value") {
    const allowed = issue.values.map((v) => String(v)).join(", ");
    return { message: `${field}"${String(given)}" is not one of ${allowed}` };
  }
  return { message: `${field}${issue.message}` };
}

/** The code of the indicator a document path lies in, for messages. */
function indicatorAt(value: unknown, path: readonly PathSegment[]): string | undefined {
  let node: unknown = value;
  let code: string | undefined;
  for (const [i, segment] of path.entries()) {
    node = (node as Record<string | number, unknown> | undefined)?.[segment];
    const inIndicators = path[i - 1] === "indicators" || path[i - 1] === "children";
    if (inIndicators && typeof node === "object" && node !== null && "code" in node) {
      code = String((node as { code: unknown }).code);
    }
  }
  return code;
}

/** In file order, so that a long list of problems reads top to bottom. */
function inFileOrder(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/**
 * The problems of meaning in what is left once the structurally wrong parts are cut out (see salvage.ts), at
 * their places in the original document, without those that may only echo the cuts.
 */
function checkWhatRemains(document: unknown, issuePaths: PathSegment[][]): PendingProblem[] {
  const paths = [...issuePaths];
  // Cutting can leave a new structural problem (a list emptied below its minimum); a few rounds settle it.
  for (let round = 0; round < 3; round++) {
    const salvaged = salvage(document, paths);
    if (!salvaged) return [];
    const again = Scheme.safeParse(salvaged.document);
    if (!again.success) {
      paths.push(...again.error.issues.map((issue) => salvaged.original(issue.path as PathSegment[])));
      continue;
    }
    const problems = new ProblemList();
    compileScheme(again.data, problems);
    return problems.items.flatMap((p) => {
      const path = salvaged.original(p.path);
      const message = withoutEchoes(salvaged, path, p.message);
      return message === null ? [] : [{ ...p, path, message }];
    });
  }
  return [];
}

export function parseScheme(text: string, options: { file?: string } = {}): SchemeLoad {
  const source = readSource(text);
  const file = options.file;
  if (source.errors.length > 0) {
    return {
      ok: false,
      problems: inFileOrder(
        source.errors.map((e) => ({
          file,
          line: e.line,
          column: e.column,
          path: "",
          message: e.message,
        })),
      ),
    };
  }
  if (source.value === null || source.value === undefined) {
    return {
      ok: false,
      problems: [
        {
          file,
          line: 1,
          column: 1,
          path: "",
          message: "the file is empty: a scheme needs at least code, name, version, issuer and indicators",
        },
      ],
    };
  }
  const locate = (path: PathSegment[], message: string, indicator?: string, key?: string): Problem => {
    const at = source.locate(path, key);
    return {
      file,
      line: at?.line,
      column: at?.column,
      path: formatPath(key === undefined ? path : [...path, key]),
      indicator: indicator ?? indicatorAt(source.value, path),
      message,
    };
  };
  const parsed = Scheme.safeParse(source.value);
  if (!parsed.success) {
    const structural = parsed.error.issues.map((issue) => {
      const { message, key } = describeIssue(issue, source.value);
      return locate(issue.path as PathSegment[], message, undefined, key);
    });
    const meaning = checkWhatRemains(
      source.value,
      parsed.error.issues.map((issue) => issue.path as PathSegment[]),
    ).map((p) => locate(p.path, p.message, p.indicator, p.key));
    return { ok: false, problems: inFileOrder([...structural, ...meaning]) };
  }
  const problems = new ProblemList();
  const scheme = compileScheme(parsed.data, problems);
  if (problems.items.length > 0) {
    return {
      ok: false,
      problems: inFileOrder(problems.items.map((p) => locate(p.path, p.message, p.indicator, p.key))),
    };
  }
  return { ok: true, scheme };
}
