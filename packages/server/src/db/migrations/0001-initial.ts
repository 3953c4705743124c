/**
 * The first schema. Migrations are forward-only and versioned by their file name; a released migration is never
 * edited, a change is a new file. Everything here stays within PostgreSQL 15 (the servers we support) although
 * PGlite embeds a newer one.
 */
export const statements = [
  // 组织机构: any depth; `path` is the chain of ids from the root ("/a/b/c/") so a subtree is a prefix match.
  `create table organisations (
    id uuid primary key default gen_random_uuid(),
    parent_id uuid references organisations(id),
    path text not null unique,
    code text not null unique,
    name text not null,
    kind text not null,
    category text,
    version integer not null default 1,
    created_at timestamptz not null default now()
  )`,
  `create index organisations_parent on organisations(parent_id)`,
  `create index organisations_path on organisations(path text_pattern_ops)`,

  `create table users (
    id uuid primary key default gen_random_uuid(),
    username text not null unique,
    display_name text not null,
    password_hash text not null,
    organisation_id uuid references organisations(id),
    disabled boolean not null default false,
    failed_logins integer not null default 0,
    locked_until timestamptz,
    password_changed_at timestamptz,
    version integer not null default 1,
    created_at timestamptz not null default now()
  )`,
  // A role held over an organisation subtree; a system admin's grant has no organisation.
  `create table role_grants (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references users(id),
    role text not null check (role in
      ('admin','organiser','unit_head','unit_staff','department_staff','reviewer','viewer')),
    organisation_id uuid references organisations(id),
    unique (user_id, role, organisation_id)
  )`,
  `create table sessions (
    token_hash text primary key,
    user_id uuid not null references users(id),
    csrf_token text not null,
    created_at timestamptz not null,
    expires_at timestamptz not null
  )`,
  `create index sessions_user on sessions(user_id)`,

  // 指标体系: a scheme and its versions; a version is frozen once a campaign uses it.
  `create table schemes (
    id uuid primary key default gen_random_uuid(),
    code text not null,
    name text not null,
    owner_id uuid not null references organisations(id),
    created_at timestamptz not null default now(),
    unique (owner_id, code)
  )`,
  `create table scheme_versions (
    id uuid primary key default gen_random_uuid(),
    scheme_id uuid not null references schemes(id),
    label text not null,
    format text not null check (format in ('yaml','json','xlsx')),
    source text not null,
    definition jsonb not null,
    source_hash text not null,
    frozen boolean not null default false,
    version integer not null default 1,
    created_by uuid references users(id),
    created_at timestamptz not null default now(),
    unique (scheme_id, label)
  )`,

  // 考评活动
  `create table campaigns (
    id uuid primary key default gen_random_uuid(),
    organiser_id uuid not null references organisations(id),
    name text not null,
    year integer not null,
    scheme_version_id uuid not null references scheme_versions(id),
    status text not null default 'draft' check (status in ('draft','running','published')),
    settings jsonb not null default '{}',
    version integer not null default 1,
    created_by uuid references users(id),
    created_at timestamptz not null default now(),
    published_at timestamptz
  )`,
  `create table campaign_stages (
    campaign_id uuid not null references campaigns(id),
    stage text not null,
    position integer not null,
    starts_at timestamptz,
    deadline timestamptz,
    opened_at timestamptz,
    closed_at timestamptz,
    primary key (campaign_id, stage),
    unique (campaign_id, position)
  )`,
  // role: 'evaluated' units are scored; 'reporting' units only file base data (a township reporting to its county).
  `create table campaign_units (
    campaign_id uuid not null references campaigns(id),
    organisation_id uuid not null references organisations(id),
    role text not null default 'evaluated' check (role in ('evaluated','reporting')),
    category text,
    unit_group text,
    primary key (campaign_id, organisation_id)
  )`,
  `create table rater_members (
    campaign_id uuid not null references campaigns(id),
    group_code text not null,
    user_id uuid not null references users(id),
    primary key (campaign_id, group_code, user_id)
  )`,
  `create table review_assignments (
    campaign_id uuid not null references campaigns(id),
    user_id uuid not null references users(id),
    group_code text not null,
    organisation_id uuid not null references organisations(id),
    primary key (campaign_id, user_id, group_code, organisation_id)
  )`,

  // 自评
  `create table self_evaluations (
    id uuid primary key default gen_random_uuid(),
    campaign_id uuid not null references campaigns(id),
    organisation_id uuid not null references organisations(id),
    status text not null default 'draft' check (status in ('draft','submitted','returned','accepted')),
    report jsonb not null default '{}',
    data jsonb not null default '{}',
    bonus jsonb not null default '{}',
    returned_reason text,
    submitted_at timestamptz,
    submissions integer not null default 0,
    version integer not null default 1,
    unique (campaign_id, organisation_id)
  )`,
  `create table self_evaluation_items (
    self_evaluation_id uuid not null references self_evaluations(id),
    indicator_code text not null,
    input jsonb,
    narrative text not null default '',
    version integer not null default 1,
    updated_by uuid references users(id),
    updated_at timestamptz not null default now(),
    primary key (self_evaluation_id, indicator_code)
  )`,
  // 任务分解: an indicator (or a base-data table, target 'table:CODE') given to a responsible department.
  `create table task_assignments (
    self_evaluation_id uuid not null references self_evaluations(id),
    target text not null,
    department_id uuid references organisations(id),
    person text,
    deadline timestamptz,
    version integer not null default 1,
    primary key (self_evaluation_id, target)
  )`,
  `create table base_data_rows (
    self_evaluation_id uuid not null references self_evaluations(id),
    table_code text not null,
    row_key text not null,
    cells jsonb not null,
    version integer not null default 1,
    updated_by uuid references users(id),
    updated_at timestamptz not null default now(),
    primary key (self_evaluation_id, table_code, row_key)
  )`,

  // 佐证材料: blobs by content hash, stored once; links give them a name and a place.
  `create table evidence_blobs (
    sha256 text primary key,
    size bigint not null,
    content_type text not null,
    created_at timestamptz not null default now()
  )`,
  `create table evidence_files (
    id uuid primary key default gen_random_uuid(),
    self_evaluation_id uuid not null references self_evaluations(id),
    indicator_code text not null,
    sha256 text not null references evidence_blobs(sha256),
    original_name text not null,
    uploaded_by uuid references users(id),
    uploaded_at timestamptz not null default now()
  )`,
  `create index evidence_files_evaluation on evidence_files(self_evaluation_id, indicator_code)`,

  // 评审
  `create table review_sheets (
    id uuid primary key default gen_random_uuid(),
    campaign_id uuid not null references campaigns(id),
    organisation_id uuid not null references organisations(id),
    user_id uuid not null references users(id),
    group_code text not null,
    scores jsonb not null default '{}',
    total numeric,
    submitted boolean not null default false,
    version integer not null default 1,
    updated_at timestamptz not null default now(),
    unique (campaign_id, organisation_id, user_id, group_code)
  )`,
  `create table review_findings (
    id uuid primary key default gen_random_uuid(),
    campaign_id uuid not null references campaigns(id),
    organisation_id uuid not null references organisations(id),
    indicator_code text,
    kind text not null default 'finding',
    text text not null,
    author_id uuid references users(id),
    created_at timestamptz not null default now()
  )`,
  `create table sampling_draws (
    id uuid primary key default gen_random_uuid(),
    campaign_id uuid not null references campaigns(id),
    seed text not null,
    request jsonb not null,
    result jsonb not null,
    created_by uuid references users(id),
    created_at timestamptz not null default now()
  )`,

  // 汇总定级: runs are immutable (a trigger below refuses updates and deletes).
  `create table grading_runs (
    id uuid primary key default gen_random_uuid(),
    campaign_id uuid not null references campaigns(id),
    number integer not null,
    scheme_version_id uuid not null references scheme_versions(id),
    inputs_hash text not null,
    inputs jsonb not null,
    results jsonb not null,
    reason text,
    created_by uuid references users(id),
    created_at timestamptz not null default now(),
    unique (campaign_id, number)
  )`,
  // 公示 and 异议
  `create table publicity_periods (
    campaign_id uuid primary key references campaigns(id),
    run_id uuid not null references grading_runs(id),
    starts_at timestamptz not null,
    ends_at timestamptz not null,
    version integer not null default 1
  )`,
  `create table objections (
    id uuid primary key default gen_random_uuid(),
    campaign_id uuid not null references campaigns(id),
    organisation_id uuid not null references organisations(id),
    filed_by uuid references users(id),
    filer_name text,
    filer_contact text,
    reason text not null,
    status text not null default 'pending' check (status in ('pending','upheld','rejected')),
    decision_reason text,
    decided_by uuid references users(id),
    decided_at timestamptz,
    corrected_run_id uuid references grading_runs(id),
    version integer not null default 1,
    created_at timestamptz not null default now()
  )`,
  // A unit's published result per campaign, kept across years for multi-year rules (连续三年A级).
  `create table unit_results (
    campaign_id uuid not null references campaigns(id),
    organisation_id uuid not null references organisations(id),
    scheme_code text not null,
    year integer not null,
    total numeric not null,
    grade text,
    rank integer,
    published_at timestamptz not null,
    primary key (campaign_id, organisation_id)
  )`,
  `create index unit_results_history on unit_results(organisation_id, scheme_code, year)`,

  // 痕迹管理: append-only and hash-chained.
  `create table audit_log (
    seq integer primary key,
    at timestamptz not null,
    actor_id uuid,
    actor_name text not null,
    action text not null,
    entity_type text not null,
    entity_id text not null,
    organisation_id uuid,
    campaign_id uuid,
    before jsonb,
    after jsonb,
    prev_hash text not null,
    hash text not null
  )`,
  `create index audit_log_organisation on audit_log(organisation_id, seq)`,
  `create function refuse_change() returns trigger language plpgsql as $$
    begin raise exception '% is append-only', tg_table_name; end $$`,
  `create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function refuse_change()`,
  `create trigger grading_runs_immutable before update or delete on grading_runs
    for each row execute function refuse_change()`,
];
