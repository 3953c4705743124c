/**
 * Result exports: the ranking of a grading run (排名表: rank, unit, category, total, grade, quota place, vetoes)
 * and the score matrix of a campaign (units × leaf indicators, with first-level subtotals). Figures are the
 * engine's decimal strings, written as numbers with the scheme's places (Excel's doubles hold them exactly at
 * these sizes, and people sort and sum them); every text from people goes through safeCellText.
 */
import type { CompiledScheme, UnitResult } from "@kaoping/core";
import ExcelJS from "exceljs";
import { safeCellText } from "./safe-cell-text.js";
import { columnWidth, styleHeader, THIN, workbookBuffer } from "./sheet-style.js";

export interface RankingLine {
  rank: number;
  unit: string;
  name: string | null;
  category: string | null;
  total: string;
  rate: string;
  bonus: string;
  gradeName: string | null;
  /** "先进 第3名/共12名（达标的60%）", or "". */
  quota: string;
  vetoes: string[];
}

const numberFormat = (figure: string): string => {
  const places = figure.split(".")[1]?.length ?? 0;
  return places === 0 ? "0" : `0.${"0".repeat(places)}`;
};

function figureCell(cell: ExcelJS.Cell, figure: string): void {
  cell.value = Number(figure);
  cell.numFmt = numberFormat(figure);
}

function titled(sheet: ExcelJS.Worksheet, title: string, headers: string[]): void {
  sheet.mergeCells(1, 1, 1, headers.length);
  const cell = sheet.getCell(1, 1);
  cell.value = safeCellText(title);
  cell.font = { bold: true, size: 14 };
  cell.alignment = { horizontal: "center" };
  headers.forEach((header, i) => {
    const h = sheet.getCell(2, i + 1);
    h.value = safeCellText(header);
    styleHeader(h);
  });
}

export async function rankingWorkbook(title: string, lines: readonly RankingLine[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Kaoping";
  const sheet = workbook.addWorksheet("排名表", { views: [{ state: "frozen", ySplit: 2 }] });
  const headers = [
    "名次",
    "单位代码",
    "单位名称",
    "类别",
    "总分",
    "得分率（%）",
    "加分",
    "等次",
    "名额位次",
    "否决事项",
  ];
  titled(sheet, title, headers);
  lines.forEach((line, i) => {
    const row = sheet.getRow(3 + i);
    row.getCell(1).value = line.rank;
    row.getCell(2).value = safeCellText(line.unit);
    row.getCell(3).value = safeCellText(line.name ?? "");
    row.getCell(4).value = safeCellText(line.category ?? "");
    figureCell(row.getCell(5), line.total);
    figureCell(row.getCell(6), line.rate);
    figureCell(row.getCell(7), line.bonus);
    row.getCell(8).value = safeCellText(line.gradeName ?? "");
    row.getCell(9).value = safeCellText(line.quota);
    row.getCell(10).value = safeCellText(line.vetoes.join("；"));
    for (let c = 1; c <= headers.length; c++) row.getCell(c).border = THIN;
  });
  const texts = (pick: (l: RankingLine) => string) => lines.map(pick);
  const widths = [
    texts((l) => String(l.rank)),
    texts((l) => l.unit),
    texts((l) => l.name ?? ""),
    texts((l) => l.category ?? ""),
    texts((l) => l.total),
    texts((l) => l.rate),
    texts((l) => l.bonus),
    texts((l) => l.gradeName ?? ""),
    texts((l) => l.quota),
    texts((l) => l.vetoes.join("；")),
  ];
  headers.forEach((header, i) => {
    sheet.getColumn(i + 1).width = columnWidth(header, widths[i]);
  });
  return workbookBuffer(workbook);
}

/** The matrix's columns: for each first-level indicator, its leaves then its subtotal. */
function matrixColumns(plan: CompiledScheme): Array<{ code: string; header: string; subtotal: boolean }> {
  const columns: Array<{ code: string; header: string; subtotal: boolean }> = [];
  const leaves = (index: number): number[] => {
    const node = plan.nodes[index]!;
    return node.method !== null ? [index] : node.children.flatMap(leaves);
  };
  for (const first of plan.nodes[plan.root]!.children) {
    const node = plan.nodes[first]!;
    if (node.method === null)
      for (const leaf of leaves(first)) {
        const l = plan.nodes[leaf]!;
        columns.push({ code: l.code, header: `${l.code} ${l.name}`, subtotal: false });
      }
    columns.push({
      code: node.code,
      header: `${node.code} ${node.name}${node.method === null ? "小计" : ""}`,
      subtotal: true,
    });
  }
  return columns;
}

export async function scoreMatrixWorkbook(
  title: string,
  plan: CompiledScheme,
  units: readonly UnitResult[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Kaoping";
  const sheet = workbook.addWorksheet("得分矩阵", { views: [{ state: "frozen", ySplit: 2, xSplit: 2 }] });
  const columns = matrixColumns(plan);
  const headers = ["单位代码", "单位名称", ...columns.map((c) => c.header), "总分", "等次"];
  titled(sheet, title, headers);
  units.forEach((unit, i) => {
    const row = sheet.getRow(3 + i);
    row.getCell(1).value = safeCellText(unit.unit);
    row.getCell(2).value = safeCellText(unit.name ?? "");
    columns.forEach((column, c) => {
      const result = unit.indicators[column.code];
      const cell = row.getCell(3 + c);
      if (result === undefined) return;
      if (result.na) cell.value = "不适用";
      else figureCell(cell, result.score);
      if (column.subtotal) cell.font = { bold: true };
    });
    figureCell(row.getCell(3 + columns.length), unit.total);
    row.getCell(4 + columns.length).value = safeCellText(unit.gradeName ?? "");
    for (let c = 1; c <= headers.length; c++) row.getCell(c).border = THIN;
  });
  headers.forEach((header, i) => {
    sheet.getColumn(i + 1).width =
      i < 2
        ? columnWidth(
            header,
            units.map((u) => (i === 0 ? u.unit : (u.name ?? ""))),
          )
        : 12;
  });
  sheet.getRow(2).height = 60;
  return workbookBuffer(workbook);
}
