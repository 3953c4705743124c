import { describe, expect, it } from "vitest";
import { bandCondition, operator, percent, plain, pointsOf } from "./scheme-rules.js";

describe("scheme rule figures", () => {
  it("writes decimals without trailing zeros", () => {
    expect(plain("85.500000")).toBe("85.5");
    expect(plain(2)).toBe("2");
    expect(plain("abc")).toBe("abc");
  });

  it("gives a share's points of a maximum and its percentage", () => {
    expect(pointsOf(0.8, 14)).toBe("11.2");
    expect(pointsOf("0.6", "60")).toBe("36");
    expect(percent(0.75)).toBe("75%");
    expect(percent("0.3")).toBe("30%");
  });

  it("writes a band's bounds as one condition", () => {
    expect(bandCondition({ atMost: 0.01, share: 0.75 })).toBe("≤ 0.01");
    expect(bandCondition({ atLeast: 0.9, below: 0.95, share: 0.6 })).toBe("≥ 0.9, < 0.95");
    expect(bandCondition({ share: 0 })).toBeNull();
    expect(operator(">=")).toBe("≥");
  });
});
