import { sql } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { addToGroup, makeGroup, makeOrganisation } from "../../server/src/test/directory-factories.ts";
import { expectAccessible, type Kinship, screenshots, signUp, startKinship } from "./harness.ts";

let browser: Browser;
let base: string;
let kinship: Kinship;

beforeAll(async () => {
  kinship = await startKinship("direct-messages");
  ({ base, browser } = kinship);
});
afterAll(async () => kinship?.close());

const shot = screenshots("direct-messages");
const seen = (page: Page, text: string) => expect.poll(() => page.getByText(text).count(), { timeout: 10_000 });

/** Two members in an active mentorship, made directly: the mentorship journey itself is mentorship.e2e.ts. */
async function mentorship(mentor: string, mentee: string) {
  const result = await kinship.database.db.execute(sql`
    insert into mentorships (mentor_id, mentee_id, status, request_message, accepted_at)
    select a.id, b.id, 'active', 'Would you be my sponsor?', now()
      from members a, members b where a.handle = ${mentor} and b.handle = ${mentee}
    returning id`);
  return (result as unknown as { rows: { id: string }[] }).rows[0]?.id as string;
}

it("a crisis sentence in a private message shows its sender crisis lines; a conversation is reported with chosen messages, which only a moderator reads", async () => {
  const stamp = Date.now() % 100000;
  const errors: string[] = [];
  const [rey, ana, mod] = [`rey_${stamp}`, `ana_${stamp}`, `mod_${stamp}`];
  const mentorPage = await signUp(base, await browser.newContext({ viewport: { width: 1200, height: 900 } }), rey);
  const menteePage = await signUp(base, await browser.newContext({ viewport: { width: 390, height: 844 } }), ana);
  const modPage = await signUp(base, await browser.newContext({ viewport: { width: 1200, height: 900 } }), mod);
  for (const p of [mentorPage, menteePage, modPage]) p.on("pageerror", (e) => errors.push(e.message));
  await kinship.database.db.execute(
    sql`insert into forum_moderators (member_id) select id from members where handle = ${mod}`,
  );
  const id = await mentorship(rey, ana);

  // ── The mentor writes; the mentee, on a phone, answers with a sentence from the crisis set ──
  await mentorPage.goto(`${base}/mentorship/${id}`);
  await seen(mentorPage, "No messages yet. Say hello.").toBe(1);
  await menteePage.goto(`${base}/mentorship/${id}`);
  await seen(menteePage, "No messages yet. Say hello.").toBe(1);
  await mentorPage.getByLabel("Your message").fill("Send me a photo of yourself, and don't tell anyone we talk.");
  await mentorPage.getByRole("button", { name: "Send", exact: true }).click();
  await seen(menteePage, "Send me a photo of yourself, and don't tell anyone we talk.").toBe(1);
  // Harmless words that sound heavy: no crisis lines.
  await menteePage.getByLabel("Your message").fill("Ha, that meeting killed me yesterday.");
  await menteePage.getByRole("button", { name: "Send", exact: true }).click();
  await seen(mentorPage, "Ha, that meeting killed me yesterday.").toBe(1);
  expect(await menteePage.getByTestId("crisis-panel").count()).toBe(0);
  await menteePage.getByLabel("Your message").fill("I'm 60 days sober and today I just want to die.");
  await menteePage.getByRole("button", { name: "Send", exact: true }).click();
  const panel = menteePage.getByTestId("crisis-panel");
  await expect.poll(() => panel.count()).toBe(1);
  await expect.poll(() => panel.getByText("Your message was sent.", { exact: false }).count()).toBe(1);
  await expect.poll(() => panel.getByRole("link", { name: "Talk to someone now" }).count()).toBe(1);
  // The message itself was not blocked: the mentor has it.
  await seen(mentorPage, "I'm 60 days sober and today I just want to die.").toBe(1);
  expect(await mentorPage.getByTestId("crisis-panel").count()).toBe(0);
  await expectAccessible(menteePage);
  await shot(menteePage, "01-crisis-lines-phone");
  await panel.getByRole("button", { name: "Close" }).click();
  await expect.poll(() => panel.count()).toBe(0);

  // ── The mentee reports the conversation, choosing the message that worried them ──
  await menteePage.getByText("Report this conversation").click();
  await menteePage.getByRole("radio", { name: "Messages I choose" }).check();
  await menteePage
    .getByRole("checkbox", { name: `@${rey}: Send me a photo of yourself, and don't tell anyone we talk.` })
    .check();
  await menteePage.getByLabel("What's wrong?").selectOption("harassment");
  await menteePage.getByLabel("Anything moderators should know? (optional)").fill("This made me uncomfortable.");
  await expectAccessible(menteePage);
  await shot(menteePage, "02-report-form-phone");
  await menteePage.getByRole("button", { name: "Send report" }).click();
  await seen(menteePage, "Thank you for telling us").toBe(1);
  await shot(menteePage, "03-report-sent-phone");
  // The reporter follows its state with their notices.
  await menteePage.getByRole("link", { name: "Follow your report in your notices" }).click();
  await seen(menteePage, "Waiting for a moderator").toBeGreaterThan(0);

  // ── A community moderator reads only the chosen message ──
  await modPage.goto(`${base}/moderation`);
  await expect.poll(() => modPage.getByTestId("queue-item").count()).toBe(1);
  await seen(modPage, "Private messages: Harassment or bullying").toBe(1);
  await modPage.getByRole("button", { name: "Review" }).click();
  await seen(modPage, "Send me a photo of yourself, and don't tell anyone we talk.").toBe(1);
  expect(await modPage.getByText("that meeting killed me").count()).toBe(0);
  expect(await modPage.getByText("just want to die").count()).toBe(0);
  await expectAccessible(modPage);
  await shot(modPage, "04-moderator-review");
  // The conversation itself stays closed to the moderator.
  await modPage.goto(`${base}/mentorship/${id}`);
  await seen(modPage, "We couldn't find that mentorship.").toBe(1);

  // The reported member sees the moderator's look in their access log; the reporter sees it in review.
  await mentorPage.goto(`${base}/account/privacy`);
  await seen(mentorPage, "reported_direct_message").toBe(1);
  await menteePage.reload();
  await seen(menteePage, "Being looked at").toBeGreaterThan(0);
  expect(errors).toEqual([]);
}, 180_000);

