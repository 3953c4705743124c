/** The server serves a built web app: its files, index.html for app routes, and never for /api. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../testing/test-services.js";

describe("the web app", () => {
  let server: TestServer;
  let webDir: string;

  beforeAll(async () => {
    webDir = fs.mkdtempSync(path.join(os.tmpdir(), "kaoping-web-"));
    fs.mkdirSync(path.join(webDir, "assets"));
    fs.writeFileSync(path.join(webDir, "index.html"), "<!doctype html><title>考评</title>");
    fs.writeFileSync(path.join(webDir, "assets", "index-abc.js"), "console.log(1)");
    server = await startTestServer({ webDir });
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  const get = (url: string) => server.app.inject({ method: "GET", url });

  it("serves index.html at / and for the app's routes, revalidated", async () => {
    for (const url of ["/", "/campaigns/123", "/grading-runs/x?tab=1"]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers["content-type"]).toMatch(/^text\/html/);
      expect(response.body).toContain("考评");
      expect(response.headers["cache-control"]).toBe("no-cache");
    }
  });

  it("serves hashed assets as immutable, and a missing one is a 404", async () => {
    const asset = await get("/assets/index-abc.js");
    expect(asset.statusCode).toBe(200);
    expect(asset.headers["content-type"]).toMatch(/javascript/);
    expect(asset.headers["cache-control"]).toContain("immutable");
    const missing = await get("/assets/gone.js");
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe("not_found");
  });

  it("keeps /api: unknown API paths are JSON 404s, the API and its document still answer", async () => {
    for (const url of ["/api/v1/nothing-here", "/api/nothing", "/api"]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error.code).toBe("not_found");
    }
    expect((await get("/api/docs")).json().openapi).toBe("3.1.0");
    expect((await get("/api/v1/auth/session")).statusCode).toBe(401);
  });

  it("does not escape its folder", async () => {
    const response = await get("/..%2F..%2Fetc%2Fpasswd");
    expect(response.body).not.toContain("root:");
  });

  it("is not served when the folder has no index.html", async () => {
    const bare = await startTestServer({ webDir: path.join(webDir, "assets") });
    try {
      const response = await bare.app.inject({ method: "GET", url: "/" });
      expect(response.statusCode).not.toBe(200);
    } finally {
      await bare.close();
    }
  });
});
