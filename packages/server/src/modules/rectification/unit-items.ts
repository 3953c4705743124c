/**
 * A unit's rectification items as the feedback documents list them (反馈意见, 限期整改通知书): numbered in the
 * scheme's order (items about the unit as a whole last, then as recorded), with the indicator, problem, target,
 * deadline and status, open ones marked (未完成, 已逾期). One query per document.
 */
import {
  chinaDay,
  indicatorsInOrder,
  isOpenRectification,
  isRectificationOverdue,
  RECTIFICATION_STATUS_NAMES,
} from "@kaoping/core";
import type { Db } from "../../db/open-database.js";
import { documentDate } from "../../documents/house-style.js";
import type { CampaignContext } from "../campaigns/campaign-context.js";
import { indicatorLabel } from "./rectification-item.js";

export interface RectificationLine {
  number: string;
  indicatorCode: string | null;
  /** "E1 教育教学质量", or 综合. */
  indicator: string;
  problem: string;
  target: string | null;
  /** 2026年9月30日 */
  deadline: string;
  /** YYYY-MM-DD */
  due: string;
  /** "整改中（未完成，已逾期）", "已关闭". */
  status: string;
  open: boolean;
}

export async function unitRectificationLines(
  db: Db,
  campaign: Pick<CampaignContext, "id" | "scheme">,
  organisationId: string,
  now: Date,
): Promise<RectificationLine[]> {
  const rows = await db
    .selectFrom("rectification_items")
    .select(["indicator_code", "problem", "target", "deadline", "status"])
    .where("campaign_id", "=", campaign.id)
    .where("organisation_id", "=", organisationId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const position = new Map(indicatorsInOrder(campaign.scheme).map((node, i) => [node.code, i]));
  const at = (code: string | null) =>
    code === null ? Number.MAX_SAFE_INTEGER : (position.get(code) ?? Number.MAX_SAFE_INTEGER - 1);
  const ordered = [...rows].sort((a, b) => at(a.indicator_code) - at(b.indicator_code));
  return ordered.map((r, i) => {
    const deadline = new Date(r.deadline);
    const open = isOpenRectification(r.status);
    const overdue = isRectificationOverdue({ status: r.status, deadline }, now);
    const name = RECTIFICATION_STATUS_NAMES[r.status];
    return {
      number: String(i + 1),
      indicatorCode: r.indicator_code,
      indicator: indicatorLabel(campaign, r.indicator_code) ?? "综合",
      problem: r.problem,
      target: r.target,
      deadline: documentDate(deadline),
      due: chinaDay(deadline),
      status: open ? `${name}（未完成${overdue ? "，已逾期" : ""}）` : name,
      open,
    };
  });
}
