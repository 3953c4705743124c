import { evaluateUnits, type UnitInputData } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { buildScheme, inputProblems, type SchemeBody } from "../__fixtures__/build-scheme.js";

/** 100 points in one manual leaf, bonus items J1, J2 (≤ 2 each) and J3 (≤ 1), at most 3 in all. */
const withBonus: SchemeBody = {
  indicators: [{ code: "A", name: "工作目标", max: 100, method: { type: "manual" } }],
  bonus: {
    items: [
      { code: "J1", name: "重大创新", max: 2 },
      { code: "J2", name: "调研成果", max: 2 },
      { code: "J3", name: "表彰", max: 1 },
    ],
    cap: 3,
  },
};

function bonusResult(score: number, bonus: UnitInputData["bonus"]) {
  return evaluateUnits(buildScheme(withBonus), [{ unit: "U", scores: { A: score }, bonus }]).units[0]!;
}

describe("bonus (加分项)", () => {
  it("adds each item up to its max (每项加分最高不超过2分)", () => {
    const u = bonusResult(80, { J1: 1.5, J3: 0.5 });
    expect(u.bonus).toBe("2.00");
    expect(u.total).toBe("82.00");
    // J1 2.5 counts 2
    expect(bonusResult(80, { J1: 2.5 }).bonus).toBe("2.00");
  });

  it("caps the sum at bonus.cap", () => {
    // 2 (of 2.5) + 1.5 + 1 = 4.5 → 3
    const u = bonusResult(80, { J1: 2.5, J2: 1.5, J3: 1 });
    expect(u.bonus).toBe("3.00");
    expect(u.total).toBe("83.00");
  });

  it("adds after re-basing, so a total may exceed the max, and leaves points and rate alone", () => {
    const u = bonusResult(99, { J1: "2.5" });
    expect(u.total).toBe("101.00");
    expect(u.points).toBe("99.00");
    expect(u.rate).toBe("99.00");
  });

  it("rejects an unknown item and a negative bonus", () => {
    const problems = inputProblems(() =>
      evaluateUnits(buildScheme(withBonus), [{ unit: "U", scores: { A: 80 }, bonus: { J9: 1, J2: -1 } }]),
    );
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      ["bonus.J9", "unknown bonus item J9"],
      ["bonus.J2", "a bonus cannot be negative"],
    ]);
  });

  it("adds a bonus with no cap as the sum of the items", () => {
    const uncapped = buildScheme({ ...withBonus, bonus: { items: withBonus.bonus!.items } });
    const [u] = evaluateUnits(uncapped, [
      { unit: "U", scores: { A: 90 }, bonus: { J1: 2, J2: 2, J3: 1 } },
    ]).units;
    expect(u!.bonus).toBe("5.00");
    expect(u!.total).toBe("95.00");
  });
});

describe("veto effects on the score", () => {
  const scheme = (effect: "zero" | "fail"): SchemeBody => ({
    fields: [{ code: "accident", name: "发生重大安全事故", type: "boolean" }],
    indicators: [{ code: "A", name: "工作目标", max: 100, method: { type: "manual" } }],
    vetoes: [{ code: "V1", name: "重大安全事故", when: "accident", effect }],
    grading: {
      grades: [
        { code: "good", name: "合格", min: 60 },
        { code: "bad", name: "不合格" },
      ],
    },
  });

  it("zero sets the total to 0 but keeps the points and the rate", () => {
    const [u] = evaluateUnits(buildScheme(scheme("zero")), [
      { unit: "U", data: { accident: true }, scores: { A: 95 } },
    ]).units;
    expect(u!.total).toBe("0.00");
    expect(u!.points).toBe("95.00");
    expect(u!.vetoes).toEqual(["V1"]);
    expect(u!.grade).toBe("bad");
  });

  it("applies only when its condition holds", () => {
    const [u] = evaluateUnits(buildScheme(scheme("zero")), [
      { unit: "U", data: { accident: false }, scores: { A: 95 } },
    ]).units;
    expect(u!.total).toBe("95.00");
    expect(u!.vetoes).toEqual([]);
  });

  it("reports a condition that cannot be evaluated as an input problem naming the veto", () => {
    const problems = inputProblems(() =>
      evaluateUnits(buildScheme(scheme("fail")), [{ unit: "U", scores: { A: 95 } }]),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe("vetoes.V1");
    expect(problems[0]!.message).toContain("accident");
  });
});
