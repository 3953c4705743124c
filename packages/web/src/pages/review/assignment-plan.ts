/**
 * The 评审分工 being edited: for each rater group and reviewer, the set of units they score. Turned back into the
 * body of PUT /campaigns/{id}/assignments (every group at once, reviewers with no unit left out).
 */
export type Plan = ReadonlyMap<string, ReadonlySet<string>>;

export const planKey = (groupCode: string, userId: string) => `${groupCode}|${userId}`;

export function planOf(
  assignments: ReadonlyArray<{ userId: string; groupCode: string; organisationIds: string[] }>,
): Plan {
  return new Map(assignments.map((a) => [planKey(a.groupCode, a.userId), new Set(a.organisationIds)]));
}

/** The plan with `userId` in `groupCode` scoring `units` (replacing what they scored). */
export function withUnits(plan: Plan, groupCode: string, userId: string, units: Iterable<string>): Plan {
  const next = new Map(plan);
  next.set(planKey(groupCode, userId), new Set(units));
  return next;
}

export function assignmentsBody(
  plan: Plan,
): Array<{ userId: string; groupCode: string; organisationIds: string[] }> {
  return [...plan.entries()]
    .filter(([, units]) => units.size > 0)
    .map(([key, units]) => {
      const [groupCode = "", userId = ""] = key.split("|");
      return { userId, groupCode, organisationIds: [...units].sort() };
    })
    .sort((a, b) => a.groupCode.localeCompare(b.groupCode) || a.userId.localeCompare(b.userId));
}

/** Whether two plans assign the same units (to know if there is anything to save). */
export function samePlan(a: Plan, b: Plan): boolean {
  return JSON.stringify(assignmentsBody(a)) === JSON.stringify(assignmentsBody(b));
}
