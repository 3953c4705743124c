import { evaluateUnits, InputError, type UnitInputData } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { buildScheme, inputProblems } from "./__fixtures__/build-scheme.js";

const scheme = buildScheme({
  fields: [{ code: "staff", name: "在编人数", type: "integer" }],
  indicators: [
    { code: "A", name: "重点工作", max: 60, method: { type: "manual", step: 0.5 } },
    {
      code: "B",
      name: "共性工作",
      max: 40,
      children: [
        {
          code: "B1",
          name: "党委重视",
          max: 10,
          method: { type: "deductions", rules: [{ code: "a", text: "未召开会议的", points: 5 }] },
        },
        {
          code: "B2",
          name: "班子建设",
          max: 30,
          method: {
            type: "levels",
            levels: [
              { code: "A", name: "好", share: 1 },
              { code: "B", name: "较好", share: 0.8 },
            ],
          },
        },
      ],
    },
  ],
  bonus: { items: [{ code: "J", name: "创新", max: 2 }] },
});

const good = (unit: string): UnitInputData => ({
  unit,
  data: { staff: 12 },
  scores: { A: 50, B1: { deductions: {} }, B2: "A" },
});

describe("evaluateUnits", () => {
  it("publishes totals, points, rate and every indicator with the scheme's places", () => {
    const [u] = evaluateUnits(scheme, [
      { ...good("U"), scores: { A: 50.5, B1: { deductions: { a: 1 } }, B2: "B" } },
    ]).units;
    // 50.5 + 5 + 24 = 79.5
    expect(u).toMatchObject({
      unit: "U",
      total: "79.50",
      points: "79.50",
      rate: "79.50",
      bonus: "0.00",
      grade: null,
      rank: 1,
    });
    expect(Object.keys(u!.indicators)).toEqual(["A", "B1", "B2", "B"]);
    expect(u!.indicators.B).toEqual({ score: "29.00", max: "40.00", applicableMax: "40.00", na: false });
  });

  it("reports every problem of every unit at once, and scores nothing", () => {
    const units: UnitInputData[] = [
      good("ok"),
      {
        unit: "U1",
        data: { staff: 12 },
        scores: { A: 61, B1: { deductions: { z: 1 } }, B2: "C", X: 1 },
      },
      { unit: "U2", data: { staff: 12.5 }, scores: { A: 50, B2: "A" }, bonus: { K: 1 } },
    ];
    const problems = inputProblems(() => evaluateUnits(scheme, units));
    const seen = problems.map((p) => [p.unit, p.indicator ?? null, p.path]);
    expect(seen).toEqual(
      expect.arrayContaining([
        ["U1", null, "scores.X"],
        ["U1", "A", "scores.A"],
        ["U1", "B1", "scores.B1"],
        ["U1", "B2", "scores.B2"],
        ["U2", null, "data.staff"],
        ["U2", "B1", "scores.B1"],
        ["U2", null, "bonus.K"],
      ]),
    );
    expect(problems).toHaveLength(7);
    expect(problems.some((p) => p.unit === "ok")).toBe(false);
  });

  it("reports malformed units and duplicate codes together", () => {
    const units = [good("D"), good("D"), { unit: "bad code", scores: { A: [1] } }];
    const problems = inputProblems(() => evaluateUnits(scheme, units as UnitInputData[]));
    expect(problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(["units[1].unit", "units[2].unit", "units[2].scores.A"]),
    );
  });

  it("reports a malformed unit together with the scoring problems of the other units", () => {
    const units = [
      { ...good("U1"), scores: { A: 61, B1: { deductions: {} }, B2: "A" } },
      { unit: "U2", scores: "none" },
    ];
    const problems = inputProblems(() => evaluateUnits(scheme, units as UnitInputData[]));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ unit: "U2", path: "units[1].scores" }),
        expect.objectContaining({ unit: "U1", indicator: "A", message: "score 61 is outside 0–60" }),
      ]),
    );
  });

  it("describes each problem with its unit and indicator in the error's message", () => {
    try {
      evaluateUnits(scheme, [{ ...good("U1"), scores: { A: 61, B1: { deductions: {} }, B2: "A" } }]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).message).toBe(
        "unit U1, indicator A: score 61 is outside 0–60 (at scores.A)",
      );
    }
  });
});
