/** 评估报告/反馈意见 in the house style: 主送, preamble, result, score table, findings, problems, 整改要求, 落款. */
import type { Paragraph, Table } from "docx";
import {
  addressee,
  body,
  closing,
  heading1,
  houseDocument,
  houseTable,
  signature,
  title,
} from "../house-style.js";
import type { EvaluationReportModel } from "./model.js";

export function evaluationReportDocx(m: EvaluationReportModel): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [
    title(m.title),
    addressee(m.unit.name),
    ...body(m.preamble),
    heading1("一、评估结果"),
    ...body(m.result),
    heading1("二、分项得分"),
    houseTable(
      ["指标", "分值", "自评得分", m.scoreColumn],
      m.scores.map((r) => [
        r.firstLevel ? `${r.code} ${r.name}（小计）` : `${r.code} ${r.name}`,
        r.max,
        r.self,
        r.score,
      ]),
      [0.52, 0.14, 0.17, 0.17],
      ["left", "right", "right", "right"],
    ),
    heading1("三、评估发现"),
    ...(m.findings.length === 0
      ? body("评估组未记录现场发现。")
      : m.findings.flatMap((f) => body(`${f.indicator}：【${f.kind}】${f.text}`))),
    heading1("四、存在问题"),
    ...(m.hasProblems
      ? m.problems.flatMap((p) => body(`${p.number}．${p.indicator}：${p.text}`))
      : body("未发现问题。")),
    ...(m.hasRectification
      ? [
          heading1("五、整改落实情况"),
          ...m.rectification.flatMap((r) =>
            body(`${r.number}．${r.indicator}：${r.problem}（整改时限：${r.deadline}；${r.status}）`),
          ),
        ]
      : []),
    heading1(m.hasRectification ? "六、整改要求" : "五、整改要求"),
    ...closing(m.requirement),
    ...signature(m.organiser, m.issuedOn),
  ];
  return houseDocument(children, { title: m.title });
}
