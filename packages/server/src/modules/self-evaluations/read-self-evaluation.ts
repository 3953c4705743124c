/**
 * The self-evaluation screen: status and versions, every applicable indicator with its input, narrative,
 * evidence and assignment, the base data and tables with their violations, and the live score of the current
 * draft computed by the engine (with its explanation), or the problems that keep it from being scored yet.
 * A reviewer gets no self-scores (inputs, score, explanation) unless the campaign's reviewersSeeSelfScores allows.
 */
import {
  type CompiledScheme,
  type Evaluation,
  evaluateUnits,
  explainUnit,
  type FieldValue,
  InputError,
  type LeafInput,
  renderExplanation,
  rowKeys,
  type TableViolation,
  tableFields,
  type UnitTables,
} from "@kaoping/core";
import { z } from "zod";
import type { Actor } from "../../access/actor.js";
import type { Services } from "../../context.js";
import type { Db } from "../../db/open-database.js";
import {
  type Assignment,
  assignedTo,
  editableStage,
  loadSelfEvaluation,
  type SelfEvaluationContext,
  unitMask,
} from "./self-evaluation-context.js";
import { loadTableVersions, loadUnitTables, tableViolations } from "./unit-tables.js";

export const AssignmentView = z.object({
  target: z.string(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  person: z.string().nullable(),
  deadline: z.string().nullable(),
  /** Past the deadline while the self-evaluation is still being filled. */
  overdue: z.boolean(),
  version: z.number().int(),
});
export type AssignmentView = z.infer<typeof AssignmentView>;

export const EvidenceView = z.object({
  id: z.string(),
  indicatorCode: z.string(),
  name: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
});
export type EvidenceView = z.infer<typeof EvidenceView>;

export const ViolationView = z.object({
  rule: z.string(),
  table: z.string(),
  row: z.string().nullable(),
  column: z.string().nullable(),
  cell: z.string(),
  message: z.string(),
});

export const ItemView = z.object({
  code: z.string(),
  name: z.string(),
  depth: z.number().int(),
  parent: z.string().nullable(),
  max: z.string(),
  leaf: z.boolean(),
  /** manual, deductions, checklist, levels, boolean, formula, satisfaction; null for a parent. */
  method: z.unknown(),
  /** Computed from data (formula) or surveys (satisfaction): no input is typed. */
  computed: z.boolean(),
  notApplicableAllowed: z.boolean(),
  guidance: z.string().nullable(),
  expectedEvidence: z.array(z.string()),
  input: z.unknown(),
  narrative: z.string(),
  /** 0 until first saved; send it back with the next save. */
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  editable: z.boolean(),
  evidence: z.array(EvidenceView),
});

export const TableView = z.object({
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  columns: z.array(z.unknown()),
  fixedRows: z.array(z.object({ key: z.string(), name: z.string() })).nullable(),
  rows: z.record(z.string(), z.record(z.string(), z.unknown())),
  version: z.number().int(),
  editable: z.boolean(),
});

export const SelfEvaluationView = z.object({
  id: z.string(),
  campaignId: z.string(),
  unit: z.object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    category: z.string().nullable(),
    role: z.enum(["evaluated", "reporting"]),
  }),
  status: z.enum(["draft", "submitted", "returned", "accepted"]),
  version: z.number().int(),
  submissions: z.number().int(),
  submittedAt: z.string().nullable(),
  returnedReason: z.string().nullable(),
  editable: z.boolean(),
  permissions: z.object({
    editAll: z.boolean(),
    assign: z.boolean(),
    organise: z.boolean(),
    departments: z.array(z.string()),
  }),
  report: z.record(z.string(), z.string()),
  fields: z.array(z.unknown()),
  data: z.record(z.string(), z.unknown()),
  /** Fields taken from the tables (`from`), as the current tables give them. */
  tableData: z.record(z.string(), z.unknown()),
  /** Fields and indicators fed from Kaoping's records (cases, surveys): code → where from; shown, not typed. */
  fed: z.record(z.string(), z.string()),
  items: z.array(ItemView),
  tables: z.array(TableView),
  violations: z.array(ViolationView),
  assignments: z.array(AssignmentView),
  score: z
    .object({
      total: z.string(),
      points: z.string(),
      rate: z.string(),
      grade: z.string().nullable(),
      gradeName: z.string().nullable(),
      vetoes: z.array(z.string()),
      indicators: z.record(z.string(), z.object({ score: z.string(), max: z.string(), na: z.boolean() })),
    })
    .nullable(),
  explanation: z.string().nullable(),
  /** Why the draft cannot be scored yet (missing inputs, missing data), each naming its indicator or field. */
  problems: z.array(z.object({ path: z.string(), message: z.string() })),
  /**
   * A reviewer of a campaign that keeps self-scores from reviewers: every item's input, the score, the explanation
   * and the problems are left out (null, empty), so the reviewer scores unanchored.
   */
  selfScoresHidden: z.boolean(),
});
export type SelfEvaluationView = z.infer<typeof SelfEvaluationView>;

