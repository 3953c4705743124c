/**
 * A SQL condition: the organisation path column lies under one of the given subtree roots; null roots (what
 * scopeRoots gives an administrator) mean everywhere.
 */
import { type Expression, type SqlBool, sql } from "kysely";

export function inScope(column: string, roots: readonly string[] | null): Expression<SqlBool> {
  if (roots === null) return sql<SqlBool>`true`;
  if (roots.length === 0) return sql<SqlBool>`false`;
  const patterns = roots.map((root) => `${root.replace(/[\\%_]/g, "\\$&")}%`);
  return sql<SqlBool>`(${sql.join(
    patterns.map((p) => sql`${sql.ref(column)} like ${p}`),
    sql` or `,
  )})`;
}
