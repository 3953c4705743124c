import { describe, expect, it } from "vitest";
import {
  nextRectificationStatus,
  RECTIFICATION_STATUSES,
  type RectificationAction,
  type RectificationStatus,
} from "./lifecycle.js";

const ACTIONS: Record<string, RectificationAction> = {
  start: { kind: "start" },
  report: { kind: "report" },
  "verify passed": { kind: "verify", verdict: "passed" },
  "verify failed": { kind: "verify", verdict: "failed" },
  "verify partial": { kind: "verify", verdict: "partial" },
  close: { kind: "close" },
};

/** Every allowed move, written out from the lifecycle; everything else is refused. */
const ALLOWED: Record<string, RectificationStatus> = {
  "pending start": "in_progress",
  "in_progress report": "reported",
  "reported verify passed": "verified",
  // 不通过 reopens; 部分通过 is recorded and the rest is rectified, so both go back to 整改中.
  "reported verify failed": "in_progress",
  "reported verify partial": "in_progress",
  "verified close": "closed",
};

describe("the rectification lifecycle", () => {
  const cases = RECTIFICATION_STATUSES.flatMap((from) =>
    Object.entries(ACTIONS).map(([name, action]) => ({ from, name, action })),
  );

  it.each(cases)("$from, $name", ({ from, name, action }) => {
    const result = nextRectificationStatus(from, action);
    const expected = ALLOWED[`${from} ${name}`];
    if (expected === undefined) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(/[\u4e00-\u9fff]/);
    } else expect(result).toEqual({ ok: true, to: expected });
  });

  it("covers 5 statuses × 6 actions, 6 of them allowed", () => {
    expect(cases).toHaveLength(30);
    expect(cases.filter((c) => nextRectificationStatus(c.from, c.action).ok)).toHaveLength(6);
  });

  it("closes nothing that was not verified as passed (三不放过)", () => {
    for (const from of RECTIFICATION_STATUSES.filter((s) => s !== "verified")) {
      const result = nextRectificationStatus(from, { kind: "close" });
      expect(result).toEqual({ ok: false, reason: "未经验证通过的事项不能关闭（三不放过）" });
    }
  });

  it("takes an item through a failed verification to closure", () => {
    const steps: RectificationAction[] = [
      { kind: "start" },
      { kind: "report" },
      { kind: "verify", verdict: "failed" },
      { kind: "report" },
      { kind: "verify", verdict: "partial" },
      { kind: "report" },
      { kind: "verify", verdict: "passed" },
      { kind: "close" },
    ];
    const path: RectificationStatus[] = ["pending"];
    for (const step of steps) {
      const result = nextRectificationStatus(path.at(-1)!, step);
      if (!result.ok) throw new Error(result.reason);
      path.push(result.to);
    }
    expect(path).toEqual([
      "pending",
      "in_progress",
      "reported",
      "in_progress",
      "reported",
      "in_progress",
      "reported",
      "verified",
      "closed",
    ]);
  });
});
