import { describe, expect, it } from "vitest";
import { StatisticsInputError } from "./errors.js";
import { type SchoolRecord, splitIntoSections } from "./school-record.js";

function school(overrides: Partial<SchoolRecord>): SchoolRecord {
  return {
    code: "P1",
    name: "城关小学",
    category: "primary",
    students: { primary: 100 },
    resources: { books: 2000 },
    ...overrides,
  };
}

function problemsOf(schools: SchoolRecord[]) {
  try {
    splitIntoSections(schools, ["books"]);
  } catch (error) {
    if (error instanceof StatisticsInputError) return error;
    throw error;
  }
  throw new Error("expected a StatisticsInputError");
}

describe("splitIntoSections", () => {
  it("gives a one-section school its whole figures", () => {
    const [only] = splitIntoSections([school({})], ["books"]);
    expect(only).toMatchObject({ schoolCode: "P1", section: "primary" });
    expect(only!.students.toString()).toBe("100");
    expect(only!.resources.books!.toString()).toBe("2000");
  });

  it("splits a 九年一贯制 school 1 : 1.1 per student between 小学 and 初中", () => {
    // 100 primary and 50 junior students: 100×1 + 50×1.1 = 155 weighted students, 3100 books.
    // 小学 3100 × 100/155 = 2000 (20 per student); 初中 3100 × 55/155 = 1100 (22 per student).
    const sections = splitIntoSections(
      [
        school({
          code: "N1",
          category: "nineYear",
          students: { primary: 100, junior: 50 },
          resources: { books: 3100 },
        }),
      ],
      ["books"],
    );
    expect(sections.map((s) => [s.section, s.students.toString(), s.resources.books!.toString()])).toEqual([
      ["primary", "100", "2000"],
      ["junior", "50", "1100"],
    ]);
  });

  it("splits a 完全中学 1 : 1.2 per student between 初中 and 高中", () => {
    // 100 junior and 60 senior students: 100 + 72 = 172; 1720 books give 初中 1000 and 高中 720.
    const sections = splitIntoSections(
      [
        school({
          code: "C1",
          category: "complete",
          students: { junior: 100, senior: 60 },
          resources: { books: 1720 },
        }),
      ],
      ["books"],
    );
    expect(sections.map((s) => [s.section, s.resources.books!.toString()])).toEqual([
      ["junior", "1000"],
      ["senior", "720"],
    ]);
  });

  it("names the school and the field of a school with 0 students", () => {
    const error = problemsOf([school({ code: "P7", students: { primary: 0 } })]);
    expect(error.problems).toEqual([expect.objectContaining({ unit: "P7", path: "students.primary" })]);
    expect(error.message).toBe("unit P7: must be a whole number greater than 0, got 0 (at students.primary)");
  });

  it("names the school and the field of a negative figure", () => {
    const error = problemsOf([school({ code: "P8", resources: { books: -5 } })]);
    expect(error.message).toBe("unit P8: must not be negative, got -5 (at resources.books)");
  });

  it("reports every problem at once: duplicates, missing figures, sections a category lacks", () => {
    const error = problemsOf([
      school({ code: "P1" }),
      school({ code: "P1" }),
      school({ code: "P2", resources: {} }),
      school({ code: "P3", students: { primary: 10, junior: 5 } }),
      school({ code: "N1", category: "nineYear", students: { primary: 10 } }),
      school({ code: "P4", students: { primary: 10.5 } }),
    ]);
    expect(error.problems.map((p) => `${p.unit} ${p.path}`)).toEqual([
      "P1 code",
      "P2 resources.books",
      "P3 students.junior",
      "N1 students.junior",
      "P4 students.primary",
    ]);
  });

  it("accepts a section a category lacks when it has 0 students", () => {
    expect(splitIntoSections([school({ students: { primary: 10, junior: 0 } })], ["books"])).toHaveLength(1);
  });
});
