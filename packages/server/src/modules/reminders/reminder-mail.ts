/**
 * 提醒邮件: each new reminder of a user with an e-mail address, sent over SMTP when the settings name a server
 * (nothing is sent, nor kept to send later, when they do not). Every attempt is recorded, sent or failed with the
 * reason; a failure never takes the reminder back, it stays in the app.
 */
import nodemailer from "nodemailer";
import type { Services } from "../../context.js";

export interface NewReminder {
  id: string;
  user_id: string;
  title: string;
  body: string;
  link: string;
}

/** Sends one mail per reminder whose user has an address; returns how many were sent and how many failed. */
export async function mailReminders(
  services: Services,
  reminders: ReadonlyArray<NewReminder>,
): Promise<{ sent: number; failed: number }> {
  const mail = services.config.mail;
  if (mail === null || reminders.length === 0) return { sent: 0, failed: 0 };
  const userIds = [...new Set(reminders.map((r) => r.user_id))];
  const addresses = new Map<string, string>();
  for (let i = 0; i < userIds.length; i += 5000) {
    const rows = await services.db
      .selectFrom("users")
      .select(["id", "email"])
      .where("id", "in", userIds.slice(i, i + 5000))
      .where("email", "is not", null)
      .where("disabled", "=", false)
      .execute();
    for (const row of rows) if (row.email !== null) addresses.set(row.id, row.email);
  }
  const transport = nodemailer.createTransport({
    url: mail.smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  let sent = 0;
  let failed = 0;
  try {
    for (const reminder of reminders) {
      const address = addresses.get(reminder.user_id);
      if (address === undefined) continue;
      const subject = `【考评提醒】${reminder.title}`;
      let error: string | null = null;
      try {
        await transport.sendMail({
          from: mail.from,
          to: address,
          subject,
          text: `${reminder.body}\n\n办理入口：${reminder.link}\n\n（此邮件由考评系统自动发送，请勿直接回复。）`,
        });
        sent += 1;
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
        failed += 1;
      }
      // Recorded right after its own attempt (the send is one network round per mail anyway), so a server stopped
      // mid-run never leaves a mail sent but unrecorded.
      await services.db
        .insertInto("notification_mails")
        .values({
          notification_id: reminder.id,
          address,
          subject,
          status: error === null ? "sent" : "failed",
          error,
          attempted_at: services.clock.now(),
        })
        .execute();
    }
  } finally {
    transport.close();
  }
  return { sent, failed };
}
