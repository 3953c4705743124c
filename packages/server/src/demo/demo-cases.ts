/**
 * The S13 setting: 青山县数字化城管监督指挥中心 with the 街道办事处 it dispatches to, its two case types defined from
 * core's templates (数字化城管 发现→受理→分派→处理→核查→结案; 12345热线 接收→分派→督办→回访→回复), cases with a
 * realistic spread (most closed on time, some late, some citizens not reached at 回访, a few still open, one
 * street with none), and the S13 campaign whose 处结率/按期办结率/回访率 fields are fed from them. Each action is
 * done by the person whose stage it is, at its own time in the past.
 */
import { caseTypeTemplate } from "@kaoping/core";
import { actorOfUser } from "../auth/sessions.js";
import type { Services } from "../context.js";
import { actOn } from "../modules/cases/act-on-case.js";
import { receiveCase } from "../modules/cases/receive-case.js";
import type { DemoStep } from "./load-demo.js";
import { bundledScheme, expectBody } from "./scripted-campaign.js";

const HOUR = 3_600_000;
const CENTER = { code: "SZCG", name: "青山县数字化城管监督指挥中心" };
const STREETS = [
  ["SZCG-01", "城南街道办事处"],
  ["SZCG-02", "城北街道办事处"],
  ["SZCG-03", "新华街道办事处"],
  ["SZCG-04", "滨河街道办事处"],
  ["SZCG-05", "开发区街道办事处"],
] as const;

const CITY_TITLES = [
  ["占道经营", "农贸市场东门"],
  ["乱堆物料", "建设路与人民路交叉口"],
  ["井盖缺失", "文化路18号门前"],
  ["违规张贴小广告", "滨河花园3号楼"],
  ["道路破损", "新华北街中段"],
  ["垃圾满溢", "城南菜市场西侧"],
  ["绿地损毁", "中心公园南门"],
  ["私搭乱建", "北关村委会东侧"],
] as const;
const HOTLINE_TITLES = ["夜间施工噪音扰民", "小区路灯不亮", "下水道堵塞返味", "油烟扰民", "楼道堆放杂物"];

/** Per street: each city case's hours from receipt to 结案 (over 85 is late; null: still in 处理), and each hotline case's 回访 (null: still open). */
const SPREAD: Record<string, { city: Array<number | null>; hotline: Array<boolean | null> }> = {
  "SZCG-01": { city: [20, 30, 26, 40, 18, 50, 22, 36, 28, 30], hotline: [true, true, true, true, true] },
  "SZCG-02": { city: [30, 26, 96, 40, 20, 44, 32, 28, 38, 24], hotline: [true, true, false, true, true] },
  "SZCG-03": { city: [60, 100, 30, 120, 44, 36, 80, 52, 30, null], hotline: [true, false, true, null] },
  "SZCG-04": { city: [24, 30, 28, 34, 26, 40, 30, null], hotline: [true, true, true, true] },
  "SZCG-05": { city: [], hotline: [] },
};

/** The services with the clock stopped at `at`, so each action is recorded at its own moment. */
const at = (services: Services, when: Date): Services => ({
  ...services,
  clock: { now: () => new Date(when) },
});

