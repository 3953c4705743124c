/** The dashboard arithmetic: readable bin widths, bins that keep every total, exact means and medians. */
import { Decimal } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { binWidth, histogram, summarise } from "../figures.js";

const d = (values: string[]) => values.map((v) => new Decimal(v));

describe("dashboard figures", () => {
  it("picks 1, 2, 2.5 or 5 × 10ᵏ not below max ÷ bins", () => {
    const width = (max: string, bins: number) => binWidth(new Decimal(max), bins).toString();
    expect(width("100", 10)).toBe("10");
    expect(width("1000", 10)).toBe("100");
    expect(width("30", 10)).toBe("3");
    expect(width("95", 10)).toBe("10");
    expect(width("22", 10)).toBe("2.5");
    expect(width("100", 3)).toBe("50");
    expect(width("0", 10)).toBe("1");
  });

  it("puts the maximum and bonus above it in the last bin, and nothing is lost", () => {
    const h = histogram(d(["0", "9.99", "10", "95", "100", "101.5"]), new Decimal(100), 10);
    expect(h.bins.map((b) => b.count)).toEqual([2, 1, 0, 0, 0, 0, 0, 0, 0, 3]);
    expect(h.bins[9]).toEqual({ from: "90", to: "100", count: 3 });
  });

  it("rounds the mean half-up only when shown, and takes the middle pair's mean as the median", () => {
    expect(summarise(d(["1.005", "1.005", "1.005"]), 2)).toEqual({
      mean: "1.01",
      median: "1.01",
      min: "1.01",
      max: "1.01",
    });
    expect(summarise(d(["80", "85", "90", "91"]), 2)).toEqual({
      mean: "86.50",
      median: "87.50",
      min: "80.00",
      max: "91.00",
    });
    expect(summarise([], 2)).toBeNull();
  });
});
