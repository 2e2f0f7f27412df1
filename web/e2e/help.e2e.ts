import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { expectAccessible, type Kinship, screenshots, startKinship } from "./harness.ts";

let browser: Browser;
let base: string;
let kinship: Kinship;

beforeAll(async () => {
  kinship = await startKinship("help");
  ({ base, browser } = kinship);
});
afterAll(async () => kinship?.close());

const shot = screenshots("help");

it("“Need help now?” shows the reader's own country's crisis lines first, and others on request", async () => {
  // Someone in Spain, not signed in, on a phone: the page is in Spanish and starts with Spain's lines.
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "es-ES" });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${base}/help`);
  await page.getByRole("heading", { level: 1, name: "¿Necesitas ayuda ya?" }).waitFor({ timeout: 10_000 });
  const spain = page.getByRole("heading", { name: "Línea 024 de atención a la conducta suicida" });
  await spain.waitFor({ timeout: 10_000 });
  expect(await page.getByRole("link", { name: "Llamar al 024" }).getAttribute("href")).toBe("tel:024");
  // The US lines are not put first for a reader in Spain.
  expect(await page.getByRole("heading", { name: "988 Suicide & Crisis Lifeline" }).count()).toBe(0);
  await expectAccessible(page);
  await shot(page, "help-es-ES-phone");

  // Another country, picked by name in the reader's language.
  await page.getByLabel("Líneas de crisis de").selectOption("MX");
  await expect.poll(() => spain.count(), { timeout: 10_000 }).toBe(0);
  await expect
    .poll(() => page.getByRole("link", { name: /^Llamar al / }).count(), { timeout: 10_000 })
    .toBeGreaterThan(0);
  expect(errors).toEqual([]);
  await context.close();
});

it("keeps the lines written into the app when the directory can't be reached (the app opened offline)", async () => {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: "en-GB" });
  const page = await context.newPage();
  // The network fails for the directory only, as it would for an installed app opened offline.
  await page.route("**/api/crisis-lines**", (route) => route.abort("internetdisconnected"));
  await page.goto(`${base}/help`);
  await page.getByText("These lines are kept in the app").waitFor({ timeout: 15_000 });
  expect(await page.getByRole("link", { name: "Call 116 123" }).getAttribute("href")).toBe("tel:116123");
  expect(await page.getByRole("link", { name: "Call 988" }).getAttribute("href")).toBe("tel:988");
  await expectAccessible(page);
  await shot(page, "help-offline-desktop");

  await context.close();

  // Opened offline before the country picker's code was ever fetched: the same lines, not a blank.
  const fresh = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "en-GB" });
  const first = await fresh.newPage();
  await first.route("**/assets/CrisisLines-*.js", (route) => route.abort("internetdisconnected"));
  await first.goto(`${base}/help`);
  await first.getByText("These lines are kept in the app").waitFor({ timeout: 15_000 });
  expect(await first.getByLabel("Crisis lines for").count()).toBe(0);
  expect(await first.getByRole("link", { name: "Call 116 123" }).count()).toBe(1);
  await fresh.close();
});