export async function presentAssignments(
  db: Db,
  ctx: SelfEvaluationContext,
  now: Date,
): Promise<AssignmentView[]> {
  const ids = [...new Set(ctx.assignments.map((a) => a.departmentId).filter((d): d is string => d !== null))];
  const names = new Map(
    ids.length === 0
      ? []
      : (await db.selectFrom("organisations").select(["id", "name"]).where("id", "in", ids).execute()).map(
          (o) => [o.id, o.name],
        ),
  );
  const filling = ctx.evaluation.status === "draft" || ctx.evaluation.status === "returned";
  return ctx.assignments.map((a) =>
    presentAssignment(a, names.get(a.departmentId ?? "") ?? null, filling, now),
  );
}

export function presentAssignment(
  a: Assignment,
  departmentName: string | null,
  filling: boolean,
  now: Date,
): AssignmentView {
  return {
    target: a.target,
    departmentId: a.departmentId,
    departmentName,
    person: a.person,
    deadline: a.deadline?.toISOString() ?? null,
    overdue: filling && a.deadline !== null && a.deadline.getTime() < now.getTime(),
    version: a.version,
  };
}

export async function loadEvidence(db: Db, selfEvaluationId: string): Promise<EvidenceView[]> {
  const rows = await db
    .selectFrom("evidence_files")
    .innerJoin("evidence_blobs", "evidence_blobs.sha256", "evidence_files.sha256")
    .select([
      "evidence_files.id",
      "evidence_files.indicator_code",
      "evidence_files.original_name",
      "evidence_files.uploaded_at",
      "evidence_blobs.sha256",
      "evidence_blobs.size",
      "evidence_blobs.content_type",
    ])
    .where("evidence_files.self_evaluation_id", "=", selfEvaluationId)
    .orderBy("evidence_files.uploaded_at")
    .orderBy("evidence_files.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    indicatorCode: r.indicator_code,
    name: r.original_name,
    contentType: r.content_type,
    size: Number(r.size),
    sha256: r.sha256,
    uploadedAt: new Date(r.uploaded_at).toISOString(),
  }));
}

/**
 * The unit's base data for the engine: typed fields the scheme knows, overlaid with the table-derived ones and
 * then the fed ones (cases, surveys), which prevail.
 */
export function unitData(
  ctx: SelfEvaluationContext,
  tables: UnitTables,
): { data: Record<string, FieldValue>; tableData: Record<string, FieldValue> } {
  const plan = ctx.campaign.scheme;
  const tableData = tableFields(plan, tables);
  const data: Record<string, FieldValue> = {};
  for (const [code, value] of Object.entries(ctx.evaluation.data)) {
    if (plan.fields.has(code) && plan.fields.get(code)?.from === undefined) data[code] = value as FieldValue;
  }
  return { data: { ...data, ...tableData, ...ctx.fed.data }, tableData };
}

