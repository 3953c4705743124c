/**
 * 满意度调查: a campaign's surveys, the units each judges (with a typed population when the scheme has none),
 * one-time tokens stored only as their SHA-256 and the anonymous responses. A response row holds the unit and the
 * respondent group and the answers, never the token or anything that names a person; the token row only says it
 * was used. Forward-only, PostgreSQL 15.
 */
export const statements = [
  `create table surveys (
    id uuid primary key default gen_random_uuid(),
    campaign_id uuid not null references campaigns(id),
    definition jsonb not null,
    version integer not null default 1,
    created_by uuid references users(id),
    created_at timestamptz not null
  )`,
  `create index surveys_campaign on surveys(campaign_id, created_at)`,
  `create table survey_units (
    survey_id uuid not null references surveys(id),
    organisation_id uuid not null references organisations(id),
    population integer,
    primary key (survey_id, organisation_id)
  )`,
  `create table survey_tokens (
    id uuid primary key default gen_random_uuid(),
    survey_id uuid not null references surveys(id),
    organisation_id uuid not null references organisations(id),
    group_code text not null,
    token_hash text not null unique,
    created_at timestamptz not null,
    used_at timestamptz
  )`,
  `create index survey_tokens_unit on survey_tokens(survey_id, organisation_id, group_code)`,
  `create table survey_responses (
    id uuid primary key default gen_random_uuid(),
    survey_id uuid not null references surveys(id),
    organisation_id uuid not null references organisations(id),
    group_code text not null,
    answers jsonb not null
  )`,
  `create index survey_responses_unit on survey_responses(survey_id, organisation_id, group_code)`,
];
