/**
 * Batch jobs (批量任务): documents or evidence archives for many units of a campaign, run by a worker inside the
 * server. A job's units are rows of their own, so a worker claims them in small batches (`for update skip
 * locked`), a restarted server resumes from the units not yet done, and no unit is counted twice. Each unit's
 * output is kept in the content-addressed storage until the result ZIP is assembled. Forward-only, PostgreSQL 15.
 */
export const statements = [
  `create table jobs (
    id uuid primary key default gen_random_uuid(),
    campaign_id uuid not null references campaigns(id),
    kind text not null check (kind in ('documents', 'archives')),
    document_kind text,
    status text not null default 'queued'
      check (status in ('queued', 'running', 'succeeded', 'completed_with_failures', 'failed', 'cancelled')),
    total integer not null,
    done integer not null default 0,
    failed integer not null default 0,
    error text,
    worker text,
    heartbeat_at timestamptz,
    created_by uuid references users(id),
    created_at timestamptz not null,
    started_at timestamptz,
    finished_at timestamptz,
    result_sha256 text,
    result_size bigint,
    result_name text
  )`,
  `create index jobs_campaign on jobs(campaign_id, created_at)`,
  `create index jobs_open on jobs(status, created_at) where status in ('queued', 'running')`,
  `create table job_items (
    job_id uuid not null references jobs(id),
    position integer not null,
    organisation_id uuid not null references organisations(id),
    status text not null default 'pending' check (status in ('pending', 'running', 'done', 'failed')),
    claimed_by text,
    error text,
    output_sha256 text,
    output_name text,
    finished_at timestamptz,
    primary key (job_id, position)
  )`,
  `create index job_items_open on job_items(job_id, position) where status in ('pending', 'running')`,
];
