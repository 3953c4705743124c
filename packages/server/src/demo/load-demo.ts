/**
 * The demo data a first start in demo mode loads into an empty database: 青山县 with its townships, schools, the
 * county federation of trade unions and its member unions, and a user for every role, all with one password.
 * Everything goes through the same use cases as the API (so it is audited like any other write), acting as the
 * demo administrator. The data is a list of steps; later steps (schemes, campaigns, self-evaluations …) are
 * appended to `DEMO_STEPS` and may use what earlier steps created through the context.
 */
import type { Actor } from "../access/actor.js";
import { actorOfUser } from "../auth/sessions.js";
import { ensureAdmin } from "../bootstrap/ensure-admin.js";
import type { Services } from "../context.js";
import type { Role } from "../db/schema.js";
import type { Api } from "../http/api.js";
import { ApiClient } from "../http/in-process-client.js";
import { createOrganisation } from "../modules/organisations/manage-organisations.js";
import { createUser } from "../modules/users/manage-users.js";
import { DEMO_CAMPAIGNS } from "./demo-campaigns.js";
import { DEMO_CASES } from "./demo-cases.js";
import { demoRectification } from "./demo-rectification.js";
import { demoReminders } from "./demo-reminders.js";
import { demoSurveys } from "./demo-surveys.js";

/** Every demo user's password (printed at the first start; the README lists the users). */
export const DEMO_PASSWORD = "kaoping-demo";

export interface DemoLogin {
  role: Role;
  username: string;
  displayName: string;
  /** Where the user works, for the start message. */
  organisation: string;
  /** Only when it is not the demo password (the administrator's, when KAOPING_ADMIN_PASSWORD is set). */
  password?: string;
}

export interface DemoLogins {
  password: string;
  users: DemoLogin[];
}

export interface DemoOrganisation {
  id: string;
  code: string;
  name: string;
}

/** What the steps share: the services, the acting administrator, and everything created so far. */
export interface DemoContext {
  services: Services;
  admin: Actor;
  /** By code. */
  organisations: Map<string, DemoOrganisation>;
  /** By username. */
  users: Map<string, string>;
  logins: DemoLogin[];
  /** The password of every demo user the steps create. */
  password: string;
  /** A fresh in-process API session as this user (steps play campaigns through the API, as their users). */
  signIn(username: string): Promise<ApiClient>;
  /** The organisation with this code (a step that names one that does not exist is a bug). */
  organisation(code: string): DemoOrganisation;
}

