/** Who is acting, with the roles they hold and the organisation subtree each role covers. */
import type { Role } from "../db/schema.js";

export interface Grant {
  role: Role;
  /** The subtree's root; null for a system admin. */
  organisationId: string | null;
  /** The root's path ("/a/b/"), so a subtree check is a prefix match. */
  path: string | null;
}

export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  organisationId: string | null;
  grants: Grant[];
}

/** The author of audit rows written with no signed-in user (the public, the demo loader, the system). */
export interface Author {
  userId: string | null;
  name: string;
}

export const authorOf = (actor: Actor): Author => ({ userId: actor.userId, name: actor.username });
