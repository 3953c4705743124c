import { describe, expect, it } from "vitest";
import { IpThrottle } from "./ip-throttle.js";

describe("IpThrottle", () => {
  it("blocks an address at the limit until its failures leave the window", () => {
    const throttle = new IpThrottle(3, 1000);
    for (const t of [0, 100, 200]) throttle.fail("10.0.0.1", t);
    expect(throttle.isBlocked("10.0.0.1", 300)).toBe(true);
    expect(throttle.isBlocked("10.0.0.2", 300)).toBe(false);
    expect(throttle.isBlocked("10.0.0.1", 1001)).toBe(false);
  });
});
