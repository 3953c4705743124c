/**
 * 整改时限: an open rectification item, due by its deadline, for the responsible unit's heads; a missed one is
 * escalated (逾期督办) to the campaign's organisers.
 */

import type { DeadlineSource } from "../reminders/deadline-source.js";
import { itemTitle, openItems } from "./open-items.js";

export const rectificationDeadlines: DeadlineSource = {
  async open(db, until) {
    const rows = await openItems(db, null, until);
    return rows.map((r) => ({
      key: `rectification:${r.id}`,
      kind: "rectification",
      title: `整改事项“${itemTitle(r)}”（${r.organisation_name}，${r.campaign_name}）`,
      dueAt: new Date(r.deadline),
      recipients: [{ organisationId: r.organisation_id, roles: ["unit_head"] }],
      escalateTo: [{ organisationId: r.organiser_id, roles: ["organiser"] }],
      link: `/rectification-items/${r.id}`,
    }));
  },
};
