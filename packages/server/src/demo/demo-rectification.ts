/**
 * The demo's 整改: last year's S4 appraisal (published) has four items from its feedback, in different states, so a
 * new user finds the 整改 tab filled in — 城关镇's 工会经费 item closed after a failed verification, its 厂务公开 item
 * being rectified, 石桥镇's reported and awaiting verification, and 龙泉乡's overdue (its deadline ten days past),
 * which the organiser 县总工会考评办 (`kaopingban`) finds among the to-dos and the reminders escalate to.
 */
import { Readable } from "node:stream";
import { chinaDay } from "@kaoping/core";
import { actorOfUser } from "../auth/sessions.js";
import type { ApiClient } from "../http/in-process-client.js";
import { uploadRectificationEvidence } from "../modules/rectification/rectification-evidence.js";
import type { DemoContext, DemoStep } from "./load-demo.js";
import { expectBody } from "./scripted-campaign.js";

const DAY = 86_400_000;

interface Item {
  id: string;
  version: number;
}

/** A scanned receipt stands in for the evidence: a minimal PDF with its title. */
const pdf = (title: string) =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj << /Title (${title}) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
    "latin1",
  );

async function attach(context: DemoContext, username: string, itemId: string, name: string) {
  const user = await context.services.db
    .selectFrom("users")
    .select(["id", "username", "display_name", "organisation_id"])
    .where("username", "=", username)
    .executeTakeFirstOrThrow();
  const actor = await actorOfUser(context.services.db, user);
  await uploadRectificationEvidence(context.services, actor, itemId, {
    fileName: name,
    content: Readable.from(pdf(name)),
  });
}

const step = (client: ApiClient, what: string) => ({
  async create(url: string, body: unknown): Promise<Item> {
    return expectBody("rectification", what, await client.post<Item>(url, body), 201);
  },
  async post(url: string, body: unknown): Promise<Item> {
    return expectBody("rectification", what, await client.post<Item>(url, body));
  },
  async patch(url: string, body: unknown): Promise<Item> {
    return expectBody("rectification", what, await client.patch<Item>(url, body));
  },
});

export const demoRectification: DemoStep = {
  name: "rectification",
  async run(context) {
    const { services } = context;
    const campaign = await services.db
      .selectFrom("campaigns")
      .select("id")
      .where("organiser_id", "=", context.organisation("ZGH").id)
      .where("status", "=", "published")
      .executeTakeFirst();
    if (campaign === undefined) return;
    const now = services.clock.now().getTime();
    const day = (days: number) => chinaDay(new Date(now + days * DAY));
    const organiser = step(await context.signIn("kaopingban"), "organiser");
    const url = `/campaigns/${campaign.id}/rectification-items`;
    const create = (unit: string, body: Record<string, unknown>) =>
      organiser.create(url, { organisationId: context.organisation(unit).id, source: "feedback", ...body });

    // 城关镇: through a failed verification to closure.
    const t01 = step(await context.signIn("t01.head"), "t01");
    let funds = await create("T01", {
      problem: "工会经费未按规定足额拨缴，全年拨缴比例不足职工工资总额的2%",
      deadline: day(20),
      responsiblePerson: "城关镇工会工作委员会主任",
    });
    funds = await t01.post(`/rectification-items/${funds.id}/start`, { version: funds.version });
    funds = await t01.patch(`/rectification-items/${funds.id}`, {
      version: funds.version,
      target: "按职工工资总额2%足额拨缴工会经费",
      measures: "与镇财政所核对拨缴基数，补缴差额，建立按月拨缴台账",
    });
    await attach(context, "t01.head", funds.id, "工会经费补缴凭证.pdf");
    funds = await t01.post(`/rectification-items/${funds.id}/report`, {
      version: funds.version,
      summary: "已补缴上年度差额，建立按月拨缴台账",
    });
    funds = await organiser.post(`/rectification-items/${funds.id}/verify`, {
      version: funds.version,
      verdict: "failed",
      reason: "补缴凭证缺少财政所盖章，拨缴台账未覆盖全年",
    });
    await attach(context, "t01.head", funds.id, "加盖公章的补缴凭证.pdf");
    funds = await t01.post(`/rectification-items/${funds.id}/report`, {
      version: funds.version,
      summary: "已补齐盖章凭证，台账补录至12月",
    });
    funds = await organiser.post(`/rectification-items/${funds.id}/verify`, {
      version: funds.version,
      verdict: "passed",
      reason: "凭证齐全，台账完整，整改到位",
    });
    await organiser.post(`/rectification-items/${funds.id}/close`, { version: funds.version });

    // 城关镇: being rectified.
    let openness = await create("T01", {
      problem: "厂务公开制度未落实，辖区企业公开栏更新不及时",
      deadline: day(45),
    });
    openness = await t01.post(`/rectification-items/${openness.id}/start`, { version: openness.version });
    await t01.patch(`/rectification-items/${openness.id}`, {
      version: openness.version,
      target: "辖区规上企业厂务公开覆盖率达到100%",
      measures: "逐企业督查公开栏，每季度更新一次公开内容",
      responsiblePerson: "城关镇工会工作委员会副主任",
    });

    // 石桥镇: reported, awaiting the organiser's verification.
    const t02 = step(await context.signIn("t02.head"), "t02");
    let home = await create("T02", {
      problem: "职工之家建设台账不完整，活动记录缺失",
      target: "职工之家台账规范完整",
      measures: "补建活动记录，按季度归档",
      deadline: day(15),
      responsiblePerson: "石桥镇工会工作委员会主任",
    });
    home = await t02.post(`/rectification-items/${home.id}/start`, { version: home.version });
    await attach(context, "t02.head", home.id, "职工之家活动台账.pdf");
    await t02.post(`/rectification-items/${home.id}/report`, {
      version: home.version,
      summary: "已补建全年活动记录并归档",
    });

    // 龙泉乡: overdue, its deadline ten days past.
    await create("T03", {
      problem: "未召开党委会议研究工会工作",
      deadline: day(-10),
      responsiblePerson: "龙泉乡工会工作委员会主任",
    });
  },
};
