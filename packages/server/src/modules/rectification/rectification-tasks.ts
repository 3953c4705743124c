/**
 * 整改 to-dos: for unit heads and staff each open item of their units (待整改, 整改中; deadline the item's); for
 * organisers each reported item awaiting verification (no deadline) and each overdue item (逾期督办, overdue by
 * construction). Three queries whatever the number of campaigns.
 */
import { RECTIFICATION_STATUS_NAMES, VERIFICATION_VERDICT_NAMES } from "@kaoping/core";
import type { Actor } from "../../access/actor.js";
import { holds, isAdmin, scopeRoots } from "../../access/scope.js";
import type { Services } from "../../context.js";
import type { Draft as TaskDraft } from "../tasks/my-tasks.js";
import { itemTitle, openItems, overdueItems, reportedItems } from "./open-items.js";

type Row = Awaited<ReturnType<typeof openItems>>[number];

const common = (r: Row) => ({
  campaignId: r.campaign_id,
  campaignName: r.campaign_name,
  year: r.year,
  organisationId: r.organisation_id,
  organisationName: r.organisation_name,
  indicatorCode: r.indicator_code,
  stage: "rectification",
  links: { campaignId: r.campaign_id, organisationId: r.organisation_id, rectificationItemId: r.id },
  at: new Date(r.deadline),
});

export async function rectificationTasks(services: Services, actor: Actor, now: Date): Promise<TaskDraft[]> {
  const unitRoots = isAdmin(actor) ? [] : (scopeRoots(actor, ["unit_head", "unit_staff"]) ?? []);
  const organiserRoots = scopeRoots(actor, ["organiser"]);
  const organises = organiserRoots === null || organiserRoots.length > 0;
  const [open, reported, overdue] = await Promise.all([
    unitRoots.length === 0 ? [] : openItems(services.db, unitRoots),
    organises ? reportedItems(services.db, organiserRoots) : [],
    organises ? overdueItems(services.db, organiserRoots, now) : [],
  ]);
  return [
    ...open.map(
      (r): TaskDraft => ({
        ...common(r),
        key: `rectification:${r.id}`,
        kind: "rectification",
        role: holds(actor, ["unit_head"], r.path) ? "unit_head" : "unit_staff",
        title: `整改（${RECTIFICATION_STATUS_NAMES[r.status]}）：${itemTitle(r)}`,
        detail:
          r.last_verdict === null
            ? null
            : `上次验证：${VERIFICATION_VERDICT_NAMES[r.last_verdict]}，请继续整改`,
      }),
    ),
    ...reported.map(
      (r): TaskDraft => ({
        ...common(r),
        key: `rectification_verification:${r.id}`,
        kind: "rectification_verification",
        role: "organiser",
        title: `整改验证：${r.organisation_name}已报告整改完成`,
        detail: itemTitle(r),
        at: null,
      }),
    ),
    ...overdue.map(
      (r): TaskDraft => ({
        ...common(r),
        key: `rectification_overdue:${r.id}`,
        kind: "rectification_overdue",
        role: "organiser",
        title: `逾期未整改：${r.organisation_name}`,
        detail: itemTitle(r),
      }),
    ),
  ];
}
