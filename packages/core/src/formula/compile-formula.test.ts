import { compileFormula, Decimal, FormulaError } from "@kaoping/core";
import { describe, expect, it } from "vitest";

/** Fields a..c are numbers, ok a yes/no, kind a text; indicators A1 and B2 exist. */
const types = new Map<string, "number" | "boolean" | "string">([
  ["a", "number"],
  ["b", "number"],
  ["c", "number"],
  ["ok", "boolean"],
  ["kind", "string"],
]);
const names = {
  fieldType: (code: string) => types.get(code),
  hasIndicator: (code: string) => code === "A1" || code === "B2",
};

type Data = Record<string, number | boolean | string>;

/** Compiles and evaluates over `data`; score() is 10× and rate() 100× the code's digit, so reads are visible. */
function run(source: string, data: Data = {}): string | boolean {
  const value = compileFormula(source, names).evaluate({
    field: (code) => {
      const v = data[code];
      if (v === undefined) throw new FormulaError(`field ${code} has no value`);
      return types.get(code) === "number" ? new Decimal(String(v)) : (v as string | boolean);
    },
    approx: (code) => {
      const v = data[code];
      if (v === undefined) throw new FormulaError(`field ${code} has no value`);
      return Number(v);
    },
    score: (code) => new Decimal(10 * Number(code.slice(1))),
    rate: (code) => new Decimal(100 * Number(code.slice(1))),
  });
  return value instanceof Decimal ? value.toString() : value;
}

function rejection(source: string): string {
  try {
    compileFormula(source, names);
  } catch (error) {
    if (error instanceof FormulaError) return error.message;
    throw error;
  }
  throw new Error(`"${source}" compiled, but it should have been rejected`);
}

describe("sandboxing: a formula reads the given data and nothing else", () => {
  it.each([
    ["constructor", 'unknown field "constructor"'],
    ["this", 'unknown field "this"'],
    ["__proto__", 'unknown field "__proto__"'],
    ["pi", 'unknown field "pi"'],
    ["constructor(1)", 'unknown function "constructor"'],
    ['toString("a")', 'unknown function "toString"'],
    ['hasOwnProperty("a")', 'unknown function "hasOwnProperty"'],
    ['import("fs")', 'unknown function "import"'],
    ['evaluate("1 + 1")', 'unknown function "evaluate"'],
    ['parse("1 + 1")', 'unknown function "parse"'],
    ["cos(a)", 'unknown function "cos"'],
    ["a.b", 'property access (a.b or a["b"]) is not allowed'],
    ['a["constructor"]', 'property access (a.b or a["b"]) is not allowed'],
    ["a.constructor(1)", '"a.constructor(…)" is not a function a formula can call'],
    ["a = 1", "assignment (=) is not allowed"],
    ["f(x) = x", "defining a function is not allowed"],
    ["[1, 2]", "a matrix or list ([…]) is not allowed"],
    ["{x: 1}", "an object ({…}) is not allowed"],
    ["1:3", "a range (a:b) is not allowed"],
    ["a; b", "more than one expression (; or a new line) is not allowed"],
    ["a | b", "operator | is not allowed"],
    ["a!", "operator ! is not allowed"],
    ["a to cm", "operator to is not allowed"],
  ])("rejects %s", (source, message) => {
    expect(rejection(source)).toContain(message);
  });

  it("lists the functions a formula can call when it names another", () => {
    expect(rejection("foo(1)")).toBe(
      'unknown function "foo" (a formula can call min, max, abs, floor, ceil, sqrt, round, score, rate)',
    );
  });

  it("rejects implicit multiplication, showing what was written", () => {
    expect(rejection("2 a")).toBe('write multiplication with *: "2 a" puts terms side by side');
    expect(rejection("2a + b")).toContain('"2 a"');
    expect(rejection("(a)(b)")).toContain("write multiplication with *");
  });

  it("rejects text that does not parse, quoting it", () => {
    expect(rejection("a +")).toMatch(/^cannot parse formula "a \+"/);
  });

  it("rejects numbers that are not finite", () => {
    expect(rejection("1e400")).toContain("not finite");
    expect(rejection("Infinity")).toContain("not finite");
    expect(rejection("NaN")).toContain("not finite");
  });

  it("reports every problem of a formula in one message", () => {
    expect(rejection("x + foo(1)")).toBe(
      'unknown field "x"; unknown function "foo" (a formula can call min, max, abs, floor, ceil, sqrt, round, score, rate)',
    );
  });
});

