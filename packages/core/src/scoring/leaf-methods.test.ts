import { evaluateUnits, type LeafInput, type SchemeInput, type UnitInputData } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { buildScheme, inputProblems } from "../__fixtures__/build-scheme.js";

type MethodInput = NonNullable<SchemeInput["indicators"][number]["method"]>;
type FieldInput = NonNullable<SchemeInput["fields"]>[number];

/** A scheme of one leaf L (max `max`) scored by `method`, with the fields a formula reads. */
function oneLeaf(method: MethodInput, max: number, fields: FieldInput[] = []) {
  return buildScheme({ fields, indicators: [{ code: "L", name: "评估要点", max, method }] });
}

/** The leaf's published score for one unit. */
function scoreOf(
  method: MethodInput,
  max: number,
  input: LeafInput | undefined,
  data: UnitInputData["data"] = {},
  fields: FieldInput[] = [],
): string {
  const unit: UnitInputData = { unit: "U", data, scores: input === undefined ? {} : { L: input } };
  const [result] = evaluateUnits(oneLeaf(method, max, fields), [unit]).units;
  return result!.indicators.L!.score;
}

/** The messages of the problems the leaf's input causes. */
function problemsOf(
  method: MethodInput,
  max: number,
  input: LeafInput | undefined,
  data: UnitInputData["data"] = {},
  fields: FieldInput[] = [],
): string[] {
  const unit: UnitInputData = { unit: "U", data, scores: input === undefined ? {} : { L: input } };
  return inputProblems(() => evaluateUnits(oneLeaf(method, max, fields), [unit])).map((p) => p.message);
}

describe("manual", () => {
  const manual: MethodInput = { type: "manual", step: 0.5 };

  it("takes a score as a number, a numeric string or {score}", () => {
    expect(scoreOf(manual, 10, 7.5)).toBe("7.50");
    expect(scoreOf(manual, 10, "7.5")).toBe("7.50");
    expect(scoreOf(manual, 10, { score: "7.5" })).toBe("7.50");
    expect(scoreOf(manual, 10, 0)).toBe("0.00");
    expect(scoreOf(manual, 10, 10)).toBe("10.00");
    expect(scoreOf({ type: "manual" }, 10, 7.33)).toBe("7.33");
  });

  it("rejects a score outside 0..max or off the step, and a missing score", () => {
    expect(problemsOf(manual, 10, 10.5)).toEqual(["score 10.5 is outside 0–10"]);
    expect(problemsOf(manual, 10, -1)).toEqual(["score -1 is outside 0–10"]);
    expect(problemsOf(manual, 10, 7.3)).toEqual(["score 7.3 is not a multiple of the step 0.5"]);
    expect(problemsOf(manual, 10, undefined)).toEqual(["no input was given"]);
    expect(problemsOf(manual, 10, { note: "未评" })).toEqual(["a manual indicator needs a score"]);
  });
});

describe("deductions", () => {
  // 未召开会议扣5分 (once); 每发现一次扣1分，最多扣3分; 每次扣2分 (no cap).
  const rules: MethodInput = {
    type: "deductions",
    rules: [
      { code: "a", text: "未召开党委会议研究工会工作的", points: 5 },
      { code: "b", text: "台账不全的", points: 1, perOccurrence: true, cap: 3 },
      { code: "c", text: "通报问题未按期整改的", points: 2, perOccurrence: true },
    ],
  };

  it("deducts points × count per rule from the max", () => {
    expect(scoreOf(rules, 10, { deductions: {} })).toBe("10.00");
    expect(scoreOf(rules, 10, { deductions: { a: 0 } })).toBe("10.00");
    // 10 − 5 − 2 × 1 = 3
    expect(scoreOf(rules, 10, { deductions: { a: 1, b: 2 } })).toBe("3.00");
    // 10 − 2 × 2 = 6
    expect(scoreOf(rules, 10, { deductions: { c: 2 } })).toBe("6.00");
  });

  it("caps a rule's total deduction at its cap", () => {
    // 5 × 1 = 5, capped at 3 → 10 − 3 = 7
    expect(scoreOf(rules, 10, { deductions: { b: 5 } })).toBe("7.00");
  });

  it("never goes below 0 (扣完为止)", () => {
    // 5 + 4 × 2 = 13 > 10
    expect(scoreOf(rules, 10, { deductions: { a: 1, c: 4 } })).toBe("0.00");
  });

  it("rejects a count above 1 on a once-only rule, an unknown rule and a missing input", () => {
    expect(problemsOf(rules, 10, { deductions: { a: 2 } })).toEqual(["rule a applies once, not 2 times"]);
    expect(problemsOf(rules, 10, { deductions: { z: 1 } })).toEqual(["unknown deduction rule z"]);
    expect(problemsOf(rules, 10, undefined)).toEqual(["no input was given"]);
    expect(problemsOf(rules, 10, { note: "无" })[0]).toContain("needs {deductions");
  });
});

