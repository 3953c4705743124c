/**
 * The Excel input template of a scheme: 说明 (how to fill it, and the indicator table), 被评单位 (one row per
 * unit), 评分 (one row per rater and unit, when the scheme has raters) and a hidden 选项 sheet holding the lists
 * that drop-downs offer. Columns come from the core's unitTableLayout, so `kaoping score` reads what this writes.
 */
import {
  type CompiledScheme,
  formatShort,
  indicatorsInOrder,
  type SheetLayout,
  type TableLayout,
} from "@kaoping/core";
import {
  columnWidth,
  dataValidation,
  GROUP_FILL,
  ListSheet,
  protectSheet,
  styleHeader,
  validateRange,
} from "@kaoping/server/workbooks";
import ExcelJS from "exceljs";
import { safeCell, saveWorkbook } from "./workbook.js";

/** Rows given data validation: enough for any county's units; rows added below still take the column's style. */
export const TEMPLATE_ROWS = 500;
const FIRST_DATA_ROW = 3;

const METHOD_NAMES: Record<string, string> = {
  manual: "评分",
  deductions: "扣分",
  checklist: "逐项计分",
  levels: "等级评定",
  boolean: "是否达到",
  formula: "按基础数据计算",
  satisfaction: "满意度调查",
};

function writeDataSheet(
  sheet: ExcelJS.Worksheet,
  layout: SheetLayout,
  lists: ListSheet,
  codeList: string | undefined,
): void {
  const columns = layout.columns;
  columns.forEach((column, i) => {
    const sheetColumn = sheet.getColumn(i + 1);
    sheetColumn.width = columnWidth(column.header);
    sheetColumn.style = { protection: { locked: false } };
    const header = sheet.getCell(2, i + 1);
    header.value = column.header;
    styleHeader(header);
    if (column.note) header.note = column.note;
    const rule =
      column.target.type === "unit" && codeList
        ? {
            type: "list" as const,
            allowBlank: true,
            formulae: [codeList],
            showErrorMessage: true,
            errorTitle: "未知单位",
            error: "请填写“被评单位”表中的单位代码。",
          }
        : dataValidation(column.constraint, lists);
    const letter = sheetColumn.letter;
    if (rule) {
      validateRange(sheet, `${letter}${FIRST_DATA_ROW}:${letter}${FIRST_DATA_ROW + TEMPLATE_ROWS - 1}`, rule);
    }
  });
  // Row 1 names the group over each run of columns: 基本信息, 基础数据, each top-level indicator, 加分项目.
  let start = 0;
  columns.forEach((column, i) => {
    if (i + 1 < columns.length && columns[i + 1]!.group === column.group) return;
    if (i > start) sheet.mergeCells(1, start + 1, 1, i + 1);
    const cell = sheet.getCell(1, start + 1);
    cell.value = column.group;
    styleHeader(cell, GROUP_FILL);
    start = i + 1;
  });
  sheet.getRow(2).height = 60;
}

function methodName(scheme: CompiledScheme, code: string): string {
  const node = scheme.nodes[scheme.byCode.get(code)!]!;
  if (!node.method) return `下设 ${node.children.length} 项`;
  return METHOD_NAMES[node.method.type] ?? node.method.type;
}

