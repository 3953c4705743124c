/**
 * 整改: rectification items with the "four specifics" (problem, target, measures, deadline) and the responsible unit
 * and person; every transition in a history table; the evidence files a unit reports with (bytes in the shared
 * content-addressed store); and 回头看: a campaign may follow up an earlier one, whose closed items it re-checks.
 * Forward-only, PostgreSQL 15.
 */
export const statements = [
  `alter table campaigns add column follow_up_of uuid references campaigns(id)`,
  `create table rectification_items (
    id uuid primary key default gen_random_uuid(),
    campaign_id uuid not null references campaigns(id),
    organisation_id uuid not null references organisations(id),
    source text not null check (source in ('review', 'feedback', 'inspection', 'recheck')),
    indicator_code text,
    problem text not null,
    target text,
    measures text,
    deadline timestamptz not null,
    responsible_person text,
    status text not null default 'pending'
      check (status in ('pending', 'in_progress', 'reported', 'verified', 'closed')),
    last_verdict text check (last_verdict in ('passed', 'failed', 'partial')),
    reported_at timestamptz,
    relapse_of uuid references rectification_items(id),
    recheck_verdict text check (recheck_verdict in ('held', 'relapsed')),
    recheck_reason text,
    recheck_campaign_id uuid references campaigns(id),
    rechecked_at timestamptz,
    version integer not null default 1,
    created_by uuid references users(id),
    created_at timestamptz not null,
    updated_at timestamptz not null
  )`,
  `create index rectification_items_campaign on rectification_items(campaign_id, organisation_id, created_at)`,
  `create index rectification_items_unit on rectification_items(organisation_id) where status in ('pending', 'in_progress')`,
  `create index rectification_items_open on rectification_items(deadline) where status in ('pending', 'in_progress', 'reported')`,
  `create table rectification_events (
    id uuid primary key default gen_random_uuid(),
    seq bigint generated always as identity,
    item_id uuid not null references rectification_items(id),
    action text not null,
    from_status text,
    to_status text not null,
    verdict text,
    reason text,
    actor_id uuid references users(id),
    actor_name text not null,
    at timestamptz not null
  )`,
  `create index rectification_events_item on rectification_events(item_id, seq)`,
  `create table rectification_evidence (
    id uuid primary key default gen_random_uuid(),
    item_id uuid not null references rectification_items(id),
    sha256 text not null references evidence_blobs(sha256),
    original_name text not null,
    uploaded_by uuid references users(id),
    uploaded_at timestamptz not null
  )`,
  `create index rectification_evidence_item on rectification_evidence(item_id)`,
  `create index rectification_evidence_blob on rectification_evidence(sha256)`,
];
