/** 评审评分表 in the house style: a header with the unit and campaign, the indicator table, signature lines. */
import type { Paragraph, Table } from "docx";
import { body, heading1, houseDocument, houseTable, labelled, title } from "../house-style.js";
import type { ScoreSheetModel } from "./model.js";

export function scoreSheetDocx(m: ScoreSheetModel): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [
    title(`${m.campaignName}${m.title}`),
    labelled("被评单位：", `${m.unitName}（${m.unitCode}）`),
    labelled("评估依据：", `${m.schemeName}（满分${m.max}分）`),
    labelled("评分组别：", m.groupName),
    houseTable(
      ["编号", "评估指标", "分值", "评分标准", "得分", "扣分原因/发现的问题"],
      [
        ...m.indicators.map((r) => [
          r.code,
          `${"　".repeat(r.depth - 1)}${r.name}`,
          r.max,
          r.criteria,
          r.score,
          r.reason,
        ]),
        ["", "合计", m.max, "", m.total, ""],
      ],
      [0.12, 0.22, 0.08, 0.24, 0.12, 0.22],
      ["left", "left", "center", "left", "center", "left"],
    ),
  ];
  if (m.findings.length > 0) {
    children.push(heading1("综合意见"), ...m.findings.flatMap((f) => body(`${f.kind}${f.text}`)));
  }
  children.push(
    ...body(""),
    labelled(
      "评审专家（签名）：",
      m.reviewerName === "" ? "＿＿＿＿＿＿＿＿" : `${m.reviewerName}　＿＿＿＿＿＿`,
    ),
    labelled("日期：", m.date === "" ? "＿＿＿＿年＿＿月＿＿日" : m.date),
  );
  return houseDocument(children, { title: `${m.unitName}${m.title}` });
}
