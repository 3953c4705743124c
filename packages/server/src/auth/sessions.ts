/**
 * Sessions live in the database; the browser holds only a random token in an HttpOnly cookie and the database
 * only its hash. Each session has its own CSRF token that state-changing requests must echo in a header.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Actor, Grant } from "../access/actor.js";
import type { Services } from "../context.js";
import type { Db } from "../db/open-database.js";

export const SESSION_COOKIE = "kaoping_session";
export const CSRF_HEADER = "x-csrf-token";

const hashToken = (token: string): string => createHash("sha256").update(token).digest("hex");
const randomToken = (): string => randomBytes(32).toString("base64url");

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(services: Services, userId: string): Promise<NewSession> {
  const token = randomToken();
  const csrfToken = randomToken();
  const now = services.clock.now();
  const expiresAt = new Date(now.getTime() + services.config.sessionHours * 3_600_000);
  await services.db
    .insertInto("sessions")
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now,
      expires_at: expiresAt,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

export async function endSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom("sessions").where("token_hash", "=", hashToken(token)).execute();
}

export async function endUserSessions(db: Db, userId: string, exceptToken?: string): Promise<void> {
  let query = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (exceptToken !== undefined) query = query.where("token_hash", "!=", hashToken(exceptToken));
  await query.execute();
}

export interface SessionActor {
  actor: Actor;
  csrfToken: string;
}

export async function loadGrants(db: Db, userId: string): Promise<Grant[]> {
  const rows = await db
    .selectFrom("role_grants")
    .leftJoin("organisations", "organisations.id", "role_grants.organisation_id")
    .select(["role_grants.role", "role_grants.organisation_id", "organisations.path"])
    .where("role_grants.user_id", "=", userId)
    .execute();
  return rows.map((r) => ({ role: r.role, organisationId: r.organisation_id, path: r.path }));
}

/** The actor a user is: who, their organisation, and every role granted with its organisation's path. */
export async function actorOfUser(
  db: Db,
  user: { id: string; username: string; display_name: string; organisation_id: string | null },
): Promise<Actor> {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    organisationId: user.organisation_id,
    grants: await loadGrants(db, user.id),
  };
}

/** The signed-in actor for a cookie's token, or null when it is unknown, expired or the user is disabled. */
export async function sessionActor(services: Services, token: string): Promise<SessionActor | null> {
  const row = await services.db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select([
      "users.id",
      "users.username",
      "users.display_name",
      "users.organisation_id",
      "users.disabled",
      "sessions.csrf_token",
      "sessions.expires_at",
    ])
    .where("sessions.token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (row === undefined || row.disabled || new Date(row.expires_at) <= services.clock.now()) return null;
  return { actor: await actorOfUser(services.db, row), csrfToken: row.csrf_token };
}
