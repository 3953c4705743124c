/** The 填报说明 sheet every fill-in workbook opens with: what it is for, the facts that identify it, and how to fill it. */
import type ExcelJS from "exceljs";
import { safeCellText } from "./safe-cell-text.js";
import { styleHeader } from "./sheet-style.js";

export interface Instructions {
  title: string;
  /** Label and value: 考评活动, 被评单位, 截止时间 … (values are user text, guarded). */
  facts: Array<[string, string]>;
  /** Numbered steps: how to fill, how to import. */
  steps: string[];
  /** What each column means: header and explanation. */
  columns: Array<[string, string]>;
}

const WIDTH = 90;

export function writeInstructions(sheet: ExcelJS.Worksheet, instructions: Instructions): void {
  sheet.getColumn(1).width = 16;
  sheet.getColumn(2).width = WIDTH;
  let row = 1;
  const title = sheet.getCell(row, 1);
  title.value = safeCellText(instructions.title);
  title.font = { bold: true, size: 16 };
  sheet.mergeCells(row, 1, row, 2);
  row += 2;
  for (const [label, value] of instructions.facts) {
    sheet.getCell(row, 1).value = label;
    sheet.getCell(row, 1).font = { bold: true };
    sheet.getCell(row, 2).value = safeCellText(value);
    row++;
  }
  row++;
  sheet.getCell(row, 1).value = "填写与导入";
  sheet.getCell(row, 1).font = { bold: true };
  row++;
  instructions.steps.forEach((step, i) => {
    sheet.getCell(row, 1).value = `${i + 1}.`;
    const cell = sheet.getCell(row, 2);
    cell.value = step;
    cell.alignment = { wrapText: true, vertical: "top" };
    sheet.getRow(row).height = Math.max(18, Math.ceil(step.length / 45) * 16);
    row++;
  });
  row++;
  styleHeader(sheet.getCell(row, 1));
  styleHeader(sheet.getCell(row, 2));
  sheet.getCell(row, 1).value = "列";
  sheet.getCell(row, 2).value = "含义";
  row++;
  for (const [header, meaning] of instructions.columns) {
    sheet.getCell(row, 1).value = header;
    const cell = sheet.getCell(row, 2);
    cell.value = meaning;
    cell.alignment = { wrapText: true, vertical: "top" };
    row++;
  }
}
