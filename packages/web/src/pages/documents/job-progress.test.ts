import { describe, expect, it } from "vitest";
import { isActive, progressStatus } from "./job-progress.js";

describe("a batch job's progress", () => {
  it("keeps polling while queued or running", () => {
    expect(isActive({ status: "queued" })).toBe(true);
    expect(isActive({ status: "running" })).toBe(true);
    expect(isActive({ status: "completed_with_failures" })).toBe(false);
  });
  it("shows failures, including some units failing, as an exception", () => {
    expect(progressStatus({ status: "running", failed: 2 })).toBe("active");
    expect(progressStatus({ status: "succeeded", failed: 0 })).toBe("success");
    expect(progressStatus({ status: "completed_with_failures", failed: 2 })).toBe("exception");
    expect(progressStatus({ status: "failed", failed: 0 })).toBe("exception");
    expect(progressStatus({ status: "cancelled", failed: 0 })).toBe("normal");
  });
});
