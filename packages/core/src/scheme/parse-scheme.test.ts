import { evaluateUnits, type Problem, parseScheme } from "@kaoping/core";
import { describe, expect, it } from "vitest";

const FILE = "schemes/demo/scheme.yaml";

const header = `code: demo
name: 测试方案
version: 1
issuer: 县考评办
`;

/** Every problem of a scheme that must fail to load; the load never hands out a partly checked scheme. */
function problemsOf(text: string, file = FILE): Problem[] {
  const load = parseScheme(text, { file });
  if (load.ok) throw new Error("the scheme loaded, but problems were expected");
  expect(load).not.toHaveProperty("scheme");
  return load.problems;
}

/** Line and column (1-based) where `fragment`, which must occur exactly once, starts in `text`. */
function at(text: string, fragment: string): { line: number; column: number } {
  const index = text.indexOf(fragment);
  if (index < 0 || text.indexOf(fragment, index + 1) >= 0) {
    throw new Error(`"${fragment}" must occur exactly once in the test scheme`);
  }
  const before = text.slice(0, index);
  return { line: before.split("\n").length, column: index - before.lastIndexOf("\n") };
}

/** The one problem a scheme has, with its position, indicator and a fragment of its message. */
function expectOnlyProblem(
  text: string,
  expected: { at: string; path: string; indicator?: string; message: string },
  file = FILE,
): void {
  expect(problemsOf(text, file)).toEqual([
    {
      file,
      ...at(text, expected.at),
      path: expected.path,
      indicator: expected.indicator,
      message: expect.stringContaining(expected.message),
    },
  ]);
}

describe("reading YAML and JSON", () => {
  it("reports a YAML syntax error at its line and column", () => {
    const text = `${header}indicators:
  - code: A
    name: 重点工作
    max: 60: 3
    method: { type: manual }
`;
    expectOnlyProblem(text, { at: "60: 3", path: "", message: "Nested mappings are not allowed" });
  });

  it("reports every syntax error of a file together, a repeated key included", () => {
    const text = `${header}name: 又一个名称
indicators:
  - code: A
    name: 重点工作
    max: 60: 3
`;
    expect(problemsOf(text)).toEqual([
      expect.objectContaining({ ...at(text, "name: 又一个名称"), message: "Map keys must be unique" }),
      expect.objectContaining({ ...at(text, "60: 3"), message: expect.stringContaining("Nested mappings") }),
    ]);
  });

  const yaml = `${header}indicators:
  - code: A
    name: 重点工作
    max: 60
    method: { type: manual, step: 0.5 }
  - code: B
    name: 共性工作
    max: 40
    method:
      type: deductions
      rules:
        - { code: a, text: 未召开会议研究工作的, points: 5 }
`;
  const json = `{
  "code": "demo",
  "name": "测试方案",
  "version": 1,
  "issuer": "县考评办",
  "indicators": [
    { "code": "A", "name": "重点工作", "max": 60, "method": { "type": "manual", "step": 0.5 } },
    {
      "code": "B",
      "name": "共性工作",
      "max": 40,
      "method": {
        "type": "deductions",
        "rules": [{ "code": "a", "text": "未召开会议研究工作的", "points": 5 }]
      }
    }
  ]
}
`;

  it("reads JSON with the same structure as YAML", () => {
    const fromYaml = parseScheme(yaml);
    const fromJson = parseScheme(json, { file: "scheme.json" });
    expect(fromYaml.ok && fromJson.ok).toBe(true);
    if (!fromYaml.ok || !fromJson.ok) return;
    expect(fromJson.scheme.definition).toEqual(fromYaml.scheme.definition);
    expect(fromJson.scheme.nodes.map((n) => n.code)).toEqual(["A", "B", ""]);
  });

  it("locates problems in JSON too: an unknown field at its key, a formula at its value", () => {
    const text = json
      .replace('"max": 40,', '"max": 40, "maxx": 1,')
      .replace(
        '"max": 60, "method": { "type": "manual", "step": 0.5 }',
        '"max": 60, "method": { "type": "manul" }',
      );
    expect(problemsOf(text, "scheme.json")).toEqual([
      {
        file: "scheme.json",
        ...at(text, '"manul"'),
        path: "indicators[0].method.type",
        indicator: "A",
        message: expect.stringContaining('unknown type "manul"'),
      },
      {
        file: "scheme.json",
        ...at(text, '"maxx"'),
        path: "indicators[1].maxx",
        indicator: "B",
        message: 'unknown field "maxx"',
      },
    ]);
    const formula = json.replace(
      '"method": { "type": "manual", "step": 0.5 }',
      '"method": { "type": "formula", "value": "foo(1)", "scoring": { "type": "direct" } }',
    );
    expectOnlyProblem(
      formula,
      {
        at: '"foo(1)"',
        path: "indicators[0].method.value",
        indicator: "A",
        message: 'unknown function "foo"',
      },
      "scheme.json",
    );
  });

  it("reports a JSON syntax error at its line and column", () => {
    const text = json.replace('"name": "测试方案",', '"name": "测试方案",,');
    // The second comma is the one that is wrong.
    expectOnlyProblem(text, { at: ',\n  "version"', path: "", message: "Unexpected , in flow map" });
  });
});

