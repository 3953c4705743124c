/**
 * Starting the server: a bad setting stops it with the setting's name (exit 2); production needs an admin
 * password and creates nothing but the administrator; demo mode fills an empty database once.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureAdmin } from "../bootstrap/ensure-admin.js";
import { DEMO_PASSWORD, isEmptyDatabase } from "../demo/load-demo.js";
import { ApiClient } from "../http/in-process-client.js";
import { bootstrap } from "../start-server.js";
import { startTestServer, type TestServer } from "../testing/test-services.js";
import {
  ADMIN_PASSWORD,
  buildOnce,
  freePort,
  HttpClient,
  spawnServer,
  type TestStore,
  testStore,
} from "./server-process.js";

beforeAll(() => buildOnce(), 240_000);

describe("the server process", () => {
  it("refuses a bad setting with exit code 2 and names it", async () => {
    const server = spawnServer({ KAOPING_PORT: "abc" });
    expect((await server.exited).code).toBe(2);
    expect(server.stderr()).toMatch(/KAOPING_PORT="abc"/);
  });

  it("refuses production without an administrator password", async () => {
    const server = spawnServer({ KAOPING_PORT: String(await freePort()), KAOPING_MODE: "production" });
    expect((await server.exited).code).toBe(2);
    expect(server.stderr()).toMatch(/KAOPING_ADMIN_PASSWORD/);
  });

  describe("in production", () => {
    let store: TestStore;
    beforeAll(async () => {
      store = await testStore();
    });
    afterAll(() => store?.drop());

    it("creates the administrator and no demo users, and keeps a changed password", async () => {
      const env = {
        ...store.env,
        KAOPING_PORT: String(await freePort()),
        KAOPING_MODE: "production",
        KAOPING_ADMIN_USERNAME: "root-admin",
        KAOPING_ADMIN_PASSWORD: ADMIN_PASSWORD,
      };
      const server = spawnServer(env);
      await server.ready();
      expect(server.stdout()).toContain(`listening on ${server.url}`);
      expect(server.stdout()).toContain(`${server.url}/api/docs`);
      expect(server.stdout()).toContain("administrator root-admin created");
      expect(server.stdout()).not.toContain(DEMO_PASSWORD);
      const docs = await fetch(`${server.url}/api/docs`);
      expect(((await docs.json()) as { openapi: string }).openapi).toBe("3.1.0");

      const admin = await HttpClient.login(server.url, "root-admin", ADMIN_PASSWORD);
      const users = await admin.get("/users");
      expect(users.body.items.map((u: { username: string }) => u.username)).toEqual(["root-admin"]);
      expect((await admin.get("/organisations")).body.total).toBe(0);
      const demoLogin = await fetch(`${server.url}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "dudao", password: DEMO_PASSWORD }),
      });
      expect(demoLogin.status).toBe(401);
      expect(
        (
          await admin.post("/auth/password", {
            currentPassword: ADMIN_PASSWORD,
            newPassword: "changed-password-1",
          })
        ).status,
      ).toBe(200);

      if (!store.onPostgres) {
        // One process per database folder: a second server on it is refused while the first runs.
        const second = spawnServer({ ...env, KAOPING_PORT: String(await freePort()) });
        expect((await second.exited).code).toBe(1);
        expect(second.stderr()).toMatch(/in use by process \d+/);
      }
      server.child.kill("SIGINT");
      expect((await server.exited).code).toBe(0);
      expect(server.stdout()).toContain("SIGINT: stopping");

      // The next start finds the administrator and leaves the password as it was changed.
      const again = spawnServer(env);
      await again.ready();
      expect(again.stdout()).not.toContain("created");
      await HttpClient.login(again.url, "root-admin", "changed-password-1");
      again.child.kill("SIGTERM");
      expect((await again.exited).code).toBe(0);
      if (!store.onPostgres)
        expect(fs.existsSync(path.join(store.dataDir, "db", "kaoping.lock"))).toBe(false);
    }, 120_000);
  });
});

describe("bootstrap", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it("loads the demo into an empty database once, with a user for every role and five campaigns", async () => {
    const services = server.services;
    const countUsers = async () =>
      Number(
        (
          await services.db
            .selectFrom("users")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await isEmptyDatabase(services)).toBe(true);
    const first = await bootstrap(services, server.app);
    expect(first.admin).toBeNull();
    const demo = first.demo!;
    expect(demo.password).toBe(DEMO_PASSWORD);
    expect(new Set(demo.users.map((u) => u.role))).toEqual(
      new Set(["admin", "organiser", "unit_head", "unit_staff", "department_staff", "reviewer", "viewer"]),
    );

    const count = async (kind: string, category?: string) => {
      let query = services.db.selectFrom("organisations").where("kind", "=", kind);
      if (category !== undefined) query = query.where("category", "=", category);
      const row = await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
      return Number(row.n);
    };
    expect(await count("县")).toBe(1);
    // The county's twelve, and the five 街道办事处 the 数字化城管 center dispatches cases to.
    expect((await count("乡镇")) + (await count("街道"))).toBe(17);
    expect(await count("学校")).toBe(30);
    // 18 schools of the tree, and S7's twelve (S01…S12) under the acceptance office.
    expect([
      await count("学校", "小学"),
      await count("学校", "初中"),
      await count("学校", "九年一贯制"),
    ]).toEqual([8, 7, 3]);
    expect(await count("工会")).toBe(16);

    // The organiser of schools sees the education bureau's subtree; a school head signs in with the demo password.
    const dudao = await ApiClient.login(server.app, "dudao", DEMO_PASSWORD);
    const schools = await dudao.get("/organisations?kind=学校&limit=100");
    expect(schools.body.total).toBe(30);
    const head = await ApiClient.login(server.app, "p01.head", DEMO_PASSWORD);
    expect((await head.get("/auth/session")).body.user.grants).toHaveLength(1);

    const usersBefore = await countUsers();
    const second = await bootstrap(services, server.app);
    expect(second).toEqual({ admin: null, demo: null });
    expect(await countUsers()).toBe(usersBefore);

    // The campaigns: last year's S4 published; this year's S4 in review, S7 in self-evaluation, S8 with its
    // satisfaction survey and S13 fed from the cases.
    const campaigns = await services.db
      .selectFrom("campaigns")
      .select(["year", "status", "name"])
      .orderBy("year")
      .orderBy("name")
      .execute();
    expect(campaigns.map((c) => [c.year, c.status, c.name])).toEqual([
      [2025, "published", "2025年度全县工会工作创优争先考评"],
      [2026, "running", "2026年义务教育标准化学校评估验收"],
      [2026, "running", "2026年度全县工会工作创优争先考评"],
      [2026, "running", "2026年度县教育局所属学校绩效考核"],
      [2026, "running", "2026年街道办事处数字化城管与12345热线办理考核"],
    ]);
    const kaopingban = await ApiClient.login(server.app, "kaopingban", DEMO_PASSWORD);
    const listed = await kaopingban.get("/campaigns");
    const current = listed.body.items.find((c: { status: string }) => c.status === "running");
    expect(current.currentStage).toBe("review");
  }, 120_000);

  it("makes an existing account an enabled administrator again in production", async () => {
    const services = server.services;
    await services.db.updateTable("users").set({ disabled: true }).where("username", "=", "leader").execute();
    expect(await ensureAdmin(services, "leader", "ignored-password")).toBe("restored");
    expect(await ensureAdmin(services, "leader", "ignored-password")).toBe("unchanged");
    const admin = await ApiClient.login(server.app, "leader", DEMO_PASSWORD);
    expect((await admin.get("/audit/verify")).body.intact).toBe(true);
  });
});
