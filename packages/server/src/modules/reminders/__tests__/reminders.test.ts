/**
 * The reminder run with the movable clock (TestClock; Beijing = UTC+8, the digest from 08:00 Beijing).
 * County 元江县 organises campaign 甲 (S2): 单位自评 open with its deadline 03-04 02:00Z; unit 因远镇 (U1) has a
 * draft self-evaluation, its B1.1 assigned to its finance office with a deadline 03-06 02:00Z. Campaign 乙 is in
 * 实地评估 (deadline 03-20), the reviewer not yet scored U1. Lead time 3 days.
 * People: organiser (county), u1-head and u1-staff (U1), department (finance office), reviewer.
 */
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "../../../http/in-process-client.js";
import { type SeededOrganisation, seedOrganisation, seedUser } from "../../../testing/fixtures.js";
import { startTestServer, type TestServer } from "../../../testing/test-services.js";
import {
  bundledSchemeSource,
  seedCampaign,
  seedSchemeVersion,
  seedUnit,
} from "../../review/__tests__/campaign-fixture.js";
import { runReminders } from "../run-reminders.js";

let server: TestServer;
const ids = {} as Record<string, string>;
let jia: string;
let u1: SeededOrganisation;

const STAGE_DUE = "2026-03-04T02:00:00.000Z";
const ASSIGNMENT_DUE = "2026-03-06T02:00:00.000Z";

/** Every reminder as "username reminder kind", sorted, for comparing whole sets. */
async function reminders(since?: Date) {
  let query = server.services.db
    .selectFrom("notifications as n")
    .innerJoin("users as u", "u.id", "n.user_id")
    .select(["u.username", "n.reminder", "n.source_kind", "n.title", "n.body", "n.created_at"]);
  if (since !== undefined) query = query.where("n.created_at", ">=", since);
  const rows = await query.execute();
  return rows.map((r) => `${r.username} ${r.reminder} ${r.source_kind}`).sort();
}

const run = () => runReminders(server.services);
const at = (iso: string) => server.services.clock.set(iso);

beforeAll(async () => {
  server = await startTestServer();
  server.services.config.reminders = { leadDays: 3, intervalMinutes: 0, digestHour: 8 };
  const s = server.services;
  const county = await seedOrganisation(s, { code: "countyA", name: "元江县", kind: "县" });
  u1 = await seedOrganisation(s, { parent: county, code: "U1", name: "因远镇", kind: "乡镇" });
  const dept = await seedOrganisation(s, { parent: u1, code: "D1", name: "因远镇财政所", kind: "部门" });
  for (const [username, role, org] of [
    ["organiser", "organiser", county],
    ["u1-head", "unit_head", u1],
    ["u1-staff", "unit_staff", u1],
    ["department", "department_staff", dept],
    ["reviewer", "reviewer", county],
  ] as const)
    ids[username] = await seedUser(s, { username, grants: [{ role, organisation: org }] });
  const version = await seedSchemeVersion(s, county, bundledSchemeSource("s02-county-education-supervision"));
  jia = await seedCampaign(s, {
    organiser: county,
    schemeVersionId: version,
    year: 2026,
    name: "甲 2026年度教育督导",
    stages: [{ stage: "self_evaluation", open: true, deadline: STAGE_DUE }, { stage: "review" }],
  });
  await seedUnit(s, jia, u1, { status: "draft" });
  const evaluation = await s.db
    .selectFrom("self_evaluations")
    .select("id")
    .where("campaign_id", "=", jia)
    .executeTakeFirstOrThrow();
  await s.db
    .insertInto("task_assignments")
    .values({
      self_evaluation_id: evaluation.id,
      target: "B1.1",
      department_id: dept.id,
      person: "李四",
      deadline: new Date(ASSIGNMENT_DUE),
    })
    .execute();
  const yi = await seedCampaign(s, {
    organiser: county,
    schemeVersionId: version,
    year: 2026,
    name: "乙 2026年度复评",
    stages: [
      { stage: "self_evaluation", closed: true },
      { stage: "review", open: true, deadline: "2026-03-20T02:00:00Z" },
    ],
  });
  await seedUnit(s, yi, u1, { status: "submitted" });
  await s.db
    .insertInto("review_assignments")
    .values({ campaign_id: yi, user_id: ids.reviewer!, group_code: "review", organisation_id: u1.id })
    .execute();
});

