import { defineConfig } from "vitest/config";

// Three projects: `unit` (pure code, fast), `integration` (server and end-to-end flows on a real
// database: PGlite by default, PostgreSQL when BLUEZONE_TEST_DATABASE_URL is set) and `browser` (the web
// app in headless chromium; run only by `npm run test:browser`, `npm test` runs unit + integration).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["packages/*/src/**/*.test.ts", "bench/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "**/*.browser.test.ts", "**/node_modules/**"],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: "integration",
          include: ["packages/*/src/**/*.int.test.ts", "packages/*/test/**/*.int.test.ts"],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        // The web app in Debian chromium against the real server (npm run test:browser; not in npm test).
        test: {
          name: "browser",
          include: ["packages/web/test/**/*.browser.test.ts"],
          globalSetup: ["packages/web/test/build.ts"],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
