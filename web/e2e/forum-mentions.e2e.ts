import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { api, expectAccessible, type Kinship, screenshots, signUp, startKinship } from "./harness.ts";

let browser: Browser;
let base: string;
let kinship: Kinship;

beforeAll(async () => {
  kinship = await startKinship("forum-mentions");
  ({ base, browser } = kinship);
});
afterAll(async () => kinship?.close());

const shot = screenshots("forum-mentions");

it("a member mentions another in a reply; they find it on their Mentions page and follow it; a blocked member's mention never arrives", async () => {
  const stamp = Date.now() % 100000;
  const anaHandle = `ana_${stamp}`;
  const benHandle = `ben_${stamp}`;
  const calHandle = `cal_${stamp}`;
  const errors: string[] = [];
  const anaCtx = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const benCtx = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const calCtx = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const ana = await signUp(base, anaCtx, anaHandle);
  const ben = await signUp(base, benCtx, benHandle);
  const cal = await signUp(base, calCtx, calHandle);
  for (const p of [ana, ben, cal]) p.on("pageerror", (e) => errors.push(e.message));

  // Ben started a thread; he has blocked Cal.
  const boards = await api<{ items: { id: string; name: string }[] }>(ben, "GET", "/api/boards");
  const board = boards.items.find((b) => b.name === "Newcomers")?.id as string;
  const thread = await api<{ id: string }>(ben, "POST", `/api/boards/${board}/threads`, {
    title: "First meeting tomorrow",
    body: "I'm nervous about walking in. Any tips?",
  });
  await api(ben, "PUT", `/api/me/blocks/${calHandle}`, { kind: "block" });

  // Ana mentions Ben in a reply, through the page.
  await ana.goto(`${base}/threads/${thread.id}`);
  await ana
    .getByLabel("Your post")
    .fill(`@${benHandle} arrive ten minutes early and sit near the door. You'll be fine.`);
  await ana.getByRole("button", { name: "Post reply" }).click();
  const anaLink = ana.locator(`.post__body a.mention[href="/members/${benHandle}"]`);
  await expect.poll(() => anaLink.count()).toBe(1);

  // Cal mentions Ben too; Cal's page looks just the same (a link), so Cal can't tell about the block.
  await cal.goto(`${base}/threads/${thread.id}`);
  await cal.getByLabel("Your post").fill(`@${benHandle} I felt the same, it passes.`);
  await cal.getByRole("button", { name: "Post reply" }).click();
  const calReply = cal.locator(".post").filter({ hasText: "I felt the same" });
  await expect.poll(() => calReply.locator(`a.mention[href="/members/${benHandle}"]`).count()).toBe(1);

  // Ben sees one unread mention by the Community link and in the community's navigation.
  await ben.goto(`${base}/community`);
  const nav = ben.getByRole("navigation", { name: "Community" });
  await expect.poll(() => nav.getByRole("link", { name: /Mentions/ }).textContent()).toContain("1");
  await nav.getByRole("link", { name: /Mentions/ }).click();
  await expect.poll(() => ben.getByRole("heading", { name: "Mentions", level: 1 }).count()).toBe(1);
  const items = ben.getByTestId("mention");
  await expect.poll(() => items.count()).toBe(1);
  expect(await items.first().textContent()).toContain(`@${anaHandle}`);
  expect(await items.first().textContent()).toContain("arrive ten minutes early");
  expect(await ben.getByTestId("mention").filter({ hasText: calHandle }).count()).toBe(0);
  expect(await ben.content()).not.toContain("I felt the same");
  await expectAccessible(ben);
  await shot(ben, "mentions-phone");
  await ben.setViewportSize({ width: 1200, height: 900 });
  await shot(ben, "mentions-desktop");

  // Following it opens the thread at Ana's reply, and the mention is read.
  await ben.getByRole("link", { name: "First meeting tomorrow" }).click();
  await ben.waitForURL(new RegExp(`/threads/${thread.id}#post-1`));
  await expect.poll(() => ben.getByText("arrive ten minutes early", { exact: false }).count()).toBe(1);
  await expect.poll(() => ben.locator(`a.mention[href="/members/${benHandle}"]`).count()).toBeGreaterThan(0);
  await expectAccessible(ben);
  await shot(ben, "thread-desktop");
  await ben.setViewportSize({ width: 360, height: 800 });
  await shot(ben, "thread-phone");
  await expect.poll(async () => (await api<{ unread: number }>(ben, "GET", "/api/me/mentions/count")).unread).toBe(0);

  // A new mention arrives while Ben is on the thread: the count by Mentions appears without a reload.
  await expect.poll(() => nav.getByRole("link", { name: /Mentions/ }).textContent()).toBe("Mentions");
  await api(ana, "POST", `/api/threads/${thread.id}/replies`, { body: `Good luck, @${benHandle}!` });
  await expect
    .poll(() => nav.getByRole("link", { name: /Mentions/ }).textContent(), { timeout: 10_000 })
    .toContain("1");

  // An empty Mentions page is kind.
  await cal.goto(`${base}/community/mentions`);
  await expect.poll(() => cal.getByText("No one has mentioned you yet", { exact: false }).count()).toBe(1);
  // It shows the reader's own handle, the very words that would mention them.
  await expect.poll(() => cal.getByText(`When someone writes @${calHandle} in a post`).count()).toBe(1);
  await expectAccessible(cal);
  await shot(cal, "empty-desktop");
  // In Spanish too; and Ben's page, on a phone.
  await cal.getByLabel("Language").selectOption({ label: "Español" });
  await expect.poll(() => cal.getByRole("heading", { name: "Menciones", level: 1 }).count()).toBe(1);
  await expect.poll(() => cal.getByText("Nadie te ha mencionado todavía", { exact: false }).count()).toBe(1);
  await expectAccessible(cal);
  await shot(cal, "empty-es");
  await ben.getByRole("button", { name: "Menu" }).click();
  await ben.getByLabel("Language").selectOption({ label: "Español" });
  // The switch loads the Spanish words, then remembers the choice: wait for it before leaving the page.
  await expect.poll(() => ben.getByRole("button", { name: "Menú" }).count(), { timeout: 10_000 }).toBe(1);
  await ben.goto(`${base}/community/mentions`);
  await expect.poll(() => ben.getByText("te mencionó en", { exact: false }).count(), { timeout: 10_000 }).toBe(2);
  await shot(ben, "mentions-es-phone");
  expect(errors).toEqual([]);
});
