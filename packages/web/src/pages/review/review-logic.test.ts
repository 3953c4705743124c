import { describe, expect, it } from "vitest";
import { assignmentsBody, planOf, samePlan, withUnits } from "./assignment-plan.js";
import { conflictedUnits } from "./conflict.js";
import { drawCount, parseFraction, strataSizes } from "./draw-plan.js";
import { enterMovesOn, nextInOrder } from "./entry-navigation.js";
import { leafMethod } from "./leaf-method.js";
import {
  cleanScores,
  decimalProblem,
  describeInput,
  draftOf,
  sheetBody,
  sheetFieldErrors,
} from "./sheet-form.js";

describe("sheet form", () => {
  it("checks a typed score against the maximum", () => {
    expect(decimalProblem("", 100)).toBeNull();
    expect(decimalProblem("92.5", 100)).toBeNull();
    expect(decimalProblem("100", 100)).toBeNull();
    expect(decimalProblem("100.5", 100)).toBe("max");
    expect(decimalProblem("9x", 100)).toBe("format");
    expect(decimalProblem("-1", 100)).toBe("format");
  });

  it("sends a total sheet's total, and a leaf sheet's filled leaves only", () => {
    expect(sheetBody("total", { total: " 91.5 ", scores: { A1: 3 } }, null)).toEqual({
      total: "91.5",
      scores: {},
    });
    expect(sheetBody("total", { total: "", scores: {} }, 3)).toEqual({ version: 3, total: null, scores: {} });
    const leaves = sheetBody(
      "leaves",
      { total: "", scores: { "A1.2": 18, C4: undefined, A4: { deductions: {} }, E1: "" } },
      2,
    );
    expect(leaves).toEqual({ version: 2, scores: { "A1.2": 18, A4: { deductions: {} } } });
    // Switching a total sheet to leaves clears the stored total.
    expect(sheetBody("leaves", { total: "90", scores: { B1: 5 } }, 4)).toEqual({
      version: 4,
      total: null,
      scores: { B1: 5 },
    });
    expect(cleanScores({ a: null, b: 0, c: false })).toEqual({ b: 0, c: false });
  });

  it("reopens a stored sheet in the mode it was saved in", () => {
    expect(draftOf(undefined, "total")).toEqual({ mode: "total", draft: { total: "", scores: {} } });
    expect(draftOf({ total: "91", scores: {} }, "total").mode).toBe("total");
    expect(draftOf({ total: null, scores: { A1: 2 } }, "total").mode).toBe("leaves");
    expect(draftOf({ total: null, scores: { A1: 2 } }, "leaves").draft.scores).toEqual({ A1: 2 });
  });

  it("puts the server's errors at the total or the leaf they name", () => {
    expect(
      sheetFieldErrors(
        {
          total: ["must be a decimal from 0 to 100"],
          "scores.A1.2": ["above 20"],
          "scores.A4.deductions.A4.a": ["x"],
        },
        ["A1", "A1.2", "A4"],
      ),
    ).toEqual({ total: "must be a decimal from 0 to 100", "A1.2": "above 20", A4: "x" });
  });

  it("reads the scheme's methods and describes inputs", () => {
    const levels = leafMethod({ type: "levels", levels: [{ code: "I", name: "一类", share: 1 }] });
    expect(describeInput(levels, { level: "I" }, ["是", "否"])).toBe("一类");
    const deductions = leafMethod({
      type: "deductions",
      rules: [{ code: "A4.a", text: "x", points: 10, perOccurrence: true }],
    });
    expect(deductions).toEqual({
      type: "deductions",
      rules: [{ code: "A4.a", text: "x", points: "10", perOccurrence: true }],
    });
    expect(describeInput(deductions, { deductions: { "A4.a": 2 } }, ["是", "否"])).toBe("A4.a×2");
    expect(describeInput(deductions, { deductions: {} }, ["是", "否"])).toBe("0");
    expect(describeInput(leafMethod({ type: "boolean" }), true, ["是", "否"])).toBe("是");
    expect(leafMethod({ type: "formula", value: "a/b" })).toEqual({ type: "computed" });
    expect(leafMethod(null)).toEqual({ type: "computed" });
  });
});

