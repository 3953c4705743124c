import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "../../http/in-process-client.js";
import { seedOrganisation, seedUser } from "../../testing/fixtures.js";
import { startTestServer, type TestServer } from "../../testing/test-services.js";

let server: TestServer;
let town: Awaited<ReturnType<typeof seedOrganisation>>;

beforeAll(async () => {
  server = await startTestServer();
  const county = await seedOrganisation(server.services, { code: "county", name: "某县", kind: "县" });
  town = await seedOrganisation(server.services, { parent: county, code: "town", kind: "乡镇" });
  await seedUser(server.services, {
    username: "organiser",
    organisation: county,
    grants: [{ role: "organiser", organisation: county }],
  });
  await seedUser(server.services, {
    username: "town.head",
    organisation: town,
    grants: [{ role: "unit_head", organisation: town }],
  });
  // Works at the county but reviews the town: listed at the town by its grant.
  await seedUser(server.services, {
    username: "county.reviewer",
    organisation: county,
    grants: [{ role: "reviewer", organisation: town }],
  });
});
afterAll(() => server.close());

describe("users of one organisation", () => {
  it("lists the users who belong to it or hold a role there", async () => {
    const organiser = await ApiClient.login(server.app, "organiser");
    const all = await organiser.get("/users");
    expect(all.body.total).toBe(3);
    const atTown = await organiser.get(`/users?organisationId=${town.id}`);
    expect(atTown.status).toBe(200);
    expect(atTown.body.items.map((u: { username: string }) => u.username)).toEqual([
      "county.reviewer",
      "town.head",
    ]);
    expect(atTown.body.total).toBe(2);
  });
});
