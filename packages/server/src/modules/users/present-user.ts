/** How a user looks through the API (never the password hash). */
import { z } from "zod";
import { loadGrants } from "../../auth/sessions.js";
import type { Services } from "../../context.js";
import type { Db } from "../../db/open-database.js";
import type { User } from "../../db/schema.js";

export const ROLES = [
  "admin",
  "organiser",
  "unit_head",
  "unit_staff",
  "department_staff",
  "reviewer",
  "viewer",
] as const;

export const GrantView = z.object({ role: z.enum(ROLES), organisationId: z.string().nullable() });

export const UserView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  /** Where reminders are mailed; null: in-app only. */
  email: z.string().nullable(),
  organisationId: z.string().nullable(),
  disabled: z.boolean(),
  grants: z.array(GrantView),
  version: z.number().int(),
});
export type UserView = z.infer<typeof UserView>;

export const SessionView = z.object({ user: UserView, csrfToken: z.string() });

export async function presentUser(db: Db, user: User): Promise<UserView> {
  const grants = await loadGrants(db, user.id);
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    email: user.email,
    organisationId: user.organisation_id,
    disabled: user.disabled,
    grants: grants.map((g) => ({ role: g.role, organisationId: g.organisationId })),
    version: user.version,
  };
}

export async function describeActor(services: Services, userId: string, csrfToken: string) {
  const user = await services.db
    .selectFrom("users")
    .selectAll()
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  return { user: await presentUser(services.db, user), csrfToken };
}
