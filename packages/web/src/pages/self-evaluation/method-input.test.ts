import { describe, expect, it } from "vitest";
import { checkForm, deductedPoints, formFromInput, inputFromForm, type Method } from "./method-input.js";

const manual: Method = { type: "manual", step: 0.5 };
const deductions: Method = {
  type: "deductions",
  rules: [
    { code: "A4.a", text: "C类危房", points: 10, perOccurrence: true, cap: 40 },
    { code: "A4.b", text: "档案不健全", points: 10 },
  ],
};
const levels: Method = {
  type: "levels",
  levels: [
    { code: "I", name: "一类", share: 1 },
    { code: "NO", name: "未达标", share: 0 },
  ],
};

describe("leaf inputs and the form", () => {
  it("reads every shorthand of the scheme format", () => {
    expect(formFromInput(manual, 18)).toEqual({ na: false, score: 18 });
    expect(formFromInput(manual, "7.5")).toEqual({ na: false, score: 7.5 });
    expect(formFromInput(manual, { score: 44 })).toEqual({ na: false, score: 44 });
    expect(formFromInput(levels, "I")).toEqual({ na: false, level: "I" });
    expect(formFromInput({ type: "boolean" }, true)).toEqual({ na: false, value: true });
    expect(formFromInput(deductions, { deductions: { "A4.b": 1 }, note: "档案缺失" })).toEqual({
      na: false,
      deductions: { "A4.b": 1 },
      note: "档案缺失",
    });
    expect(formFromInput(manual, { na: true })).toEqual({ na: true });
  });

  it("leaves an empty form empty, so an untouched leaf stays unfilled", () => {
    expect(inputFromForm(manual, formFromInput(manual, null))).toBeNull();
    expect(inputFromForm(deductions, formFromInput(deductions, null))).toBeNull();
    expect(inputFromForm(levels, formFromInput(levels, null))).toBeNull();
  });

  it("writes the API's object inputs, dropping zero counts and keeping the note", () => {
    expect(inputFromForm(manual, { na: false, score: 19.5 })).toEqual({ score: 19.5 });
    expect(
      inputFromForm(deductions, { na: false, deductions: { "A4.a": 2, "A4.b": 0 }, note: "两处" }),
    ).toEqual({ deductions: { "A4.a": 2 }, note: "两处" });
    expect(inputFromForm(deductions, { na: false, deductions: {} })).toEqual({ deductions: {} });
    expect(inputFromForm({ type: "checklist", items: [] }, { na: false, checked: ["B1.a"] })).toEqual({
      checked: ["B1.a"],
    });
    expect(inputFromForm(levels, { na: false, level: "NO" })).toEqual({ level: "NO" });
    expect(inputFromForm({ type: "boolean" }, { na: false, value: false })).toEqual({ value: false });
    expect(inputFromForm(manual, { na: true, score: 3 })).toEqual({ na: true });
  });

  it("checks bounds, steps and counts before sending", () => {
    expect(checkForm(manual, 20, { na: false, score: 19.5 })).toEqual({});
    expect(checkForm(manual, 20, { na: false, score: 21 }).score?.key).toBe("self.error.scoreRange");
    expect(checkForm(manual, 20, { na: false, score: -1 }).score?.key).toBe("self.error.scoreRange");
    expect(checkForm(manual, 20, { na: false, score: 7.3 }).score?.key).toBe("self.error.scoreStep");
    expect(checkForm(deductions, 60, { na: false, deductions: { "A4.b": 2 } })).toEqual({
      "deductions.A4.b": { key: "self.error.once", params: { code: "A4.b" } },
    });
    expect(
      checkForm(deductions, 60, { na: false, deductions: { "A4.a": 1.5 } })["deductions.A4.a"]?.key,
    ).toBe("self.error.count");
  });

  it("adds up deductions with each rule's cap", () => {
    expect(deductedPoints(deductions, { na: false, deductions: { "A4.a": 5, "A4.b": 1 } })).toBe(50);
    expect(deductedPoints(deductions, { na: false, deductions: { "A4.a": 2 } })).toBe(20);
  });
});
