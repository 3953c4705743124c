/**
 * The deadlines of open cases: each case's current stage, due at its stage deadline, to the people who act on it
 * (the center's organisers, or the responsible unit's people); once missed, the center's organisers are told too.
 */
import type { Db } from "../../db/open-database.js";
import type { Deadline, DeadlineSource } from "../reminders/deadline-source.js";
import { CENTER_ROLES, storedDefinition, UNIT_ROLES } from "./case-access.js";

export const caseDeadlineSource: DeadlineSource = {
  async open(db: Db, until: Date): Promise<Deadline[]> {
    const rows = await db
      .selectFrom("cases")
      .innerJoin("case_types", "case_types.id", "cases.case_type_id")
      .select([
        "cases.id",
        "cases.number",
        "cases.title",
        "cases.unit_id",
        "cases.stage_index",
        "cases.stage_due_at",
        "case_types.id as type_id",
        "case_types.owner_id",
        "case_types.definition",
      ])
      .where("cases.finished_at", "is", null)
      .where("cases.stage_due_at", "<", until)
      .execute();
    return rows.flatMap((row) => {
      const stage = storedDefinition(row.type_id, row.definition).stages[row.stage_index];
      if (stage === undefined || row.stage_due_at === null) return [];
      const center = { organisationId: row.owner_id, roles: [...CENTER_ROLES] };
      const acting =
        stage.actor === "unit" && row.unit_id !== null
          ? { organisationId: row.unit_id, roles: [...UNIT_ROLES] }
          : center;
      return [
        {
          key: `case:${row.id}:${stage.code}`,
          kind: "case",
          title: `案件${row.number}“${row.title}”${stage.name}`,
          dueAt: new Date(row.stage_due_at),
          recipients: [acting],
          escalateTo: [center],
          link: `/cases/${row.id}`,
        },
      ];
    });
  },
};
