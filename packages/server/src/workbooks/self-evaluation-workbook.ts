/**
 * 自评离线填报表: the offline self-evaluation workbook of a unit. An instructions sheet (填报说明), one sheet per
 * first-level indicator with a row per indicator (and per deduction rule or checklist item), the typed-in base data,
 * the unit's fixed-row base-data tables, and the hidden versions sheet. Current values are filled in; labels are
 * locked and inputs unlocked on sheets protected without a password. Every user text goes through safeCellText.
 */
import {
  type CompiledScheme,
  type FieldValue,
  fieldConstraint,
  formatShort,
  NO_LABEL,
  type TableRows,
  YES_LABEL,
} from "@kaoping/core";
import ExcelJS from "exceljs";
import { dataValidation, ListSheet } from "./data-validation.js";
import { writeInstructions } from "./instructions-sheet.js";
import { safeCellText } from "./safe-cell-text.js";
import {
  COLUMN,
  canonicalInput,
  DATA_HEADERS,
  DATA_SHEET,
  DATA_VALUE_COLUMN,
  FIELD_TYPE_NAMES,
  INDICATOR_HEADERS,
  INSTRUCTIONS_SHEET,
  type IndicatorSheet,
  inputConstraint,
  type LayoutRow,
  methodText,
  naConstraint,
  subRowCode,
  subRowText,
  type WorkbookLayout,
} from "./self-evaluation-layout.js";
import { GROUP_FILL, protectSheet, styleHeader, styleInput, THIN, workbookBuffer } from "./sheet-style.js";
import { rowsInOrder } from "./table-columns.js";
import { writeTableSheet } from "./table-sheet.js";
import { addMetaSheet, type WorkbookMeta } from "./workbook-meta.js";

export interface StoredItem {
  input: unknown;
  narrative: string;
  version: number;
}

export interface SelfEvaluationWorkbookInput {
  plan: CompiledScheme;
  layout: WorkbookLayout;
  campaignName: string;
  unitName: string;
  /** The 单位自评 stage's deadline, shown on the instructions sheet. */
  deadline: Date | null;
  items: ReadonlyMap<string, StoredItem>;
  data: Record<string, FieldValue>;
  tables: Record<string, TableRows>;
  /** Free-row tables, which have workbooks of their own. */
  separateTables: string[];
  meta: WorkbookMeta;
}

const dateText = (at: Date | null) =>
  at === null ? "见考评通知" : new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** The values a row shows in 自评填报 and 不适用 for the stored input. */
function shownValues(row: LayoutRow, input: unknown): { value: ExcelJS.CellValue; na: string | null } {
  const canonical = canonicalInput(row.node, input);
  if (canonical !== null && "na" in canonical)
    return { value: null, na: row.kind === "leaf" ? YES_LABEL : null };
  const na = row.kind === "leaf" && row.node.notApplicable && canonical !== null ? NO_LABEL : null;
  if (canonical === null) return { value: null, na };
  const method = row.node.method!;
  switch (row.kind) {
    case "rule":
      return { value: "deductions" in canonical ? (canonical.deductions[row.rule.code] ?? 0) : null, na };
    case "item":
      return {
        value:
          "checked" in canonical ? (canonical.checked.includes(row.item.code) ? YES_LABEL : NO_LABEL) : null,
        na,
      };
    case "leaf":
      if ("score" in canonical) return { value: Number(canonical.score), na };
      if ("value" in canonical) return { value: canonical.value ? YES_LABEL : NO_LABEL, na };
      if ("level" in canonical && method.type === "levels")
        return { value: method.levels.find((l) => l.code === canonical.level)?.name ?? canonical.level, na };
      return { value: null, na };
    default:
      return { value: null, na: null };
  }
}

