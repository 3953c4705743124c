/** A SQL condition: the organisation path column lies under one of the given subtree roots. */
import { type Expression, type SqlBool, sql } from "kysely";

export function inScope(column: string, roots: readonly string[]): Expression<SqlBool> {
  if (roots.length === 0) return sql<SqlBool>`false`;
  const patterns = roots.map((root) => `${root.replace(/[\\%_]/g, "\\$&")}%`);
  return sql<SqlBool>`(${sql.join(
    patterns.map((p) => sql`${sql.ref(column)} like ${p}`),
    sql` or `,
  )})`;
}
