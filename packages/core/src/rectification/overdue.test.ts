import { describe, expect, it } from "vitest";
import { missingSpecifics } from "./four-specifics.js";
import { chinaDay, endOfChinaDay, isRectificationOverdue } from "./overdue.js";

describe("deadlines", () => {
  it("ends a day at midnight in China: 2026-09-30 ends at 2026-09-30T15:59:59.999Z", () => {
    // 24:00 on 30 September at UTC+8 is 16:00 UTC the same day; the last millisecond before it.
    expect(endOfChinaDay("2026-09-30").toISOString()).toBe("2026-09-30T15:59:59.999Z");
    expect(chinaDay(endOfChinaDay("2026-09-30"))).toBe("2026-09-30");
    // 16:00 UTC is already 1 October in China.
    expect(chinaDay(new Date("2026-09-30T16:00:00Z"))).toBe("2026-10-01");
  });

  it("refuses what is not a calendar date", () => {
    expect(() => endOfChinaDay("2026-02-30")).toThrow(RangeError);
    expect(() => endOfChinaDay("30/09/2026")).toThrow(RangeError);
  });

  it("counts an item overdue only while the unit has not reported it", () => {
    const deadline = endOfChinaDay("2026-09-30");
    const after = new Date("2026-09-30T16:00:00Z");
    const atDeadline = deadline;
    expect(isRectificationOverdue({ status: "pending", deadline }, after)).toBe(true);
    expect(isRectificationOverdue({ status: "in_progress", deadline }, after)).toBe(true);
    expect(isRectificationOverdue({ status: "in_progress", deadline }, atDeadline)).toBe(false);
    for (const status of ["reported", "verified", "closed"] as const)
      expect(isRectificationOverdue({ status, deadline }, after)).toBe(false);
  });
});

describe("四个具体", () => {
  const complete = {
    problem: "校舍安全隐患未按期排除",
    target: "年底前完成D级危房拆除",
    measures: "制定拆除方案，落实经费",
    deadline: "2026-09-30",
    responsiblePerson: "王校长",
  };

  it("finds nothing missing in a complete item", () => {
    expect(missingSpecifics(complete)).toEqual([]);
  });

  it("names blank and empty specifics in order", () => {
    expect(missingSpecifics({ ...complete, target: "  ", responsiblePerson: null })).toEqual([
      "target",
      "responsiblePerson",
    ]);
    expect(missingSpecifics({ ...complete, measures: "", deadline: null })).toEqual(["measures", "deadline"]);
  });
});
