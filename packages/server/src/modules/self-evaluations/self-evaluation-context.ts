/**
 * One unit's self-evaluation in a campaign, loaded with the campaign and what the signed-in person may do with it:
 * - unit_head / unit_staff over the unit edit everything (only a unit_head assigns tasks, 任务分解);
 * - department_staff edit only the indicators and tables assigned to their department (task_assignments);
 * - the campaign's organisers read everything, return (退回) and accept (初审通过);
 * - viewers over the organiser and reviewers assigned to the unit read (reviewers see the self-scores only if the
 *   campaign's reviewersSeeSelfScores setting allows).
 * Edits need the 单位自评 stage open (a returned self-evaluation may also be corrected during 初审) and a status of
 * draft or returned: submitted and accepted self-evaluations are locked.
 */
import type { CompiledScheme, PlanNode } from "@kaoping/core";
import type { Actor } from "../../access/actor.js";
import { holds, isAdmin } from "../../access/scope.js";
import type { Db } from "../../db/open-database.js";
import type { SelfEvaluationStatus } from "../../db/schema.js";
import { AppError, forbidden, notFound } from "../../errors.js";
import type { Trx } from "../../write.js";
import { type CampaignContext, isCampaignOrganiser, loadCampaign } from "../campaigns/campaign-context.js";
import { currentStage, stageName, wrongStage } from "../campaigns/stages.js";
import { emptyFedValues, type FedValues } from "../feeds/feed-source.js";
import { loadFedValues } from "../feeds/load-fed-values.js";

export interface SelfEvaluationRow {
  id: string;
  status: SelfEvaluationStatus;
  report: Record<string, string>;
  data: Record<string, unknown>;
  returnedReason: string | null;
  submittedAt: Date | null;
  submissions: number;
  version: number;
}

export interface UnitInfo {
  id: string;
  code: string;
  name: string;
  path: string;
  /** The category that selects 个性指标: the campaign's, else the organisation's. */
  category: string | null;
  /** evaluated units are scored; reporting units (a township under its county) only file base data. */
  role: "evaluated" | "reporting";
}

export interface Permissions {
  read: boolean;
  /** unit_head / unit_staff: every indicator, table, field and the report. */
  editAll: boolean;
  /** unit_head: 任务分解. */
  assign: boolean;
  /** The campaign's organisers: return and accept. */
  organise: boolean;
  /** The departments (organisation ids) whose department_staff role the actor holds for this unit's assignments. */
  departments: Set<string>;
  /** Reads only as a reviewer assigned to the unit, so sees self-scores only if the campaign allows it. */
  reviewerOnly: boolean;
}

export interface Assignment {
  target: string;
  departmentId: string | null;
  person: string | null;
  deadline: Date | null;
  version: number;
}

export interface SelfEvaluationContext {
  campaign: CampaignContext;
  unit: UnitInfo;
  evaluation: SelfEvaluationRow;
  assignments: Assignment[];
  permissions: Permissions;
  /** Fields and leaf inputs taken from Kaoping's own records (cases, surveys): not typed, they prevail. */
  fed: FedValues;
}

export function presentRow(row: {
  id: string;
  status: SelfEvaluationStatus;
  report: Record<string, string>;
  data: Record<string, unknown>;
  returned_reason: string | null;
  submitted_at: Date | null;
  submissions: number;
  version: number;
}): SelfEvaluationRow {
  return {
    id: row.id,
    status: row.status,
    report: row.report,
    data: row.data,
    returnedReason: row.returned_reason,
    submittedAt: row.submitted_at,
    submissions: row.submissions,
    version: row.version,
  };
}

export async function loadEvaluationRow(
  db: Db | Trx,
  campaignId: string,
  organisationId: string,
  lock = false,
): Promise<SelfEvaluationRow> {
  let query = db
    .selectFrom("self_evaluations")
    .selectAll()
    .where("campaign_id", "=", campaignId)
    .where("organisation_id", "=", organisationId);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (row === undefined) throw notFound("self-evaluation");
  return presentRow(row);
}

export async function loadAssignments(db: Db | Trx, selfEvaluationId: string): Promise<Assignment[]> {
  const rows = await db
    .selectFrom("task_assignments")
    .selectAll()
    .where("self_evaluation_id", "=", selfEvaluationId)
    .orderBy("target")
    .execute();
  return rows.map((r) => ({
    target: r.target,
    departmentId: r.department_id,
    person: r.person,
    deadline: r.deadline,
    version: r.version,
  }));
}

/** Loads the self-evaluation and refuses anyone who may not even read it. */
export async function loadSelfEvaluation(
  db: Db,
  actor: Actor,
  campaignId: string,
  organisationId: string,
): Promise<SelfEvaluationContext> {
  const campaign = await loadCampaign(db, campaignId);
  const unitRow = await db
    .selectFrom("campaign_units")
    .innerJoin("organisations", "organisations.id", "campaign_units.organisation_id")
    .select([
      "organisations.id",
      "organisations.code",
      "organisations.name",
      "organisations.path",
      "organisations.category as organisation_category",
      "campaign_units.category",
      "campaign_units.role",
    ])
    .where("campaign_units.campaign_id", "=", campaignId)
    .where("campaign_units.organisation_id", "=", organisationId)
    .executeTakeFirst();
  if (unitRow === undefined) throw notFound("self-evaluation");
  const evaluation = await loadEvaluationRow(db, campaignId, organisationId);
  const assignments = await loadAssignments(db, evaluation.id);
  const unit: UnitInfo = {
    id: unitRow.id,
    code: unitRow.code,
    name: unitRow.name,
    path: unitRow.path,
    category: unitRow.category ?? unitRow.organisation_category,
    role: unitRow.role,
  };
  const permissions = await permissionsOf(db, actor, campaign, unit, assignments);
  if (!permissions.read) throw forbidden("outside this self-evaluation");
  const fed = (await loadFedValues(db, campaignId, [organisationId])).get(organisationId) ?? emptyFedValues();
  return { campaign, unit, evaluation, assignments, permissions, fed };
}

