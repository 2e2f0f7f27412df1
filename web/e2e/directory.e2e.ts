import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { api, expectAccessible, type Kinship, startKinship } from "./harness.ts";

let browser: Browser;
let base: string;
let dataDir: string;
let kinship: Kinship;

beforeAll(async () => {
  kinship = await startKinship("directory", { demo: true });
  ({ base, browser, dataDir } = kinship);
});
afterAll(async () => kinship?.close());

/** A fresh member, signed in in a new browser context that reads times in New York. */
async function signedInContext(handle: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ timezoneId: "America/New_York", locale: "en-US" });
  context.setDefaultTimeout(45_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const signup = await page.request.post(`${base}/api/auth/signup`, {
    data: { handle, passphrase: "a calm harbour in the evening" },
    headers: { origin: base },
  });
  expect(signup.status()).toBe(201);
  return { context, page, errors };
}

/** Pages load their code on demand; on a busy machine that can take longer than expect.poll's 1 s. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000 });
/** Each journey is long; give it room on a loaded machine (Vitest's e2e default is 60 s). */
const JOURNEY = 180_000;

const handle = (prefix: string) => `${prefix}_${Date.now() % 100000}`;

it(
  "finds a meeting near a city typed by name, follows it, says I'm going, and sees it in my meetings",
  async () => {
    const { context, page, errors } = await signedInContext(handle("finder"));

    await page.goto(`${base}/meetings`);
    await poll(() =>
      page
        .getByText(/\d+ meetings/)
        .first()
        .textContent(),
    ).toMatch(/\d+ meetings/);
    await expectAccessible(page);

    // The place box is a combobox: type, arrow down, Enter.
    const near = page.getByRole("combobox", { name: "Near" });
    await near.fill("Londo");
    await poll(() => page.getByRole("option", { name: /^London, ENG, United Kingdom/ }).count()).toBe(1);
    await near.press("ArrowDown");
    await near.press("Enter");
    await poll(() => new URL(page.url()).searchParams.get("near")).toBe("51.51,-0.13");
    expect(new URL(page.url()).searchParams.get("sort")).toBe("distance");
    // Only meetings in and around London; the nearest first, each with its distance.
    const results = page.getByRole("article");
    await poll(() => results.first().textContent()).toContain("km away");
    const names = await page.locator(".result__name").allTextContents();
    expect(names).toContain("Monday Night Hope");
    expect(names).not.toContain("Fresh Start at Noon"); // Brooklyn
    // London's 7 pm read in New York, with London's own time and zone named beside it.
    const hope = page.getByRole("article").filter({ hasText: "Monday Night Hope" }).first();
    await poll(() => hope.textContent()).toMatch(/2:00 PM\s*your time/);
    await poll(() => hope.textContent()).toContain("7:00 PM in London (United Kingdom Time)");

    // The map view loads Leaflet on demand and says the street map is off on this server.
    await page.getByRole("button", { name: "Map" }).click();
    await poll(() => page.getByText("Street maps are turned off").count()).toBe(1);
    await poll(() => page.locator(".map-pin").count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await page.getByRole("button", { name: "List" }).click();

    await page.getByRole("link", { name: "Monday Night Hope" }).first().click();
    await poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Monday Night Hope");
    await expectAccessible(page);

    const follow = page.getByRole("button", { name: "Follow this meeting" });
    await follow.click();
    await poll(() => page.getByRole("button", { name: "Following ✓" }).getAttribute("aria-pressed")).toBe("true");

    const firstDate = page.getByRole("group", { name: "Tick the dates you plan to go" }).getByRole("checkbox").first();
    // The box shows what the server saved, so it ticks when the RSVP is stored, not at the click;
    // check() would want the change at once. The polls below wait for it.
    await firstDate.click();
    await poll(() => firstDate.isChecked()).toBe(true);
    await poll(() => page.getByText("Saved. We're glad you're going.").count()).toBe(1);
    await poll(() => page.getByText("1 person is going to an upcoming meeting.").count()).toBe(1);

    await page.getByRole("link", { name: "My meetings", exact: true }).click();
    await poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("My meetings");
    const row = page.getByRole("article").filter({ hasText: "Monday Night Hope" });
    await poll(() => row.count()).toBe(1);
    await poll(() => row.textContent()).toContain("You're going:");
    await expectAccessible(page);

    // The private calendar feed: shown once, and it holds the followed meeting.
    await page.getByRole("button", { name: "Create my calendar address" }).click();
    const address = page.getByLabel("Your private calendar address");
    await poll(() => address.inputValue()).toMatch(/\/feeds\/calendar\/.+\.ics$/);
    // The address uses the server's public URL; this test server listens on a port of its own.
    const calendar = await page.request.get(`${base}${new URL(await address.inputValue()).pathname}`);
    expect(calendar.status()).toBe(200);
    expect(await calendar.text()).toContain("Monday Night Hope");

    expect(errors).toEqual([]);
    await context.close();
  },
  JOURNEY,
);

it(
  "lets a member start an organisation, a group in it and a meeting",
  async () => {
    const { context, page, errors } = await signedInContext(handle("admin"));

    await page.goto(`${base}/organisations/new`);
    await expectAccessible(page);
    await page.getByLabel("Name").fill("Riverside Peer Support");
    await page.getByLabel("Description").fill("Peer-run groups by the river.");
    await page.getByRole("button", { name: "Create the organisation" }).click();
    await poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Riverside Peer Support");
    await poll(() => page.getByText("You're an admin here").count()).toBe(1);
    await expectAccessible(page);

    await page.getByRole("button", { name: "Start a group" }).click();
    await page.getByLabel("Group name").fill("Riverside Evening Circle");
    await page.getByLabel("Focus").selectOption({ label: "Gambling" });
    await page.getByRole("button", { name: "Create the group" }).click();
    await poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Riverside Evening Circle");

    await page.getByRole("button", { name: "Add a meeting" }).click();
    // Sending an empty form says what is missing, beside each field, before anything is stored.
    await page.getByRole("button", { name: "Add the meeting" }).click();
    await poll(() => page.getByText("Choose the days it meets, or a date.").count()).toBe(1);
    await page.getByLabel("Name", { exact: true }).fill("Riverside Tuesday");
    await page.getByRole("checkbox", { name: "Tuesday" }).check();
    await page.getByLabel("Starts at").fill("18:30");
    await page.getByLabel("Ends at").fill("19:30");
    await page.getByLabel("Time zone").selectOption("Europe/Madrid");
    await page.getByLabel("Address").fill("Calle del Río 4, Madrid");
    await page.getByRole("button", { name: "Add the meeting" }).click();
    await poll(() => page.getByText("“Riverside Tuesday” is listed.").count()).toBe(1);
    const listed = page.locator(".group-meeting").filter({ hasText: "Riverside Tuesday" });
    await poll(() => listed.textContent()).toContain("Every Tuesday, 6:30 PM – 7:30 PM in Madrid time");
    await expectAccessible(page);
    // A meeting on all seven days reads "Every day", not the seven names.
    const groupId = new URL(page.url()).pathname.split("/").pop();
    await api(page, "POST", `/api/groups/${groupId}/meetings`, {
      name: "Riverside Every Morning",
      mode: "online",
      days: [0, 1, 2, 3, 4, 5, 6],
      startTime: "07:00",
      endTime: "07:30",
      timeZone: "Europe/Madrid",
      conferenceUrl: "https://meet.example.org/riverside",
    });
    await page.reload();
    const daily = page.locator(".group-meeting").filter({ hasText: "Riverside Every Morning" });
    await poll(() => daily.textContent()).toContain("Every day, 7:00 AM – 7:30 AM in Madrid time");
    // A long unbroken meeting name wraps in the finder on a phone instead of widening the page.
    await api(page, "POST", `/api/groups/${groupId}/meetings`, {
      name: `Riverside${"Longname".repeat(8)}`,
      mode: "online",
      days: [1],
      startTime: "08:00",
      timeZone: "Europe/Madrid",
      conferenceUrl: "https://meet.example.org/riverside-long",
    });
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(`${base}/meetings?q=Riverside`);
    await page.getByRole("link", { name: `Riverside${"Longname".repeat(8)}` }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goBack();

    // The new meeting is in the finder for everyone.
    const found = await page.request.get(`${base}/api/meetings?q=Riverside`);
    expect((await found.json()).items.map((m: { name: string }) => m.name)).toContain("Riverside Tuesday");

    // Import a Meeting Guide file: the good row is created, the broken one is reported with its reason.
    await page.getByRole("link", { name: "Riverside Peer Support" }).click();
    const feed = path.join(dataDir, "feed.json");
    writeFileSync(
      feed,
      JSON.stringify([
        {
          name: "Riverside Sunrise",
          slug: "riverside-sunrise",
          day: [1, 4],
          time: "07:00",
          timezone: "Europe/Madrid",
          formatted_address: "Calle del Río 4, Madrid",
          types: ["O", "MED"],
        },
        { name: "Broken", slug: "broken-row", day: 9, time: "25:00", timezone: "Mars/Olympus" },
      ]),
    );
    await page.getByLabel("Meeting Guide JSON file").setInputFiles(feed);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await poll(() => page.getByText("Import finished").count()).toBe(1);
    await poll(() => page.getByText("1 created, 0 updated, 1 left out.").count()).toBe(1);
    const rejected = page.getByRole("row").filter({ hasText: "broken-row" });
    await poll(() => rejected.textContent()).toMatch(/day/i);
    await expectAccessible(page);

    // A large file shows a progress bar while it runs (it may be quick: a watcher notes that it
    // appeared, and what it said), then its report, and the organisation's page counts the new group.
    const big = path.join(dataDir, "big-feed.json");
    const bigRows = Array.from({ length: 3000 }, (_, i) => ({
      name: `Riverside Evening ${i}`,
      slug: `riverside-evening-${i}`,
      day: i % 7,
      time: "19:00",
      timezone: "Europe/Madrid",
      formatted_address: "Calle del Río 4, Madrid",
      types: ["O"],
      group: "Riverside Evenings",
    }));
    writeFileSync(big, JSON.stringify(bigRows));
    await page.evaluate(() => {
      const seen: string[] = [];
      Object.assign(window, { progressSeen: seen });
      new MutationObserver(() => {
        const bar = document.querySelector("progress");
        const label = bar?.id ? document.querySelector(`label[for="${bar.id}"]`)?.textContent : null;
        if (label && !seen.includes(label)) seen.push(label);
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    await page.getByLabel("Meeting Guide JSON file").setInputFiles(big);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await poll(() => page.getByText("3,000 created, 0 updated, 0 left out.").count()).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen)).toContain(
      "Imported 0 of 3,000 meetings",
    );
    expect(await page.getByRole("progressbar").count()).toBe(0);
    await poll(() => page.getByRole("link", { name: "Riverside Evenings" }).count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  },
  JOURNEY,
);

it(
  "joins an open group by accepting its agreement, and asks to join a closed one",
  async () => {
    const { context, page, errors } = await signedInContext(handle("joiner"));

    await page.goto(`${base}/groups`);
    await expectAccessible(page);
    await page.getByRole("link", { name: "Brooklyn Fresh Start" }).click();
    await poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Brooklyn Fresh Start");
    await expectAccessible(page);

    await page.getByRole("button", { name: "Join this group" }).click();
    await poll(() => page.getByText("The group's confidentiality agreement").count()).toBe(1);
    await page.getByRole("button", { name: "Join this group" }).click(); // without ticking
    await poll(() => page.getByText("Please read and accept the agreement to join.").count()).toBe(1);
    await page.getByRole("checkbox", { name: "I have read the agreement and I accept it" }).check();
    await page.getByRole("button", { name: "Join this group" }).click();
    await poll(() => page.getByText("Welcome. You're a member of this group now.").count()).toBe(1);
    await poll(() => page.getByRole("heading", { name: "Members", exact: true }).count()).toBe(1);
    await expectAccessible(page);

    await page.goto(`${base}/groups`);
    await page.getByRole("link", { name: "Family & Friends Circle" }).click();
    await page.getByRole("button", { name: "Ask to join" }).click();
    await page.getByRole("checkbox", { name: "I have read the agreement and I accept it" }).check();
    await page.getByLabel("A message for the facilitators (optional)").fill("My sister is in recovery.");
    await page.getByRole("button", { name: "Send my request" }).click();
    await poll(() => page.getByText("Request sent").count()).toBeGreaterThan(0);
    // A closed group's members stay hidden from someone who has only asked.
    expect(await page.getByRole("heading", { name: "Members", exact: true }).count()).toBe(0);

    expect(errors).toEqual([]);
    await context.close();
  },
  JOURNEY,
);

it(
  "speaks Spanish and shows a kind page for a meeting that isn't there",
  async () => {
    const context = await browser.newContext({ timezoneId: "America/Mexico_City", locale: "es-MX" });
    context.setDefaultTimeout(45_000);
    const page = await context.newPage();
    await page.goto(`${base}/meetings/no-such-meeting`);
    await poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("No encontramos esa reunión");
    await expectAccessible(page);
    await page.goto(`${base}/meetings?mode=online`);
    await poll(() => page.getByText(/\d+ reuniones/).count()).toBeGreaterThan(0);
    await poll(() => page.getByText("en tu hora").count()).toBeGreaterThan(0);
    await expectAccessible(page);
    // A meeting's zone is named in Spanish: its city and Intl's name of the zone, no English.
    await page.goto(`${base}/meetings?near=51.51,-0.13&sort=distance`);
    const hope = page.getByRole("article").filter({ hasText: "Monday Night Hope" }).first();
    await poll(() => hope.textContent()).toContain("19:00 en Londres (hora de Reino Unido)");
    await page.getByRole("link", { name: "Monday Night Hope" }).first().click();
    await poll(() => page.getByText("hora de Londres (hora de Reino Unido)").count()).toBeGreaterThan(0);
    expect(await page.locator("main").textContent()).not.toContain("Europe/London");
    await context.close();
  },
  JOURNEY,
);
