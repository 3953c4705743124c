/**
 * The seeds' campaign stages, in their order. A campaign uses the ones its scheme needs, each with a deadline;
 * exactly one is open at a time once the campaign runs, and they open strictly in order.
 */
import { AppError } from "../../errors.js";

export const STAGES = [
  { code: "deploy", zh: "动员部署" },
  { code: "self_evaluation", zh: "单位自评" },
  { code: "preliminary", zh: "初审" },
  { code: "review", zh: "实地评估/复评" },
  { code: "social", zh: "社会评价" },
  { code: "grading", zh: "汇总定级" },
  { code: "publicity", zh: "公示" },
  { code: "feedback", zh: "通报反馈" },
  { code: "rectification", zh: "整改" },
  { code: "recheck", zh: "复核" },
] as const;

export type StageCode = (typeof STAGES)[number]["code"];
export const STAGE_CODES = STAGES.map((s) => s.code) as [StageCode, ...StageCode[]];

export interface StageState {
  stage: string;
  position: number;
  startsAt: Date | null;
  deadline: Date | null;
  openedAt: Date | null;
  closedAt: Date | null;
}

export const stageName = (code: string): string => STAGES.find((s) => s.code === code)?.zh ?? code;

/** The open stage, or null before the campaign starts and after the last stage closes. */
export function currentStage(stages: readonly StageState[]): StageState | null {
  return stages.find((s) => s.openedAt !== null && s.closedAt === null) ?? null;
}

export const hasStage = (stages: readonly StageState[], code: StageCode): boolean =>
  stages.some((s) => s.stage === code);

export const isClosed = (stages: readonly StageState[], code: StageCode): boolean =>
  stages.some((s) => s.stage === code && s.closedAt !== null);

/** Whether a stage the campaign uses has been reached (it is open or already closed). */
export const isReached = (stages: readonly StageState[], code: StageCode): boolean =>
  stages.some((s) => s.stage === code && s.openedAt !== null);

export function wrongStage(zh: string, en: string): AppError {
  return new AppError("wrong_stage", [], { zh, en });
}

/** Refuses unless `code` is the open stage. */
export function requireOpen(stages: readonly StageState[], code: StageCode): void {
  const open = currentStage(stages);
  if (open?.stage !== code) {
    throw wrongStage(
      `只能在“${stageName(code)}”阶段进行（当前：${open === null ? "未开始或已结束" : stageName(open.stage)}）`,
      `Only allowed while the ${code} stage is open (now: ${open?.stage ?? "none"})`,
    );
  }
}
