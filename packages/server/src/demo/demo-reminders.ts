/**
 * The demo's reminders (提醒): 县总工会考评办 brings this year's S4 实地评估 deadline forward to two days from now
 * (the earlier stages' dates no later than that, as deadlines run in order), so the raters who have not yet scored
 * and the organiser find "即将到期" under the bell; then one reminder run at the demo clock's now (with the daily
 * digest from 08:00 Beijing time).
 */
import { runReminders } from "../modules/reminders/run-reminders.js";
import type { DemoStep } from "./load-demo.js";
import { expectBody } from "./scripted-campaign.js";

const DAY = 86_400_000;

interface Campaign {
  version: number;
  stages: Array<{ stage: string; startsAt: string | null; deadline: string | null }>;
}

export const demoReminders: DemoStep = {
  name: "reminders",
  async run(context) {
    const { services } = context;
    const s4 = await services.db
      .selectFrom("campaigns")
      .select("id")
      .where("organiser_id", "=", context.organisation("ZGH").id)
      .where("status", "=", "running")
      .executeTakeFirst();
    if (s4 !== undefined) {
      const organiser = await context.signIn("kaopingban");
      const campaign = expectBody(
        "reminders",
        "read S4",
        await organiser.get<Campaign>(`/campaigns/${s4.id}`),
      );
      const reviewDue = services.clock.now().getTime() + 2 * DAY;
      const review = campaign.stages.findIndex((s) => s.stage === "review");
      const stages = campaign.stages.map((s, i) => {
        const wanted = i < review ? reviewDue - (review - i) * 3_600_000 : i === review ? reviewDue : null;
        const deadline =
          wanted === null || s.deadline === null
            ? s.deadline
            : new Date(Math.min(wanted, new Date(s.deadline).getTime())).toISOString();
        const startsAt =
          s.startsAt === null || deadline === null
            ? s.startsAt
            : new Date(Math.min(new Date(s.startsAt).getTime(), new Date(deadline).getTime())).toISOString();
        return { stage: s.stage, startsAt, deadline };
      });
      expectBody(
        "reminders",
        "bring 实地评估 forward",
        await organiser.patch(`/campaigns/${s4.id}`, { version: campaign.version, stages }),
      );
    }
    await runReminders(services);
  },
};
