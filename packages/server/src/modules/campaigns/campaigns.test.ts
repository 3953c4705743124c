import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../access/actor.js";
import { verifyAuditChain } from "../../audit/audit-log.js";
import { ApiClient } from "../../http/in-process-client.js";
import { type SeededOrganisation, seedOrganisation, seedUser } from "../../testing/fixtures.js";
import { startTestServer, type TestServer } from "../../testing/test-services.js";
import { importScheme } from "../schemes/import-scheme.js";
import { advanceStage } from "./advance-stage.js";
import { createCampaign } from "./create-campaign.js";
import { setRaters } from "./set-raters.js";
import { startCampaign } from "./start-campaign.js";

const tradeUnion = readFileSync(
  new URL("../../../../../schemes/s04-trade-union/scheme.yaml", import.meta.url),
  "utf8",
);

let server: TestServer;
let county: SeededOrganisation;
let towns: SeededOrganisation[];
let dept: SeededOrganisation;
let other: SeededOrganisation;
let otherTown: SeededOrganisation;
let organiser: ApiClient;
let schemeVersionId: string;
let organiserActor: Actor;
const reviewers: string[] = [];
let plainUser: string;

beforeAll(async () => {
  server = await startTestServer();
  const s = server.services;
  county = await seedOrganisation(s, { code: "county", kind: "县总工会" });
  towns = [];
  for (let i = 1; i <= 3; i += 1)
    towns.push(
      await seedOrganisation(s, { parent: county, code: `town-${i}`, kind: "乡镇", category: "TOWN" }),
    );
  dept = await seedOrganisation(s, { parent: county, code: "dept-1", kind: "县直", category: "DEPT" });
  other = await seedOrganisation(s, { code: "other", kind: "县" });
  otherTown = await seedOrganisation(s, { parent: other, code: "other-town", category: "TOWN" });
  const organiserId = await seedUser(s, {
    username: "organiser",
    organisation: county,
    grants: [{ role: "organiser", organisation: county }],
  });
  await seedUser(s, {
    username: "stranger",
    organisation: other,
    grants: [{ role: "organiser", organisation: other }],
  });
  await seedUser(s, {
    username: "town1-head",
    organisation: towns[0],
    grants: [{ role: "unit_head", organisation: towns[0] }],
  });
  await seedUser(s, {
    username: "town3-head",
    organisation: towns[2],
    grants: [{ role: "unit_head", organisation: towns[2] }],
  });
  for (let i = 1; i <= 3; i += 1)
    reviewers.push(
      await seedUser(s, { username: `expert-${i}`, grants: [{ role: "reviewer", organisation: county }] }),
    );
  plainUser = await seedUser(s, { username: "nobody", organisation: towns[1], grants: [] });
  organiser = await ApiClient.login(server.app, "organiser");
  organiserActor = {
    userId: organiserId,
    username: "organiser",
    displayName: "organiser",
    organisationId: county.id,
    grants: [{ role: "organiser", organisationId: county.id, path: county.path }],
  };
  const imported = await importScheme(s, organiserActor, {
    ownerId: county.id,
    source: tradeUnion,
    format: "yaml",
  });
  schemeVersionId = imported.id;
});
afterAll(() => server.close());

const stages = [
  { stage: "deploy", deadline: "2026-03-10T00:00:00Z" },
  { stage: "self_evaluation", deadline: "2026-04-01T00:00:00Z" },
  { stage: "review", deadline: "2026-05-01T00:00:00Z" },
  { stage: "grading" },
];

const newCampaign = (overrides: Record<string, unknown> = {}) => ({
  organiserId: county.id,
  name: "2011年度全县工会工作考评",
  year: 2011,
  schemeVersionId,
  settings: { reviewersSeeSelfScores: true },
  stages,
  units: [
    { organisationId: towns[0]?.id },
    { organisationId: towns[1]?.id, group: "A" },
    { organisationId: dept.id },
  ],
  ...overrides,
});

