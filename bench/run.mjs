#!/usr/bin/env node
/**
 * Runs the benchmarks one after another (never at once: they would measure each other).
 *
 *   npm run bench                      # every benchmark, on PGlite, or on PostgreSQL when DATABASE_URL is set
 *   npm run bench -- finder            # only some of them
 *   npm run bench -- finder --runs 500 # options after the names go to each script
 *
 * Figures and how to read them: docs/benchmarks.md.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const here = import.meta.dirname;
/** Name → script. Add a benchmark here when you add its script. */
const BENCHES = { finder: "finder.ts", feed: "feed.ts", forums: "forums.ts" };

const args = process.argv.slice(2);
const names = args.filter((a) => a in BENCHES);
const options = args.filter((a) => !(a in BENCHES));
const chosen = (names.length > 0 ? names : Object.keys(BENCHES)).filter((n) => existsSync(path.join(here, BENCHES[n])));

let failed = false;
for (const name of chosen) {
  console.log(`\n━━ ${name} ━━`);
  const result = spawnSync("npx", ["tsx", path.join(here, BENCHES[name]), ...options], { stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`${name} failed (exit ${result.status ?? result.signal})`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
