/**
 * 案件类型模板: the two case types of seed 001 (区数字化城管监督指挥中心 and 区12345市民服务热线), stages as the center
 * works them, with the hours allowed. A center starts a new type from one of these or from nothing; the demo and
 * the tests define their types from them.
 */
import type { CaseTypeDefinition } from "./case-type.js";

export interface CaseTypeTemplate {
  code: string;
  name: string;
  definition: CaseTypeDefinition;
}

export const CASE_TYPE_TEMPLATES: ReadonlyArray<CaseTypeTemplate> = [
  {
    /** 数字化城管: 发现 2h → 受理 1h → 分派 2h → 处理 48h (unit) → 核查 24h → 结案 8h, 85 hours to close. */
    code: "city",
    name: "数字化城管案件",
    definition: {
      stages: [
        { code: "discover", name: "发现", hours: 2, actor: "center" },
        { code: "accept", name: "受理", hours: 1, actor: "center" },
        { code: "dispatch", name: "分派", hours: 2, actor: "center" },
        { code: "handle", name: "处理", hours: 48, actor: "unit" },
        { code: "check", name: "核查", hours: 24, actor: "center" },
        { code: "close", name: "结案", hours: 8, actor: "center" },
      ],
      dispatchStage: "dispatch",
      closingStage: "close",
      revisitStage: null,
    },
  },
  {
    /** 12345热线: 接收 2h → 分派 4h → 督办 120h (unit) → 回访 48h → 回复 24h, 198 hours to close. */
    code: "hotline",
    name: "12345热线工单",
    definition: {
      stages: [
        { code: "receive", name: "接收", hours: 2, actor: "center" },
        { code: "dispatch", name: "分派", hours: 4, actor: "center" },
        { code: "supervise", name: "督办", hours: 120, actor: "unit" },
        { code: "revisit", name: "回访", hours: 48, actor: "center" },
        { code: "reply", name: "回复", hours: 24, actor: "center" },
      ],
      dispatchStage: "dispatch",
      closingStage: "reply",
      revisitStage: "revisit",
    },
  },
];

/** The template with this code; throws for an unknown one (a programming error: the codes are fixed above). */
export function caseTypeTemplate(code: "city" | "hotline"): CaseTypeTemplate {
  const found = CASE_TYPE_TEMPLATES.find((t) => t.code === code);
  if (found === undefined) throw new Error(`no case type template ${code}`);
  return found;
}
