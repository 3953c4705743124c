/**
 * 整改 lifecycle: 待整改 → 整改中 → 已整改 (the unit reports, with evidence) → 已验证 (the organiser's verdict) →
 * 已关闭. The verdict decides where a reported item goes: 通过 verifies it; 不通过 reopens it (back to 整改中); 部分通过
 * is recorded and also sends it back to 整改中 for the rest. Only a verified item (its last verdict 通过) can be
 * closed, so nothing closes without a passed verification (三不放过).
 */

/** 待整改, 整改中, 已整改, 已验证, 已关闭 */
export const RECTIFICATION_STATUSES = ["pending", "in_progress", "reported", "verified", "closed"] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];

/** 通过, 不通过, 部分通过 */
export const VERIFICATION_VERDICTS = ["passed", "failed", "partial"] as const;
export type VerificationVerdict = (typeof VERIFICATION_VERDICTS)[number];

/** What a person does to an item: 开始整改, 报告整改完成, 验证, 关闭. */
export type RectificationAction =
  | { kind: "start" }
  | { kind: "report" }
  | { kind: "verify"; verdict: VerificationVerdict }
  | { kind: "close" };

export const RECTIFICATION_STATUS_NAMES: Record<RectificationStatus, string> = {
  pending: "待整改",
  in_progress: "整改中",
  reported: "已整改",
  verified: "已验证",
  closed: "已关闭",
};

export const VERIFICATION_VERDICT_NAMES: Record<VerificationVerdict, string> = {
  passed: "通过",
  failed: "不通过",
  partial: "部分通过",
};

export type RectificationTransition = { ok: true; to: RectificationStatus } | { ok: false; reason: string };

const refuse = (reason: string): RectificationTransition => ({ ok: false, reason });

/** Where `action` takes an item in `from`, or why it may not be done there. */
export function nextRectificationStatus(
  from: RectificationStatus,
  action: RectificationAction,
): RectificationTransition {
  switch (action.kind) {
    case "start":
      return from === "pending" ? { ok: true, to: "in_progress" } : refuse("只有待整改的事项可以开始整改");
    case "report":
      return from === "in_progress"
        ? { ok: true, to: "reported" }
        : refuse("只有整改中的事项可以报告整改完成");
    case "verify":
      if (from !== "reported") return refuse("只有已整改（已报告）的事项可以验证");
      return { ok: true, to: action.verdict === "passed" ? "verified" : "in_progress" };
    case "close":
      return from === "verified"
        ? { ok: true, to: "closed" }
        : refuse("未经验证通过的事项不能关闭（三不放过）");
  }
}

/** Still the unit's to do: not yet reported (待整改 or 整改中). */
export const isOpenRectification = (status: RectificationStatus): boolean =>
  status === "pending" || status === "in_progress";
