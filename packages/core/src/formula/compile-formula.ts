/**
 * The formula language of schemes (data-driven indicators, veto conditions). Parsing is mathjs's; evaluation is
 * ours, over a whitelist of node types and functions, in exact decimals. A formula can read only the fields and
 * indicator results it is given: there is no assignment, no property access, no import, nothing else.
 */
import { create, type MathNode, parseDependencies } from "mathjs";
import { Decimal } from "../numbers/decimal.js";

// Only the parser is instantiated: none of mathjs's own functions can run.
const math = create({ parseDependencies: parseDependencies! });

export type FormulaType = "number" | "boolean" | "string";
export type FormulaValue = Decimal | boolean | string;

/** What a formula may read while it is evaluated. */
export interface FormulaScope {
  field(code: string): FormulaValue;
  /** A number field's value as the nearest double, for the comparison fast path; fails like field(). */
  approx(code: string): number;
  score(indicator: string): Decimal;
  rate(indicator: string): Decimal;
}

/** What a formula may name, known when the scheme is compiled. */
export interface FormulaNames {
  fieldType(code: string): FormulaType | undefined;
  hasIndicator(code: string): boolean;
}

export interface CompiledFormula {
  source: string;
  type: FormulaType;
  fields: string[];
  /** Indicators read with score() or rate(): the dependency graph's edges. */
  indicators: string[];
  evaluate(scope: FormulaScope): FormulaValue;
}

export class FormulaError extends Error {}

type Evaluator = (scope: FormulaScope) => FormulaValue;
interface Typed {
  type: FormulaType;
  run: Evaluator;
  /** The value as the nearest double, where that is cheap (number fields and constants). */
  approx?: (scope: FormulaScope) => number;
}

/** round() keeps at most this many places, which is already finer than any published figure. */
const MAX_ROUND_PLACES = 20;

const numericFunctions: Record<string, (args: Decimal[]) => Decimal> = {
  min: (args) => Decimal.min(...args),
  max: (args) => Decimal.max(...args),
  abs: ([x]) => x!.abs(),
  floor: ([x]) => x!.floor(),
  ceil: ([x]) => x!.ceil(),
  sqrt: ([x]) => {
    if (x!.isNegative()) throw new FormulaError(`sqrt() of a negative number (${x!.toString()})`);
    return x!.sqrt();
  },
  round: ([x, places]) => {
    const n = places ? places.toNumber() : 0;
    if (!Number.isInteger(n) || n < 0 || n > MAX_ROUND_PLACES) {
      throw new FormulaError(
        `round() takes a whole number of places from 0 to ${MAX_ROUND_PLACES}, not ${n}`,
      );
    }
    return x!.toDecimalPlaces(n, Decimal.ROUND_HALF_UP);
  },
};
const arity: Record<string, [number, number]> = {
  min: [1, 99],
  max: [1, 99],
  abs: [1, 1],
  floor: [1, 1],
  ceil: [1, 1],
  sqrt: [1, 1],
  round: [1, 2],
};

/** mathjs syntax a formula may not use, named as a scheme author would recognise it. */
const forbiddenSyntax: Record<string, string> = {
  AccessorNode: 'property access (a.b or a["b"])',
  AssignmentNode: "assignment (=)",
  FunctionAssignmentNode: "defining a function",
  ArrayNode: "a matrix or list ([…])",
  ObjectNode: "an object ({…})",
  RangeNode: "a range (a:b)",
  BlockNode: "more than one expression (; or a new line)",
};

/** For messages: every function a formula may call. */
const callable = [...Object.keys(numericFunctions), "score", "rate"].join(", ");

const comparisons: Record<string, (a: Decimal, b: Decimal) => boolean> = {
  "<": (a, b) => a.lessThan(b),
  "<=": (a, b) => a.lessThanOrEqualTo(b),
  ">": (a, b) => a.greaterThan(b),
  ">=": (a, b) => a.greaterThanOrEqualTo(b),
  smaller: (a, b) => a.lessThan(b),
  smallerEq: (a, b) => a.lessThanOrEqualTo(b),
  larger: (a, b) => a.greaterThan(b),
  largerEq: (a, b) => a.greaterThanOrEqualTo(b),
};

const doubleComparisons: Record<string, (a: number, b: number) => boolean> = {
  "<": (a, b) => a < b,
  "<=": (a, b) => a < b,
  ">": (a, b) => a > b,
  ">=": (a, b) => a > b,
  smaller: (a, b) => a < b,
  smallerEq: (a, b) => a < b,
  larger: (a, b) => a > b,
  largerEq: (a, b) => a > b,
};