describe("the structure of the format", () => {
  it("locates an unknown field at its key and names the indicator", () => {
    const text = `${header}indicators:
  - code: A
    name: 重点工作
    max: 60
    maxx: 70
    method: { type: manual }
`;
    expectOnlyProblem(text, {
      at: "maxx",
      path: "indicators[0].maxx",
      indicator: "A",
      message: 'unknown field "maxx"',
    });
  });

  it("names the innermost indicator for a problem deep inside a child", () => {
    const text = `${header}indicators:
  - code: B
    name: 共性工作
    max: 40
    children:
      - code: B1
        name: 党委重视
        max: 40
        method:
          type: deductions
          rules:
            - { code: a, text: 未召开会议的, points: 5, perOcurrence: true }
`;
    expectOnlyProblem(text, {
      at: "perOcurrence",
      path: "indicators[0].children[0].method.rules[0].perOcurrence",
      indicator: "B1",
      message: 'unknown field "perOcurrence"',
    });
  });

  it("reports a missing required field where its object starts", () => {
    const text = `${header}indicators:
  - code: A
    max: 60
    method: { type: manual }
`;
    expectOnlyProblem(text, {
      at: "code: A",
      path: "indicators[0].name",
      indicator: "A",
      message: 'missing required field "name"',
    });
  });

  it("reports a missing decimal once, not once per form a decimal may take", () => {
    const text = `${header}indicators:
  - { code: A, name: 甲, method: { type: manual } }
`;
    expectOnlyProblem(text, {
      at: "{ code: A",
      path: "indicators[0].max",
      indicator: "A",
      message: 'missing required field "max"',
    });
  });

  it("reports an empty file", () => {
    expectOnlyProblem("# 指标体系\n", { at: "#", path: "", message: "the file is empty" });
  });

  it("reports a scheme without indicators at its start", () => {
    const text = header;
    expectOnlyProblem(text, {
      at: "code: demo",
      path: "indicators",
      message: 'missing required field "indicators"',
    });
  });

  it("reports a value of the wrong type at the value", () => {
    const text = `${header}indicators:
  - code: A
    name: 重点工作
    max: 六十
    notApplicable: "yes"
    method: { type: manual }
`;
    expect(problemsOf(text)).toEqual([
      {
        file: FILE,
        ...at(text, "六十"),
        path: "indicators[0].max",
        indicator: "A",
        message: "max: must be a decimal number such as 85.5",
      },
      {
        file: FILE,
        ...at(text, '"yes"'),
        path: "indicators[0].notApplicable",
        indicator: "A",
        message: expect.stringMatching(/^notApplicable: .*expected boolean/),
      },
    ]);
  });

  it("names an unknown method type and lists the known ones", () => {
    const text = `${header}indicators:
  - code: A
    name: 重点工作
    max: 60
    method: { type: manul, step: 0.5 }
`;
    expectOnlyProblem(text, {
      at: "manul",
      path: "indicators[0].method.type",
      indicator: "A",
      message:
        'unknown type "manul" (one of manual, deductions, checklist, levels, boolean, formula, satisfaction)',
    });
  });

  it("reports a method without a type", () => {
    const text = `${header}indicators:
  - code: A
    name: 重点工作
    max: 60
    method: { step: 0.5 }
`;
    expectOnlyProblem(text, {
      at: "{ step",
      path: "indicators[0].method.type",
      indicator: "A",
      message: "missing type (one of manual",
    });
  });

  it("locates an unknown field in a formula's scoring rule", () => {
    const text = `${header}fields:
  - { code: enrolled, name: 在校生数 }
  - { code: population, name: 适龄人口 }
indicators:
  - code: A
    name: 入学率
    max: 10
    method:
      type: formula
      value: enrolled / population
      scoring: { type: threshold, op: ">=", value: 0.95, passs: 1 }
`;
    expectOnlyProblem(text, {
      at: "passs",
      path: "indicators[0].method.scoring.passs",
      indicator: "A",
      message: 'unknown field "passs"',
    });
  });
});

