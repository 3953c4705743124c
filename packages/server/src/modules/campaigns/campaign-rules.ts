/**
 * The checks a campaign's stages and units must pass, shared by creation and the later edits. Every problem is
 * reported at once, each naming its field (`body.units.2.organisationId`, `body.stages.1.deadline`).
 */
import type { CompiledScheme } from "@kaoping/core";
import type { Db } from "../../db/open-database.js";
import { AppError, type ErrorDetail } from "../../errors.js";
import { STAGE_CODES, type StageCode } from "./stages.js";

export interface StageInput {
  stage: StageCode;
  startsAt?: string | Date | null | undefined;
  deadline?: string | Date | null | undefined;
}

export interface UnitInput {
  organisationId: string;
  /** One of the scheme's categories when it has any; defaults to the organisation's own category. */
  category?: string | null | undefined;
  /** The group units are ranked within (按组别排序). */
  group?: string | null | undefined;
  role?: "evaluated" | "reporting" | undefined;
}

export interface StageRow {
  stage: StageCode;
  position: number;
  starts_at: Date | null;
  deadline: Date | null;
}

export interface UnitRow {
  organisation_id: string;
  role: "evaluated" | "reporting";
  category: string | null;
  unit_group: string | null;
}

const date = (value: string | Date | null | undefined): Date | null =>
  value === null || value === undefined ? null : new Date(value);

/** Stages in the seeds' order, no repeats, self-evaluation included, deadlines ascending. */
export function checkStages(stages: readonly StageInput[], at = "body.stages"): StageRow[] {
  const problems: ErrorDetail[] = [];
  let lastOrder = -1;
  let lastDeadline: { at: Date; index: number } | null = null;
  const seen = new Set<string>();
  const rows = stages.map((s, i): StageRow => {
    const order = STAGE_CODES.indexOf(s.stage);
    if (order < 0) problems.push({ path: `${at}.${i}.stage`, message: `unknown stage ${s.stage}` });
    else if (seen.has(s.stage))
      problems.push({ path: `${at}.${i}.stage`, message: `${s.stage} is listed twice / 阶段重复` });
    else if (order < lastOrder)
      problems.push({
        path: `${at}.${i}.stage`,
        message: `${s.stage} must come before ${STAGE_CODES[lastOrder]} (stages follow ${STAGE_CODES.join(" → ")})`,
      });
    seen.add(s.stage);
    lastOrder = Math.max(lastOrder, order);
    const startsAt = date(s.startsAt);
    const deadline = date(s.deadline);
    if (startsAt !== null && deadline !== null && startsAt > deadline)
      problems.push({
        path: `${at}.${i}.startsAt`,
        message: "starts after its own deadline / 开始时间晚于截止时间",
      });
    if (deadline !== null) {
      if (lastDeadline !== null && deadline < lastDeadline.at)
        problems.push({
          path: `${at}.${i}.deadline`,
          message: `earlier than the deadline of ${at}.${lastDeadline.index} / 截止时间须依阶段顺序递增`,
        });
      lastDeadline = { at: deadline, index: i };
    }
    return { stage: s.stage, position: i + 1, starts_at: startsAt, deadline };
  });
  if (!seen.has("self_evaluation"))
    problems.push({ path: at, message: "must include self_evaluation / 必须包含单位自评阶段" });
  if (problems.length > 0) throw new AppError("validation", problems);
  return rows;
}

/**
 * Units must be organisations strictly inside the organiser's subtree (403 otherwise), each once; categories must
 * be the scheme's when it has any. Units of a scheme without categories carry none.
 */
export async function checkUnits(
  db: Db,
  organiser: { id: string; path: string },
  scheme: CompiledScheme,
  units: readonly UnitInput[],
  at = "body.units",
): Promise<UnitRow[]> {
  const forbidden: ErrorDetail[] = [];
  const problems: ErrorDetail[] = [];
  const ids = [...new Set(units.map((u) => u.organisationId))];
  const organisations =
    ids.length === 0
      ? []
      : await db
          .selectFrom("organisations")
          .select(["id", "path", "category"])
          .where("id", "in", ids)
          .execute();
  const byId = new Map(organisations.map((o) => [o.id, o]));
  const categories = scheme.definition.categories.map((c) => c.code);
  const seen = new Set<string>();
  const rows: UnitRow[] = [];
  units.forEach((unit, i) => {
    const path = `${at}.${i}`;
    const organisation = byId.get(unit.organisationId);
    if (seen.has(unit.organisationId)) {
      problems.push({ path: `${path}.organisationId`, message: "listed twice / 单位重复" });
      return;
    }
    seen.add(unit.organisationId);
    if (organisation === undefined) {
      problems.push({ path: `${path}.organisationId`, message: "no such organisation / 机构不存在" });
      return;
    }
    if (organisation.id === organiser.id) {
      problems.push({
        path: `${path}.organisationId`,
        message: "the organiser cannot evaluate itself / 组织单位不能作为被评估单位",
      });
      return;
    }
    if (!organisation.path.startsWith(organiser.path)) {
      forbidden.push({
        path: `${path}.organisationId`,
        message: "outside the organiser's subtree / 不在组织单位的下级范围内",
      });
      return;
    }
    let category: string | null = null;
    if (categories.length > 0) {
      category = unit.category ?? organisation.category;
      if (category === null || !categories.includes(category)) {
        problems.push({
          path: `${path}.category`,
          message:
            category === null
              ? `needs a category, one of ${categories.join(", ")} / 须指定单位类别`
              : `${category} is not one of the scheme's categories ${categories.join(", ")} / 类别不属于该指标体系`,
        });
        return;
      }
    } else if (unit.category !== undefined && unit.category !== null) {
      problems.push({
        path: `${path}.category`,
        message: "the scheme has no unit categories / 该指标体系不分类别",
      });
      return;
    }
    rows.push({
      organisation_id: unit.organisationId,
      role: unit.role ?? "evaluated",
      category,
      unit_group: unit.group ?? null,
    });
  });
  if (forbidden.length > 0) throw new AppError("forbidden", forbidden);
  if (problems.length > 0) throw new AppError("validation", problems);
  return rows;
}
