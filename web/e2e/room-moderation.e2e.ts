import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { expectAccessible, type Kinship, screenshots, startKinship } from "./harness.ts";

/*
 * Moderation inside a live room, in the browser: reporting one message (its copy goes to the
 * organisation's queue) and blocking someone, whose words then stop reaching you while everyone
 * else hears them and they are never told.
 */

let browser: Browser;
let base: string;
let kinship: Kinship;
const shot = screenshots("room-moderation");

beforeAll(async () => {
  kinship = await startKinship("room-moderation");
  ({ base, browser } = kinship);
});
afterAll(async () => kinship?.close());

async function person(name: string, viewport = { width: 1200, height: 900 }) {
  const context = await browser.newContext({ viewport, locale: "en-US" });
  const handle = `${name}_${Date.now() % 100000}`;
  const res = await context.request.post(`${base}/api/auth/signup`, {
    data: { handle, passphrase: "a quiet walk after work" },
  });
  expect(res.status()).toBe(201);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  return { context, page, handle, errors };
}

const api = async (context: BrowserContext, method: "post" | "put" | "get", url: string, data?: unknown) => {
  const res = await context.request[method](`${base}${url}`, data === undefined ? {} : { data });
  expect(res.ok(), `${url}: ${await res.text()}`).toBe(true);
  return res.status() === 204 ? null : res.json();
};
const log = (page: Page) => page.getByRole("log");
async function say(page: Page, text: string) {
  await page.getByLabel("Your message").fill(text);
  await page.getByLabel("Your message").press("Enter");
}

it("reports a room message to the organisation's moderators, and a block keeps someone's words from the blocker only", async () => {
  const fac = await person("host");
  const alex = await person("alex", { width: 390, height: 844 });
  const blake = await person("blake");
  const org = await api(fac.context, "post", "/api/organisations", { name: `Quay Peers ${Date.now()}` });
  const group = await api(fac.context, "post", "/api/groups", {
    organisationId: org.id,
    name: "Quay Evenings",
    focus: "alcohol",
    format: "twelve_step",
    confidentialityAgreement: "What is said here stays here.",
  });
  const meeting = await api(fac.context, "post", `/api/groups/${group.id}/meetings`, {
    name: "Quay Online",
    mode: "online",
    days: [0, 1, 2, 3, 4, 5, 6],
    startTime: "00:00",
    endTime: "00:00",
    timeZone: "UTC",
    conferenceUrl: "https://meet.example.org/quay",
  });
  for (const p of [alex, blake])
    await api(p.context, "post", `/api/groups/${group.id}/join`, { acceptAgreement: true });
  await api(fac.context, "post", `/api/meetings/${meeting.id}/room`, { crossTalk: true });
  for (const p of [fac, alex, blake]) {
    await p.page.goto(`${base}/meetings/${meeting.slug}/room`);
    await p.page.getByRole("button", { name: "Take part" }).click();
    await p.page.getByRole("heading", { name: "Waiting to share" }).waitFor();
  }

  // Blake says something Alex finds hurtful; Alex reports that one message.
  await say(blake.page, "Nobody here cares what Alex thinks.");
  await expect.poll(() => log(alex.page).textContent()).toContain("Nobody here cares what Alex thinks.");
  await alex.page.getByRole("button", { name: `Report ${blake.handle}` }).click();
  await alex.page.getByLabel("What's wrong?").selectOption("harassment");
  await expectAccessible(alex.page);
  await shot(alex.page, "01-report-room-message-phone");
  await alex.page.getByRole("button", { name: "Send report" }).click();
  await alex.page.getByText("Thank you. The moderators will look at it.").waitFor();
  const queue = (await api(fac.context, "get", `/api/moderation/queue?scope=${org.id}`)) as {
    items: { type: string; subjectHandle: string }[];
  };
  expect(queue.items).toContainEqual(expect.objectContaining({ type: "room_message", subjectHandle: blake.handle }));

  // Alex blocks Blake (from Blake's page, like anyone): Blake's words stop reaching Alex at once.
  await alex.page.goto(`${base}/members/${blake.handle}/safety`);
  await alex.page.getByRole("button", { name: "Block", exact: true }).click();
  await expect.poll(() => alex.page.getByText("You've blocked", { exact: false }).count()).toBeGreaterThan(0);
  await alex.page.goto(`${base}/meetings/${meeting.slug}/room`);
  await alex.page.getByRole("button", { name: "Take part" }).click();
  await alex.page.getByRole("heading", { name: "Waiting to share" }).waitFor();
  await say(blake.page, "Zebrafish: something only the others will read.");
  await expect.poll(() => log(fac.page).textContent()).toContain("Zebrafish");
  await say(fac.page, "Thank you, everyone, for being here.");
  await expect.poll(() => log(alex.page).textContent()).toContain("Thank you, everyone, for being here.");
  expect(await log(alex.page).textContent()).not.toContain("Zebrafish");
  // Blake's message went out as usual: Blake sees it, and nothing says anyone blocked them.
  await expect.poll(() => log(blake.page).textContent()).toContain("Zebrafish");
  expect(await blake.page.getByText(/block/i).count()).toBe(0);
  await expectAccessible(alex.page);
  await shot(alex.page, "02-room-after-block-phone");
  for (const p of [fac, alex, blake]) expect(p.errors).toEqual([]);
});
