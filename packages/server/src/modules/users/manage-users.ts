/**
 * Accounts are created by an administrator, or by an organiser for people inside its own subtree (it cannot
 * give roles outside it, nor make admins). Usernames are unique; passwords meet the minimum length.
 */
import type { Actor } from "../../access/actor.js";
import { authorOf } from "../../access/actor.js";
import { holds, isAdmin, organisationPath } from "../../access/scope.js";
import { checkNewPassword, hashPassword } from "../../auth/passwords.js";
import { endUserSessions } from "../../auth/sessions.js";
import type { Services } from "../../context.js";
import type { Role } from "../../db/schema.js";
import { AppError, forbidden, notFound } from "../../errors.js";
import { expectOneUpdated, type Writer, write } from "../../write.js";
import { presentUser, type UserView } from "./present-user.js";

export interface GrantInput {
  role: Role;
  organisationId: string | null;
}

async function checkMayGrant(
  services: Services,
  actor: Actor,
  grants: GrantInput[],
  organisationId: string | null,
) {
  if (isAdmin(actor)) return;
  const organiserOver = async (id: string | null, what: string) => {
    if (id === null || !holds(actor, ["organiser"], await organisationPath(services.db, id))) {
      throw forbidden(`${what} must be inside your own organisation subtree`);
    }
  };
  await organiserOver(organisationId, "the user's organisation");
  for (const grant of grants) {
    if (grant.role === "admin") throw forbidden("only an administrator can make administrators");
    await organiserOver(grant.organisationId, `the ${grant.role} grant`);
  }
}

function checkGrants(grants: GrantInput[]) {
  grants.forEach((grant, i) => {
    if ((grant.role === "admin") !== (grant.organisationId === null)) {
      throw new AppError("validation", [
        {
          path: `body.grants.${i}.organisationId`,
          message: "admin has no organisation; every other role needs one",
        },
      ]);
    }
  });
}

async function replaceGrants(w: Writer, userId: string, grants: GrantInput[]) {
  await w.trx.deleteFrom("role_grants").where("user_id", "=", userId).execute();
  if (grants.length > 0) {
    await w.trx
      .insertInto("role_grants")
      .values(grants.map((g) => ({ user_id: userId, role: g.role, organisation_id: g.organisationId })))
      .execute();
  }
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  email?: string | null | undefined;
  organisationId: string | null;
  grants: GrantInput[];
}

export async function createUser(services: Services, actor: Actor, input: NewUser): Promise<UserView> {
  checkGrants(input.grants);
  checkNewPassword(input.password, "body.password");
  await checkMayGrant(services, actor, input.grants, input.organisationId);
  const taken = await services.db
    .selectFrom("users")
    .select("id")
    .where("username", "=", input.username)
    .executeTakeFirst();
  if (taken !== undefined)
    throw new AppError("conflict", [{ path: "body.username", message: "already taken / 用户名已存在" }]);
  const passwordHash = await hashPassword(input.password);
  const user = await write(services, authorOf(actor), async (w) => {
    const row = await w.trx
      .insertInto("users")
      .values({
        username: input.username,
        display_name: input.displayName,
        email: input.email ?? null,
        password_hash: passwordHash,
        organisation_id: input.organisationId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await replaceGrants(w, row.id, input.grants);
    await w.audit({
      action: "user.created",
      entityType: "user",
      entityId: row.id,
      organisationId: input.organisationId,
      after: {
        username: input.username,
        displayName: input.displayName,
        email: input.email ?? null,
        grants: input.grants,
      },
    });
    return row;
  });
  return presentUser(services.db, user);
}

export interface UserChange {
  version: number;
  displayName?: string | undefined;
  /** null removes the address. */
  email?: string | null | undefined;
  disabled?: boolean | undefined;
  grants?: GrantInput[] | undefined;
  newPassword?: string | undefined;
}

async function managedUser(services: Services, actor: Actor, userId: string) {
  const user = await services.db.selectFrom("users").selectAll().where("id", "=", userId).executeTakeFirst();
  if (user === undefined) throw notFound("user");
  const current = await presentUser(services.db, user);
  await checkMayGrant(services, actor, current.grants, user.organisation_id);
  return { user, current };
}

export async function updateUser(
  services: Services,
  actor: Actor,
  userId: string,
  change: UserChange,
): Promise<UserView> {
  const { user, current } = await managedUser(services, actor, userId);
  if (change.grants !== undefined) {
    checkGrants(change.grants);
    await checkMayGrant(services, actor, change.grants, user.organisation_id);
  }
  if (change.newPassword !== undefined) checkNewPassword(change.newPassword, "body.newPassword");
  const passwordHash = change.newPassword === undefined ? undefined : await hashPassword(change.newPassword);
  await write(services, authorOf(actor), async (w) => {
    const result = await w.trx
      .updateTable("users")
      .set((eb) => ({
        display_name: change.displayName ?? user.display_name,
        email: change.email === undefined ? user.email : change.email,
        disabled: change.disabled ?? user.disabled,
        ...(passwordHash === undefined
          ? {}
          : { password_hash: passwordHash, failed_logins: 0, locked_until: null }),
        version: eb("version", "+", 1),
      }))
      .where("id", "=", userId)
      .where("version", "=", change.version)
      .executeTakeFirst();
    expectOneUpdated(result);
    if (change.grants !== undefined) await replaceGrants(w, userId, change.grants);
    await w.audit({
      action: "user.updated",
      entityType: "user",
      entityId: userId,
      organisationId: user.organisation_id,
      before: {
        displayName: current.displayName,
        email: current.email,
        disabled: current.disabled,
        grants: current.grants,
      },
      after: {
        displayName: change.displayName ?? current.displayName,
        email: change.email === undefined ? current.email : change.email,
        disabled: change.disabled ?? current.disabled,
        grants: change.grants ?? current.grants,
        passwordReset: passwordHash !== undefined,
      },
    });
  });
  if (change.disabled === true || passwordHash !== undefined) await endUserSessions(services.db, userId);
  const updated = await services.db
    .selectFrom("users")
    .selectAll()
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  return presentUser(services.db, updated);
}

export async function getUser(services: Services, actor: Actor, userId: string): Promise<UserView> {
  if (userId === actor.userId) {
    const self = await services.db
      .selectFrom("users")
      .selectAll()
      .where("id", "=", userId)
      .executeTakeFirstOrThrow();
    return presentUser(services.db, self);
  }
  return (await managedUser(services, actor, userId)).current;
}
