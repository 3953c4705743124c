/**
 * Organisations' own Word templates (文书模板): one current template per organiser and document kind; the bytes
 * live in the content-addressed storage like evidence files. Forward-only, PostgreSQL 15.
 */
export const statements = [
  `create table document_templates (
    organisation_id uuid not null references organisations(id),
    kind text not null,
    sha256 text not null,
    size integer not null,
    file_name text not null,
    uploaded_by uuid references users(id),
    uploaded_at timestamptz not null,
    primary key (organisation_id, kind)
  )`,
];
