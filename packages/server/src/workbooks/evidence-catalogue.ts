/**
 * 资料目录: the catalogue of a unit's evidence files, one row per file (indicator code and name, file name, size,
 * uploaded at and by), for the evidence archive. Small, so written whole to a Buffer.
 */
import ExcelJS from "exceljs";
import { safeCellText } from "./safe-cell-text.js";
import { columnWidth, styleHeader, THIN, workbookBuffer } from "./sheet-style.js";

export interface EvidenceCatalogueRow {
  indicatorCode: string;
  indicatorName: string;
  fileName: string;
  size: number;
  uploadedAt: Date;
  uploadedBy: string;
}

const HEADERS = ["序号", "指标代码", "指标名称", "文件名", "大小（KB）", "上传时间", "上传人"];

/** 2026-03-01 09:30 in China Standard Time, as the people filing the archive read it. */
export function beijingTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}

/** Kilobytes with one decimal, from whole bytes (integer arithmetic, rounded half up). */
export function kilobytes(bytes: number): string {
  const tenths = Math.floor((bytes * 10 + 512) / 1024);
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

export async function evidenceCatalogueWorkbook(rows: readonly EvidenceCatalogueRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Kaoping";
  const sheet = workbook.addWorksheet("资料目录", { views: [{ state: "frozen", ySplit: 2 }] });
  sheet.mergeCells(1, 1, 1, HEADERS.length);
  const title = sheet.getCell(1, 1);
  title.value = "资料目录";
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: "center" };
  sheet.getRow(2).values = HEADERS;
  for (let c = 1; c <= HEADERS.length; c++) styleHeader(sheet.getCell(2, c));
  const texts = rows.map((r, i) => [
    String(i + 1),
    safeCellText(r.indicatorCode),
    safeCellText(r.indicatorName),
    safeCellText(r.fileName),
    kilobytes(r.size),
    beijingTime(r.uploadedAt),
    safeCellText(r.uploadedBy),
  ]);
  texts.forEach((values, i) => {
    const row = sheet.getRow(3 + i);
    row.values = [i + 1, values[1], values[2], values[3], Number(values[4]), values[5], values[6]];
    row.eachCell((cell) => {
      cell.border = THIN;
    });
    row.getCell(5).numFmt = "0.0";
  });
  HEADERS.forEach((header, i) => {
    sheet.getColumn(i + 1).width = columnWidth(
      header,
      texts.map((t) => t[i]!),
    );
  });
  return workbookBuffer(workbook);
}
