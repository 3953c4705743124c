/**
 * 登录. Failed attempts count per account; at the limit the account is locked for a while and even the right
 * password is refused until it ends. An unknown user name costs the same time as a wrong password.
 */
import { IpThrottle } from "../../auth/ip-throttle.js";
import { decoyHash, verifyPassword } from "../../auth/passwords.js";
import { createSession, type NewSession } from "../../auth/sessions.js";
import type { Services } from "../../context.js";
import { AppError } from "../../errors.js";
import { write } from "../../write.js";

/** Per process: 30 failures from one address within 15 minutes block it until the window moves on. */
const throttle = new IpThrottle(30, 15 * 60_000);

export async function login(
  services: Services,
  username: string,
  password: string,
  ip: string,
): Promise<NewSession & { userId: string }> {
  const { db, clock, config } = services;
  if (throttle.isBlocked(ip, clock.now().getTime())) {
    throw new AppError("account_locked", [
      { path: "ip", message: "too many failed sign-ins from this address" },
    ]);
  }
  const user = await db
    .selectFrom("users")
    .select(["id", "password_hash", "disabled", "failed_logins", "locked_until"])
    .where("username", "=", username)
    .executeTakeFirst();
  const now = clock.now();
  if (user?.locked_until != null && new Date(user.locked_until) > now) {
    throw new AppError("account_locked", [
      { path: "username", message: `locked until ${new Date(user.locked_until).toISOString()}` },
    ]);
  }
  const matches = await verifyPassword(user?.password_hash ?? (await decoyHash()), password);
  if (user === undefined || user.disabled || !matches) {
    throttle.fail(ip, now.getTime());
    if (user !== undefined) {
      const failures = user.failed_logins + 1;
      const lock = failures >= config.login.maxFailures;
      await write(services, { userId: user.id, name: username }, async (w) => {
        await w.trx
          .updateTable("users")
          .set({
            failed_logins: lock ? 0 : failures,
            locked_until: lock ? new Date(now.getTime() + config.login.lockMinutes * 60_000) : null,
          })
          .where("id", "=", user.id)
          .execute();
        if (lock)
          await w.audit({
            action: "user.locked",
            entityType: "user",
            entityId: user.id,
            after: { failures },
          });
      });
    }
    throw new AppError("bad_credentials");
  }
  if (user.failed_logins > 0 || user.locked_until !== null) {
    await db
      .updateTable("users")
      .set({ failed_logins: 0, locked_until: null })
      .where("id", "=", user.id)
      .execute();
  }
  return { ...(await createSession(services, user.id)), userId: user.id };
}