/** A scheme around one formula leaf A (max 10) and a manual leaf M (max 90), over three fields. */
function formulaScheme(value: string, extra = ""): string {
  return `${header}fields:
  - { code: enrolled, name: 在校生数 }
  - { code: population, name: 适龄人口 }
  - { code: safe, name: 无安全事故, type: boolean }
indicators:
  - code: A
    name: 入学率
    max: 10
    method:
      type: formula
      value: ${value}
      scoring: { type: direct }
  - { code: M, name: 其他工作, max: 90, method: { type: manual } }
${extra}`;
}

describe("formulas", () => {
  it("reports a name that is not a field, at the formula", () => {
    const text = formulaScheme("enroled / population");
    expectOnlyProblem(text, {
      at: "enroled / population",
      path: "indicators[0].method.value",
      indicator: "A",
      message: 'unknown field "enroled"',
    });
  });

  it.each(['import("x")', 'evaluate("1")', "foo(1)", 'parse("1")'])(
    "rejects the function call %s",
    (call) => {
      const text = formulaScheme(call);
      const name = call.slice(0, call.indexOf("("));
      expectOnlyProblem(text, {
        at: call,
        path: "indicators[0].method.value",
        indicator: "A",
        message: `unknown function "${name}"`,
      });
    },
  );

  it("reports a type error in a formula", () => {
    const text = formulaScheme("enrolled + true");
    expectOnlyProblem(text, {
      at: "enrolled + true",
      path: "indicators[0].method.value",
      indicator: "A",
      message: "the right side of + must be a number, not a boolean",
    });
  });

  it("reports a scoring formula that gives true/false instead of a number", () => {
    const text = formulaScheme("enrolled > population");
    expectOnlyProblem(text, {
      at: "enrolled > population",
      path: "indicators[0].method.value",
      indicator: "A",
      message: "the formula must give a number, not a boolean",
    });
  });

  it("reports a veto condition that is a number", () => {
    const text = formulaScheme(
      "enrolled / population",
      "vetoes:\n  - { code: V1, name: 危房, when: enrolled * 2, effect: zero }\n",
    );
    expectOnlyProblem(text, {
      at: "enrolled * 2",
      path: "vetoes[0].when",
      message: "a veto condition must be true or false, not a number",
    });
  });

  it("rejects implicit multiplication", () => {
    const text = formulaScheme("2 enrolled / population");
    expectOnlyProblem(text, {
      at: "2 enrolled / population",
      path: "indicators[0].method.value",
      indicator: "A",
      message: 'write multiplication with *: "2 enrolled"',
    });
  });

  it("reports score() of an unknown indicator", () => {
    const text = formulaScheme('score("Z9") / 10');
    expectOnlyProblem(text, {
      at: 'score("Z9")',
      path: "indicators[0].method.value",
      indicator: "A",
      message: 'score("Z9") names an unknown indicator',
    });
  });

  it("reports a cycle between formula indicators once, with the whole cycle", () => {
    const text = `${header}indicators:
  - code: A
    name: 甲
    max: 50
    method: { type: formula, value: 'score("B")', scoring: { type: direct } }
  - code: B
    name: 乙
    max: 50
    method: { type: formula, value: 'score("A")', scoring: { type: direct } }
`;
    expectOnlyProblem(text, {
      at: "code: A",
      path: "indicators[0]",
      indicator: "A",
      message: "formulas form a cycle: A → B → A",
    });
  });

  it("reports a formula that reads its own ancestor, and no cycle besides", () => {
    const text = `${header}indicators:
  - code: A
    name: 甲
    max: 100
    children:
      - { code: A1, name: 一, max: 90, method: { type: manual } }
      - code: A2
        name: 二
        max: 10
        method: { type: formula, value: 'rate("A") / 100', scoring: { type: share } }
`;
    expectOnlyProblem(text, {
      at: "code: A2",
      path: "indicators[0].children[1]",
      indicator: "A2",
      message: "the formula reads A, which contains this indicator",
    });
  });

  it("accepts a formula reading indicators defined after it", () => {
    const text = `${header}indicators:
  - code: A
    name: 甲
    max: 10
    method: { type: formula, value: 'rate("B") / 10', scoring: { type: direct } }
  - { code: B, name: 乙, max: 90, method: { type: manual } }
`;
    const load = parseScheme(text);
    expect(load.ok).toBe(true);
  });
});

