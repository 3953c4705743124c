/** 自评报告 in the house style: cover, the five sections and the evidence catalogue. */
import type { Paragraph, Table } from "docx";
import {
  body,
  coverPage,
  heading1,
  heading2,
  houseDocument,
  houseTable,
  labelled,
  title,
} from "../house-style.js";
import type { ScoreRow, SelfEvaluationReportModel, Text } from "./model.js";

const lines = (texts: readonly Text[]): Paragraph[] => texts.flatMap((t) => body(t.text));

const CHINESE_NUMBERS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
const sub = (i: number, text: string) => heading2(`（${CHINESE_NUMBERS[i] ?? String(i + 1)}）${text}`);

/** Indents a row's name by its depth, so the table reads as the indicator tree. */
const indicatorName = (r: ScoreRow) => `${"　".repeat(r.depth - 1)}${r.name}`;

function scoreTable(m: SelfEvaluationReportModel): Table {
  if (m.rebased) {
    return houseTable(
      ["编号", "评定项目", "分值", "空项分值", "实得分", "扣分原因"],
      [
        ...m.indicators.map((r) => [
          r.code,
          indicatorName(r),
          r.max,
          r.naMax === "0" ? "" : r.naMax,
          r.score,
          r.reason,
        ]),
        ["", "合计", m.max, m.naMax, m.points, ""],
      ],
      [0.12, 0.19, 0.08, 0.13, 0.12, 0.36],
      ["left", "left", "center", "center", "center", "left"],
    );
  }
  return houseTable(
    ["编号", "评估指标", "分值", "自评得分", "扣分及原因"],
    [
      ...m.indicators.map((r) => [r.code, indicatorName(r), r.max, r.score, r.reason]),
      ["", "合计", m.max, m.total, ""],
    ],
    [0.13, 0.28, 0.09, 0.14, 0.36],
    ["left", "left", "center", "center", "left"],
  );
}

function scoreSummary(m: SelfEvaluationReportModel): Paragraph[] {
  if (!m.scored) return [...body("自评尚未完成，以下各项暂未计分："), ...lines(m.unscored)];
  const out = [labelled("自评总分：", `满分${m.max}分，自评得分${m.total}分。`)];
  if (m.rebased) {
    out.push(
      labelled("空项分值：", `${m.naMax}分；应得分${m.applicableMax}分；实得分${m.points}分。`),
      labelled("得分率：", m.rateFormula),
      labelled("换算得分：", `${m.rate}% × ${m.max} ÷ 100 = ${m.base}分。`),
    );
  }
  if (m.graded) out.push(labelled("自评等次：", m.grade));
  return out;
}

export function selfEvaluationReportDocx(m: SelfEvaluationReportModel): Promise<Buffer> {
  const cover = coverPage(`${m.unitName}${m.title}`, [
    m.campaignName,
    `（${m.year}年度）`,
    "",
    `评估依据：${m.schemeName}`,
    `组织单位：${m.organiserName}`,
    "",
    m.date,
  ]);
  const children: Array<Paragraph | Table> = [
    title(`${m.unitName}${m.title}`),
    heading1("一、基本情况"),
    ...lines(m.basicInfo),
    heading1("二、主要做法与成效"),
    ...lines(m.practicesIntro),
    ...m.practices.flatMap((p, i) => [
      sub(i, `${p.code} ${p.name}`),
      ...p.items.flatMap((item) => body(`${item.code === p.code ? "" : `${item.name}：`}${item.text}`)),
    ]),
    heading1("三、存在问题"),
    ...lines(m.problemsIntro),
    ...(m.problems.length === 0 && m.scored ? body("对照评估指标逐项自查，未发现失分项目。") : []),
    ...m.problems.flatMap((p, i) => body(`${i + 1}. ${p.line}`)),
    heading1("四、整改措施与下一步打算"),
    ...lines(m.measures),
    heading1("五、自评得分表"),
    ...scoreSummary(m),
    scoreTable(m),
    heading1("六、资料目录"),
    ...(m.evidence.length === 0
      ? body("未上传佐证资料。")
      : [
          ...body(`共上传佐证资料${m.evidenceCount}份。`),
          houseTable(
            ["编号", "指标", "资料名称", "份数"],
            m.evidence.map((e) => [e.code, e.name, e.files.map((f) => f.name).join("\n"), e.count]),
            [0.1, 0.25, 0.53, 0.12],
            ["left", "left", "left", "center"],
          ),
        ]),
  ];
  return houseDocument(children, { title: `${m.unitName}${m.title}`, cover });
}
