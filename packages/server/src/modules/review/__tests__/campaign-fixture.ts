/**
 * Campaigns written straight to the database for the review, grading and publicity tests (the campaign
 * endpoints belong to another module): a scheme version from a bundled scheme's source, a running campaign with
 * its stages, units, self-evaluations and rater group members.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseScheme } from "@kaoping/core";
import type { Services } from "../../../context.js";
import type { SelfEvaluationStatus } from "../../../db/schema.js";
import type { SeededOrganisation } from "../../../testing/fixtures.js";

export const bundledSchemeSource = (folder: string): string =>
  readFileSync(
    fileURLToPath(new URL(`../../../../../../schemes/${folder}/scheme.yaml`, import.meta.url)),
    "utf8",
  );

export async function seedSchemeVersion(
  services: Services,
  owner: SeededOrganisation,
  source: string,
): Promise<string> {
  const load = parseScheme(source);
  if (!load.ok) throw new Error(load.problems.map((p) => p.message).join("\n"));
  const definition = load.scheme.definition;
  const existing = await services.db
    .selectFrom("schemes")
    .select("id")
    .where("owner_id", "=", owner.id)
    .where("code", "=", definition.code)
    .executeTakeFirst();
  const schemeId =
    existing?.id ??
    (
      await services.db
        .insertInto("schemes")
        .values({ code: definition.code, name: definition.name, owner_id: owner.id })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  const hash = createHash("sha256").update(source).digest("hex");
  const version = await services.db
    .insertInto("scheme_versions")
    .values({
      scheme_id: schemeId,
      label: `v-${hash.slice(0, 12)}-${Math.random().toString(36).slice(2, 8)}`,
      format: "yaml",
      source,
      definition: JSON.stringify(definition),
      source_hash: hash,
      frozen: true,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return version.id;
}

/** A stage, opened or closed (or neither: to come), with its deadline (an ISO instant) if it has one. */
export type StageSpec = { stage: string; open?: boolean; closed?: boolean; deadline?: string };

export async function seedCampaign(
  services: Services,
  input: {
    organiser: SeededOrganisation;
    schemeVersionId: string;
    year: number;
    name?: string;
    settings?: Record<string, unknown>;
    stages: StageSpec[];
  },
): Promise<string> {
  const campaign = await services.db
    .insertInto("campaigns")
    .values({
      organiser_id: input.organiser.id,
      name: input.name ?? `考评 ${input.year}`,
      year: input.year,
      scheme_version_id: input.schemeVersionId,
      status: "running",
      settings: JSON.stringify(input.settings ?? {}),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const at = new Date("2026-01-01T00:00:00Z");
  await services.db
    .insertInto("campaign_stages")
    .values(
      input.stages.map((s, i) => ({
        campaign_id: campaign.id,
        stage: s.stage,
        position: i + 1,
        opened_at: s.open || s.closed ? at : null,
        closed_at: s.closed ? at : null,
        deadline: s.deadline === undefined ? null : new Date(s.deadline),
      })),
    )
    .execute();
  return campaign.id;
}

/** Opens `stage` and closes every stage before it (the stage machine's effect). */
export async function moveToStage(services: Services, campaignId: string, stage: string): Promise<void> {
  const stages = await services.db
    .selectFrom("campaign_stages")
    .selectAll()
    .where("campaign_id", "=", campaignId)
    .orderBy("position")
    .execute();
  const target = stages.find((s) => s.stage === stage);
  if (target === undefined) throw new Error(`no stage ${stage}`);
  const at = services.clock.now();
  for (const s of stages) {
    const values =
      s.position < target.position
        ? { opened_at: s.opened_at ?? at, closed_at: s.closed_at ?? at }
        : s.position === target.position
          ? { opened_at: at, closed_at: null }
          : { opened_at: null, closed_at: null };
    await services.db
      .updateTable("campaign_stages")
      .set(values)
      .where("campaign_id", "=", campaignId)
      .where("stage", "=", s.stage)
      .execute();
  }
}

export async function seedUnit(
  services: Services,
  campaignId: string,
  org: SeededOrganisation,
  input: {
    category?: string | null;
    status?: SelfEvaluationStatus;
    data?: Record<string, unknown>;
    scores?: Record<string, unknown>;
    bonus?: Record<string, string>;
  } = {},
): Promise<void> {
  await services.db
    .insertInto("campaign_units")
    .values({ campaign_id: campaignId, organisation_id: org.id, category: input.category ?? null })
    .execute();
  const evaluation = await services.db
    .insertInto("self_evaluations")
    .values({
      campaign_id: campaignId,
      organisation_id: org.id,
      status: input.status ?? "submitted",
      report: JSON.stringify({}),
      data: JSON.stringify(input.data ?? {}),
      bonus: JSON.stringify(input.bonus ?? {}),
      submitted_at: input.status === "draft" ? null : new Date("2026-02-01T00:00:00Z"),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const items = Object.entries(input.scores ?? {});
  if (items.length > 0) {
    await services.db
      .insertInto("self_evaluation_items")
      .values(
        items.map(([code, value]) => ({
          self_evaluation_id: evaluation.id,
          indicator_code: code,
          input: JSON.stringify(value),
        })),
      )
      .execute();
  }
}

export async function seedRaterMembers(
  services: Services,
  campaignId: string,
  groupCode: string,
  userIds: string[],
): Promise<void> {
  await services.db
    .insertInto("rater_members")
    .values(userIds.map((user_id) => ({ campaign_id: campaignId, group_code: groupCode, user_id })))
    .execute();
}

/** The S4 base data of a union that meets “两个普遍” (unit T01 of the bundled sample). */
export const S4_DATA = {
  firms_required: 60,
  unionised_firms: 58,
  wage_firms: 54,
  new_members: 420,
  member_target: 400,
  serious_accident: false,
  discipline_breach: false,
};
