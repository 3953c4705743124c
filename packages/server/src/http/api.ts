/** What every route module shares: the typed Fastify instance, the signed-in actor, pagination and versions. */
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Actor } from "../access/actor.js";
import { AppError } from "../errors.js";

export type Api = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Who may call a route: anyone, or a signed-in user (the default). */
export type Access = "public" | "session";

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
    sessionToken: string | null;
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

export function actorOf(request: FastifyRequest): Actor {
  if (request.actor === null) throw new AppError("unauthenticated");
  return request.actor;
}

export const Id = z.uuid();
export const IdParams = z.strictObject({ id: Id });

/** Lists are paged: `limit` (1–500, default 50) and `offset`. */
export const PageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type PageQuery = z.infer<typeof PageQuery>;

export const page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  });

/** Pages a list that is small by nature (a campaign's runs, a unit's findings) after reading it whole. */
export function pageOf<T>(items: readonly T[], query: PageQuery) {
  return { items: items.slice(query.offset, query.offset + query.limit), total: items.length, ...query };
}

/** Every edit carries the version it was based on; a stale one gets 409 and nothing is overwritten. */
export const Versioned = { version: z.number().int().min(1) };

export const Ok = z.object({ ok: z.literal(true) });

export const ErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.object({ zh: z.string(), en: z.string() }),
    details: z.array(z.object({ path: z.string(), message: z.string() })),
  }),
});

export function noContent(reply: FastifyReply) {
  return reply.code(204).send();
}

export type { FastifyRequest };
