import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { expectAccessible, type Kinship, startKinship } from "./harness.ts";

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
