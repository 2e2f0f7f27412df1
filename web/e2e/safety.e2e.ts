import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  organisationAdmins,
  organisations,
  safetyProfessionals,
  safetyResponders,
} from "../../server/src/db/schema.ts";
import { expectAccessible, type Kinship, screenshots, signUp, startKinship } from "./harness.ts";

let browser: Browser;
let base: string;
let kinship: Kinship;

beforeAll(async () => {
  kinship = await startKinship("safety");
  ({ base, browser } = kinship);
});
afterAll(async () => kinship?.close());

const shot = screenshots("safety");

it("a member posts a sentence from the crisis set and at once sees crisis lines; a responder claims the alert and reaches out", async () => {
  const stamp = Date.now() % 100000;
  const memberCtx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "en-US" });
  const responderCtx = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: "en-US" });
  const errors: string[] = [];

  // The responder exists first: a trained person the community's moderators made a responder.
  const responder = await signUp(base, responderCtx, `rae_${stamp}`);
  responder.on("pageerror", (e) => errors.push(e.message));
  const me = (await responder.evaluate(() => fetch("/api/me").then((r) => r.json()))) as { id: string };
  await kinship.database.db.insert(safetyResponders).values({ organisationId: null, memberId: me.id });

  // A member, on a phone, starts a thread with a sentence from the labelled crisis set.
  const member = await signUp(base, memberCtx, `sol_${stamp}`);
  member.on("pageerror", (e) => errors.push(e.message));
  await member.goto(`${base}/community`);
  await member.getByRole("link", { name: "Newcomers" }).click();
  await member.getByRole("button", { name: "Start a thread" }).click();
  await member.getByLabel("Title").fill("Day 60");
  await member.getByLabel("Your post").fill("I'm 60 days sober and today I just want to die.");
  await member.getByRole("button", { name: "Post thread" }).click();
  await member.waitForURL(/\/threads\//);

  // At once, kindly: crisis lines for their country, and "talk to someone now". The post is there too.
  const panel = member.getByTestId("crisis-panel");
  await expect.poll(() => panel.getByRole("heading", { name: "You're not alone" }).count()).toBe(1);
  await expect
    .poll(() => panel.getByRole("link", { name: "Talk to someone now" }).getAttribute("href"))
    .toBe("tel:988");
  await expect.poll(() => panel.getByRole("heading", { name: "988 Suicide & Crisis Lifeline" }).count()).toBe(1);
  await expect
    .poll(() => member.getByText("I'm 60 days sober and today I just want to die.").count())
    .toBeGreaterThan(0);
  await expectAccessible(member);
  await shot(member, "member-crisis-panel");

  // The responder finds it in the queue, opens it (the words are shown; the opening is recorded), takes it.
  await responder.goto(`${base}/safety`);
  await responder.getByRole("link", { name: "Open the queue" }).click();
  await expect.poll(() => responder.getByTestId("alert-item").count()).toBe(1);
  await expect.poll(() => responder.getByText("Urgent").count()).toBe(1);
  await expectAccessible(responder);
  await shot(responder, "queue");
  // No closed alert yet: the closed list says so, not that "no one is waiting".
  await responder.getByRole("button", { name: "Show closed alerts" }).click();
  await expect.poll(() => responder.getByText("No closed alerts yet.", { exact: false }).count()).toBe(1);
  await responder.getByRole("button", { name: "Show waiting alerts" }).click();
  await responder.getByRole("link", { name: /Open alert/ }).click();
  await expect
    .poll(() => responder.locator(".alert-excerpt").textContent())
    .toBe("I'm 60 days sober and today I just want to die.");
  // Every step says the severity in words ("Urgent"), not the stored code ("high").
  await expect.poll(() => responder.getByText("Raised · Urgent", { exact: false }).count()).toBe(1);
  await responder.getByRole("button", { name: "Take this alert" }).click();
  await expect.poll(() => responder.getByText(`Taken by rae_${stamp}`).count()).toBe(1);
  await responder
    .getByLabel("Your message")
    .fill("Hi, I'm Rae, one of the community's trained responders. I read your post. I'm here if you want to talk.");
  await responder.getByRole("button", { name: "Send" }).click();
  await expect.poll(() => responder.locator(".conversation__item").count()).toBe(1);
  await expectAccessible(responder);
  await shot(responder, "alert");

  // The member sees that someone reached out, and can answer privately.
  await member.goto(`${base}/safety`);
  await member.getByRole("link", { name: "Open" }).first().click();
  await expect.poll(() => member.getByText("I'm here if you want to talk.", { exact: false }).count()).toBe(1);
  await member.getByLabel("Your reply").fill("Thank you. I called 988 and I'm a bit calmer.");
  await member.getByRole("button", { name: "Send" }).click();
  await expect.poll(() => member.locator(".conversation__item").count()).toBe(2);
  await expectAccessible(member);
  await shot(member, "reach-out");

  // The full directory: "I'm struggling" shows crisis lines for any country.
  await member.goto(`${base}/progress/struggling`);
  await member.getByLabel("Crisis lines for").selectOption("ES");
  await expect.poll(() => member.getByRole("heading", { name: "Teléfono de la Esperanza" }).count()).toBe(1);
  await expectAccessible(member);
  await shot(member, "struggling");
  // In Spanish, the international lines every country ends with are named in Spanish too.
  await member.getByRole("button", { name: "Menu" }).click();
  await member.getByLabel("Language").selectOption({ label: "Español" });
  await expect
    .poll(() => member.getByRole("heading", { name: /^Servicios de emergencia: llama a tu número local/ }).count())
    .toBe(1);

  expect(errors).toEqual([]);
});

