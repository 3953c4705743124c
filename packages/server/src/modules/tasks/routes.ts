/** /me/tasks: the signed-in person's to-do list (待办) across campaigns, for the workspace of every role. */
import { z } from "zod";
import type { Services } from "../../context.js";
import { type Api, actorOf, PageQuery, page } from "../../http/api.js";
import { myTasks, TASK_KINDS } from "./my-tasks.js";

const TaskView = z.object({
  key: z.string(),
  kind: z.enum(TASK_KINDS),
  role: z.enum(["admin", "organiser", "unit_head", "unit_staff", "department_staff", "reviewer", "viewer"]),
  campaignId: z.string(),
  campaignName: z.string(),
  year: z.number().int(),
  organisationId: z.string().nullable(),
  organisationName: z.string().nullable(),
  indicatorCode: z.string().nullable(),
  title: z.string(),
  detail: z.string().nullable(),
  stage: z.string().nullable(),
  deadline: z.string().nullable(),
  overdue: z.boolean(),
  links: z.object({
    campaignId: z.string(),
    organisationId: z.string().optional(),
    selfEvaluationId: z.string().optional(),
    objectionId: z.string().optional(),
    groupCode: z.string().optional(),
    target: z.string().optional(),
    departmentId: z.string().optional(),
    stage: z.string().optional(),
    rectificationItemId: z.string().optional(),
  }),
});

export async function taskRoutes(app: Api, services: Services) {
  app.get(
    "/me/tasks",
    {
      schema: {
        tags: ["tasks"],
        summary:
          "My to-dos across campaigns for every role I hold: overdue first, then by deadline (none last)",
        querystring: PageQuery,
        response: { 200: page(TaskView).extend({ overdue: z.number().int(), now: z.string() }) },
      },
    },
    async (request) => myTasks(services, actorOf(request), request.query),
  );
}
