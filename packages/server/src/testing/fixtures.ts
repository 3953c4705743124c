/** Organisations and users written straight to the database, for tests that are about something else. */
import { randomUUID } from "node:crypto";
import { hashPassword } from "../auth/passwords.js";
import type { Services } from "../context.js";
import type { Role } from "../db/schema.js";
import { TEST_PASSWORD } from "../http/in-process-client.js";

let passwordHash: Promise<string> | undefined;

export interface SeededOrganisation {
  id: string;
  path: string;
  code: string;
}

export async function seedOrganisation(
  services: Services,
  input: {
    parent?: SeededOrganisation | null;
    code: string;
    name?: string;
    kind?: string;
    category?: string | null;
  },
): Promise<SeededOrganisation> {
  const id = randomUUID();
  const path = `${input.parent?.path ?? "/"}${id}/`;
  await services.db
    .insertInto("organisations")
    .values({
      id,
      parent_id: input.parent?.id ?? null,
      path,
      code: input.code,
      name: input.name ?? input.code,
      kind: input.kind ?? "单位",
      category: input.category ?? null,
    })
    .execute();
  return { id, path, code: input.code };
}

export async function seedUser(
  services: Services,
  input: {
    username: string;
    organisation?: SeededOrganisation | null;
    grants: Array<{ role: Role; organisation?: SeededOrganisation | null }>;
  },
): Promise<string> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const id = randomUUID();
  await services.db
    .insertInto("users")
    .values({
      id,
      username: input.username,
      display_name: input.username,
      password_hash: await passwordHash,
      organisation_id: input.organisation?.id ?? null,
    })
    .execute();
  if (input.grants.length > 0) {
    await services.db
      .insertInto("role_grants")
      .values(
        input.grants.map((g) => ({ user_id: id, role: g.role, organisation_id: g.organisation?.id ?? null })),
      )
      .execute();
  }
  return id;
}
