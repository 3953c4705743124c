import { describe, expect, it } from "vitest";
import { parseFraction, stratumCount } from "./fraction.js";

describe("parseFraction", () => {
  it("reads ratios and decimals exactly", () => {
    expect(parseFraction("1/3")).toEqual({ numerator: 1n, denominator: 3n });
    expect(parseFraction(" 2 / 6 ")).toEqual({ numerator: 2n, denominator: 6n });
    expect(parseFraction("0.25")).toEqual({ numerator: 25n, denominator: 100n });
    expect(parseFraction("1")).toEqual({ numerator: 1n, denominator: 1n });
  });

  it("refuses anything not above 0 and at most 1", () => {
    for (const text of ["0", "0/5", "5/4", "1.01", "1/0", "", ".5", "1e-1", "⅓"]) {
      expect(parseFraction(text)).toBeUndefined();
    }
  });
});

describe("stratumCount", () => {
  const third = { numerator: 1n, denominator: 3n };
  it("rounds one third of 7 up, half-up and down", () => {
    expect(stratumCount(7, third, "ceil", 0)).toBe(3);
    expect(stratumCount(7, third, "halfUp", 0)).toBe(2);
    expect(stratumCount(7, third, "floor", 0)).toBe(2);
  });

  it("rounds an exact half up under halfUp", () => {
    expect(stratumCount(5, { numerator: 1n, denominator: 2n }, "halfUp", 0)).toBe(3);
  });

  it("raises to the minimum but never past the stratum's size", () => {
    expect(stratumCount(2, third, "floor", 1)).toBe(1);
    expect(stratumCount(2, third, "ceil", 5)).toBe(2);
  });
});
