/**
 * 评审评分表: the printable sheet an expert scores a unit on — every indicator with its 分值 and scoring rules, and
 * the columns the expert fills (得分, 扣分原因/发现的问题). Printed for an assigned reviewer who has a sheet, it
 * carries the scores entered so far (scored by the engine where the sheet is complete enough) and the reviewer's
 * findings; for the organiser and viewers, and a reviewer before scoring, it is blank.
 */
import {
  type CompiledScheme,
  evaluateUnits,
  explainUnit,
  type FieldValue,
  format,
  formatShort,
  type IndicatorExplanation,
  InputError,
  indicatorsInOrder,
  type LeafInput,
  tableFields,
} from "@kaoping/core";
import type { Actor } from "../../access/actor.js";
import { holds } from "../../access/scope.js";
import type { Services } from "../../context.js";
import { forbidden } from "../../errors.js";
import { loadCampaign } from "../../modules/campaigns/campaign-context.js";
import { loadFedValues } from "../../modules/feeds/load-fed-values.js";
import { groupCodes } from "../../modules/review/review-rules.js";
import { assignedGroups, loadUnit, normaliseDecimal } from "../../modules/review/review-sheets.js";
import { unitMask } from "../../modules/self-evaluations/self-evaluation-context.js";
import { loadUnitTables } from "../../modules/self-evaluations/unit-tables.js";
import { documentDate } from "../house-style.js";
import { reasonOf } from "../score-reasons.js";

export interface SheetRow {
  code: string;
  name: string;
  depth: number;
  leaf: boolean;
  /** 分值. */
  max: string;
  /** 评分标准: the deduction rules, checklist items or levels, else the scheme's guidance. */
  criteria: string;
  /** 得分: the reviewer's entry, "" when blank. */
  score: string;
  /** 扣分原因/发现的问题: from the entry and the reviewer's findings, "" when blank. */
  reason: string;
}

export interface ScoreSheetModel {
  title: string;
  unitCode: string;
  unitName: string;
  campaignName: string;
  year: string;
  organiserName: string;
  schemeName: string;
  /** The rater group (评估组, 专家组 …). */
  groupName: string;
  /** The reviewer whose entries are printed in, "" on a blank sheet. */
  reviewerName: string;
  /** Whether a reviewer's entries are printed in. */
  filled: boolean;
  max: string;
  /** The sheet's total (a total-only sheet's, or the engine's for complete entries), "" otherwise. */
  total: string;
  indicators: SheetRow[];
  /** The reviewer's findings not tied to an indicator (综合意见). */
  findings: Array<{ kind: string; text: string }>;
  /** The date the sheet was submitted, else "" (written by hand). */
  date: string;
}

function criteriaOf(plan: CompiledScheme, index: number): string {
  const source = plan.nodes[index]!.source;
  const method = source?.method;
  if (method === undefined) return source?.guidance ?? "";
  switch (method.type) {
    case "deductions":
      return method.rules.map((r) => r.text).join("；");
    case "checklist":
      return method.items.map((i) => i.text).join("；");
    case "levels":
      return method.levels.map((l) => l.name).join("／");
    default:
      return source?.guidance ?? "";
  }
}

interface Entries {
  /** Leaf code → the engine's explanation of the entry, when the sheet could be scored. */
  explained: Map<string, IndicatorExplanation>;
  /** Leaf code → a plain score typed in, when it could not. */
  typed: Map<string, string>;
  total: string;
}

/** Scores the reviewer's entries with the unit's data; an incomplete sheet keeps the scores typed in. */
function scoreEntries(
  plan: CompiledScheme,
  category: string | null,
  data: Record<string, FieldValue>,
  scores: Record<string, unknown>,
): Entries {
  try {
    const evaluation = evaluateUnits(
      plan,
      [
        {
          unit: "SHEET",
          ...(category !== null && plan.categoryMasks.has(category) ? { category } : {}),
          data,
          scores: scores as Record<string, LeafInput>,
        },
      ],
      { trace: true },
    );
    const e = explainUnit(evaluation, "SHEET");
    return {
      explained: new Map(e.indicators.map((i) => [i.code, i])),
      typed: new Map(),
      total: format(e.total, plan.places),
    };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const typed = new Map<string, string>();
    for (const [code, input] of Object.entries(scores)) {
      const score =
        typeof input === "object" && input !== null ? (input as { score?: unknown }).score : input;
      if (typeof score === "number" || (typeof score === "string" && /^\d+(\.\d+)?$/.test(score)))
        typed.set(code, String(score));
    }
    return { explained: new Map(), typed, total: "" };
  }
}