describe("types", () => {
  it.each([
    ["a + true", "the right side of + must be a number, not a boolean"],
    ["kind * 2", "the left side of * must be a number, not a string"],
    ["a ? 1 : 0", "the condition before ? must be a boolean, not a number"],
    ["ok ? 1 : false", "both branches of ? : must have one type (number vs boolean)"],
    ["a == kind", "== compares a number with a string"],
    ["not a", "the operand of not must be a boolean, not a number"],
    ["ok and a", "the right side of and must be a boolean, not a number"],
    ["-ok", "the operand of - must be a number, not a boolean"],
    ["max(a, ok)", "argument 2 of max() must be a number, not a boolean"],
    ["1 < ok", "the right side of < must be a number, not a boolean"],
    ["1 < a < ok", "operand 3 of a comparison must be a number, not a boolean"],
    ["1 < a == 2", "== and != cannot be chained with other comparisons"],
  ])("rejects %s", (source, message) => {
    expect(rejection(source)).toContain(message);
  });

  it("gives each formula its type", () => {
    expect(compileFormula("a / b", names).type).toBe("number");
    expect(compileFormula("a > b or ok", names).type).toBe("boolean");
    expect(compileFormula('ok ? "甲" : kind', names).type).toBe("string");
  });
});

describe("exact decimals", () => {
  it("adds decimals exactly: 0.1 + 0.2 is 0.3", () => {
    expect(run("0.1 + 0.2")).toBe("0.3");
    expect(run("0.1 + 0.2 == 0.3")).toBe(true);
    expect(run("a + b == 0.3", { a: 0.1, b: 0.2 })).toBe(true);
  });

  it("keeps 40 significant digits, so 1/3 × 3 is 0.999…9 (not 1) until it is rounded", () => {
    expect(run("1 / 3 * 3")).toBe(`0.${"9".repeat(40)}`);
    expect(run("1 / 3 * 3 == 1")).toBe(false);
    expect(run("round(1 / 3 * 3, 6) == 1")).toBe(true);
  });

  it("computes a rate from fields exactly", () => {
    expect(run("a / b", { a: 1176, b: 1200 })).toBe("0.98");
    expect(run("a / b >= 0.98", { a: 1176, b: 1200 })).toBe(true);
  });

  it("rounds half up (四舍五入), away from zero, also where binary floats would not", () => {
    expect(run("round(2.345, 2)")).toBe("2.35");
    expect(run("round(1.005, 2)")).toBe("1.01");
    expect(run("round(2.5)")).toBe("3");
    expect(run("round(-2.5)")).toBe("-3");
    expect(run("round(2.4999)")).toBe("2");
  });

  it("rejects round() to a number of places that is not a whole number from 0 to 20", () => {
    expect(() => run("round(a, 1.5)", { a: 1 })).toThrow("round() takes a whole number of places");
    expect(() => run("round(a, -1)", { a: 1 })).toThrow("round() takes a whole number of places");
  });

  it("has min, max, abs, floor, ceil and sqrt", () => {
    expect(run("min(a, 3, 1.5)", { a: 2 })).toBe("1.5");
    expect(run("max(a, 3, 1.5)", { a: 2 })).toBe("3");
    expect(run("abs(-3.25)")).toBe("3.25");
    expect(run("floor(-1.5)")).toBe("-2");
    expect(run("ceil(1.2)")).toBe("2");
    expect(run("sqrt(2.25)")).toBe("1.5");
  });

  it("fails on division by zero, naming it", () => {
    expect(() => run("a / b", { a: 1, b: 0 })).toThrow(new FormulaError("division by zero"));
    expect(() => run("a % b", { a: 1, b: 0 })).toThrow(new FormulaError("division by zero"));
  });

  it("fails when a result is not a finite number", () => {
    expect(() => run("sqrt(a - 2)", { a: 1 })).toThrow("sqrt() of a negative number (-1)");
    expect(() => run("a ^ (1 / 3)", { a: -8 })).toThrow("does not give a finite number");
    expect(() => run("10 ^ (10 ^ 20)")).toThrow("does not give a finite number");
  });

  it("has powers and remainders", () => {
    expect(run("2 ^ 10")).toBe("1024");
    expect(run("7 % 3")).toBe("1");
  });
});

