/**
 * After `vite build`: prints the initial JavaScript a first visit downloads — the entry chunk and everything it
 * imports statically, per the Vite manifest — in KB gzip, and fails the build above the budget.
 */
import fs from "node:fs";
import zlib from "node:zlib";

const BUDGET_KB = 400;
const dist = new URL("../dist/", import.meta.url);
const manifest = JSON.parse(fs.readFileSync(new URL(".vite/manifest.json", dist), "utf8"));

const seen = new Set();
function collect(key) {
  if (seen.has(key)) return;
  seen.add(key);
  for (const imported of manifest[key]?.imports ?? []) collect(imported);
}
for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) collect(key);

let raw = 0;
let gzip = 0;
for (const key of seen) {
  const bytes = fs.readFileSync(new URL(manifest[key].file, dist));
  raw += bytes.length;
  gzip += zlib.gzipSync(bytes, { level: 9 }).length;
}
const kb = (n) => (n / 1024).toFixed(1);
console.log(
  `initial JavaScript: ${seen.size} chunk(s), ${kb(raw)} KB raw, ${kb(gzip)} KB gzip (budget ${BUDGET_KB} KB)`,
);
if (gzip / 1024 > BUDGET_KB) {
  console.error(`initial JavaScript is over the ${BUDGET_KB} KB gzip budget`);
  process.exitCode = 1;
}
