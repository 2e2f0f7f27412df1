import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEFAULT_TRAINING, DEFAULT_TRAINING_ES } from "../../server/src/features/mentorship/training-default.ts";
import { makeOrganisation } from "../../server/src/test/directory-factories.ts";
import { api, expectAccessible, type Kinship, screenshots, signUp, startKinship } from "./harness.ts";

let browser: Browser;
let base: string;
let kinship: Kinship;

beforeAll(async () => {
  kinship = await startKinship("mentorship");
  ({ base, browser } = kinship);
});
afterAll(async () => kinship?.close());

const shot = screenshots("mentorship");

const seen = (page: Page, text: string) => expect.poll(() => page.getByText(text).count(), { timeout: 10_000 });

it("trains a mentor, suggests them with reasons, connects two people in real time, respects capacity, pauses and ends kindly", async () => {
  const zone = { timezoneId: "Europe/London" };
  const mentorCtx = await browser.newContext({ ...zone, viewport: { width: 1200, height: 900 } });
  // A phone: a touch screen, no mouse and no keyboard.
  const menteeCtx = await browser.newContext({
    ...zone,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const thirdCtx = await browser.newContext({ ...zone, viewport: { width: 1200, height: 900 } });
  const errors: string[] = [];
  const stamp = Date.now() % 100000;
  const [sam, alex, kit] = [`sam_${stamp}`, `alex_${stamp}`, `kit_${stamp}`];

  // ── The mentor: training, then a profile with room for one person ──
  const mentor = await signUp(base, mentorCtx, sam);
  mentor.on("pageerror", (e) => errors.push(e.message));
  await mentor.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Mentors" }).click();
  await seen(mentor, "You don't have a mentor yet").toBe(1);
  await expectAccessible(mentor);
  await shot(mentor, "01-home-empty");
  await mentor.getByRole("navigation", { name: "Mentorship" }).getByRole("link", { name: "Be a mentor" }).click();
  await mentor.getByRole("link", { name: "Start the training" }).click();
  await expect.poll(() => mentor.getByRole("heading", { name: DEFAULT_TRAINING.title }).count()).toBe(1);
  // A wrong answer first: kind words and a second try.
  const [q1, ...rest] = DEFAULT_TRAINING.questions;
  await mentor.getByRole("radio", { name: q1?.options[0] as string }).check();
  for (const q of rest) await mentor.getByRole("radio", { name: q.options[q.answer] as string, exact: true }).check();
  await mentor.getByRole("button", { name: "Check my answers" }).click();
  await seen(mentor, "Not quite.").toBe(1);
  await mentor.getByRole("radio", { name: q1?.options[q1.answer] as string }).check();
  await expectAccessible(mentor);
  await mentor.getByRole("button", { name: "Check my answers" }).click();
  await seen(mentor, "You've completed the mentor training.").toBeGreaterThan(0);
  await shot(mentor, "02-training-passed");
  await mentor.getByRole("link", { name: "Create my mentor profile" }).click();
  await expect.poll(() => mentor.getByRole("heading", { name: "Your mentor profile" }).count()).toBe(1);
  await mentor.getByLabel("Time in recovery").selectOption("5_10");
  await mentor.getByRole("group", { name: "Recovery focus" }).getByRole("checkbox", { name: "Alcohol" }).check();
  await mentor.getByRole("checkbox", { name: "12-step sponsor" }).check();
  await mentor.getByRole("group", { name: "Languages" }).getByRole("checkbox", { name: "English" }).check();
  await mentor.getByRole("checkbox", { name: "Wednesday" }).check();
  await mentor.getByLabel("What I can help with").fill("The first year, working the steps, bad evenings");
  await mentor.getByLabel("What I can't help with").fill("Medication questions");
  await mentor.getByLabel("How many people at once").selectOption("1");
  await expectAccessible(mentor);
  await mentor.getByRole("button", { name: "Publish my profile" }).click();
  await seen(mentor, "Members can find you and ask you.").toBe(1);
  await shot(mentor, "03-mentor-profile");

  // An organisation admin (sam, here) may edit the training; the editor is accessible too.
  const me = (await (await mentor.request.get(`${base}/api/me`)).json()) as { id: string };
  await makeOrganisation(kinship.database.db, { adminId: me.id });
  await mentor.goto(`${base}/mentorship/training`);
  await mentor.getByRole("link", { name: "Edit the training" }).click();
  await expect.poll(() => mentor.getByRole("heading", { name: "Edit the mentor training" }).count()).toBe(1);
  await expect
    .poll(() => mentor.getByLabel("Question", { exact: true }).count())
    .toBe(DEFAULT_TRAINING.questions.length);
  await expectAccessible(mentor);
  await shot(mentor, "03b-training-editor");

  // ── Another member sees them suggested, with why, and asks ──
  const mentee = await signUp(base, menteeCtx, alex);
  mentee.on("pageerror", (e) => errors.push(e.message));
  await mentee.goto(`${base}/mentorship/find`);
  await mentee.getByRole("group", { name: "Recovery focus" }).getByRole("checkbox", { name: "Alcohol" }).check();
  await mentee.getByRole("group", { name: "Languages" }).getByRole("checkbox", { name: "English" }).check();
  await mentee.getByRole("button", { name: "Update suggestions" }).click();
  const card = mentee.getByRole("region", { name: `@${sam}` });
  await expect.poll(() => card.getByText("Supports people with Alcohol").count()).toBe(1);
  await expect.poll(() => card.getByText("Speaks English").count()).toBe(1);
  await expect.poll(() => card.getByText("Lives in or near your time zone").count()).toBe(1);
  await expectAccessible(mentee);
  await shot(mentee, "04-find-phone");
  await card.getByRole("button", { name: `Ask @${sam}` }).click();
  await card.getByLabel(`A short message to @${sam}`).fill("I'm six weeks sober and would love a sponsor.");
  await card.getByRole("button", { name: "Send my request" }).click();
  await seen(mentee, `Your request is on its way to @${sam}.`).toBe(1);

  // ── The mentor accepts ──
  await mentor.goto(`${base}/mentorship`);
  await seen(mentor, "I'm six weeks sober and would love a sponsor.").toBe(1);
  await expectAccessible(mentor);
  await shot(mentor, "05-request");
  await mentor.getByRole("button", { name: "Accept" }).click();
  await mentor.getByRole("link", { name: `You mentor @${alex}` }).click();
  await seen(mentor, "No messages yet. Say hello.").toBe(1);

  // ── Messages in real time, both ways, with "typing" and "Seen" ──
  await mentee.goto(`${base}/mentorship`);
  await mentee.getByRole("link", { name: `Your mentor @${sam}` }).click();
  await seen(mentee, "No messages yet. Say hello.").toBe(1);
  // The Ctrl+Enter hint is for a keyboard: the desktop shows it, the phone doesn't.
  await seen(mentor, "Press Ctrl+Enter to send.").toBe(1);
  await seen(mentee, "Press Ctrl+Enter to send.").toBe(0);
  await mentor.getByLabel("Your message").fill("Welcome, Alex. How are evenings going?");
  await seen(mentee, `@${sam} is typing…`).toBe(1);
  await mentor.getByRole("button", { name: "Send", exact: true }).click();
  await seen(mentee, "Welcome, Alex. How are evenings going?").toBe(1);
  await mentee.getByLabel("Your message").fill("Evenings are the hardest. Thank you for saying yes.");
  await mentee.getByRole("button", { name: "Send", exact: true }).click();
  await seen(mentor, "Evenings are the hardest. Thank you for saying yes.").toBe(1);
  await seen(mentee, "Seen").toBe(1);
  // A long message fills the phone's message list; the list follows it down to its last line.
  const steps = Array.from({ length: 30 }, (_, i) => `${i + 1}. one small thing for the evening`).join("\n");
  await mentor.getByLabel("Your message").fill(`A list for tonight:\n${steps}\nAnd call me if it gets hard.`);
  await mentor.getByRole("button", { name: "Send", exact: true }).click();
  await seen(mentee, "And call me if it gets hard.").toBe(1);
  const messages = mentee.getByRole("list", { name: "Conversation" });
  await expect
    .poll(() =>
      messages.evaluate(
        (el) => el.scrollHeight > el.clientHeight && el.scrollTop + el.clientHeight >= el.scrollHeight - 2,
      ),
    )
    .toBe(true);
  await expectAccessible(mentor);
  await expectAccessible(mentee);
  await shot(mentor, "06-conversation-desktop");
  await shot(mentee, "07-conversation-phone");

  // The mentee shares their check-ins; the mentor may look (and it is logged).
  await mentee.getByRole("checkbox", { name: "My goals" }).check();
  await mentee.getByRole("button", { name: "Save what I share" }).click();
  await seen(mentee, "Saved.").toBe(1);

  // ── A third member no longer sees the mentor: their one place is taken ──
  const third = await signUp(base, thirdCtx, kit);
  third.on("pageerror", (e) => errors.push(e.message));
  await third.goto(`${base}/mentorship/find`);
  await expect.poll(() => third.getByRole("heading", { name: "Suggested for you" }).count()).toBe(1);
  await seen(third, "No mentor has room right now").toBe(1);
  expect(await third.getByText(`@${sam}`).count()).toBe(0);
  await expectAccessible(third);
  await shot(third, "08-find-none");

  // ── The mentor takes a break ──
  await mentor.goto(`${base}/mentorship/mentor`);
  await seen(mentor, "You've walked beside 1 person. Thank you.").toBe(1);
  await mentor.getByText("Take a break", { exact: true }).first().click();
  await mentor.getByRole("button", { name: "Take a break" }).click();
  await seen(mentor, "You're taking a break.").toBeGreaterThan(0);
  await expectAccessible(mentor);
  await shot(mentor, "09-paused");

  // ── The mentorship ends with a closing note ──
  await mentee.reload();
  await mentee.getByText("End this mentorship").click();
  await mentee.getByLabel("Closing note").fill("Thank you for the evenings. I'll keep going.");
  await mentee.getByRole("button", { name: "End the mentorship" }).click();
  await seen(mentee, "This mentorship has ended").toBe(1);
  await mentor.goto(`${base}/mentorship`);
  await seen(mentor, "Thank you for the evenings. I'll keep going.").toBe(1);
  await expectAccessible(mentor);
  await shot(mentor, "10-ended");
  expect(errors).toEqual([]);
}, 180_000);

it("gives a Spanish reader the mentor training in Spanish, with the same answers", async () => {
  const context = await browser.newContext({ timezoneId: "Europe/Madrid", viewport: { width: 390, height: 844 } });
  const page = await signUp(base, context, `lucia_${Date.now() % 100000}`);
  await api(page, "PATCH", "/api/me/profile", { language: { value: "es" } });
  await page.goto(`${base}/mentorship/training`);
  await expect.poll(() => page.getByRole("heading", { name: DEFAULT_TRAINING_ES.title }).count()).toBe(1);
  await seen(page, DEFAULT_TRAINING_ES.sections[0]?.title as string).toBeGreaterThan(0);
  expect(await page.getByText(DEFAULT_TRAINING.sections[0]?.title as string).count()).toBe(0);
  for (const q of DEFAULT_TRAINING_ES.questions) {
    await page.getByRole("radio", { name: q.options[q.answer] as string, exact: true }).check();
  }
  await expectAccessible(page);
  await shot(page, "10-training-es-phone");
  await page.getByRole("button", { name: "Comprobar mis respuestas" }).click();
  await seen(page, DEFAULT_TRAINING_ES.questions[0]?.explanation as string).toBe(1);
  await context.close();
});
