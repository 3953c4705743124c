/**
 * The campaign wizard's pure rules: the stage list and its checks, the unit categories guessed from the
 * organisation tree, the rater weights' sum, and where a server error belongs (which step, which field).
 */
import type { Dayjs } from "dayjs";
import type { ApiError } from "../../api/errors.js";
import type { paths } from "../../api/schema.js";

type CreateBody = NonNullable<
  paths["/api/v1/campaigns"]["post"]["requestBody"]
>["content"]["application/json"];
export type StageInput = CreateBody["stages"][number];
export type StageCode = StageInput["stage"];
export type UnitInput = CreateBody["units"][number];

/** Every stage a campaign may use, in the only order the server accepts. */
export const STAGE_CODES: readonly StageCode[] = [
  "deploy",
  "self_evaluation",
  "preliminary",
  "review",
  "social",
  "grading",
  "publicity",
  "feedback",
  "rectification",
  "recheck",
];

/** The usual 考评 timeline, offered until the organiser chooses otherwise. */
export const DEFAULT_STAGES: readonly StageCode[] = [
  "deploy",
  "self_evaluation",
  "preliminary",
  "review",
  "grading",
  "publicity",
  "feedback",
];

export interface StageRow {
  stage: StageCode;
  enabled: boolean;
  startsAt: Dayjs | null;
  deadline: Dayjs | null;
}

export type StageProblem =
  | "wizard.stages.deadlineRequired"
  | "wizard.stages.startAfterDeadline"
  | "wizard.stages.deadlineOrder";

/** What is wrong with one field of an enabled stage row, checked against the rows before it. */
export function stageProblem(rows: readonly StageRow[], index: number, field: "startsAt" | "deadline") {
  const row = rows[index];
  if (row === undefined || !row.enabled) return null;
  if (field === "startsAt")
    return row.startsAt !== null && row.deadline !== null && row.startsAt.isAfter(row.deadline, "day")
      ? ("wizard.stages.startAfterDeadline" satisfies StageProblem)
      : null;
  if (row.deadline === null) return "wizard.stages.deadlineRequired" satisfies StageProblem;
  const previous = rows
    .slice(0, index)
    .filter((r) => r.enabled && r.deadline !== null)
    .at(-1);
  return previous?.deadline && row.deadline.isBefore(previous.deadline, "day")
    ? ("wizard.stages.deadlineOrder" satisfies StageProblem)
    : null;
}

/** Stage rows for every known stage from the campaign's stages (or the default timeline). */
export function stageRows(
  stages: ReadonlyArray<{ stage: string; startsAt: string | null; deadline: string | null }> | null,
  toDate: (iso: string) => Dayjs,
): StageRow[] {
  return STAGE_CODES.map((stage) => {
    const found = stages?.find((s) => s.stage === stage);
    return {
      stage,
      enabled: stages === null ? DEFAULT_STAGES.includes(stage) : found !== undefined,
      startsAt: found?.startsAt ? toDate(found.startsAt) : null,
      deadline: found?.deadline ? toDate(found.deadline) : null,
    };
  });
}

/**
 * The enabled rows as the API takes them (a stage starts at the beginning of its first day and ends at the end
 * of its deadline's day), and for each one sent, the row it came from (server errors name the sent index).
 */
export function stagesBody(rows: readonly StageRow[]): { stages: StageInput[]; rowOf: number[] } {
  const stages: StageInput[] = [];
  const rowOf: number[] = [];
  rows.forEach((row, i) => {
    if (!row.enabled) return;
    stages.push({
      stage: row.stage,
      startsAt: row.startsAt?.startOf("day").toISOString() ?? null,
      deadline: row.deadline?.endOf("day").toISOString() ?? null,
    });
    rowOf.push(i);
  });
  return { stages, rowOf };
}

const bare = (text: string) => text.replace(/[()（）\s]/g, "");

/**
 * The scheme category an organisation most likely belongs to: its own category when that is one of the scheme's
 * codes or names, or the one scheme category whose name contains it (乡镇 → 乡(镇)工会工作委员会).
 */
export function guessCategory(
  organisationCategory: string | null,
  categories: ReadonlyArray<{ code: string; name: string }>,
): string | null {
  if (organisationCategory === null || categories.length === 0) return null;
  const own = bare(organisationCategory);
  const exact = categories.find((c) => c.code === organisationCategory || bare(c.name) === own);
  if (exact !== undefined) return exact.code;
  const containing = categories.filter((c) => bare(c.name).includes(own));
  return containing.length === 1 ? containing[0]!.code : null;
}

/** The exact sum of decimal weights ("0.4" + "0.3" + "0.3" = "1"), without binary floating point. */
export function weightSum(weights: readonly string[]): string {
  const places = Math.max(0, ...weights.map((w) => w.split(".")[1]?.length ?? 0));
  const scale = 10n ** BigInt(places);
  const units = weights.reduce((sum, w) => {
    const [whole = "0", fraction = ""] = w.split(".");
    const sign = whole.startsWith("-") ? -1n : 1n;
    return (
      sum + sign * (BigInt(whole.replace("-", "")) * scale + BigInt(fraction.padEnd(places, "0") || "0"))
    );
  }, 0n);
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const fraction = places === 0 ? "" : (abs % scale).toString().padStart(places, "0").replace(/0+$/, "");
  return `${negative ? "-" : ""}${abs / scale}${fraction === "" ? "" : `.${fraction}`}`;
}

export const WIZARD_STEPS = ["basics", "units", "stages", "raters", "review"] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

/** The step a request field belongs to (`body.units.2.category` → units; `stages` from the start check). */
export function stepOfPath(path: string): WizardStep | null {
  const first = path.replace(/^body\./, "").split(".")[0] ?? "";
  if (["name", "year", "organiserId", "schemeVersionId", "settings"].includes(first)) return "basics";
  if (first === "units") return "units";
  if (first === "stages") return "stages";
  if (first === "groups") return "raters";
  return null;
}

/** The step where an error should be shown: that of its first detail naming one, else the current step. */
export function stepOfError(error: ApiError, current: WizardStep): WizardStep {
  for (const detail of error.details) {
    const step = stepOfPath(detail.path);
    if (step !== null) return step;
  }
  return current;
}

export type FieldName = (string | number)[];

/**
 * An error's details as form field errors: each path (`units.0.category`) is given to `resolve`, which names the
 * form field to show it at, or null to leave it for the step's alert.
 */
export function fieldErrorsOf(
  error: ApiError,
  resolve: (segments: FieldName) => FieldName | null,
): { fields: Array<{ name: FieldName; errors: string[] }>; rest: string[] } {
  const byField = new Map<string, { name: FieldName; errors: string[] }>();
  const rest: string[] = [];
  for (const detail of error.details) {
    const segments = detail.path
      .replace(/^body\./, "")
      .split(".")
      .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    const name = resolve(segments);
    if (name === null) {
      rest.push(detail.message);
      continue;
    }
    const key = name.join(".");
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(detail.message);
    byField.set(key, entry);
  }
  return { fields: [...byField.values()], rest };
}

/** Where a reopened draft continues: the first step still missing something, else the review. */
export function resumeStep(draft: {
  unitCount: number;
  stages: ReadonlyArray<{ deadline: string | null }>;
  raterGroups: ReadonlyArray<{ members: readonly unknown[] }>;
}): WizardStep {
  if (draft.unitCount === 0) return "units";
  if (draft.stages.some((s) => s.deadline === null)) return "stages";
  if (draft.raterGroups.some((g) => g.members.length === 0)) return "raters";
  return "review";
}
