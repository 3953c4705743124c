import { evaluateUnits } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { buildScheme } from "../__fixtures__/build-scheme.js";
import { FixedRangeError, format, formatShort, mul, mulDiv, ONE, roundTo, toFixed } from "./fixed.js";

/** Two manual leaves of 50 points each, published with `places` places. */
function twoLeaves(places: number) {
  return buildScheme({
    rounding: { places },
    indicators: [
      { code: "A", name: "甲", max: 50, method: { type: "manual" } },
      { code: "B", name: "乙", max: 50, method: { type: "manual" } },
    ],
  });
}

function total(a: number | string, b: number | string, places = 2): string {
  const [unit] = evaluateUnits(twoLeaves(places), [{ unit: "U", scores: { A: a, B: b } }]).units;
  return unit!.total;
}

describe("exact decimals through the engine", () => {
  it("adds 0.1 and 0.2 to exactly 0.3 (a float sum would be 0.30000000000000004)", () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(total(0.1, 0.2)).toBe("0.30");
    expect(total(0.1, 0.2, 4)).toBe("0.3000");
  });

  it("rounds the published total half up (四舍五入) at the scheme's places, also for x.xx5", () => {
    // 2.345 and 1.005 are not exact in binary (2.345 is 2.34499999…), so a float round would go down.
    expect(total(2.345, 0)).toBe("2.35");
    expect(total(45, 32.375)).toBe("77.38");
    expect(total("47.375", 30)).toBe("77.38");
    expect(total("47.374", 30)).toBe("77.37");
    expect(total(1.005, 0)).toBe("1.01");
    expect(total(2.5, 0, 0)).toBe("3");
    expect(total(1.25, 1.2, 1)).toBe("2.5");
    expect(total(0.0005, 0, 3)).toBe("0.001");
  });
});

describe("toFixed", () => {
  it("reads numbers and numeric strings as millionths, exactly", () => {
    expect(toFixed(0.1)).toBe(100_000);
    expect(toFixed("0.1")).toBe(100_000);
    expect(toFixed(85.5)).toBe(85_500_000);
    expect(toFixed("-3.25")).toBe(-3_250_000);
    expect(toFixed(2.345)).toBe(2_345_000);
  });

  it("keeps six places, rounding a seventh half up", () => {
    expect(toFixed("1.0000005")).toBe(1_000_001);
    expect(toFixed("1.0000004")).toBe(1_000_000);
    expect(toFixed(1.0000005)).toBe(1_000_001);
  });
});

describe("mulDiv", () => {
  it("rounds a × b ÷ c half up, and halves away from zero for negatives", () => {
    expect(mulDiv(1, 1, 3)).toBe(0);
    expect(mulDiv(2, 1, 3)).toBe(1);
    expect(mulDiv(1, 1, 2)).toBe(1);
    expect(mulDiv(-1, 1, 2)).toBe(-1);
    expect(mulDiv(5, 7, -2)).toBe(-18);
    expect(mulDiv(10, 10, 4)).toBe(25);
  });

  it("is exact when a × b exceeds 2^53 (the BigInt path)", () => {
    // 123 456 789 012 × 987 654 = 121 932 591 494 857 848, ÷ 10⁶ = 121 932 591 494.857848 → …495
    expect(123_456_789_012 * 987_654).toBeGreaterThan(2 ** 53);
    expect(mulDiv(123_456_789_012, 987_654, 1_000_000)).toBe(121_932_591_495);
    // (2^53 − 1) × 3 ÷ 3 is 2^53 − 1 again; in doubles the product 27 021 597 764 222 973 is not representable.
    expect(mulDiv(2 ** 53 - 1, 3, 3)).toBe(2 ** 53 - 1);
    // (2^53 − 1) × 3 ÷ 6 = 4 503 599 627 370 495.5 exactly: a true half, rounded up (away from zero).
    expect(mulDiv(2 ** 53 - 1, 3, 6)).toBe(4_503_599_627_370_496);
    expect(mulDiv(-(2 ** 53 - 1), 3, 6)).toBe(-4_503_599_627_370_496);
    expect(mulDiv(2 ** 53 - 1, 3, 7)).toBe(3_860_228_252_031_853);
  });

  it("refuses a result beyond 2^53 and a division by zero", () => {
    expect(() => mulDiv(2 ** 53 - 1, 4, 2)).toThrow(FixedRangeError);
    expect(() => mulDiv(1, 1, 0)).toThrow(FixedRangeError);
  });

  it("multiplies and divides Fixed values at six places", () => {
    expect(mul(toFixed(0.1), toFixed(0.2))).toBe(20_000);
    expect(mul(toFixed(0.4), toFixed(91.85))).toBe(36_740_000);
    expect(mulDiv(ONE, ONE, 3 * ONE)).toBe(333_333);
    expect(mulDiv(2 * ONE, ONE, 3 * ONE)).toBe(666_667);
    expect(mulDiv(84 * ONE, ONE, 95 * ONE)).toBe(884_211);
  });
});

describe("roundTo", () => {
  it("rounds half up to 0..6 places", () => {
    expect(roundTo(2_345_000, 2)).toBe(2_350_000);
    expect(roundTo(77_375_000, 2)).toBe(77_380_000);
    expect(roundTo(2_344_999, 2)).toBe(2_340_000);
    expect(roundTo(2_500_000, 0)).toBe(3_000_000);
    expect(roundTo(-2_345_000, 2)).toBe(-2_350_000);
    expect(roundTo(1_234_567, 6)).toBe(1_234_567);
  });

  it("refuses places it cannot keep", () => {
    expect(() => roundTo(1, 7)).toThrow(FixedRangeError);
  });
});

describe("format and formatShort", () => {
  it("prints exactly the places asked for, rounding half up", () => {
    expect(format(85_005_000, 2)).toBe("85.01");
    expect(format(85_004_999, 2)).toBe("85.00");
    expect(format(0, 2)).toBe("0.00");
    expect(format(90 * ONE, 0)).toBe("90");
    expect(format(1_050_000, 1)).toBe("1.1");
    expect(format(101_500_000, 2)).toBe("101.50");
    expect(format(1_000_000_000, 4)).toBe("1000.0000");
    expect(format(7, 6)).toBe("0.000007");
  });

  it("prints negatives with one minus sign, and a value that rounds to zero without one", () => {
    expect(format(-1_234_500, 2)).toBe("-1.23");
    expect(format(-5_000, 2)).toBe("-0.01");
    expect(format(-4_000, 2)).toBe("0.00");
  });

  it("drops trailing zeros for texts such as 扣除2项×1.5分", () => {
    expect(formatShort(1_500_000)).toBe("1.5");
    expect(formatShort(6 * ONE)).toBe("6");
    expect(formatShort(10 * ONE)).toBe("10");
    expect(formatShort(100 * ONE)).toBe("100");
    expect(formatShort(0)).toBe("0");
    expect(formatShort(250_000)).toBe("0.25");
    expect(formatShort(-1_500_000)).toBe("-1.5");
    expect(formatShort(1)).toBe("0.000001");
  });
});
