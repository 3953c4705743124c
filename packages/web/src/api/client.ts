/**
 * The typed API client: openapi-fetch over the paths of `schema.d.ts` (generated from the server's OpenAPI
 * document by `npm run api:types`). It sends the session cookie, adds the CSRF token of the current session to
 * every request that changes something, and turns every failure into an `ApiError`.
 */
import createClient, { type Middleware } from "openapi-fetch";
import { ApiError, networkError, toApiError } from "./errors.js";
import type { components, paths } from "./schema.js";

export type { components, paths };

let csrfToken: string | null = null;

/** Set from the login or session response; cleared at sign-out. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

const csrf: Middleware = {
  onRequest({ request }) {
    if (csrfToken !== null && !SAFE_METHODS.has(request.method.toUpperCase())) {
      request.headers.set("X-CSRF-Token", csrfToken);
    }
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: "", credentials: "same-origin" });
api.use(csrf);

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * The data of a call, or an `ApiError`: `await call(api.GET("/api/v1/campaigns"))`.
 * A request that got no answer becomes the `network` error.
 */
export async function call<T>(request: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await request;
  } catch (cause) {
    throw cause instanceof ApiError ? cause : networkError(cause);
  }
  if (!result.response.ok) throw toApiError(result.response.status, result.error);
  return result.data as T;
}