async function permissionsOf(
  db: Db,
  actor: Actor,
  campaign: CampaignContext,
  unit: UnitInfo,
  assignments: Assignment[],
): Promise<Permissions> {
  const editAll = holds(actor, ["unit_head", "unit_staff"], unit.path);
  const assign = holds(actor, ["unit_head"], unit.path);
  const organise = isCampaignOrganiser(actor, campaign);
  const departments = new Set<string>();
  const departmentIds = [
    ...new Set(assignments.map((a) => a.departmentId).filter((d): d is string => d !== null)),
  ];
  if (
    !isAdmin(actor) &&
    departmentIds.length > 0 &&
    actor.grants.some((g) => g.role === "department_staff")
  ) {
    const rows = await db
      .selectFrom("organisations")
      .select(["id", "path"])
      .where("id", "in", departmentIds)
      .execute();
    for (const row of rows) if (holds(actor, ["department_staff"], row.path)) departments.add(row.id);
  }
  const read =
    editAll ||
    organise ||
    departments.size > 0 ||
    holds(actor, ["viewer", "department_staff"], unit.path) ||
    holds(actor, ["viewer"], campaign.organiserPath);
  const reviewerOnly =
    !read &&
    (await db
      .selectFrom("review_assignments")
      .select("user_id")
      .where("campaign_id", "=", campaign.id)
      .where("organisation_id", "=", unit.id)
      .where("user_id", "=", actor.userId)
      .executeTakeFirst()) !== undefined;
  return { read: read || reviewerOnly, editAll, assign, organise, departments, reviewerOnly };
}

/** The leaves, parents and tables a department's assignment covers: an indicator covers everything under it. */
export function assignedTo(ctx: SelfEvaluationContext, target: string): boolean {
  const { permissions, assignments, campaign } = ctx;
  if (permissions.editAll) return true;
  if (permissions.departments.size === 0) return false;
  const covering = new Set(
    assignments
      .filter((a) => a.departmentId !== null && permissions.departments.has(a.departmentId))
      .map((a) => a.target),
  );
  if (covering.has(target)) return true;
  if (target.startsWith("table:")) return false;
  const plan = campaign.scheme;
  for (let index = plan.byCode.get(target); index !== undefined && index !== plan.root; ) {
    const node: PlanNode = plan.nodes[index]!;
    if (covering.has(node.code)) return true;
    index = node.parent < 0 ? undefined : node.parent;
  }
  return false;
}

/** Refuses unless the actor may edit `target` (an indicator code or "table:CODE"); "*" means unit-wide edits. */
export function requireEdit(ctx: SelfEvaluationContext, target: string): void {
  if (target === "*" ? ctx.permissions.editAll : assignedTo(ctx, target)) return;
  throw forbidden(
    target === "*"
      ? "only the unit's own people (unit_head, unit_staff) may do this"
      : `${target} is not assigned to your department / 该项未分配给本部门`,
  );
}

/** Whether the stage lets the unit edit: 单位自评 open, or 初审 open for a returned self-evaluation. */
export function editableStage(ctx: SelfEvaluationContext): boolean {
  const open = currentStage(ctx.campaign.stages)?.stage;
  return (
    ctx.campaign.status === "running" &&
    (open === "self_evaluation" || (open === "preliminary" && ctx.evaluation.status === "returned"))
  );
}

export function lockedError(status: SelfEvaluationStatus): AppError {
  return new AppError("locked", [{ path: "status", message: status }], {
    zh: status === "accepted" ? "自评已通过初审，不能修改" : "自评已提交，已锁定；如需修改请组织方退回",
    en:
      status === "accepted"
        ? "The self-evaluation passed the preliminary check; it cannot change"
        : "The self-evaluation is submitted and locked; the organiser can return it for changes",
  });
}

/** Refuses edits to a locked self-evaluation, or outside the stages that allow them. */
export function requireEditable(ctx: SelfEvaluationContext, status = ctx.evaluation.status): void {
  if (status === "submitted" || status === "accepted") throw lockedError(status);
  if (!editableStage(ctx)) {
    const open = currentStage(ctx.campaign.stages);
    throw wrongStage(
      `只能在“单位自评”阶段填报（当前：${open === null ? "未开始或已结束" : stageName(open.stage)}）`,
      `Self-evaluations are edited while the self_evaluation stage is open (now: ${open?.stage ?? "none"})`,
    );
  }
}

/** Inside a write: locks the self-evaluation row and re-checks it is still editable (a submit may have won). */
export async function lockEditable(trx: Trx, ctx: SelfEvaluationContext): Promise<SelfEvaluationRow> {
  const row = await loadEvaluationRow(trx, ctx.campaign.id, ctx.unit.id, true);
  requireEditable(ctx, row.status);
  return row;
}

/** The indicator applicability mask for the unit's category (an unknown category falls back to common ones). */
export function unitMask(plan: CompiledScheme, category: string | null): Uint8Array {
  return plan.categoryMasks.get(category ?? "") ?? plan.categoryMasks.get("")!;
}

export const auditScope = (ctx: SelfEvaluationContext) => ({
  organisationId: ctx.unit.id,
  campaignId: ctx.campaign.id,
});
