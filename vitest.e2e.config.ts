import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Browser tests: a production build served by server/index.js on a throwaway SQLite database
// with the demo data, driven by Debian's Chromium through playwright-core.
export default defineConfig({
  resolve: {
    alias: { "~": fileURLToPath(new URL("./app", import.meta.url)), "@search": fileURLToPath(new URL("./search", import.meta.url)) },
  },
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    globalSetup: ["tests/e2e/app-server.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
