/** /auth: sign in and out, the current session, password change. */
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { endSession, SESSION_COOKIE } from "../../auth/sessions.js";
import type { Services } from "../../context.js";
import { type Api, actorOf, Ok } from "../../http/api.js";
import { describeActor, SessionView } from "../users/present-user.js";
import { changePassword } from "./change-password.js";
import { login } from "./login.js";

function secure(services: Services, request: FastifyRequest): boolean {
  const setting = services.config.secureCookies;
  return setting === "auto" ? request.protocol === "https" : setting;
}

export async function authRoutes(app: Api, services: Services) {
  app.post(
    "/auth/login",
    {
      config: { access: "public" },
      schema: {
        tags: ["auth"],
        summary: "Sign in (登录)",
        security: [],
        body: z.strictObject({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }),
        response: { 200: SessionView },
      },
    },
    async (request, reply) => {
      const session = await login(services, request.body.username, request.body.password, request.ip);
      reply.setCookie(SESSION_COOKIE, session.token, {
        path: "/",
        httpOnly: true,
        sameSite: "lax",
        secure: secure(services, request),
        expires: session.expiresAt,
      });
      return describeActor(services, session.userId, session.csrfToken);
    },
  );

  app.post(
    "/auth/logout",
    { schema: { tags: ["auth"], summary: "Sign out", response: { 200: Ok } } },
    async (request, reply) => {
      if (request.sessionToken !== null) await endSession(services.db, request.sessionToken);
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return { ok: true as const };
    },
  );

  app.get(
    "/auth/session",
    {
      schema: {
        tags: ["auth"],
        summary: "The signed-in user, roles and CSRF token",
        response: { 200: SessionView },
      },
    },
    async (request) => describeActor(services, actorOf(request).userId, request.csrfToken ?? ""),
  );

  app.post(
    "/auth/password",
    {
      schema: {
        tags: ["auth"],
        summary: "Change one's own password (修改密码)",
        body: z.strictObject({
          currentPassword: z.string().min(1).max(200),
          newPassword: z.string().min(1).max(200),
        }),
        response: { 200: Ok },
      },
    },
    async (request) => {
      await changePassword(
        services,
        actorOf(request),
        request.sessionToken ?? "",
        request.body.currentPassword,
        request.body.newPassword,
      );
      return { ok: true as const };
    },
  );
}
