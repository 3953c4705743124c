import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../audit/audit-log.js";
import { ApiClient, TEST_PASSWORD } from "../http/in-process-client.js";
import { seedOrganisation, seedUser } from "../testing/fixtures.js";
import { startTestServer, type TestServer } from "../testing/test-services.js";

let server: TestServer;
let county: Awaited<ReturnType<typeof seedOrganisation>>;

beforeAll(async () => {
  server = await startTestServer();
  county = await seedOrganisation(server.services, { code: "county", name: "某县", kind: "县" });
  await seedUser(server.services, { username: "admin", grants: [{ role: "admin" }] });
  await seedUser(server.services, {
    username: "organiser",
    organisation: county,
    grants: [{ role: "organiser", organisation: county }],
  });
});
afterAll(() => server.close());

describe("sign-in", () => {
  it("refuses a wrong password with the one error shape", async () => {
    const response = await ApiClient.anonymous(server.app).post("/auth/login", {
      username: "admin",
      password: "nope-nope",
    });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe("bad_credentials");
    expect(response.body.error.message.zh).toContain("密码");
  });

  it("sets an HttpOnly SameSite cookie and returns the CSRF token", async () => {
    const response = await server.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { username: "admin", password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    const cookie = String(response.headers["set-cookie"]);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    expect(response.json().csrfToken).toMatch(/.{40,}/);
  });

  it("marks the cookie Secure when the request came over HTTPS through a trusted proxy", async () => {
    const behindProxy = await startTestServer({ trustProxy: true });
    try {
      await seedUser(behindProxy.services, { username: "admin", grants: [{ role: "admin" }] });
      const response = await behindProxy.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        headers: { "x-forwarded-proto": "https" },
        payload: { username: "admin", password: TEST_PASSWORD },
      });
      expect(String(response.headers["set-cookie"])).toMatch(/Secure/);
    } finally {
      await behindProxy.close();
    }
  });

  it("requires the CSRF header on changes", async () => {
    const admin = await ApiClient.login(server.app, "admin");
    const withoutToken = new ApiClient(server.app, undefined, undefined);
    expect((await withoutToken.post("/organisations", {})).status).toBe(401);
    const cookieOnly = await admin.request(
      "POST",
      "/organisations",
      { parentId: null, code: "x", name: "x", kind: "x" },
      { "x-csrf-token": "wrong" },
    );
    expect(cookieOnly.status).toBe(403);
    expect(cookieOnly.body.error.code).toBe("csrf");
  });

  it("locks an account after repeated failures, even for the right password", async () => {
    await seedUser(server.services, { username: "victim", grants: [] });
    const anonymous = ApiClient.anonymous(server.app);
    for (let i = 0; i < 5; i += 1)
      await anonymous.post("/auth/login", { username: "victim", password: "wrong-wrong" });
    const locked = await anonymous.post("/auth/login", { username: "victim", password: TEST_PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe("account_locked");
    server.services.clock.advance(16 * 60_000);
    expect(
      (await anonymous.post("/auth/login", { username: "victim", password: TEST_PASSWORD })).status,
    ).toBe(200);
  });

  it("changes a password and ends the other sessions", async () => {
    await seedUser(server.services, { username: "changer", grants: [] });
    const first = await ApiClient.login(server.app, "changer");
    const second = await ApiClient.login(server.app, "changer");
    const short = await first.post("/auth/password", {
      currentPassword: TEST_PASSWORD,
      newPassword: "short",
    });
    expect(short.status).toBe(400);
    expect(short.body.error.details[0].path).toBe("body.newPassword");
    expect(
      (
        await first.post("/auth/password", {
          currentPassword: TEST_PASSWORD,
          newPassword: "a-new-password-1",
        })
      ).status,
    ).toBe(200);
    expect((await first.get("/auth/session")).status).toBe(200);
    expect((await second.get("/auth/session")).status).toBe(401);
    await ApiClient.login(server.app, "changer", "a-new-password-1");
  });
});

describe("organisations", () => {
  it("lets an organiser build its subtree but not outside it, and audits every write", async () => {
    const organiser = await ApiClient.login(server.app, "organiser");
    const town = await organiser.post("/organisations", {
      parentId: county.id,
      code: "town-1",
      name: "城关镇",
      kind: "乡镇",
    });
    expect(town.status).toBe(201);
    expect(town.body.depth).toBe(1);
    const root = await organiser.post("/organisations", {
      parentId: null,
      code: "other",
      name: "他县",
      kind: "县",
    });
    expect(root.status).toBe(403);
    const renamed = await organiser.patch(`/organisations/${town.body.id}`, {
      version: 1,
      name: "城关镇人民政府",
    });
    expect(renamed.status).toBe(200);
    const stale = await organiser.patch(`/organisations/${town.body.id}`, { version: 1, name: "被覆盖" });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("stale_version");
    const list = await organiser.get(`/organisations?under=${county.id}`);
    expect(list.body.items.map((o: { name: string }) => o.name)).toEqual(["某县", "城关镇人民政府"]);
    expect(await verifyAuditChain(server.services.db)).toMatchObject({ problem: null });
  });

  it("names unknown fields and wrong types", async () => {
    const organiser = await ApiClient.login(server.app, "organiser");
    const response = await organiser.post("/organisations", {
      parentId: county.id,
      code: "t2",
      name: 5,
      kind: "乡镇",
      colour: "red",
    });
    expect(response.status).toBe(400);
    const paths = response.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toContain("body.name");
    expect(paths.join(" ")).toContain("body.colour");
  });
});
