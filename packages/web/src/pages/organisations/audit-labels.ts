/**
 * How the audit trail names what the server recorded: actions, the kinds of thing acted on, and the fields of
 * the rows' before/after. Anything not listed (a newer server) is shown by its code.
 */
import type { MessageKey } from "../../i18n/dictionary.js";

/** The actions the server records (packages/server: every `w.audit({ action })`), named in the UI. */
export const AUDIT_ACTIONS = [
  "organisation.created",
  "organisation.updated",
  "user.created",
  "user.updated",
  "user.locked",
  "user.password_changed",
  "user.admin_restored",
  "scheme.created",
  "scheme_version.imported",
  "scheme_version.replaced",
  "campaign.created",
  "campaign.updated",
  "campaign.units_set",
  "campaign.raters_set",
  "campaign.started",
  "campaign.stage_advanced",
  "campaign.published",
  "self_evaluation.item_saved",
  "self_evaluation.data_saved",
  "self_evaluation.report_saved",
  "self_evaluation.table_saved",
  "self_evaluation.task_assigned",
  "self_evaluation.submitted",
  "self_evaluation.returned",
  "self_evaluation.accepted",
  "evidence.uploaded",
  "evidence.deleted",
  "review.assignments_replaced",
  "review.sheet_saved",
  "review.sheet_submitted",
  "review.finding_added",
  "sampling.drawn",
  "grading.bonus_approved",
  "grading.run_created",
  "publicity.opened",
  "publicity.changed",
  "publicity.objection_filed",
  "publicity.objection_decided",
  "publicity.sheet_corrected",
  "publicity.correction_applied",
] as const;

const ACTIONS = new Set<string>(AUDIT_ACTIONS);

/** The fields of audited rows that have a name in the UI; others show their key. */
const FIELDS = new Set([
  "code",
  "name",
  "kind",
  "category",
  "parentId",
  "username",
  "displayName",
  "disabled",
  "grants",
  "passwordReset",
  "ownerId",
  "label",
  "format",
  "sourceHash",
  "schemeId",
]);

const ENTITIES = new Set([
  "organisation",
  "user",
  "scheme",
  "scheme_version",
  "campaign",
  "self_evaluation",
  "self_evaluation_item",
  "base_data_table",
  "task_assignment",
  "evidence_file",
  "review_sheet",
  "review_finding",
  "sampling_draw",
  "approved_bonus",
  "grading_run",
  "publicity_period",
  "objection",
  "unit_correction",
]);

type Translate = (key: MessageKey) => string;

export const actionLabel = (t: Translate, action: string): string =>
  ACTIONS.has(action) ? t(`audit.action.${action}` as MessageKey) : action;

export const fieldLabel = (t: Translate, field: string): string => {
  if (field === "") return t("audit.value");
  return FIELDS.has(field) ? t(`audit.field.${field}` as MessageKey) : field;
};

/** The thing acted on: its kind, and for an item of something (`<id>:B5`) the item's code. */
export function entityLabel(t: Translate, type: string, id: string): string {
  const kind = ENTITIES.has(type) ? t(`audit.entity.${type}` as MessageKey) : type;
  const item = id.includes(":") ? id.slice(id.lastIndexOf(":") + 1) : "";
  return item === "" ? kind : `${kind} ${item}`;
}
