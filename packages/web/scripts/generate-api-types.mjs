/**
 * `npm run api:types`: builds the server app in-process on an in-memory PGlite (from the server's dist, so run
 * after `tsc -b packages/server`), reads its OpenAPI document and writes the web app's typed API files.
 */
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { startTestServer } from "../../server/dist/testing/test-services.js";
import { documentText, typesText } from "./openapi-types.mjs";

const apiDir = fileURLToPath(new URL("../src/api/", import.meta.url));
const server = await startTestServer();
try {
  const response = await server.app.inject({ method: "GET", url: "/api/docs" });
  if (response.statusCode !== 200) throw new Error(`GET /api/docs answered ${response.statusCode}`);
  const document = response.json();
  fs.writeFileSync(`${apiDir}openapi.json`, documentText(document));
  fs.writeFileSync(`${apiDir}schema.d.ts`, await typesText(document));
  console.log(
    `wrote src/api/openapi.json and src/api/schema.d.ts (${Object.keys(document.paths).length} paths)`,
  );
} finally {
  await server.close();
}
