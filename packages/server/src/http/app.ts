/** Builds the HTTP application: plugins, the error shape, authentication, the OpenAPI document and the routes. */
import cookie from "@fastify/cookie";
import multipart from "@fastify/multipart";
import swagger from "@fastify/swagger";
import Fastify, { LogController } from "fastify";
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from "fastify-type-provider-zod";
import type { Services } from "../context.js";
import { AppError } from "../errors.js";
import { JobWorker } from "../jobs/worker.js";
import { ReminderTimer } from "../modules/reminders/reminder-timer.js";
import type { Api } from "./api.js";
import { authenticate } from "./authenticate.js";
import { handleError } from "./error-handler.js";
import { IN_PROCESS_AGENT } from "./in-process-client.js";
import { registerRoutes } from "./routes.js";
import { findWebApp, registerWebApp } from "./web-app.js";

export const API_PREFIX = "/api/v1";

export interface RouteEntry {
  method: string;
  url: string;
  access: "public" | "session";
}

declare module "fastify" {
  interface FastifyInstance {
    routeTable: RouteEntry[];
    /** The batch job worker: running unless the settings turn it off; stopped by `app.close()`. */
    jobs: JobWorker;
    /** The reminder run (提醒) every few minutes, unless the settings turn it off; stopped by `app.close()`. */
    reminders: ReminderTimer;
  }
}

export async function buildApp(services: Services): Promise<Api> {
  const { config } = services;
  const app = Fastify({
    logger: config.logLevel === "silent" ? false : { level: config.logLevel },
    // The demo loader's thousands of in-process calls would bury the start message; they are audited anyway.
    logController: new LogController({
      disableRequestLogging: (request) => request.headers["user-agent"] === IN_PROCESS_AGENT,
    }),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
  }).withTypeProvider() as unknown as Api;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request) => {
    throw new AppError("not_found", [{ path: "url", message: `${request.method} ${request.url}` }]);
  });

  await app.register(cookie);
  await app.register(multipart, {
    limits: { fileSize: config.maxUploadBytes, files: 1, fields: 10, fieldSize: 64 * 1024 },
    throwFileSizeLimit: true,
  });
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Kaoping API",
        description:
          "考评 Kaoping: evaluations of public bodies by indicator systems. Sign in with POST /api/v1/auth/login; " +
          "send the returned csrfToken in the X-CSRF-Token header on every request that changes something.",
        version: "1",
      },
      components: {
        securitySchemes: { session: { type: "apiKey", in: "cookie", name: "kaoping_session" } },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
    // Schemas registered with an id (zod's global registry) become components/schemas, referenced by $ref.
    transformObject: jsonSchemaTransformObject,
  });

  // The route list, for the authorization matrix test that must cover every endpoint.
  const routeTable: RouteEntry[] = [];
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) {
      if (method !== "HEAD" && route.url.startsWith(API_PREFIX)) {
        routeTable.push({ method, url: route.url, access: route.config?.access ?? "session" });
      }
    }
  });
  app.decorate("routeTable", routeTable);
  const jobs = new JobWorker(services);
  app.decorate("jobs", jobs);
  app.addHook("onClose", () => jobs.stop());
  const reminders = new ReminderTimer(services);
  app.decorate("reminders", reminders);
  app.addHook("onClose", () => reminders.stop());

  app.decorateRequest("actor", null);
  app.decorateRequest("sessionToken", null);
  app.decorateRequest("csrfToken", null);
  app.addHook("preValidation", authenticate(services));

  app.get("/api/docs", { schema: { hide: true }, config: { access: "public" } }, async () => app.swagger());
  await app.register(
    async (api) => {
      await registerRoutes(api as Api, services);
    },
    { prefix: API_PREFIX },
  );
  const webApp = findWebApp(config.webDir ?? undefined);
  if (webApp !== null) await registerWebApp(app, webApp);
  await app.ready();
  if (config.jobs.worker) jobs.start();
  reminders.start();
  return app;
}
