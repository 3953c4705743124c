/**
 * The authorization matrix: every route in `app.routeTable` called as every role, each allowed or denied as
 * designed. The test fails when a route has no entry, or an entry names a route that no longer exists.
 *
 * Denied means 401 for the anonymous caller and 403 for a signed-in one: no route hides existence behind 404 —
 * the ids are random UUIDs, and a 403 names the rule that refused.
 * Allowed means not 401/403 (and not 404 or 5xx: the request names objects that exist); a refusal for the state of
 * things (409 locked / wrong_stage, 422 incomplete) still counts as allowed, because authorization comes first.
 *
 * Every call that changes something works on its own fresh object, or is one that may repeat (a second objection,
 * a second draw), so the order of calls does not matter; denied roles go first anyway.
 */
import { DEFAULT_LIKERT_LEVELS } from "@kaoping/core";
import { Document, Packer, Paragraph } from "docx";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, TEST_PASSWORD } from "../http/in-process-client.js";
import {
  bundledSchemeSource,
  moveToStage,
  S4_DATA,
  seedCampaign,
  seedRaterMembers,
  seedSchemeVersion,
  seedUnit,
} from "../modules/review/__tests__/campaign-fixture.js";
import { type SeededOrganisation, seedOrganisation, seedUser } from "../testing/fixtures.js";
import { startTestServer, type TestServer } from "../testing/test-services.js";

const ROLES = [
  "admin",
  "organiser",
  "other_organiser",
  "u1_head",
  "u1_staff",
  "u2_head",
  "department",
  "reviewer_assigned",
  "reviewer_unassigned",
  "viewer",
  "anonymous",
] as const;
type Role = (typeof ROLES)[number];
type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

interface Call {
  method?: Method;
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}
interface Entry {
  allow: readonly Role[];
  call: (role: Role) => Promise<Call> | Call;
  /** Each call on a session of its own (logout, password change end sessions). */
  freshSession?: boolean;
  after?: (role: Role) => Promise<void>;
}

const SIGNED_IN = ROLES.filter((r) => r !== "anonymous");
const EVERYONE = ROLES;
const ORGANISERS: Role[] = ["admin", "organiser"];

let server: TestServer;
const clients = {} as Record<Role, ApiClient>;
const userIds = {} as Record<Role, string>;
const usernames = {} as Record<Role, string>;
let countyA: SeededOrganisation;
let countyB: SeededOrganisation;
let u1: SeededOrganisation;
let u2: SeededOrganisation;
let dept: SeededOrganisation;
let v2: string; // S2 scheme version (frozen, in use by C1)
let v4: string; // S4 scheme version
let schemeS2: string;
let c1: string; // S2, 单位自评 open
let c2: string; // S4, 实地评估 open
let c3: string; // S4, 汇总定级 open, with a run
let c4: string; // S4, 公示 open, a publicity period running
let run3: string;
let evidenceId: string;
let drawId: string;
let jobId: string;
let caseTypeId: string;
/** 接收 → 分派 → 处理 (the unit's) → 结案. */
const CASE_TYPE = {
  stages: [
    { code: "receive", name: "接收", hours: 1, actor: "center" },
    { code: "dispatch", name: "分派", hours: 2, actor: "center" },
    { code: "handle", name: "处理", hours: 48, actor: "unit" },
    { code: "close", name: "结案", hours: 8, actor: "center" },
  ],
  dispatchStage: "dispatch",
  closingStage: "close",
};

/** A fresh case of the type, dispatched to U1 and waiting in 处理 (written straight to the database). */
async function caseInUnitStage(): Promise<string> {
  const now = server.services.clock.now();
  const row = await server.services.db
    .insertInto("cases")
    .values({
      case_type_id: caseTypeId,
      number: `M${next()}`,
      title: "井盖缺失",
      received_at: now,
      unit_id: u1.id,
      stage_index: 2,
      stage_code: "handle",
      stage_due_at: new Date(now.getTime() + 48 * 3_600_000),
      due_at: new Date(now.getTime() + 59 * 3_600_000),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}
let surveyId: string; // on C1, for U1, answered by nobody yet
let counter = 0;
const next = () => ++counter;

async function login(role: Role): Promise<ApiClient> {
  return role === "anonymous"
    ? ApiClient.anonymous(server.app)
    : ApiClient.login(server.app, usernames[role]);
}

function multipart(fields: Record<string, string>, name: string, content: Buffer) {
  const boundary = `----kaoping${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [field, value] of Object.entries(fields))
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"\r\n\r\n${value}\r\n`),
    );
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
        "Content-Type: application/pdf\r\n\r\n",
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    body: Buffer.concat(parts),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}
const PDF = Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");

/** A minimal valid 评审评分表 template (one placeholder). */
async function templateUpload() {
  const docx = await Packer.toBuffer(
    new Document({ sections: [{ children: [new Paragraph("{unitName}")] }] }),
  );
  return multipart({}, "模板.docx", docx);
}

const se = (campaignId: string, org: SeededOrganisation, rest = "") =>
  `/campaigns/${campaignId}/self-evaluations/${org.id}${rest}`;

async function campaignVersion(id: string): Promise<number> {
  const row = await server.services.db
    .selectFrom("campaigns")
    .select("version")
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  return row.version;
}

async function evaluationOf(campaignId: string, org: SeededOrganisation) {
  return server.services.db
    .selectFrom("self_evaluations")
    .selectAll()
    .where("campaign_id", "=", campaignId)
    .where("organisation_id", "=", org.id)
    .executeTakeFirstOrThrow();
}

async function itemVersion(code: string): Promise<number> {
  const evaluation = await evaluationOf(c1, u1);
  const row = await server.services.db
    .selectFrom("self_evaluation_items")
    .select("version")
    .where("self_evaluation_id", "=", evaluation.id)
    .where("indicator_code", "=", code)
    .executeTakeFirst();
  return row?.version ?? 0;
}

async function freshCampaign(status: "draft" | "running"): Promise<string> {
  const s = server.services;
  const id = await seedCampaign(s, {
    organiser: countyA,
    schemeVersionId: v2,
    year: 2026,
    name: `fresh ${next()}`,
    stages: [{ stage: "self_evaluation", open: status === "running" }, { stage: "review" }],
  });
  await s.db.updateTable("campaigns").set({ status }).where("id", "=", id).execute();
  await s.db.insertInto("campaign_units").values({ campaign_id: id, organisation_id: u1.id }).execute();
  return id;
}

async function freshUser(): Promise<string> {
  return seedUser(server.services, {
    username: `victim-${next()}`,
    organisation: u1,
    grants: [{ role: "unit_staff", organisation: u1 }],
  });
}

