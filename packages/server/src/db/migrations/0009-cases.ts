/**
 * 案件办理 (数字化城管 / 12345热线): case types owned by an organisation (their stages and time allowed as JSON,
 * checked by the core), cases dispatched to responsible units with their current stage and its deadline, every
 * action in an event table, and the mapping of a campaign's scheme fields to case measures (自动采集).
 * Forward-only, PostgreSQL 15.
 */
export const statements = [
  `create table case_types (
    id uuid primary key default gen_random_uuid(),
    owner_id uuid not null references organisations(id),
    code text not null,
    name text not null,
    definition jsonb not null,
    version integer not null default 1,
    created_by uuid references users(id),
    created_at timestamptz not null default now(),
    unique (owner_id, code)
  )`,
  `create table cases (
    id uuid primary key default gen_random_uuid(),
    case_type_id uuid not null references case_types(id),
    number text not null,
    title text not null,
    address text,
    details text,
    received_at timestamptz not null,
    unit_id uuid references organisations(id),
    stage_index integer not null default 0,
    stage_code text,
    stage_due_at timestamptz,
    due_at timestamptz not null,
    closed_at timestamptz,
    revisited boolean,
    finished_at timestamptz,
    version integer not null default 1,
    created_by uuid references users(id),
    created_at timestamptz not null default now(),
    unique (case_type_id, number)
  )`,
  // Rates group a type's cases received in a period by unit; a unit's list filters by unit.
  `create index cases_type_received on cases(case_type_id, received_at)`,
  `create index cases_unit_received on cases(unit_id, received_at)`,
  // Reminders read the open stages by deadline.
  `create index cases_open_due on cases(stage_due_at) where finished_at is null`,
  `create table case_events (
    id uuid primary key default gen_random_uuid(),
    case_id uuid not null references cases(id),
    at timestamptz not null,
    actor_id uuid references users(id),
    actor_name text not null,
    action text not null check (action in ('received', 'completed', 'returned')),
    stage_code text not null,
    to_stage_code text,
    unit_id uuid references organisations(id),
    revisited boolean,
    note text
  )`,
  `create index case_events_case on case_events(case_id, at)`,
  `create table campaign_case_feeds (
    campaign_id uuid not null references campaigns(id),
    field_code text not null,
    case_type_id uuid not null references case_types(id),
    measure text not null check (measure in
      ('received', 'closed', 'closed_on_time', 'revisited', 'close_rate', 'on_time_rate', 'revisit_rate')),
    period_from timestamptz not null,
    period_to timestamptz not null,
    primary key (campaign_id, field_code)
  )`,
];
