/** 通报 in the house style: title, preamble, ranking table, grade counts, veto cases, closing, 落款. */
import type { Paragraph, Table } from "docx";
import { body, closing, heading1, houseDocument, houseTable, signature, title } from "../house-style.js";
import type { BulletinModel } from "./model.js";

type Align = "left" | "center" | "right";

function rankingTable(m: BulletinModel): Table {
  const columns: Array<{
    header: string;
    width: number;
    align: Align;
    cell: (r: BulletinModel["rows"][number]) => string;
  }> = [
    { header: "名次", width: 0.08, align: "center", cell: (r) => r.rank },
    { header: "单位", width: 0.31, align: "left", cell: (r) => r.unit },
    { header: "总分", width: 0.12, align: "right", cell: (r) => r.total },
    ...(m.hasBonus
      ? [
          {
            header: "加分",
            width: 0.1,
            align: "right" as const,
            cell: (r: BulletinModel["rows"][number]) => r.bonus,
          },
        ]
      : []),
    { header: "等次", width: 0.14, align: "center", cell: (r) => r.grade },
    ...(m.hasQuota
      ? [
          {
            header: "名额",
            width: 0.25,
            align: "center" as const,
            cell: (r: BulletinModel["rows"][number]) => r.quota,
          },
        ]
      : []),
  ];
  const sum = columns.reduce((s, c) => s + c.width, 0);
  return houseTable(
    columns.map((c) => c.header),
    m.rows.map((r) => columns.map((c) => c.cell(r))),
    columns.map((c) => c.width / sum),
    columns.map((c) => c.align),
  );
}

export function bulletinDocx(m: BulletinModel): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [
    title(m.published ? m.title : `${m.title}（未公布稿）`),
    ...body(m.preamble),
    heading1("一、考评结果"),
    rankingTable(m),
    heading1("二、等次情况"),
    ...body(`共${m.unitCount}个单位参加考评，其中${m.gradeSummary}。`),
    heading1("三、一票否决情况"),
    ...(m.hasVetoes
      ? m.vetoes.flatMap((v) => body(`${v.unit}：${v.rules}，实行一票否决，定为“${v.grade}”。`))
      : body("本次考评无一票否决情形。")),
    ...closing(m.closing),
    ...signature(m.organiser, m.issuedOn),
  ];
  return houseDocument(children, { title: m.title });
}
