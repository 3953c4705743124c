/** /me/notifications: the signed-in person's reminders (提醒), and marking them read. */
import { z } from "zod";
import type { Services } from "../../context.js";
import { type Api, actorOf, IdParams, Ok, PageQuery, page } from "../../http/api.js";
import { markAllRead, markRead, myNotifications, NotificationView } from "./my-notifications.js";

const tags = ["notifications"];

export async function reminderRoutes(app: Api, services: Services) {
  app.get(
    "/me/notifications",
    {
      schema: {
        tags,
        summary: "My reminders, newest first, with the unread count; `unreadOnly` lists the unread ones only",
        querystring: PageQuery.extend({
          unreadOnly: z
            .enum(["true", "false"])
            .transform((v) => v === "true")
            .optional(),
        }),
        response: { 200: page(NotificationView).extend({ unread: z.number().int() }) },
      },
    },
    async (request) => myNotifications(services, actorOf(request), request.query),
  );

  app.post(
    "/me/notifications/:id/read",
    {
      schema: {
        tags,
        summary: "Mark one of my reminders read",
        params: IdParams,
        response: { 200: Ok },
      },
    },
    async (request) => {
      await markRead(services, actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    "/me/notifications/read-all",
    {
      schema: {
        tags,
        summary: "Mark all my reminders read",
        response: { 200: z.object({ marked: z.number().int() }) },
      },
    },
    async (request) => ({ marked: await markAllRead(services, actorOf(request)) }),
  );
}