describe("campaign creation", () => {
  it("creates a draft with stages, units, categories and rater groups", async () => {
    const created = await organiser.post("/campaigns", newCampaign());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: "draft",
      version: 1,
      unitCount: 3,
      currentStage: null,
      schemeCode: "s04-trade-union",
      schemeVersionLabel: "2011",
      settings: { reviewersSeeSelfScores: true },
    });
    expect(created.body.stages.map((s: { stage: string; name: string }) => s.stage)).toEqual([
      "deploy",
      "self_evaluation",
      "review",
      "grading",
    ]);
    expect(created.body.stages[1].name).toBe("单位自评");
    expect(created.body.raterGroups.map((g: { code: string }) => g.code)).toEqual(["LD", "FZR", "BS"]);
    const units = await organiser.get(`/campaigns/${created.body.id}/units`);
    expect(units.body.items.map((u: { code: string; category: string }) => [u.code, u.category])).toEqual([
      ["dept-1", "DEPT"],
      ["town-1", "TOWN"],
      ["town-2", "TOWN"],
    ]);
  });

  it("names the fields at fault", async () => {
    const outside = await organiser.post(
      "/campaigns",
      newCampaign({
        units: [
          { organisationId: towns[0]?.id },
          { organisationId: towns[1]?.id },
          { organisationId: otherTown.id },
        ],
      }),
    );
    expect(outside.status).toBe(403);
    expect(outside.body.error.details[0].path).toBe("body.units.2.organisationId");

    const self = await organiser.post("/campaigns", newCampaign({ units: [{ organisationId: county.id }] }));
    expect(self.status).toBe(400);
    expect(self.body.error.details[0].path).toBe("body.units.0.organisationId");

    const category = await organiser.post(
      "/campaigns",
      newCampaign({ units: [{ organisationId: towns[0]?.id, category: "SCHOOL" }] }),
    );
    expect(category.status).toBe(400);
    expect(category.body.error.details[0].path).toBe("body.units.0.category");

    const order = await organiser.post(
      "/campaigns",
      newCampaign({
        stages: [
          { stage: "self_evaluation", deadline: "2026-04-01T00:00:00Z" },
          { stage: "deploy" },
          { stage: "review", deadline: "2026-03-01T00:00:00Z" },
        ],
      }),
    );
    expect(order.status).toBe(400);
    expect(order.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      "body.stages.1.stage",
      "body.stages.2.deadline",
    ]);

    const noSelf = await organiser.post("/campaigns", newCampaign({ stages: [{ stage: "review" }] }));
    expect(noSelf.status).toBe(400);
    expect(noSelf.body.error.details[0].path).toBe("body.stages");

    const unknownStage = await organiser.post("/campaigns", newCampaign({ stages: [{ stage: "party" }] }));
    expect(unknownStage.status).toBe(400);
    expect(unknownStage.body.error.details[0].path).toBe("body.stages.0.stage");
  });

  it("refuses an organiser of another subtree", async () => {
    const stranger = await ApiClient.login(server.app, "stranger");
    expect((await stranger.post("/campaigns", newCampaign())).status).toBe(403);
    const foreignScheme = await stranger.post(
      "/campaigns",
      newCampaign({ organiserId: other.id, units: [{ organisationId: otherTown.id }] }),
    );
    expect(foreignScheme.status).toBe(403);
    expect(foreignScheme.body.error.details[0].path).toBe("body.schemeVersionId");
    const mine = await organiser.get("/campaigns");
    const id = mine.body.items[0].id;
    expect((await stranger.get(`/campaigns/${id}`)).status).toBe(403);
    expect((await stranger.patch(`/campaigns/${id}`, { version: 1, name: "x" })).status).toBe(403);
    expect((await stranger.get("/campaigns")).body.total).toBe(0);
  });
});

