/** Every route module, registered under /api/v1. */
import type { Services } from "../context.js";
import { authRoutes } from "../modules/auth/routes.js";
import { organisationRoutes } from "../modules/organisations/routes.js";
import { userRoutes } from "../modules/users/routes.js";
import type { Api } from "./api.js";

export async function registerRoutes(app: Api, services: Services) {
  for (const routes of [authRoutes, userRoutes, organisationRoutes]) await routes(app, services);
}
