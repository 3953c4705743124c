import { describe, expect, it } from "vitest";
import { Decimal } from "../numbers/decimal.js";
import { StatisticsInputError } from "./errors.js";
import { QUALITY_BALANCE_INDICATORS, type QualityBalanceIndicatorCode } from "./indicators.js";
import { DEFAULT_QUALITY_STANDARDS, evaluateQualityBalance } from "./quality-balance.js";
import type { Quantity } from "./quantity.js";
import type { CompulsorySection, ResourceField, SchoolRecord } from "./school-record.js";

/**
 * A one-section school of `students` whose every indicator is `factor` × the default standard, except the
 * indicators in `factors`.
 */
function school(
  code: string,
  section: CompulsorySection,
  students: number,
  factor: Quantity = 1,
  factors: Partial<Record<QualityBalanceIndicatorCode, Quantity>> = {},
): SchoolRecord {
  const resources: Partial<Record<ResourceField, string>> = {};
  for (const { code: indicator, numerator, perStudents } of QUALITY_BALANCE_INDICATORS) {
    resources[numerator] = new Decimal(DEFAULT_QUALITY_STANDARDS[section][indicator])
      .times(factors[indicator] ?? factor)
      .times(students)
      .dividedBy(perStudents)
      .toString();
  }
  return { code, name: `学校${code}`, category: section, students: { [section]: students }, resources };
}

const juniorPair = [school("J1", "junior", 1000), school("J2", "junior", 1000, "1.1")];

describe("evaluateQualityBalance (2017 优质均衡)", () => {
  it("passes a school meeting 6 standards and 85% of the seventh, and says which standard each other misses", () => {
    const result = evaluateQualityBalance([
      school("P1", "primary", 1000),
      school("P2", "primary", 1000, 1, { sportsAreaPerStudent: "0.9" }),
      school("P3", "primary", 1000, 1, { sportsAreaPerStudent: "0.8" }),
      school("P4", "primary", 1000, 1, { sportsAreaPerStudent: "0.9", equipmentValuePerStudent: "0.9" }),
      ...juniorPair,
    ]);
    const primary = result.sections[0]!;
    expect(primary.schools.map((s) => [s.schoolCode, s.metCount, s.passed])).toEqual([
      ["P1", 7, true],
      ["P2", 6, true],
      ["P3", 6, false],
      ["P4", 5, false],
    ]);
    expect(primary.failingSchools.map((s) => s.schoolCode)).toEqual(["P3", "P4"]);
    const [p3Shortfall] = primary.failingSchools[0]!.shortfalls;
    expect(p3Shortfall).toMatchObject({ indicator: "sportsAreaPerStudent", name: "生均体育运动场馆面积" });
    expect([p3Shortfall!.value.toString(), p3Shortfall!.standard.toString(), p3Shortfall!.status]).toEqual([
      "6",
      "7.5",
      "below",
    ]);
    expect(primary.failingSchools[1]!.shortfalls.map((c) => [c.indicator, c.status])).toEqual([
      ["sportsAreaPerStudent", "near"],
      ["equipmentValuePerStudent", "near"],
    ]);
    expect(primary.standardsPassed).toBe(false);
    expect(result.passed).toBe(false);
    expect(result.sections[1]!.passed).toBe(true);
  });

  it("requires every indicator's CV to be at most 0.50 (小学) and 0.45 (初中)", () => {
    // Two equal schools at (1 − c) and (1 + c) times twice the standard: every CV is exactly c.
    const pair = (section: CompulsorySection, c: string) => [
      school(`${section}-a`, section, 100, new Decimal(1).minus(c).times(2)),
      school(`${section}-b`, section, 100, new Decimal(1).plus(c).times(2)),
    ];
    const result = evaluateQualityBalance([...pair("primary", "0.5"), ...pair("junior", "0.46")]);
    const [primary, junior] = result.sections;
    expect(primary!.indicators).toHaveLength(7);
    expect(primary!.indicators.every((i) => i.cvRounded.equals("0.5") && i.passed)).toBe(true);
    expect(primary!.passed).toBe(true);
    expect(junior!.indicators.map((i) => [i.cvRounded.toString(), i.threshold.toString(), i.passed])).toEqual(
      Array(7).fill(["0.46", "0.45", false]),
    );
    expect([junior!.cvPassed, junior!.standardsPassed, junior!.passed]).toEqual([false, true, false]);
  });

  it("checks a 九年一贯制 school's sections against their own standards after the 1 : 1.1 split", () => {
    // 100 primary and 100 junior students weigh 100 + 110 = 210: 945 m² gives 小学 4.5 m² per student
    // (the 小学 standard) and 初中 4.95 m², under 5.8 but above 85% of it (4.93).
    const figures = school("x", "junior", 210, 2).resources;
    const nineYear: SchoolRecord = {
      code: "N1",
      name: "九年一贯制学校",
      category: "nineYear",
      students: { primary: 100, junior: 100 },
      resources: { ...figures, teachingAuxiliaryArea: 945 },
    };
    const result = evaluateQualityBalance([
      school("P1", "primary", 500),
      school("P2", "primary", 500),
      nineYear,
      ...juniorPair,
    ]);
    const area = (section: number) =>
      result.sections[section]!.schools.find((s) => s.schoolCode === "N1")!.checks.find(
        (c) => c.indicator === "teachingAreaPerStudent",
      )!;
    expect([area(0).value.toString(), area(0).standard.toString(), area(0).status]).toEqual([
      "4.5",
      "4.5",
      "met",
    ]);
    expect([area(1).value.toString(), area(1).standard.toString(), area(1).status]).toEqual([
      "4.95",
      "5.8",
      "near",
    ]);
    expect(result.sections.every((s) => s.standardsPassed)).toBe(true);
  });

  it("takes the caller's standards over the defaults", () => {
    const result = evaluateQualityBalance([school("P1", "primary", 100), school("P2", "primary", 100)], {
      sections: ["primary"],
      standards: { primary: { teachingAreaPerStudent: "5" } },
    });
    const p1 = result.sections[0]!.schools[0]!;
    expect(p1.shortfalls.map((c) => [c.indicator, c.standard.toString(), c.status])).toEqual([
      ["teachingAreaPerStudent", "5", "near"],
    ]);
  });

  it("names a bad standard", () => {
    expect(() =>
      evaluateQualityBalance(juniorPair, {
        sections: ["junior"],
        standards: { junior: { sportsAreaPerStudent: 0 } },
      }),
    ).toThrow("must be greater than 0 (at standards.junior.sportsAreaPerStudent)");
  });

  it("names the school and field of a figure the 2017 rule needs", () => {
    const incomplete = school("J3", "junior", 100);
    delete incomplete.resources.backboneTeachers;
    expect(() => evaluateQualityBalance([...juniorPair, incomplete], { sections: ["junior"] })).toThrow(
      StatisticsInputError,
    );
    expect(() => evaluateQualityBalance([...juniorPair, incomplete], { sections: ["junior"] })).toThrow(
      "unit J3: is required (at resources.backboneTeachers)",
    );
  });
});
