/**
 * 指标体系 import: a scheme is identified by its owner and the code in its text; importing the same code again adds a
 * version (labelled by the text's `version` unless told otherwise). An unfrozen version may be replaced; a frozen
 * one (a campaign using it has started) never changes.
 */
import { createHash } from "node:crypto";
import type { Actor } from "../../access/actor.js";
import { authorOf } from "../../access/actor.js";
import { requireRole } from "../../access/scope.js";
import type { Services } from "../../context.js";
import { AppError, notFound } from "../../errors.js";
import { expectOneUpdated, write } from "../../write.js";
import { checkSchemeSource, type SchemeFormat } from "./check-scheme-source.js";
import type { SchemeVersionView } from "./present-scheme.js";
import { getSchemeVersion } from "./read-schemes.js";

export interface SchemeImport {
  /** The organisation that owns (issues) the scheme. */
  ownerId: string;
  source: string;
  format: SchemeFormat;
  /** The version label; defaults to the text's `version`. */
  label?: string | undefined;
}

const hashOf = (source: string) => createHash("sha256").update(source).digest("hex");

function labelTaken(label: string): AppError {
  return new AppError("conflict", [
    { path: "body.label", message: `version ${label} already exists / 该版本已存在` },
  ]);
}

export async function importScheme(
  services: Services,
  actor: Actor,
  input: SchemeImport,
): Promise<SchemeVersionView> {
  await requireRole(services.db, actor, ["organiser"], input.ownerId);
  const scheme = checkSchemeSource(input.source, input.format);
  const { code, name } = scheme.definition;
  const label = input.label ?? scheme.definition.version;
  const versionId = await write(services, authorOf(actor), async (w) => {
    let schemeRow = await w.trx
      .selectFrom("schemes")
      .selectAll()
      .where("owner_id", "=", input.ownerId)
      .where("code", "=", code)
      .executeTakeFirst();
    if (schemeRow === undefined) {
      schemeRow = await w.trx
        .insertInto("schemes")
        .values({ code, name, owner_id: input.ownerId })
        .returningAll()
        .executeTakeFirstOrThrow();
      await w.audit({
        action: "scheme.created",
        entityType: "scheme",
        entityId: schemeRow.id,
        organisationId: input.ownerId,
        after: { code, name, ownerId: input.ownerId },
      });
    } else {
      const taken = await w.trx
        .selectFrom("scheme_versions")
        .select("id")
        .where("scheme_id", "=", schemeRow.id)
        .where("label", "=", label)
        .executeTakeFirst();
      if (taken !== undefined) throw labelTaken(label);
      if (schemeRow.name !== name)
        await w.trx.updateTable("schemes").set({ name }).where("id", "=", schemeRow.id).execute();
    }
    const version = await w.trx
      .insertInto("scheme_versions")
      .values({
        scheme_id: schemeRow.id,
        label,
        format: input.format,
        source: input.source,
        definition: JSON.stringify(scheme.definition),
        source_hash: hashOf(input.source),
        created_by: actor.userId,
      })
      .returning(["id", "source_hash"])
      .executeTakeFirstOrThrow();
    await w.audit({
      action: "scheme_version.imported",
      entityType: "scheme_version",
      entityId: version.id,
      organisationId: input.ownerId,
      after: { schemeId: schemeRow.id, code, label, format: input.format, sourceHash: version.source_hash },
    });
    return version.id;
  });
  return getSchemeVersion(services, actor, versionId);
}

export interface SchemeVersionReplacement {
  version: number;
  source: string;
  format: SchemeFormat;
}

export async function replaceSchemeVersion(
  services: Services,
  actor: Actor,
  versionId: string,
  change: SchemeVersionReplacement,
): Promise<SchemeVersionView> {
  const current = await services.db
    .selectFrom("scheme_versions")
    .innerJoin("schemes", "schemes.id", "scheme_versions.scheme_id")
    .select([
      "scheme_versions.id",
      "scheme_versions.frozen",
      "scheme_versions.label",
      "scheme_versions.format",
      "scheme_versions.source_hash",
      "schemes.id as scheme_id",
      "schemes.code",
      "schemes.owner_id",
    ])
    .where("scheme_versions.id", "=", versionId)
    .executeTakeFirst();
  if (current === undefined) throw notFound("scheme version");
  await requireRole(services.db, actor, ["organiser"], current.owner_id);
  if (current.frozen) {
    throw new AppError(
      "locked",
      [{ path: "schemeVersion", message: "used by a started campaign / 已被考评活动使用" }],
      {
        zh: "该版本已被考评活动使用，不能修改；请导入新版本",
        en: "This version is used by a started campaign and cannot change; import a new version",
      },
    );
  }
  const scheme = checkSchemeSource(change.source, change.format);
  if (scheme.definition.code !== current.code) {
    throw new AppError("invalid_scheme", [
      {
        path: "source code",
        message: `the code must stay ${current.code} (got ${scheme.definition.code}) / 指标体系代码不能改变`,
      },
    ]);
  }
  const sourceHash = hashOf(change.source);
  await write(services, authorOf(actor), async (w) => {
    const result = await w.trx
      .updateTable("scheme_versions")
      .set((eb) => ({
        format: change.format,
        source: change.source,
        definition: JSON.stringify(scheme.definition),
        source_hash: sourceHash,
        version: eb("version", "+", 1),
      }))
      .where("id", "=", versionId)
      .where("version", "=", change.version)
      .where("frozen", "=", false)
      .executeTakeFirst();
    expectOneUpdated(result);
    await w.audit({
      action: "scheme_version.replaced",
      entityType: "scheme_version",
      entityId: versionId,
      organisationId: current.owner_id,
      before: { format: current.format, sourceHash: current.source_hash },
      after: { format: change.format, sourceHash },
    });
  });
  return getSchemeVersion(services, actor, versionId);
}
