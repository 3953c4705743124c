import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "../../../http/in-process-client.js";
import { seedUser } from "../../../testing/fixtures.js";
import { startTestServer, type TestServer } from "../../../testing/test-services.js";
import { COUNTY_TABLES, type SelfEvaluationFixture, seedS2Campaign, YUANJIANG_SCORES } from "./fixture.js";

let server: TestServer;
let f: SelfEvaluationFixture;
const login = (name: string) => ApiClient.login(server.app, `${name}-1`);

beforeAll(async () => {
  server = await startTestServer();
  f = await seedS2Campaign(server.services);
  await seedUser(server.services, {
    username: "viewer-1",
    grants: [{ role: "viewer", organisation: f.city }],
  });
  const head = await login("head");
  let view = (await head.get(f.url(f.county))).body;
  for (const [code, input] of Object.entries(YUANJIANG_SCORES)) {
    const item = view.items.find((i: { code: string }) => i.code === code);
    const narrative = code === "B1.1" ? "县政府专题研究教育工作4次。" : undefined;
    const saved = await head.put(f.url(f.county, `/items/${code}`), {
      version: item.version,
      input,
      narrative,
    });
    expect(saved.status, code).toBe(200);
  }
  for (const [code, rows] of Object.entries(COUNTY_TABLES)) {
    view = (await head.get(f.url(f.county))).body;
    const version = view.tables.find((t: { code: string }) => t.code === code).version;
    expect((await head.put(f.url(f.county, `/tables/${code}`), { version, rows })).status, code).toBe(200);
  }
});
afterAll(() => server.close());

async function setSeeSelfScores(value: boolean) {
  await server.services.db
    .updateTable("campaigns")
    .set({ settings: JSON.stringify({ reviewersSeeSelfScores: value }) })
    .where("id", "=", f.campaignId)
    .execute();
}

const item = (view: any, code: string) => view.items.find((i: { code: string }) => i.code === code);

describe("self-scores and reviewers (reviewersSeeSelfScores)", () => {
  it("keeps every self-score, the total and the explanation from a reviewer when the campaign hides them", async () => {
    await setSeeSelfScores(false);
    const view = (await (await login("reviewer")).get(f.url(f.county))).body;
    expect(view.selfScoresHidden).toBe(true);
    expect(view.score).toBeNull();
    expect(view.explanation).toBeNull();
    expect(view.problems).toEqual([]);
    expect(view.items.filter((i: { input: unknown }) => i.input !== null)).toEqual([]);
    // What the reviewer needs to score stays: narratives, tables and the data.
    expect(item(view, "B1.1")).toMatchObject({ narrative: "县政府专题研究教育工作4次。", version: 1 });
    expect(view.tables.find((t: { code: string }) => t.code === "T2").rows.junior).toMatchObject({
      dropouts: 207,
    });
    expect(view.tableData).toMatchObject({ junior_dropouts: 207 });
    expect(JSON.stringify(view)).not.toContain("91.5");
  });

  it("still shows them to the unit, the organiser and a viewer", async () => {
    for (const name of ["head", "organiser", "viewer"]) {
      const view = (await (await login(name)).get(f.url(f.county))).body;
      expect(view.selfScoresHidden, name).toBe(false);
      expect(view.score, name).toMatchObject({ total: "91.50" });
      expect(view.explanation, name).toContain("91.5");
      expect(item(view, "B1.1").input, name).toBe(5);
    }
  });

  it("shows them to the reviewer when the campaign lets reviewers see self-scores", async () => {
    await setSeeSelfScores(true);
    const view = (await (await login("reviewer")).get(f.url(f.county))).body;
    expect(view.selfScoresHidden).toBe(false);
    expect(view.score).toMatchObject({ total: "91.50" });
    expect(item(view, "B1.1").input).toBe(5);
    expect(item(view, "B2.1").input).toEqual({
      checked: ["appropriation", "per-pupil", "salary-and-public"],
    });
  });
});
