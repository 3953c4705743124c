/**
 * The organisation tree. A body is created under a parent by someone who organises that parent (an administrator
 * may add roots). Moving a body moves its subtree; it can never move under itself.
 */
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { Actor } from "../../access/actor.js";
import { authorOf } from "../../access/actor.js";
import { isAdmin, requireRole } from "../../access/scope.js";
import type { Services } from "../../context.js";
import { AppError, forbidden, notFound } from "../../errors.js";
import { expectOneUpdated, write } from "../../write.js";
import { type OrganisationView, presentOrganisation } from "./present-organisation.js";

export interface NewOrganisation {
  parentId: string | null;
  code: string;
  name: string;
  kind: string;
  category?: string | null | undefined;
}

async function checkCodeFree(services: Services, code: string, except?: string) {
  let query = services.db.selectFrom("organisations").select("id").where("code", "=", code);
  if (except !== undefined) query = query.where("id", "!=", except);
  if ((await query.executeTakeFirst()) !== undefined) {
    throw new AppError("conflict", [
      { path: "body.code", message: `code ${code} is taken / 机构代码已存在` },
    ]);
  }
}

export async function createOrganisation(
  services: Services,
  actor: Actor,
  input: NewOrganisation,
): Promise<OrganisationView> {
  let parentPath = "/";
  if (input.parentId === null) {
    if (!isAdmin(actor)) throw forbidden("only an administrator can add a top-level organisation");
  } else {
    parentPath = await requireRole(services.db, actor, ["organiser"], input.parentId);
  }
  await checkCodeFree(services, input.code);
  const id = randomUUID();
  const row = await write(services, authorOf(actor), async (w) => {
    const created = await w.trx
      .insertInto("organisations")
      .values({
        id,
        parent_id: input.parentId,
        path: `${parentPath}${id}/`,
        code: input.code,
        name: input.name,
        kind: input.kind,
        category: input.category ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await w.audit({
      action: "organisation.created",
      entityType: "organisation",
      entityId: id,
      organisationId: id,
      after: input,
    });
    return created;
  });
  return presentOrganisation(row);
}

export interface OrganisationChange {
  version: number;
  code?: string | undefined;
  name?: string | undefined;
  kind?: string | undefined;
  category?: string | null | undefined;
  parentId?: string | undefined;
}

export async function updateOrganisation(
  services: Services,
  actor: Actor,
  id: string,
  change: OrganisationChange,
): Promise<OrganisationView> {
  const current = await services.db
    .selectFrom("organisations")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (current === undefined) throw notFound("organisation");
  // Editing a body is its parent's organisers' business (a unit does not rename itself); roots are the admin's.
  if (current.parent_id === null) {
    if (!isAdmin(actor)) throw forbidden("only an administrator can change a top-level organisation");
  } else {
    await requireRole(services.db, actor, ["organiser"], current.parent_id);
  }
  if (change.code !== undefined) await checkCodeFree(services, change.code, id);
  let newPath = current.path;
  if (change.parentId !== undefined && change.parentId !== current.parent_id) {
    const parentPath = await requireRole(services.db, actor, ["organiser"], change.parentId);
    if (parentPath.startsWith(current.path)) {
      throw new AppError("validation", [
        { path: "body.parentId", message: "cannot move an organisation under itself" },
      ]);
    }
    newPath = `${parentPath}${id}/`;
  }
  const row = await write(services, authorOf(actor), async (w) => {
    const result = await w.trx
      .updateTable("organisations")
      .set((eb) => ({
        code: change.code ?? current.code,
        name: change.name ?? current.name,
        kind: change.kind ?? current.kind,
        category: change.category === undefined ? current.category : change.category,
        parent_id: change.parentId ?? current.parent_id,
        version: eb("version", "+", 1),
      }))
      .where("id", "=", id)
      .where("version", "=", change.version)
      .executeTakeFirst();
    expectOneUpdated(result);
    if (newPath !== current.path) {
      await w.trx
        .updateTable("organisations")
        .set({ path: sql<string>`${newPath} || substr(path, ${current.path.length + 1})` })
        .where("path", "like", `${current.path}%`)
        .execute();
    }
    const { version, ...changed } = change;
    await w.audit({
      action: "organisation.updated",
      entityType: "organisation",
      entityId: id,
      organisationId: id,
      before: presentOrganisation(current),
      after: changed,
    });
    return w.trx.selectFrom("organisations").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  });
  return presentOrganisation(row);
}
