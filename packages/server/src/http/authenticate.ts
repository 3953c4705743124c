/**
 * Before every route: find the session from its cookie, and on a state-changing request demand the session's
 * CSRF token in a header (a cross-site form can send the cookie but cannot read or set the header).
 */
import type { FastifyRequest } from "fastify";
import { CSRF_HEADER, SESSION_COOKIE, sessionActor } from "../auth/sessions.js";
import type { Services } from "../context.js";
import { AppError } from "../errors.js";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function authenticate(services: Services) {
  return async (request: FastifyRequest) => {
    request.actor = null;
    request.sessionToken = null;
    request.csrfToken = null;
    const token = request.cookies[SESSION_COOKIE];
    if (token !== undefined && token !== "") {
      const found = await sessionActor(services, token);
      if (found !== null) {
        request.actor = found.actor;
        request.sessionToken = token;
        request.csrfToken = found.csrfToken;
      }
    }
    const access = request.routeOptions.config.access ?? "session";
    if (access === "public") return;
    if (request.actor === null) throw new AppError("unauthenticated");
    if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== request.csrfToken) {
      throw new AppError("csrf");
    }
  };
}
