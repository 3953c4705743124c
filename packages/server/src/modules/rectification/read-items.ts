/**
 * Reading items: a campaign's list (the organisers' and viewers' whole list, a unit's people their own units'),
 * filtered by status, unit or overdue, with the counts per unit (open, overdue, awaiting verification, closed) in
 * one grouped query; and one item with its history and evidence.
 */
import type { RectificationStatus } from "@kaoping/core";
import { sql } from "kysely";
import type { Actor } from "../../access/actor.js";
import { holds, scopeRoots } from "../../access/scope.js";
import type { Services } from "../../context.js";
import { forbidden } from "../../errors.js";
import { canSeeCampaign } from "../campaigns/campaign-access.js";
import { loadCampaign } from "../campaigns/campaign-context.js";
import { linkedFileView } from "../evidence/evidence-blobs.js";
import { inScope } from "../organisations/in-scope.js";
import {
  loadItem,
  presentItem,
  type RectificationItemView,
  requireItemReader,
  selectItems,
} from "./rectification-item.js";

export interface ItemQuery {
  status?: RectificationStatus | undefined;
  organisationId?: string | undefined;
  overdue?: boolean | undefined;
  limit: number;
  offset: number;
}

export interface UnitCounts {
  organisationId: string;
  organisationCode: string;
  organisationName: string;
  open: number;
  overdue: number;
  reported: number;
  closed: number;
  total: number;
}

export interface ItemList {
  items: RectificationItemView[];
  total: number;
  limit: number;
  offset: number;
  units: UnitCounts[];
  now: string;
}

export async function listItems(
  services: Services,
  actor: Actor,
  campaignId: string,
  query: ItemQuery,
): Promise<ItemList> {
  const campaign = await loadCampaign(services.db, campaignId);
  const oversight = holds(actor, ["organiser", "viewer"], campaign.organiserPath);
  const unitRoots = oversight ? null : (scopeRoots(actor, ["unit_head", "unit_staff"]) ?? []);
  if (
    unitRoots !== null &&
    (unitRoots.length === 0 || !(await canSeeCampaign(services.db, actor, campaignId)))
  )
    throw forbidden("outside this campaign");
  const now = services.clock.now();
  const open = sql<boolean>`ri.status in ('pending', 'in_progress')`;
  let base = selectItems(services.db).where("ri.campaign_id", "=", campaignId);
  if (unitRoots !== null) base = base.where(() => inScope("o.path", unitRoots));
  if (query.organisationId !== undefined) base = base.where("ri.organisation_id", "=", query.organisationId);

  const counts = await base
    .clearSelect()
    .select([
      "ri.organisation_id",
      "o.code",
      "o.name",
      sql<number>`count(*) filter (where ${open})::int`.as("open"),
      sql<number>`count(*) filter (where ${open} and ri.deadline < ${now})::int`.as("overdue"),
      sql<number>`count(*) filter (where ri.status = 'reported')::int`.as("reported"),
      sql<number>`count(*) filter (where ri.status = 'closed')::int`.as("closed"),
      sql<number>`count(*)::int`.as("total"),
    ])
    .groupBy(["ri.organisation_id", "o.code", "o.name"])
    .orderBy("o.code")
    .execute();

  let filtered = base;
  if (query.status !== undefined) filtered = filtered.where("ri.status", "=", query.status);
  if (query.overdue === true) filtered = filtered.where(() => open).where("ri.deadline", "<", now);
  const total = await filtered
    .clearSelect()
    .select(sql<number>`count(*)::int`.as("n"))
    .executeTakeFirstOrThrow();
  const rows = await filtered
    .orderBy(sql`case when ${open} and ri.deadline < ${now} then 0 else 1 end`)
    .orderBy("ri.deadline")
    .orderBy("o.code")
    .orderBy("ri.created_at")
    .orderBy("ri.id")
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  return {
    items: rows.map((r) => presentItem(r, campaign, now)),
    total: total.n,
    limit: query.limit,
    offset: query.offset,
    units: counts.map((c) => ({
      organisationId: c.organisation_id,
      organisationCode: c.code,
      organisationName: c.name,
      open: c.open,
      overdue: c.overdue,
      reported: c.reported,
      closed: c.closed,
      total: c.total,
    })),
    now: now.toISOString(),
  };
}

export interface ItemEvent {
  action: string;
  from: string | null;
  to: string;
  verdict: string | null;
  reason: string | null;
  actorName: string;
  at: string;
}

export interface ItemEvidence {
  id: string;
  name: string;
  contentType: string;
  size: number;
  uploadedAt: string;
}

export interface ItemDetail extends RectificationItemView {
  campaignName: string;
  history: ItemEvent[];
  evidence: ItemEvidence[];
  /** What the actor may do: the unit's part, the organiser's part. */
  canAct: { unit: boolean; organiser: boolean };
}

export async function getItem(services: Services, actor: Actor, id: string): Promise<ItemDetail> {
  const item = await loadItem(services.db, id);
  requireItemReader(actor, item);
  const [events, files] = await Promise.all([
    services.db
      .selectFrom("rectification_events")
      .select(["action", "from_status", "to_status", "verdict", "reason", "actor_name", "at"])
      .where("item_id", "=", id)
      .orderBy("seq")
      .execute(),
    services.db
      .selectFrom("rectification_evidence as e")
      .innerJoin("evidence_blobs as b", "b.sha256", "e.sha256")
      .select(["e.id", "e.original_name", "e.uploaded_at", "b.content_type", "b.size"])
      .where("e.item_id", "=", id)
      .orderBy("e.uploaded_at")
      .orderBy("e.id")
      .execute(),
  ]);
  const organiser = holds(actor, ["organiser"], item.campaign.organiserPath);
  return {
    ...presentItem(item.row, item.campaign, services.clock.now()),
    campaignName: item.campaign.name,
    history: events.map((e) => ({
      action: e.action,
      from: e.from_status,
      to: e.to_status,
      verdict: e.verdict,
      reason: e.reason,
      actorName: e.actor_name,
      at: new Date(e.at).toISOString(),
    })),
    evidence: files.map(linkedFileView),
    canAct: {
      unit: organiser || holds(actor, ["unit_head", "unit_staff"], item.row.organisation_path),
      organiser,
    },
  };
}