function writeIndicatorSheet(
  sheet: ExcelJS.Worksheet,
  layout: IndicatorSheet,
  items: ReadonlyMap<string, StoredItem>,
  lists: ListSheet,
): void {
  const widths = [12, 44, 8, 30, 14, 10, 50];
  widths.forEach((width, i) => {
    sheet.getColumn(i + 1).width = width;
  });
  const title = sheet.getCell(1, 1);
  title.value = safeCellText(`${layout.node.code} ${layout.node.name}（${formatShort(layout.node.max)}分）`);
  title.font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, INDICATOR_HEADERS.length);
  INDICATOR_HEADERS.forEach((header, i) => {
    const cell = sheet.getCell(2, i + 1);
    cell.value = header;
    styleHeader(cell);
  });
  for (const row of layout.rows) {
    const stored = items.get(row.node.code);
    const cells = sheet.getRow(row.row);
    const sub = row.kind === "rule" || row.kind === "item";
    const indent = "　".repeat(Math.max(0, row.node.depth - 1) + (sub ? 1 : 0));
    cells.getCell(COLUMN.code).value = safeCellText(
      row.kind === "rule"
        ? subRowCode(row.node.code, row.rule.code)
        : row.kind === "item"
          ? subRowCode(row.node.code, row.item.code)
          : row.node.code,
    );
    cells.getCell(COLUMN.name).value = safeCellText(`${indent}${sub ? subRowText(row) : row.node.name}`);
    if (!sub) cells.getCell(COLUMN.max).value = Number(formatShort(row.node.max));
    if (!sub) cells.getCell(COLUMN.method).value = methodText(row.node);
    for (let c = 1; c <= INDICATOR_HEADERS.length; c++) {
      const cell = cells.getCell(c);
      cell.border = THIN;
      cell.alignment = {
        vertical: "top",
        wrapText: c === COLUMN.name || c === COLUMN.method || c === COLUMN.narrative,
      };
      cell.protection = { locked: true };
    }
    if (row.kind === "group") for (let c = 1; c <= 4; c++) cells.getCell(c).fill = GROUP_FILL;
    if (row.kind === "group" || row.kind === "leaf") cells.font = { bold: row.kind === "group" };
    const shown = shownValues(row, stored?.input ?? null);
    const input = inputConstraint(row);
    if (input !== null) {
      const cell = cells.getCell(COLUMN.input);
      cell.value = shown.value;
      if (row.editable) {
        styleInput(cell);
        const rule = dataValidation(input, lists);
        if (rule) cell.dataValidation = rule;
      }
    }
    const na = naConstraint(row);
    if (na !== null) {
      const cell = cells.getCell(COLUMN.na);
      cell.value = shown.na;
      if (row.editable) {
        styleInput(cell);
        cell.dataValidation = dataValidation(na, lists)!;
      }
    }
    if (!sub) {
      const cell = cells.getCell(COLUMN.narrative);
      cell.value = stored?.narrative ? safeCellText(stored.narrative) : null;
      if (row.editable) styleInput(cell);
    }
  }
}

function writeDataSheet(
  sheet: ExcelJS.Worksheet,
  plan: CompiledScheme,
  layout: WorkbookLayout,
  data: Record<string, FieldValue>,
  lists: ListSheet,
): void {
  [12, 36, 10, 50, 16].forEach((width, i) => {
    sheet.getColumn(i + 1).width = width;
  });
  sheet.getCell(1, 1).value = "基础数据（取自基础数据统计表的数据项在相应表中填写）";
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  DATA_HEADERS.forEach((header, i) => {
    const cell = sheet.getCell(2, i + 1);
    cell.value = header;
    styleHeader(cell);
  });
  for (const { row, field } of layout.fields) {
    const cells = sheet.getRow(row);
    cells.getCell(1).value = safeCellText(field.code);
    cells.getCell(2).value = safeCellText(`${field.name}${field.unit ? `（${field.unit}）` : ""}`);
    cells.getCell(3).value = FIELD_TYPE_NAMES[field.type];
    cells.getCell(4).value = safeCellText(
      [field.description, field.optional ? "可不填" : ""].filter(Boolean).join("；"),
    );
    const cell = cells.getCell(DATA_VALUE_COLUMN);
    const value = data[field.code];
    const constraint = fieldConstraint(plan, field.type);
    cell.value =
      value === undefined || value === null
        ? null
        : typeof value === "boolean"
          ? value
            ? YES_LABEL
            : NO_LABEL
          : constraint.type === "choice"
            ? (constraint.options.find((o) => o.value === value)?.label ?? safeCellText(String(value)))
            : typeof value === "string"
              ? safeCellText(value)
              : value;
    styleInput(cell);
    const rule = dataValidation(constraint, lists);
    if (rule) cell.dataValidation = rule;
  }
}

