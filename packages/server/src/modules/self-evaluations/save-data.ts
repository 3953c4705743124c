/**
 * Saves the unit-wide parts of a self-evaluation on its own version: the base-data fields the scheme's formulas
 * read (fields taken from tables are filled through the tables) and the self-evaluation report (自评报告).
 */
import type { FieldValue } from "@kaoping/core";
import type { Actor } from "../../access/actor.js";
import { authorOf } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { AppError, type ErrorDetail } from "../../errors.js";
import { expectOneUpdated, type Writer, write } from "../../write.js";
import {
  auditScope,
  loadSelfEvaluation,
  lockEditable,
  requireEdit,
  requireEditable,
  type SelfEvaluationContext,
} from "./self-evaluation-context.js";

/** The report's usual sections, in order (the seeds' 自评报告). Other sections may be added. */
export const REPORT_SECTIONS = ["基本情况", "主要做法与成效", "存在问题", "整改措施与下一步打算"] as const;

const NUMERIC = /^-?\d+(\.\d+)?$/;

/** The typed-in fields' problems; `pathOf` names where each value came from (a body path, a workbook cell). */
export function checkFields(
  ctx: SelfEvaluationContext,
  data: Record<string, FieldValue>,
  pathOf: (code: string) => string = (code) => `body.data.${code}`,
): ErrorDetail[] {
  const plan = ctx.campaign.scheme;
  const problems: ErrorDetail[] = [];
  for (const [code, value] of Object.entries(data)) {
    const path = pathOf(code);
    const field = plan.fields.get(code);
    if (field === undefined) {
      problems.push({ path, message: `unknown field ${code} / 指标体系没有此数据项` });
      continue;
    }
    const origin = ctx.fed.origins[code];
    if (ctx.fed.data[code] !== undefined && origin !== undefined) {
      problems.push({
        path,
        message: `${field.name} is taken from ${origin} / 该数据由${origin}自动采集，不能填写`,
      });
      continue;
    }
    if (field.from !== undefined) {
      problems.push({
        path,
        message: `${field.name} is taken from table ${field.from.table}; fill the table / 该数据取自基础数据表 ${field.from.table}`,
      });
      continue;
    }
    if (value === null || value === "") continue;
    const numeric = typeof value === "number" || (typeof value === "string" && NUMERIC.test(value));
    if ((field.type === "number" || field.type === "integer") && !numeric)
      problems.push({ path, message: `${field.name} must be a number / 应为数字` });
    else if (field.type === "integer" && !Number.isInteger(Number(value)))
      problems.push({ path, message: `${field.name} must be a whole number / 应为整数` });
    else if (field.type === "boolean" && typeof value !== "boolean")
      problems.push({ path, message: `${field.name} must be true or false / 应为是或否` });
    else if (field.type === "text" && typeof value !== "string")
      problems.push({ path, message: `${field.name} must be text / 应为文字` });
    else if (field.type === "grade" && !plan.grading?.byCode.has(String(value)))
      problems.push({ path, message: `${field.name} must be a grade code / 应为等级代码` });
  }
  return problems;
}

async function saveEvaluation(
  services: Services,
  actor: Actor,
  ctx: SelfEvaluationContext,
  version: number,
  action: string,
  set: { data?: Record<string, FieldValue>; report?: Record<string, string> },
) {
  return write(services, authorOf(actor), (w) => writeEvaluation(w, ctx, version, action, set));
}

/** Writes the data or the report on the self-evaluation's version, inside the writer's transaction. */
export async function writeEvaluation(
  w: Writer,
  ctx: SelfEvaluationContext,
  version: number,
  action: string,
  set: { data?: Record<string, FieldValue>; report?: Record<string, string> },
): Promise<{ version: number }> {
  const before = await lockEditable(w.trx, ctx);
  const result = await w.trx
    .updateTable("self_evaluations")
    .set((eb) => ({
      ...(set.data === undefined ? {} : { data: JSON.stringify(set.data) }),
      ...(set.report === undefined ? {} : { report: JSON.stringify(set.report) }),
      version: eb("version", "+", 1),
    }))
    .where("id", "=", ctx.evaluation.id)
    .where("version", "=", version)
    .executeTakeFirst();
  expectOneUpdated(result);
  await w.audit({
    action,
    entityType: "self_evaluation",
    entityId: ctx.evaluation.id,
    ...auditScope(ctx),
    before: set.data === undefined ? { report: before.report } : { data: before.data },
    after: set,
  });
  return { version: before.version + 1 };
}

export async function saveData(
  services: Services,
  actor: Actor,
  campaignId: string,
  organisationId: string,
  change: { version: number; data: Record<string, FieldValue> },
): Promise<{ version: number; data: Record<string, FieldValue> }> {
  const ctx = await loadSelfEvaluation(services.db, actor, campaignId, organisationId);
  requireEdit(ctx, "*");
  requireEditable(ctx);
  const problems = checkFields(ctx, change.data);
  if (problems.length > 0) throw new AppError("validation", problems);
  const data = Object.fromEntries(Object.entries(change.data).filter(([, v]) => v !== null && v !== ""));
  const { version } = await saveEvaluation(
    services,
    actor,
    ctx,
    change.version,
    "self_evaluation.data_saved",
    {
      data,
    },
  );
  return { version, data };
}

export async function saveReport(
  services: Services,
  actor: Actor,
  campaignId: string,
  organisationId: string,
  change: { version: number; report: Record<string, string> },
): Promise<{ version: number; report: Record<string, string> }> {
  const ctx = await loadSelfEvaluation(services.db, actor, campaignId, organisationId);
  requireEdit(ctx, "*");
  requireEditable(ctx);
  const { version } = await saveEvaluation(
    services,
    actor,
    ctx,
    change.version,
    "self_evaluation.report_saved",
    {
      report: change.report,
    },
  );
  return { version, report: change.report };
}
