import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../audit/audit-log.js";
import { ApiClient } from "../../http/in-process-client.js";
import { type SeededOrganisation, seedOrganisation, seedUser } from "../../testing/fixtures.js";
import { startTestServer, type TestServer } from "../../testing/test-services.js";

const schemeText = (folder: string) =>
  readFileSync(new URL(`../../../../../schemes/${folder}/scheme.yaml`, import.meta.url), "utf8");
const tradeUnion = schemeText("s04-trade-union");
const school = schemeText("s07-standard-school");

let server: TestServer;
let county: SeededOrganisation;
let town: SeededOrganisation;
let other: SeededOrganisation;
let organiser: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  county = await seedOrganisation(server.services, { code: "county", kind: "县" });
  town = await seedOrganisation(server.services, { parent: county, code: "town", kind: "乡镇" });
  other = await seedOrganisation(server.services, { code: "other-county", kind: "县" });
  await seedUser(server.services, {
    username: "organiser",
    organisation: county,
    grants: [{ role: "organiser", organisation: county }],
  });
  await seedUser(server.services, {
    username: "town-organiser",
    organisation: town,
    grants: [{ role: "organiser", organisation: town }],
  });
  await seedUser(server.services, {
    username: "stranger",
    organisation: other,
    grants: [{ role: "organiser", organisation: other }],
  });
  organiser = await ApiClient.login(server.app, "organiser");
});
afterAll(() => server.close());

describe("scheme import", () => {
  it("imports the bundled trade-union and school schemes with their tree, bonus, veto and rater rules", async () => {
    const union = await organiser.post("/schemes", {
      ownerId: county.id,
      source: tradeUnion,
      format: "yaml",
    });
    expect(union.status).toBe(201);
    expect(union.body).toMatchObject({
      schemeCode: "s04-trade-union",
      label: "2011",
      frozen: false,
      version: 1,
    });
    expect(union.body.max).toBe("100");
    expect(union.body.indicators.map((i: { code: string }) => i.code)).toContain("A");
    const a = union.body.indicators.find((i: { code: string }) => i.code === "A");
    expect(a).toMatchObject({ name: "重点工作目标", max: "70", method: null });
    expect(a.children[0].code).toBe("A1");
    expect(union.body.bonus.items.length).toBeGreaterThan(0);
    expect(union.body.vetoes.length).toBeGreaterThan(0);
    expect(union.body.raters.groups.map((g: { code: string; weight: string }) => [g.code, g.weight])).toEqual(
      [
        ["LD", "0.4"],
        ["FZR", "0.3"],
        ["BS", "0.3"],
      ],
    );
    expect(union.body.categories.map((c: { code: string }) => c.code)).toEqual(["TOWN", "DEPT"]);
    expect(union.body.definition.code).toBe("s04-trade-union");

    const standard = await organiser.post("/schemes", { ownerId: county.id, source: school, format: "yaml" });
    expect(standard.status).toBe(201);
    expect(standard.body.max).toBe("1000");

    const list = await organiser.get("/schemes");
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(2);
    expect(list.body.items.map((s: { code: string }) => s.code)).toEqual([
      "s04-trade-union",
      "s07-standard-school",
    ]);

    // A township organiser below the county sees the county's schemes; another county does not.
    const townList = await (await ApiClient.login(server.app, "town-organiser")).get("/schemes");
    expect(townList.body.total).toBe(2);
    const stranger = await ApiClient.login(server.app, "stranger");
    expect((await stranger.get("/schemes")).body.total).toBe(0);
    expect((await stranger.get(`/scheme-versions/${union.body.id}`)).status).toBe(403);
    expect(
      (await stranger.post("/schemes", { ownerId: county.id, source: tradeUnion, format: "yaml" })).status,
    ).toBe(403);
  });

  it("adds versions by code and refuses a label twice", async () => {
    const again = await organiser.post("/schemes", {
      ownerId: county.id,
      source: tradeUnion,
      format: "yaml",
    });
    expect(again.status).toBe(409);
    expect(again.body.error.details[0].path).toBe("body.label");
    const second = await organiser.post("/schemes", {
      ownerId: county.id,
      source: tradeUnion,
      format: "yaml",
      label: "2012",
    });
    expect(second.status).toBe(201);
    const scheme = await organiser.get(`/schemes/${second.body.schemeId}`);
    expect(scheme.status).toBe(200);
    expect(scheme.body.versions.map((v: { label: string }) => v.label)).toEqual(["2011", "2012"]);
    expect(scheme.body.versionCount).toBe(2);
  });

  it("imports JSON and refuses a JSON-labelled text that is not JSON", async () => {
    const json = JSON.stringify({
      code: "mini",
      name: "小型",
      version: "1",
      issuer: "县",
      indicators: [{ code: "A", name: "甲", max: 10, method: { type: "manual" } }],
    });
    const ok = await organiser.post("/schemes", { ownerId: county.id, source: json, format: "json" });
    expect(ok.status).toBe(201);
    expect(ok.body.indicators[0]).toMatchObject({ code: "A", max: "10", method: "manual", children: [] });
    const notJson = await organiser.post("/schemes", {
      ownerId: county.id,
      source: "code: x",
      format: "json",
    });
    expect(notJson.status).toBe(422);
    expect(notJson.body.error.code).toBe("invalid_scheme");
  });

  it("refuses a broken scheme with line:column and path for every problem", async () => {
    const broken = tradeUnion.replace("max: 70\n", "max: seventy\n").replace("issuer: ", "isuer: ");
    const response = await organiser.post("/schemes", { ownerId: county.id, source: broken, format: "yaml" });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe("invalid_scheme");
    const paths: string[] = response.body.error.details.map((d: { path: string }) => d.path);
    expect(paths.length).toBeGreaterThanOrEqual(2);
    for (const path of paths) expect(path).toMatch(/^source:\d+:\d+/);
    const maxLine = tradeUnion.split("\n").findIndex((line) => line.includes("max: 70")) + 1;
    expect(paths.some((p) => p.startsWith(`source:${maxLine}:`) && p.endsWith("indicators[0].max"))).toBe(
      true,
    );

    const syntax = await organiser.post("/schemes", {
      ownerId: county.id,
      source: "code: x\nname: [unclosed\n",
      format: "yaml",
    });
    expect(syntax.status).toBe(422);
    expect(syntax.body.error.details[0].path).toMatch(/^source:\d+:\d+/);
  });
});

