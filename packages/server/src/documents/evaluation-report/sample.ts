/** A realistic 反馈意见: a school of the standardisation acceptance (S7) after grading, with a site-visit finding. */
import type { EvaluationReportModel } from "./model.js";

export const evaluationReportSample: EvaluationReportModel = {
  title: "关于县第三小学2026年义务教育标准化学校评估验收情况的反馈意见",
  campaign: "2026年义务教育标准化学校评估验收",
  year: "2026",
  scheme: "义务教育标准化学校评估验收标准",
  organiser: "县教育局",
  unit: { code: "S03", name: "县第三小学" },
  issuedOn: "2026年6月30日",
  graded: true,
  scoreColumn: "最终得分",
  preamble:
    "根据《义务教育标准化学校评估验收标准》，县教育局组织开展了2026年义务教育标准化学校评估验收，经单位自评、初审、实地评估/复评、汇总定级、公示等程序，现将你单位评估结果和发现的问题反馈如下。",
  result: "你单位最终得分898.00分，等次为“基本达标”，在12个参评单位中排名第7位（自评得分900.00分）。",
  selfTotal: "900.00",
  total: "898.00",
  grade: "基本达标",
  rank: "7",
  scores: [
    { code: "A", name: "办学条件", firstLevel: true, max: "300", self: "263.00", score: "263.00" },
    { code: "A1.1", name: "学校规模", firstLevel: false, max: "10", self: "10.00", score: "10.00" },
    { code: "E", name: "教育质量", firstLevel: true, max: "100", self: "78.50", score: "76.50" },
    { code: "E1", name: "教育教学质量", firstLevel: false, max: "50", self: "39.50", score: "37.50" },
  ],
  findings: [
    {
      indicator: "E1 教育教学质量",
      kind: "看",
      text: "实地听课、查阅教学资料：课堂教学质量与自评不符，教育教学质量核减2分",
    },
  ],
  problems: [
    {
      number: "1",
      indicator: "E1 教育教学质量",
      text: "失12.50分（分值50分，得分37.50分）；【看】实地听课、查阅教学资料：课堂教学质量与自评不符，教育教学质量核减2分",
    },
  ],
  hasProblems: true,
  rectification: [
    {
      number: "1",
      indicator: "E1 教育教学质量",
      problem: "【看】实地听课、查阅教学资料：课堂教学质量与自评不符，教育教学质量核减2分",
      deadline: "2026年9月30日",
      status: "整改中（未完成）",
    },
  ],
  hasRectification: true,
  requirement:
    "请你单位对照上述问题认真制定整改方案，明确整改目标、措施、时限和责任人，于收到通知之日起30日内完成整改，并将整改情况书面报告县教育局（具体要求见限期整改通知书）。",
  deadline: "收到通知之日起30日内",
};
