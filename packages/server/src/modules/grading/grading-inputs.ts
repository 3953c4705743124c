/**
 * Builds the engine's unit inputs for a campaign from what is stored, so a grading run can be recomputed and
 * checked at any time:
 * - unit = the organisation's code, name, category = campaign_units.category;
 * - data and scores = the self-evaluation (loadSelfEvaluationInputs), with corrections from upheld objections
 *   laid over them;
 * - ratings = the submitted review sheets of reviewers still assigned ({ rater: user id, group, total | scores });
 *   for a scheme without rater groups, the submitted `review` sheets' leaf inputs replace the self-scores leaf by
 *   leaf (two reviewers giving one leaf different inputs is refused);
 * - bonus = the organiser's approved bonus (a claim that was not approved counts nothing);
 * - history = the unit's published grades of earlier years for the same scheme code.
 * Units come sorted by code and ratings by group and rater, so equal stored data gives equal inputs.
 */
import { createHash } from "node:crypto";
import type { FieldValue, LeafInput, Rating, UnitInputData } from "@kaoping/core";
import { canonicalJson } from "../../audit/canonical-json.js";
import type { Db } from "../../db/open-database.js";
import { AppError, type ErrorDetail } from "../../errors.js";
import type { CampaignContext } from "../campaigns/campaign-context.js";
import { REVIEW_GROUP } from "../review/review-rules.js";
import { normaliseDecimal } from "../review/review-sheets.js";
import { loadSelfEvaluationInputs } from "../self-evaluations/self-evaluation-inputs.js";

export interface GradingInputs {
  schemeVersionId: string;
  year: number;
  units: UnitInputData[];
  /** Unit code → organisation id. */
  organisationIds: Record<string, string>;
}

export const sha256Hex = (text: string): string => createHash("sha256").update(text).digest("hex");
export const hashOf = (value: unknown): string => sha256Hex(canonicalJson(value));

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Every evaluated unit's inputs, or only `organisationId`'s (a unit's provisional reviewed score, before grading). */
export async function buildGradingInputs(
  db: Db,
  campaign: CampaignContext,
  organisationId?: string,
): Promise<GradingInputs> {
  const units = await db
    .selectFrom("campaign_units")
    .innerJoin("organisations", "organisations.id", "campaign_units.organisation_id")
    .select(["organisations.id", "organisations.code", "organisations.name", "campaign_units.category"])
    .where("campaign_units.campaign_id", "=", campaign.id)
    .where("campaign_units.role", "=", "evaluated")
    .$if(organisationId !== undefined, (q) => q.where("campaign_units.organisation_id", "=", organisationId!))
    .execute();
  units.sort((a, b) => byCode(a.code, b.code));
  const selfInputs = await loadSelfEvaluationInputs(db, campaign.id);
  const problems: ErrorDetail[] = [];
  for (const u of units) {
    const status = selfInputs.get(u.id)?.status;
    if (status !== "submitted" && status !== "accepted") {
      problems.push({ path: `units.${u.code}`, message: `${u.name} has not submitted its self-evaluation` });
    }
  }
  if (problems.length > 0) throw new AppError("incomplete", problems);

  const corrections = new Map(
    (
      await db
        .selectFrom("unit_corrections")
        .select(["organisation_id", "data", "scores"])
        .where("campaign_id", "=", campaign.id)
        .execute()
    ).map((c) => [c.organisation_id, c]),
  );
  const bonuses = new Map(
    (
      await db
        .selectFrom("approved_bonuses")
        .select(["organisation_id", "bonus"])
        .where("campaign_id", "=", campaign.id)
        .execute()
    ).map((b) => [b.organisation_id, b.bonus]),
  );
  const sheets = await db
    .selectFrom("review_sheets as s")
    .innerJoin("review_assignments as a", (join) =>
      join
        .onRef("a.campaign_id", "=", "s.campaign_id")
        .onRef("a.organisation_id", "=", "s.organisation_id")
        .onRef("a.user_id", "=", "s.user_id")
        .onRef("a.group_code", "=", "s.group_code"),
    )
    .select(["s.organisation_id", "s.user_id", "s.group_code", "s.scores", "s.total"])
    .where("s.campaign_id", "=", campaign.id)
    .where("s.submitted", "=", true)
    .execute();
  sheets.sort((a, b) => byCode(a.group_code, b.group_code) || byCode(a.user_id, b.user_id));
  const history = await db
    .selectFrom("unit_results")
    .select(["organisation_id", "year", "grade"])
    .where("scheme_code", "=", campaign.schemeCode)
    .where("year", "<", campaign.year)
    .where("grade", "is not", null)
    .where(
      "organisation_id",
      "in",
      units.length === 0 ? ["00000000-0000-0000-0000-000000000000"] : units.map((u) => u.id),
    )
    .orderBy("year")
    .execute();

  const raters = campaign.scheme.raters;
  const inputs: UnitInputData[] = units.map((u) => {
    const self = selfInputs.get(u.id)!;
    const correction = corrections.get(u.id);
    const data: Record<string, FieldValue> = {
      ...self.data,
      ...((correction?.data ?? {}) as Record<string, FieldValue>),
    };
    let scores: Record<string, LeafInput> = { ...self.scores };
    const ratings: Rating[] = [];
    const unitSheets = sheets.filter((s) => s.organisation_id === u.id);
    if (raters === null) {
      const given = new Map<string, string>();
      for (const sheet of unitSheets.filter((s) => s.group_code === REVIEW_GROUP)) {
        for (const [leaf, input] of Object.entries(sheet.scores as Record<string, LeafInput>)) {
          const before = given.get(leaf);
          if (before !== undefined && before !== canonicalJson(input)) {
            problems.push({
              path: `units.${u.code}.review.${leaf}`,
              message: "reviewers gave different inputs for this indicator; agree one sheet / 评审意见不一致",
            });
          }
          given.set(leaf, canonicalJson(input));
          scores[leaf] = input;
        }
      }
    } else {
      for (const sheet of unitSheets) {
        const rating: Rating = { rater: sheet.user_id, group: sheet.group_code };
        if (raters.scope === "total" && sheet.total !== null) rating.total = normaliseDecimal(sheet.total);
        else rating.scores = sheet.scores as Record<string, LeafInput>;
        ratings.push(rating);
      }
    }
    scores = { ...scores, ...((correction?.scores ?? {}) as Record<string, LeafInput>) };
    const unit: UnitInputData = {
      unit: u.code,
      name: u.name,
      data,
      scores,
      bonus: bonuses.get(u.id) ?? {},
      ratings,
      history: history
        .filter((h) => h.organisation_id === u.id)
        .map((h) => ({ year: h.year, grade: h.grade! })),
    };
    if (u.category !== null) unit.category = u.category;
    return unit;
  });
  if (problems.length > 0) throw new AppError("incomplete", problems);
  return {
    schemeVersionId: campaign.schemeVersionId,
    year: campaign.year,
    units: inputs,
    organisationIds: Object.fromEntries(units.map((u) => [u.code, u.id])),
  };
}
