/**
 * 回头看: a follow-up campaign re-checks the closed items of an earlier one. Each gets a verdict: 巩固 (the
 * rectification held) or 反弹 (the problem came back, which opens a new item in the follow-up campaign).
 */
import type { RectificationStatus } from "./lifecycle.js";

/** 巩固, 反弹 */
export const RECHECK_VERDICTS = ["held", "relapsed"] as const;
export type RecheckVerdict = (typeof RECHECK_VERDICTS)[number];

export const RECHECK_VERDICT_NAMES: Record<RecheckVerdict, string> = { held: "巩固", relapsed: "反弹" };

/** Only closed items are re-checked; an item that was never closed is still an open rectification. */
export const canRecheck = (status: RectificationStatus): boolean => status === "closed";
