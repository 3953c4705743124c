/**
 * 待办: the signed-in person's to-dos across campaigns, one list for every role they hold, overdue ones first (by
 * the clock), then by deadline (none last). Each kind is one query over all campaigns (no query per campaign):
 * - unit_head / unit_staff — `self_evaluation`: a draft or returned (退回, with the reason) self-evaluation of a unit
 *   in their subtree while it can be edited (单位自评 open, or 初审 open for a returned one); deadline: that stage's;
 * - department_staff — `assigned_task`: an indicator or table assigned to their department (任务分解) in a
 *   self-evaluation not yet submitted, while editable; deadline: the assignment's (else the stage's);
 * - reviewer — `review`: an assigned unit whose sheet is not submitted while 实地评估/复评 is open; deadline: the
 *   stage's;
 * - organiser — `preliminary_check` (submitted, not yet accepted, in a campaign that has 初审 and is in 自评 or 初审;
 *   deadline: 初审's), `objection` (pending 异议; deadline: 公示's, else the period's end), `open_stage` (each open
 *   stage, to be moved on; overdue past its deadline), `late_self_evaluation` (a unit not submitted once 单位自评's deadline passed);
 * - viewer — `watch_campaign`: a running campaign over which they hold viewer (and not organiser); deadline: the
 *   open stage's;
 * - 整改 (modules/rectification/rectification-tasks.ts) — unit_head / unit_staff `rectification` (an open item of
 *   their unit), organiser `rectification_verification` (reported, to verify) and `rectification_overdue`.
 * Only running campaigns count (整改, which follows publication, also published ones). Administrators get the organiser's to-dos everywhere (not every unit's).
 */
import type { CompiledScheme } from "@kaoping/core";
import type { Actor } from "../../access/actor.js";
import { holds, isAdmin, scopeRoots } from "../../access/scope.js";
import type { Services } from "../../context.js";
import type { Role } from "../../db/schema.js";
import { compiledScheme } from "../campaigns/campaign-context.js";
import { stageName } from "../campaigns/stages.js";
import { inScope } from "../organisations/in-scope.js";
import { rectificationTasks } from "../rectification/rectification-tasks.js";
import { openAssignments, openReviews, openSelfEvaluations, openStages } from "./open-work.js";

