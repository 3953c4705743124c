/** A case as the API shows it: where it stands, its deadlines and whether it is overdue now. */
import { type CaseTypeDefinition, closedOnTime } from "@kaoping/core";
import type { Db } from "../../db/open-database.js";

export interface CaseView {
  id: string;
  typeId: string;
  typeName: string;
  number: string;
  title: string;
  address: string | null;
  details: string | null;
  receivedAt: string;
  unitId: string | null;
  unitName: string | null;
  /** The current stage; null once every stage is done. */
  stageCode: string | null;
  stageName: string | null;
  stageActor: "center" | "unit" | null;
  stageDueAt: string | null;
  /** 办结时限: received time plus the hours up to the closing stage. */
  dueAt: string;
  closedAt: string | null;
  /** 按期办结 once closed; null while open. */
  closedOnTime: boolean | null;
  revisited: boolean | null;
  finishedAt: string | null;
  /** The current stage's deadline has passed (超期). */
  overdue: boolean;
  version: number;
}

export function caseRowsQuery(db: Db) {
  return db
    .selectFrom("cases")
    .innerJoin("case_types", "case_types.id", "cases.case_type_id")
    .innerJoin("organisations as owner", "owner.id", "case_types.owner_id")
    .leftJoin("organisations as unit", "unit.id", "cases.unit_id")
    .selectAll("cases")
    .select([
      "case_types.name as type_name",
      "case_types.definition",
      "unit.name as unit_name",
      "unit.path as unit_path",
    ]);
}

export type CaseRow = Awaited<ReturnType<ReturnType<typeof caseRowsQuery>["executeTakeFirstOrThrow"]>>;

const iso = (d: Date | null): string | null => (d === null ? null : new Date(d).toISOString());

export function presentCase(row: CaseRow, definition: CaseTypeDefinition, now: Date): CaseView {
  const stage = definition.stages[row.stage_index];
  const dueAt = new Date(row.due_at);
  const closedAt = row.closed_at === null ? null : new Date(row.closed_at);
  return {
    id: row.id,
    typeId: row.case_type_id,
    typeName: row.type_name,
    number: row.number,
    title: row.title,
    address: row.address,
    details: row.details,
    receivedAt: new Date(row.received_at).toISOString(),
    unitId: row.unit_id,
    unitName: row.unit_name,
    stageCode: stage?.code ?? null,
    stageName: stage?.name ?? null,
    stageActor: stage?.actor ?? null,
    stageDueAt: iso(row.stage_due_at),
    dueAt: dueAt.toISOString(),
    closedAt: iso(closedAt),
    closedOnTime: closedAt === null ? null : closedOnTime(closedAt, dueAt),
    revisited: row.revisited,
    finishedAt: iso(row.finished_at),
    overdue: row.stage_due_at !== null && new Date(row.stage_due_at).getTime() < now.getTime(),
    version: row.version,
  };
}
