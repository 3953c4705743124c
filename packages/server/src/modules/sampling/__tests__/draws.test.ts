import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "../../../http/in-process-client.js";
import { type SeededOrganisation, seedOrganisation, seedUser } from "../../../testing/fixtures.js";
import { startTestServer, type TestServer } from "../../../testing/test-services.js";
import {
  bundledSchemeSource,
  seedCampaign,
  seedSchemeVersion,
  seedUnit,
} from "../../review/__tests__/campaign-fixture.js";

let server: TestServer;
let campaignId: string;

beforeAll(async () => {
  server = await startTestServer();
  const s = server.services;
  const county: SeededOrganisation = await seedOrganisation(s, {
    code: "county",
    name: "某县教育局",
    kind: "县",
  });
  await seedUser(s, {
    username: "organiser",
    organisation: county,
    grants: [{ role: "organiser", organisation: county }],
  });
  await seedUser(s, { username: "nobody", grants: [] });
  const version = await seedSchemeVersion(s, county, bundledSchemeSource("s07-standard-school"));
  campaignId = await seedCampaign(s, {
    organiser: county,
    schemeVersionId: version,
    year: 2026,
    stages: [
      { stage: "self_evaluation", closed: true },
      { stage: "review", open: true },
    ],
  });
  for (let i = 1; i <= 9; i += 1) {
    const school = await seedOrganisation(s, { parent: county, code: `S${i}`, kind: "学校" });
    await seedUnit(s, campaignId, school, { category: i <= 6 ? "primary" : "junior" });
  }
});
afterAll(() => server.close());

describe("the draw by lot for site visits", () => {
  it("stores the seed and result, re-verifies it, and detects a tampered result", async () => {
    const organiser = await ApiClient.login(server.app, "organiser");
    const drawn = await organiser.post(`/campaigns/${campaignId}/draws`, {
      seed: "20260301-会议宣读",
      fraction: "1/3",
      by: "category",
    });
    expect(drawn.status).toBe(201);
    expect(drawn.body.seed).toBe("20260301-会议宣读");
    expect(drawn.body.result.selected).toHaveLength(3);
    expect(drawn.body.result.strata.map((s: { count: number }) => s.count)).toEqual([1, 2]);
    const again = await organiser.post(`/campaigns/${campaignId}/draws`, {
      seed: "20260301-会议宣读",
      fraction: "1/3",
      by: "category",
    });
    expect(again.body.result.selected).toEqual(drawn.body.result.selected);
    const url = `/campaigns/${campaignId}/draws/${drawn.body.id}`;
    expect((await organiser.get(url)).body.result.populationSize).toBe(9);
    const verified = await organiser.get(`${url}/verify`);
    expect(verified.body).toEqual({ ok: true, reason: null, message: null, populationUnchanged: true });

    const tampered = { ...drawn.body.result, selected: ["S1", "S2", "S9"] };
    tampered.strata = drawn.body.result.strata.map((s: { value: string }) =>
      s.value === "junior" ? { ...s, selected: ["S9"] } : { ...s, selected: ["S1", "S2"] },
    );
    await server.services.db
      .updateTable("sampling_draws")
      .set({ result: JSON.stringify(tampered) })
      .where("id", "=", drawn.body.id)
      .execute();
    const detected = await organiser.get(`${url}/verify`);
    expect(detected.body.ok).toBe(false);
    expect(detected.body.reason).toBe("resultDiffers");

    const random = await organiser.post(`/campaigns/${campaignId}/draws`, { fraction: "0.5" });
    expect(random.body.seed).toMatch(/^[0-9a-f]{16}$/);
    const bad = await organiser.post(`/campaigns/${campaignId}/draws`, { fraction: "3/2" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe("body.fraction");
    const nobody = await ApiClient.login(server.app, "nobody");
    expect((await nobody.get(`${url}/verify`)).status).toBe(403);
  });
});
