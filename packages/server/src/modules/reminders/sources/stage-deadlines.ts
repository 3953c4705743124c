/**
 * 阶段截止: an open stage's deadline, for the people who still have to act before it — units that have not
 * submitted their self-evaluation (单位自评, or 初审 for a returned one), reviewers whose sheet is not submitted
 * (实地评估/复评) — and for the campaign's organisers, who move the stage on. A missed unit or reviewer deadline is
 * escalated to the organisers (逾期督办).
 */
import type { Role } from "../../../db/schema.js";
import { stageName } from "../../campaigns/stages.js";
import { openReviews, openSelfEvaluations, openStages } from "../../tasks/open-work.js";
import type { Deadline, DeadlineSource } from "../deadline-source.js";

const ORGANISERS: ReadonlyArray<Role> = ["organiser"];
const UNIT_PEOPLE: ReadonlyArray<Role> = ["unit_head", "unit_staff"];

export const stageDeadlines: DeadlineSource = {
  async open(db, until) {
    const [stages, evaluations, reviews] = await Promise.all([
      openStages(db, null, until),
      openSelfEvaluations(db, null, until),
      openReviews(db, null, until),
    ]);
    const deadlines: Deadline[] = [];
    for (const s of stages)
      if (s.deadline !== null)
        deadlines.push({
          key: `stage:${s.campaign_id}:${s.stage}`,
          kind: "stage",
          title: `${s.campaign_name}“${stageName(s.stage)}”阶段`,
          dueAt: new Date(s.deadline),
          recipients: [{ organisationId: s.organiser_id, roles: ORGANISERS }],
          link: `/campaigns/${s.campaign_id}`,
        });
    for (const e of evaluations)
      if (e.deadline !== null)
        deadlines.push({
          key: `self_evaluation:${e.id}`,
          kind: "self_evaluation",
          title: `${e.organisation_name}${e.status === "returned" ? "重新提交" : "提交"}自评（${e.campaign_name}）`,
          dueAt: new Date(e.deadline),
          recipients: [{ organisationId: e.organisation_id, roles: UNIT_PEOPLE }],
          escalateTo: [{ organisationId: e.organiser_id, roles: ORGANISERS }],
          link: `/campaigns/${e.campaign_id}/self-evaluations/${e.organisation_id}`,
        });
    for (const r of reviews)
      if (r.deadline !== null)
        deadlines.push({
          key: `review:${r.campaign_id}:${r.organisation_id}:${r.group_code}:${r.user_id}`,
          kind: "review",
          title: `评审打分：${r.organisation_name}（${r.campaign_name}）`,
          dueAt: new Date(r.deadline),
          recipients: [{ userIds: [r.user_id] }],
          escalateTo: [{ organisationId: r.organiser_id, roles: ORGANISERS }],
          link: `/campaigns/${r.campaign_id}/units/${r.organisation_id}/review/${r.group_code}`,
        });
    return deadlines;
  },
};
