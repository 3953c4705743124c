/** /users: accounts and their roles, managed by administrators and by organisers within their subtree. */
import { z } from "zod";
import { scopeRoots } from "../../access/scope.js";
import type { Services } from "../../context.js";
import { type Api, actorOf, IdParams, PageQuery, page, Versioned } from "../../http/api.js";
import { inScope } from "../organisations/in-scope.js";
import { createUser, getUser, updateUser } from "./manage-users.js";
import { presentUser, ROLES, UserView } from "./present-user.js";

/** Where reminders are mailed (提醒邮件); null: none. */
const Email = z.email("a valid e-mail address / 邮箱地址格式不正确").max(254).nullable();
const Grant = z.strictObject({ role: z.enum(ROLES), organisationId: z.uuid().nullable() });

export async function userRoutes(app: Api, services: Services) {
  app.get(
    "/users",
    {
      schema: {
        tags: ["users"],
        summary:
          "Users in the organisations one organises (all for an administrator); `organisationId` limits it to the users of one organisation or holding a role there",
        querystring: PageQuery.extend({
          q: z.string().max(100).optional(),
          organisationId: z.uuid().optional(),
        }),
        response: { 200: page(UserView) },
      },
    },
    async (request) => {
      const { limit, offset, q, organisationId } = request.query;
      const roots = scopeRoots(actorOf(request), ["organiser"]);
      let query = services.db
        .selectFrom("users")
        .leftJoin("organisations", "organisations.id", "users.organisation_id");
      query = query.where(() => inScope("organisations.path", roots));
      if (q !== undefined)
        query = query.where((eb) =>
          eb.or([eb("users.username", "ilike", `%${q}%`), eb("users.display_name", "ilike", `%${q}%`)]),
        );
      if (organisationId !== undefined)
        query = query.where((eb) =>
          eb.or([
            eb("users.organisation_id", "=", organisationId),
            eb.exists(
              eb
                .selectFrom("role_grants")
                .select("role_grants.user_id")
                .whereRef("role_grants.user_id", "=", "users.id")
                .where("role_grants.organisation_id", "=", organisationId),
            ),
          ]),
        );
      const total = await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
      const rows = await query
        .selectAll("users")
        .orderBy("users.username")
        .limit(limit)
        .offset(offset)
        .execute();
      return {
        items: await Promise.all(rows.map((u) => presentUser(services.db, u))),
        total: Number(total.n),
        limit,
        offset,
      };
    },
  );

  app.post(
    "/users",
    {
      schema: {
        tags: ["users"],
        summary: "Create a user with roles",
        body: z.strictObject({
          username: z.string().regex(/^[A-Za-z0-9_.-]{3,40}$/, "3–40 letters, digits, '.', '_' or '-'"),
          displayName: z.string().min(1).max(100),
          password: z.string().min(1).max(200),
          email: Email.optional(),
          organisationId: z.uuid().nullable(),
          grants: z.array(Grant).max(50),
        }),
        response: { 201: UserView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createUser(services, actorOf(request), request.body)),
  );

  app.get(
    "/users/:id",
    { schema: { tags: ["users"], summary: "One user", params: IdParams, response: { 200: UserView } } },
    async (request) => getUser(services, actorOf(request), request.params.id),
  );

  app.patch(
    "/users/:id",
    {
      schema: {
        tags: ["users"],
        summary: "Change a user's name, roles or state, or reset the password",
        params: IdParams,
        body: z.strictObject({
          ...Versioned,
          displayName: z.string().min(1).max(100).optional(),
          email: Email.optional(),
          disabled: z.boolean().optional(),
          grants: z.array(Grant).max(50).optional(),
          newPassword: z.string().min(1).max(200).optional(),
        }),
        response: { 200: UserView },
      },
    },
    async (request) => updateUser(services, actorOf(request), request.params.id, request.body),
  );
}
