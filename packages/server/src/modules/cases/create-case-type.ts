/** Defines a case type for an organisation (the center): its stages, time allowed and who acts on each. */
import { CaseTypeDefinition, checkCaseType } from "@kaoping/core";
import type { Actor } from "../../access/actor.js";
import { authorOf } from "../../access/actor.js";
import { requireRole } from "../../access/scope.js";
import type { Services } from "../../context.js";
import { AppError } from "../../errors.js";
import { write } from "../../write.js";
import { CENTER_ROLES, loadCaseType } from "./case-access.js";
import { type CaseTypeView, presentCaseType } from "./present-case-type.js";

export async function createCaseType(
  services: Services,
  actor: Actor,
  input: { ownerId: string; code: string; name: string; definition: CaseTypeDefinition },
): Promise<CaseTypeView> {
  await requireRole(services.db, actor, CENTER_ROLES, input.ownerId);
  const definition = CaseTypeDefinition.parse(input.definition);
  const problems = checkCaseType(definition);
  if (problems.length > 0)
    throw new AppError(
      "validation",
      problems.map((p) => ({ path: `body.definition.${p.path}`, message: p.message })),
    );
  const taken = await services.db
    .selectFrom("case_types")
    .select("id")
    .where("owner_id", "=", input.ownerId)
    .where("code", "=", input.code)
    .executeTakeFirst();
  if (taken !== undefined)
    throw new AppError("conflict", [
      {
        path: "body.code",
        message: `case type ${input.code} exists already / 案件类型代码 ${input.code} 已存在`,
      },
    ]);
  const id = await write(services, authorOf(actor), async (w) => {
    const row = await w.trx
      .insertInto("case_types")
      .values({
        owner_id: input.ownerId,
        code: input.code,
        name: input.name,
        definition: JSON.stringify(definition),
        created_by: actor.userId,
        created_at: w.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await w.audit({
      action: "case_type.created",
      entityType: "case_type",
      entityId: row.id,
      organisationId: input.ownerId,
      after: { code: input.code, name: input.name, definition },
    });
    return row.id;
  });
  return presentCaseType(await loadCaseType(services.db, id));
}
