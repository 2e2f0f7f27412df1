import path from "node:path";
import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO_MEMBERS, seedDemo } from "../../server/src/db/demo.ts";
import { DEMO_SHARING_GROUP } from "../../server/src/db/demo-progress.ts";
import { groups, members } from "../../server/src/db/schema.ts";
import { addToGroup, makeGroup, makeOrganisation } from "../../server/src/test/directory-factories.ts";
import { expectAccessible, type Kinship, screenshots, signUp, startKinship } from "./harness.ts";

let browser: Browser;
let base: string;
let kinship: Kinship;

beforeAll(async () => {
  kinship = await startKinship("group-shares");
  ({ base, browser } = kinship);
});
afterAll(async () => kinship?.close());

/** Waits for the page to settle, generously: the machine running the tests may be busy. */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 10_000 });

const shot = screenshots("group-shares");

async function idOf(handle: string) {
  const [row] = await kinship.database.db.select({ id: members.id }).from(members).where(eq(members.handle, handle));
  if (!row) throw new Error(`no member ${handle}`);
  return row.id;
}

/** A date `days` from today in UTC (the contexts below live in UTC). */
function day(days: number) {
  const t = new Date();
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

it("a member shares a journey with their group; a fellow member sees the day count on the group page, an outsider does not", async () => {
  const stamp = Date.now() % 100000;
  const sharerHandle = `river_${stamp}`;
  const fellowHandle = `sam_${stamp}`;
  const outsiderHandle = `alex_${stamp}`;
  const errors: string[] = [];

  const sharerContext = await browser.newContext({ timezoneId: "UTC", viewport: { width: 1200, height: 900 } });
  const fellowContext = await browser.newContext({ timezoneId: "UTC", viewport: { width: 360, height: 800 } });
  const outsiderContext = await browser.newContext({ timezoneId: "UTC", viewport: { width: 1200, height: 900 } });
  const sharer = await signUp(base, sharerContext, sharerHandle);
  const fellow = await signUp(base, fellowContext, fellowHandle);
  const outsider = await signUp(base, outsiderContext, outsiderHandle);
  for (const page of [sharer, fellow, outsider]) page.on("pageerror", (e) => errors.push(e.message));

  const db = kinship.database.db;
  const org = await makeOrganisation(db, { name: "Harbour Peers" });
  const group = await makeGroup(db, org.id, { name: "Tuesday Harbour Circle", membership: "closed" });
  await addToGroup(db, group.id, await idOf(sharerHandle));
  await addToGroup(db, group.id, await idOf(fellowHandle));

  // The sharer starts a journey 92 days ago.
  await sharer.goto(`${base}/progress`);
  await sharer.getByLabel("What is this journey about?").fill("Alcohol");
  await sharer.getByLabel("Start date").fill(day(-92));
  await sharer.getByRole("button", { name: "Start counting" }).click();
  await poll(() => sharer.locator(".journey__days").first().textContent()).toBe("92");

  // Before anything is shared, the group page says so kindly.
  await fellow.goto(`${base}/groups/${group.id}`);
  await poll(() => fellow.getByRole("heading", { name: "Shared with the group" }).count()).toBe(1);
  await poll(() => fellow.getByText("No one is sharing their progress with this group yet.").count()).toBe(1);

  // The sharer chooses, on the partners page, to share their journeys with the group.
  await sharer.getByRole("navigation", { name: "Your progress" }).getByRole("link", { name: "Partners" }).click();
  const card = sharer.getByRole("region", { name: "Tuesday Harbour Circle" });
  await poll(() => card.count()).toBe(1);
  await poll(() => sharer.getByText("Only people who are members of that group right now will see it").count()).toBe(1);
  const journeys = card.getByRole("checkbox", { name: /Journeys/ });
  expect(await journeys.isChecked()).toBe(false);
  expect(await card.getByRole("checkbox", { name: /plan/i }).count()).toBe(0);
  await journeys.check();
  await card.getByRole("button", { name: "Save for Tuesday Harbour Circle" }).click();
  await poll(() =>
    card.getByText("Saved. The members of Tuesday Harbour Circle see only what you chose.").count(),
  ).toBe(1);
  await expectAccessible(sharer);
  await shot(sharer, "01-share-with-group-desktop");

  // A fellow member (on a phone) sees the count and the next milestone on the group's page.
  await fellow.reload();
  const section = fellow.getByRole("region", { name: "Shared with the group" });
  await poll(() => section.getByRole("heading", { name: `@${sharerHandle}` }).count()).toBe(1);
  await poll(() => section.locator(".journey__days").textContent()).toBe("92");
  expect(await section.textContent()).toContain("Alcohol");
  expect(await section.textContent()).toContain("next milestone 6 months");
  await expectAccessible(fellow);
  await section.scrollIntoViewIfNeeded();
  await shot(fellow, "02-group-page-fellow-phone");

  // Someone outside the group sees the group but nothing of what its members share.
  await outsider.goto(`${base}/groups/${group.id}`);
  await poll(() => outsider.getByRole("heading", { name: "Tuesday Harbour Circle" }).count()).toBe(1);
  expect(await outsider.getByRole("heading", { name: "Shared with the group" }).count()).toBe(0);
  expect(await outsider.content()).not.toContain(sharerHandle);
  const status = await outsider.evaluate(
    async (id) => (await fetch(`/api/groups/${id}/shared-progress`)).status,
    group.id,
  );
  expect(status).toBe(403);
  await shot(outsider, "03-group-page-outsider-desktop");

  // Unticking ends it at once.
  await journeys.uncheck();
  await card.getByRole("button", { name: "Save for Tuesday Harbour Circle" }).click();
  await poll(() => card.getByText("Saved. You're not sharing anything with Tuesday Harbour Circle.").count()).toBe(1);
  await fellow.reload();
  await poll(() => fellow.getByText("No one is sharing their progress with this group yet.").count()).toBe(1);

  // In Spanish too; on a phone the language is in the header's menu.
  await journeys.check();
  await card.getByRole("button", { name: "Save for Tuesday Harbour Circle" }).click();
  await poll(() => card.getByText(/^Saved\. The members/).count()).toBe(1);
  await fellow.reload();
  await fellow.getByRole("button", { name: "Menu" }).click();
  await fellow.getByLabel("Language").selectOption({ label: "Español" });
  await poll(() => fellow.locator("html").getAttribute("lang")).toBe("es");
  const seccion = fellow.getByRole("region", { name: "Compartido con el grupo" });
  await poll(() => seccion.locator(".journey__days").textContent()).toBe("92");
  expect(await seccion.textContent()).toContain("próximo hito: 6 meses");
  await expectAccessible(fellow);
  await shot(fellow, "04-group-page-fellow-phone-es");

  expect(errors).toEqual([]);
  for (const context of [sharerContext, fellowContext, outsiderContext]) await context.close();
}, 240_000);

it("in the demo, sam_h sees what river shares with the Evening Harbour Group: the count, mood and craving, and goals", async () => {
  await seedDemo(kinship.database.db);
  const [group] = await kinship.database.db
    .select({ id: groups.id })
    .from(groups)
    .where(eq(groups.name, DEMO_SHARING_GROUP));
  const sam = DEMO_MEMBERS[1];
  const context = await browser.newContext({ timezoneId: "America/New_York", viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${base}/login`);
  await page.getByLabel("Handle").fill(sam.handle);
  await page.getByLabel("Passphrase", { exact: true }).fill(sam.passphrase);
  await page.getByRole("button", { name: "Log in" }).click();
  await poll(() => page.getByTestId("signed-in-as").textContent()).toContain(sam.handle);

  await page.goto(`${base}/groups/${group?.id}`);
  const section = page.getByRole("region", { name: "Shared with the group" });
  await poll(() => section.getByRole("heading", { name: "@river" }).count()).toBe(1);
  expect(await section.locator(".journey__days").textContent()).toBe("620");
  expect(await section.textContent()).toContain("next milestone 2 years");
  expect(await section.getByRole("table").count()).toBe(1);
  expect(await section.textContent()).toContain("Call someone from the group");
  expect(await section.textContent()).not.toContain("Payday Friday");
  await expectAccessible(page);
  await section.scrollIntoViewIfNeeded();
  await shot(page, "05-demo-group-page-sam-phone");
  await section.screenshot({ path: path.join(shot.dir, "06-demo-shared-section-phone.png") });
  expect(errors).toEqual([]);
  await context.close();
}, 120_000);