async function uploadAsAdmin(): Promise<string> {
  const { body, headers } = multipart({ indicatorCode: "B1.1" }, "材料.pdf", PDF);
  const res = await clients.admin.request("POST", se(c1, u1, "/evidence"), body, headers);
  if (res.status !== 201) throw new Error(`upload ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

const originalHashes: Partial<Record<Role, string>> = {};

/** A survey of one five-level question for 家长. */
const SURVEY = {
  title: "满意度调查",
  questions: [{ code: "Q1", type: "likert", text: "总体满意度", levels: DEFAULT_LIKERT_LEVELS }],
  groups: [{ code: "parents", name: "家长" }],
};

/** A fresh one-time link of the survey (C1's by default). */
async function surveyLink(survey = surveyId): Promise<string> {
  const issued = await clients.admin.post(`/surveys/${survey}/tokens`, { counts: { parents: 1 } });
  expect(issued.status, JSON.stringify(issued.body)).toBe(201);
  return issued.body.items[0].url;
}

async function answeredSurvey(): Promise<string> {
  const created = await clients.admin.post(`/campaigns/${c1}/surveys`, {
    definition: SURVEY,
    units: [{ organisationId: u1.id }],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id;
}

const MATRIX: Record<string, Entry> = {
  // ---- auth
  "POST /api/v1/auth/login": {
    allow: EVERYONE,
    call: (role) => ({
      url: "/auth/login",
      body: { username: usernames[role === "anonymous" ? "viewer" : role], password: TEST_PASSWORD },
    }),
  },
  "POST /api/v1/auth/logout": { allow: SIGNED_IN, freshSession: true, call: () => ({ url: "/auth/logout" }) },
  "GET /api/v1/auth/session": { allow: SIGNED_IN, call: () => ({ method: "GET", url: "/auth/session" }) },
  "POST /api/v1/auth/password": {
    allow: SIGNED_IN,
    freshSession: true,
    call: () => ({
      url: "/auth/password",
      body: { currentPassword: TEST_PASSWORD, newPassword: `${TEST_PASSWORD}-changed` },
    }),
    // The change ends the user's other sessions: put the password back and sign in again.
    after: async (role) => {
      if (role === "anonymous") return;
      await server.services.db
        .updateTable("users")
        .set({ password_hash: originalHashes[role] as string })
        .where("id", "=", userIds[role])
        .execute();
      clients[role] = await login(role);
    },
  },
  // ---- users (admins; organisers inside their subtree)
  "GET /api/v1/users": { allow: SIGNED_IN, call: () => ({ method: "GET", url: "/users" }) },
  "POST /api/v1/users": {
    allow: ORGANISERS,
    call: () => ({
      url: "/users",
      body: {
        username: `new-user-${next()}`,
        displayName: "新用户",
        password: TEST_PASSWORD,
        organisationId: u1.id,
        grants: [{ role: "unit_staff", organisationId: u1.id }],
      },
    }),
  },
  "GET /api/v1/users/:id": {
    allow: ORGANISERS,
    call: async () => ({ method: "GET", url: `/users/${await freshUser()}` }),
  },
  "PATCH /api/v1/users/:id": {
    allow: ORGANISERS,
    call: async () => ({
      method: "PATCH",
      url: `/users/${await freshUser()}`,
      body: { version: 1, displayName: "改名" },
    }),
  },
  // ---- organisations
  "GET /api/v1/organisations": { allow: SIGNED_IN, call: () => ({ method: "GET", url: "/organisations" }) },
  "GET /api/v1/organisations/:id": {
    // any role held over U1 (reviewers and viewers hold theirs at the county above it); a department below U1 does not reach it
    allow: [
      "admin",
      "organiser",
      "u1_head",
      "u1_staff",
      "reviewer_assigned",
      "reviewer_unassigned",
      "viewer",
    ],
    call: () => ({ method: "GET", url: `/organisations/${u1.id}` }),
  },
  "POST /api/v1/organisations": {
    allow: ORGANISERS,
    call: () => ({
      url: "/organisations",
      body: { parentId: countyA.id, code: `org-${next()}`, name: "新单位", kind: "乡镇" },
    }),
  },
  "PATCH /api/v1/organisations/:id": {
    allow: ORGANISERS,
    call: async () => {
      const org = await seedOrganisation(server.services, { parent: countyA, code: `patch-${next()}` });
      return { method: "PATCH", url: `/organisations/${org.id}`, body: { version: 1, name: "改名" } };
    },
  },
  "GET /api/v1/organisations/:id/audit": {
    // organisers, unit heads and viewers over the organisation; unit staff do not read the trail
    allow: ["admin", "organiser", "u1_head", "viewer"],
    call: () => ({ method: "GET", url: `/organisations/${u1.id}/audit` }),
  },
  "GET /api/v1/audit/verify": { allow: ["admin"], call: () => ({ method: "GET", url: "/audit/verify" }) },
  "GET /api/v1/organisations/:id/results": {
    allow: ["admin", "organiser", "u1_head", "u1_staff", "viewer"],
    call: () => ({ method: "GET", url: `/organisations/${u1.id}/results` }),
  },
  // ---- schemes
  "GET /api/v1/schemes": { allow: SIGNED_IN, call: () => ({ method: "GET", url: "/schemes" }) },
  "POST /api/v1/schemes": {
    allow: ORGANISERS,
    call: () => ({
      url: "/schemes",
      body: {
        ownerId: countyA.id,
        source: bundledSchemeSource("s04-trade-union"),
        format: "yaml",
        label: `imported-${next()}`,
      },
    }),
  },
  "GET /api/v1/schemes/:id": {
    allow: ["admin", "organiser", "viewer"],
    call: () => ({ method: "GET", url: `/schemes/${schemeS2}` }),
  },
  "GET /api/v1/scheme-versions/:id": {
    // its owner's oversight, and everyone who sees a campaign using it
    allow: [
      "admin",
      "organiser",
      "viewer",
      "u1_head",
      "u1_staff",
      "u2_head",
      "department",
      "reviewer_assigned",
    ],
    call: () => ({ method: "GET", url: `/scheme-versions/${v2}` }),
  },
  "PUT /api/v1/scheme-versions/:id": {
    allow: ORGANISERS,
    call: async () => {
      const source = bundledSchemeSource("s02-county-education-supervision");
      const row = await server.services.db
        .insertInto("scheme_versions")
        .values({
          scheme_id: schemeS2,
          label: `draft-${next()}`,
          format: "yaml",
          source,
          definition: "{}",
          source_hash: `h${counter}`,
          frozen: false,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return {
        method: "PUT",
        url: `/scheme-versions/${row.id}`,
        body: { version: 1, source, format: "yaml" },
      };
    },
  },
  // ---- campaigns
  "GET /api/v1/campaigns": { allow: SIGNED_IN, call: () => ({ method: "GET", url: "/campaigns" }) },
  "POST /api/v1/campaigns": {
    allow: ORGANISERS,
    call: () => ({
      url: "/campaigns",
      body: {
        organiserId: countyA.id,
        name: `新考评 ${next()}`,
        year: 2026,
        schemeVersionId: v2,
        stages: [{ stage: "self_evaluation" }],
        units: [{ organisationId: u1.id }],
      },
    }),
  },
  "GET /api/v1/campaigns/:id": {
    allow: [
      "admin",
      "organiser",
      "viewer",
      "u1_head",
      "u1_staff",
      "u2_head",
      "department",
      "reviewer_assigned",
    ],
    call: () => ({ method: "GET", url: `/campaigns/${c1}` }),
  },
  "PATCH /api/v1/campaigns/:id": {
    allow: ORGANISERS,
    call: async () => ({
      method: "PATCH",
      url: `/campaigns/${c1}`,
      body: { version: await campaignVersion(c1), name: `改名 ${next()}` },
    }),
  },
  "GET /api/v1/campaigns/:id/units": {
    allow: [
      "admin",
      "organiser",
      "viewer",
      "u1_head",
      "u1_staff",
      "u2_head",
      "department",
      "reviewer_assigned",
    ],
    call: () => ({ method: "GET", url: `/campaigns/${c1}/units` }),
  },
  "PUT /api/v1/campaigns/:id/units": {
    allow: ORGANISERS,
    call: async () => {
      const id = await freshCampaign("draft");
      return {
        method: "PUT",
        url: `/campaigns/${id}/units`,
        body: { version: 1, units: [{ organisationId: u1.id }, { organisationId: u2.id }] },
      };
    },
  },
  "PUT /api/v1/campaigns/:id/raters": {
    allow: ORGANISERS,
    call: async () => ({
      method: "PUT",
      url: `/campaigns/${c1}/raters`,
      body: { version: await campaignVersion(c1), groups: {} },
    }),
  },
  "POST /api/v1/campaigns/:id/start": {
    allow: ORGANISERS,
    call: async () => ({ url: `/campaigns/${await freshCampaign("draft")}/start`, body: { version: 1 } }),
  },
  "POST /api/v1/campaigns/:id/advance": {
    allow: ORGANISERS,
    call: async () => ({ url: `/campaigns/${await freshCampaign("running")}/advance`, body: { version: 1 } }),
  },
  "GET /api/v1/campaigns/:id/progress": {
    allow: ["admin", "organiser", "viewer"],
    call: () => ({ method: "GET", url: `/campaigns/${c1}/progress` }),
  },
  // ---- self-evaluation of U1 in C1 (B1.1 is assigned to the department, B1.2 is not)
  "GET /api/v1/campaigns/:campaignId/self-evaluations/:organisationId": {
    allow: ["admin", "organiser", "viewer", "u1_head", "u1_staff", "department", "reviewer_assigned"],
    call: () => ({ method: "GET", url: se(c1, u1) }),
  },
  "PUT /api/v1/campaigns/:campaignId/self-evaluations/:organisationId/items/:indicatorCode": {
    // the unit's own people edit; organisers and viewers only read; a department only what is assigned to it
    allow: ["admin", "u1_head", "u1_staff", "department"],
    call: async () => ({
      method: "PUT",
      url: se(c1, u1, "/items/B1.1"),
      body: { version: await itemVersion("B1.1"), input: 5, narrative: "已落实" },
    }),
  },
  "PUT /api/v1/campaigns/:campaignId/self-evaluations/:organisationId/data": {
    allow: ["admin", "u1_head", "u1_staff"],
    call: async () => ({
      method: "PUT",
      url: se(c1, u1, "/data"),
      body: { version: (await evaluationOf(c1, u1)).version, data: {} },
    }),
  },
  "PUT /api/v1/campaigns/:campaignId/self-evaluations/:organisationId/tables/:tableCode": {
    allow: ["admin", "u1_head", "u1_staff"],
    call: async () => {
      const evaluation = await evaluationOf(c1, u1);
      const row = await server.services.db
        .selectFrom("base_data_tables")
        .select("version")
        .where("self_evaluation_id", "=", evaluation.id)
        .where("table_code", "=", "T1")
        .executeTakeFirst();
      return {
        method: "PUT",
        url: se(c1, u1, "/tables/T1"),
        body: {
          version: row?.version ?? 0,
          rows: {
            primary: { age_population: 100, enrolled: 99 },
            junior: { age_population: 50, enrolled: 49 },
          },
        },
      };
    },
  },
  "PUT /api/v1/campaigns/:campaignId/self-evaluations/:organisationId/report": {
    allow: ["admin", "u1_head", "u1_staff"],
    call: async () => ({
      method: "PUT",
      url: se(c1, u1, "/report"),
      body: { version: (await evaluationOf(c1, u1)).version, report: { 基本情况: "概况" } },
    }),
  },
  "PUT /api/v1/campaigns/:campaignId/self-evaluations/:organisationId/assignments/:target": {
    // 任务分解 is the unit head's alone
    allow: ["admin", "u1_head"],
    call: async () => {
      const evaluation = await evaluationOf(c1, u1);
      const row = await server.services.db
        .selectFrom("task_assignments")
        .select("version")
        .where("self_evaluation_id", "=", evaluation.id)
        .where("target", "=", "B2.1")
        .executeTakeFirst();
      return {
        method: "PUT",
        url: se(c1, u1, "/assignments/B2.1"),
        body: { version: row?.version ?? 0, departmentId: dept.id, person: "张三", deadline: "2026-03-20" },
      };
    },
  },
  "POST /api/v1/campaigns/:campaignId/self-evaluations/:organisationId/submit": {
    // incomplete, so it stays a draft (422) for the later calls
    allow: ["admin", "u1_head", "u1_staff"],
    call: async () => ({
      url: se(c1, u1, "/submit"),
      body: { version: (await evaluationOf(c1, u1)).version },
    }),
  },
  "POST /api/v1/campaigns/:campaignId/self-evaluations/:organisationId/return": {
    allow: ORGANISERS,
    call: async () => ({
      url: se(c1, u1, "/return"),
      body: { version: (await evaluationOf(c1, u1)).version, reason: "材料不全" },
    }),
  },
  "POST /api/v1/campaigns/:campaignId/self-evaluations/:organisationId/accept": {
    allow: ORGANISERS,
    call: async () => ({
      url: se(c1, u1, "/accept"),
      body: { version: (await evaluationOf(c1, u1)).version },
    }),
  },
  "POST /api/v1/campaigns/:campaignId/self-evaluations/:organisationId/evidence": {
    allow: ["admin", "u1_head", "u1_staff", "department"],
    call: () => {
      const { body, headers } = multipart({ indicatorCode: "B1.1" }, "佐证.pdf", PDF);
      return { method: "POST", url: se(c1, u1, "/evidence"), body, headers };
    },
  },
  "GET /api/v1/evidence/:id": {
    allow: ["admin", "organiser", "viewer", "u1_head", "u1_staff", "department", "reviewer_assigned"],
    call: () => ({ method: "GET", url: `/evidence/${evidenceId}` }),
  },
  "DELETE /api/v1/evidence/:id": {
    allow: ["admin", "u1_head", "u1_staff", "department"],
    call: async () => ({ method: "DELETE", url: `/evidence/${await uploadAsAdmin()}` }),
  },
  // ---- workbooks (an unreadable file is 422 for those allowed: authorization comes before reading it)
  "GET /api/v1/campaigns/:campaignId/self-evaluations/:organisationId/workbook": {
    // readers of the self-evaluation, but not a reviewer (the workbook holds the self-scores)
    allow: ["admin", "organiser", "viewer", "u1_head", "u1_staff", "department"],
    call: () => ({ method: "GET", url: se(c1, u1, "/workbook") }),
  },
  "POST /api/v1/campaigns/:campaignId/self-evaluations/:organisationId/workbook": {
    allow: ["admin", "u1_head", "u1_staff", "department"],
    call: () => {
      const { body, headers } = multipart({}, "填报表.xlsx", PDF);
      return { method: "POST", url: se(c1, u1, "/workbook"), body, headers };
    },
  },
  "GET /api/v1/campaigns/:campaignId/self-evaluations/:organisationId/tables/:tableCode/workbook": {
    // T1 is not assigned to the department
    allow: ["admin", "organiser", "viewer", "u1_head", "u1_staff"],
    call: () => ({ method: "GET", url: se(c1, u1, "/tables/T1/workbook") }),
  },
  "POST /api/v1/campaigns/:campaignId/self-evaluations/:organisationId/tables/:tableCode/workbook": {
    allow: ["admin", "u1_head", "u1_staff"],
    call: () => {
      const { body, headers } = multipart({}, "T1.xlsx", PDF);
      return { method: "POST", url: se(c1, u1, "/tables/T1/workbook"), body, headers };
    },
  },
  "GET /api/v1/grading-runs/:id/ranking.xlsx": {
    // like the run itself: units only once it is publicised
    allow: ["admin", "organiser", "viewer"],
    call: () => ({ method: "GET", url: `/grading-runs/${run3}/ranking.xlsx` }),
  },
  "GET /api/v1/campaigns/:id/scores.xlsx": {
    allow: ["admin", "organiser", "viewer"],
    call: () => ({ method: "GET", url: `/campaigns/${c3}/scores.xlsx` }),
  },
  // ---- review (C2, 实地评估 open; reviewer_assigned scores U1 for LD)
  "GET /api/v1/campaigns/:id/assignments": {
    allow: ORGANISERS,
    call: () => ({ method: "GET", url: `/campaigns/${c2}/assignments` }),
  },
  "PUT /api/v1/campaigns/:id/assignments": {
    allow: ORGANISERS,
    call: async () => {
      const current = await clients.admin.get(`/campaigns/${c2}/assignments`);
      return {
        method: "PUT",
        url: `/campaigns/${c2}/assignments`,
        body: { version: current.body.version, assignments: current.body.assignments },
      };
    },
  },
  "GET /api/v1/campaigns/:id/review-progress": {
    allow: ["admin", "organiser", "viewer"],
    call: () => ({ method: "GET", url: `/campaigns/${c2}/review-progress` }),
  },
  "GET /api/v1/reviews": { allow: SIGNED_IN, call: () => ({ method: "GET", url: "/reviews" }) },
  "GET /api/v1/campaigns/:id/units/:orgId/review": {
    allow: ["admin", "organiser", "reviewer_assigned"],
    call: () => ({ method: "GET", url: `/campaigns/${c2}/units/${u1.id}/review` }),
  },
  "PUT /api/v1/campaigns/:id/units/:orgId/review/:groupCode": {
    // a sheet is the assigned reviewer's own: not even an administrator or the organiser writes it
    allow: ["reviewer_assigned"],
    call: () => ({ method: "PUT", url: `/campaigns/${c2}/units/${u1.id}/review/LD`, body: { total: "90" } }),
  },
  "POST /api/v1/campaigns/:id/units/:orgId/review/:groupCode/submit": {
    allow: ["reviewer_assigned"],
    call: async () => {
      const sheet = await server.services.db
        .selectFrom("review_sheets")
        .select("version")
        .where("campaign_id", "=", c2)
        .where("organisation_id", "=", u2.id)
        .where("user_id", "=", userIds.reviewer_assigned)
        .executeTakeFirstOrThrow();
      return { url: `/campaigns/${c2}/units/${u2.id}/review/LD/submit`, body: { version: sheet.version } };
    },
  },
  "POST /api/v1/campaigns/:id/units/:orgId/findings": {
    allow: ["admin", "organiser", "reviewer_assigned"],
    call: () => ({
      url: `/campaigns/${c2}/units/${u1.id}/findings`,
      body: { kind: "看", text: "现场查看活动场所" },
    }),
  },
  "GET /api/v1/campaigns/:id/units/:orgId/findings": {
    allow: ["admin", "organiser", "viewer", "u1_head", "u1_staff", "reviewer_assigned"],
    call: () => ({ method: "GET", url: `/campaigns/${c2}/units/${u1.id}/findings` }),
  },
  // ---- sampling (C1)
  "POST /api/v1/campaigns/:id/draws": {
    allow: ORGANISERS,
    call: () => ({ url: `/campaigns/${c1}/draws`, body: { fraction: "1/2" } }),
  },
  "GET /api/v1/campaigns/:id/draws": {
    // reviewers over the organising body see draws whether or not they are assigned
    allow: ["admin", "organiser", "viewer", "reviewer_assigned", "reviewer_unassigned"],
    call: () => ({ method: "GET", url: `/campaigns/${c1}/draws` }),
  },
  "GET /api/v1/campaigns/:id/draws/:drawId": {
    allow: ["admin", "organiser", "viewer", "reviewer_assigned", "reviewer_unassigned"],
    call: () => ({ method: "GET", url: `/campaigns/${c1}/draws/${drawId}` }),
  },
  "GET /api/v1/campaigns/:id/draws/:drawId/verify": {
    allow: ["admin", "organiser", "viewer", "reviewer_assigned", "reviewer_unassigned"],
    call: () => ({ method: "GET", url: `/campaigns/${c1}/draws/${drawId}/verify` }),
  },
  // ---- grading (C3, 汇总定级 open, run3 not publicised)
  "GET /api/v1/campaigns/:id/units/:orgId/bonus": {
    allow: ORGANISERS,
    call: () => ({ method: "GET", url: `/campaigns/${c3}/units/${u1.id}/bonus` }),
  },
  "PUT /api/v1/campaigns/:id/units/:orgId/bonus": {
    allow: ORGANISERS,
    call: async () => {
      const current = await clients.admin.get(`/campaigns/${c3}/units/${u1.id}/bonus`);
      return {
        method: "PUT",
        url: `/campaigns/${c3}/units/${u1.id}/bonus`,
        body: { version: current.body.version, bonus: {} },
      };
    },
  },
  "POST /api/v1/campaigns/:id/grading-runs": {
    allow: ORGANISERS,
    call: () => ({ url: `/campaigns/${c3}/grading-runs`, body: {} }),
  },
  "GET /api/v1/campaigns/:id/grading-runs": {
    allow: ["admin", "organiser", "viewer"],
    call: () => ({ method: "GET", url: `/campaigns/${c3}/grading-runs` }),
  },
  "GET /api/v1/grading-runs/:id": {
    // units see a run only once it is publicised
    allow: ["admin", "organiser", "viewer"],
    call: () => ({ method: "GET", url: `/grading-runs/${run3}` }),
  },
  "GET /api/v1/grading-runs/:id/units/:orgId/explanation": {
    // like the run itself, a unit's explanation is shown to its people only once the run is publicised
    allow: ["admin", "organiser", "viewer"],
    call: () => ({ method: "GET", url: `/grading-runs/${run3}/units/${u1.id}/explanation` }),
  },
  // ---- publicity (C4, the period running)
  "POST /api/v1/campaigns/:id/publicity": {
    allow: ORGANISERS,
    call: async () => {
      const period = await clients.admin.get(`/campaigns/${c4}/publicity`);
      const now = server.services.clock.now().getTime();
      return {
        url: `/campaigns/${c4}/publicity`,
        body: {
          runId: period.body.period.runId,
          startsAt: new Date(now - 3_600_000).toISOString(),
          endsAt: new Date(now + 10 * 86_400_000).toISOString(),
          version: period.body.period.version,
        },
      };
    },
  },
  "GET /api/v1/campaigns/:id/publicity": {
    allow: EVERYONE,
    call: () => ({ method: "GET", url: `/campaigns/${c4}/publicity` }),
  },
  "POST /api/v1/campaigns/:id/objections": {
    allow: ["admin", "u1_head", "u1_staff"],
    call: () => ({ url: `/campaigns/${c4}/objections`, body: { organisationId: u1.id, reason: "得分有误" } }),
  },
  "POST /api/v1/public/campaigns/:id/objections": {
    allow: EVERYONE,
    call: () => ({
      url: `/public/campaigns/${c4}/objections`,
      body: { organisationId: u1.id, reason: "群众反映", name: "匿名" },
    }),
  },
  "GET /api/v1/campaigns/:id/objections": {
    allow: ORGANISERS,
    call: () => ({ method: "GET", url: `/campaigns/${c4}/objections` }),
  },
  "POST /api/v1/objections/:id/decide": {
    allow: ORGANISERS,
    call: async () => {
      const row = await server.services.db
        .insertInto("objections")
        .values({ campaign_id: c4, organisation_id: u1.id, reason: "待决定", filed_by: null })
        .returning("id")
        .executeTakeFirstOrThrow();
      return {
        url: `/objections/${row.id}/decide`,
        body: { version: 1, decision: "rejected", reason: "经核实无误" },
      };
    },
  },
  "POST /api/v1/campaigns/:id/publish": {
    // the period is still running, so allowed callers get 409 wrong_stage and the campaign stays open
    allow: ORGANISERS,
    call: async () => ({ url: `/campaigns/${c4}/publish`, body: { version: await campaignVersion(c4) } }),
  },
  // ---- to-dos and dashboards
  "GET /api/v1/me/tasks": {
    // everyone signed in has a list of their own (possibly empty)
    allow: SIGNED_IN,
    call: () => ({ method: "GET", url: "/me/tasks" }),
  },
  "GET /api/v1/me/notifications": {
    allow: SIGNED_IN,
    call: () => ({ method: "GET", url: "/me/notifications" }),
  },
  "POST /api/v1/me/notifications/read-all": {
    allow: SIGNED_IN,
    call: () => ({ method: "POST", url: "/me/notifications/read-all" }),
  },
  "POST /api/v1/me/notifications/:id/read": {
    // only the person it was sent to (here the organiser), not even an administrator
    allow: ["organiser"],
    call: async () => {
      const row = await server.services.db
        .insertInto("notifications")
        .values({
          user_id: userIds.organiser,
          deadline_key: `stage:${crypto.randomUUID()}:review`,
          source_kind: "stage",
          reminder: "approaching",
          due_at: new Date("2026-03-04T02:00:00Z"),
          title: "即将到期：实地评估阶段",
          body: "截止时间：2026年3月4日 10:00（北京时间），请在截止前完成。",
          link: "/",
          created_at: new Date("2026-03-01T02:00:00Z"),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return { method: "POST", url: `/me/notifications/${row.id}/read` };
    },
  },
  "GET /api/v1/grading-runs/:id/dashboard": {
    // like the run itself: units only once it is publicised
    allow: ["admin", "organiser", "viewer"],
    call: () => ({ method: "GET", url: `/grading-runs/${run3}/dashboard` }),
  },
  "GET /api/v1/grading-runs/:id/units/:orgId/radar": {
    allow: ["admin", "organiser", "viewer"],
    call: () => ({ method: "GET", url: `/grading-runs/${run3}/units/${u1.id}/radar` }),
  },
  "GET /api/v1/organisations/:id/trend": {
    // like the unit's results
    allow: ["admin", "organiser", "u1_head", "u1_staff", "viewer"],
    call: () => ({ method: "GET", url: `/organisations/${u1.id}/trend` }),
  },
  "GET /api/v1/campaigns/:id/overview": {
    allow: ["admin", "organiser", "viewer"],
    call: () => ({ method: "GET", url: `/campaigns/${c1}/overview` }),
  },
  // ---- documents (文书) and templates: countyA organises C1 (U1 self-evaluates) and C2 (U2 scored for LD)
  "GET /api/v1/document-kinds": { allow: SIGNED_IN, call: () => ({ method: "GET", url: "/document-kinds" }) },
  "GET /api/v1/document-kinds/:kind/starter-template": {
    allow: ["admin", "organiser", "other_organiser"],
    call: () => ({ method: "GET", url: "/document-kinds/self_evaluation_report/starter-template" }),
  },
  "GET /api/v1/organisations/:organisationId/document-templates": {
    allow: ORGANISERS,
    call: () => ({ method: "GET", url: `/organisations/${countyA.id}/document-templates` }),
  },
  "PUT /api/v1/organisations/:organisationId/document-templates/:kind": {
    allow: ORGANISERS,
    call: async () => {
      const { body, headers } = await templateUpload();
      return {
        method: "PUT",
        url: `/organisations/${countyA.id}/document-templates/score_sheet`,
        body,
        headers,
      };
    },
  },
  "DELETE /api/v1/organisations/:organisationId/document-templates/:kind": {
    allow: ORGANISERS,
    call: async () => {
      const { body, headers } = await templateUpload();
      const url = `/organisations/${countyA.id}/document-templates/score_sheet`;
      expect((await clients.admin.request("PUT", url, body, headers)).status).toBe(200);
      return { method: "DELETE", url };
    },
  },
  "GET /api/v1/campaigns/:campaignId/documents/:kind": {
    // the self-evaluation report of U1 in C1: whoever reads the self-evaluation, except a reviewer kept from
    // self-scores (C1 does not let reviewers see them); score sheets are covered in documents/__tests__
    allow: ["admin", "organiser", "u1_head", "u1_staff", "department", "viewer"],
    call: () => ({
      method: "GET",
      url: `/campaigns/${c1}/documents/self_evaluation_report?organisationId=${u1.id}`,
    }),
  },
  // ---- evidence archives and batch jobs (C1)
  "GET /api/v1/campaigns/:campaignId/self-evaluations/:organisationId/archive": {
    // the unit's own people, organisers and viewers; not a department or a reviewer, who read parts of it
    allow: ["admin", "organiser", "viewer", "u1_head", "u1_staff"],
    call: () => ({ method: "GET", url: se(c1, u1, "/archive") }),
  },
  "GET /api/v1/campaigns/:campaignId/archive": {
    allow: ["admin", "organiser", "viewer"],
    call: () => ({ method: "GET", url: `/campaigns/${c1}/archive` }),
  },
  "POST /api/v1/campaigns/:campaignId/jobs": {
    allow: ORGANISERS,
    call: () => ({ url: `/campaigns/${c1}/jobs`, body: { kind: "archives", organisationIds: [u1.id] } }),
  },
  "GET /api/v1/campaigns/:campaignId/jobs": {
    allow: ["admin", "organiser", "viewer"],
    call: () => ({ method: "GET", url: `/campaigns/${c1}/jobs` }),
  },
  "GET /api/v1/jobs/:id": {
    allow: ["admin", "organiser", "viewer"],
    call: () => ({ method: "GET", url: `/jobs/${jobId}` }),
  },
  "GET /api/v1/jobs/:id/result": {
    allow: ["admin", "organiser", "viewer"],
    call: () => ({ method: "GET", url: `/jobs/${jobId}/result` }),
  },
  "POST /api/v1/jobs/:id/cancel": {
    allow: ORGANISERS,
    call: async () => {
      const job = await clients.admin.post(`/campaigns/${c1}/jobs`, {
        kind: "archives",
        organisationIds: [u1.id],
      });
      expect(job.status).toBe(202);
      return { url: `/jobs/${job.body.id}/cancel` };
    },
  },
  // ---- cases: countyA is the center owning a case type; a case dispatched to U1 waits in the unit's 处理
  "GET /api/v1/case-types": { allow: SIGNED_IN, call: () => ({ method: "GET", url: "/case-types" }) },
  "GET /api/v1/case-type-templates": {
    allow: SIGNED_IN,
    call: () => ({ method: "GET", url: "/case-type-templates" }),
  },
  "POST /api/v1/case-types": {
    allow: ORGANISERS,
    call: () => ({
      url: "/case-types",
      body: { ownerId: countyA.id, code: `type-${next()}`, name: "案件", definition: CASE_TYPE },
    }),
  },
  "GET /api/v1/case-types/:id": {
    // the center's readers, and the people of units below it
    allow: ["admin", "organiser", "u1_head", "u1_staff", "u2_head", "viewer"],
    call: () => ({ method: "GET", url: `/case-types/${caseTypeId}` }),
  },
  "GET /api/v1/case-types/:id/rates": {
    allow: ["admin", "organiser", "viewer"],
    call: () => ({ method: "GET", url: `/case-types/${caseTypeId}/rates?year=2026` }),
  },
  "POST /api/v1/case-types/:id/cases": {
    allow: ORGANISERS,
    call: () => ({
      url: `/case-types/${caseTypeId}/cases`,
      body: { number: `N${next()}`, title: "占道经营" },
    }),
  },
  "GET /api/v1/cases": { allow: SIGNED_IN, call: () => ({ method: "GET", url: "/cases" }) },
  "GET /api/v1/cases/:id": {
    allow: ["admin", "organiser", "u1_head", "u1_staff", "viewer"],
    call: async () => ({ method: "GET", url: `/cases/${await caseInUnitStage()}` }),
  },
  "POST /api/v1/cases/:id/actions": {
    // 处理 is the unit's stage: the center's organiser may not act on it
    allow: ["admin", "u1_head", "u1_staff"],
    call: async () => ({
      url: `/cases/${await caseInUnitStage()}/actions`,
      body: { version: 1, action: "complete" },
    }),
  },
  "GET /api/v1/campaigns/:id/case-feeds": {
    allow: ["admin", "organiser", "viewer"],
    call: () => ({ method: "GET", url: `/campaigns/${c1}/case-feeds` }),
  },
  "PUT /api/v1/campaigns/:id/case-feeds": {
    allow: ORGANISERS,
    call: () => ({ method: "PUT", url: `/campaigns/${c1}/case-feeds`, body: { feeds: [] } }),
  },
  // ---- satisfaction surveys (on C1)
  "GET /api/v1/campaigns/:id/surveys": {
    allow: ["admin", "organiser", "viewer"],
    call: () => ({ method: "GET", url: `/campaigns/${c1}/surveys` }),
  },
  "GET /api/v1/campaigns/:id/satisfaction-indicators": {
    allow: ["admin", "organiser", "viewer"],
    call: () => ({ method: "GET", url: `/campaigns/${c1}/satisfaction-indicators` }),
  },
  "POST /api/v1/campaigns/:id/surveys": {
    allow: ORGANISERS,
    call: () => ({
      url: `/campaigns/${c1}/surveys`,
      body: { definition: SURVEY, units: [{ organisationId: u1.id }] },
    }),
  },
  "GET /api/v1/surveys/:id": {
    allow: ["admin", "organiser", "viewer"],
    call: () => ({ method: "GET", url: `/surveys/${surveyId}` }),
  },
  "PUT /api/v1/surveys/:id": {
    allow: ORGANISERS,
    call: async () => {
      const survey = await clients.admin.get(`/surveys/${surveyId}`);
      return {
        method: "PUT",
        url: `/surveys/${surveyId}`,
        body: { definition: SURVEY, units: [{ organisationId: u1.id }], version: survey.body.version },
      };
    },
  },
  "POST /api/v1/surveys/:id/tokens": {
    allow: ORGANISERS,
    call: () => ({ url: `/surveys/${surveyId}/tokens`, body: { counts: { parents: 1 } } }),
  },
  "POST /api/v1/surveys/:id/tokens/sheet": {
    allow: ORGANISERS,
    call: () => ({ url: `/surveys/${surveyId}/tokens/sheet`, body: { counts: { parents: 1 } } }),
  },
  "GET /api/v1/surveys/:id/results": {
    allow: ["admin", "organiser", "viewer"],
    call: () => ({ method: "GET", url: `/surveys/${surveyId}/results` }),
  },
  "GET /api/v1/public/surveys/:token": {
    allow: EVERYONE,
    call: async () => ({
      method: "GET",
      url: new URL(await surveyLink()).pathname.replace("/s/", "/public/surveys/"),
    }),
  },
  "POST /api/v1/public/surveys/:token": {
    // each call answers through a fresh link of a survey of its own, so the PUT above stays possible
    allow: EVERYONE,
    call: async () => ({
      url: new URL(await surveyLink(await answeredSurvey())).pathname.replace("/s/", "/public/surveys/"),
      body: { answers: { Q1: "5" } },
    }),
  },
  // ---- rectification (整改) in C1: U1's items, each call on a fresh item
  "GET /api/v1/campaigns/:id/rectification-items": {
    allow: ["admin", "organiser", "viewer", "u1_head", "u1_staff", "u2_head"],
    call: () => ({ method: "GET", url: `/campaigns/${c1}/rectification-items` }),
  },
  "POST /api/v1/campaigns/:id/rectification-items": {
    allow: ORGANISERS,
    call: () => ({
      url: `/campaigns/${c1}/rectification-items`,
      body: { organisationId: u1.id, source: "inspection", problem: "校舍安全隐患", deadline: "2026-06-30" },
    }),
  },
  "POST /api/v1/campaigns/:id/rectification-items/generate": {
    allow: ORGANISERS,
    call: () => ({ url: `/campaigns/${c1}/rectification-items/generate`, body: { deadline: "2026-06-30" } }),
  },
  "GET /api/v1/rectification-items/:id": {
    allow: ["admin", "organiser", "viewer", "u1_head", "u1_staff"],
    call: async () => ({ method: "GET", url: `/rectification-items/${await rectificationItem()}` }),
  },
  "PATCH /api/v1/rectification-items/:id": {
    allow: ["admin", "organiser", "u1_head", "u1_staff"],
    call: async () => ({
      method: "PATCH",
      url: `/rectification-items/${await rectificationItem()}`,
      body: { version: 1, measures: "制定整改方案" },
    }),
  },
  "POST /api/v1/rectification-items/:id/start": {
    allow: ["admin", "organiser", "u1_head", "u1_staff"],
    call: async () => ({
      url: `/rectification-items/${await rectificationItem()}/start`,
      body: { version: 1 },
    }),
  },
  "POST /api/v1/rectification-items/:id/report": {
    allow: ["admin", "organiser", "u1_head", "u1_staff"],
    call: async () => ({
      url: `/rectification-items/${await rectificationItem("in_progress")}/report`,
      body: { version: 1, summary: "已整改" },
    }),
  },
  "POST /api/v1/rectification-items/:id/verify": {
    allow: ORGANISERS,
    call: async () => ({
      url: `/rectification-items/${await rectificationItem("reported")}/verify`,
      body: { version: 1, verdict: "failed", reason: "未整改到位" },
    }),
  },
  "POST /api/v1/rectification-items/:id/close": {
    allow: ORGANISERS,
    call: async () => ({
      url: `/rectification-items/${await rectificationItem("verified")}/close`,
      body: { version: 1 },
    }),
  },
  "POST /api/v1/rectification-items/:id/evidence": {
    allow: ["admin", "organiser", "u1_head", "u1_staff"],
    call: async () => {
      const { body, headers } = multipart({}, "整改材料.pdf", PDF);
      return { url: `/rectification-items/${await rectificationItem()}/evidence`, body, headers };
    },
  },
  "GET /api/v1/rectification-evidence/:id": {
    allow: ["admin", "organiser", "viewer", "u1_head", "u1_staff"],
    call: async () => {
      const { body, headers } = multipart({}, "整改材料.pdf", PDF);
      const res = await clients.admin.request(
        "POST",
        `/rectification-items/${await rectificationItem()}/evidence`,
        body,
        headers,
      );
      return { method: "GET", url: `/rectification-evidence/${res.body.id}` };
    },
  },
  "POST /api/v1/campaigns/:id/follow-up": {
    allow: ORGANISERS,
    call: () => ({
      url: `/campaigns/${c1}/follow-up`,
      body: { selfCheckDeadline: "2026-09-15", recheckDeadline: "2026-09-30" },
    }),
  },
  "GET /api/v1/campaigns/:id/rechecks": {
    allow: ["admin", "organiser", "viewer"],
    call: () => ({ method: "GET", url: `/campaigns/${c1}/rechecks` }),
  },
  "POST /api/v1/campaigns/:id/rechecks/:itemId": {
    allow: ORGANISERS,
    call: async () => ({
      url: `/campaigns/${c1}/rechecks/${await rectificationItem("closed")}`,
      body: { version: 1, verdict: "held", reason: "整改成果巩固" },
    }),
  },
};

/** A fresh 整改事项 of U1 in C1, written straight to the database in the given state. */
async function rectificationItem(
  status: "pending" | "in_progress" | "reported" | "verified" | "closed" = "pending",
): Promise<string> {
  const now = server.services.clock.now();
  const row = await server.services.db
    .insertInto("rectification_items")
    .values({
      campaign_id: c1,
      organisation_id: u1.id,
      source: "inspection",
      problem: "校舍安全隐患",
      deadline: new Date("2026-06-30T15:00:00Z"),
      status,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

async function setUp() {
  server = await startTestServer();
  const s = server.services;
  const root = await seedOrganisation(s, { code: "city", name: "玉溪市", kind: "市" });
  countyA = await seedOrganisation(s, { parent: root, code: "countyA", name: "元江县", kind: "县" });
  countyB = await seedOrganisation(s, { parent: root, code: "countyB", name: "新平县", kind: "县" });
  u1 = await seedOrganisation(s, { parent: countyA, code: "U1", name: "因远镇", kind: "乡镇" });
  u2 = await seedOrganisation(s, { parent: countyA, code: "U2", name: "澧江街道", kind: "乡镇" });
  dept = await seedOrganisation(s, { parent: u1, code: "D1", name: "因远镇财政所", kind: "部门" });
  const grants: Record<Exclude<Role, "anonymous">, Parameters<typeof seedUser>[1]["grants"]> = {
    admin: [{ role: "admin", organisation: null }],
    organiser: [{ role: "organiser", organisation: countyA }],
    other_organiser: [{ role: "organiser", organisation: countyB }],
    u1_head: [{ role: "unit_head", organisation: u1 }],
    u1_staff: [{ role: "unit_staff", organisation: u1 }],
    u2_head: [{ role: "unit_head", organisation: u2 }],
    department: [{ role: "department_staff", organisation: dept }],
    reviewer_assigned: [{ role: "reviewer", organisation: countyA }],
    reviewer_unassigned: [{ role: "reviewer", organisation: countyA }],
    viewer: [{ role: "viewer", organisation: countyA }],
  };
  for (const [role, g] of Object.entries(grants) as Array<[Role, (typeof grants)["admin"]]>) {
    usernames[role] = role.replace(/_/g, "-");
    userIds[role] = await seedUser(s, { username: usernames[role], grants: g });
  }
  for (const row of await s.db.selectFrom("users").select(["id", "password_hash"]).execute()) {
    const role = (Object.keys(userIds) as Role[]).find((r) => userIds[r] === row.id);
    if (role !== undefined) originalHashes[role] = row.password_hash;
  }
  for (const role of ROLES) clients[role] = await login(role);

  // C1: S2, 单位自评 open; U1 and U2 drafts; B1.1 of U1 assigned to the department; reviewer_assigned on U1.
  v2 = await seedSchemeVersion(s, countyA, bundledSchemeSource("s02-county-education-supervision"));
  schemeS2 = (
    await s.db
      .selectFrom("scheme_versions")
      .select("scheme_id")
      .where("id", "=", v2)
      .executeTakeFirstOrThrow()
  ).scheme_id;
  c1 = await seedCampaign(s, {
    organiser: countyA,
    schemeVersionId: v2,
    year: 2026,
    stages: [
      { stage: "deploy", closed: true },
      { stage: "self_evaluation", open: true },
      { stage: "preliminary" },
      { stage: "review" },
      { stage: "grading" },
    ],
  });
  await seedUnit(s, c1, u1, { status: "draft" });
  await seedUnit(s, c1, u2, { status: "draft" });
  const e1 = await evaluationOf(c1, u1);
  await s.db
    .insertInto("task_assignments")
    .values({
      self_evaluation_id: e1.id,
      target: "B1.1",
      department_id: dept.id,
      person: "李四",
      deadline: null,
    })
    .execute();
  await s.db
    .insertInto("review_assignments")
    .values({
      campaign_id: c1,
      user_id: userIds.reviewer_assigned,
      group_code: "review",
      organisation_id: u1.id,
    })
    .execute();
  const uploaded = multipart({ indicatorCode: "B1.1" }, "制度.pdf", PDF);
  const up = await clients.u1_head.request("POST", se(c1, u1, "/evidence"), uploaded.body, uploaded.headers);
  expect(up.status).toBe(201);
  evidenceId = up.body.id;
  const draw = await clients.organiser.post(`/campaigns/${c1}/draws`, { seed: "会议宣读", fraction: "1/2" });
  expect(draw.status).toBe(201);
  drawId = draw.body.id;
  const job = await clients.organiser.post(`/campaigns/${c1}/jobs`, {
    kind: "archives",
    organisationIds: [u1.id],
  });
  expect(job.status).toBe(202);
  jobId = job.body.id;

  // S4 campaigns: C2 in review, C3 in grading with a run, C4 in publicity with the period running.
  v4 = await seedSchemeVersion(s, countyA, bundledSchemeSource("s04-trade-union"));
  const s4Stages = [
    { stage: "self_evaluation", closed: true },
    { stage: "review", open: true },
    { stage: "grading" },
    { stage: "publicity" },
  ];
  const s4Campaign = async () => {
    const id = await seedCampaign(s, {
      organiser: countyA,
      schemeVersionId: v4,
      year: 2026,
      stages: s4Stages,
    });
    for (const unit of [u1, u2]) await seedUnit(s, id, unit, { category: "TOWN", data: S4_DATA });
    for (const group of ["LD", "FZR", "BS"])
      await seedRaterMembers(s, id, group, [userIds.reviewer_assigned]);
    return id;
  };
  c2 = await s4Campaign();
  await s.db
    .insertInto("review_assignments")
    .values([
      { campaign_id: c2, user_id: userIds.reviewer_assigned, group_code: "LD", organisation_id: u1.id },
      { campaign_id: c2, user_id: userIds.reviewer_assigned, group_code: "LD", organisation_id: u2.id },
    ])
    .execute();
  const sheet = await clients.reviewer_assigned.put(`/campaigns/${c2}/units/${u2.id}/review/LD`, {
    total: "88",
  });
  expect(sheet.status).toBe(200);

  const graded = async () => {
    const id = await s4Campaign();
    for (const unit of [u1, u2])
      for (const group of ["LD", "FZR", "BS"]) {
        await s.db
          .insertInto("review_assignments")
          .values({
            campaign_id: id,
            user_id: userIds.reviewer_assigned,
            group_code: group,
            organisation_id: unit.id,
          })
          .execute();
        await s.db
          .insertInto("review_sheets")
          .values({
            campaign_id: id,
            organisation_id: unit.id,
            user_id: userIds.reviewer_assigned,
            group_code: group,
            scores: "{}",
            total: unit === u1 ? "91" : "85",
            submitted: true,
            submitted_at: new Date("2026-02-20T00:00:00Z"),
          })
          .execute();
      }
    await moveToStage(s, id, "grading");
    const run = await clients.organiser.post(`/campaigns/${id}/grading-runs`, {});
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    return { id, runId: run.body.run?.id ?? run.body.id };
  };
  ({ id: c3, runId: run3 } = await graded());
  const c4Run = await graded();
  c4 = c4Run.id;
  await moveToStage(s, c4, "publicity");
  const now = s.clock.now().getTime();
  const period = await clients.organiser.post(`/campaigns/${c4}/publicity`, {
    runId: c4Run.runId,
    startsAt: new Date(now - 3_600_000).toISOString(),
    endsAt: new Date(now + 10 * 86_400_000).toISOString(),
  });
  expect(period.status, JSON.stringify(period.body)).toBe(200);
  const caseType = await clients.organiser.post("/case-types", {
    ownerId: countyA.id,
    code: "city",
    name: "数字化城管案件",
    definition: CASE_TYPE,
  });
  expect(caseType.status, JSON.stringify(caseType.body)).toBe(201);
  caseTypeId = caseType.body.id;
  surveyId = await answeredSurvey();
}

beforeAll(setUp, 120_000);
afterAll(() => server.close());

const key = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

async function callAs(role: Role, entry: Entry) {
  const call = await entry.call(role);
  const client = entry.freshSession ? await login(role) : clients[role];
  const method = call.method ?? "POST";
  const res = await client.request(
    method,
    call.url,
    call.body ?? (method === "GET" ? undefined : {}),
    call.headers,
  );
  if (entry.after !== undefined) await entry.after(role);
  return res;
}

describe("authorization matrix", () => {
  it("has one entry per route, and no entry for a route that is gone", () => {
    const routes = server.app.routeTable.map(key).sort();
    expect(Object.keys(MATRIX).sort()).toEqual(routes);
    expect(new Set(routes).size).toBe(routes.length);
  });

  it("lists every route in the OpenAPI document", async () => {
    const docs = await clients.anonymous.get("/api/docs");
    expect(docs.status).toBe(200);
    const paths = docs.body.paths as Record<string, Record<string, unknown>>;
    const missing = server.app.routeTable.filter((r) => {
      const path = r.url.replace(/:([A-Za-z]+)/g, "{$1}");
      return paths[path]?.[r.method.toLowerCase()] === undefined;
    });
    expect(missing.map(key)).toEqual([]);
  });

  it("public routes are the ones the matrix opens to the anonymous caller", () => {
    const publicRoutes = server.app.routeTable
      .filter((r) => r.access === "public")
      .map(key)
      .sort();
    const anonymousAllowed = Object.entries(MATRIX)
      .filter(([, e]) => e.allow.includes("anonymous"))
      .map(([k]) => k)
      .sort();
    expect(anonymousAllowed).toEqual(publicRoutes);
  });

  it("calls every route as every role: allowed or denied as designed", async () => {
    const failures: string[] = [];
    let calls = 0;
    for (const route of server.app.routeTable) {
      const entry = MATRIX[key(route)];
      if (entry === undefined) continue;
      const denied = ROLES.filter((r) => !entry.allow.includes(r));
      for (const role of [...denied, ...entry.allow]) {
        const res = await callAs(role, entry);
        calls++;
        const allowed = entry.allow.includes(role);
        const ok = allowed
          ? ![401, 403, 404].includes(res.status) && res.status < 500
          : res.status === (role === "anonymous" ? 401 : 403);
        if (!ok)
          failures.push(
            `${key(route)} as ${role}: ${allowed ? "allowed" : "denied"} but ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`,
          );
      }
    }
    expect(failures).toEqual([]);
    expect(calls).toBe(server.app.routeTable.length * ROLES.length);
  }, 180_000);
});

describe("named cases", () => {
  it("u2_head neither reads nor writes U1's self-evaluation", async () => {
    expect((await clients.u2_head.get(se(c1, u1))).status).toBe(403);
    const before = await evaluationOf(c1, u1);
    const put = await clients.u2_head.put(se(c1, u1, "/report"), {
      version: before.version,
      report: { 基本情况: "越权" },
    });
    expect(put.status).toBe(403);
    const item = await clients.u2_head.put(se(c1, u1, "/items/B1.2"), { version: 0, input: 1 });
    expect(item.status).toBe(403);
    expect((await evaluationOf(c1, u1)).version).toBe(before.version);
    // while its own is open to it
    expect((await clients.u2_head.get(se(c1, u2))).status).toBe(200);
  });

  it("reviewer_unassigned neither reads nor writes U1's review", async () => {
    const url = `/campaigns/${c2}/units/${u1.id}`;
    expect((await clients.reviewer_unassigned.get(`${url}/review`)).status).toBe(403);
    expect((await clients.reviewer_unassigned.put(`${url}/review/LD`, { total: "60" })).status).toBe(403);
    expect((await clients.reviewer_unassigned.post(`${url}/review/LD/submit`, { version: 1 })).status).toBe(
      403,
    );
    expect((await clients.reviewer_unassigned.get(`${url}/findings`)).status).toBe(403);
    expect((await clients.reviewer_unassigned.get(se(c1, u1))).status).toBe(403);
    const sheets = await server.services.db
      .selectFrom("review_sheets")
      .select("id")
      .where("user_id", "=", userIds.reviewer_unassigned)
      .execute();
    expect(sheets).toEqual([]);
    // the assigned one reads it
    expect((await clients.reviewer_assigned.get(`${url}/review`)).status).toBe(200);
  });

  it("the department writes its assigned indicator but not an unassigned one", async () => {
    const unassigned = await clients.department.put(se(c1, u1, "/items/B1.2"), {
      version: await itemVersion("B1.2"),
      input: { checked: ["staff"] },
    });
    expect(unassigned.status).toBe(403);
    const assigned = await clients.department.put(se(c1, u1, "/items/B1.1"), {
      version: await itemVersion("B1.1"),
      input: 4,
    });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    const table = await clients.department.put(se(c1, u1, "/tables/T1"), { version: 0, rows: {} });
    expect(table.status).toBe(403);
    const { body, headers } = multipart({ indicatorCode: "B1.2" }, "x.pdf", PDF);
    expect((await clients.department.request("POST", se(c1, u1, "/evidence"), body, headers)).status).toBe(
      403,
    );
  });

  it("other_organiser touches nothing of the campaign", async () => {
    const o = clients.other_organiser;
    expect((await o.get(`/campaigns/${c1}`)).status).toBe(403);
    expect((await o.get(`/campaigns/${c1}/progress`)).status).toBe(403);
    expect(
      (await o.patch(`/campaigns/${c1}`, { version: await campaignVersion(c1), name: "x" })).status,
    ).toBe(403);
    expect((await o.post(`/campaigns/${c1}/draws`, { fraction: "1/2" })).status).toBe(403);
    expect((await o.get(se(c1, u1))).status).toBe(403);
    expect((await o.post(se(c1, u1, "/return"), { version: 1, reason: "x" })).status).toBe(403);
    expect((await o.post(`/campaigns/${c3}/grading-runs`, {})).status).toBe(403);
    expect((await o.get(`/grading-runs/${run3}`)).status).toBe(403);
    const list = await o.get("/campaigns");
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(c1);
  });
});