export interface DemoStep {
  name: string;
  run(context: DemoContext): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------------
// Step 1: the organisation tree.

interface OrganisationSpec {
  code: string;
  name: string;
  kind: string;
  category?: string;
  children?: OrganisationSpec[];
}

const TOWNSHIPS = [
  "城关镇",
  "石桥镇",
  "龙泉乡",
  "杨柳镇",
  "河西乡",
  "马集镇",
  "白沙镇",
  "东湖乡",
  "西山镇",
  "王店镇",
  "城东街道",
  "城西街道",
];

/**
 * The first twelve are the schools of packages/cli/examples/schools.csv (the 差异系数 example); the S7 campaign adds
 * the twelve schools of its acceptance (S01…S12), thirty in all.
 */
const SCHOOLS: Array<[code: string, name: string, category: "小学" | "初中" | "九年一贯制"]> = [
  ["P01", "城关镇第一小学", "小学"],
  ["P02", "城关镇第二小学", "小学"],
  ["P03", "东湖乡中心小学", "小学"],
  ["P04", "东湖乡柳村小学", "小学"],
  ["P05", "西山镇中心小学", "小学"],
  ["P06", "西山镇石桥小学", "小学"],
  ["P07", "城关镇第三小学", "小学"],
  ["J01", "城关镇第一中学", "初中"],
  ["J02", "东湖乡中学", "初中"],
  ["J03", "西山镇中学", "初中"],
  ["J04", "城关镇第二中学", "初中"],
  ["N01", "西山镇九年一贯制学校", "九年一贯制"],
  ["P17", "县实验小学", "小学"],
  ["J08", "马集镇中学", "初中"],
  ["J09", "县第一初级中学", "初中"],
  ["J10", "县第二初级中学", "初中"],
  ["N02", "河西乡九年一贯制学校", "九年一贯制"],
  ["N03", "白沙镇九年一贯制学校", "九年一贯制"],
];

/** The member unions, with the codes and names of the bundled S4 scheme's sample units. */
const MEMBER_UNIONS: Array<[code: string, name: string, category: "乡镇" | "县直"]> = [
  ["T01", "城关镇工会工作委员会", "乡镇"],
  ["T02", "石桥镇工会工作委员会", "乡镇"],
  ["T03", "龙泉乡工会工作委员会", "乡镇"],
  ["T04", "杨柳镇工会工作委员会", "乡镇"],
  ["T05", "河西乡工会工作委员会", "乡镇"],
  ["T06", "马集镇工会工作委员会", "乡镇"],
  ["T07", "白沙镇工会工作委员会", "乡镇"],
  ["K01", "县经济开发区工会工作委员会", "乡镇"],
  ["D01", "县教育系统工会工作委员会", "县直"],
  ["D02", "县卫生健康系统工会工作委员会", "县直"],
  ["D03", "县交通运输局工会工作委员会", "县直"],
  ["D04", "县住房和城乡建设局工会工作委员会", "县直"],
  ["D05", "县商务局工会工作委员会", "县直"],
  ["D06", "县市场监督管理局工会工作委员会", "县直"],
  ["D07", "县农业农村局工会工作委员会", "县直"],
];

const COUNTY: OrganisationSpec = {
  code: "QS",
  name: "青山县",
  kind: "县",
  children: [
    ...TOWNSHIPS.map((name, i) => ({
      code: `QS-${String(i + 1).padStart(2, "0")}`,
      name,
      kind: name.endsWith("街道") ? "街道" : "乡镇",
    })),
    {
      code: "JYJ",
      name: "青山县教育局",
      kind: "部门",
      children: [
        { code: "JYJ-DDS", name: "青山县人民政府教育督导室", kind: "科室" },
        ...SCHOOLS.map(([code, name, category]) => ({ code, name, kind: "学校", category })),
      ],
    },
    { code: "CZJ", name: "青山县财政局", kind: "部门" },
    {
      code: "ZGH",
      name: "青山县总工会",
      kind: "工会",
      children: MEMBER_UNIONS.map(([code, name, category]) => ({ code, name, kind: "工会", category })),
    },
  ],
};

async function addOrganisations(context: DemoContext, spec: OrganisationSpec, parentId: string | null) {
  const created = await createOrganisation(context.services, context.admin, {
    parentId,
    code: spec.code,
    name: spec.name,
    kind: spec.kind,
    category: spec.category ?? null,
  });
  context.organisations.set(spec.code, { id: created.id, code: spec.code, name: spec.name });
  for (const child of spec.children ?? []) await addOrganisations(context, child, created.id);
}

const organisationTree: DemoStep = {
  name: "organisations",
  run: (context) => addOrganisations(context, COUNTY, null),
};

// ---------------------------------------------------------------------------------------------------------------
// Step 2: a user for every role.

interface UserSpec {
  username: string;
  displayName: string;
  /** The organisation the user works at. */
  at: string;
  grants: Array<[Role, string]>;
}

const unitUsers = (code: string, name: string, head: string, reviewerOver?: string): UserSpec[] => [
  {
    username: `${code.toLowerCase()}.head`,
    displayName: `${name}${head}`,
    at: code,
    grants: [
      ["unit_head", code],
      ...(reviewerOver === undefined ? [] : [["reviewer", reviewerOver] as [Role, string]]),
    ],
  },
  {
    username: `${code.toLowerCase()}.staff`,
    displayName: `${name}填报员`,
    at: code,
    grants: [["unit_staff", code]],
  },
];

const USERS: UserSpec[] = [
  { username: "dudao", displayName: "县教育督导室 李督学", at: "JYJ-DDS", grants: [["organiser", "JYJ"]] },
  { username: "kaopingban", displayName: "县总工会考评办 王主任", at: "ZGH", grants: [["organiser", "ZGH"]] },
  ...unitUsers("P01", "城关镇第一小学", "校长"),
  ...unitUsers("J01", "城关镇第一中学", "校长"),
  ...unitUsers("N01", "西山镇九年一贯制学校", "校长"),
  // The heads of member unions are also S4's 其他申报单位主要负责人 rater group.
  ...unitUsers("T01", "城关镇工会工作委员会", "主任", "ZGH"),
  ...unitUsers("D01", "县教育系统工会工作委员会", "主任", "ZGH"),
  {
    username: "t02.head",
    displayName: "石桥镇工会工作委员会主任",
    at: "T02",
    grants: [
      ["unit_head", "T02"],
      ["reviewer", "ZGH"],
    ],
  },
  {
    username: "t03.head",
    displayName: "龙泉乡工会工作委员会主任",
    at: "T03",
    grants: [
      ["unit_head", "T03"],
      ["reviewer", "ZGH"],
    ],
  },
  {
    username: "czj.staff",
    displayName: "县财政局教育股 赵会计",
    at: "CZJ",
    grants: [["department_staff", "CZJ"]],
  },
  // 评估专家组 for the schools.
  { username: "expert1", displayName: "评估专家 陈教授", at: "JYJ-DDS", grants: [["reviewer", "JYJ"]] },
  { username: "expert2", displayName: "评估专家 刘督学", at: "JYJ-DDS", grants: [["reviewer", "JYJ"]] },
  { username: "expert3", displayName: "评估专家 周校长", at: "JYJ-DDS", grants: [["reviewer", "JYJ"]] },
  // S4's 县总工会领导 and 县总工会相关部室负责人 rater groups.
  { username: "zgh.chair", displayName: "县总工会主席", at: "ZGH", grants: [["reviewer", "ZGH"]] },
  { username: "zgh.vicechair", displayName: "县总工会常务副主席", at: "ZGH", grants: [["reviewer", "ZGH"]] },
  { username: "zgh.office", displayName: "县总工会办公室主任", at: "ZGH", grants: [["reviewer", "ZGH"]] },
  { username: "zgh.organising", displayName: "县总工会组织部部长", at: "ZGH", grants: [["reviewer", "ZGH"]] },
  { username: "leader", displayName: "青山县副县长", at: "QS", grants: [["viewer", "QS"]] },
];

const demoUsers: DemoStep = {
  name: "users",
  async run(context) {
    for (const spec of USERS) {
      const user = await createUser(context.services, context.admin, {
        username: spec.username,
        displayName: spec.displayName,
        password: DEMO_PASSWORD,
        organisationId: context.organisation(spec.at).id,
        grants: spec.grants.map(([role, code]) => ({ role, organisationId: context.organisation(code).id })),
      });
      context.users.set(spec.username, user.id);
      for (const [role] of spec.grants) {
        context.logins.push({
          role,
          username: spec.username,
          displayName: spec.displayName,
          organisation: context.organisation(spec.at).name,
        });
      }
    }
  },
};

/** In order; append later steps here. */
export const DEMO_STEPS: DemoStep[] = [
  organisationTree,
  demoUsers,
  ...DEMO_CAMPAIGNS,
  ...DEMO_CASES,
  demoSurveys,
  demoRectification,
  demoReminders,
];

/** Whether the database holds nothing yet (no organisation, no user): the demo loads only then. */
export async function isEmptyDatabase(services: Services): Promise<boolean> {
  const [organisation, user] = await Promise.all([
    services.db.selectFrom("organisations").select("id").limit(1).executeTakeFirst(),
    services.db.selectFrom("users").select("id").limit(1).executeTakeFirst(),
  ]);
  return organisation === undefined && user === undefined;
}

/**
 * Loads the demo into an empty database: the administrator (KAOPING_ADMIN_USERNAME, the demo password unless
 * KAOPING_ADMIN_PASSWORD is set), then each step in turn. Returns who can sign in.
 */
export async function loadDemo(
  services: Services,
  app: Api,
  steps: readonly DemoStep[] = DEMO_STEPS,
): Promise<DemoLogins> {
  const { username, password } = services.config.admin;
  await ensureAdmin(services, username, password ?? DEMO_PASSWORD);
  const adminRow = await services.db
    .selectFrom("users")
    .select(["id", "username", "display_name", "organisation_id"])
    .where("username", "=", username)
    .executeTakeFirstOrThrow();
  const admin = await actorOfUser(services.db, adminRow);
  const context: DemoContext = {
    services,
    admin,
    organisations: new Map(),
    users: new Map([[username, adminRow.id]]),
    logins: [
      {
        role: "admin",
        username,
        displayName: adminRow.display_name,
        organisation: "—",
        ...(password === undefined ? {} : { password: "(KAOPING_ADMIN_PASSWORD)" }),
      },
    ],
    password: DEMO_PASSWORD,
    signIn: (user) =>
      ApiClient.login(app, user, user === username ? (password ?? DEMO_PASSWORD) : DEMO_PASSWORD),
    organisation(code) {
      const found = this.organisations.get(code);
      if (found === undefined) throw new Error(`demo: no organisation with code ${code}`);
      return found;
    },
  };
  for (const step of steps) await step.run(context);
  return { password: DEMO_PASSWORD, users: context.logins };
}