describe("logic and comparisons", () => {
  it.each([
    ["a < b", true],
    ["a <= 2", true],
    ["a > b", false],
    ["a >= 2", true],
    ["a == 2.0", true],
    ["a != 2", false],
    ['kind == "教育类"', true],
    ["ok == true", true],
  ])("%s", (source, expected) => {
    expect(run(source, { a: 2, b: 3, ok: true, kind: "教育类" })).toBe(expected);
  });

  it("chains comparisons like mathematics: 1 < a < 3 means 1 < a and a < 3", () => {
    expect(run("1 < a < 3", { a: 2 })).toBe(true);
    expect(run("1 < a < 3", { a: 3 })).toBe(false);
    expect(run("3 > a >= 1", { a: 1 })).toBe(true);
  });

  it("has and, or, not and xor", () => {
    const data = { a: 2, ok: false };
    expect(run("a > 1 and not ok", data)).toBe(true);
    expect(run("a > 5 or ok", data)).toBe(false);
    expect(run("a > 1 xor ok", data)).toBe(true);
    expect(run("not (a > 1 and ok)", data)).toBe(true);
  });

  it("does not evaluate the other branch of ? :", () => {
    expect(run("b == 0 ? 0 : a / b", { a: 1, b: 0 })).toBe("0");
    expect(run("b == 0 ? 0 : a / b", { a: 1, b: 4 })).toBe("0.25");
  });

  it("fails when a field it reads has no value", () => {
    expect(() => run("a + 1")).toThrow("field a has no value");
  });
});

describe("comparisons stay exact on the double fast path", () => {
  it("decides equal doubles in decimals", () => {
    expect(run("a > 0.03", { a: 0.03 })).toBe(false);
    expect(run("a >= 0.03", { a: 0.03 })).toBe(true);
    expect(run("a <= 0.03", { a: 0.03 })).toBe(true);
    expect(run("a < 0.03", { a: 0.03 })).toBe(false);
  });

  it("tells apart decimals that round to the same double", () => {
    // "0.0300000000000000001" and 0.03 are one double, but not one decimal.
    expect(run("a > 0.03", { a: "0.0300000000000000001" })).toBe(true);
    expect(run("a <= 0.03", { a: "0.0300000000000000001" })).toBe(false);
    expect(run("0.03 < a", { a: "0.0300000000000000001" })).toBe(true);
  });

  it("agrees with decimals when the doubles differ", () => {
    expect(run("a > 0.3", { a: 0.1 + 0.2 })).toBe(true);
    expect(run("a < b", { a: 2.5, b: 3 })).toBe(true);
    expect(run("a >= b", { a: -1, b: -0.5 })).toBe(false);
    expect(run("-a > 0.5", { a: -0.6 })).toBe(true);
  });
});

describe("score() and rate()", () => {
  it("lists the indicators and fields a formula reads, once each", () => {
    const formula = compileFormula('score("A1") + rate("B2") / 100 * a + score("A1") - a', names);
    expect(formula.indicators).toEqual(["A1", "B2"]);
    expect(formula.fields).toEqual(["a"]);
  });

  it("reads other indicators' scores and rates (a percentage, 0–100)", () => {
    expect(run('score("A1") + rate("B2") / 100')).toBe("12");
  });

  it("takes one indicator code in quotes, of an indicator that exists", () => {
    expect(rejection("score(A1)")).toBe('score() takes one indicator code in quotes, e.g. score("A1.2")');
    expect(rejection('rate("A1", 2)')).toBe('rate() takes one indicator code in quotes, e.g. rate("A1.2")');
    expect(rejection('score("Z9")')).toBe('score("Z9") names an unknown indicator');
  });
});