it("a professional marks a coping strategy reviewed, readers see the note; an admin lists a service anyone can find", async () => {
  const stamp = Date.now() % 100000;
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "en-US" });
  const proCtx = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: "en-US" });
  const errors: string[] = [];
  const member = await signUp(base, ctx, `kai_${stamp}`);
  member.on("pageerror", (e) => errors.push(e.message));
  const pro = await signUp(base, proCtx, `dr_${stamp}`);
  pro.on("pageerror", (e) => errors.push(e.message));
  const proId = ((await pro.evaluate(() => fetch("/api/me").then((r) => r.json()))) as { id: string }).id;
  const db = kinship.database.db;
  await db.insert(safetyProfessionals).values({ organisationId: null, memberId: proId, title: "Addiction counsellor" });
  const [org] = await db
    .insert(organisations)
    .values({ name: `Bridge Clinic ${stamp}`, slug: `bridge-clinic-${stamp}`, kind: "clinic" })
    .returning();
  await db.insert(organisationAdmins).values({ organisationId: org?.id as string, memberId: proId });

  // A member shares a coping strategy.
  await member.goto(`${base}/community`);
  await member.getByRole("link", { name: "Coping strategies" }).click();
  await member.getByRole("button", { name: "Start a thread" }).click();
  await member.getByLabel("Title").fill("Urge surfing");
  await member.getByLabel("Kind of post").selectOption("coping_strategy");
  await member.getByLabel("Your post").fill("When a craving hits I set a 20 minute timer and ride it like a wave.");
  await member.getByRole("button", { name: "Post thread" }).click();
  await member.waitForURL(/\/threads\//);
  const threadUrl = member.url();

  // The professional marks it, with a note.
  await pro.goto(threadUrl);
  await pro.getByText("Review as a professional").click();
  await pro
    .getByLabel("A note readers will see")
    .fill("Urge surfing is a well-studied skill. It works best with a plan.");
  await pro.getByRole("button", { name: "Save the mark" }).click();
  await expect.poll(() => pro.getByText("Reviewed by a professional").count()).toBeGreaterThan(0);
  await expectAccessible(pro);

  // The member sees the mark and the note.
  await member.reload();
  await expect.poll(() => member.getByText("Urge surfing is a well-studied skill.", { exact: false }).count()).toBe(1);
  await expectAccessible(member);
  await shot(member, "review-note");

  // The clinic's admin lists a service; anyone finds it.
  await pro.goto(`${base}/safety/admin`);
  await pro.getByLabel("Organisation").selectOption({ label: `Bridge Clinic ${stamp}` });
  await pro.getByLabel("Name", { exact: true }).fill("Bridge Walk-in Counselling");
  await pro.getByLabel("Kind of help").selectOption("counselling");
  await pro.getByLabel("What they offer").fill("Walk-in counselling, weekdays, no referral needed.");
  await pro.getByRole("button", { name: "Add the service" }).click();
  await expect.poll(() => pro.getByText("The service is listed.").count()).toBe(1);
  await expectAccessible(pro);
  await shot(pro, "admin");
  await member.goto(`${base}/safety/services`);
  await expect.poll(() => member.getByRole("heading", { name: "Bridge Walk-in Counselling" }).count()).toBe(1);
  await expectAccessible(member);
  await shot(member, "services");
  expect(errors).toEqual([]);
});
