/**
 * 受理登记: the center records a case received (by its own 信息采集员, the hotline, a citizen). The case enters the
 * type's first stage at its received time; its 办结时限 runs from then. A received time may lie in the past (a
 * call logged later) but not in the future.
 */
import { addHours, hoursToClose } from "@kaoping/core";
import type { Actor } from "../../access/actor.js";
import { authorOf } from "../../access/actor.js";
import type { Services } from "../../context.js";
import { AppError, invalid } from "../../errors.js";
import { write } from "../../write.js";
import { loadCaseType, requireCenter } from "./case-access.js";
import { type CaseDetail, getCase } from "./read-cases.js";

export interface ReceivedCase {
  number: string;
  title: string;
  address?: string | undefined;
  details?: string | undefined;
  receivedAt?: string | undefined;
}

export async function receiveCase(
  services: Services,
  actor: Actor,
  typeId: string,
  input: ReceivedCase,
): Promise<CaseDetail> {
  const type = await loadCaseType(services.db, typeId);
  requireCenter(actor, type);
  const now = services.clock.now();
  const receivedAt = input.receivedAt === undefined ? now : new Date(input.receivedAt);
  if (receivedAt.getTime() > now.getTime())
    throw invalid("body.receivedAt", "a case cannot be received in the future");
  const taken = await services.db
    .selectFrom("cases")
    .select("id")
    .where("case_type_id", "=", typeId)
    .where("number", "=", input.number)
    .executeTakeFirst();
  if (taken !== undefined)
    throw new AppError("conflict", [
      {
        path: "body.number",
        message: `case number ${input.number} exists already / 案件编号 ${input.number} 已存在`,
      },
    ]);
  const first = type.definition.stages[0]!;
  const id = await write(services, authorOf(actor), async (w) => {
    const row = await w.trx
      .insertInto("cases")
      .values({
        case_type_id: typeId,
        number: input.number,
        title: input.title,
        address: input.address ?? null,
        details: input.details ?? null,
        received_at: receivedAt,
        stage_index: 0,
        stage_code: first.code,
        stage_due_at: addHours(receivedAt, first.hours),
        due_at: addHours(receivedAt, hoursToClose(type.definition)),
        created_by: actor.userId,
        created_at: w.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await w.trx
      .insertInto("case_events")
      .values({
        case_id: row.id,
        at: receivedAt,
        actor_id: actor.userId,
        actor_name: actor.displayName,
        action: "received",
        stage_code: first.code,
        to_stage_code: first.code,
      })
      .execute();
    await w.audit({
      action: "case.received",
      entityType: "case",
      entityId: row.id,
      organisationId: type.ownerId,
      after: { typeId, ...input, receivedAt: receivedAt.toISOString() },
    });
    return row.id;
  });
  return getCase(services, actor, id);
}
