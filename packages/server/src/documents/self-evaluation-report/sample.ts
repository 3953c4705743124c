/**
 * A 自评报告 model as a 安全生产标准化 (S5) enterprise would have it, with 空项 re-basing, so that every placeholder
 * an organisation's template may use has a value (templates are checked against it, and its starter is built from
 * it). 1000 − 40 空项 = 960 应得分; 实得分 812; 812 ÷ 960 × 100% = 84.58%; 84.58 × 1000 ÷ 100 = 845.83 (from the
 * unrounded rate).
 */
import type { SelfEvaluationReportModel } from "./model.js";

export const selfEvaluationReportSample: SelfEvaluationReportModel = {
  title: "自评报告",
  unitCode: "Q01",
  unitName: "华兴机械制造有限公司",
  category: "机械制造",
  campaignName: "2026年度工贸企业安全生产标准化评定",
  year: "2026",
  organiserName: "县安全生产监督管理局",
  schemeName: "工贸企业安全生产标准化评定(自评与评审)",
  date: "2026年4月15日",
  scored: true,
  // Shown only while the draft cannot be scored; one line here so templates may loop over it.
  unscored: [{ text: "E05.2：no input was given" }],
  max: "1000",
  total: "845.83",
  graded: true,
  grade: "二级",
  rebased: true,
  naMax: "40.00",
  applicableMax: "960.00",
  points: "812.00",
  rate: "84.58",
  base: "845.83",
  rateFormula: "得分率 = 实得分 ÷ (总分 − 空项分值) × 100% = 812.00 ÷ (1000 − 40.00) × 100% = 84.58%",
  basicInfo: [
    {
      text: "华兴机械制造有限公司（机械制造）参加2026年度工贸企业安全生产标准化评定，对照《工贸企业安全生产标准化评定(自评与评审)》逐项开展自评。",
    },
    { text: "公司现有从业人员320人，设安全环保部，配备专职安全管理人员4名。" },
  ],
  practicesIntro: [{ text: "公司成立以总经理为组长的标准化自评小组，动员全员对照14项要素排查整改。" }],
  practices: [
    {
      code: "E01",
      name: "安全生产方针和目标",
      items: [
        { code: "E01.1", name: "方针与目标制定", text: "制定安全生产方针和年度目标，分解到车间班组。" },
        { code: "E01.2", name: "目标监测与考核", text: "每季度考核目标完成情况并兑现奖惩。" },
      ],
    },
  ],
  problemsIntro: [{ text: "对照评定标准，仍存在以下问题：" }],
  problems: [
    {
      code: "E01.1",
      name: "方针与目标制定",
      max: "20",
      score: "15.00",
      lost: "5.00",
      reason: "年度目标未分解到班组，扣5分",
      line: "E01.1 方针与目标制定（20分，自评得分15.00分，失分5.00分）：年度目标未分解到班组，扣5分。",
    },
  ],
  measures: [
    { text: "1. 针对“E01.1 方针与目标制定”失分5.00分的问题，明确责任部门和整改时限，逐项整改到位。" },
  ],
  indicators: [
    {
      code: "E01",
      name: "安全生产方针和目标",
      depth: 1,
      leaf: false,
      max: "40",
      score: "32.00",
      naMax: "0",
      notApplicable: false,
      lost: "8.00",
      reason: "",
    },
    {
      code: "E01.1",
      name: "方针与目标制定",
      depth: 2,
      leaf: true,
      max: "20",
      score: "15.00",
      naMax: "0",
      notApplicable: false,
      lost: "5.00",
      reason: "年度目标未分解到班组，扣5分",
    },
    {
      code: "E04.2",
      name: "重大危险源管理",
      depth: 2,
      leaf: true,
      max: "40",
      score: "—",
      naMax: "40",
      notApplicable: true,
      lost: "",
      reason: "空项（不适用），不计分",
    },
  ],
  evidence: [
    {
      code: "E01.1",
      name: "方针与目标制定",
      count: "2",
      files: [{ name: "安全生产方针文件.pdf" }, { name: "2026年安全生产目标责任书.pdf" }],
      fileList: "安全生产方针文件.pdf、2026年安全生产目标责任书.pdf",
    },
  ],
  evidenceCount: "2",
};