describe("maxima and weights", () => {
  it("reports children whose maxima do not add up to the parent's", () => {
    const text = `${header}indicators:
  - code: B
    name: 共性工作
    max: 40
    children:
      - { code: B1, name: 一, max: 20, method: { type: manual } }
      - { code: B2, name: 二, max: 15, method: { type: manual } }
`;
    expectOnlyProblem(text, {
      at: "code: B\n",
      path: "indicators[0]",
      indicator: "B",
      message: "the children's maxima add up to 35.00, but B's max is 40.00",
    });
  });

  it("checks the maxima per unit category when children apply to some categories only", () => {
    const text = `${header}categories:
  - { code: EDU, name: 教育类 }
  - { code: HEA, name: 卫生类 }
indicators:
  - code: B
    name: 个性指标
    max: 40
    children:
      - { code: B1, name: 共性部分, max: 30, method: { type: manual } }
      - { code: B2, name: 教育类个性, max: 10, appliesTo: [EDU], method: { type: manual } }
      - { code: B3, name: 卫生类个性, max: 8, appliesTo: [HEA], method: { type: manual } }
`;
    expect(problemsOf(text)).toEqual([
      expect.objectContaining({
        ...at(text, "code: B\n"),
        indicator: "B",
        message: "the children's maxima add up to 38.00 for category HEA, but B's max is 40.00",
      }),
    ]);
  });

  it("checks the top level against the scheme's max", () => {
    const text = `${header}max: 100
indicators:
  - { code: A, name: 甲, max: 60, method: { type: manual } }
  - { code: B, name: 乙, max: 30, method: { type: manual } }
`;
    expectOnlyProblem(text, {
      at: "code: demo",
      path: "",
      message: "the children's maxima add up to 90.00, but the scheme's max is 100.00",
    });
  });

  it("does not hold a normalized top level to the sum of its maxima", () => {
    const text = `${header}max: 100
aggregate: normalized
categories:
  - { code: WS, name: 卫生类 }
  - { code: JY, name: 教育类 }
indicators:
  - { code: A, name: 共性指标, max: 60, method: { type: manual } }
  - { code: B, name: 卫生类个性指标, max: 60, appliesTo: [WS], method: { type: manual } }
  - { code: C, name: 教育类个性指标, max: 20, appliesTo: [JY], method: { type: manual } }
`;
    const load = parseScheme(text);
    expect(load.ok).toBe(true);
    if (!load.ok) return;
    const [unit] = evaluateUnits(load.scheme, [
      { unit: "W1", category: "WS", scores: { A: 48, B: 45 } },
    ]).units;
    expect(unit?.total).toBe("77.50"); // 100 × 93 / 120
  });

  it("accepts children below the parent's max with childrenSum atMost, and reports them above it", () => {
    const indicators = (b2: number) => `${header}indicators:
  - code: B
    name: 共性工作
    max: 40
    childrenSum: atMost
    children:
      - { code: B1, name: 一, max: 20, method: { type: manual } }
      - { code: B2, name: 二, max: ${b2}, method: { type: manual } }
`;
    expect(parseScheme(indicators(15)).ok).toBe(true);
    expectOnlyProblem(indicators(25), {
      at: "code: B\n",
      path: "indicators[0]",
      indicator: "B",
      message: "add up to 45.00, but B's max is 40.00 (they may not exceed it)",
    });
  });

  it("reports the weights of a weighted parent that do not sum to 1, and a child without a weight", () => {
    const text = `${header}indicators:
  - code: A
    name: 日常考核与年终考核
    max: 100
    aggregate: weighted
    children:
      - { code: A1, name: 日常考核, max: 100, weight: 0.5, method: { type: manual } }
      - { code: A2, name: 年终考核, max: 100, weight: 0.3, method: { type: manual } }
      - { code: A3, name: 群众评议, max: 100, method: { type: manual } }
`;
    expect(problemsOf(text)).toEqual([
      expect.objectContaining({
        ...at(text, "code: A\n"),
        indicator: "A",
        message: "the weights of A's children add up to 0.8000, not 1",
      }),
      expect.objectContaining({
        ...at(text, "{ code: A3"),
        indicator: "A3",
        message: "children of a weighted parent need a weight",
      }),
    ]);
  });

  it("reports rater groups whose weights do not sum to 1", () => {
    const text = `${header}indicators:
  - { code: A, name: 甲, max: 100, method: { type: manual } }
raters:
  groups:
    - { code: LD, name: 县总工会领导, weight: 0.4 }
    - { code: FZR, name: 其他申报单位主要负责人, weight: 0.3 }
    - { code: BS, name: 县总工会相关部室负责人, weight: 0.2 }
`;
    expectOnlyProblem(text, {
      at: "- { code: LD",
      path: "raters.groups",
      message: "the rater groups' weights add up to 0.9000, not 1",
    });
  });

  it("reports checklist items that add up to less than the max", () => {
    const text = `${header}indicators:
  - code: B3
    name: 工会领导班子建设
    max: 6
    method:
      type: checklist
      items:
        - { code: "1", text: 主席及成员按规定任免, points: 1.5 }
        - { code: "2", text: 配备兼职经审干部, points: 1.5 }
`;
    expectOnlyProblem(text, {
      at: '- { code: "1"',
      path: "indicators[0].method.items",
      indicator: "B3",
      message: "the checklist items add up to less than the max",
    });
  });

  it("reports a manual step that does not divide the max", () => {
    const text = `${header}indicators:
  - { code: A, name: 甲, max: 10, method: { type: manual, step: 3 } }
`;
    expectOnlyProblem(text, {
      at: "3 }",
      path: "indicators[0].method.step",
      indicator: "A",
      message: "the step must be positive and divide the max",
    });
  });

  it("reports an unknown category in appliesTo", () => {
    const text = `${header}categories:
  - { code: EDU, name: 教育类 }
indicators:
  - { code: A, name: 甲, max: 10, appliesTo: [EDU, HEALTH], method: { type: manual } }
`;
    expectOnlyProblem(text, {
      at: "HEALTH",
      path: "indicators[0].appliesTo[1]",
      indicator: "A",
      message: "unknown category HEALTH",
    });
  });
});

