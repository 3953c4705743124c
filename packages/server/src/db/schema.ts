/** The database's tables as Kysely sees them; kept in step with the migrations by the database tests. */
import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T = unknown> = ColumnType<T, string, string>;
/** numeric comes back as an exact decimal string and is written as one. */
type Numeric = ColumnType<string, string, string>;

export type Role =
  | "admin"
  | "organiser"
  | "unit_head"
  | "unit_staff"
  | "department_staff"
  | "reviewer"
  | "viewer";
export type CampaignStatus = "draft" | "running" | "published";
export type SelfEvaluationStatus = "draft" | "submitted" | "returned" | "accepted";

export interface OrganisationTable {
  id: Generated<string>;
  parent_id: string | null;
  path: string;
  code: string;
  name: string;
  kind: string;
  category: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
}

export interface UserTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  password_hash: string;
  organisation_id: string | null;
  disabled: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  password_changed_at: Timestamp | null;
  version: Generated<number>;
  created_at: CreatedAt;
  /** Where reminders are mailed (提醒邮件); none: in-app only. */
  email: string | null;
}

export interface RoleGrantTable {
  id: Generated<string>;
  user_id: string;
  role: Role;
  organisation_id: string | null;
}

export interface SessionTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface SchemeTable {
  id: Generated<string>;
  code: string;
  name: string;
  owner_id: string;
  created_at: CreatedAt;
}

