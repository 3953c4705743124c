/** Runs the forward-only migrations at start, on PGlite and PostgreSQL alike. */
import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from "kysely";
import * as initial from "./migrations/0001-initial.js";
import * as selfEvaluation from "./migrations/0003-self-evaluation.js";
import * as reviewGrading from "./migrations/0004-review-grading.js";
import * as documentTemplates from "./migrations/0005-document-templates.js";
import * as jobs from "./migrations/0006-jobs.js";
import * as surveys from "./migrations/0007-surveys.js";
import * as rectification from "./migrations/0008-rectification.js";
import * as cases from "./migrations/0009-cases.js";
import * as reminders from "./migrations/0010-reminders.js";

function fromStatements(statements: readonly string[]): Migration {
  return {
    async up(db) {
      for (const statement of statements) await sql.raw(statement).execute(db);
    },
  };
}

/** The migrations in order; the name is the version and never changes once released. */
const migrations: Record<string, Migration> = {
  "0001-initial": fromStatements(initial.statements),
  "0003-self-evaluation": fromStatements(selfEvaluation.statements),
  "0004-review-grading": fromStatements(reviewGrading.statements),
  "0005-document-templates": fromStatements(documentTemplates.statements),
  "0006-jobs": fromStatements(jobs.statements),
  "0007-surveys": fromStatements(surveys.statements),
  "0008-rectification": fromStatements(rectification.statements),
  "0009-cases": fromStatements(cases.statements),
  "0010-reminders": fromStatements(reminders.statements),
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  // Kysely looks for its tables in every schema unless told which: on a PostgreSQL server where another schema
  // has them (another instance, or parallel tests each in their own schema) it would skip creating ours.
  const current = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: "kaoping_migrations",
    migrationLockTableName: "kaoping_migrations_lock",
    migrationTableSchema: current.rows[0]!.schema,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === "Error");
    throw new Error(`Migration ${failed?.migrationName ?? "?"} failed: ${String(error)}`, { cause: error });
  }
  return (results ?? []).map((r) => r.migrationName);
}
