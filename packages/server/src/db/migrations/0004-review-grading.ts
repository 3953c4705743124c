/**
 * Review, grading, publicity and results: what the first schema lacked. Forward-only, PostgreSQL 15.
 */
export const statements = [
  // The version of a campaign's reviewer assignment list (评审分工), so a replace-all carries the version it read.
  `create table review_plans (
    campaign_id uuid primary key references campaigns(id),
    version integer not null default 1
  )`,
  `alter table review_sheets add column submitted_at timestamptz`,
  // 加分: the bonus the organiser approved for a unit (the unit's claim stays on its self-evaluation).
  `create table approved_bonuses (
    campaign_id uuid not null references campaigns(id),
    organisation_id uuid not null references organisations(id),
    bonus jsonb not null default '{}',
    approved_by uuid references users(id),
    approved_at timestamptz not null,
    version integer not null default 1,
    primary key (campaign_id, organisation_id)
  )`,
  // Corrections made when an objection (异议) is upheld: base data and leaf inputs laid over the stored ones.
  `create table unit_corrections (
    campaign_id uuid not null references campaigns(id),
    organisation_id uuid not null references organisations(id),
    data jsonb not null default '{}',
    scores jsonb not null default '{}',
    version integer not null default 1,
    primary key (campaign_id, organisation_id)
  )`,
  // A run's results fingerprint, and the objection a corrected run answers.
  `alter table grading_runs add column results_hash text`,
  `alter table grading_runs add column objection_id uuid references objections(id)`,
  `create index review_assignments_user on review_assignments(user_id)`,
];
