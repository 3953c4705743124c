/**
 * 整改事项 as the API shows it, and who may do what with one: the campaign's organisers everything, its viewers
 * read; the responsible unit's head and staff read their unit's items, fill in the specifics, start and report.
 * Rectification follows publication (通报反馈 → 整改), so a published campaign still takes it; a draft does not.
 */
import {
  chinaDay,
  isRectificationOverdue,
  type RectificationStatus,
  type VerificationVerdict,
} from "@kaoping/core";
import type { Selectable } from "kysely";
import type { Actor } from "../../access/actor.js";
import { holds } from "../../access/scope.js";
import type { Db } from "../../db/open-database.js";
import type { RectificationItemTable } from "../../db/schema.js";
import { AppError, forbidden, notFound } from "../../errors.js";
import { type CampaignContext, isCampaignOrganiser, loadCampaign } from "../campaigns/campaign-context.js";

export type ItemRow = Selectable<RectificationItemTable>;

export interface RectificationItemView {
  id: string;
  campaignId: string;
  organisationId: string;
  organisationCode: string;
  organisationName: string;
  source: ItemRow["source"];
  indicatorCode: string | null;
  /** "E1 教育教学质量", or null for a problem about the unit as a whole. */
  indicator: string | null;
  problem: string;
  target: string | null;
  measures: string | null;
  /** The last day (YYYY-MM-DD, China); the item is due by the end of it. */
  deadline: string;
  responsiblePerson: string | null;
  status: RectificationStatus;
  lastVerdict: VerificationVerdict | null;
  overdue: boolean;
  reportedAt: string | null;
  relapseOf: string | null;
  /** The item a 回头看 opened when this one relapsed, or null. */
  relapseId: string | null;
  recheck: { verdict: "held" | "relapsed"; reason: string | null; campaignId: string; at: string } | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type ItemWithUnit = ItemRow & {
  organisation_code: string;
  organisation_name: string;
  relapse_id: string | null;
};

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export function indicatorLabel(
  campaign: Pick<CampaignContext, "scheme">,
  code: string | null,
): string | null {
  if (code === null) return null;
  const index = campaign.scheme.byCode.get(code);
  return index === undefined ? code : `${code} ${campaign.scheme.nodes[index]!.name}`;
}

export function presentItem(
  row: ItemWithUnit,
  campaign: Pick<CampaignContext, "scheme">,
  now: Date,
): RectificationItemView {
  const deadline = new Date(row.deadline);
  return {
    id: row.id,
    campaignId: row.campaign_id,
    organisationId: row.organisation_id,
    organisationCode: row.organisation_code,
    organisationName: row.organisation_name,
    source: row.source,
    indicatorCode: row.indicator_code,
    indicator: indicatorLabel(campaign, row.indicator_code),
    problem: row.problem,
    target: row.target,
    measures: row.measures,
    deadline: chinaDay(deadline),
    responsiblePerson: row.responsible_person,
    status: row.status,
    lastVerdict: row.last_verdict,
    overdue: isRectificationOverdue({ status: row.status, deadline }, now),
    reportedAt: iso(row.reported_at),
    relapseOf: row.relapse_of,
    relapseId: row.relapse_id,
    recheck:
      row.recheck_verdict === null
        ? null
        : {
            verdict: row.recheck_verdict,
            reason: row.recheck_reason,
            campaignId: row.recheck_campaign_id!,
            at: iso(row.rechecked_at)!,
          },
    version: row.version,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
  };
}

/**
 * Items with their unit's code and name (and path, for access checks), and the relapse a 回头看 opened (an item is
 * re-checked once, so there is at most one).
 */
export const selectItems = (db: Db) =>
  db
    .selectFrom("rectification_items as ri")
    .innerJoin("organisations as o", "o.id", "ri.organisation_id")
    .selectAll("ri")
    .select(["o.code as organisation_code", "o.name as organisation_name", "o.path as organisation_path"])
    .select((eb) =>
      eb
        .selectFrom("rectification_items as relapse")
        .select("relapse.id")
        .whereRef("relapse.relapse_of", "=", "ri.id")
        .limit(1)
        .as("relapse_id"),
    );

export interface LoadedItem {
  row: ItemWithUnit & { organisation_path: string };
  campaign: CampaignContext;
}

export async function loadItem(db: Db, id: string): Promise<LoadedItem> {
  const row = await selectItems(db).where("ri.id", "=", id).executeTakeFirst();
  if (row === undefined) throw notFound("rectification item");
  return { row, campaign: await loadCampaign(db, row.campaign_id) };
}

/** The responsible unit's own people. */
export const isUnitPerson = (actor: Actor, unitPath: string): boolean =>
  holds(actor, ["unit_head", "unit_staff"], unitPath);

export function requireItemReader(actor: Actor, item: LoadedItem): void {
  if (holds(actor, ["organiser", "viewer"], item.campaign.organiserPath)) return;
  if (isUnitPerson(actor, item.row.organisation_path)) return;
  throw forbidden("outside this rectification item");
}

/** The unit does the rectifying; the organisers may act for it (recording a paper report, say). */
export function requireUnitOrOrganiser(actor: Actor, item: LoadedItem): void {
  if (isCampaignOrganiser(actor, item.campaign) || isUnitPerson(actor, item.row.organisation_path)) return;
  throw forbidden("only the responsible unit or the campaign's organisers may do this");
}

export function requireStarted(campaign: CampaignContext): void {
  if (campaign.status === "draft")
    throw new AppError("wrong_stage", [], {
      zh: "考评活动尚未启动，不能整改",
      en: "The campaign has not started; nothing can be rectified yet",
    });
}
