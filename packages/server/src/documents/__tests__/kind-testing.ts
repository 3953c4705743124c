/** Calling document kinds directly in tests: the actor a user would be, refusals, and the tables of a .docx. */
import { expect } from "vitest";
import type { Actor } from "../../access/actor.js";
import { actorOfUser } from "../../auth/sessions.js";
import type { Services } from "../../context.js";
import { AppError } from "../../errors.js";
import { documentXml } from "./docx-outline.js";

export async function actorOf(services: Services, username: string): Promise<Actor> {
  const user = await services.db
    .selectFrom("users")
    .select(["id", "username", "display_name", "organisation_id"])
    .where("username", "=", username)
    .executeTakeFirstOrThrow();
  return actorOfUser(services.db, user);
}

/** Expects the work to be refused with 403 forbidden, and returns the error. */
export async function refused(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe("forbidden");
  return error as AppError;
}

/** The number of rows (the header included) of each table. */
export const tableRowCounts = (docx: Buffer): number[] =>
  (documentXml(docx).match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? []).map((t) => t.match(/<w:tr[ >]/g)?.length ?? 0);
