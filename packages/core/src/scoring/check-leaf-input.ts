/**
 * Checks one leaf's input against its method without scoring the unit: what a form or an API checks while a
 * self-evaluation is still a draft. Formula leaves take no input beyond 不适用 and a note.
 */
import type { FormulaScope } from "../formula/compile-formula.js";
import { LeafInput } from "../scheme/input.js";
import type { CompiledScheme } from "../scheme/plan.js";
import { LeafInputError, scoreLeaf } from "./leaf-methods.js";

export interface LeafInputProblem {
  /** Where in the input: "" for the input itself, "deductions.stalls", "score" … */
  path: string;
  message: string;
}

const fromData = (): never => {
  throw new LeafInputError("computed from data");
};
/** A scope for leaves that read no data: anything reading it is refused as computed from data. */
export const noData: FormulaScope = { field: fromData, approx: fromData, score: fromData, rate: fromData };

/** The problems of `input` for leaf `code` (empty when it is valid); an unknown or non-leaf code is one problem. */
export function checkLeafInput(plan: CompiledScheme, code: string, input: unknown): LeafInputProblem[] {
  const index = plan.byCode.get(code);
  const node = index === undefined ? undefined : plan.nodes[index];
  if (node === undefined) return [{ path: "", message: `unknown indicator ${code}` }];
  if (node.method === null) return [{ path: "", message: `${code} is not a leaf; only leaves take inputs` }];
  // An object is checked against the object form alone, so its problems name their fields.
  const isObject = typeof input === "object" && input !== null && !Array.isArray(input);
  const parsed = isObject ? LeafInput.options[3].safeParse(input) : LeafInput.safeParse(input);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
  }
  const value = parsed.data;
  const method = node.method;
  if (method.type === "formula") {
    if (typeof value === "object" && value.na === true && !node.notApplicable)
      return [{ path: "na", message: "this indicator cannot be declared not applicable" }];
    const onlyNote =
      typeof value === "object" && Object.keys(value).every((key) => key === "na" || key === "note");
    return onlyNote ? [] : [{ path: "", message: "this indicator is computed from data; it takes no score" }];
  }
  try {
    scoreLeaf(node, value, noData, false);
    return [];
  } catch (error) {
    if (error instanceof LeafInputError) return [{ path: "", message: error.message }];
    throw error;
  }
}
