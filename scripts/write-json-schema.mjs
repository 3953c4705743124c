// Writes schemes/scheme.schema.json from the built core (run through `npm run schema`, which builds first).
// Plain JavaScript because Node 20 cannot run TypeScript; the test json-schema.test.ts checks the file is current.
import { writeFileSync } from "node:fs";
import { schemeJsonSchema } from "../packages/core/dist/scheme/json-schema.js";

const target = new URL("../schemes/scheme.schema.json", import.meta.url);
writeFileSync(target, `${JSON.stringify(schemeJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
