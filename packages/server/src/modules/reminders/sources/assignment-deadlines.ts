/**
 * 任务分解截止: an indicator or table a unit gave to one of its departments, due by the assignment's deadline (else
 * the stage's), for the department's staff; a missed one is escalated to the unit's head, who assigned it.
 */
import { openAssignments } from "../../tasks/open-work.js";
import type { Deadline, DeadlineSource } from "../deadline-source.js";

export const assignmentDeadlines: DeadlineSource = {
  async open(db, until) {
    const rows = await openAssignments(db, null, until);
    const deadlines: Deadline[] = [];
    for (const r of rows) {
      const due = r.deadline ?? r.stage_deadline;
      if (due === null) continue;
      const what = r.target.startsWith("table:")
        ? `基础数据表 ${r.target.slice("table:".length)}`
        : `指标 ${r.target}`;
      deadlines.push({
        key: `assignment:${r.self_evaluation_id}:${r.target}`,
        kind: "assignment",
        title: `${r.department_name}填报${what}（${r.organisation_name}，${r.campaign_name}）`,
        dueAt: new Date(due),
        recipients: [{ organisationId: r.department_id, roles: ["department_staff"] }],
        escalateTo: [{ organisationId: r.organisation_id, roles: ["unit_head"] }],
        link: `/campaigns/${r.campaign_id}/self-evaluations/${r.organisation_id}`,
      });
    }
    return deadlines;
  },
};