describe("keyboard entry", () => {
  it("moves on with Enter from boxes and closed selects, not from open selects or text areas", () => {
    expect(enterMovesOn({ tagName: "INPUT", type: "text" })).toBe(true);
    expect(enterMovesOn({ tagName: "INPUT", type: "checkbox" })).toBe(true);
    expect(enterMovesOn({ tagName: "INPUT", role: "combobox", expanded: "false" })).toBe(true);
    expect(enterMovesOn({ tagName: "INPUT", role: "combobox", expanded: "true" })).toBe(false);
    expect(enterMovesOn({ tagName: "TEXTAREA" })).toBe(false);
    expect(enterMovesOn({ tagName: "BUTTON" })).toBe(false);
  });

  it("goes to the next input in order, none after the last", () => {
    expect(nextInOrder(["a", "b", "c"], "a")).toBe("b");
    expect(nextInOrder(["a", "b", "c"], "c")).toBeUndefined();
    expect(nextInOrder(["a"], "z")).toBeUndefined();
  });
});

describe("conflict of interest", () => {
  it("is the reviewer's own organisation and every one above it", () => {
    const parents = new Map<string, string | null>([
      ["county", null],
      ["federation", "county"],
      ["T01", "federation"],
      ["T02", "federation"],
    ]);
    expect([...conflictedUnits("T01", parents)]).toEqual(["T01", "federation", "county"]);
    expect(conflictedUnits("federation", parents).has("T01")).toBe(false);
    expect(conflictedUnits(null, parents).size).toBe(0);
  });
});

describe("assignment plan", () => {
  it("round-trips the API's assignments and drops reviewers left with no unit", () => {
    const plan = planOf([
      { userId: "u1", groupCode: "LD", organisationIds: ["b", "a"] },
      { userId: "u2", groupCode: "FZR", organisationIds: ["a"] },
    ]);
    const edited = withUnits(plan, "FZR", "u2", []);
    expect(assignmentsBody(edited)).toEqual([{ userId: "u1", groupCode: "LD", organisationIds: ["a", "b"] }]);
    expect(samePlan(plan, planOf(assignmentsBody(plan)))).toBe(true);
    expect(samePlan(plan, edited)).toBe(false);
  });
});

describe("draw plan", () => {
  it("takes at least a third of each category: 5 初中 give 2, 7 小学 give 3", () => {
    const third = parseFraction("1/3")!;
    // ceil: 5/3 = 1.67 → 2 and 7/3 = 2.33 → 3; half-up would give 2 and 2, floor 1 and 2.
    expect(drawCount(5, third, "ceil", 1)).toBe(2);
    expect(drawCount(7, third, "ceil", 1)).toBe(3);
    expect(drawCount(7, third, "halfUp", 1)).toBe(2);
    expect(drawCount(5, third, "floor", 1)).toBe(1);
    expect(drawCount(6, third, "ceil", 1)).toBe(2);
    expect(drawCount(2, parseFraction("0.1")!, "floor", 1)).toBe(1);
    expect(drawCount(2, parseFraction("1")!, "ceil", 5)).toBe(2);
  });

  it("reads fractions and counts the strata in the server's order", () => {
    expect(parseFraction("0.25")).toEqual({ numerator: 25, denominator: 100 });
    expect(parseFraction("4/3")).toBeUndefined();
    expect(parseFraction("0")).toBeUndefined();
    expect(parseFraction("abc")).toBeUndefined();
    expect(strataSizes(["XX", "CZ", "XX", null])).toEqual([
      { value: "", size: 1 },
      { value: "CZ", size: 1 },
      { value: "XX", size: 2 },
    ]);
  });
});
