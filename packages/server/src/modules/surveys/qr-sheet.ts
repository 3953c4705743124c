/**
 * 二维码发放表: a Word document with a sheet of QR codes per unit, three to a row, each with the unit, the
 * respondent group and the link under it, to print, cut and hand out. In the house style (A4, GB/T 9704 fonts).
 */
import { AlignmentType, ImageRun, type Paragraph, Table, TextRun, WidthType } from "docx";
import QRCode from "qrcode";
import {
  heading1,
  body as houseBody,
  houseDocument,
  TABLE_BORDERS,
  TEXT_WIDTH,
  tableRow,
  title,
} from "../../documents/house-style.js";
import type { IssuedToken } from "./issue-tokens.js";
import { surveyLink } from "./survey-tokens.js";

const PER_ROW = 3;
/** 4 cm square, in pixels at 96 dpi (docx's unit for images). */
const QR_PIXELS = 151;

async function codeCell(origin: string, token: IssuedToken) {
  const link = surveyLink(origin, token.token);
  const png = await QRCode.toBuffer(link, { type: "png", errorCorrectionLevel: "M", margin: 1, width: 300 });
  return [
    new ImageRun({ type: "png", data: png, transformation: { width: QR_PIXELS, height: QR_PIXELS } }),
    new TextRun({ text: token.unitName, break: 1 }),
    new TextRun({ text: `调查对象：${token.groupName}`, break: 1 }),
    new TextRun({ text: link, break: 1, size: 14 }),
  ];
}

export async function qrSheet(
  surveyTitle: string,
  origin: string,
  tokens: readonly IssuedToken[],
): Promise<Buffer> {
  const widths = Array.from({ length: PER_ROW }, () => 1 / PER_ROW);
  const children: Array<Paragraph | Table> = [title(`${surveyTitle}二维码`)];
  children.push(...houseBody("每个二维码只能提交一次问卷，请逐一发放给调查对象；问卷不记录作答人信息。"));
  const units = [...new Set(tokens.map((t) => t.organisationId))];
  for (const unit of units) {
    const own = tokens.filter((t) => t.organisationId === unit);
    children.push(heading1(`${own[0]!.unitName}（${own.length}份）`));
    const cells = await Promise.all(own.map((t) => codeCell(origin, t)));
    const rows = [];
    for (let i = 0; i < cells.length; i += PER_ROW) {
      const row = cells.slice(i, i + PER_ROW);
      while (row.length < PER_ROW) row.push([]);
      rows.push(tableRow(row, widths, { align: widths.map(() => "center" as const) }));
    }
    children.push(
      new Table({
        width: { size: TEXT_WIDTH, type: WidthType.DXA },
        columnWidths: widths.map((w) => Math.round(TEXT_WIDTH * w)),
        borders: TABLE_BORDERS,
        alignment: AlignmentType.CENTER,
        rows,
      }),
    );
  }
  return houseDocument(children, { title: `${surveyTitle}二维码` });
}
