/**
 * Checks the base-data tables (基础数据统计表) of a scheme when it is compiled: unique codes, rules and fields that
 * name tables, rows and columns that exist, sums over numeric columns only.
 */
import type { Field, Table } from "../scheme/model.js";
import type { ProblemList } from "../scheme/problem-list.js";
import type { PathSegment } from "../scheme/source-positions.js";

export const isNumericColumn = (table: Table, column: string): boolean =>
  table.columns.some((c) => c.code === column && c.type !== "text");

export function compileTables(
  tables: readonly Table[],
  fields: readonly Field[],
  problems: ProblemList,
): Map<string, Table> {
  const byCode = new Map<string, Table>();
  const ruleCodes = new Set<string>();
  const unique = (list: readonly string[], path: PathSegment[], key: string, what: string) =>
    list.forEach((code, i) => {
      if (list.indexOf(code) !== i) problems.add([...path, i, key], `${what} ${code} is used twice`);
    });
  tables.forEach((table, t) => {
    const path: PathSegment[] = ["tables", t];
    if (byCode.has(table.code)) problems.add([...path, "code"], `table code ${table.code} is used twice`);
    else byCode.set(table.code, table);
    unique(
      table.columns.map((c) => c.code),
      [...path, "columns"],
      "code",
      `column code (table ${table.code})`,
    );
    unique(
      (table.rows ?? []).map((r) => r.key),
      [...path, "rows"],
      "key",
      `row key (table ${table.code})`,
    );
    table.columns.forEach((column, c) => {
      if (column.type === "text" && (column.min !== undefined || column.max !== undefined))
        problems.add([...path, "columns", c], "a text column has no min or max");
      if (column.min !== undefined && column.max !== undefined && Number(column.min) > Number(column.max))
        problems.add([...path, "columns", c, "max"], "max is below min");
    });
  });

  const hasRow = (table: Table, row: string) =>
    table.rows === undefined || table.rows.some((r) => r.key === row);
  const hasColumn = (table: Table, column: string) => table.columns.some((c) => c.code === column);
  /** A reference to a table's numeric column (and row, if given); reports what is wrong. */
  const checkRef = (
    ref: { table: string; row?: string | undefined; column: string },
    path: PathSegment[],
    numeric: boolean,
  ): void => {
    const table = byCode.get(ref.table);
    if (table === undefined) {
      problems.add([...path, "table"], `unknown table ${ref.table}`);
      return;
    }
    if (!hasColumn(table, ref.column))
      problems.add([...path, "column"], `table ${ref.table} has no column ${ref.column}`);
    else if (numeric && !isNumericColumn(table, ref.column))
      problems.add(
        [...path, "column"],
        `column ${ref.table}.${ref.column} is text; only numbers can be summed`,
      );
    if (ref.row !== undefined && !hasRow(table, ref.row))
      problems.add([...path, "row"], `table ${ref.table} has no row ${ref.row}`);
  };

  tables.forEach((owner, t) => {
    owner.rules.forEach((rule, r) => {
      const path: PathSegment[] = ["tables", t, "rules", r];
      if (ruleCodes.has(rule.code))
        problems.add([...path, "code"], `table rule code ${rule.code} is used twice`);
      ruleCodes.add(rule.code);
      if (rule.type === "equal") {
        rule.cells.forEach((cell, i) => {
          checkRef(cell, [...path, "cells", i], true);
        });
        return;
      }
      const table = byCode.get(rule.table);
      if (table === undefined) {
        problems.add([...path, "table"], `unknown table ${rule.table}`);
        return;
      }
      if (rule.type === "sum") {
        const byRow = "row" in rule.total;
        const target = "row" in rule.total ? rule.total.row : rule.total.column;
        const summed = byRow ? (key: string) => hasRow(table, key) : (key: string) => hasColumn(table, key);
        const across = byRow ? (key: string) => hasColumn(table, key) : (key: string) => hasRow(table, key);
        if (!summed(target))
          problems.add(
            [...path, "total"],
            `table ${table.code} has no ${byRow ? "row" : "column"} ${target}`,
          );
        if (!byRow && !isNumericColumn(table, target))
          problems.add([...path, "total"], `column ${target} is text; a total column must be numeric`);
        (rule.of ?? []).forEach((key, i) => {
          if (!summed(key))
            problems.add([...path, "of", i], `table ${table.code} has no ${byRow ? "row" : "column"} ${key}`);
          else if (key === target)
            problems.add([...path, "of", i], `the total ${key} cannot be one of its own parts`);
          else if (!byRow && !isNumericColumn(table, key))
            problems.add([...path, "of", i], `column ${key} is text; only numbers can be summed`);
        });
        (rule.only ?? []).forEach((key, i) => {
          if (!across(key))
            problems.add(
              [...path, "only", i],
              `table ${table.code} has no ${byRow ? "column" : "row"} ${key}`,
            );
          else if (byRow && !isNumericColumn(table, key))
            problems.add([...path, "only", i], `column ${key} is text; only numbers can be summed`);
        });
        return;
      }
      (rule.rows ?? []).forEach((key, i) => {
        if (!hasRow(table, key)) problems.add([...path, "rows", i], `table ${table.code} has no row ${key}`);
      });
      (rule.columns ?? []).forEach((key, i) => {
        if (!hasColumn(table, key))
          problems.add([...path, "columns", i], `table ${table.code} has no column ${key}`);
        else if (!isNumericColumn(table, key))
          problems.add([...path, "columns", i], `column ${key} is text; only numbers can be summed`);
      });
    });
  });

  fields.forEach((field, f) => {
    if (field.from === undefined) return;
    const path: PathSegment[] = ["fields", f, "from"];
    const numeric = field.type === "number" || field.type === "integer";
    if (!numeric && field.from.row === undefined) {
      problems.add(path, `field ${field.code} is ${field.type}; only a number can be a column's sum`);
    }
    checkRef(field.from, path, numeric);
  });
  return byCode;
}