const arithmetic: Record<string, (a: Decimal, b: Decimal) => Decimal> = {
  "+": (a, b) => a.plus(b),
  "-": (a, b) => a.minus(b),
  "*": (a, b) => a.times(b),
  "/": (a, b) => {
    if (b.isZero()) throw new FormulaError("division by zero");
    return a.dividedBy(b);
  },
  "^": (a, b) => a.pow(b),
  "%": (a, b) => {
    if (b.isZero()) throw new FormulaError("division by zero");
    return a.mod(b);
  },
};

/** The table's entry for a name the formula wrote, never one inherited from Object (`constructor`, `toString`). */
function lookup<T>(table: Record<string, T>, name: string): T | undefined {
  return Object.hasOwn(table, name) ? table[name] : undefined;
}

/** NaN or ±Infinity (a power too large, a fractional power of a negative base) is an error, never a score. */
function finite(value: Decimal, what: string): Decimal {
  if (!value.isFinite()) throw new FormulaError(`${what} does not give a finite number`);
  return value;
}

function equal(a: FormulaValue, b: FormulaValue): boolean {
  if (a instanceof Decimal && b instanceof Decimal) return a.equals(b);
  return a === b;
}

/** Parses, checks and compiles; throws FormulaError listing what is wrong. */
export function compileFormula(source: string, names: FormulaNames): CompiledFormula {
  let root: MathNode;
  try {
    root = math.parse(source);
  } catch (error) {
    throw new FormulaError(`cannot parse formula "${source}": ${(error as Error).message}`);
  }
  const fields = new Set<string>();
  const indicators = new Set<string>();
  const problems: string[] = [];

  const fail = (message: string): Typed => {
    problems.push(message);
    return { type: "number", run: () => new Decimal(0) };
  };
  const expect = (node: Typed, type: FormulaType, what: string): Evaluator => {
    if (node.type !== type) problems.push(`${what} must be a ${type}, not a ${node.type}`);
    return node.run;
  };

  const check = (node: MathNode): Typed => {
    switch (node.type) {
      case "ConstantNode": {
        const value = (node as unknown as { value: unknown }).value;
        if (typeof value === "number") {
          if (!Number.isFinite(value))
            return fail(`"${source}" holds a number that is not finite (${node.toString()})`);
          // String(number) gives back the literal as written for any literal of up to 15 significant digits.
          const d = new Decimal(String(value));
          return { type: "number", run: () => d, approx: () => value };
        }
        if (typeof value === "string") return { type: "string", run: () => value };
        if (typeof value === "boolean") return { type: "boolean", run: () => value };
        return fail(`constant ${String(value)} is not allowed`);
      }
      case "SymbolNode": {
        const name = (node as unknown as { name: string }).name;
        if (name === "true" || name === "false") {
          const value = name === "true";
          return { type: "boolean", run: () => value };
        }
        const type = names.fieldType(name);
        if (!type) return fail(`unknown field "${name}"`);
        fields.add(name);
        return type === "number"
          ? { type, run: (scope) => scope.field(name), approx: (scope) => scope.approx(name) }
          : { type, run: (scope) => scope.field(name) };
      }
      case "ParenthesisNode":
        return check((node as unknown as { content: MathNode }).content);
      case "ConditionalNode": {
        const n = node as unknown as { condition: MathNode; trueExpr: MathNode; falseExpr: MathNode };
        const condition = expect(check(n.condition), "boolean", "the condition before ?");
        const whenTrue = check(n.trueExpr);
        const whenFalse = check(n.falseExpr);
        if (whenTrue.type !== whenFalse.type) {
          problems.push(`both branches of ? : must have one type (${whenTrue.type} vs ${whenFalse.type})`);
        }
        return {
          type: whenTrue.type,
          run: (scope) => (condition(scope) ? whenTrue.run(scope) : whenFalse.run(scope)),
        };
      }
      case "OperatorNode":
        return checkOperator(
          node as unknown as { op: string; fn: string; args: MathNode[]; implicit: boolean },
        );
      case "RelationalNode": {
        const n = node as unknown as { conditionals: string[]; params: MathNode[] };
        const params = n.params.map((p, i) => expect(check(p), "number", `operand ${i + 1} of a comparison`));
        const tests = n.conditionals.map((c) => lookup(comparisons, c));
        if (tests.some((t) => !t)) return fail("== and != cannot be chained with other comparisons: use and");
        return {
          type: "boolean",
          run: (scope) => {
            const values = params.map((p) => p(scope) as Decimal);
            return tests.every((t, i) => t!(values[i]!, values[i + 1]!));
          },
        };
      }
      case "FunctionNode":
        return checkFunction(node as unknown as { fn: MathNode; args: MathNode[] });
      default: {
        const what = lookup(forbiddenSyntax, node.type) ?? `${node.type.replace(/Node$/, "")} syntax`;
        return fail(`${what} is not allowed in a formula: "${node.toString()}"`);
      }
    }
  };

  const checkOperator = (n: { op: string; fn: string; args: MathNode[]; implicit: boolean }): Typed => {
    if (n.implicit) {
      const written = n.args.map((arg) => arg.toString()).join(" ");
      return fail(`write multiplication with *: "${written}" puts terms side by side`);
    }
    const args = n.args.map(check);
    const [a, b] = args;
    if (n.args.length === 1) {
      if (n.op === "-" || n.op === "+") {
        const run = expect(a!, "number", `the operand of ${n.op}`);
        return n.op === "-"
          ? { type: "number", run: (s) => (run(s) as Decimal).negated() }
          : { type: "number", run };
      }
      if (n.op === "not") {
        const run = expect(a!, "boolean", "the operand of not");
        return { type: "boolean", run: (s) => !run(s) };
      }
      return fail(`operator ${n.op} is not allowed`);
    }
    const arith = lookup(arithmetic, n.op);
    if (arith) {
      const left = expect(a!, "number", `the left side of ${n.op}`);
      const right = expect(b!, "number", `the right side of ${n.op}`);
      const what = `${n.op} in "${source}"`;
      return { type: "number", run: (s) => finite(arith(left(s) as Decimal, right(s) as Decimal), what) };
    }
    const compare = lookup(comparisons, n.op);
    if (compare) {
      const left = expect(a!, "number", `the left side of ${n.op}`);
      const right = expect(b!, "number", `the right side of ${n.op}`);
      const exact: Evaluator = (s) => compare(left(s) as Decimal, right(s) as Decimal);
      const quick = lookup(doubleComparisons, n.op);
      const [x, y] = [a!.approx, b!.approx];
      if (!quick || !x || !y) return { type: "boolean", run: exact };
      // Rounding a decimal to the nearest double never reverses an order, so two different doubles compare
      // as their decimals do; only equal doubles (which may stand for different decimals) need Decimal.
      return {
        type: "boolean",
        run: (s) => {
          const u = x(s);
          const v = y(s);
          return u === v ? exact(s) : quick(u, v);
        },
      };
    }
    if (n.op === "==" || n.op === "!=") {
      if (a!.type !== b!.type) problems.push(`${n.op} compares a ${a!.type} with a ${b!.type}`);
      const negate = n.op === "!=";
      return { type: "boolean", run: (s) => equal(a!.run(s), b!.run(s)) !== negate };
    }
    if (n.op === "and" || n.op === "or" || n.op === "xor") {
      const left = expect(a!, "boolean", `the left side of ${n.op}`);
      const right = expect(b!, "boolean", `the right side of ${n.op}`);
      const run: Evaluator =
        n.op === "and"
          ? (s) => Boolean(left(s)) && Boolean(right(s))
          : n.op === "or"
            ? (s) => Boolean(left(s)) || Boolean(right(s))
            : (s) => Boolean(left(s)) !== Boolean(right(s));
      return { type: "boolean", run };
    }
    return fail(`operator ${n.op} is not allowed`);
  };

  const checkFunction = (n: { fn: MathNode; args: MathNode[] }): Typed => {
    if (n.fn.type !== "SymbolNode")
      return fail(`"${n.fn.toString()}(…)" is not a function a formula can call`);
    const name = (n.fn as unknown as { name: string }).name;
    if (name === "score" || name === "rate") {
      const arg = n.args[0] as unknown as { type: string; value: unknown } | undefined;
      if (n.args.length !== 1 || arg?.type !== "ConstantNode" || typeof arg.value !== "string") {
        return fail(`${name}() takes one indicator code in quotes, e.g. ${name}("A1.2")`);
      }
      const code = arg.value;
      if (!names.hasIndicator(code)) return fail(`${name}("${code}") names an unknown indicator`);
      indicators.add(code);
      return name === "score"
        ? { type: "number", run: (s) => s.score(code) }
        : { type: "number", run: (s) => s.rate(code) };
    }
    const fn = lookup(numericFunctions, name);
    const [least, most] = lookup(arity, name) ?? [0, 0];
    if (!fn) return fail(`unknown function "${name}" (a formula can call ${callable})`);
    if (n.args.length < least || n.args.length > most) {
      return fail(`${name}() takes ${least === most ? least : `${least} to ${most}`} arguments`);
    }
    const args = n.args.map((arg, i) => expect(check(arg), "number", `argument ${i + 1} of ${name}()`));
    return { type: "number", run: (s) => fn(args.map((arg) => arg(s) as Decimal)) };
  };

  const compiled = check(root);
  if (problems.length > 0) throw new FormulaError(problems.join("; "));
  return {
    source,
    type: compiled.type,
    fields: [...fields],
    indicators: [...indicators],
    evaluate: compiled.run,
  };
}
