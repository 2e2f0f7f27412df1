import { existsSync } from "node:fs";
import { defineConfig } from "vitest/config";

const serverTests = {
  include: ["server/src/**/*.test.ts"],
  globalSetup: ["server/src/test/global-setup.ts"],
  testTimeout: 30_000,
  hookTimeout: 60_000,
};
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const withPostgres = Boolean(process.env.TEST_DATABASE_URL);
const withBrowser = process.env.CI === "true" || existsSync(chromiumPath);

/** Every server test runs on PGlite, and again on PostgreSQL + Redis when TEST_DATABASE_URL is set. */
export default defineConfig({
  test: {
    projects: [
      { test: { ...serverTests, name: "pglite", env: { KINSHIP_TEST_DRIVER: "pglite" } } },
      ...(withPostgres
        ? [{ test: { ...serverTests, name: "postgres", env: { KINSHIP_TEST_DRIVER: "postgres" } } }]
        : []),
      ...(withBrowser
        ? [
            {
              test: {
                name: "e2e",
                include: ["web/e2e/**/*.e2e.ts"],
                globalSetup: ["web/e2e/global-setup.ts"],
                testTimeout: 60_000,
                hookTimeout: 120_000,
                fileParallelism: false,
              },
            },
          ]
        : []),
    ],
  },
});
