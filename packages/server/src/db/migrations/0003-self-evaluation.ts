/**
 * Self-evaluation: a version per base-data table (a table is saved whole, and two people saving it at once must
 * not lose one's rows), and the lookups the self-evaluation and evidence screens make. Forward-only, PostgreSQL 15.
 */
export const statements = [
  `create table base_data_tables (
    self_evaluation_id uuid not null references self_evaluations(id),
    table_code text not null,
    version integer not null default 1,
    updated_by uuid references users(id),
    updated_at timestamptz not null default now(),
    primary key (self_evaluation_id, table_code)
  )`,
  `create index task_assignments_department on task_assignments(department_id)`,
  `create index evidence_files_blob on evidence_files(sha256)`,
];
