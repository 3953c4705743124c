/**
 * Permissions follow the organisation tree: a role held at an organisation covers it and everything below it.
 * These checks are the only place that decides it.
 */

import type { Db } from "../db/open-database.js";
import type { Role } from "../db/schema.js";
import { forbidden, notFound } from "../errors.js";
import type { Actor } from "./actor.js";

export const isAdmin = (actor: Actor): boolean => actor.grants.some((g) => g.role === "admin");

/** Whether the actor holds one of `roles` over the organisation at `path` (admins hold every role). */
export function holds(actor: Actor, roles: readonly Role[], path: string): boolean {
  return actor.grants.some(
    (g) => g.role === "admin" || (roles.includes(g.role) && g.path !== null && path.startsWith(g.path)),
  );
}

/** The subtree roots where the actor holds one of `roles`; null means everywhere (admin). */
export function scopeRoots(actor: Actor, roles: readonly Role[]): string[] | null {
  if (isAdmin(actor)) return null;
  return actor.grants.filter((g) => roles.includes(g.role) && g.path !== null).map((g) => g.path as string);
}

export async function organisationPath(db: Db, organisationId: string): Promise<string> {
  const row = await db
    .selectFrom("organisations")
    .select("path")
    .where("id", "=", organisationId)
    .executeTakeFirst();
  if (row === undefined) throw notFound("organisation");
  return row.path;
}

/** Refuses unless the actor holds one of `roles` over the organisation. */
export async function requireRole(
  db: Db,
  actor: Actor,
  roles: readonly Role[],
  organisationId: string,
): Promise<string> {
  const path = await organisationPath(db, organisationId);
  if (!holds(actor, roles, path)) throw forbidden(`requires ${roles.join(" or ")} over this organisation`);
  return path;
}

/** The ids on the path ("/a/b/c/" → a, b, c): an organisation and its parent chain. */
export const chainOf = (path: string): string[] => path.split("/").filter((part) => part !== "");
