/** A realistic 通报: the county trade-union appraisal (S4) as published, nested quotas and one veto. */
import type { BulletinModel } from "./model.js";

export const bulletinSample: BulletinModel = {
  title: "关于2026年度全县工会工作创优争先考评结果的通报",
  campaign: "2026年度全县工会工作创优争先考评",
  year: "2026",
  scheme: "全县工会工作创优争先考评办法",
  organiser: "县总工会",
  organiserCode: "S4-ZGH",
  issuedOn: "2027年2月20日",
  published: true,
  preamble:
    "根据《全县工会工作创优争先考评办法》，县总工会组织开展了2026年度全县工会工作创优争先考评，对14个单位进行了考评。经单位自评、实地评估/复评、汇总定级、公示等程序，考评工作已经结束。现将考评结果通报如下。",
  unitCount: "14",
  hasBonus: true,
  hasQuota: true,
  rows: [
    {
      rank: "1",
      code: "T01",
      unit: "城关镇工会",
      total: "94.85",
      bonus: "2.00",
      grade: "优秀单位",
      quota: "优秀单位 第 1/2 名",
    },
    {
      rank: "2",
      code: "D01",
      unit: "县教育系统工会",
      total: "92.00",
      bonus: "1.00",
      grade: "优秀单位",
      quota: "优秀单位 第 2/2 名",
    },
    {
      rank: "3",
      code: "T02",
      unit: "河口镇工会",
      total: "90.85",
      bonus: "1.50",
      grade: "先进单位",
      quota: "先进单位 第 1/3 名",
    },
    { rank: "4", code: "T05", unit: "青山乡工会", total: "89.31", bonus: "0.00", grade: "未达标", quota: "" },
  ],
  grades: [
    { grade: "优秀单位", count: "2" },
    { grade: "先进单位", count: "3" },
    { grade: "达标单位", count: "4" },
    { grade: "未达标", count: "5" },
  ],
  gradeSummary: "优秀单位2个、先进单位3个、达标单位4个、未达标5个",
  vetoes: [{ code: "T05", unit: "青山乡工会", rules: "“两个普遍”工作目标没有完成", grade: "未达标" }],
  hasVetoes: true,
  closing:
    "希望受到表彰的单位珍惜荣誉、再接再厉；未达到要求的单位要认真查找差距，对照反馈意见抓好整改，推动各项工作再上新台阶。",
};