afterAll(async () => {
  await server?.close();
});

describe("the reminder run", () => {
  it("tells nobody while every deadline is more than 3 days away", async () => {
    at("2026-03-01T01:59:00Z"); // the stage is due in 3 days and 1 minute
    expect(await run()).toMatchObject({ deadlines: 0, created: 0, digests: 0 });
    expect(await reminders()).toEqual([]);
  });

  it("tells the unit and the organiser 3 days ahead, once, and sends the day's digest", async () => {
    at("2026-03-01T02:00:00Z"); // exactly 3 days before the stage's deadline; 10:00 in Beijing
    // Approaching: the stage to the organiser, U1's self-evaluation to its head and staff (3); digests for those
    // three (3). The assignment (5 days) and the review (19 days) are not yet due.
    expect(await run()).toMatchObject({ deadlines: 2, created: 6, digests: 3, mailed: 0 });
    expect(await reminders()).toEqual([
      "organiser approaching stage",
      "organiser digest digest",
      "u1-head approaching self_evaluation",
      "u1-head digest digest",
      "u1-staff approaching self_evaluation",
      "u1-staff digest digest",
    ]);
    const head = await server.services.db
      .selectFrom("notifications")
      .selectAll()
      .where("user_id", "=", ids["u1-head"]!)
      .where("reminder", "=", "approaching")
      .executeTakeFirstOrThrow();
    expect(head.title).toBe("即将到期：因远镇提交自评（甲 2026年度教育督导）");
    // 03-04 02:00Z is 10:00 on 4 March in Beijing.
    expect(head.body).toBe("截止时间：2026年3月4日 10:00（北京时间），请在截止前完成。");
    expect(head.link).toBe(`/campaigns/${jia}/self-evaluations/${u1.id}`);
    // Run again, an hour later the same day: nothing new, no second digest.
    expect(await run()).toMatchObject({ created: 0 });
    at("2026-03-01T03:00:00Z");
    expect(await run()).toMatchObject({ created: 0, digests: 0 });
  });

  it("sends nothing twice when two runs race", async () => {
    at("2026-03-02T02:00:00Z"); // a new day: digests for the three with unread reminders, nothing else new
    const [a, b] = await Promise.all([run(), run()]);
    expect(a.created + b.created).toBe(3);
    expect((await reminders(server.services.clock.now())).length).toBe(3);
  });

  it("tells the department its assignment 3 days ahead, and gives each day one digest", async () => {
    at("2026-03-02T23:30:00Z"); // 07:30 in Beijing, before the digest hour; the assignment is 3d 2.5h away
    expect(await run()).toMatchObject({ created: 0, digests: 0 });
    at("2026-03-03T02:00:00Z"); // 10:00 Beijing, 3 March: the assignment is exactly 3 days away
    // The department's approaching reminder (1), then digests for the four people with unread reminders or
    // something approaching (organiser, head, staff with yesterday's unread ones; the department) (4).
    expect(await run()).toMatchObject({ created: 5, digests: 4 });
    const digest = await server.services.db
      .selectFrom("notifications")
      .select(["title", "body"])
      .where("user_id", "=", ids.department!)
      .where("reminder", "=", "digest")
      .executeTakeFirstOrThrow();
    expect(digest.title).toBe("每日提醒（2026年3月3日）");
    expect(digest.body).toBe(
      "您有 1 条未读提醒，1 项工作即将到期。\n· 即将到期：因远镇财政所填报指标 B1.1（因远镇，甲 2026年度教育督导）（截止 2026年3月6日 10:00）",
    );
  });

  it("tells the people who must act that the deadline is missed, and escalates to the organiser", async () => {
    at("2026-03-04T02:00:00Z"); // the stage's deadline, and U1 has not submitted
    const since = server.services.clock.now();
    // Missed: the stage to the organiser, the self-evaluation to head and staff, escalated to the organiser (4);
    // digests for the organiser, head, staff and department (4).
    expect(await run()).toMatchObject({ created: 8, digests: 4 });
    expect((await reminders(since)).filter((r) => !r.includes("digest"))).toEqual([
      "organiser escalated self_evaluation",
      "organiser missed stage",
      "u1-head missed self_evaluation",
      "u1-staff missed self_evaluation",
    ]);
    const escalated = await server.services.db
      .selectFrom("notifications")
      .select(["title", "body"])
      .where("reminder", "=", "escalated")
      .executeTakeFirstOrThrow();
    expect(escalated.title).toBe("逾期督办：因远镇提交自评（甲 2026年度教育督导）");
    expect(escalated.body).toBe("截止时间：2026年3月4日 10:00（北京时间），已超过期限仍未完成，请督促办理。");
    at("2026-03-04T05:00:00Z");
    expect(await run()).toMatchObject({ created: 0 });
  });

  it("tells again when a deadline is moved, since the due date is part of what was told", async () => {
    await server.services.db
      .updateTable("campaign_stages")
      .set({ deadline: new Date("2026-03-06T02:00:00Z") })
      .where("campaign_id", "=", jia)
      .where("stage", "=", "self_evaluation")
      .execute();
    const since = server.services.clock.now();
    // 04 05:00Z → 06 02:00Z is under 3 days: approaching again for the stage and for U1's evaluation.
    expect(await run()).toMatchObject({ created: 3 });
    expect(await reminders(since)).toEqual([
      "organiser approaching stage",
      "u1-head approaching self_evaluation",
      "u1-staff approaching self_evaluation",
    ]);
  });
});