export async function getSelfEvaluation(
  services: Services,
  actor: Actor,
  campaignId: string,
  organisationId: string,
): Promise<SelfEvaluationView> {
  const { db } = services;
  const ctx = await loadSelfEvaluation(db, actor, campaignId, organisationId);
  const plan = ctx.campaign.scheme;
  const { evaluation, unit } = ctx;
  const items = await db
    .selectFrom("self_evaluation_items")
    .selectAll()
    .where("self_evaluation_id", "=", evaluation.id)
    .execute();
  const itemByCode = new Map(items.map((i) => [i.indicator_code, i]));
  const tables = (await loadUnitTables(db, [evaluation.id])).get(evaluation.id) ?? {};
  const tableVersions = await loadTableVersions(db, evaluation.id);
  const evidence = await loadEvidence(db, evaluation.id);
  const violations: TableViolation[] = await tableViolations(db, plan, campaignId, unit.id, tables);
  const { data, tableData } = unitData(ctx, tables);
  const editable = editableStage(ctx) && (evaluation.status === "draft" || evaluation.status === "returned");
  const mask = unitMask(plan, unit.category);
  const hideScores = ctx.permissions.reviewerOnly && ctx.campaign.settings.reviewersSeeSelfScores !== true;

  const itemViews = plan.nodes
    .filter((n) => n.index !== plan.root && mask[n.index] === 1)
    .sort((a, b) => order(plan, a.code) - order(plan, b.code))
    .map((node) => {
      const stored = itemByCode.get(node.code);
      const method = node.source?.method ?? null;
      return {
        code: node.code,
        name: node.name,
        depth: node.depth,
        parent: node.parent < 0 || node.parent === plan.root ? null : plan.nodes[node.parent]!.code,
        max: String(node.source?.max ?? ""),
        leaf: node.leaf >= 0,
        method,
        computed: node.method?.type === "formula" || node.method?.type === "satisfaction",
        notApplicableAllowed: node.notApplicable,
        guidance: node.source?.guidance ?? null,
        expectedEvidence: node.source?.evidence ?? [],
        input: hideScores ? null : (ctx.fed.scores[node.code] ?? stored?.input ?? null),
        narrative: stored?.narrative ?? "",
        version: stored?.version ?? 0,
        updatedAt: stored === undefined ? null : new Date(stored.updated_at).toISOString(),
        editable: editable && assignedTo(ctx, node.code),
        evidence: evidence.filter((e) => e.indicatorCode === node.code),
      };
    });

  const live = hideScores ? { score: null, explanation: null, problems: [] } : liveScore(ctx, data, items);
  return {
    id: evaluation.id,
    campaignId,
    unit: { id: unit.id, code: unit.code, name: unit.name, category: unit.category, role: unit.role },
    status: evaluation.status,
    version: evaluation.version,
    submissions: evaluation.submissions,
    submittedAt: evaluation.submittedAt?.toISOString() ?? null,
    returnedReason: evaluation.returnedReason,
    editable,
    permissions: {
      editAll: ctx.permissions.editAll,
      assign: ctx.permissions.assign,
      organise: ctx.permissions.organise,
      departments: [...ctx.permissions.departments],
    },
    report: evaluation.report,
    fields: [...plan.fields.values()],
    data: { ...evaluation.data, ...ctx.fed.data },
    tableData,
    fed: ctx.fed.origins,
    items: itemViews,
    tables: [...plan.tables.values()].map((t) => ({
      code: t.code,
      name: t.name,
      description: t.description ?? null,
      columns: t.columns,
      fixedRows: t.rows ?? null,
      rows: Object.fromEntries(rowKeys(t, tables[t.code]).map((k) => [k, tables[t.code]?.[k] ?? {}])),
      version: tableVersions.get(t.code) ?? 0,
      editable: editable && assignedTo(ctx, `table:${t.code}`),
    })),
    violations,
    assignments: await presentAssignments(db, ctx, services.clock.now()),
    ...live,
    selfScoresHidden: hideScores,
  };
}

