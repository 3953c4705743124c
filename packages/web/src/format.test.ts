import { describe, expect, it } from "vitest";
import { formatDecimal } from "./format.js";

describe("formatDecimal", () => {
  it("pads to the places and rounds half-up on the digits", () => {
    expect(formatDecimal("899", 2)).toBe("899.00");
    expect(formatDecimal("1.005", 2)).toBe("1.01");
    expect(formatDecimal("87.544999", 2)).toBe("87.54");
    expect(formatDecimal("0.125", 2)).toBe("0.13");
    expect(formatDecimal("99.995", 2)).toBe("100.00");
    expect(formatDecimal("96.6666666667", 0)).toBe("97");
    expect(formatDecimal("0.3", 2)).toBe("0.30");
  });

  it("rounds negatives away from zero at the half and never prints -0", () => {
    expect(formatDecimal("-2.345", 2)).toBe("-2.35");
    expect(formatDecimal("-0.001", 2)).toBe("0.00");
  });

  it("leaves text that is not a decimal alone", () => {
    expect(formatDecimal("—", 2)).toBe("—");
    expect(formatDecimal("1e3", 2)).toBe("1e3");
  });
});