describe("/me/notifications", () => {
  it("lists mine newest first with the unread count, marks one and then all read", async () => {
    const head = await ApiClient.login(server.app, "u1-head");
    const list = await head.get("/me/notifications?limit=2");
    expect(list.status).toBe(200);
    // u1-head: approaching, digests of 03-01, 03-02, 03-03, missed, digest of 03-04, approaching again = 7.
    expect(list.body).toMatchObject({ total: 7, unread: 7, limit: 2 });
    expect(list.body.items).toHaveLength(2);
    expect(list.body.items[0].createdAt >= list.body.items[1].createdAt).toBe(true);
    const first = list.body.items[0];
    expect((await head.post(`/me/notifications/${first.id}/read`)).status).toBe(200);
    const after = await head.get("/me/notifications?unreadOnly=true");
    expect(after.body).toMatchObject({ total: 6, unread: 6 });
    expect(after.body.items.map((n: { id: string }) => n.id)).not.toContain(first.id);
    // Someone else's reminder is refused; one that does not exist is not found.
    const staff = await ApiClient.login(server.app, "u1-staff");
    expect((await staff.post(`/me/notifications/${first.id}/read`)).status).toBe(403);
    expect((await head.post(`/me/notifications/${crypto.randomUUID()}/read`)).status).toBe(404);
    expect((await head.post("/me/notifications/read-all")).body).toEqual({ marked: 6 });
    expect((await head.get("/me/notifications")).body.unread).toBe(0);
    expect((await staff.get("/me/notifications")).body.unread).toBe(7);
  });
});

/** A local SMTP server collecting what it receives (recipient and raw message). */
async function smtpSink() {
  const received: Array<{ to: string[]; raw: string }> = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  smtp.listen(0, "127.0.0.1");
  await once(smtp.server, "listening");
  const port = (smtp.server.address() as AddressInfo).port;
  return {
    received,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise((r) => smtp.close(() => r(null))),
  };
}

/** The decoded subject and text body of a simple nodemailer message (encoded words; base64 or quoted-printable). */
function decodeMail(raw: string): { subject: string; text: string } {
  const [head = "", ...rest] = raw.split("\r\n\r\n");
  const unfolded = head.replace(/\r\n[ \t]+/g, " ");
  const subjectLine = /^Subject: (.*)$/im.exec(unfolded)?.[1] ?? "";
  const subject = subjectLine.replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi, (_m, enc: string, data: string) =>
    enc.toUpperCase() === "B"
      ? Buffer.from(data, "base64").toString("utf8")
      : decodeQ(data.replace(/_/g, " ")),
  );
  const body = rest.join("\r\n\r\n");
  const encoding = /^Content-Transfer-Encoding: (.*)$/im.exec(unfolded)?.[1]?.trim().toLowerCase();
  const text =
    encoding === "base64"
      ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
      : encoding === "quoted-printable"
        ? decodeQ(body.replace(/=\r\n/g, ""))
        : body;
  return { subject, text };
}

function decodeQ(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "=" && /^[0-9A-F]{2}$/i.test(s.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(s.charCodeAt(i));
  }
  return Buffer.from(bytes).toString("utf8");
}

