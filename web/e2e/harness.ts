import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { expect } from "vitest";
import { buildApp } from "../../server/src/app.ts";
import { loadConfig } from "../../server/src/config.ts";
import { openDatabase } from "../../server/src/db/client.ts";
import { seedDemo } from "../../server/src/db/demo.ts";

/**
 * One Kinship for a browser test file, as `npm start` runs it (PGlite in a fresh data folder,
 * listening on a free port), and one headless Debian Chromium. `demo` loads the demo content.
 */
export async function startKinship(name: string, options: { demo?: boolean } = {}) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `kinship-e2e-${name}-`));
  const database = await openDatabase({ dataDir });
  const demo = options.demo ? "on" : "off";
  const app = await buildApp(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "silent", KINSHIP_DEMO: demo, PORT: "0" }), {
    database,
  });
  if (options.demo) await seedDemo(database.db);
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  return {
    app,
    database,
    dataDir,
    base,
    browser,
    async close() {
      await browser.close();
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
export type Kinship = Awaited<ReturnType<typeof startKinship>>;

/** axe finds nothing serious or critical on the page as it is now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(", ")})`)).toEqual([]);
}

/** A new member, signed up through the sign-up page in a new tab; resolves once the header names them. */
export async function signUp(base: string, context: BrowserContext, handle: string, passphrase = PASSPHRASE) {
  const page = await context.newPage();
  await page.goto(`${base}/signup`);
  await page.getByLabel("Handle").fill(handle);
  await page.getByLabel("Passphrase", { exact: true }).fill(passphrase);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect.poll(() => page.getByTestId("signed-in-as").textContent()).toContain(handle);
  return page;
}
export const PASSPHRASE = "morning tea on the balcony";

/** A JSON call from inside the page, with its session cookie, for set-up the test is not about. */
export async function api<T>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const res = await fetch(url, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
      return res.status === 204 ? null : res.json();
    },
    { method, url, body },
  ) as Promise<T>;
}

/** Full-page screenshots of one test file, to look at: in $SHOTS_DIR (or the temp folder) under shots-<name>. */
export function screenshots(name: string) {
  const dir = path.join(process.env.SHOTS_DIR ?? os.tmpdir(), `shots-${name}`);
  mkdirSync(dir, { recursive: true });
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
  return Object.assign(shot, { dir });
}
