import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { expect, it } from "vitest";

/** PRODUCT.md: initial web JavaScript ≤ 150 KB gzipped. The build under test is the one global-setup made. */
const BUDGET = 150 * 1024;

it("keeps the JavaScript a first visit loads within 150 KB gzipped", () => {
  const dist = path.join(import.meta.dirname, "../dist");
  const html = readFileSync(path.join(dist, "index.html"), "utf8");
  // The entry script and every module it preloads; lazy pages and locale files are not among them.
  const scripts = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
  expect(scripts.length).toBeGreaterThan(0);
  const sizes = scripts.map((file) => [file, gzipSync(readFileSync(path.join(dist, file))).length] as const);
  const total = sizes.reduce((sum, [, size]) => sum + size, 0);
  expect(total, `first-load JS: ${JSON.stringify(sizes)}`).toBeLessThanOrEqual(BUDGET);
});
