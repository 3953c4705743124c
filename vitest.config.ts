import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Tests import the workspace packages from source; the global set-up builds core and server only for the one part
// that runs compiled code (the table import's parsing thread).
export default defineConfig({
  resolve: {
    alias: {
      "@kaoping/core": fileURLToPath(new URL("./packages/core/src/index.ts", import.meta.url)),
      "@kaoping/server/workbooks": fileURLToPath(
        new URL("./packages/server/src/workbooks/index.ts", import.meta.url),
      ),
    },
  },
  test: {
    include: ["packages/*/src/**/*.test.ts", "schemes/**/*.test.ts"],
    globalSetup: ["./scripts/build-for-tests.mjs"],
    testTimeout: 30_000,
    // In CI a JSON report is kept too, from which .ci/run prints a plain "N passed, N failed" line.
    reporters: process.env.CI ? ["default", "json"] : ["default"],
    outputFile: { json: ".vitest-report.json" },
  },
});
