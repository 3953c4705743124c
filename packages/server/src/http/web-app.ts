/**
 * The web app (packages/web/dist) served by the API server when it has been built: its files, and index.html
 * for every other GET outside /api (the single-page app routes in the browser). /api/* never falls back.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { AppError } from "../errors.js";

/** packages/web/dist, from this file in src/http or dist/http. */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL("../../../web/dist/", import.meta.url));

/** The built app's folder, or null when it has not been built (the API works without it). */
export function findWebApp(dir: string = DEFAULT_WEB_DIR): string | null {
  return fs.existsSync(path.join(dir, "index.html")) ? dir : null;
}

function isFileInside(root: string, relative: string): boolean {
  const full = path.resolve(root, relative);
  if (!full.startsWith(path.resolve(root) + path.sep)) return false;
  try {
    return fs.statSync(full).isFile();
  } catch {
    return false;
  }
}

export async function registerWebApp(app: FastifyInstance, root: string): Promise<void> {
  await app.register(fastifyStatic, { root, serve: false });
  app.get("/*", { schema: { hide: true }, config: { access: "public" } }, async (request, reply) => {
    const pathname = request.url.split("?")[0] ?? "/";
    if (pathname === "/api" || pathname.startsWith("/api/")) {
      throw new AppError("not_found", [{ path: "url", message: `${request.method} ${request.url}` }]);
    }
    let relative: string;
    try {
      relative = decodeURIComponent(pathname).replace(/^\/+/, "");
    } catch {
      throw new AppError("not_found", [{ path: "url", message: `${request.method} ${request.url}` }]);
    }
    if (relative !== "" && isFileInside(root, relative)) {
      // Vite's hashed bundles never change; everything else is revalidated.
      if (relative.startsWith("assets/"))
        return reply.sendFile(relative, { maxAge: "365d", immutable: true });
      reply.header("cache-control", "no-cache");
      return reply.sendFile(relative, { cacheControl: false });
    }
    if (relative.startsWith("assets/")) {
      throw new AppError("not_found", [{ path: "url", message: `${request.method} ${request.url}` }]);
    }
    reply.header("cache-control", "no-cache");
    return reply.sendFile("index.html", { cacheControl: false });
  });
}
