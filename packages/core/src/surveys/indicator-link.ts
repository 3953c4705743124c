/**
 * Linking a survey's key Likert question to a satisfaction indicator (满意度指标) of the campaign's scheme: the
 * question's answer counts become the indicator's input, so its levels must be the indicator's answers — the same
 * codes, the same levels counted as satisfied (measure rate) or the same points (measure mean).
 */
import { Decimal } from "../numbers/decimal.js";
import type { LikertLevel } from "./model.js";

/** A satisfaction indicator's answers and measure, as the compiled scheme holds them. */
export interface IndicatorAnswers {
  measure: "rate" | "mean";
  answers: ReadonlyArray<{ code: string; name: string; satisfied: boolean; points: string | number | null }>;
}

export interface LinkProblem {
  /** The level's code (or the indicator's answer code when the question lacks it). */
  level: string;
  message: string;
}

export function checkIndicatorLink(
  levels: readonly LikertLevel[],
  indicator: IndicatorAnswers,
): LinkProblem[] {
  const problems: LinkProblem[] = [];
  for (const answer of indicator.answers) {
    if (!levels.some((l) => l.code === answer.code))
      problems.push({
        level: answer.code,
        message: `the question has no level ${answer.code} (${answer.name})`,
      });
  }
  for (const level of levels) {
    const answer = indicator.answers.find((a) => a.code === level.code);
    if (answer === undefined) {
      problems.push({
        level: level.code,
        message: `the indicator has no answer ${level.code} (${level.name})`,
      });
    } else if (indicator.measure === "rate" && answer.satisfied !== level.satisfied) {
      problems.push({
        level: level.code,
        message: `${level.name} ${answer.satisfied ? "counts" : "does not count"} as satisfied in the indicator`,
      });
    } else if (
      indicator.measure === "mean" &&
      (answer.points === null || !new Decimal(answer.points).eq(new Decimal(level.points)))
    ) {
      problems.push({
        level: level.code,
        message: `${level.name} has ${level.points} points here and ${answer.points ?? "none"} in the indicator`,
      });
    }
  }
  return problems;
}

/** The Likert levels of a question made from the indicator's answers; without points, n … 1 from the top. */
export function levelsFromIndicator(indicator: IndicatorAnswers): LikertLevel[] {
  const n = indicator.answers.length;
  return indicator.answers.map((a, i) => ({
    code: a.code,
    name: a.name,
    points: a.points === null ? String(n - i) : new Decimal(a.points).toString(),
    satisfied: a.satisfied,
  }));
}