describe("scheme versions", () => {
  it("replaces an unfrozen version, refuses a stale one and keeps a frozen one immutable", async () => {
    const imported = await organiser.post("/schemes", {
      ownerId: county.id,
      source: school,
      format: "yaml",
      label: "draft",
    });
    expect(imported.status).toBe(201);
    const id = imported.body.id;
    const changed = school.replace("name: 义务教育阶段标准化学校评估验收", "name: 标准化学校评估验收(修订)");
    const replaced = await organiser.put(`/scheme-versions/${id}`, {
      version: 1,
      source: changed,
      format: "yaml",
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body.version).toBe(2);
    expect(replaced.body.definition.name).toBe("标准化学校评估验收(修订)");
    const stale = await organiser.put(`/scheme-versions/${id}`, {
      version: 1,
      source: school,
      format: "yaml",
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("stale_version");
    const invalid = await organiser.put(`/scheme-versions/${id}`, {
      version: 2,
      source: school.replace("max: 300", "max: -1"),
      format: "yaml",
    });
    expect(invalid.status).toBe(422);
    const otherCode = await organiser.put(`/scheme-versions/${id}`, {
      version: 2,
      source: tradeUnion,
      format: "yaml",
    });
    expect(otherCode.status).toBe(422);

    await server.services.db
      .updateTable("scheme_versions")
      .set({ frozen: true })
      .where("id", "=", id)
      .execute();
    const locked = await organiser.put(`/scheme-versions/${id}`, {
      version: 2,
      source: school,
      format: "yaml",
    });
    expect(locked.status).toBe(409);
    expect(locked.body.error.code).toBe("locked");
    expect((await organiser.get(`/scheme-versions/${id}`)).body.frozen).toBe(true);
    expect(await verifyAuditChain(server.services.db)).toMatchObject({ problem: null });
    const audit = await server.services.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["scheme_version.imported", "scheme_version.replaced"]);
  });
});
