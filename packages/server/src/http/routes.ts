/** Every route module, registered under /api/v1. */
import type { Services } from "../context.js";
import { archiveRoutes } from "../modules/archives/routes.js";
import { auditRoutes } from "../modules/audit/routes.js";
import { authRoutes } from "../modules/auth/routes.js";
import { campaignRoutes } from "../modules/campaigns/routes.js";
import { caseRoutes } from "../modules/cases/routes.js";
import { dashboardRoutes } from "../modules/dashboard/routes.js";
import { documentRoutes } from "../modules/documents/routes.js";
import { evidenceRoutes } from "../modules/evidence/routes.js";
import { gradingRoutes } from "../modules/grading/routes.js";
import { jobRoutes } from "../modules/jobs/routes.js";
import { organisationRoutes } from "../modules/organisations/routes.js";
import { publicityRoutes } from "../modules/publicity/routes.js";
import { rectificationRoutes } from "../modules/rectification/routes.js";
import { reminderRoutes } from "../modules/reminders/routes.js";
import { resultRoutes } from "../modules/results/routes.js";
import { reviewRoutes } from "../modules/review/routes.js";
import { samplingRoutes } from "../modules/sampling/routes.js";
import { schemeRoutes } from "../modules/schemes/routes.js";
import { selfEvaluationRoutes } from "../modules/self-evaluations/routes.js";
import { surveyRoutes } from "../modules/surveys/routes.js";
import { taskRoutes } from "../modules/tasks/routes.js";
import { userRoutes } from "../modules/users/routes.js";
import { workbookRoutes } from "../modules/workbooks/routes.js";
import type { Api } from "./api.js";

export async function registerRoutes(app: Api, services: Services) {
  for (const routes of [authRoutes, userRoutes, organisationRoutes]) await routes(app, services);
  await auditRoutes(app, services);
  for (const routes of [schemeRoutes, campaignRoutes]) await routes(app, services);
  for (const routes of [selfEvaluationRoutes, evidenceRoutes]) await routes(app, services);
  for (const routes of [reviewRoutes, samplingRoutes, gradingRoutes, publicityRoutes, resultRoutes])
    await routes(app, services);
  for (const routes of [taskRoutes, dashboardRoutes, reminderRoutes]) await routes(app, services);
  await workbookRoutes(app, services);
  await rectificationRoutes(app, services);
  await caseRoutes(app, services);
  await surveyRoutes(app, services);
  for (const routes of [archiveRoutes, jobRoutes, documentRoutes]) await routes(app, services);
}
