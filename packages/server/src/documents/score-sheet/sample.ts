/** A filled 评审评分表 model, S7 义务教育标准化学校 style: every placeholder of a template has a value. */
import type { ScoreSheetModel } from "./model.js";

export const scoreSheetSample: ScoreSheetModel = {
  title: "评审评分表",
  unitCode: "S01",
  unitName: "城关第一小学",
  campaignName: "2026年义务教育标准化学校评估验收",
  year: "2026",
  organiserName: "县人民政府教育督导室",
  schemeName: "义务教育标准化学校评估验收",
  groupName: "评估组",
  reviewerName: "李专家",
  filled: true,
  max: "100",
  total: "88.00",
  indicators: [
    {
      code: "A",
      name: "办学条件",
      depth: 1,
      leaf: false,
      max: "40",
      criteria: "",
      score: "36.00",
      reason: "",
    },
    {
      code: "A4",
      name: "校舍安全",
      depth: 2,
      leaf: true,
      max: "5",
      criteria: "有D级危房的扣5分；未按期鉴定的扣2分",
      score: "3.00",
      reason: "未按期鉴定的扣2分；（看）实验楼外墙有裂缝",
    },
  ],
  findings: [{ kind: "问题：", text: "功能教室使用记录不全。" }],
  date: "2026年5月20日",
};
