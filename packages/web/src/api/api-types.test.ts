/**
 * The committed API files (`openapi.json`, `schema.d.ts`) must match the live server's OpenAPI document:
 * when a route changes, run `npm run api:types` and commit the result.
 */
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../../server/src/testing/test-services.js";
import { documentText, typesText } from "../../scripts/openapi-types.mjs";

const read = (name: string) => fs.readFileSync(new URL(`./${name}`, import.meta.url), "utf8");
const HINT = "out of date with the server's OpenAPI document: run `npm run api:types`";

describe("the generated API types", () => {
  let server: TestServer;
  let document: unknown;

  beforeAll(async () => {
    server = await startTestServer();
    document = (await server.app.inject({ method: "GET", url: "/api/docs" })).json();
  });
  afterAll(() => server.close());

  it("openapi.json is the live document", () => {
    expect(read("openapi.json") === documentText(document), `src/api/openapi.json is ${HINT}`).toBe(true);
  });

  it("schema.d.ts is generated from it", async () => {
    expect(read("schema.d.ts") === (await typesText(document)), `src/api/schema.d.ts is ${HINT}`).toBe(true);
  });
});
