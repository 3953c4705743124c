import { describe, expect, it } from "vitest";
import { Decimal } from "../numbers/decimal.js";
import { StatisticsInputError } from "./errors.js";
import { weightedCoefficientOfVariation } from "./weighted-cv.js";

/** The Ministry's worked example: five schools' students and books. */
const PUBLISHED = [
  { id: "S1", students: 45, books: 279 },
  { id: "S2", students: 37, books: 137 },
  { id: "S3", students: 89, books: 935 },
  { id: "S4", students: 76, books: 160 },
  { id: "S5", students: 55, books: 402 },
];

function thrown(run: () => unknown): StatisticsInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof StatisticsInputError) return error;
    throw error;
  }
  throw new Error("expected a StatisticsInputError");
}

describe("weightedCoefficientOfVariation", () => {
  it("reproduces the published 差异系数 of 0.515257 for books per student", () => {
    const result = weightedCoefficientOfVariation(
      PUBLISHED.map((s) => ({
        id: s.id,
        value: new Decimal(s.books).dividedBy(s.students),
        weight: s.students,
      })),
    );
    expect(result.cv.toDecimalPlaces(6).toString()).toBe("0.515257");
    expect(result.totalWeight.toString()).toBe("302");
    expect(result.mean.toDecimalPlaces(6).toString()).toBe("6.334437");
    expect(result.standardDeviation.toDecimalPlaces(6).toString()).toBe("3.263861");
    expect(result.count).toBe(5);
  });

  it("keeps 40 significant digits, so the mean is books ÷ students to the last place", () => {
    const result = weightedCoefficientOfVariation(
      PUBLISHED.map((s) => ({
        id: s.id,
        value: new Decimal(s.books).dividedBy(s.students),
        weight: s.students,
      })),
    );
    expect(result.mean.minus(new Decimal(1913).dividedBy(302)).abs().lte("1e-38")).toBe(true);
  });

  it("is 0 when every school has the same value", () => {
    const result = weightedCoefficientOfVariation([
      { id: "A", value: 3, weight: 10 },
      { id: "B", value: "3.0", weight: 99 },
    ]);
    expect(result.cv.isZero()).toBe(true);
  });

  it("for two equally weighted schools is |a − b| / (a + b)", () => {
    const result = weightedCoefficientOfVariation([
      { id: "A", value: "0.9965", weight: 100 },
      { id: "B", value: "1.0035", weight: 100 },
    ]);
    expect(result.cv.toString()).toBe("0.0035");
  });

  it("names the school and the field of a zero weight and a negative value, together", () => {
    const error = thrown(() =>
      weightedCoefficientOfVariation(
        [
          { id: "S1", value: 1, weight: 0 },
          { id: "S2", value: -2, weight: 5 },
        ],
        "primary.booksPerStudent",
      ),
    );
    expect(error.problems).toEqual([
      expect.objectContaining({ unit: "S1", path: "weight", message: "must be greater than 0" }),
      expect.objectContaining({ unit: "S2", path: "primary.booksPerStudent" }),
    ]);
    expect(error.message).toContain("S2");
    expect(error.message).toContain("must not be negative");
  });

  it("rejects text that is not a decimal", () => {
    const error = thrown(() =>
      weightedCoefficientOfVariation([
        { id: "S1", value: "12,5", weight: 1 },
        { id: "S2", value: 1, weight: 1 },
      ]),
    );
    expect(error.problems[0]).toMatchObject({ unit: "S1", path: "value" });
  });

  it("needs at least two schools", () => {
    const error = thrown(() =>
      weightedCoefficientOfVariation([{ id: "S1", value: 1, weight: 1 }], "junior.x"),
    );
    expect(error.problems).toEqual([expect.objectContaining({ path: "junior.x" })]);
    expect(error.message).toContain("at least 2 schools, got 1");
  });

  it("refuses a mean of 0, where the coefficient is undefined", () => {
    const error = thrown(() =>
      weightedCoefficientOfVariation([
        { id: "S1", value: 0, weight: 1 },
        { id: "S2", value: 0, weight: 2 },
      ]),
    );
    expect(error.message).toContain("undefined");
  });
});
