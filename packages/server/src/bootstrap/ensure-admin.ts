/**
 * The production administrator, from KAOPING_ADMIN_USERNAME and KAOPING_ADMIN_PASSWORD. The password is used
 * only when the account is created: a password changed later in Kaoping is never overwritten at the next start.
 * An existing account keeps its password but is made an enabled administrator again.
 */
import type { Author } from "../access/actor.js";
import { checkNewPassword, hashPassword } from "../auth/passwords.js";
import type { Services } from "../context.js";
import { write } from "../write.js";

export const SYSTEM_AUTHOR: Author = { userId: null, name: "system" };

export type AdminOutcome = "created" | "restored" | "unchanged";

export async function ensureAdmin(
  services: Services,
  username: string,
  password: string,
): Promise<AdminOutcome> {
  const existing = await services.db
    .selectFrom("users")
    .select(["id", "disabled"])
    .where("username", "=", username)
    .executeTakeFirst();
  if (existing === undefined) {
    checkNewPassword(password, "KAOPING_ADMIN_PASSWORD");
    const passwordHash = await hashPassword(password);
    await write(services, SYSTEM_AUTHOR, async (w) => {
      const row = await w.trx
        .insertInto("users")
        .values({ username, display_name: "系统管理员", password_hash: passwordHash, organisation_id: null })
        .returning("id")
        .executeTakeFirstOrThrow();
      await w.trx
        .insertInto("role_grants")
        .values({ user_id: row.id, role: "admin", organisation_id: null })
        .execute();
      await w.audit({
        action: "user.created",
        entityType: "user",
        entityId: row.id,
        after: { username, displayName: "系统管理员", grants: [{ role: "admin", organisationId: null }] },
      });
    });
    return "created";
  }
  const grant = await services.db
    .selectFrom("role_grants")
    .select("id")
    .where("user_id", "=", existing.id)
    .where("role", "=", "admin")
    .executeTakeFirst();
  if (grant !== undefined && !existing.disabled) return "unchanged";
  await write(services, SYSTEM_AUTHOR, async (w) => {
    if (grant === undefined)
      await w.trx
        .insertInto("role_grants")
        .values({ user_id: existing.id, role: "admin", organisation_id: null })
        .execute();
    if (existing.disabled)
      await w.trx
        .updateTable("users")
        .set((eb) => ({ disabled: false, version: eb("version", "+", 1) }))
        .where("id", "=", existing.id)
        .execute();
    await w.audit({
      action: "user.admin_restored",
      entityType: "user",
      entityId: existing.id,
      before: { admin: grant !== undefined, disabled: existing.disabled },
      after: { admin: true, disabled: false },
    });
  });
  return "restored";
}
