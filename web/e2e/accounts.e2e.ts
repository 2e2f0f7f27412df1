import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { api, expectAccessible, type Kinship, startKinship } from "./harness.ts";

let browser: Browser;
let base: string;
let kinship: Kinship;

beforeAll(async () => {
  kinship = await startKinship("accounts");
  ({ base, browser } = kinship);
});
afterAll(async () => kinship?.close());

/** Fill the sign-up or login form and wait until the header shows the member signed in. */
async function submitCredentials(page: Page, handle: string, passphrase: string, button: string) {
  await page.getByLabel("Handle").fill(handle);
  await page.getByLabel("Passphrase", { exact: true }).fill(passphrase);
  await page.getByRole("button", { name: button }).click();
  await expect.poll(() => page.getByTestId("signed-in-as").textContent()).toContain(handle);
}

it("greets a signed-out visitor without a failed request in the browser console", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const failed: string[] = [];
  page.on("response", (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
  page.on("console", (m) => m.type() === "error" && failed.push(m.text()));
  for (const path of ["/", "/login", "/signup"]) {
    await page.goto(`${base}${path}`);
    await expect.poll(() => page.getByRole("link", { name: "Log in" }).count()).toBeGreaterThan(0);
    await page.waitForLoadState("networkidle");
  }
  expect(failed).toEqual([]);
  await context.close();
});

it("signs up, logs out, logs in, switches to Spanish, exports and deletes the account", async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const handle = `e2e_${Date.now() % 100000}`;
  const passphrase = "morning tea on the balcony";

  await page.goto(`${base}/signup`);
  await expectAccessible(page);
  await submitCredentials(page, handle, passphrase, "Create account");
  // Someone who has only just arrived is greeted, not welcomed "back".
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(`Hello, ${handle}`);

  await page.getByRole("button", { name: "Log out" }).click();
  await expect.poll(() => page.getByTestId("signed-in-as").count()).toBe(0);

  await page.goto(`${base}/login`);
  await expectAccessible(page);
  await submitCredentials(page, handle, passphrase, "Log in");

  await page.goto(`${base}/account`);
  await expectAccessible(page);
  await page.getByLabel("Language").selectOption({ label: "Español" });
  await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("es");
  await page.getByLabel("Idioma (Language)").selectOption({ label: "English" });
  await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");

  await page.goto(`${base}/account/privacy`);
  await expectAccessible(page);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download my data" }).click();
  expect((await download).suggestedFilename()).toMatch(/^kinship-export-\d{4}-\d{2}-\d{2}\.json$/);

  await page.getByRole("button", { name: "Delete my account", exact: true }).click();
  await page.getByLabel("Passphrase", { exact: true }).fill(passphrase);
  await page.getByRole("button", { name: "Delete my account forever" }).click();
  await expect.poll(() => page.getByTestId("signed-in-as").count()).toBe(0);
  const me = await page.request.get(`${base}/api/me`);
  expect(me.status()).toBe(401);
  expect(errors).toEqual([]);
});

it("keeps the phone header short: help stays in sight, the rest opens under Menu and closes on the way", async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.goto(`${base}/signup`);
  // As long as a handle can be (32 characters, no space), so the open menu shows it must wrap.
  const phoneHandle = `phone_${Date.now() % 100000}`.padEnd(32, "x");
  await submitCredentials(page, phoneHandle, "a lamp in the window", "Create account");
  // A long unbroken display name wraps on the member's page instead of widening it.
  await api(page, "PATCH", "/api/me/profile", { displayName: { value: "Wonderwall".repeat(6), visibility: "public" } });
  await page.goto(`${base}/members/${phoneHandle}`);
  await page.getByRole("heading", { level: 1, name: "Wonderwall".repeat(6) }).waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  const header = page.locator("header.site-header");
  const height = async () => (await header.boundingBox())?.height ?? 0;
  expect(await height()).toBeLessThan(130);
  expect(await page.getByRole("link", { name: "Need help now?" }).isVisible()).toBe(true);
  expect(await page.getByRole("link", { name: "I'm struggling" }).isVisible()).toBe(true);
  // Both on one row of their own, under the wordmark and Menu.
  const help = await page.getByRole("link", { name: "Need help now?" }).boundingBox();
  const struggling = await page.getByRole("link", { name: "I'm struggling" }).boundingBox();
  expect(help?.y).toBe(struggling?.y);
  const menu = page.getByRole("button", { name: "Menu" });
  const progress = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Your progress" });
  expect(await progress.isVisible()).toBe(false);

  await menu.click();
  expect(await menu.getAttribute("aria-expanded")).toBe("true");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectAccessible(page);
  await progress.click();
  await expect.poll(() => new URL(page.url()).pathname).toBe("/progress");
  await expect.poll(() => menu.getAttribute("aria-expanded")).toBe("false");
  expect(await progress.isVisible()).toBe(false);

  // By keyboard too: Enter opens it, and the log-out button is inside.
  await menu.focus();
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "Log out" }).click();
  await expect.poll(() => page.getByTestId("signed-in-as").count()).toBe(0);
  await context.close();
});

it("holds the header in English and Spanish with a 30-character handle, from a phone to a laptop", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/signup`);
  const longHandle = `wide_${Date.now() % 100000}`.padEnd(30, "w");
  await submitCredentials(page, longHandle, "a lamp in the window", "Create account");
  const top = async (selector: string) => (await page.locator(selector).boundingBox())?.y ?? -1;
  for (const language of ["en", "es"] as const) {
    await api(page, "PATCH", "/api/me/profile", { language: { value: language } });
    for (const width of [360, 480, 800, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${base}/`);
      await expect.poll(() => page.locator("html").getAttribute("lang")).toBe(language);
      await page.getByTestId("signed-in-as").waitFor({ state: "attached" });
      const where = `${language} ${width}px`;
      expect(await page.evaluate(() => document.documentElement.scrollWidth), where).toBeLessThanOrEqual(width);
      const wordmark = await top(".wordmark");
      if (width < 1024) {
        // Menu shares the wordmark's row; help and "I'm struggling" share one row (theirs or the wordmark's),
        // except on a phone in Spanish, where the longer words stack them, each the full width.
        expect(Math.abs((await top(".menu-button")) - wordmark), where).toBeLessThan(8);
        if (language === "en" || width >= 800) {
          expect(await top(".site-help"), where).toBe(await top(".site-struggling"));
        }
      } else {
        // One row for the wordmark, help and the tools, the handle shortened with "…"; the navigation below.
        for (const part of [".site-help", ".site-struggling", ".site-tools"]) {
          expect(Math.abs((await top(part)) - wordmark), `${where} ${part}`).toBeLessThan(8);
        }
        expect(await page.getByTestId("signed-in-as").getAttribute("title")).toBe(`@${longHandle}`);
      }
    }
  }
  await context.close();
});
