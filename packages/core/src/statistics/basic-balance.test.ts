import { describe, expect, it } from "vitest";
import { Decimal } from "../numbers/decimal.js";
import { evaluateBasicBalance } from "./basic-balance.js";
import { StatisticsInputError } from "./errors.js";
import { BASIC_BALANCE_INDICATORS } from "./indicators.js";
import type { Quantity } from "./quantity.js";
import type { ResourceField, SchoolCategory, SchoolRecord, Section } from "./school-record.js";

const FIELDS = BASIC_BALANCE_INDICATORS.map((i) => i.numerator);

/** A school whose every 2012 figure is `perStudent` × its students, unless `figures` says otherwise. */
function school(
  code: string,
  category: SchoolCategory,
  students: Partial<Record<Section, number>>,
  perStudent: Quantity,
  figures: Partial<Record<ResourceField, number>> = {},
): SchoolRecord {
  const total = Object.values(students).reduce((a, b) => a + b, 0);
  const resources = Object.fromEntries(
    FIELDS.map((f) => [f, new Decimal(perStudent).times(total).toString()]),
  );
  return { code, name: `学校${code}`, category, students, resources: { ...resources, ...figures } };
}

/** Two primary and two junior schools of 100 students whose eight indicators all have the given CVs. */
function countyWithCvs(primaryCv: string, juniorCv: string): SchoolRecord[] {
  const pair = (prefix: string, category: SchoolCategory, cv: string) => {
    const section = category === "primary" ? "primary" : "junior";
    return [
      school(`${prefix}1`, category, { [section]: 100 }, new Decimal(1).minus(cv).times(1000)),
      school(`${prefix}2`, category, { [section]: 100 }, new Decimal(1).plus(cv).times(1000)),
    ];
  };
  return [...pair("P", "primary", primaryCv), ...pair("J", "junior", juniorCv)];
}

describe("evaluateBasicBalance (2012 基本均衡)", () => {
  it("computes each section over its schools' sections, splitting a 九年一贯制 school 1 : 1.1", () => {
    // N1's 804 books over 55 primary and 50 junior students: 55 + 55 = 110 weighted students, so 402 books
    // go to each section: 小学 402/55 books per student, as the published example's fifth school; 初中 8.04.
    const schools = [
      school("P1", "primary", { primary: 45 }, 1, { books: 279 }),
      school("P2", "primary", { primary: 37 }, 1, { books: 137 }),
      school("P3", "primary", { primary: 89 }, 1, { books: 935 }),
      school("P4", "primary", { primary: 76 }, 1, { books: 160 }),
      school("N1", "nineYear", { primary: 55, junior: 50 }, 1, { books: 804 }),
      school("J1", "junior", { junior: 100 }, 1, { books: 1000 }),
      school("J2", "junior", { junior: 80 }, 1, { books: 560 }),
    ];
    const [primary, junior] = evaluateBasicBalance(schools).sections;
    const primaryBooks = primary!.indicators.find((i) => i.indicator === "booksPerStudent")!;
    expect(primaryBooks.cv.toDecimalPlaces(6).toString()).toBe("0.515257");
    expect(primaryBooks.schools.map((s) => s.schoolCode)).toEqual(["P1", "P2", "P3", "P4", "N1"]);

    // 初中 books per student 10, 7 and 8.04 over 100, 80 and 50 students: P = 230, X̄ = 1962/230.
    const juniorBooks = junior!.indicators.find((i) => i.indicator === "booksPerStudent")!;
    expect(juniorBooks.schools.map((s) => [s.schoolCode, s.students.toString(), s.value.toString()])).toEqual(
      [
        ["N1", "50", "8.04"],
        ["J1", "100", "10"],
        ["J2", "80", "7"],
      ],
    );
    expect(juniorBooks.totalStudents.toString()).toBe("230");
    expect(juniorBooks.mean.toDecimalPlaces(6).toString()).toBe("8.530435");
    expect(juniorBooks.cv.toDecimalPlaces(6).toString()).toBe("0.157536");
    expect(juniorBooks.cvRounded.toString()).toBe("0.158");
  });

  it("lists the eight indicators with their Chinese names", () => {
    const [primary] = evaluateBasicBalance(countyWithCvs("0.1", "0.1")).sections;
    expect(primary!.indicators.map((i) => i.name)).toEqual([
      "生均教学及辅助用房面积",
      "生均体育运动场馆面积",
      "生均教学仪器设备值",
      "每百名学生拥有计算机台数",
      "生均图书册数",
      "师生比",
      "生均高于规定学历教师数",
      "生均中级及以上专业技术职务教师数",
    ]);
    expect(primary!.indicators.every((i) => i.cv.equals("0.1"))).toBe(true);
  });

  it("averages the unrounded CVs and rounds the composite only at the end", () => {
    // Only books differ, with a CV of exactly 0.0035: the composite is 0.0035 / 8 = 0.0004375 → 0.000.
    // Rounding the single CV first (0.004 / 8 = 0.0005) would have given 0.001.
    const schools = [
      ...countyWithCvs("0", "0").filter((s) => s.category === "junior"),
      school("P1", "primary", { primary: 100 }, 1, { books: 99650 }),
      school("P2", "primary", { primary: 100 }, 1, { books: 100350 }),
    ];
    const [primary, junior] = evaluateBasicBalance(schools).sections;
    expect(junior!.composite.isZero()).toBe(true);
    expect(primary!.indicators.find((i) => i.indicator === "booksPerStudent")!.cv.toString()).toBe("0.0035");
    expect(primary!.composite.toString()).toBe("0.0004375");
    expect(primary!.compositeRounded.toFixed(3)).toBe("0.000");
  });

  it("passes a composite of at most 0.65 (小学) and 0.55 (初中), compared at three places", () => {
    const atThresholds = evaluateBasicBalance(countyWithCvs("0.65", "0.55"));
    expect(atThresholds.sections.map((s) => [s.section, s.compositeRounded.toString(), s.passed])).toEqual([
      ["primary", "0.65", true],
      ["junior", "0.55", true],
    ]);
    expect(atThresholds.passed).toBe(true);

    const roundedDown = evaluateBasicBalance(countyWithCvs("0.6504", "0.5504"));
    expect(roundedDown.sections.map((s) => s.passed)).toEqual([true, true]);

    const over = evaluateBasicBalance(countyWithCvs("0.6505", "0.5"));
    expect(
      over.sections.map((s) => [s.compositeRounded.toString(), s.threshold.toString(), s.passed]),
    ).toEqual([
      ["0.651", "0.65", false],
      ["0.5", "0.55", true],
    ]);
    expect(over.passed).toBe(false);
  });

  it("needs at least two schools in each evaluated section", () => {
    const schools = countyWithCvs("0.1", "0.1").filter((s) => s.code !== "J2");
    expect(() => evaluateBasicBalance(schools)).toThrow(/needs at least 2 schools, got 1 \(at junior\)/);
    expect(evaluateBasicBalance(schools, { sections: ["primary"] }).passed).toBe(true);
  });

  it("names the school and field of a missing figure", () => {
    const schools = countyWithCvs("0.1", "0.1");
    delete schools[2]!.resources.intermediateTitleTeachers;
    expect(() => evaluateBasicBalance(schools)).toThrow(StatisticsInputError);
    expect(() => evaluateBasicBalance(schools)).toThrow(
      "unit J1: is required (at resources.intermediateTitleTeachers)",
    );
  });
});