const positions = new WeakMap<object, Map<string, number>>();
/** Indicators in the scheme's own order (the plan keeps leaves first). */
function order(plan: SelfEvaluationContext["campaign"]["scheme"], code: string): number {
  let map = positions.get(plan);
  if (map === undefined) {
    map = new Map();
    type Node = { code: string; children?: Node[] | undefined };
    const walk = (list: readonly Node[]) => {
      for (const ind of list) {
        map!.set(ind.code, map!.size);
        if (ind.children) walk(ind.children);
      }
    };
    walk(plan.definition.indicators as Node[]);
    positions.set(plan, map);
  }
  return map.get(code) ?? 0;
}

/**
 * The grade a draft scored alone can show. A quota grade (先进, 优秀…) depends on the other units, so it shows the
 * grade its quota is drawn from (达标单位: the one the unit keeps whoever else is promoted), or none when the quota
 * is taken from all units.
 */
export function gradeAlone(
  plan: CompiledScheme,
  code: string | null,
): { grade: string | null; gradeName: string | null } {
  const grades = plan.grading?.grades ?? [];
  let grade = grades.find((g) => g.code === code);
  while (grade?.quota != null) grade = grade.quota.of === null ? undefined : grades[grade.quota.of];
  return { grade: grade?.code ?? null, gradeName: grade?.name ?? null };
}

/**
 * The draft scored on its own by the engine, with traces for explanations (the self-evaluation screen and the
 * 自评报告); throws the engine's InputError while inputs or data are missing.
 */
export function scoreDraft(
  ctx: SelfEvaluationContext,
  data: Record<string, FieldValue>,
  items: ReadonlyArray<{ indicator_code: string; input: unknown }>,
): Evaluation {
  const plan = ctx.campaign.scheme;
  const mask = unitMask(plan, ctx.unit.category);
  const scores: Record<string, LeafInput> = {};
  for (const item of items) {
    const index = plan.byCode.get(item.indicator_code);
    if (item.input !== null && index !== undefined && mask[index] === 1)
      scores[item.indicator_code] = item.input as LeafInput;
  }
  for (const [code, input] of Object.entries(ctx.fed.scores)) {
    const index = plan.byCode.get(code);
    if (index !== undefined && mask[index] === 1) scores[code] = input;
  }
  const category =
    ctx.unit.category !== null && plan.categoryMasks.has(ctx.unit.category) ? ctx.unit.category : undefined;
  return evaluateUnits(
    plan,
    [
      {
        unit: ctx.unit.code,
        name: ctx.unit.name,
        ...(category === undefined ? {} : { category }),
        data,
        scores,
      },
    ],
    { trace: true },
  );
}

/** The draft scored on its own by the engine, explained; or the problems that stop it being scored. */
export function liveScore(
  ctx: SelfEvaluationContext,
  data: Record<string, FieldValue>,
  items: ReadonlyArray<{ indicator_code: string; input: unknown }>,
): Pick<SelfEvaluationView, "score" | "explanation" | "problems"> {
  const plan = ctx.campaign.scheme;
  if (ctx.unit.role === "reporting") return { score: null, explanation: null, problems: [] };
  try {
    const evaluation = scoreDraft(ctx, data, items);
    const result = evaluation.units[0]!;
    return {
      score: {
        total: result.total,
        points: result.points,
        rate: result.rate,
        ...gradeAlone(plan, result.grade),
        vetoes: result.vetoes,
        indicators: Object.fromEntries(
          Object.entries(result.indicators).map(([code, r]) => [
            code,
            { score: r.score, max: r.max, na: r.na },
          ]),
        ),
      },
      explanation: renderExplanation(explainUnit(evaluation, ctx.unit.code), "zh"),
      problems: [],
    };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return {
      score: null,
      explanation: null,
      problems: error.problems.map((p) => ({
        path: p.indicator === undefined ? p.path : `indicators.${p.indicator}`,
        message: p.message,
      })),
    };
  }
}
