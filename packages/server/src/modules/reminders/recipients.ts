/**
 * Who a deadline's recipients are, for many deadlines at once: named people as they are, and "the holders of these
 * roles at this organisation" as the enabled users whose grant is on that very organisation (not above it: a
 * city's organiser is not told about each county's campaigns). One query for all organisations of a run.
 */
import type { Db } from "../../db/open-database.js";
import type { Role } from "../../db/schema.js";
import type { Recipients } from "./deadline-source.js";

/** Enabled users by organisation and role, for the organisations named in `groups`. */
export async function grantHolders(
  db: Db,
  groups: Iterable<Recipients>,
): Promise<(r: Recipients) => string[]> {
  const organisationIds = new Set<string>();
  for (const g of groups) if ("organisationId" in g) organisationIds.add(g.organisationId);
  const holders = new Map<string, string[]>();
  const ids = [...organisationIds];
  // Chunks keep the statement under the driver's parameter limit on a provincial office's tens of thousands.
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await db
      .selectFrom("role_grants as g")
      .innerJoin("users as u", "u.id", "g.user_id")
      .select(["g.organisation_id", "g.role", "g.user_id"])
      .where("g.organisation_id", "in", ids.slice(i, i + 5000))
      .where("u.disabled", "=", false)
      .execute();
    for (const row of rows) {
      const key = `${row.organisation_id}:${row.role}`;
      const list = holders.get(key);
      if (list === undefined) holders.set(key, [row.user_id]);
      else list.push(row.user_id);
    }
  }
  return (r) =>
    "userIds" in r
      ? [...r.userIds]
      : r.roles.flatMap((role: Role) => holders.get(`${r.organisationId}:${role}`) ?? []);
}