describe("duplicate codes", () => {
  it("reports a repeated indicator code at its second use", () => {
    const text = `${header}indicators:
  - code: A
    name: 甲
    max: 100
    children:
      - { code: A1, name: 一, max: 50, method: { type: manual } }
      - { code: A1, name: 二, max: 50, method: { type: manual } }
`;
    expect(problemsOf(text)).toEqual([
      {
        file: FILE,
        line: at(text, "二").line,
        column: at(text, "{ code: A1, name: 二").column + "{ code: ".length,
        path: "indicators[0].children[1].code",
        indicator: "A1",
        message: "indicator code A1 is used twice",
      },
    ]);
  });

  it("reports repeated codes of fields, vetoes, bonus items, rater groups, grades, rules and items", () => {
    const text = `${header}fields:
  - { code: safe, name: 无事故, type: boolean }
  - { code: safe, name: 无事故2, type: boolean }
indicators:
  - code: A
    name: 甲
    max: 10
    method:
      type: deductions
      rules:
        - { code: r, text: 扣一, points: 1 }
        - { code: r, text: 扣二, points: 1 }
  - code: B
    name: 乙
    max: 2
    method:
      type: checklist
      items:
        - { code: i, text: 项一, points: 1 }
        - { code: i, text: 项二, points: 1 }
bonus:
  items:
    - { code: J1, name: 创新, max: 2 }
    - { code: J1, name: 调研, max: 2 }
vetoes:
  - { code: V1, name: 事故, when: not safe, effect: zero }
  - { code: V1, name: 事故2, when: not safe, effect: zero }
raters:
  groups:
    - { code: LD, name: 领导, weight: 0.5 }
    - { code: LD, name: 部室, weight: 0.5 }
grading:
  grades:
    - { code: P, name: 达标, min: 8 }
    - { code: P, name: 又一个达标, min: 6 }
    - { code: F, name: 未达标 }
`;
    const messages = problemsOf(text).map((p) => p.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        "field code safe is used twice",
        "deduction rule code r is used twice",
        "checklist item code i is used twice",
        "bonus item code J1 is used twice",
        "veto code V1 is used twice",
        "rater group code LD is used twice",
        "grade code P is used twice",
      ]),
    );
  });
});

