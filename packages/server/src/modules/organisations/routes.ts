/** /organisations: the tree, as far as the signed-in user's roles reach. */
import { z } from "zod";
import { holds, scopeRoots } from "../../access/scope.js";
import type { Services } from "../../context.js";
import { forbidden, notFound } from "../../errors.js";
import { type Api, actorOf, IdParams, PageQuery, page, Versioned } from "../../http/api.js";
import { ROLES } from "../users/present-user.js";
import { inScope } from "./in-scope.js";
import { createOrganisation, updateOrganisation } from "./manage-organisations.js";
import { OrganisationView, presentOrganisation } from "./present-organisation.js";

const Code = z.string().regex(/^[\p{L}\p{N}_.-]{1,40}$/u, "1–40 letters, digits, '.', '_' or '-'");
const ANY_ROLE = ROLES.filter((r) => r !== "admin");

export async function organisationRoutes(app: Api, services: Services) {
  app.get(
    "/organisations",
    {
      schema: {
        tags: ["organisations"],
        summary: "Organisations under one's roles, in tree order; `under` limits it to one subtree",
        querystring: PageQuery.extend({ under: z.uuid().optional(), kind: z.string().max(40).optional() }),
        response: { 200: page(OrganisationView) },
      },
    },
    async (request) => {
      const { limit, offset, under, kind } = request.query;
      const roots = scopeRoots(actorOf(request), ANY_ROLE);
      let query = services.db.selectFrom("organisations");
      query = query.where(() => inScope("path", roots));
      if (under !== undefined) {
        const root = await services.db
          .selectFrom("organisations")
          .select("path")
          .where("id", "=", under)
          .executeTakeFirst();
        if (root === undefined) throw notFound("organisation");
        query = query.where(() => inScope("path", [root.path]));
      }
      if (kind !== undefined) query = query.where("kind", "=", kind);
      const total = await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
      const rows = await query.selectAll().orderBy("path").limit(limit).offset(offset).execute();
      return { items: rows.map(presentOrganisation), total: Number(total.n), limit, offset };
    },
  );

  app.get(
    "/organisations/:id",
    {
      schema: {
        tags: ["organisations"],
        summary: "One organisation",
        params: IdParams,
        response: { 200: OrganisationView },
      },
    },
    async (request) => {
      const row = await services.db
        .selectFrom("organisations")
        .selectAll()
        .where("id", "=", request.params.id)
        .executeTakeFirst();
      if (row === undefined) throw notFound("organisation");
      if (!holds(actorOf(request), ANY_ROLE, row.path)) throw forbidden("outside your organisations");
      return presentOrganisation(row);
    },
  );

  app.post(
    "/organisations",
    {
      schema: {
        tags: ["organisations"],
        summary: "Add an organisation under a parent one organises",
        body: z.strictObject({
          parentId: z.uuid().nullable(),
          code: Code,
          name: z.string().min(1).max(100),
          kind: z.string().min(1).max(40),
          category: z.string().min(1).max(40).nullable().optional(),
        }),
        response: { 201: OrganisationView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createOrganisation(services, actorOf(request), request.body)),
  );

  app.patch(
    "/organisations/:id",
    {
      schema: {
        tags: ["organisations"],
        summary: "Rename, recategorise or move an organisation",
        params: IdParams,
        body: z.strictObject({
          ...Versioned,
          code: Code.optional(),
          name: z.string().min(1).max(100).optional(),
          kind: z.string().min(1).max(40).optional(),
          category: z.string().min(1).max(40).nullable().optional(),
          parentId: z.uuid().optional(),
        }),
        response: { 200: OrganisationView },
      },
    },
    async (request) => updateOrganisation(services, actorOf(request), request.params.id, request.body),
  );
}
