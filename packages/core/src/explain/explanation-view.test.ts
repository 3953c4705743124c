import { describe, expect, it } from "vitest";
import { buildScheme } from "../__fixtures__/build-scheme.js";
import { evaluateUnits } from "../evaluate.js";
import { explainUnit } from "./explain-unit.js";
import { explanationView } from "./explanation-view.js";

const scheme = buildScheme({
  indicators: [
    { code: "A", name: "制度", max: 10, method: { type: "manual", step: 0.5 } },
    {
      code: "B",
      name: "活动",
      max: 10,
      method: {
        type: "deductions",
        rules: [{ code: "B.a", text: "每少一次扣2.5分", points: 2.5, perOccurrence: true }],
      },
    },
  ],
});

describe("explanationView", () => {
  it("turns scores into decimal strings and keeps counts and ranks as numbers", () => {
    const evaluation = evaluateUnits(scheme, [
      { unit: "U1", scores: { A: 8.5, B: { deductions: { "B.a": 2 } } } },
    ]);
    const view = explanationView(explainUnit(evaluation, "U1")) as any;
    expect(view.total).toBe("13.5");
    expect(view.max).toBe("20");
    expect(view.rank).toBe(1);
    const b = view.indicators.find((i: { code: string }) => i.code === "B");
    expect(b.score).toBe("5");
    expect(b.trace.applied[0]).toMatchObject({ points: "2.5", count: 2, amount: "5" });
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
  });
});
