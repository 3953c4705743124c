import { defineConfig } from "vitest/config";

// Browser tests (`npm run test:e2e`): the built server and web app driven by Debian's Chromium through playwright-core.
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    reporters: ["default"],
  },
});
