// `npm test`: every server test on PGlite (and on PostgreSQL + Redis when TEST_DATABASE_URL is
// set), then the browser tests when Chromium is installed (always in CI). One Vitest run.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium) && process.env.CI !== "true") {
  console.warn(`Browser tests skipped: no Chromium at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH).`);
}
if (!process.env.TEST_DATABASE_URL) {
  console.warn("PostgreSQL tests skipped: set TEST_DATABASE_URL (and TEST_REDIS_URL) to run them too.");
}
const result = spawnSync("npx", ["vitest", "run", ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(result.status ?? 1);
