/**
 * Reading schemes. One sees the schemes owned in one's organiser/viewer subtrees and those issued above them (a
 * county's scheme is used by its townships); a version also to everyone who sees a campaign using it.
 */
import { type Expression, type SqlBool, sql } from "kysely";
import type { Actor } from "../../access/actor.js";
import { holds, isAdmin, scopeRoots } from "../../access/scope.js";
import type { Services } from "../../context.js";
import { forbidden, notFound } from "../../errors.js";
import type { PageQuery } from "../../http/api.js";
import { campaignVisibleTo, OVERSIGHT_ROLES } from "../campaigns/campaign-access.js";
import { compiledScheme } from "../campaigns/campaign-context.js";
import { inScope } from "../organisations/in-scope.js";
import {
  presentSchemeContent,
  presentVersionSummary,
  type SchemeDetailView,
  type SchemeVersionView,
  type SchemeView,
} from "./present-scheme.js";

/** Whether the actor oversees the owner or something below it. */
export function mayReadSchemeOf(actor: Actor, ownerPath: string): boolean {
  if (holds(actor, OVERSIGHT_ROLES, ownerPath)) return true;
  const roots = scopeRoots(actor, OVERSIGHT_ROLES) ?? [];
  return roots.some((root) => root.startsWith(ownerPath));
}

function ownerVisible(actor: Actor, column: string): Expression<SqlBool> | null {
  if (isAdmin(actor)) return null;
  const roots = scopeRoots(actor, OVERSIGHT_ROLES) ?? [];
  if (roots.length === 0) return sql<SqlBool>`false`;
  const above = roots.map((root) => sql<SqlBool>`${root} like ${sql.ref(column)} || '%'`);
  return sql<SqlBool>`(${inScope(column, roots)} or ${sql.join(above, sql` or `)})`;
}

function baseQuery(services: Services) {
  return services.db
    .selectFrom("schemes")
    .innerJoin("organisations", "organisations.id", "schemes.owner_id")
    .select((eb) => [
      "schemes.id",
      "schemes.code",
      "schemes.name",
      "schemes.owner_id",
      "schemes.created_at",
      "organisations.name as owner_name",
      "organisations.path as owner_path",
      eb
        .selectFrom("scheme_versions")
        .whereRef("scheme_versions.scheme_id", "=", "schemes.id")
        .select((e) => e.fn.countAll<number>().as("n"))
        .as("version_count"),
      eb
        .selectFrom("scheme_versions")
        .whereRef("scheme_versions.scheme_id", "=", "schemes.id")
        .select("scheme_versions.label")
        .orderBy("scheme_versions.created_at", "desc")
        .orderBy("scheme_versions.label", "desc")
        .limit(1)
        .as("latest_label"),
    ]);
}

type SchemeRow = Awaited<ReturnType<ReturnType<typeof baseQuery>["executeTakeFirstOrThrow"]>>;

const presentScheme = (row: SchemeRow): SchemeView => ({
  id: row.id,
  code: row.code,
  name: row.name,
  ownerId: row.owner_id,
  ownerName: row.owner_name,
  createdAt: new Date(row.created_at).toISOString(),
  versionCount: Number(row.version_count ?? 0),
  latestLabel: row.latest_label ?? null,
});

export async function listSchemes(
  services: Services,
  actor: Actor,
  query: PageQuery & { ownerId?: string | undefined },
): Promise<{ items: SchemeView[]; total: number; limit: number; offset: number }> {
  const visible = ownerVisible(actor, "organisations.path");
  let q = services.db
    .selectFrom("schemes")
    .innerJoin("organisations", "organisations.id", "schemes.owner_id");
  if (visible !== null) q = q.where(() => visible);
  if (query.ownerId !== undefined) q = q.where("schemes.owner_id", "=", query.ownerId);
  const total = await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  let rows = baseQuery(services);
  if (visible !== null) rows = rows.where(() => visible);
  if (query.ownerId !== undefined) rows = rows.where("schemes.owner_id", "=", query.ownerId);
  const items = await rows
    .orderBy("schemes.code")
    .orderBy("schemes.id")
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  return {
    items: items.map(presentScheme),
    total: Number(total.n),
    limit: query.limit,
    offset: query.offset,
  };
}

export async function getScheme(
  services: Services,
  actor: Actor,
  schemeId: string,
): Promise<SchemeDetailView> {
  const row = await baseQuery(services).where("schemes.id", "=", schemeId).executeTakeFirst();
  if (row === undefined) throw notFound("scheme");
  if (!mayReadSchemeOf(actor, row.owner_path)) throw forbidden("outside your organisations");
  const versions = await services.db
    .selectFrom("scheme_versions")
    .select([
      "id",
      "scheme_id",
      "label",
      "format",
      "source_hash",
      "frozen",
      "version",
      "created_by",
      "created_at",
    ])
    .where("scheme_id", "=", schemeId)
    .orderBy("created_at")
    .orderBy("label")
    .execute();
  return { ...presentScheme(row), versions: versions.map(presentVersionSummary) };
}

export async function getSchemeVersion(
  services: Services,
  actor: Actor,
  versionId: string,
): Promise<SchemeVersionView> {
  const row = await services.db
    .selectFrom("scheme_versions")
    .innerJoin("schemes", "schemes.id", "scheme_versions.scheme_id")
    .innerJoin("organisations", "organisations.id", "schemes.owner_id")
    .selectAll("scheme_versions")
    .select([
      "schemes.code as scheme_code",
      "schemes.name as scheme_name",
      "schemes.owner_id",
      "organisations.path as owner_path",
    ])
    .where("scheme_versions.id", "=", versionId)
    .executeTakeFirst();
  if (row === undefined) throw notFound("scheme version");
  if (!mayReadSchemeOf(actor, row.owner_path)) {
    const visible = campaignVisibleTo(actor);
    let used = services.db
      .selectFrom("campaigns")
      .select("campaigns.id")
      .where("campaigns.scheme_version_id", "=", versionId);
    if (visible !== null) used = used.where(() => visible);
    if ((await used.executeTakeFirst()) === undefined) throw forbidden("outside your organisations");
  }
  return {
    ...presentVersionSummary(row),
    schemeCode: row.scheme_code,
    schemeName: row.scheme_name,
    ownerId: row.owner_id,
    source: row.source,
    ...presentSchemeContent(compiledScheme(row.id, row.source)),
  };
}
