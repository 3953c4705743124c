/**
 * 扣分原因: why an indicator scored what it did, in the words of a score table's last column, from the engine's
 * trace (the deductions applied, the checklist items not met, the level given) and the unit's note.
 */
import { formatShort, type IndicatorExplanation, type InputError } from "@kaoping/core";

function traceReason(ind: IndicatorExplanation): string {
  const t = ind.trace;
  if (t === null) return "";
  switch (t.method) {
    case "deductions":
      return t.applied
        .map((a) => `${a.text}${a.count > 1 ? `（${a.count}处）` : ""}，扣${formatShort(a.amount)}分`)
        .join("；");
    case "checklist":
      return t.missed.map((m) => `${m.text}未落实，扣${formatShort(m.points)}分`).join("；");
    case "levels":
      return `评为“${t.level.name}”`;
    case "boolean":
      return t.value ? "" : "未达到要求";
    case "formula":
    case "satisfaction":
      return `计算值${t.value}`;
    case "na":
      return "空项（不适用），不计分";
    case "manual":
      return "";
  }
}

/** The reason for a leaf's score; parents have none (their rows add up their children's). */
export function reasonOf(ind: IndicatorExplanation): string {
  return [traceReason(ind), ind.note === undefined || ind.note === "" ? "" : `说明：${ind.note}`]
    .filter((part) => part !== "")
    .join("；");
}

/** What keeps a draft from being scored, one line per problem, naming the indicator or field. */
export function inputProblems(error: InputError): Array<{ path: string; message: string }> {
  return error.problems.map((p) => ({
    path: p.indicator ?? p.path,
    message: `${p.indicator ?? p.path}：${p.message}`,
  }));
}
