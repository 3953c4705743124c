// Vitest's global set-up: the tests import the packages from source, but the table import's parsing thread runs
// the compiled server (a worker thread cannot load TypeScript), so core and server are built first. Incremental:
// a second run with nothing changed takes a moment.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export default function buildForTests() {
  const root = fileURLToPath(new URL("..", import.meta.url));
  execFileSync(
    process.execPath,
    ["node_modules/typescript/bin/tsc", "-b", "packages/core", "packages/server"],
    {
      cwd: root,
      stdio: "inherit",
    },
  );
}
