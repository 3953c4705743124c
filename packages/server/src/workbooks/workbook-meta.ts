/**
 * The hidden sheet that ties a workbook to what it was exported from: the campaign, the unit, and the versions of
 * the self-evaluation, its items and its tables at export, so an import can tell a stale file from a fresh one.
 * One row per fact: kind, code, value.
 */
import { type CellValue, cellText } from "@kaoping/core";
import type ExcelJS from "exceljs";
import { META_SHEET } from "./self-evaluation-layout.js";

export interface WorkbookMeta {
  kind: "self-evaluation" | "table";
  campaignId: string;
  organisationId: string;
  /** The self-evaluation's version (its typed-in data). */
  evaluationVersion: number;
  items: Map<string, number>;
  tables: Map<string, number>;
}

export function metaRows(meta: WorkbookMeta): Array<[string, string, string | number]> {
  return [
    ["workbook", meta.kind, 1],
    ["campaign", meta.campaignId, 0],
    ["organisation", meta.organisationId, 0],
    ["evaluation", "", meta.evaluationVersion],
    ...[...meta.items].map(([code, version]): [string, string, number] => ["item", code, version]),
    ...[...meta.tables].map(([code, version]): [string, string, number] => ["table", code, version]),
  ];
}

/** Adds the hidden meta sheet (last, so the sheets people see keep their places). */
export function addMetaSheet(workbook: ExcelJS.Workbook, meta: WorkbookMeta): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(META_SHEET, { state: "veryHidden" });
  for (const row of metaRows(meta)) sheet.addRow(row);
  return sheet;
}

/** Reads the meta rows back; null when they do not describe a Kaoping workbook. */
export function parseMeta(rows: ReadonlyArray<ReadonlyArray<CellValue>>): WorkbookMeta | null {
  const meta: WorkbookMeta = {
    kind: "self-evaluation",
    campaignId: "",
    organisationId: "",
    evaluationVersion: 0,
    items: new Map(),
    tables: new Map(),
  };
  let known = false;
  for (const row of rows) {
    const [kind, code, value] = [cellText(row[0]), cellText(row[1]), Number(row[2] ?? 0)];
    if (kind === "workbook" && (code === "self-evaluation" || code === "table")) {
      meta.kind = code;
      known = true;
    } else if (kind === "campaign") meta.campaignId = code;
    else if (kind === "organisation") meta.organisationId = code;
    else if (kind === "evaluation") meta.evaluationVersion = value;
    else if (kind === "item") meta.items.set(code, value);
    else if (kind === "table") meta.tables.set(code, value);
  }
  return known ? meta : null;
}
