/** 修改密码: the current password is required; other sessions of the user end. */
import type { Actor } from "../../access/actor.js";
import { authorOf } from "../../access/actor.js";
import { checkNewPassword, hashPassword, verifyPassword } from "../../auth/passwords.js";
import { endUserSessions } from "../../auth/sessions.js";
import type { Services } from "../../context.js";
import { AppError } from "../../errors.js";
import { write } from "../../write.js";

export async function changePassword(
  services: Services,
  actor: Actor,
  sessionToken: string,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  checkNewPassword(newPassword);
  const user = await services.db
    .selectFrom("users")
    .select("password_hash")
    .where("id", "=", actor.userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, currentPassword))) {
    throw new AppError("bad_credentials", [
      { path: "body.currentPassword", message: "wrong password / 原密码错误" },
    ]);
  }
  const hash = await hashPassword(newPassword);
  await write(services, authorOf(actor), async (w) => {
    await w.trx
      .updateTable("users")
      .set((eb) => ({ password_hash: hash, password_changed_at: w.now, version: eb("version", "+", 1) }))
      .where("id", "=", actor.userId)
      .execute();
    await w.audit({ action: "user.password_changed", entityType: "user", entityId: actor.userId });
  });
  await endUserSessions(services.db, actor.userId, sessionToken);
}
