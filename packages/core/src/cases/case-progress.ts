/**
 * A case moving through its type's stages. Completing the current stage enters the next, whose deadline is the
 * moment entered plus its hours; completing the 分派 stage names the unit, the 回访 stage records whether the
 * citizen was reached, the closing stage closes the case. The center may send a case back (退回) from one of its
 * stages to the last unit stage before it (核查不通过 → 重新处理).
 */
import type { CaseRuleProblem, CaseTypeDefinition } from "./case-type.js";

const HOUR_MS = 3_600_000;

export interface CaseState {
  /** The current stage; `stages.length` once every stage is done. */
  stageIndex: number;
  unitId: string | null;
  closedAt: Date | null;
  revisited: boolean | null;
}

export type CaseAction =
  | { kind: "complete"; unitId?: string | undefined; revisited?: boolean | undefined }
  | { kind: "return" };

export interface CaseStep extends CaseState {
  /** The deadline of the stage entered; null when none is left. */
  stageDueAt: Date | null;
  /** When the last stage was completed. */
  finishedAt: Date | null;
  /** The stage acted on and the stage entered (null when none is left). */
  from: string;
  to: string | null;
}

export type CaseActResult = { ok: true; step: CaseStep } | { ok: false; problem: CaseRuleProblem };

export const addHours = (at: Date, hours: number): Date => new Date(at.getTime() + hours * HOUR_MS);

/** 按期办结: closed no later than the case's deadline. */
export const closedOnTime = (closedAt: Date, dueAt: Date): boolean => closedAt.getTime() <= dueAt.getTime();

const refuse = (path: string, message: string): CaseActResult => ({ ok: false, problem: { path, message } });

export function actOnCase(
  definition: CaseTypeDefinition,
  state: CaseState,
  action: CaseAction,
  now: Date,
): CaseActResult {
  const { stages } = definition;
  const current = stages[state.stageIndex];
  if (current === undefined)
    return refuse("stage", "every stage of this case is done / 该案件各环节均已办理完毕");
  if (action.kind === "return") {
    if (current.actor !== "center")
      return refuse(
        "stage",
        `${current.name} is the unit's own stage / ${current.name}是承办单位的环节，不能退回`,
      );
    const back = stages.slice(0, state.stageIndex).findLastIndex((s) => s.actor === "unit");
    if (back < 0 || state.closedAt !== null)
      return refuse(
        "stage",
        `${current.name} has no unit stage before it to send the case back to / ${current.name}之前没有可退回的承办单位环节`,
      );
    return { ok: true, step: enter(definition, state, back, now, { from: current.code }) };
  }
  const isDispatch = current.code === definition.dispatchStage;
  if (isDispatch && action.unitId === undefined)
    return refuse("unitId", `${current.name} needs the responsible unit / ${current.name}须选择承办单位`);
  if (!isDispatch && action.unitId !== undefined)
    return refuse(
      "unitId",
      `the unit is chosen at the 分派 stage, not at ${current.name} / 承办单位在分派环节选择，不在${current.name}环节`,
    );
  const isRevisit = current.code === definition.revisitStage;
  if (isRevisit && action.revisited === undefined)
    return refuse(
      "revisited",
      `${current.name} needs whether the citizen was revisited / ${current.name}须填写是否已回访群众`,
    );
  if (!isRevisit && action.revisited !== undefined)
    return refuse("revisited", `${current.name} is not the 回访 stage / ${current.name}不是回访环节`);
  const after: CaseState = {
    ...state,
    unitId: isDispatch ? (action.unitId as string) : state.unitId,
    revisited: isRevisit ? (action.revisited as boolean) : state.revisited,
    closedAt: current.code === definition.closingStage ? now : state.closedAt,
  };
  return { ok: true, step: enter(definition, after, state.stageIndex + 1, now, { from: current.code }) };
}

function enter(
  definition: CaseTypeDefinition,
  state: CaseState,
  stageIndex: number,
  now: Date,
  moved: { from: string },
): CaseStep {
  const next = definition.stages[stageIndex];
  return {
    ...state,
    stageIndex,
    stageDueAt: next === undefined ? null : addHours(now, next.hours),
    finishedAt: next === undefined ? now : null,
    from: moved.from,
    to: next?.code ?? null,
  };
}