function writeInstructions(sheet: ExcelJS.Worksheet, layout: TableLayout, schemeFile: string): void {
  const scheme = layout.scheme;
  const definition = scheme.definition;
  sheet.getColumn(1).width = 12;
  sheet.getColumn(2).width = 36;
  sheet.getColumn(3).width = 8;
  sheet.getColumn(4).width = 16;
  sheet.getColumn(5).width = 80;
  const title = sheet.getCell("A1");
  title.value = safeCell(`${definition.name}（${definition.version}）填报模板`);
  title.font = { bold: true, size: 16 };
  sheet.getCell("A2").value = safeCell(
    `发布单位：${definition.issuer}；满分 ${formatShort(scheme.nodes[scheme.root]!.max)} 分；指标体系文件：${schemeFile}`,
  );
  const lines = [
    "填写说明",
    `1. 在“${layout.units.name}”表中每个被评单位填一行。单位代码必填且不能重复。请勿修改列标题（第 2 行）；可以增加以“备注”开头的列。`,
    "2. 列标题以指标代码开头，括号内为分值。将鼠标移到列标题上可看到评分标准。",
    "3. 评分类指标填写得分；扣分类指标每种扣分情形一列，填写发生次数（没有填 0；同一指标的扣分列全部空着表示该指标尚未评分）；逐项计分类指标每项一列，选“是”或“否”；等级类指标从下拉列表选择等级；是否类指标选“是”或“否”；满意度指标每个答案一列，填写有效问卷份数。",
    "4. 列标题为“不适用”的列：本单位不适用该指标时选“是”，该指标不评分，其分值不计入应得分，总分按得分率折算。",
    "5. 按基础数据计算的指标没有填写列，根据“基础数据”各列自动计算。",
    ...(scheme.bonus ? ["6. 加分项目填写经审定的加分，每项不超过最高分。"] : []),
    ...(layout.ratings
      ? [
          `7. “${layout.ratings.name}”表：每位评分人对每个单位一行，选择评分组，${scheme.raters?.scope === "total" ? "填写总分（不含加分）" : "逐项评分"}。有评分记录的单位按评分计算，没有的按“${layout.units.name}”表的评分计算。`,
        ]
      : []),
    `填好后计算结果：kaoping score --scheme ${schemeFile} --data <本文件>`,
  ];
  lines.forEach((text, i) => {
    const cell = sheet.getCell(4 + i, 1);
    cell.value = text;
    if (i === 0) cell.font = { bold: true };
    sheet.mergeCells(4 + i, 1, 4 + i, 5);
    cell.alignment = { wrapText: true, vertical: "top" };
    sheet.getRow(4 + i).height = Math.max(18, Math.ceil(text.length / 70) * 16);
  });
  const tableRow = 5 + lines.length;
  const headers = ["代码", "指标", "分值", "评分方法", "评分标准"];
  headers.forEach((text, i) => {
    const cell = sheet.getCell(tableRow, i + 1);
    cell.value = text;
    styleHeader(cell);
  });
  indicatorsInOrder(scheme).forEach((node, i) => {
    const row = sheet.getRow(tableRow + 1 + i);
    row.values = [
      node.code,
      `${"　".repeat(node.depth - 1)}${node.name}`,
      Number(formatShort(node.max)),
      methodName(scheme, node.code),
      node.source?.guidance?.trim() ?? "",
    ].map((value) => safeCell(value));
    row.getCell(5).alignment = { wrapText: true, vertical: "top" };
    if (node.children.length > 0) row.font = { bold: true };
  });
}

/** Writes the template workbook for the layout. */
export async function writeTemplate(
  layout: TableLayout,
  path: string,
  name: string,
  schemeFile: string,
): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Kaoping";
  // Sheets are created in the order they are shown; the hidden lists sheet last.
  const instructions = workbook.addWorksheet("说明");
  const dataSheets = [layout.units, ...(layout.ratings ? [layout.ratings] : [])].map((sheetLayout) =>
    workbook.addWorksheet(sheetLayout.name, {
      views: [{ state: "frozen", xSplit: 2, ySplit: 2, topLeftCell: "C3", activeCell: "A3" }],
    }),
  );
  const lists = new ListSheet(workbook);
  writeInstructions(instructions, layout, schemeFile);
  writeDataSheet(dataSheets[0]!, layout.units, lists, undefined);
  if (layout.ratings) {
    const codes = `'${layout.units.name}'!$A$${FIRST_DATA_ROW}:$A$${FIRST_DATA_ROW + TEMPLATE_ROWS - 1}`;
    writeDataSheet(dataSheets[1]!, layout.ratings, lists, codes);
  }
  for (const sheet of dataSheets) {
    await protectSheet(sheet, {
      insertRows: true,
      insertColumns: true,
      deleteRows: true,
      sort: true,
      autoFilter: true,
    });
  }
  workbook.views = [
    { x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 1, visibility: "visible" },
  ];
  await saveWorkbook(workbook, path, name);
}
