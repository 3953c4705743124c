/**
 * 案件类型: a case type's stages in order (e.g. 发现→受理→分派→处理→核查→结案), the time allowed for each, who acts
 * on each (the center that owns the type, or the unit the case is dispatched to), and which stages dispatch (分派),
 * close (结案/回复) and revisit (回访). Time is in calendar hours: a day is 24 hours, weekends and holidays count.
 */
import { z } from "zod";

export const StageCode = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, "a stage code is letters, digits, _ or -, starting with a letter");

export const CaseStage = z.strictObject({
  code: StageCode,
  name: z.string().min(1).max(50),
  /** 时限: calendar hours allowed from entering the stage to completing it. */
  hours: z
    .number()
    .int()
    .min(1)
    .max(24 * 366),
  /** Who acts: the center owning the case type, or the responsible unit's people. */
  actor: z.enum(["center", "unit"]),
});
export type CaseStage = z.infer<typeof CaseStage>;

export const CaseTypeDefinition = z.strictObject({
  stages: z.array(CaseStage).min(2).max(12),
  /** 分派: completing this stage names the responsible unit. */
  dispatchStage: StageCode,
  /** 结案 / 回复: completing this stage closes the case; 按期 compares that moment with the case's deadline. */
  closingStage: StageCode,
  /** 回访: the stage whose outcome says whether the citizen was revisited; none for types without one. */
  revisitStage: StageCode.nullable().default(null),
});
export type CaseTypeDefinition = z.infer<typeof CaseTypeDefinition>;

export interface CaseRuleProblem {
  /** Where, relative to the definition ("stages.3.actor", "closingStage"). */
  path: string;
  message: string;
}

/** The rules a shape check cannot say; empty when the definition is sound. */
export function checkCaseType(definition: CaseTypeDefinition): CaseRuleProblem[] {
  const problems: CaseRuleProblem[] = [];
  const index = new Map<string, number>();
  definition.stages.forEach((stage, i) => {
    if (index.has(stage.code))
      problems.push({
        path: `stages.${i}.code`,
        message: `stage code ${stage.code} is used twice / 环节代码 ${stage.code} 重复`,
      });
    else index.set(stage.code, i);
  });
  const find = (path: "dispatchStage" | "closingStage" | "revisitStage"): number | undefined => {
    const code = definition[path];
    if (code === null) return undefined;
    const at = index.get(code);
    if (at === undefined)
      problems.push({ path, message: `no stage has the code ${code} / 没有代码为 ${code} 的环节` });
    return at;
  };
  const dispatch = find("dispatchStage");
  const closing = find("closingStage");
  const revisit = find("revisitStage");
  if (dispatch !== undefined) {
    if (definition.stages[dispatch]!.actor !== "center")
      problems.push({
        path: `stages.${dispatch}.actor`,
        message: "the center dispatches: the 分派 stage is the center's / 分派环节应由中心办理",
      });
    definition.stages.forEach((stage, i) => {
      if (stage.actor === "unit" && i <= dispatch)
        problems.push({
          path: `stages.${i}.actor`,
          message: `${stage.name} is a unit's stage before the case is dispatched to a unit / ${stage.name}在分派之前，不能由承办单位办理`,
        });
    });
    if (closing !== undefined && closing <= dispatch)
      problems.push({
        path: "closingStage",
        message: "the case can only close after it is dispatched / 办结环节应在分派环节之后",
      });
  }
  if (closing !== undefined && definition.stages[closing]!.actor !== "center")
    problems.push({
      path: `stages.${closing}.actor`,
      message: "the center closes cases: the closing stage is the center's / 办结环节应由中心办理",
    });
  if (revisit !== undefined && revisit === closing)
    problems.push({
      path: "revisitStage",
      message: "the 回访 stage and the closing stage must differ / 回访环节与办结环节不能是同一环节",
    });
  return problems;
}

/** 办结时限: calendar hours from receipt to closing, the sum of the stages' hours up to the closing stage. */
export function hoursToClose(definition: CaseTypeDefinition): number {
  const closing = definition.stages.findIndex((s) => s.code === definition.closingStage);
  return definition.stages.slice(0, closing + 1).reduce((sum, stage) => sum + stage.hours, 0);
}