export async function loadScoreSheet(
  services: Services,
  actor: Actor,
  campaignId: string,
  organisationId: string,
): Promise<ScoreSheetModel> {
  const { db } = services;
  const campaign = await loadCampaign(db, campaignId);
  const unit = await loadUnit(services, campaignId, organisationId);
  const groups = await assignedGroups(services, actor, campaignId, organisationId);
  if (groups.length === 0 && !holds(actor, ["organiser", "viewer"], campaign.organiserPath))
    throw forbidden(
      "only the unit's assigned reviewers and the campaign's organisers / 仅限分配的评审专家和组织方",
    );
  const plan = campaign.scheme;
  const sheet =
    groups.length === 0
      ? undefined
      : await db
          .selectFrom("review_sheets")
          .innerJoin("users", "users.id", "review_sheets.user_id")
          .select([
            "review_sheets.group_code",
            "review_sheets.scores",
            "review_sheets.total",
            "review_sheets.submitted_at",
            "users.display_name",
          ])
          .where("review_sheets.campaign_id", "=", campaignId)
          .where("review_sheets.organisation_id", "=", organisationId)
          .where("review_sheets.user_id", "=", actor.userId)
          .orderBy("review_sheets.group_code")
          .executeTakeFirst();
  const groupCode = sheet?.group_code ?? groups[0] ?? groupCodes(plan)[0]!;
  const groupName = plan.raters?.groups.find((g) => g.code === groupCode)?.name ?? "评估组";
  const evaluation = await db
    .selectFrom("self_evaluations")
    .select(["id", "data"])
    .where("campaign_id", "=", campaignId)
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
  let entries: Entries = { explained: new Map(), typed: new Map(), total: "" };
  if (sheet !== undefined && evaluation !== undefined) {
    const tables = (await loadUnitTables(db, [evaluation.id])).get(evaluation.id) ?? {};
    const fed = (await loadFedValues(db, campaignId, [organisationId])).get(organisationId);
    const data = {
      ...(evaluation.data as Record<string, FieldValue>),
      ...tableFields(plan, tables),
      ...fed?.data,
    };
    entries = scoreEntries(plan, unit.category, data, sheet.scores);
  }
  if (sheet?.total != null) entries.total = normaliseDecimal(sheet.total);
  const findings =
    groups.length === 0
      ? []
      : await db
          .selectFrom("review_findings")
          .select(["indicator_code", "kind", "text"])
          .where("campaign_id", "=", campaignId)
          .where("organisation_id", "=", organisationId)
          .where("author_id", "=", actor.userId)
          .orderBy("created_at")
          .orderBy("id")
          .execute();
  const organiser = await db
    .selectFrom("organisations")
    .select("name")
    .where("id", "=", campaign.organiserId)
    .executeTakeFirstOrThrow();
  const findingsOf = (code: string) =>
    findings.filter((f) => f.indicator_code === code).map((f) => `${kindName(f.kind)}${f.text}`);
  return {
    title: "评审评分表",
    unitCode: unit.code,
    unitName: unit.name,
    campaignName: campaign.name,
    year: String(campaign.year),
    organiserName: organiser.name,
    schemeName: plan.definition.name,
    groupName,
    reviewerName: sheet?.display_name ?? "",
    filled: sheet !== undefined,
    max: formatShort(plan.nodes[plan.root]!.max),
    total: entries.total,
    indicators: indicatorsInOrder(plan, unitMask(plan, unit.category)).map((node) => {
      const ind = entries.explained.get(node.code);
      const score =
        ind === undefined
          ? (entries.typed.get(node.code) ?? "")
          : ind.notApplicable
            ? "—"
            : format(ind.score, plan.places);
      return {
        code: node.code,
        name: node.name,
        depth: node.depth,
        leaf: node.leaf >= 0,
        max: formatShort(node.max),
        criteria: criteriaOf(plan, node.index),
        score,
        reason: [ind === undefined ? "" : reasonOf(ind), ...findingsOf(node.code)]
          .filter((r) => r !== "")
          .join("；"),
      };
    }),
    findings: findings
      .filter((f) => f.indicator_code === null)
      .map((f) => ({ kind: kindName(f.kind), text: f.text })),
    date: sheet?.submitted_at == null ? "" : documentDate(new Date(sheet.submitted_at)),
  };
}

/** The finding's way of being found (听、看、查、访、议) or 问题, as a prefix. */
function kindName(kind: string): string {
  return kind === "problem" ? "问题：" : `（${kind}）`;
}