describe("checklist", () => {
  // (6分)(每项1.5分，未按要求落实的项目不得分)
  const fourItems: MethodInput = {
    type: "checklist",
    items: [
      { code: "1", text: "主席及成员按规定任免", points: 1.5 },
      { code: "2", text: "企业工会主席按规定配备", points: 1.5 },
      { code: "3", text: "配备兼职经审干部", points: 1.5 },
      { code: "4", text: "女职工委员会主任按规定配备", points: 1.5 },
    ],
  };

  it("adds the points of the items met", () => {
    expect(scoreOf(fourItems, 6, { checked: ["1", "3"] })).toBe("3.00");
    expect(scoreOf(fourItems, 6, { checked: [] })).toBe("0.00");
    expect(scoreOf(fourItems, 6, { checked: ["1", "2", "3", "4"] })).toBe("6.00");
    expect(scoreOf(fourItems, 6, { checked: ["2", "2"] })).toBe("1.50");
  });

  it("caps the sum at the max", () => {
    const generous: MethodInput = {
      type: "checklist",
      items: [
        { code: "x", text: "甲", points: 2 },
        { code: "y", text: "乙", points: 2 },
        { code: "z", text: "丙", points: 2 },
      ],
    };
    expect(scoreOf(generous, 5, { checked: ["x", "y"] })).toBe("4.00");
    expect(scoreOf(generous, 5, { checked: ["x", "y", "z"] })).toBe("5.00");
  });

  it("rejects an unknown item", () => {
    expect(problemsOf(fourItems, 6, { checked: ["1", "9"] })).toEqual(["unknown checklist item 9"]);
  });
});

describe("levels", () => {
  const levels: MethodInput = {
    type: "levels",
    levels: [
      { code: "A", name: "好", share: 1 },
      { code: "B", name: "较好", share: 0.8 },
      { code: "C", name: "一般", share: 0.6 },
      { code: "D", name: "差", share: 0 },
    ],
  };

  it("gives share × max", () => {
    expect(scoreOf(levels, 14, { level: "B" })).toBe("11.20");
    expect(scoreOf(levels, 14, "C")).toBe("8.40");
    expect(scoreOf(levels, 14, "A")).toBe("14.00");
    expect(scoreOf(levels, 14, "D")).toBe("0.00");
    // 0.6 × 2.5 = 1.5
    expect(scoreOf(levels, 2.5, "C")).toBe("1.50");
  });

  it("rejects an unknown level", () => {
    expect(problemsOf(levels, 14, { level: "E" })).toEqual(['level "E" is not one of A, B, C, D']);
  });
});

describe("boolean", () => {
  it("gives trueShare or falseShare × max", () => {
    const yesNo: MethodInput = { type: "boolean" };
    expect(scoreOf(yesNo, 4, true)).toBe("4.00");
    expect(scoreOf(yesNo, 4, false)).toBe("0.00");
    expect(scoreOf(yesNo, 4, { value: true })).toBe("4.00");
    const half: MethodInput = { type: "boolean", trueShare: 1, falseShare: 0.5 };
    expect(scoreOf(half, 3, false)).toBe("1.50");
  });

  it("rejects a missing answer", () => {
    expect(problemsOf({ type: "boolean" }, 4, { note: "?" })).toEqual([
      "a yes/no indicator needs true or false",
    ]);
  });
});