describe("reminder e-mail", () => {
  it("sends nothing without SMTP settings, to a user with an address neither", async () => {
    expect(server.services.config.mail).toBeNull();
    const staff = () => server.services.db.updateTable("users").where("id", "=", ids["u1-staff"]!);
    await staff().set({ email: "staff@yinyuan.gov.cn" }).execute();
    at("2026-03-10T02:00:00Z"); // the moved stage (03-06) is now missed: new reminders for u1-staff among others
    const summary = await run();
    expect(summary.created).toBeGreaterThan(0);
    expect(summary).toMatchObject({ mailed: 0, mailFailed: 0 });
    expect(await reminders(server.services.clock.now())).toContain("u1-staff missed self_evaluation");
    expect(await server.services.db.selectFrom("notification_mails").selectAll().execute()).toEqual([]);
    await staff().set({ email: null }).execute();
  });

  it("mails a new reminder to a user with an address, in Chinese, once", async () => {
    const sink = await smtpSink();
    try {
      server.services.config.mail = { smtpUrl: sink.url, from: "考评系统 <kaoping@yuanjiang.gov.cn>" };
      const admin = await seedUser(server.services, {
        username: "admin",
        grants: [{ role: "admin", organisation: null }],
      });
      expect(admin).toBeTruthy();
      const client = await ApiClient.login(server.app, "admin");
      const user = await client.get(`/users/${ids.reviewer}`);
      const patched = await client.patch(`/users/${ids.reviewer}`, {
        version: user.body.version,
        email: "reviewer@yuanjiang.gov.cn",
      });
      expect(patched.body.email).toBe("reviewer@yuanjiang.gov.cn");
      // The review of U1 in 乙 is due 03-20 02:00Z; 3 days before, the reviewer is told (and mailed), and the
      // day's digest follows (also mailed): 2 mails to the reviewer, none to anyone without an address.
      at("2026-03-17T02:00:00Z");
      const summary = await run();
      expect(summary).toMatchObject({ mailed: 2, mailFailed: 0 });
      expect(sink.received.map((m) => m.to)).toEqual([
        ["reviewer@yuanjiang.gov.cn"],
        ["reviewer@yuanjiang.gov.cn"],
      ]);
      const mail = decodeMail(sink.received[0]!.raw);
      expect(mail.subject).toBe("【考评提醒】即将到期：评审打分：因远镇（乙 2026年度复评）");
      expect(mail.text).toContain("截止时间：2026年3月20日 10:00（北京时间），请在截止前完成。");
      expect(mail.text).toContain(`办理入口：/campaigns/`);
      expect(decodeMail(sink.received[1]!.raw).subject).toBe("【考评提醒】每日提醒（2026年3月17日）");
      expect(await run()).toMatchObject({ created: 0, mailed: 0 });
      expect(sink.received).toHaveLength(2);
      const recorded = await server.services.db.selectFrom("notification_mails").selectAll().execute();
      expect(recorded.map((m) => m.status)).toEqual(["sent", "sent"]);
    } finally {
      await sink.close();
    }
  });

  it("keeps the reminder and records the failure when the SMTP server cannot be reached", async () => {
    const sink = await smtpSink();
    const url = sink.url;
    await sink.close(); // nothing listens on that port any more
    server.services.config.mail = { smtpUrl: url, from: "kaoping@yuanjiang.gov.cn" };
    at("2026-03-19T02:00:00Z"); // 03-19: a new day's digest for the reviewer
    const summary = await run();
    expect(summary).toMatchObject({ mailed: 0, mailFailed: 1 });
    const digest = await server.services.db
      .selectFrom("notifications")
      .select("id")
      .where("user_id", "=", ids.reviewer!)
      .where("due_at", "=", new Date("2026-03-18T16:00:00Z")) // 19 March, 00:00 in Beijing
      .executeTakeFirst();
    expect(digest).toBeDefined();
    const failed = await server.services.db
      .selectFrom("notification_mails")
      .selectAll()
      .where("status", "=", "failed")
      .execute();
    expect(failed).toHaveLength(1);
    expect(failed[0]!.notification_id).toBe(digest!.id);
    expect(failed[0]!.error).toMatch(/ECONNREFUSED|connect/i);
    server.services.config.mail = null;
  });
});