/** A 100-point scheme (one manual leaf) with the given grading and extra sections. */
function gradedScheme(grades: string, extra = ""): string {
  return `${header}fields:
  - { code: safe, name: 无安全事故, type: boolean }
indicators:
  - { code: A, name: 甲, max: 100, method: { type: manual } }
${extra}grading:
  grades:
${grades}`;
}

describe("grading", () => {
  it("reports a band whose min is above the highest possible total", () => {
    const text = gradedScheme(`    - { code: A, name: 优秀, min: 101 }
    - { code: F, name: 其他 }
`);
    expectOnlyProblem(text, {
      at: "101",
      path: "grading.grades[0].min",
      message: "grade A is unreachable: min 101.00 is above the highest possible 100.00",
    });
  });

  it("counts the bonus towards the highest possible total", () => {
    const text = gradedScheme(
      `    - { code: A, name: 优秀, min: 101 }
    - { code: F, name: 其他 }
`,
      "bonus:\n  items:\n    - { code: J1, name: 创新, max: 2 }\n",
    );
    expect(parseScheme(text).ok).toBe(true);
  });

  it("reports a band shadowed by an earlier band", () => {
    const text = gradedScheme(`    - { code: A, name: 优秀, min: 80 }
    - { code: B, name: 良好, min: 85 }
    - { code: F, name: 其他 }
`);
    expectOnlyProblem(text, {
      at: "85",
      path: "grading.grades[1].min",
      message: "grade B is unreachable: grade A above it already takes every unit with min 80.00 or more",
    });
  });

  it("reports a quota of share 0", () => {
    const text = gradedScheme(`    - { code: Y, name: 优秀, quota: { share: 0 } }
    - { code: F, name: 其他 }
`);
    expectOnlyProblem(text, {
      at: "0 }",
      path: "grading.grades[0].quota.share",
      message: "grade Y is unreachable: its quota share is 0",
    });
  });

  it("reports a quota drawn from an earlier (better) grade, and from an unknown one", () => {
    const text = gradedScheme(`    - { code: X, name: 先进, min: 90 }
    - { code: Y, name: 优秀, quota: { share: 0.3, of: X } }
    - { code: Z, name: 标兵, quota: { share: 0.1, of: W } }
    - { code: F, name: 其他 }
`);
    expect(problemsOf(text)).toEqual([
      expect.objectContaining({
        ...at(text, "X }"),
        path: "grading.grades[1].quota.of",
        message: "grade Y draws from X, which must be listed after it (a lower grade)",
      }),
      expect.objectContaining({
        ...at(text, "W }"),
        path: "grading.grades[2].quota.of",
        message: "unknown grade W",
      }),
    ]);
  });

  it("requires exactly one fallback grade", () => {
    const none = gradedScheme(`    - { code: P, name: 达标, min: 80 }
    - { code: F, name: 未达标, min: 0 }
`);
    expectOnlyProblem(none, {
      at: "- { code: P",
      path: "grading.grades",
      message: "one grade must have neither min nor quota",
    });
    const two = gradedScheme(`    - { code: P, name: 达标, min: 80 }
    - { code: F, name: 未达标 }
    - { code: G, name: 不合格 }
`);
    expectOnlyProblem(two, {
      at: "- { code: P",
      path: "grading.grades",
      message: "only one grade may have neither min nor quota, but F, G have neither",
    });
  });

  it("reports a capGrade veto without a grade, and a grade on another effect", () => {
    const text = gradedScheme(
      `    - { code: P, name: 达标, min: 80 }
    - { code: F, name: 未达标 }
`,
      `vetoes:
  - { code: V1, name: 重大安全事故, when: not safe, effect: capGrade }
  - { code: V2, name: 刑事案件, when: not safe, effect: zero, grade: F }
  - { code: V3, name: 危房, when: not safe, effect: capGrade, grade: Q }
`,
    );
    expect(problemsOf(text)).toEqual([
      expect.objectContaining({
        ...at(text, "{ code: V1"),
        path: "vetoes[0]",
        message: "effect capGrade needs the grade to cap at",
      }),
      expect.objectContaining({
        ...at(text, "F }"),
        path: "vetoes[1].grade",
        message: "grade is only used with effect capGrade",
      }),
      expect.objectContaining({ ...at(text, "Q }"), path: "vetoes[2].grade", message: "unknown grade Q" }),
    ]);
  });
});