describe("formula", () => {
  const fields: FieldInput[] = [
    { code: "enrolled", name: "在校生数" },
    { code: "population", name: "适龄人口" },
  ];
  const rate = (scoring: Extract<MethodInput, { type: "formula" }>["scoring"]): MethodInput => ({
    type: "formula",
    value: "enrolled / population",
    scoring,
  });
  const score = (method: MethodInput, max: number, enrolled: number, population = 1000) =>
    scoreOf(method, max, undefined, { enrolled, population }, fields);

  it("threshold: 入学率 ≥ 95% gives full marks, below gives the fail share", () => {
    const threshold = rate({ type: "threshold", op: ">=", value: 0.95 });
    expect(score(threshold, 10, 950)).toBe("10.00");
    expect(score(threshold, 10, 949)).toBe("0.00");
    const half = rate({ type: "threshold", op: "<", value: 0.03, pass: 1, fail: 0.5 });
    expect(score(half, 10, 29)).toBe("10.00");
    expect(score(half, 10, 30)).toBe("5.00");
  });

  it("bands: the first band whose bounds hold, with atLeast ≥, above >, atMost ≤, below <", () => {
    const bands = rate({
      type: "bands",
      bands: [
        { atLeast: 0.98, share: 1 },
        { above: 0.95, share: 0.8 },
        { atLeast: 0.9, below: 0.95, share: 0.5 },
        { score: 1 },
      ],
    });
    expect(score(bands, 10, 980)).toBe("10.00");
    expect(score(bands, 10, 979)).toBe("8.00");
    // 0.95 is not above 0.95, and not below 0.95 either: falls through to the open band
    expect(score(bands, 10, 950)).toBe("1.00");
    expect(score(bands, 10, 949)).toBe("5.00");
    expect(score(bands, 10, 900)).toBe("5.00");
    expect(score(bands, 10, 899)).toBe("1.00");

    // 辍学率 ≤ 3% full, < 5% half, otherwise no band → 0
    const dropout = rate({
      type: "bands",
      bands: [
        { atMost: 0.03, share: 1 },
        { below: 0.05, share: 0.5 },
      ],
    });
    expect(score(dropout, 6, 30)).toBe("6.00");
    expect(score(dropout, 6, 31)).toBe("3.00");
    expect(score(dropout, 6, 49)).toBe("3.00");
    expect(score(dropout, 6, 50)).toBe("0.00");
  });

  it("linear: interpolates between points and clamps outside them", () => {
    const linear = rate({
      type: "linear",
      points: [
        [0.6, 0],
        [0.9, 1],
      ],
    });
    // (0.75 − 0.6) / 0.3 = 0.5 → 10
    expect(score(linear, 20, 750)).toBe("10.00");
    // (0.8 − 0.6) / 0.3 = 2/3 → 13.333…
    expect(score(linear, 20, 800)).toBe("13.33");
    expect(score(linear, 20, 600)).toBe("0.00");
    expect(score(linear, 20, 500)).toBe("0.00");
    expect(score(linear, 20, 900)).toBe("20.00");
    expect(score(linear, 20, 950)).toBe("20.00");

    const segments = rate({
      type: "linear",
      points: [
        [0, 0],
        [0.5, 0.6],
        [1, 1],
      ],
    });
    // second segment: 0.6 + (0.75 − 0.5) / 0.5 × 0.4 = 0.8 → 16
    expect(score(segments, 20, 750)).toBe("16.00");
    // first segment: 0.25 / 0.5 × 0.6 = 0.3 → 6
    expect(score(segments, 20, 250)).toBe("6.00");
  });

  it("linear: falls as well as rises (辍学率: 1% full marks, 3% none)", () => {
    const dropout = rate({
      type: "linear",
      points: [
        [0.01, 1],
        [0.03, 0],
      ],
    });
    // (0.02 − 0.01) / 0.02 of the way from 1 to 0 → 0.5 × 6 = 3
    expect(score(dropout, 6, 20)).toBe("3.00");
    expect(score(dropout, 6, 5)).toBe("6.00");
    expect(score(dropout, 6, 40)).toBe("0.00");
  });

  it("reads other indicators' scores and rates, wherever they are in the scheme", () => {
    const scheme = buildScheme({
      indicators: [
        {
          code: "B",
          name: "工作成效",
          max: 10,
          method: {
            type: "formula",
            value: 'rate("A") >= 80 ? score("A") / 5 : 0',
            scoring: { type: "direct" },
          },
        },
        { code: "A", name: "工作落实", max: 50, method: { type: "manual" } },
      ],
    });
    const scoreB = (a: number) =>
      evaluateUnits(scheme, [{ unit: "U", scores: { A: a } }]).units[0]!.indicators.B!.score;
    // A = 42 of 50 is 84% ≥ 80: B = 42 / 5 = 8.4
    expect(scoreB(42)).toBe("8.40");
    // A = 39 of 50 is 78%
    expect(scoreB(39)).toBe("0.00");
  });

  it("direct: the value is the score, clamped to [0, max]", () => {
    const direct: MethodInput = {
      type: "formula",
      value: "enrolled - population",
      scoring: { type: "direct" },
    };
    expect(score(direct, 10, 1007.25)).toBe("7.25");
    expect(score(direct, 10, 1012)).toBe("10.00");
    expect(score(direct, 10, 997)).toBe("0.00");
  });

  it("share: value × max, clamped", () => {
    const share = rate({ type: "share" });
    expect(score(share, 10, 456)).toBe("4.56");
    expect(score(share, 10, 1200)).toBe("10.00");
  });

  it("reports a missing field by its code and name", () => {
    const threshold = rate({ type: "threshold", op: ">=", value: 0.95 });
    const messages = problemsOf(threshold, 10, undefined, { enrolled: 950 }, fields);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain("population");
    expect(messages[0]).toContain("适龄人口");
    const empty = problemsOf(threshold, 10, undefined, { enrolled: 950, population: null }, fields);
    expect(empty[0]).toContain("population");
  });

  it("takes no score", () => {
    const threshold = rate({ type: "threshold", op: ">=", value: 0.95 });
    expect(problemsOf(threshold, 10, 5, { enrolled: 1, population: 1 }, fields)).toEqual([
      "this indicator is computed from data; it takes no score",
    ]);
  });
});

