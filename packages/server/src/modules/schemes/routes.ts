/** /schemes and /scheme-versions: 指标体系 imported from the engine's YAML or JSON, versioned, frozen once used. */
import { z } from "zod";
import type { Services } from "../../context.js";
import { type Api, actorOf, IdParams, PageQuery, page, Versioned } from "../../http/api.js";
import { importScheme, replaceSchemeVersion } from "./import-scheme.js";
import { SchemeDetailView, SchemeVersionView, SchemeView } from "./present-scheme.js";
import { getScheme, getSchemeVersion, listSchemes } from "./read-schemes.js";

/** Scheme texts are large (a 1000-point scheme is ~40 kB); the body limit bounds them. */
const Source = z.string().min(1).max(2_000_000);
const Format = z.enum(["yaml", "json"]);

export async function schemeRoutes(app: Api, services: Services) {
  app.get(
    "/schemes",
    {
      schema: {
        tags: ["schemes"],
        summary: "Schemes owned in one's organiser/viewer subtrees (and those issued above them)",
        querystring: PageQuery.extend({ ownerId: z.uuid().optional() }),
        response: { 200: page(SchemeView) },
      },
    },
    async (request) => listSchemes(services, actorOf(request), request.query),
  );

  app.post(
    "/schemes",
    {
      schema: {
        tags: ["schemes"],
        summary: "Import a scheme (or a new version of one, by its code) from YAML or JSON",
        body: z.strictObject({
          ownerId: z.uuid(),
          source: Source,
          format: Format,
          label: z.string().min(1).max(40).optional(),
        }),
        response: { 201: SchemeVersionView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await importScheme(services, actorOf(request), request.body)),
  );

  app.get(
    "/schemes/:id",
    {
      schema: {
        tags: ["schemes"],
        summary: "One scheme with its versions",
        params: IdParams,
        response: { 200: SchemeDetailView },
      },
    },
    async (request) => getScheme(services, actorOf(request), request.params.id),
  );

  app.get(
    "/scheme-versions/:id",
    {
      schema: {
        tags: ["schemes"],
        summary:
          "One scheme version: its text, parsed definition, indicator tree, bonus, veto and rater rules",
        params: IdParams,
        response: { 200: SchemeVersionView },
      },
    },
    async (request) => getSchemeVersion(services, actorOf(request), request.params.id),
  );

  app.put(
    "/scheme-versions/:id",
    {
      schema: {
        tags: ["schemes"],
        summary: "Replace an unfrozen version's text (re-validated); a frozen version is immutable",
        params: IdParams,
        body: z.strictObject({ ...Versioned, source: Source, format: Format }),
        response: { 200: SchemeVersionView },
      },
    },
    async (request) => replaceSchemeVersion(services, actorOf(request), request.params.id, request.body),
  );
}
