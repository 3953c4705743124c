/**
 * The school base-data table (学校基础数据表) from which the 差异系数 are computed: one row per school, its
 * students per section and its school-wide resources, headed in Chinese (or by the record's field paths).
 */
import {
  RESOURCE_FIELD_NAMES,
  type ResourceField,
  SCHOOL_CATEGORY_NAMES,
  type SchoolCategory,
  type SchoolRecord,
  SECTION_NAMES,
  type Section,
} from "../statistics/school-record.js";
import type { LocatedProblem, SheetCells } from "./cell.js";
import type { ColumnConstraint } from "./columns.js";
import { readCell } from "./read-cell.js";
import { eachDataRow, matchHeaders, type RowSources } from "./sheet-reading.js";

export type SchoolTarget =
  | { type: "code" }
  | { type: "name" }
  | { type: "category" }
  | { type: "students"; section: Section }
  | { type: "resource"; field: ResourceField };

export interface SchoolColumn {
  /** The SchoolRecord path ("students.primary", "resources.books"), also accepted as a header. */
  key: string;
  header: string;
  constraint: ColumnConstraint;
  target: SchoolTarget;
}

const figure: ColumnConstraint = { type: "decimal", min: 0, max: null };

export const SCHOOL_COLUMNS: readonly SchoolColumn[] = [
  { key: "code", header: "学校代码", constraint: { type: "text" }, target: { type: "code" } },
  { key: "name", header: "学校名称", constraint: { type: "text" }, target: { type: "name" } },
  {
    key: "category",
    header: "学校类别",
    constraint: {
      type: "choice",
      options: (Object.entries(SCHOOL_CATEGORY_NAMES) as Array<[SchoolCategory, string]>).map(
        ([code, name]) => ({
          label: name,
          value: code,
          aliases: [code, name.replace(/学校$/, "")],
        }),
      ),
    },
    target: { type: "category" },
  },
  ...(Object.entries(SECTION_NAMES) as Array<[Section, string]>).map(
    ([section, name]): SchoolColumn => ({
      key: `students.${section}`,
      header: `${name}在校生数`,
      constraint: { type: "whole", min: 0, max: null },
      target: { type: "students", section },
    }),
  ),
  ...(Object.entries(RESOURCE_FIELD_NAMES) as Array<[ResourceField, string]>).map(
    ([field, name]): SchoolColumn => ({
      key: `resources.${field}`,
      header: name,
      constraint: figure,
      target: { type: "resource", field },
    }),
  ),
];

export interface SchoolTable {
  schools: SchoolRecord[];
  /** Parallel to `schools`. */
  sources: RowSources[];
  problems: LocatedProblem[];
}

/**
 * Reads schools; blank figures are left out (a rule that needs one then names the school and the field). Other
 * columns (乡镇, 备注, …) are not read, so one school list can serve the 差异系数 and the draw.
 */
export function readSchoolTable(sheet: SheetCells): SchoolTable {
  const problems: LocatedProblem[] = [];
  const schools: SchoolRecord[] = [];
  const sources: RowSources[] = [];
  const header = matchHeaders(sheet, SCHOOL_COLUMNS, problems, { ignored: () => true });
  if (!header) return { schools, sources, problems };
  eachDataRow(sheet, header.headerRow, header.columns, (cells, at) => {
    const school: SchoolRecord = { code: "", name: "", category: "primary", students: {}, resources: {} };
    const row: RowSources = { at, cells: new Map() };
    let complete = true;
    for (const { column, value, at: cellAt } of cells) {
      row.cells.set(column.key, cellAt);
      if (value === null || String(value).trim() === "") {
        if (column.target.type === "code" || column.target.type === "category") {
          problems.push({ at: cellAt, message: `${column.header} is empty` });
          complete = false;
        }
        continue;
      }
      const reading = readCell(column.constraint, column.header, value);
      if (!reading.ok) {
        problems.push({ at: cellAt, unit: school.code || undefined, message: reading.message });
        complete = false;
        continue;
      }
      const target = column.target;
      const read = reading.value;
      if (target.type === "code") {
        school.code = String(read);
        row.at = cellAt;
      } else if (target.type === "name") school.name = String(read);
      else if (target.type === "category") school.category = read as SchoolCategory;
      else if (target.type === "students") school.students[target.section] = Number(read);
      else school.resources[target.field] = Number(read);
    }
    if (!complete) return;
    schools.push(school);
    sources.push(row);
  });
  return { schools, sources, problems };
}
