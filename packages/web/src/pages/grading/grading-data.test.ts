import { describe, expect, it } from "vitest";
import { periodState, runReason } from "./grading-data.js";

describe("the grading tab's readings", () => {
  it("names a corrected run's reason as an objection correction, other reasons as they are", () => {
    const reason =
      "异议 8ed11dc7-a474-461d-af2c-fca60658ba28 成立 / objection upheld: 经核实，予以更正：J4 加0.5分。";
    expect(runReason({ reason, objectionId: "8ed11dc7" }, "异议更正")).toBe(
      "异议更正：经核实，予以更正：J4 加0.5分。",
    );
    expect(runReason({ reason: "汇总定级", objectionId: null }, "异议更正")).toBe("汇总定级");
    expect(runReason({ reason: null, objectionId: null }, "异议更正")).toBeNull();
  });

  it("tells whether the publicity period is ahead, running or over", () => {
    const period = {
      campaignId: "c",
      runId: "r",
      startsAt: "2027-01-16T00:00:00Z",
      endsAt: "2027-01-23T00:00:00Z",
      version: 1,
    };
    expect(periodState(period, Date.parse("2027-01-15T00:00:00Z"))).toBe("before");
    expect(periodState(period, Date.parse("2027-01-20T00:00:00Z"))).toBe("running");
    expect(periodState(period, Date.parse("2027-01-23T00:00:00Z"))).toBe("ended");
  });
});
