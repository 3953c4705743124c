/**
 * A base-data table's own workbook (基础数据统计表导入模板), for tables too large for the self-evaluation workbook:
 * instructions, the table's sheet with its current rows and validation, and the hidden versions sheet. Written
 * with exceljs's streaming writer, row by row, to a stream.
 */
import { PassThrough, type Readable } from "node:stream";
import type { Table, TableCell } from "@kaoping/core";
import ExcelJS from "exceljs";
import { ListSheet } from "./data-validation.js";
import { writeInstructions } from "./instructions-sheet.js";
import { INSTRUCTIONS_SHEET, META_SHEET, sheetName } from "./self-evaluation-layout.js";
import { protectSheet } from "./sheet-style.js";
import { KEY_HEADER, tableSheetColumns } from "./table-columns.js";
import { writeTableSheet } from "./table-sheet.js";
import { metaRows, type WorkbookMeta } from "./workbook-meta.js";

/** The name of a table's sheet, in its own workbook and in the self-evaluation workbook alike. */
export const tableSheetName = (table: Table): string =>
  sheetName(`${table.code} ${table.name}`, new Set([INSTRUCTIONS_SHEET, META_SHEET]));

export interface TableWorkbookInput {
  table: Table;
  campaignName: string;
  unitName: string;
  rows: Iterable<readonly [string, Record<string, TableCell>]>;
  meta: WorkbookMeta;
}

async function writeTableWorkbook(workbook: ExcelJS.stream.xlsx.WorkbookWriter, input: TableWorkbookInput) {
  const { table } = input;
  const instructions = workbook.addWorksheet(INSTRUCTIONS_SHEET);
  writeInstructions(instructions, {
    title: `${table.code} ${table.name} 填报模板`,
    facts: [
      ["考评活动", input.campaignName],
      ["被评单位", input.unitName],
      ["统计表", `${table.code} ${table.name}`],
      ...(table.description ? ([["说明", table.description]] as Array<[string, string]>) : []),
    ],
    steps: [
      table.rows === undefined
        ? `在“${tableSheetName(table)}”表中每条记录填一行，“${KEY_HEADER}”自定且不能重复（字母、数字、“.”“_”“-”）；可增删行。`
        : `在“${tableSheetName(table)}”表中按行填写黄色单元格；行代码和项目已锁定，请勿修改。`,
      "标有“*”的列必须填写；数值列只能填数字，整数列只能填整数。",
      "填好后在系统自评页面的该统计表处选择“导入”上传本文件。导入时逐行校验，有任何错误时不作任何修改并列出每个错误所在的单元格；同一文件重复导入不会产生变化。",
      "文件中没有的行会在导入时删除。导出后如有人在系统中修改了本表，导入时会提示冲突，请重新下载。",
    ],
    columns: tableSheetColumns(table).map((c): [string, string] => [
      c.header,
      c.kind === "key"
        ? "行的代码"
        : c.kind === "name"
          ? "行的名称"
          : c.column.type === "text"
            ? "文字"
            : c.column.type === "integer"
              ? "整数"
              : "数值",
    ]),
  });
  await protectSheet(instructions);
  instructions.commit();
  const sheet = workbook.addWorksheet(tableSheetName(table), { views: [{ state: "frozen", ySplit: 2 }] });
  await writeTableSheet(sheet, table, input.rows, new ListSheet(workbook));
  sheet.commit();
  const meta = workbook.addWorksheet(META_SHEET, { state: "veryHidden" });
  for (const row of metaRows(input.meta)) meta.addRow(row).commit();
  meta.commit();
  await workbook.commit();
}

/** The workbook as a stream; a failure while writing ends the stream with the error. */
export function tableWorkbookStream(input: TableWorkbookInput): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = "Kaoping";
  writeTableWorkbook(workbook, input).catch((error: unknown) => out.destroy(error as Error));
  return out;
}