it("a member allows messages from people in their groups; one writes, they answer in real time; someone else is kindly refused", async () => {
  const stamp = Date.now() % 100000;
  const errors: string[] = [];
  const [mia, noor, ola] = [`mia_${stamp}`, `noor_${stamp}`, `ola_${stamp}`];
  const miaPage = await signUp(base, await browser.newContext({ viewport: { width: 390, height: 844 } }), mia);
  const noorPage = await signUp(base, await browser.newContext({ viewport: { width: 1200, height: 900 } }), noor);
  const olaPage = await signUp(base, await browser.newContext({ viewport: { width: 1200, height: 900 } }), ola);
  for (const p of [miaPage, noorPage, olaPage]) p.on("pageerror", (e) => errors.push(e.message));
  // Mia and Noor share a group; everyone here is past the newcomer limits.
  const db = kinship.database.db;
  await db.execute(sql`
    insert into member_trust (member_id, level, reason)
    select id, 1, 'Established in this test' from members where handle in (${mia}, ${noor}, ${ola})`);
  const orgId = (await makeOrganisation(db)).id;
  const group = await makeGroup(db, orgId);
  for (const handle of [mia, noor]) {
    const result = await db.execute(sql`select id from members where handle = ${handle}`);
    await addToGroup(db, group.id, (result as unknown as { rows: { id: string }[] }).rows[0]?.id as string);
  }

  // ── Mia, on a phone, chooses who may write to her ──
  await miaPage.getByRole("button", { name: "Menu" }).click();
  await miaPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Mentors" }).click();
  await miaPage.getByRole("navigation", { name: "Mentorship" }).getByRole("link", { name: "Messages" }).click();
  await seen(miaPage, "No conversations yet.").toBe(1);
  await expect
    .poll(() => miaPage.getByRole("radio", { name: "No one (apart from my mentor and mentees)" }).isChecked())
    .toBe(true);
  await miaPage.getByRole("radio", { name: "My accountability partners and people in groups I'm in" }).check();
  await miaPage.getByRole("button", { name: "Save" }).click();
  await seen(miaPage, "Saved.").toBe(1);
  await expectAccessible(miaPage);
  await shot(miaPage, "05-direct-settings-phone");

  // ── Someone outside her groups is refused, kindly, without learning why ──
  await olaPage.goto(`${base}/mentorship/messages`);
  await olaPage.getByLabel("Their handle").fill(mia);
  await olaPage.getByRole("button", { name: "Open the conversation" }).click();
  await seen(olaPage, "This member isn't open to direct messages from you right now.").toBe(1);
  await expectAccessible(olaPage);
  // The same answer from the button on her profile page.
  await olaPage.goto(`${base}/members/${mia}`);
  await olaPage.getByRole("button", { name: "Send a message" }).click();
  await seen(olaPage, "This member isn't open to direct messages from you right now.").toBe(1);
  expect(olaPage.url()).toContain(`/members/${mia}`);
  await expectAccessible(olaPage);
  await shot(olaPage, "05b-profile-message-refused");

  // ── Noor, in her group, writes; Mia answers in real time ──
  await noorPage.goto(`${base}/mentorship/messages`);
  await noorPage.getByLabel("Their handle").fill(`@${mia}`);
  await noorPage.getByRole("button", { name: "Open the conversation" }).click();
  await expect.poll(() => noorPage.getByRole("heading", { name: `Messages with @${mia}` }).count()).toBe(1);
  await noorPage.getByLabel("Your message").fill("Hi Mia, would you like to walk to Thursday's meeting together?");
  await noorPage.getByRole("button", { name: "Send", exact: true }).click();
  await seen(miaPage, `Messages with @${noor}`).toBe(1);
  // The header says so too, by Mentors, and stops saying it once she has read it.
  const menu = miaPage.getByRole("button", { name: "Menu" });
  const mentors = (name: string) => miaPage.getByRole("link", { name, exact: true }).count();
  await menu.click();
  await expect.poll(() => mentors("Mentors (1 unread message)")).toBe(1);
  await shot(miaPage, "05c-unread-in-menu-phone");
  await menu.click();
  await miaPage.getByRole("link", { name: `Messages with @${noor}` }).click();
  await seen(miaPage, "Hi Mia, would you like to walk to Thursday's meeting together?").toBe(1);
  await menu.click();
  await expect.poll(() => mentors("Mentors")).toBe(1);
  await menu.click();
  await miaPage.getByLabel("Your message").fill("Yes please, see you at the corner at 7.");
  await miaPage.getByRole("button", { name: "Send", exact: true }).click();
  await seen(noorPage, "Yes please, see you at the corner at 7.").toBe(1);
  await seen(miaPage, "Seen").toBe(1);
  // From Mia's profile page, Noor's "Send a message" comes back to the same conversation.
  const conversation = noorPage.url();
  await noorPage.goto(`${base}/members/${mia}`);
  await noorPage.getByRole("button", { name: "Send a message" }).click();
  await expect.poll(() => noorPage.url()).toBe(conversation);
  await seen(noorPage, "Yes please, see you at the corner at 7.").toBe(1);
  // No end, share or hand-off here: only messages, and a way to report them.
  expect(await miaPage.getByText("What you share").count()).toBe(0);
  await expect.poll(() => miaPage.getByText("Report this conversation").count()).toBe(1);
  await expectAccessible(miaPage);
  await expectAccessible(noorPage);
  await shot(miaPage, "06-direct-conversation-phone");
  await shot(noorPage, "07-direct-conversation-desktop");
  expect(errors).toEqual([]);
}, 180_000);