const casesStep: DemoStep = {
  name: "S13 cases",
  async run(context) {
    const { services } = context;
    const organiser = await context.signIn(context.admin.username);
    const centerOrg = expectBody(
      "cases",
      "create the center",
      await organiser.post("/organisations", {
        parentId: context.organisation("QS").id,
        code: CENTER.code,
        name: CENTER.name,
        kind: "事业单位",
      }),
      201,
    ) as { id: string };
    context.organisations.set(CENTER.code, { id: centerOrg.id, ...CENTER });
    for (const [code, name] of STREETS) {
      const street = expectBody(
        "cases",
        `create ${name}`,
        await organiser.post("/organisations", { parentId: centerOrg.id, code, name, kind: "街道" }),
        201,
      ) as { id: string };
      context.organisations.set(code, { id: street.id, code, name });
    }
    const people: Array<
      [username: string, displayName: string, role: "organiser" | "unit_head", at: string]
    > = [
      ["szcg", "县数字化城管监督指挥中心 张主任", "organiser", CENTER.code],
      ...STREETS.slice(0, 4).map(
        ([code, name]) =>
          [`${code.toLowerCase()}.head`, `${name}城管科 科长`, "unit_head", code] as [
            string,
            string,
            "unit_head",
            string,
          ],
      ),
    ];
    for (const [username, displayName, role, orgCode] of people) {
      const user = expectBody(
        "cases",
        `create ${username}`,
        await organiser.post("/users", {
          username,
          displayName,
          password: context.password,
          organisationId: context.organisation(orgCode).id,
          grants: [{ role, organisationId: context.organisation(orgCode).id }],
        }),
        201,
      ) as { id: string };
      context.users.set(username, user.id);
      context.logins.push({ role, username, displayName, organisation: context.organisation(orgCode).name });
    }
    const actorOf = async (username: string) => {
      const row = await services.db
        .selectFrom("users")
        .select(["id", "username", "display_name", "organisation_id"])
        .where("username", "=", username)
        .executeTakeFirstOrThrow();
      return actorOfUser(services.db, row);
    };
    const centerActor = await actorOf("szcg");
    const center = await context.signIn("szcg");
    const cityType = expectBody(
      "cases",
      "define 数字化城管",
      await center.post("/case-types", {
        ownerId: centerOrg.id,
        ...caseTypeTemplate("city"),
      }),
      201,
    ) as { id: string };
    const hotlineType = expectBody(
      "cases",
      "define 12345",
      await center.post("/case-types", {
        ownerId: centerOrg.id,
        ...caseTypeTemplate("hotline"),
      }),
      201,
    ) as { id: string };

    // This year's cases, one every 30 hours from 90 days ago: the last is received a week before now and the
    // slowest closing (120 hours) is still in the past. Started early in a year, the first ones fall in the last.
    const now = services.clock.now();
    const year = new Date(now.getTime() + 8 * HOUR).getUTCFullYear();
    const received = (serial: number) => new Date(now.getTime() - 90 * 24 * HOUR + serial * 30 * HOUR);
    let serial = 0;
    for (const [code] of STREETS) {
      const unitId = context.organisation(code).id;
      const unitActor = SPREAD[code]!.city.length > 0 ? await actorOf(`${code.toLowerCase()}.head`) : null;
      for (const closeAfter of SPREAD[code]!.city) {
        const start = received(serial);
        const t = (h: number) => at(services, new Date(start.getTime() + h * HOUR));
        const [title, place] = CITY_TITLES[serial % CITY_TITLES.length]!;
        serial++;
        let c = await receiveCase(t(0), centerActor, cityType.id, {
          number: `CG${year}${String(serial).padStart(5, "0")}`,
          title,
          address: `${STREETS.find(([c2]) => c2 === code)![1].replace("办事处", "")}${place}`,
          details: `信息采集员巡查发现${title}，已拍照上报。`,
          receivedAt: start.toISOString(),
        });
        c = await actOn(t(1), centerActor, c.id, { version: c.version, action: "complete", note: "立案" });
        c = await actOn(t(2), centerActor, c.id, { version: c.version, action: "complete", note: "受理" });
        c = await actOn(t(3), centerActor, c.id, {
          version: c.version,
          action: "complete",
          unitId,
          note: "派遣至责任单位",
        });
        if (closeAfter === null || unitActor === null) continue;
        c = await actOn(t(closeAfter - 10), unitActor, c.id, {
          version: c.version,
          action: "complete",
          note: "已按要求处置完毕",
        });
        c = await actOn(t(closeAfter - 2), centerActor, c.id, {
          version: c.version,
          action: "complete",
          note: "核查通过",
        });
        await actOn(t(closeAfter), centerActor, c.id, {
          version: c.version,
          action: "complete",
          note: "结案",
        });
      }
      for (const revisited of SPREAD[code]!.hotline) {
        const start = received(serial);
        const t = (h: number) => at(services, new Date(start.getTime() + h * HOUR));
        const title = HOTLINE_TITLES[serial % HOTLINE_TITLES.length]!;
        serial++;
        let c = await receiveCase(t(0), centerActor, hotlineType.id, {
          number: `RX${year}${String(serial).padStart(5, "0")}`,
          title,
          details: `市民来电反映${title}，请尽快处理。`,
          receivedAt: start.toISOString(),
        });
        c = await actOn(t(1), centerActor, c.id, { version: c.version, action: "complete" });
        c = await actOn(t(2), centerActor, c.id, {
          version: c.version,
          action: "complete",
          unitId,
          note: "转办",
        });
        if (revisited === null || unitActor === null) continue;
        c = await actOn(t(50), unitActor, c.id, {
          version: c.version,
          action: "complete",
          note: "已现场处理并答复市民",
        });
        c = await actOn(t(70), centerActor, c.id, {
          version: c.version,
          action: "complete",
          revisited,
          note: revisited ? "市民表示满意" : "多次回拨无人接听",
        });
        await actOn(t(80), centerActor, c.id, { version: c.version, action: "complete", note: "办结回复" });
      }
    }

    // The S13 campaign of this year, its case-count fields fed from the two types.
    const s13 = bundledScheme("s13-urban-cases");
    const version = expectBody(
      "cases",
      "import S13",
      await center.post("/schemes", { ownerId: centerOrg.id, source: s13.source(), format: "yaml" }),
      201,
    ) as { id: string };
    const campaign = expectBody(
      "cases",
      "create the S13 campaign",
      await center.post("/campaigns", {
        organiserId: centerOrg.id,
        name: `${year}年街道办事处数字化城管与12345热线办理考核`,
        year,
        schemeVersionId: version.id,
        stages: [{ stage: "self_evaluation" }, { stage: "review" }, { stage: "grading" }],
        units: STREETS.slice(0, 4).map(([code]) => ({ organisationId: context.organisation(code).id })),
      }),
      201,
    ) as { id: string; version: number };
    const feeds = [
      ["city_cases", cityType.id, "received"],
      ["city_closed", cityType.id, "closed"],
      ["city_closed_on_time", cityType.id, "closed_on_time"],
      ["hotline_received", hotlineType.id, "received"],
      ["hotline_closed", hotlineType.id, "closed"],
      ["hotline_revisited", hotlineType.id, "revisited"],
    ].map(([fieldCode, caseTypeId, measure]) => ({ fieldCode, caseTypeId, measure }));
    expectBody(
      "cases",
      "feed the campaign",
      await center.put(`/campaigns/${campaign.id}/case-feeds`, { feeds }),
    );
    expectBody(
      "cases",
      "start the campaign",
      await center.post(`/campaigns/${campaign.id}/start`, { version: campaign.version }),
    );
  },
};

export const DEMO_CASES: DemoStep[] = [casesStep];
