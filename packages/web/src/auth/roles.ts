/** Roles as the UI groups them: the user's main role decides the workspace and the side menu. */
import type { Role, Session } from "../api/types.js";

const PRIORITY: Role[] = [
  "admin",
  "organiser",
  "reviewer",
  "unit_head",
  "unit_staff",
  "department_staff",
  "viewer",
];

export type RoleKind = "organiser" | "unit" | "reviewer" | "viewer";

export function rolesOf(session: Session): Role[] {
  const held = new Set(session.user.grants.map((g) => g.role));
  return PRIORITY.filter((role) => held.has(role));
}

export function mainRole(session: Session): Role {
  return rolesOf(session)[0] ?? "viewer";
}

export function kindOf(role: Role): RoleKind {
  if (role === "admin" || role === "organiser") return "organiser";
  if (role === "unit_head" || role === "unit_staff" || role === "department_staff") return "unit";
  if (role === "reviewer") return "reviewer";
  return "viewer";
}

/** The organisations at which the user holds a unit role: the units whose self-evaluations they fill. */
export function unitOrganisations(session: Session): string[] {
  const ids = session.user.grants
    .filter((g) => kindOf(g.role) === "unit" && g.organisationId !== null)
    .map((g) => g.organisationId as string);
  return [...new Set(ids)];
}

/** Of `organisations`, those the user may own things in: all for an admin, else where they are an organiser. */
export function organisedOf<T extends { id: string }>(
  session: Session,
  organisations: ReadonlyArray<T>,
): T[] {
  const admin = session.user.grants.some((g) => g.role === "admin");
  const organised = new Set(
    session.user.grants.filter((g) => g.role === "organiser").map((g) => g.organisationId),
  );
  return organisations.filter((o) => admin || organised.has(o.id));
}
