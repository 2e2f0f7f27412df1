import { sql } from "drizzle-orm";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { api, expectAccessible, type Kinship, screenshots, startKinship } from "./harness.ts";

let browser: Browser;
let base: string;
let kinship: Kinship;

beforeAll(async () => {
  kinship = await startKinship("moderation");
  ({ base, browser } = kinship);
});
afterAll(async () => kinship?.close());

const shot = screenshots("moderation");

async function signUp(context: BrowserContext, handle: string) {
  const page = await context.newPage();
  await page.goto(`${base}/signup`);
  await page.getByLabel("Handle").fill(handle);
  await page.getByLabel("Passphrase", { exact: true }).fill("morning tea on the balcony");
  await page.getByText("Read the code of conduct").click();
  await expect.poll(() => page.getByText("Keep what others share private").count()).toBe(1);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect.poll(() => page.getByTestId("signed-in-as").textContent()).toContain(handle);
  return page;
}

const makeModerator = (handle: string) =>
  kinship.database.db.execute(
    sql`insert into forum_moderators (member_id) select id from members where handle = ${handle}`,
  );

it("another member reports a post, a moderator hides it with a reason, the author appeals, a second moderator decides; a new account cannot post a link", async () => {
  const stamp = Date.now() % 100000;
  const errors: string[] = [];
  const ctx = (width: number) => browser.newContext({ viewport: { width, height: 900 } });
  const author = await signUp(await ctx(390), `aya_${stamp}`);
  const reporter = await signUp(await ctx(1100), `ren_${stamp}`);
  const first = await signUp(await ctx(1200), `mod_one_${stamp}`);
  const second = await signUp(await ctx(1200), `mod_two_${stamp}`);
  for (const p of [author, reporter, first, second]) p.on("pageerror", (e) => errors.push(e.message));
  await makeModerator(`mod_one_${stamp}`);
  await makeModerator(`mod_two_${stamp}`);

  // Signing up accepted the code of conduct: no banner asks again.
  expect((await api<{ needsAcceptance: boolean }>(author, "GET", "/api/me/conduct")).needsAcceptance).toBe(false);
  await author.goto(`${base}/conduct`);
  await expect.poll(() => author.getByText("You accepted the code of conduct on").count()).toBe(1);
  await expectAccessible(author);

  // A new account cannot post a link: it is told kindly why, and when that opens up.
  const boards = await api<{ items: { id: string; name: string }[] }>(author, "GET", "/api/boards");
  const newcomers = boards.items.find((b) => b.name === "Newcomers")?.id as string;
  await author.goto(`${base}/community/boards/${newcomers}`);
  await author.getByRole("button", { name: "Start a thread" }).click();
  await author.getByLabel("Title").fill("A good meeting list");
  await author.getByLabel("Your post").fill("This list helped me: https://meetings.example.org/list");
  await author.getByRole("button", { name: "Post thread" }).click();
  await expect.poll(() => author.getByText("new accounts can't post links yet").count()).toBeGreaterThan(0);
  await expectAccessible(author);
  await shot(author, "newcomer-link");

  // Without the link it posts.
  await author
    .getByLabel("Your post")
    .fill("Tuesday's meeting at the library: the chairs were all taken and I said something sharp.");
  await author.getByRole("button", { name: "Post thread" }).click();
  await author.waitForURL(/\/threads\//);
  const threadUrl = author.url();

  // Another member reports it.
  await reporter.goto(threadUrl);
  await reporter.getByRole("button", { name: "Report" }).first().click();
  await reporter.getByLabel("What's wrong?").selectOption("harassment");
  await reporter.getByRole("button", { name: "Send report" }).click();
  await expect.poll(() => reporter.getByText("Thank you. Moderators will look at it").count()).toBe(1);

  // The first moderator reviews it in context and hides it with a reason.
  await first.goto(`${base}/moderation`);
  await expect.poll(() => first.getByTestId("queue-item").count()).toBe(1);
  await expectAccessible(first);
  await first.getByRole("button", { name: "Review" }).click();
  await expect.poll(() => first.getByText("I said something sharp").count()).toBeGreaterThan(0);
  // Trust can be raised or lowered from here.
  await first.getByText(`Trust of @aya_${stamp}`).click();
  await first.getByLabel("Trust level").selectOption("0");
  await first
    .getByLabel("Reason", { exact: true })
    .first()
    .fill("Keeping the newcomer limits while this is looked at.");
  await first.getByRole("button", { name: "Save trust" }).click();
  await expect.poll(() => first.getByText("Trust saved.").count()).toBe(1);
  await first.getByRole("radio", { name: "Post hidden" }).check();
  await first
    .getByLabel("Reason", { exact: true })
    .last()
    .fill("It named another member unkindly. You're welcome to post it again without the name.");
  await expectAccessible(first);
  await shot(first, "queue-review");
  await first.getByRole("button", { name: "Take action" }).click();
  await expect.poll(() => first.getByText("Nothing waiting. Thank you.").count()).toBe(1);

  // Others see that it was hidden, without its words; the author sees why.
  await reporter.reload();
  await expect.poll(() => reporter.getByText("Moderators hid this post.").count()).toBe(1);
  expect(await reporter.getByText("I said something sharp").count()).toBe(0);
  await author.goto(threadUrl);
  await expect.poll(() => author.getByText("Their reason: It named another member unkindly").count()).toBe(1);

  // The author appeals from their notices.
  await author.getByRole("link", { name: "Read the notice or ask for another look" }).click();
  await expect.poll(() => author.getByTestId("notice").count()).toBe(1);
  await author.getByRole("button", { name: "Ask for another look" }).click();
  await author
    .getByLabel("Why should this be looked at again?")
    .fill("I meant it as a joke between friends, but I see how it read.");
  await expectAccessible(author);
  await author.getByRole("button", { name: "Send my appeal" }).click();
  await expect.poll(() => author.getByText("Waiting for a moderator who wasn't involved.").count()).toBe(1);
  await shot(author, "notices-appealed");

  // The moderator who acted cannot decide; the second one can.
  await first.goto(`${base}/moderation`);
  await expect.poll(() => first.getByText("You took this action, so another moderator will decide.").count()).toBe(1);
  await second.goto(`${base}/moderation`);
  await expect.poll(() => second.getByTestId("appeal-item").count()).toBe(1);
  await second.getByRole("radio", { name: "Reverse it" }).check();
  await second.getByLabel("Your answer to the member").fill("Thank you for explaining. It's visible again.");
  await expectAccessible(second);
  await shot(second, "appeal-decide");
  await second.getByRole("button", { name: "Decide" }).click();
  await expect.poll(() => second.getByText("No appeals waiting.").count()).toBe(1);

  // The author sees the decision; the post is back for everyone.
  await author.reload();
  await expect
    .poll(() => author.getByText("A second moderator looked again and reversed the decision.").count())
    .toBe(1);
  await expect.poll(() => author.getByText("Thank you for explaining. It's visible again.").count()).toBe(1);
  await shot(author, "notices-decided");
  await reporter.reload();
  await expect.poll(() => reporter.getByText("I said something sharp").count()).toBeGreaterThan(0);

  // The audit log has both moderators' steps.
  await first.goto(`${base}/moderation/audit?scope=community`);
  await expect.poll(() => first.getByText("Reversed a decision on appeal").count()).toBe(1);
  await expectAccessible(first);
  await shot(first, "audit");
  expect(errors).toEqual([]);
}, 120_000);

it("blocks and reports a member from their page, asks for mediation and shows the code of conduct once to older accounts", async () => {
  const stamp = Date.now() % 100000;
  const page = await signUp(await browser.newContext({ viewport: { width: 390, height: 850 } }), `kim_${stamp}`);
  const other = await signUp(await browser.newContext({ viewport: { width: 1000, height: 850 } }), `lou_${stamp}`);
  await kinship.database.db.execute(
    sql`delete from conduct_acceptances where member_id = (select id from members where handle = ${`lou_${stamp}`})`,
  );
  await other.goto(`${base}/`);
  await expect.poll(() => other.getByRole("link", { name: "Read the code of conduct" }).count()).toBe(1);
  await other.getByRole("link", { name: "Read the code of conduct" }).click();
  await other.getByRole("button", { name: "I've read it and I accept" }).click();
  await expect.poll(() => other.getByText("You accepted the code of conduct on").count()).toBe(1);
  await other.goto(`${base}/`);
  expect(await other.getByRole("link", { name: "Read the code of conduct" }).count()).toBe(0);

  await page.goto(`${base}/members/lou_${stamp}`);
  await page.getByRole("link", { name: "Block, mute or report" }).click();
  await page.getByRole("button", { name: "Mute" }).click();
  await expect.poll(() => page.getByText("You've muted this member.").count()).toBe(1);
  await page.getByLabel("What's wrong?").selectOption("spam");
  await page.getByRole("button", { name: "Send report" }).click();
  await expect.poll(() => page.getByText("The moderators will look at your report.").count()).toBe(1);
  await expectAccessible(page);
  await shot(page, "member-safety");
  await page.goto(`${base}/notices`);
  await expect.poll(() => page.getByRole("link", { name: `@lou_${stamp}` }).count()).toBe(1);
  await expectAccessible(page);
  await shot(page, "safety");
  await page.goto(`${base}/mediation`);
  await expect.poll(() => page.getByText("Mediation is for members of the same group").count()).toBe(1);
  await expectAccessible(page);
}, 90_000);
