/** A realistic 限期整改通知书: a school of the standardisation acceptance (S7) with one lost-point indicator. */
import type { RectificationNoticeModel } from "./model.js";

export const rectificationNoticeSample: RectificationNoticeModel = {
  title: "限期整改通知书",
  campaign: "2026年义务教育标准化学校评估验收",
  year: "2026",
  organiser: "县教育局",
  unit: { code: "S03", name: "县第三小学" },
  issuedOn: "2026年6月30日",
  preamble:
    "在2026年义务教育标准化学校评估验收中，经评估发现你单位存在以下问题。现将问题和整改要求通知如下，请限期整改。",
  items: [
    {
      number: "1",
      indicatorCode: "E1",
      indicator: "E1 教育教学质量",
      problem:
        "失12.50分（分值50分，得分37.50分）；【看】实地听课、查阅教学资料：课堂教学质量与自评不符，教育教学质量核减2分",
      requirement: "教学常规管理规范，课堂教学质量和学业质量监测达到县平均水平以上。",
      deadline: "2026年9月30日",
      due: "2026-09-30",
      status: "",
    },
  ],
  hasItems: true,
  deadline: "2026年9月30日",
  fourSpecifics:
    "你单位要高度重视，对照上述问题逐项制定整改方案，做到“四个具体”：有具体整改目标、有具体整改措施、有具体整改时限、有具体责任人，确保问题整改到位。",
  reply: "请于2026年9月30日前将整改情况书面报告县教育局。",
};
