/**
 * 四个具体: every item needs a specific problem, target (整改目标), measures (整改措施) and deadline (整改时限), plus a
 * responsible unit and person (责任人), before the unit may report it done.
 */
export interface Specifics {
  problem: string | null;
  target: string | null;
  measures: string | null;
  deadline: Date | string | null;
  responsiblePerson: string | null;
}

export const SPECIFIC_NAMES: Record<keyof Specifics, string> = {
  problem: "存在问题",
  target: "整改目标",
  measures: "整改措施",
  deadline: "整改时限",
  responsiblePerson: "责任人",
};

/** The specifics still missing (empty or blank text), in the order of SPECIFIC_NAMES. */
export function missingSpecifics(item: Specifics): Array<keyof Specifics> {
  const keys = Object.keys(SPECIFIC_NAMES) as Array<keyof Specifics>;
  return keys.filter((key) => {
    const value = item[key];
    return value === null || (typeof value === "string" && value.trim() === "");
  });
}