describe("every problem at once", () => {
  it("reports all the structural problems of a file together", () => {
    const text = `${header}indicators:
  - code: A
    name: 甲
    max: 60
    maxx: 70
    method: { type: manul }
  - code: B
    max: 四十
    method: { type: manual }
grading:
  grades: []
`;
    const problems = problemsOf(text);
    expect(problems.map((p) => [p.line, p.indicator ?? null, p.path])).toEqual([
      [at(text, "maxx").line, "A", "indicators[0].maxx"],
      [at(text, "manul").line, "A", "indicators[0].method.type"],
      [at(text, "code: B").line, "B", "indicators[1].name"],
      [at(text, "四十").line, "B", "indicators[1].max"],
      [at(text, "[]").line, null, "grading.grades"],
    ]);
  });

  it("reports structural and semantic problems together, without echoes of the broken parts", () => {
    const text = `${header}fields:
  - { code: enrolled, name: 在校生数 }
indicators:
  - code: A
    name: 办学条件
    max: 10
    children:
      - { code: A1, name: 校舍, max: 6, method: { type: manul } }
      - { code: A2, name: 仪器, max: 4, method: { type: formula, value: score("A1") + pupils, scoring: { type: direct } } }
  - code: B
    name: 管理
    max: 20
    children:
      - { code: B1, name: 制度, max: 8, method: { type: manual, step: 3 } }
      - { code: B2, name: 安全, max: 10, method: { type: manual } }
`;
    const problems = problemsOf(text);
    expect(problems.map((p) => [p.line, p.indicator ?? null, p.message])).toEqual([
      // structural: A1's method type
      [at(text, "manul").line, "A1", expect.stringContaining('unknown type "manul"')],
      // semantic, in the parts that are sound: A2 names an unknown field (its score("A1") is an echo of A1's cut)
      [at(text, "score(").line, "A2", 'unknown field "pupils"'],
      // B's children add up to 18, and B1's step does not divide its max
      [at(text, "code: B\n").line, "B", "the children's maxima add up to 18.00, but B's max is 20.00"],
      [at(text, "step: 3").line, "B1", "the step must be positive and divide the max"],
    ]);
  });

  it("reports all the semantic problems of a file together", () => {
    const text = `${header}max: 100
fields:
  - { code: enrolled, name: 在校生数 }
categories:
  - { code: EDU, name: 教育类 }
indicators:
  - code: A
    name: 甲
    max: 60
    children:
      - { code: A1, name: 一, max: 30, method: { type: manual, step: 4 } }
      - { code: A2, name: 二, max: 20, appliesTo: [HEA], method: { type: manual } }
  - code: B
    name: 乙
    max: 40
    method: { type: formula, value: enroled + 1, scoring: { type: direct } }
vetoes:
  - { code: V1, name: 否决, when: enrolled, effect: fail }
grading:
  grades:
    - { code: A, name: 优, min: 120 }
    - { code: F, name: 差 }
`;
    const problems = problemsOf(text);
    expect(problems).toHaveLength(6);
    // In file order; A2 applies to no known category, so only A1 counts towards A (the same in every category).
    expect(problems.map((p) => [p.line, p.indicator ?? null, p.message])).toEqual([
      [at(text, "code: A\n").line, "A", "the children's maxima add up to 30.00, but A's max is 60.00"],
      [at(text, "step: 4").line, "A1", "the step must be positive and divide the max"],
      [at(text, "HEA").line, "A2", "unknown category HEA"],
      [at(text, "enroled").line, "B", 'unknown field "enroled"'],
      [at(text, "when: enrolled").line, null, "a veto condition must be true or false, not a number"],
      [at(text, "120").line, null, "grade A is unreachable: min 120.00 is above the highest possible 100.00"],
    ]);
    for (const problem of problems) {
      expect(problem.file).toBe(FILE);
      expect(problem.line).toBeGreaterThan(0);
      expect(problem.column).toBeGreaterThan(0);
    }
  });

  it("loads a valid scheme", () => {
    const load = parseScheme(formulaScheme("enrolled / population"), { file: FILE });
    expect(load.ok).toBe(true);
    if (load.ok) expect(load.scheme.nodes.find((n) => n.code === "A")?.method?.type).toBe("formula");
  });
});
