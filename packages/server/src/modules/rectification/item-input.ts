/** What creating or editing an item checks the same way: the deadline day and the indicator code. */
import { endOfChinaDay } from "@kaoping/core";
import { invalid } from "../../errors.js";
import type { CampaignContext } from "../campaigns/campaign-context.js";

export function deadlineOf(day: string, path: string): Date {
  try {
    return endOfChinaDay(day);
  } catch {
    throw invalid(path, `not a date (YYYY-MM-DD): ${day} / 日期格式应为 YYYY-MM-DD`);
  }
}

export function requireIndicator(
  campaign: CampaignContext,
  code: string | null | undefined,
  path: string,
): void {
  if (code != null && !campaign.scheme.byCode.has(code))
    throw invalid(path, `unknown indicator ${code} / 指标体系中没有此指标`);
}

/** Trimmed text, or null when blank. */
export const text = (value: string | null | undefined): string | null =>
  value == null || value.trim() === "" ? null : value.trim();