describe("satisfaction", () => {
  const answers = [
    { code: "vs", name: "很满意", satisfied: true, points: 100 },
    { code: "s", name: "满意", satisfied: true, points: 80 },
    { code: "b", name: "基本满意", points: 60 },
    { code: "u", name: "不满意", points: 0 },
  ];
  const counts = { vs: 50, s: 30, b: 15, u: 5 };

  it("rate: the satisfied answers' share of all valid answers", () => {
    // (50 + 30) / 100 = 0.8 → 0.8 × 10
    expect(
      scoreOf({ type: "satisfaction", answers, scoring: { type: "share" } }, 10, { answers: counts }),
    ).toBe("8.00");
    // answers left out count as 0: 50 / (50 + 25) = 2/3 → 6.666…
    expect(
      scoreOf({ type: "satisfaction", answers, scoring: { type: "share" } }, 10, {
        answers: { vs: 50, u: 25 },
      }),
    ).toBe("6.67");
  });

  it("rate over a configurable set of satisfied answers", () => {
    const wider = answers.map((a) => (a.code === "b" ? { ...a, satisfied: true } : a));
    // (50 + 30 + 15) / 100 = 0.95
    expect(
      scoreOf({ type: "satisfaction", answers: wider, scoring: { type: "share" } }, 10, { answers: counts }),
    ).toBe("9.50");
    const threshold: MethodInput = {
      type: "satisfaction",
      answers: wider,
      scoring: { type: "threshold", op: ">=", value: 0.96 },
    };
    expect(scoreOf(threshold, 10, { answers: counts })).toBe("0.00");
  });

  it("mean: Σ count × points / Σ count, then scored", () => {
    // (50×100 + 30×80 + 15×60 + 5×0) / 100 = 83; linear 60 → 0, 100 → 1: 23 / 40 = 0.575 → 5.75
    const mean: MethodInput = {
      type: "satisfaction",
      answers,
      measure: "mean",
      scoring: {
        type: "linear",
        points: [
          [60, 0],
          [100, 1],
        ],
      },
    };
    expect(scoreOf(mean, 10, { answers: counts })).toBe("5.75");
    const direct: MethodInput = {
      type: "satisfaction",
      answers,
      measure: "mean",
      scoring: { type: "direct" },
    };
    // 83 clamped to the max 20
    expect(scoreOf(direct, 20, { answers: counts })).toBe("20.00");
    expect(scoreOf(direct, 100, { answers: counts })).toBe("83.00");
  });

  it("requires minResponses valid answers, and at least one", () => {
    const method: MethodInput = {
      type: "satisfaction",
      answers,
      minResponses: 30,
      scoring: { type: "share" },
    };
    expect(problemsOf(method, 10, { answers: { vs: 10, u: 10 } })).toEqual([
      "20 valid answers, fewer than the 30 required",
    ]);
    expect(scoreOf(method, 10, { answers: { vs: 15, u: 15 } })).toBe("5.00");
    const any: MethodInput = { type: "satisfaction", answers, scoring: { type: "share" } };
    expect(problemsOf(any, 10, { answers: {} })).toEqual(["0 valid answers, fewer than the 1 required"]);
  });

  it("rejects an unknown answer", () => {
    const method: MethodInput = { type: "satisfaction", answers, scoring: { type: "share" } };
    expect(problemsOf(method, 10, { answers: { vs: 3, maybe: 1 } })).toEqual(["unknown answer maybe"]);
  });
});