export const TASK_KINDS = [
  "self_evaluation",
  "assigned_task",
  "review",
  "preliminary_check",
  "objection",
  "open_stage",
  "late_self_evaluation",
  "watch_campaign",
  "rectification",
  "rectification_verification",
  "rectification_overdue",
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export interface TaskLinks {
  campaignId: string;
  organisationId?: string;
  selfEvaluationId?: string;
  objectionId?: string;
  groupCode?: string;
  /** An assignment's target: an indicator code or "table:CODE". */
  target?: string;
  departmentId?: string;
  stage?: string;
  rectificationItemId?: string;
}

export interface Task {
  /** Stable within the list: kind and ids. */
  key: string;
  kind: TaskKind;
  role: Role;
  campaignId: string;
  campaignName: string;
  year: number;
  organisationId: string | null;
  organisationName: string | null;
  indicatorCode: string | null;
  title: string;
  detail: string | null;
  stage: string | null;
  deadline: string | null;
  overdue: boolean;
  links: TaskLinks;
}

export interface TaskList {
  items: Task[];
  total: number;
  limit: number;
  offset: number;
  /** How many of all the to-dos are overdue. */
  overdue: number;
  now: string;
}

/** A to-do before the clock is applied: its deadline as a date. */
export type Draft = Omit<Task, "deadline" | "overdue"> & { at: Date | null };

type When = Date | string | null;
const toDate = (d: When): Date | null => (d === null ? null : new Date(d));

async function schemesOf(services: Services, versionIds: Iterable<string>) {
  const ids = [...new Set(versionIds)];
  const plans = new Map<string, CompiledScheme>();
  if (ids.length === 0) return plans;
  const rows = await services.db
    .selectFrom("scheme_versions")
    .select(["id", "source"])
    .where("id", "in", ids)
    .execute();
  for (const row of rows) plans.set(row.id, compiledScheme(row.id, row.source));
  return plans;
}

function indicatorName(plan: CompiledScheme | undefined, code: string): string {
  const index = plan?.byCode.get(code);
  return index === undefined ? code : `${code} ${plan!.nodes[index]!.name}`;
}

function targetName(plan: CompiledScheme | undefined, target: string): string {
  if (!target.startsWith("table:")) return `指标 ${indicatorName(plan, target)}`;
  const code = target.slice("table:".length);
  const table = plan?.tables.get(code);
  return `基础数据表 ${code}${table === undefined ? "" : ` ${table.name}`}`;
}

function groupName(plan: CompiledScheme | undefined, code: string): string {
  const group = plan?.definition.raters?.groups.find((g) => g.code === code);
  return group === undefined ? (code === "review" ? "评审组" : code) : group.name;
}

async function unitTasks(services: Services, actor: Actor): Promise<Draft[]> {
  const roots = isAdmin(actor) ? [] : (scopeRoots(actor, ["unit_head", "unit_staff"]) ?? []);
  if (roots.length === 0) return [];
  const rows = await openSelfEvaluations(services.db, roots);
  return rows.map((r) => {
    const returned = r.status === "returned";
    return {
      key: `self_evaluation:${r.id}`,
      kind: "self_evaluation",
      role: holds(actor, ["unit_head"], r.path) ? "unit_head" : "unit_staff",
      campaignId: r.campaign_id,
      campaignName: r.campaign_name,
      year: r.year,
      organisationId: r.organisation_id,
      organisationName: r.organisation_name,
      indicatorCode: null,
      title: returned
        ? `自评被退回，请修改后重新提交：${r.organisation_name}`
        : `填报并提交自评：${r.organisation_name}`,
      detail: returned ? (r.returned_reason ?? null) : null,
      stage: r.stage,
      links: { campaignId: r.campaign_id, organisationId: r.organisation_id, selfEvaluationId: r.id },
      at: toDate(r.deadline),
    };
  });
}

async function departmentTasks(services: Services, actor: Actor): Promise<Draft[]> {
  const roots = isAdmin(actor) ? [] : (scopeRoots(actor, ["department_staff"]) ?? []);
  if (roots.length === 0) return [];
  const rows = await openAssignments(services.db, roots);
  const plans = await schemesOf(
    services,
    rows.map((r) => r.scheme_version_id),
  );
  return rows.map((r) => {
    const plan = plans.get(r.scheme_version_id);
    const isTable = r.target.startsWith("table:");
    return {
      key: `assigned_task:${r.self_evaluation_id}:${r.target}`,
      kind: "assigned_task",
      role: "department_staff",
      campaignId: r.campaign_id,
      campaignName: r.campaign_name,
      year: r.year,
      organisationId: r.organisation_id,
      organisationName: r.organisation_name,
      indicatorCode: isTable ? null : r.target,
      title: `填报${targetName(plan, r.target)}（${r.organisation_name}）`,
      detail: [`责任单位：${r.department_name}`, r.person === null ? null : `责任人：${r.person}`]
        .filter((x) => x !== null)
        .join("；"),
      stage: r.stage,
      links: {
        campaignId: r.campaign_id,
        organisationId: r.organisation_id,
        selfEvaluationId: r.self_evaluation_id,
        target: r.target,
        departmentId: r.department_id,
      },
      at: toDate(r.deadline ?? r.stage_deadline),
    };
  });
}

async function reviewTasks(services: Services, actor: Actor): Promise<Draft[]> {
  const rows = await openReviews(services.db, actor.userId);
  const plans = await schemesOf(
    services,
    rows.map((r) => r.scheme_version_id),
  );
  return rows.map((r) => ({
    key: `review:${r.campaign_id}:${r.organisation_id}:${r.group_code}`,
    kind: "review",
    role: "reviewer",
    campaignId: r.campaign_id,
    campaignName: r.campaign_name,
    year: r.year,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    indicatorCode: null,
    title: `评审打分：${r.organisation_name}（${groupName(plans.get(r.scheme_version_id), r.group_code)}）`,
    detail: r.sheet_id === null ? null : "评分表已保存，尚未提交",
    stage: "review",
    links: { campaignId: r.campaign_id, organisationId: r.organisation_id, groupCode: r.group_code },
    at: toDate(r.deadline),
  }));
}

async function organiserTasks(services: Services, actor: Actor, now: Date): Promise<Draft[]> {
  const roots = scopeRoots(actor, ["organiser"]);
  if (roots !== null && roots.length === 0) return [];
  const db = services.db;
  const tasks: Draft[] = [];
  const base = (r: { campaign_id: string; campaign_name: string; year: number }) => ({
    role: "organiser" as const,
    campaignId: r.campaign_id,
    campaignName: r.campaign_name,
    year: r.year,
  });

  // 初审: submitted and not accepted, while the campaign (which has 初审) is in 自评 or 初审.
  const submitted = await db
    .selectFrom("self_evaluations as se")
    .innerJoin("campaigns as c", "c.id", "se.campaign_id")
    .innerJoin("organisations as co", "co.id", "c.organiser_id")
    .innerJoin("organisations as o", "o.id", "se.organisation_id")
    .innerJoin("campaign_stages as pre", (join) =>
      join.onRef("pre.campaign_id", "=", "c.id").on("pre.stage", "=", "preliminary"),
    )
    .innerJoin("campaign_stages as st", "st.campaign_id", "c.id")
    .select([
      "se.id",
      "se.campaign_id",
      "se.submitted_at",
      "se.submissions",
      "c.name as campaign_name",
      "c.year",
      "o.id as organisation_id",
      "o.name as organisation_name",
      "pre.deadline",
    ])
    .where("c.status", "=", "running")
    .where("se.status", "=", "submitted")
    .where("st.opened_at", "is not", null)
    .where("st.closed_at", "is", null)
    .where("st.stage", "in", ["self_evaluation", "preliminary"])
    .where(() => inScope("co.path", roots))
    .execute();
  for (const r of submitted)
    tasks.push({
      ...base(r),
      key: `preliminary_check:${r.id}`,
      kind: "preliminary_check",
      organisationId: r.organisation_id,
      organisationName: r.organisation_name,
      indicatorCode: null,
      title: `初审：${r.organisation_name}已提交自评，待审核`,
      detail: r.submissions > 1 ? `第${r.submissions}次提交` : null,
      stage: "preliminary",
      links: { campaignId: r.campaign_id, organisationId: r.organisation_id, selfEvaluationId: r.id },
      at: toDate(r.deadline),
    });

  // 异议 waiting for a decision.
  const objections = await db
    .selectFrom("objections as ob")
    .innerJoin("campaigns as c", "c.id", "ob.campaign_id")
    .innerJoin("organisations as co", "co.id", "c.organiser_id")
    .innerJoin("organisations as o", "o.id", "ob.organisation_id")
    .leftJoin("campaign_stages as pub", (join) =>
      join.onRef("pub.campaign_id", "=", "c.id").on("pub.stage", "=", "publicity"),
    )
    .leftJoin("publicity_periods as pp", "pp.campaign_id", "c.id")
    .select([
      "ob.id",
      "ob.reason",
      "ob.campaign_id",
      "c.name as campaign_name",
      "c.year",
      "o.id as organisation_id",
      "o.name as organisation_name",
      "pub.deadline",
      "pp.ends_at",
    ])
    .where("c.status", "=", "running")
    .where("ob.status", "=", "pending")
    .where(() => inScope("co.path", roots))
    .execute();
  for (const r of objections)
    tasks.push({
      ...base(r),
      key: `objection:${r.id}`,
      kind: "objection",
      organisationId: r.organisation_id,
      organisationName: r.organisation_name,
      indicatorCode: null,
      title: `处理异议：${r.organisation_name}`,
      detail: r.reason,
      stage: "publicity",
      links: { campaignId: r.campaign_id, organisationId: r.organisation_id, objectionId: r.id },
      at: toDate(r.deadline ?? r.ends_at ?? null),
    });

  // Every open stage: the organiser moves it on (推进), overdue once past its deadline.
  const stages = await openStages(db, roots);
  for (const r of stages)
    tasks.push({
      ...base(r),
      key: `open_stage:${r.campaign_id}:${r.stage}`,
      kind: "open_stage",
      organisationId: null,
      organisationName: null,
      indicatorCode: null,
      title:
        r.deadline !== null && r.deadline < now
          ? `“${stageName(r.stage)}”阶段已过截止时间，尚未结束`
          : `推进“${stageName(r.stage)}”阶段：完成后进入下一阶段`,
      detail: null,
      stage: r.stage,
      links: { campaignId: r.campaign_id, stage: r.stage },
      at: toDate(r.deadline),
    });

  // Units late with their self-evaluation (not submitted once 单位自评's deadline passed).
  const late = await db
    .selectFrom("campaign_units as cu")
    .innerJoin("campaigns as c", "c.id", "cu.campaign_id")
    .innerJoin("organisations as co", "co.id", "c.organiser_id")
    .innerJoin("organisations as o", "o.id", "cu.organisation_id")
    .innerJoin("campaign_stages as st", (join) =>
      join.onRef("st.campaign_id", "=", "c.id").on("st.stage", "=", "self_evaluation"),
    )
    .leftJoin("self_evaluations as se", (join) =>
      join
        .onRef("se.campaign_id", "=", "cu.campaign_id")
        .onRef("se.organisation_id", "=", "cu.organisation_id"),
    )
    .select([
      "cu.campaign_id",
      "c.name as campaign_name",
      "c.year",
      "o.id as organisation_id",
      "o.name as organisation_name",
      "se.id as self_evaluation_id",
      "se.status",
      "st.deadline",
    ])
    .where("c.status", "=", "running")
    .where("st.opened_at", "is not", null)
    .where("st.deadline", "<", now)
    .where((eb) => eb.or([eb("se.status", "is", null), eb("se.status", "in", ["draft", "returned"])]))
    .where(() => inScope("co.path", roots))
    .execute();
  for (const r of late)
    tasks.push({
      ...base(r),
      key: `late_self_evaluation:${r.campaign_id}:${r.organisation_id}`,
      kind: "late_self_evaluation",
      organisationId: r.organisation_id,
      organisationName: r.organisation_name,
      indicatorCode: null,
      title: `逾期未提交自评：${r.organisation_name}`,
      detail: r.status === "returned" ? "已退回，尚未重新提交" : r.status === null ? "尚未开始" : "尚未提交",
      stage: "self_evaluation",
      links: {
        campaignId: r.campaign_id,
        organisationId: r.organisation_id,
        ...(r.self_evaluation_id === null ? {} : { selfEvaluationId: r.self_evaluation_id }),
      },
      at: toDate(r.deadline),
    });
  return tasks;
}

async function viewerTasks(services: Services, actor: Actor): Promise<Draft[]> {
  const roots = isAdmin(actor) ? [] : (scopeRoots(actor, ["viewer"]) ?? []);
  if (roots.length === 0) return [];
  const rows = await services.db
    .selectFrom("campaigns as c")
    .innerJoin("organisations as co", "co.id", "c.organiser_id")
    .leftJoin("campaign_stages as st", (join) =>
      join
        .onRef("st.campaign_id", "=", "c.id")
        .on("st.opened_at", "is not", null)
        .on("st.closed_at", "is", null),
    )
    .select(["c.id", "c.name", "c.year", "co.path", "st.stage", "st.deadline"])
    .where("c.status", "=", "running")
    .where(() => inScope("co.path", roots))
    .execute();
  return rows
    .filter((r) => !holds(actor, ["organiser"], r.path))
    .map((r) => ({
      key: `watch_campaign:${r.id}`,
      kind: "watch_campaign",
      role: "viewer",
      campaignId: r.id,
      campaignName: r.name,
      year: r.year,
      organisationId: null,
      organisationName: null,
      indicatorCode: null,
      title:
        r.stage === null ? `关注进展：${r.name}` : `关注进展：${r.name}（当前阶段：${stageName(r.stage)}）`,
      detail: null,
      stage: r.stage,
      links: { campaignId: r.id, ...(r.stage === null ? {} : { stage: r.stage }) },
      at: toDate(r.deadline),
    }));
}

const KIND_ORDER = new Map<string, number>(TASK_KINDS.map((k, i) => [k, i]));

/** Overdue first, then by deadline (none last); ties by campaign, organisation, kind and key. */
export function compareTasks(a: Task, b: Task): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if (a.deadline !== b.deadline) {
    if (a.deadline === null) return 1;
    if (b.deadline === null) return -1;
    return a.deadline < b.deadline ? -1 : 1;
  }
  return (
    a.campaignName.localeCompare(b.campaignName, "zh") ||
    (a.organisationName ?? "").localeCompare(b.organisationName ?? "", "zh") ||
    (KIND_ORDER.get(a.kind) ?? 0) - (KIND_ORDER.get(b.kind) ?? 0) ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

export async function myTasks(
  services: Services,
  actor: Actor,
  query: { limit: number; offset: number },
): Promise<TaskList> {
  const now = services.clock.now();
  const groups = await Promise.all([
    unitTasks(services, actor),
    departmentTasks(services, actor),
    reviewTasks(services, actor),
    organiserTasks(services, actor, now),
    viewerTasks(services, actor),
    rectificationTasks(services, actor, now),
  ]);
  const all = groups.flat().map((t) => {
    const { at, ...task } = t;
    return {
      ...task,
      deadline: at === null ? null : at.toISOString(),
      overdue: at !== null && now.getTime() > at.getTime(),
    } satisfies Task;
  });
  all.sort(compareTasks);
  return {
    items: all.slice(query.offset, query.offset + query.limit),
    total: all.length,
    limit: query.limit,
    offset: query.offset,
    overdue: all.filter((t) => t.overdue).length,
    now: now.toISOString(),
  };
}