describe("campaign lifecycle", () => {
  it("edits with optimistic concurrency, sets raters, starts and advances in order", async () => {
    const created = await organiser.post("/campaigns", newCampaign({ name: "lifecycle" }));
    const id = created.body.id;
    const renamed = await organiser.patch(`/campaigns/${id}`, { version: 1, name: "2011年度考评" });
    expect(renamed.status).toBe(200);
    expect(renamed.body.version).toBe(2);
    const stale = await organiser.patch(`/campaigns/${id}`, { version: 1, name: "被覆盖" });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("stale_version");

    const units = await organiser.put(`/campaigns/${id}/units`, {
      version: 2,
      units: [{ organisationId: towns[0]?.id }, { organisationId: towns[2]?.id, role: "reporting" }],
    });
    expect(units.status).toBe(200);
    expect(units.body.unitCount).toBe(2);

    const badRaters = await organiser.put(`/campaigns/${id}/raters`, {
      version: 3,
      groups: { XX: [reviewers[0]], LD: [plainUser] },
    });
    expect(badRaters.status).toBe(400);
    expect(badRaters.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      "body.groups.XX",
      "body.groups.LD.0",
    ]);
    const raters = await organiser.put(`/campaigns/${id}/raters`, {
      version: 3,
      groups: { LD: [reviewers[0]], FZR: [reviewers[1], reviewers[2]], BS: [reviewers[2]] },
    });
    expect(raters.status).toBe(200);
    expect(raters.body.raterGroups[1].members.map((m: { username: string }) => m.username)).toEqual([
      "expert-2",
      "expert-3",
    ]);

    // A reviewer sees the campaign as a rater; a unit head of a unit taking part sees it, another does not.
    const expert = await ApiClient.login(server.app, "expert-1");
    expect((await expert.get(`/campaigns/${id}`)).status).toBe(200);
    const town3 = await ApiClient.login(server.app, "town3-head");
    expect((await town3.get("/campaigns")).body.items.map((c: { id: string }) => c.id)).toEqual([id]);
    const town1 = await ApiClient.login(server.app, "town1-head");
    expect((await town1.get("/campaigns")).body.total).toBe(2);
    expect((await town3.post(`/campaigns/${id}/start`, { version: 4 })).status).toBe(403);

    const started = await organiser.post(`/campaigns/${id}/start`, { version: 4 });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: "running", currentStage: "deploy", version: 5 });
    const evaluations = await server.services.db
      .selectFrom("self_evaluations")
      .select(["organisation_id", "status"])
      .where("campaign_id", "=", id)
      .execute();
    expect(evaluations.map((e) => e.status)).toEqual(["draft", "draft"]);
    expect(new Set(evaluations.map((e) => e.organisation_id))).toEqual(new Set([towns[0]?.id, towns[2]?.id]));
    const version = await organiser.get(`/scheme-versions/${schemeVersionId}`);
    expect(version.body.frozen).toBe(true);
    expect(
      (
        await organiser.put(`/scheme-versions/${schemeVersionId}`, {
          version: 1,
          source: tradeUnion,
          format: "yaml",
        })
      ).status,
    ).toBe(409);

    expect((await organiser.post(`/campaigns/${id}/start`, { version: 5 })).body.error.code).toBe(
      "wrong_stage",
    );
    expect((await organiser.put(`/campaigns/${id}/units`, { version: 5, units: [] })).body.error.code).toBe(
      "wrong_stage",
    );
    const reorder = await organiser.patch(`/campaigns/${id}`, {
      version: 5,
      stages: [{ stage: "self_evaluation" }],
    });
    expect(reorder.body.error.code).toBe("wrong_stage");
    const moved = await organiser.patch(`/campaigns/${id}`, {
      version: 5,
      stages: stages.map((s) =>
        s.stage === "self_evaluation" ? { ...s, deadline: "2026-04-15T00:00:00Z" } : s,
      ),
    });
    expect(moved.status).toBe(200);
    expect(moved.body.stages[1].deadline).toBe("2026-04-15T00:00:00.000Z");

    const staleAdvance = await organiser.post(`/campaigns/${id}/advance`, { version: 5 });
    expect(staleAdvance.status).toBe(409);
    let current = 6;
    const seen: Array<string | null> = [];
    for (let i = 0; i < 4; i += 1) {
      server.services.clock.advance(60_000);
      const advanced = await organiser.post(`/campaigns/${id}/advance`, { version: current });
      expect(advanced.status).toBe(200);
      current = advanced.body.version;
      seen.push(advanced.body.currentStage);
    }
    expect(seen).toEqual(["self_evaluation", "review", "grading", null]);
    const done = await organiser.get(`/campaigns/${id}`);
    expect(done.body.status).toBe("running");
    expect(done.body.stages.every((s: { closedAt: string | null }) => s.closedAt !== null)).toBe(true);
    expect((await organiser.post(`/campaigns/${id}/advance`, { version: current })).body.error.code).toBe(
      "wrong_stage",
    );

    // Raters are fixed once the review stage has opened.
    expect(
      (await organiser.put(`/campaigns/${id}/raters`, { version: current, groups: {} })).body.error.code,
    ).toBe("wrong_stage");

    // Published: every write refused.
    await server.services.db
      .updateTable("campaigns")
      .set({ status: "published" })
      .where("id", "=", id)
      .execute();
    const published = await organiser.patch(`/campaigns/${id}`, { version: current, name: "x" });
    expect(published.status).toBe(409);
    expect(published.body.error.code).toBe("locked");
    expect(await verifyAuditChain(server.services.db)).toMatchObject({ problem: null });
  });

  it("reports progress and late units, through the exported use cases", async () => {
    const s = server.services;
    s.clock.set("2026-03-01T02:00:00Z");
    const campaign = await createCampaign(s, organiserActor, {
      organiserId: county.id,
      name: "progress",
      year: 2012,
      schemeVersionId,
      stages: [
        { stage: "self_evaluation", deadline: "2026-03-20T00:00:00Z" },
        { stage: "review", deadline: "2026-04-20T00:00:00Z" },
      ],
      units: [
        { organisationId: towns[0]?.id ?? "" },
        { organisationId: towns[1]?.id ?? "" },
        { organisationId: dept.id },
      ],
    });
    const withRaters = await setRaters(s, organiserActor, campaign.id, {
      version: campaign.version,
      groups: { LD: [reviewers[0] ?? ""] },
    });
    const started = await startCampaign(s, organiserActor, campaign.id, { version: withRaters.version });
    expect(started.currentStage).toBe("self_evaluation");
    await s.db
      .updateTable("self_evaluations")
      .set({ status: "submitted", submitted_at: new Date("2026-03-10T00:00:00Z"), submissions: 1 })
      .where("campaign_id", "=", campaign.id)
      .where("organisation_id", "=", towns[0]?.id ?? "")
      .execute();
    await s.db
      .updateTable("self_evaluations")
      .set({ status: "returned", returned_reason: "佐证材料不全", submissions: 1 })
      .where("campaign_id", "=", campaign.id)
      .where("organisation_id", "=", dept.id)
      .execute();

    const before = await organiser.get(`/campaigns/${campaign.id}/progress`);
    expect(before.status).toBe(200);
    expect(before.body.stages[0].late).toEqual([]);
    expect(before.body.counts).toMatchObject({ units: 3, submitted: 1, draft: 1, returned: 1, late: 0 });

    s.clock.set("2026-03-21T00:00:00Z");
    organiser = await ApiClient.login(server.app, "organiser");
    const after = await organiser.get(`/campaigns/${campaign.id}/progress?limit=2`);
    expect(after.status, JSON.stringify(after.body)).toBe(200);
    expect(after.body.units.total).toBe(3);
    expect(after.body.units.items).toHaveLength(2);
    expect(after.body.units.items[1]).toMatchObject({
      code: "town-1",
      late: false,
      selfEvaluation: { status: "submitted", submissions: 1, submittedAt: "2026-03-10T00:00:00.000Z" },
    });
    expect(after.body.stages[0].late.map((u: { code: string }) => u.code)).toEqual(["dept-1", "town-2"]);
    expect(after.body.units.items[0]).toMatchObject({
      code: "dept-1",
      late: true,
      selfEvaluation: { status: "returned", returnedReason: "佐证材料不全" },
    });
    const page2 = await organiser.get(`/campaigns/${campaign.id}/progress?limit=2&offset=2`);
    expect(page2.body.units.items.map((u: { code: string; late: boolean }) => [u.code, u.late])).toEqual([
      ["town-2", true],
    ]);
    expect(
      (await (await ApiClient.login(server.app, "town1-head")).get(`/campaigns/${campaign.id}/progress`))
        .status,
    ).toBe(403);

    const advanced = await advanceStage(s, organiserActor, campaign.id, { version: started.version });
    expect(advanced.currentStage).toBe("review");
  });

  it("keeps the OpenAPI document buildable", async () => {
    const docs = await server.app.inject({ method: "GET", url: "/api/docs" });
    expect(docs.statusCode).toBe(200);
    expect(Object.keys(docs.json().paths)).toContain("/api/v1/campaigns/{id}/progress");
  });
});