export interface SchemeVersionTable {
  id: Generated<string>;
  scheme_id: string;
  label: string;
  format: "yaml" | "json" | "xlsx";
  source: string;
  definition: Json;
  source_hash: string;
  frozen: Generated<boolean>;
  version: Generated<number>;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface CampaignTable {
  id: Generated<string>;
  organiser_id: string;
  name: string;
  year: number;
  scheme_version_id: string;
  status: Generated<CampaignStatus>;
  settings: Json<Record<string, unknown>>;
  version: Generated<number>;
  created_by: string | null;
  created_at: CreatedAt;
  published_at: Timestamp | null;
  /** 回头看: the earlier campaign this one follows up. */
  follow_up_of: Generated<string | null>;
}

export interface CampaignStageTable {
  campaign_id: string;
  stage: string;
  position: number;
  starts_at: Timestamp | null;
  deadline: Timestamp | null;
  opened_at: Timestamp | null;
  closed_at: Timestamp | null;
}

export interface CampaignUnitTable {
  campaign_id: string;
  organisation_id: string;
  role: Generated<"evaluated" | "reporting">;
  category: string | null;
  unit_group: string | null;
}

export interface RaterMemberTable {
  campaign_id: string;
  group_code: string;
  user_id: string;
}

export interface ReviewAssignmentTable {
  campaign_id: string;
  user_id: string;
  group_code: string;
  organisation_id: string;
}

export interface SelfEvaluationTable {
  id: Generated<string>;
  campaign_id: string;
  organisation_id: string;
  status: Generated<SelfEvaluationStatus>;
  /** The report's free text: 基本情况, 存在问题, 整改措施与下一步打算. */
  report: Json<Record<string, string>>;
  /** Base data fields (field code → value) the scheme's formulas read. */
  data: Json<Record<string, unknown>>;
  /** Bonus points claimed per bonus item (approved by the organiser before grading). */
  bonus: Json<Record<string, string>>;
  returned_reason: string | null;
  submitted_at: Timestamp | null;
  submissions: Generated<number>;
  version: Generated<number>;
}

export interface SelfEvaluationItemTable {
  self_evaluation_id: string;
  indicator_code: string;
  input: Json | null;
  narrative: Generated<string>;
  version: Generated<number>;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface TaskAssignmentTable {
  self_evaluation_id: string;
  target: string;
  department_id: string | null;
  person: string | null;
  deadline: Timestamp | null;
  version: Generated<number>;
}

export interface BaseDataRowTable {
  self_evaluation_id: string;
  table_code: string;
  row_key: string;
  cells: Json<Record<string, unknown>>;
  version: Generated<number>;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface BaseDataTableTable {
  self_evaluation_id: string;
  table_code: string;
  version: Generated<number>;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface EvidenceBlobTable {
  sha256: string;
  size: number;
  content_type: string;
  created_at: CreatedAt;
}

export interface EvidenceFileTable {
  id: Generated<string>;
  self_evaluation_id: string;
  indicator_code: string;
  sha256: string;
  original_name: string;
  uploaded_by: string | null;
  uploaded_at: Generated<Date>;
}

export interface ReviewSheetTable {
  id: Generated<string>;
  campaign_id: string;
  organisation_id: string;
  user_id: string;
  group_code: string;
  scores: Json<Record<string, unknown>>;
  total: Numeric | null;
  submitted: Generated<boolean>;
  version: Generated<number>;
  updated_at: Generated<Date>;
  submitted_at: Timestamp | null;
}

export interface ReviewFindingTable {
  id: Generated<string>;
  campaign_id: string;
  organisation_id: string;
  indicator_code: string | null;
  kind: Generated<string>;
  text: string;
  author_id: string | null;
  created_at: CreatedAt;
}

export interface SamplingDrawTable {
  id: Generated<string>;
  campaign_id: string;
  seed: string;
  request: Json;
  result: Json;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface GradingRunTable {
  id: Generated<string>;
  campaign_id: string;
  number: number;
  scheme_version_id: string;
  inputs_hash: string;
  inputs: Json;
  results: Json;
  reason: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  results_hash: string | null;
  objection_id: string | null;
}

export interface ReviewPlanTable {
  campaign_id: string;
  version: Generated<number>;
}

export interface ApprovedBonusTable {
  campaign_id: string;
  organisation_id: string;
  bonus: Json<Record<string, string>>;
  approved_by: string | null;
  approved_at: Timestamp;
  version: Generated<number>;
}

export interface UnitCorrectionTable {
  campaign_id: string;
  organisation_id: string;
  data: Json<Record<string, unknown>>;
  scores: Json<Record<string, unknown>>;
  version: Generated<number>;
}

export interface PublicityPeriodTable {
  campaign_id: string;
  run_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  version: Generated<number>;
}

export interface ObjectionTable {
  id: Generated<string>;
  campaign_id: string;
  organisation_id: string;
  filed_by: string | null;
  filer_name: string | null;
  filer_contact: string | null;
  reason: string;
  status: Generated<"pending" | "upheld" | "rejected">;
  decision_reason: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  corrected_run_id: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
}

export interface UnitResultTable {
  campaign_id: string;
  organisation_id: string;
  scheme_code: string;
  year: number;
  total: Numeric;
  grade: string | null;
  rank: number | null;
  published_at: Timestamp;
}

export interface AuditLogTable {
  seq: number;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string;
  organisation_id: string | null;
  campaign_id: string | null;
  before: Json | null;
  after: Json | null;
  prev_hash: string;
  hash: string;
}

/** 文书模板: an organisation's own .docx template for a document kind. */
export interface DocumentTemplateTable {
  organisation_id: string;
  kind: string;
  sha256: string;
  size: number;
  file_name: string;
  uploaded_by: string | null;
  uploaded_at: Timestamp;
}

export type JobKind = "documents" | "archives";
export type JobStatus =
  | "queued"
  | "running"
  | "succeeded"
  | "completed_with_failures"
  | "failed"
  | "cancelled";
export type JobItemStatus = "pending" | "running" | "done" | "failed";

/** 批量任务: documents or archives for many units, run by the server's worker. */
export interface JobTable {
  id: Generated<string>;
  campaign_id: string;
  kind: JobKind;
  document_kind: string | null;
  status: Generated<JobStatus>;
  total: number;
  done: Generated<number>;
  failed: Generated<number>;
  error: string | null;
  /** The worker (one server process) holding the job while it runs. */
  worker: string | null;
  heartbeat_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  result_sha256: string | null;
  result_size: number | null;
  result_name: string | null;
}

/** One unit of a job, with its outcome. */
export interface JobItemTable {
  job_id: string;
  position: number;
  organisation_id: string;
  status: Generated<JobItemStatus>;
  claimed_by: string | null;
  error: string | null;
  output_sha256: string | null;
  output_name: string | null;
  finished_at: Timestamp | null;
}

export type ReminderKind = "approaching" | "missed" | "escalated" | "digest";

export interface NotificationTable {
  id: Generated<string>;
  user_id: string;
  deadline_key: string;
  source_kind: string;
  reminder: ReminderKind;
  due_at: Timestamp;
  title: string;
  body: string;
  link: string;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface NotificationMailTable {
  id: Generated<string>;
  notification_id: string;
  address: string;
  subject: string;
  status: "sent" | "failed";
  error: string | null;
  attempted_at: Timestamp;
}

export type RectificationItemStatus = "pending" | "in_progress" | "reported" | "verified" | "closed";

/** 整改事项 */
export interface RectificationItemTable {
  id: Generated<string>;
  campaign_id: string;
  organisation_id: string;
  source: "review" | "feedback" | "inspection" | "recheck";
  indicator_code: string | null;
  problem: string;
  target: string | null;
  measures: string | null;
  deadline: Timestamp;
  responsible_person: string | null;
  status: Generated<RectificationItemStatus>;
  last_verdict: "passed" | "failed" | "partial" | null;
  reported_at: Timestamp | null;
  relapse_of: string | null;
  recheck_verdict: "held" | "relapsed" | null;
  recheck_reason: string | null;
  recheck_campaign_id: string | null;
  rechecked_at: Timestamp | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RectificationEventTable {
  id: Generated<string>;
  /** The order events happened in, even within one instant. */
  seq: Generated<string>;
  item_id: string;
  action: string;
  from_status: string | null;
  to_status: string;
  verdict: string | null;
  reason: string | null;
  actor_id: string | null;
  actor_name: string;
  at: Timestamp;
}

export interface RectificationEvidenceTable {
  id: Generated<string>;
  item_id: string;
  sha256: string;
  original_name: string;
  uploaded_by: string | null;
  uploaded_at: Timestamp;
}

/** 满意度调查: the questionnaire, groups, quotas and sample rule are one JSON definition (see @kaoping/core). */
export interface SurveyTable {
  id: Generated<string>;
  campaign_id: string;
  definition: Json<Record<string, unknown>>;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
}

/** A unit the survey judges; `population` typed when the survey reads it from no base-data field. */
export interface SurveyUnitTable {
  survey_id: string;
  organisation_id: string;
  population: number | null;
}

/** A one-time link: only the token's SHA-256 is kept. */
export interface SurveyTokenTable {
  id: Generated<string>;
  survey_id: string;
  organisation_id: string;
  group_code: string;
  token_hash: string;
  created_at: Timestamp;
  used_at: Timestamp | null;
}

/** An anonymous response: the unit and group it counts for, nothing about the respondent or the token. */
export interface SurveyResponseTable {
  id: Generated<string>;
  survey_id: string;
  organisation_id: string;
  group_code: string;
  answers: Json<Record<string, unknown>>;
}

/** 案件类型: the stages are a JSON definition checked by @kaoping/core (CaseTypeDefinition). */
export interface CaseTypeTable {
  id: Generated<string>;
  owner_id: string;
  code: string;
  name: string;
  definition: Json<Record<string, unknown>>;
  version: Generated<number>;
  created_by: string | null;
  created_at: CreatedAt;
}

/** 案件: the current stage (`stage_index` past the last once finished), its deadline and the case's own. */
export interface CaseTable {
  id: Generated<string>;
  case_type_id: string;
  number: string;
  title: string;
  address: string | null;
  details: string | null;
  received_at: Timestamp;
  unit_id: string | null;
  stage_index: Generated<number>;
  stage_code: string | null;
  stage_due_at: Timestamp | null;
  due_at: Timestamp;
  closed_at: Timestamp | null;
  revisited: boolean | null;
  finished_at: Timestamp | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface CaseEventTable {
  id: Generated<string>;
  case_id: string;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string;
  action: "received" | "completed" | "returned";
  stage_code: string;
  to_stage_code: string | null;
  unit_id: string | null;
  revisited: boolean | null;
  note: string | null;
}

/** A campaign's scheme field fed from a case type's measure over a period (自动采集). */
export interface CampaignCaseFeedTable {
  campaign_id: string;
  field_code: string;
  case_type_id: string;
  measure:
    | "received"
    | "closed"
    | "closed_on_time"
    | "revisited"
    | "close_rate"
    | "on_time_rate"
    | "revisit_rate";
  period_from: Timestamp;
  period_to: Timestamp;
}

export interface Database {
  organisations: OrganisationTable;
  case_types: CaseTypeTable;
  cases: CaseTable;
  case_events: CaseEventTable;
  campaign_case_feeds: CampaignCaseFeedTable;
  users: UserTable;
  role_grants: RoleGrantTable;
  sessions: SessionTable;
  schemes: SchemeTable;
  scheme_versions: SchemeVersionTable;
  campaigns: CampaignTable;
  campaign_stages: CampaignStageTable;
  campaign_units: CampaignUnitTable;
  rater_members: RaterMemberTable;
  review_assignments: ReviewAssignmentTable;
  self_evaluations: SelfEvaluationTable;
  self_evaluation_items: SelfEvaluationItemTable;
  task_assignments: TaskAssignmentTable;
  base_data_rows: BaseDataRowTable;
  base_data_tables: BaseDataTableTable;
  evidence_blobs: EvidenceBlobTable;
  evidence_files: EvidenceFileTable;
  review_sheets: ReviewSheetTable;
  review_findings: ReviewFindingTable;
  sampling_draws: SamplingDrawTable;
  grading_runs: GradingRunTable;
  publicity_periods: PublicityPeriodTable;
  objections: ObjectionTable;
  unit_results: UnitResultTable;
  audit_log: AuditLogTable;
  review_plans: ReviewPlanTable;
  approved_bonuses: ApprovedBonusTable;
  unit_corrections: UnitCorrectionTable;
  document_templates: DocumentTemplateTable;
  jobs: JobTable;
  job_items: JobItemTable;
  surveys: SurveyTable;
  survey_units: SurveyUnitTable;
  survey_tokens: SurveyTokenTable;
  survey_responses: SurveyResponseTable;
  rectification_items: RectificationItemTable;
  rectification_events: RectificationEventTable;
  rectification_evidence: RectificationEvidenceTable;
  notifications: NotificationTable;
  notification_mails: NotificationMailTable;
}

export type Organisation = Selectable<OrganisationTable>;
export type User = Selectable<UserTable>;
export type NewOrganisation = Insertable<OrganisationTable>;
