import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { expectAccessible, type Kinship, screenshots, signUp, startKinship } from "./harness.ts";

let browser: Browser;
let base: string;
let kinship: Kinship;

beforeAll(async () => {
  kinship = await startKinship("progress");
  ({ base, browser } = kinship);
});
afterAll(async () => kinship?.close());

const ZONE = "America/New_York";
/** A date in the member's zone, `days` from today. */
function dayIn(days: number) {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: ZONE }).format(new Date());
  const t = new Date(`${today}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

const shot = screenshots("progress");

it("starts a journey, checks in, charts it, sets a goal, records a slip kindly, shares with a partner, and opens the plan", async () => {
  const owner = await browser.newContext({ timezoneId: ZONE, viewport: { width: 1200, height: 900 } });
  const friend = await browser.newContext({ timezoneId: ZONE, viewport: { width: 360, height: 800 } });
  const errors: string[] = [];
  const stamp = Date.now() % 100000;
  const ownerHandle = `quinn_${stamp}`;
  const friendHandle = `robin_${stamp}`;
  const page = await signUp(base, owner, ownerHandle);
  page.on("pageerror", (e) => errors.push(e.message));
  // A day without a check-in yet is an ordinary state: no failed request for the console to report.
  const failed: string[] = [];
  page.on("response", (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
  page.on("console", (m) => m.type() === "error" && failed.push(m.text()));

  // A journey that began 40 days ago: the count, the next milestone, and 30 days celebrated.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Your progress" }).click();
  await expect.poll(() => page.getByRole("heading", { name: "Your journeys" }).count()).toBe(1);
  await expectAccessible(page);
  await shot(page, "01-journeys-empty-desktop");
  await page.getByLabel("What is this journey about?").fill("Alcohol");
  await page.getByLabel("Start date").fill(dayIn(-40));
  await page.getByRole("button", { name: "Start counting" }).click();
  await expect.poll(() => page.locator(".journey__days").textContent()).toBe("40");
  await expect.poll(() => page.getByText("You've reached 30 days!").count()).toBe(1);
  await expect.poll(() => page.getByText("Next: 60 days, in 20 days").count()).toBe(1);
  await expectAccessible(page);
  await shot(page, "02-journey-celebration-desktop");
  await page.getByRole("button", { name: "Thank you" }).click();
  await expect.poll(() => page.getByText("You've reached 30 days!").count()).toBe(0);

  // Check in today, and fill in a missed day.
  await page.getByRole("link", { name: "Check in" }).click();
  await expect.poll(() => page.getByRole("heading", { name: "Daily check-in" }).count()).toBe(1);
  await page.getByRole("radio", { name: "2 Low" }).check();
  await page.getByRole("radio", { name: "7", exact: true }).check();
  await page.getByRole("checkbox", { name: "Lonely" }).check();
  await page.getByLabel("What helped today?").fill("A walk with the dog");
  await page.getByLabel("A private note").fill("secret note about the bar on Fifth");
  await expectAccessible(page);
  await shot(page, "03-checkin-desktop");
  await page.getByRole("button", { name: "Save my check-in" }).click();
  await expect.poll(() => page.getByText("Thank you for checking in with yourself").count()).toBe(1);
  for (const [back, mood, craving] of [
    [-1, "4 Good", "3"],
    [-3, "3 Okay", "5"],
  ] as const) {
    await page.getByLabel("Day", { exact: true }).fill(dayIn(back));
    await page.getByRole("radio", { name: mood }).check();
    await page.getByRole("radio", { name: craving, exact: true }).check();
    await page.getByRole("button", { name: "Save my check-in" }).click();
    await expect.poll(() => page.getByText("Thank you for checking in with yourself").count()).toBe(1);
  }
  expect(failed).toEqual([]);
  // The reminder: a time is saved; an empty time turns it off, and the page says so in words.
  await page.getByLabel("Reminder time").fill("20:30");
  await page.getByRole("button", { name: "Save reminder time" }).click();
  await expect.poll(() => page.getByText("Reminder time saved.").count()).toBe(1);
  await page.getByLabel("Reminder time").fill("");
  await page.getByRole("button", { name: "Save reminder time" }).click();
  await expect.poll(() => page.getByText("No time chosen, so the reminder is off.").count()).toBe(1);
  expect(await page.getByText("Reminder time saved.").count()).toBe(0);

  // Record a slip, kindly: the count restarts, the total and the story stay.
  await page.getByRole("link", { name: "Journeys" }).click();
  await page.getByRole("button", { name: "Record a slip" }).click();
  await page.getByLabel("When did it happen?").fill(dayIn(-2));
  await page.getByLabel("A sentence or two, if you like").fill("A wedding, and I wasn't ready.");
  await shot(page, "04-slip-form-desktop");
  await page.getByRole("button", { name: "Start my count again" }).click();
  await expect.poll(() => page.getByText("You're still here, and that matters").count()).toBe(1);
  await expect.poll(() => page.locator(".journey__days").textContent()).toBe("2");
  const totals = page.locator(".totals");
  await expect.poll(() => totals.textContent()).toContain("Days in recovery, all together40 days");
  await expect.poll(() => totals.textContent()).toContain("Times you started again1");
  await expectAccessible(page);
  await shot(page, "05-journey-after-slip-desktop");

  // Charts: three check-ins drawn, the restart marked, and the same data as a table.
  await page.getByRole("link", { name: "Charts" }).click();
  try {
    await expect.poll(() => page.locator(".recharts-surface").count(), { timeout: 15_000 }).toBeGreaterThan(0);
  } catch (e) {
    await shot(page, "failed-charts"); // what the page showed instead
    throw e;
  }
  await expect.poll(() => page.locator("circle.chart__mood-dot").count()).toBe(3);
  await expect.poll(() => page.locator(".data-table tbody tr").count()).toBe(4); // 3 check-ins + the restart day
  await expectAccessible(page);
  await shot(page, "06-charts-desktop");
  await page.getByRole("radio", { name: "7 days" }).check();
  await expect.poll(() => page.locator(".data-table tbody tr").count()).toBe(4);

  // A daily goal, marked done.
  await page.getByRole("link", { name: "Goals" }).click();
  await page.getByLabel("Your goal").fill("Call my mentor");
  await page.getByLabel("How often").selectOption("daily");
  await page.getByRole("button", { name: "Set goal" }).click();
  await expect.poll(() => page.getByRole("heading", { name: "Call my mentor" }).count()).toBe(1);
  await page.getByRole("button", { name: "Done", exact: true }).click();
  await expect.poll(() => page.locator(".badge", { hasText: "Done" }).count()).toBe(1);
  await expectAccessible(page);
  await shot(page, "07-goals-desktop");

  // The plan.
  await page.getByRole("link", { name: "My plan" }).click();
  await page.getByLabel("What helps me cope").fill("Walk the dog\nCall Sam");
  await page.getByLabel("My reasons for recovery").fill("Waking up clear");
  await page.getByRole("button", { name: "Add a person" }).click();
  await page.getByLabel("Name 1").fill("Sam (sponsor)");
  await page.getByLabel("Phone 1").fill("+1 555 0100");
  await page.getByRole("button", { name: "Save my plan" }).click();
  await expect.poll(() => page.getByText("Your plan is saved.").count()).toBe(1);
  await expectAccessible(page);
  await shot(page, "08-plan-desktop");

  // A partner: invited by handle, accepts, sees only mood and craving, never the note.
  const friendPage = await signUp(base, friend, friendHandle);
  friendPage.on("pageerror", (e) => errors.push(e.message));
  await page.getByRole("link", { name: "Partners" }).click();
  await page.getByLabel("Their handle").fill(friendHandle);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect.poll(() => page.getByText(`Invitation sent to @${friendHandle}.`).count()).toBe(1);

  await friendPage.goto(`${base}/progress/partners`);
  await expect.poll(() => friendPage.getByText(`@${ownerHandle} invited you`).count()).toBe(1);
  await expectAccessible(friendPage);
  await shot(friendPage, "09-invitation-360");
  await friendPage.getByRole("button", { name: "Accept" }).click();
  await friendPage.getByRole("link", { name: `See what @${ownerHandle} shares` }).click();
  await expect.poll(() => friendPage.getByRole("heading", { name: "Mood and craving" }).count()).toBe(1);
  await expect.poll(() => friendPage.getByText("2 · Low").count()).toBe(1);
  const seen = await friendPage.locator("main").textContent();
  expect(seen).not.toContain("secret note");
  expect(seen).not.toContain("A walk with the dog");
  expect(seen).not.toContain("Call my mentor"); // goals were not shared
  expect(seen).not.toContain("Walk the dog"); // nor the plan
  await expectAccessible(friendPage);
  await shot(friendPage, "10-partner-view-360");

  // The partner's look is in the owner's access log; encouragement arrives as a notice.
  await friendPage.goto(`${base}/progress/partners`);
  await friendPage.getByLabel(`A few words for @${ownerHandle}`).fill("One day at a time. Proud of you.");
  await friendPage.getByRole("button", { name: "Send encouragement" }).click();
  await expect.poll(() => friendPage.getByText(`Sent to @${ownerHandle}.`).count()).toBe(1);
  await page.reload();
  await expect.poll(() => page.getByText("One day at a time. Proud of you.").count()).toBe(1);
  await shot(page, "11-partners-desktop");

  // I'm struggling: the plan at once.
  await page.getByRole("link", { name: "I'm struggling" }).click();
  await expect.poll(() => page.getByRole("heading", { name: "You're not alone" }).count()).toBe(1);
  await expect.poll(() => page.getByText("Walk the dog").count()).toBe(1);
  await expect.poll(() => page.getByRole("link", { name: "Call +1 555 0100" }).count()).toBe(1);
  await expectAccessible(page);
  await shot(page, "12-struggling-desktop");

  // Small screens, dark theme and Spanish read well too.
  const small = await browser.newContext({
    timezoneId: ZONE,
    viewport: { width: 360, height: 800 },
    colorScheme: "dark",
  });
  await small.addCookies(await owner.cookies());
  const dark = await small.newPage();
  dark.on("pageerror", (e) => errors.push(e.message));
  await dark.goto(`${base}/progress`);
  await expect.poll(() => dark.locator(".journey__days").textContent()).toBe("2");
  await expectAccessible(dark);
  await shot(dark, "13-journeys-360-dark");
  await dark.goto(`${base}/progress/charts`);
  await expect.poll(() => dark.locator(".recharts-surface").count(), { timeout: 15_000 }).toBeGreaterThan(0);
  await expectAccessible(dark);
  await shot(dark, "14-charts-360-dark");
  await dark.goto(`${base}/progress/check-in`);
  await expect.poll(() => dark.getByRole("heading", { name: "Daily check-in" }).count()).toBe(1);
  await shot(dark, "15-checkin-360-dark");
  // On a phone the language is in the header's menu.
  await dark.getByRole("button", { name: "Menu" }).click();
  await dark.getByLabel("Language").selectOption({ label: "Español" });
  await expect.poll(() => dark.locator("html").getAttribute("lang")).toBe("es");
  await dark.getByRole("link", { name: "Recorridos" }).click();
  await expect.poll(() => dark.getByRole("heading", { name: "Tus recorridos" }).count()).toBe(1);
  await expectAccessible(dark);
  await shot(dark, "16-journeys-360-dark-es");

  expect(errors).toEqual([]);
  await owner.close();
  await friend.close();
  await small.close();
}, 240_000);

it("shares a reached milestone on the Milestones board only when the member chooses, counted from the journey", async () => {
  const context = await browser.newContext({ timezoneId: ZONE, viewport: { width: 1200, height: 900 } });
  const page = await signUp(base, context, `sky_${Date.now() % 100000}`);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${base}/progress`);
  await page.getByLabel("What is this journey about?").fill("Gambling");
  await page.getByLabel("Start date").fill(dayIn(-95));
  await page.getByRole("button", { name: "Start counting" }).click();

  await page.getByRole("link", { name: "Share on the Milestones board" }).click();
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Milestones");
  await expect.poll(() => page.getByText(/counted from your journey/).count()).toBe(1);
  await expectAccessible(page);
  await shot(page, "20-share-milestone");
  await page.getByLabel("Your post").fill("Ninety days without a bet. Thank you all.");
  await page.getByRole("button", { name: "Post thread" }).click();
  await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/threads\//);
  await expect.poll(() => page.getByText("90 days · counted on Kinship").count()).toBe(1);
  await shot(page, "21-milestone-thread");
  expect(errors).toEqual([]);
  await context.close();
});