function instructionsOf(input: SelfEvaluationWorkbookInput) {
  const { plan, layout } = input;
  const sheets = layout.indicators.map((s) => s.name);
  return {
    title: `${input.campaignName} 自评离线填报表`,
    facts: [
      ["考评活动", input.campaignName],
      ["被评单位", input.unitName],
      ["指标体系", `${plan.definition.name}（${plan.definition.version}）`],
      ["填报截止", dateText(input.deadline)],
    ] as Array<[string, string]>,
    steps: [
      `在各一级指标工作表（${sheets.join("、")}）中填写黄色单元格：直接评分的指标填写得分；扣分的指标在其下方各扣分项填写发生次数；逐项计分的指标在各项选择“是”或“否”；等级评定和是否达到的指标从下拉列表选择。`,
      "允许不适用的指标可在“不适用”列选择“是”，该项不计分，其分值不计入应得分。按基础数据或满意度计算的指标无需填写。",
      "“自评说明”列填写本项的主要做法、成效和存在的问题，将用于生成自评报告。",
      ...(layout.fields.length > 0 ? [`“${DATA_SHEET}”表填写计算所需的基础数据。`] : []),
      ...(layout.tables.length > 0
        ? [`基础数据统计表（${layout.tables.map((t) => t.name).join("、")}）各有一个工作表，按行填写。`]
        : []),
      ...(input.separateTables.length > 0
        ? [`逐条填写的统计表（${input.separateTables.join("、")}）请在系统中下载各表的导入模板单独填报。`]
        : []),
      "灰色单元格（代码、指标、分值、评分方法）已锁定，请勿修改；工作表保护未设密码，但请勿增删行或改动表名。",
      "填好后在系统的自评页面选择“导入离线填报表”上传本文件。导入前会逐项校验，有任何错误时不作任何修改，并列出每个错误所在的工作表和单元格；同一文件重复导入不会产生变化。",
      "导出后如有人在系统中修改了同一项，导入时该项会提示冲突，请重新下载最新的填报表。",
    ],
    columns: [
      ["代码", "指标代码；扣分项、逐项计分项为“指标代码/项目代码”"],
      ["指标/项目", "指标名称，或扣分情形、计分项目"],
      ["分值", "该指标的满分"],
      ["评分方法", "该指标怎样计分、填写什么"],
      ["自评填报", "得分、扣分次数、是/否或等级"],
      ["不适用", "本单位不适用该指标时选“是”"],
      ["自评说明", "自评情况说明（做法、成效、问题）"],
    ] as Array<[string, string]>,
  };
}

export async function selfEvaluationWorkbook(input: SelfEvaluationWorkbookInput): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Kaoping";
  const instructions = workbook.addWorksheet(INSTRUCTIONS_SHEET);
  const frozen = { views: [{ state: "frozen" as const, ySplit: 2, xSplit: 2 }] };
  const indicatorSheets = input.layout.indicators.map((s) => workbook.addWorksheet(s.name, frozen));
  const dataSheet = input.layout.fields.length > 0 ? workbook.addWorksheet(DATA_SHEET, frozen) : null;
  const tableSheets = input.layout.tables.map((t) => workbook.addWorksheet(t.name, frozen));
  const lists = new ListSheet(workbook);
  writeInstructions(instructions, instructionsOf(input));
  for (const [i, layout] of input.layout.indicators.entries())
    writeIndicatorSheet(indicatorSheets[i]!, layout, input.items, lists);
  if (dataSheet !== null) writeDataSheet(dataSheet, input.plan, input.layout, input.data, lists);
  for (const [i, { table }] of input.layout.tables.entries())
    await writeTableSheet(tableSheets[i]!, table, rowsInOrder(table, input.tables[table.code]), lists);
  for (const sheet of [instructions, ...indicatorSheets, ...(dataSheet ? [dataSheet] : [])])
    await protectSheet(sheet);
  addMetaSheet(workbook, input.meta);
  workbook.views = [
    { x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: "visible" },
  ];
  return workbookBuffer(workbook);
}
