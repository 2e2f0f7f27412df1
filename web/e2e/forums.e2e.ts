import { sql } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { api, expectAccessible, type Kinship, screenshots, signUp, startKinship } from "./harness.ts";

let browser: Browser;
let base: string;
let kinship: Kinship;

beforeAll(async () => {
  kinship = await startKinship("forums");
  ({ base, browser } = kinship);
});
afterAll(async () => kinship?.close());

const shot = screenshots("forums");

it("posts a story with a warning, folds it for another member, opens it, reacts, replies anonymously and searches; a private group board stays private", async () => {
  const stamp = Date.now() % 100000;
  const authorHandle = `ana_${stamp}`;
  const readerHandle = `ben_${stamp}`;
  const authorCtx = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const readerCtx = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const errors: string[] = [];
  const author = await signUp(base, authorCtx, authorHandle);
  author.on("pageerror", (e) => errors.push(e.message));

  // Signed out, the community has its own h1 (and tab title) and says how to get in.
  const guestCtx = await browser.newContext();
  const guest = await guestCtx.newPage();
  await guest.goto(`${base}/community`);
  await expect.poll(() => guest.getByRole("heading", { name: "Community", level: 1 }).count()).toBe(1);
  await expect.poll(() => guest.title()).toContain("Community");
  await expectAccessible(guest);
  await guestCtx.close();

  // The author starts a recovery story with a content warning.
  await author.getByRole("link", { name: "Community" }).click();
  await expect.poll(() => author.getByRole("heading", { name: "Community", level: 1 }).count()).toBe(1);
  await expectAccessible(author);
  await author.getByRole("link", { name: "Relapse and starting again" }).click();
  await author.getByRole("button", { name: "Start a thread" }).click();
  await author.getByLabel("Title").fill("Seven months, then a wedding");
  await author.getByLabel("Kind of post").selectOption("recovery_story");
  await author.getByLabel("Your post").fill("The **bubbly** at the toast was where it started. Day 3 again now.");
  await author.getByRole("button", { name: "Preview" }).click();
  await expect.poll(() => author.locator(".composer__preview strong").textContent()).toBe("bubbly");
  await author.getByRole("checkbox", { name: "Relapse" }).check();
  await expectAccessible(author);
  await shot(author, "compose");
  await author.getByRole("button", { name: "Post thread" }).click();
  await author.waitForURL(/\/threads\//);
  const threadUrl = author.url();
  await expect.poll(() => author.getByText("The bubbly at the toast").count()).toBe(1);

  // Another member sees it folded: the warnings named, the words not even in the page.
  const reader = await signUp(base, readerCtx, readerHandle);
  reader.on("pageerror", (e) => errors.push(e.message));
  await reader.goto(threadUrl);
  await expect.poll(() => reader.getByText("This post is folded.", { exact: false }).count()).toBe(1);
  await expect.poll(() => reader.getByText("Content warning:").first().isVisible()).toBe(true);
  expect(await reader.content()).not.toContain("bubbly");
  await expectAccessible(reader);
  await shot(reader, "folded");
  await reader.getByRole("button", { name: /Show this post/ }).click();
  await expect.poll(() => reader.getByText("The bubbly at the toast", { exact: false }).count()).toBe(1);

  // A supportive reaction, then an anonymous reply.
  const strength = reader.getByRole("button", { name: /Sending strength/ });
  await strength.click();
  await expect.poll(() => strength.getAttribute("aria-pressed")).toBe("true");
  await expect.poll(() => strength.textContent()).toContain("1");
  await reader.getByLabel("Your post").fill("Those seven months are still yours. Sending you strength today.");
  await reader.getByRole("checkbox", { name: /anonymous member/ }).check();
  await reader.getByRole("button", { name: "Post reply" }).click();
  await expect.poll(() => reader.getByText("Those seven months are still yours", { exact: false }).count()).toBe(1);
  await expectAccessible(reader);
  await shot(reader, "thread");

  // The author sees the reply from "anonymous member", never the reader's handle.
  await author.reload();
  await expect.poll(() => author.getByText("Those seven months are still yours", { exact: false }).count()).toBe(1);
  await expect.poll(() => author.getByText("anonymous member").count()).toBeGreaterThan(0);
  expect(await author.content()).not.toContain(readerHandle);

  // Search finds the story, still folded for the reader.
  await reader.goto(`${base}/community/search`);
  await reader.getByLabel("Search for").fill("wedding");
  await reader.getByRole("button", { name: "Search" }).click();
  await expect.poll(() => reader.getByTestId("search-hit").count()).toBeGreaterThan(0);
  await expect.poll(() => reader.getByText("Seven months, then a wedding").count()).toBe(1);
  await expectAccessible(reader);

  // A private group board: its thread never reaches a non-member, in search or by address.
  const org = await api<{ id: string }>(author, "POST", "/api/organisations", { name: `Harbour ${stamp}` });
  const group = await api<{ id: string }>(author, "POST", "/api/groups", {
    organisationId: org.id,
    name: `Tuesday circle ${stamp}`,
    focus: "alcohol",
    format: "secular",
    membership: "closed",
    confidentialityAgreement: "What is said here stays here.",
  });
  await author.goto(`${base}/community`);
  await author.getByRole("link", { name: `Tuesday circle ${stamp}` }).click();
  await author.getByRole("button", { name: "Start a thread" }).click();
  await author.getByLabel("Title").fill("Lighthousekeeper check-in");
  await author.getByLabel("Your post").fill("Only the circle should read about the lighthousekeeper.");
  await author.getByRole("button", { name: "Post thread" }).click();
  await author.waitForURL(/\/threads\//);
  const privateUrl = author.url();
  const board = await api<{ id: string }>(author, "GET", `/api/groups/${group.id}/board`);
  expect(board.id).toBeTruthy();

  await reader.goto(`${base}/community/search?q=lighthousekeeper`);
  await expect.poll(() => reader.getByText("Nothing found.", { exact: false }).count()).toBe(1);
  await reader.goto(`${base}/community`);
  await expect.poll(() => reader.getByRole("heading", { name: "Your groups' boards" }).count()).toBe(1);
  expect(await reader.content()).not.toContain(`Tuesday circle ${stamp}`);
  await reader.goto(privateUrl);
  await expect.poll(() => reader.getByText("We couldn't find that thread.").count()).toBe(1);
  expect(await reader.content()).not.toContain("lighthousekeeper");

  expect(errors).toEqual([]);
  await authorCtx.close();
  await readerCtx.close();
});

it("shows hostile posts as inert text: no script runs and no dialog opens", async () => {
  const stamp = Date.now() % 100000;
  const ctx = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  const page = await signUp(base, ctx, `xss_${stamp}`);
  // Past the newcomer limits (links, posts an hour): this test is about rendering, not a new account.
  await kinship.database.db.execute(
    sql`insert into member_trust (member_id, level, reason) select id, 1, 'e2e' from members where handle = ${`xss_${stamp}`}`,
  );
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const boards = await api<{ items: { id: string; name: string }[] }>(page, "GET", "/api/boards");
  const newcomers = boards.items.find((b) => b.name === "Newcomers")?.id as string;
  const payloads = [
    "<script>window.__xss = 1; alert(1)</script>",
    '<img src=x onerror="window.__xss = 2; alert(2)">',
    "[click me](javascript:window.__xss=3;alert(3))",
    "<svg onload=\"window.__xss = 4; alert(4)\"><circle r='9'/></svg>",
    '<a href="javascript:alert(5)">link</a>',
    "![tracker](https://tracker.invalid/p.png)",
    '<iframe src="javascript:alert(6)"></iframe>',
    '<details open ontoggle="alert(7)">x</details>',
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCg4KTwvc2NyaXB0Pg==)",
    "\u202Eevil override\u202C and <b onclick=alert(9)>bold</b>",
    "'; DROP TABLE forum_posts; --",
  ];
  const thread = await api<{ id: string }>(page, "POST", `/api/boards/${newcomers}/threads`, {
    title: "<script>alert('title')</script><img src=x onerror=alert(10)>",
    body: payloads[0],
  });
  for (const body of payloads.slice(1)) await api(page, "POST", `/api/threads/${thread.id}/replies`, { body });
  // One more through the composer, as a person would paste it.
  await page.goto(`${base}/threads/${thread.id}`);
  await page.getByLabel("Your post").fill('<img src=y onerror="alert(11)"> and <script>alert(12)</script>');
  await page.getByRole("button", { name: "Preview" }).click();
  await page.getByRole("button", { name: "Post reply" }).click();
  await expect.poll(() => page.getByTestId("post").count()).toBe(payloads.length + 1);
  await page.reload();
  await expect.poll(() => page.getByTestId("post").count()).toBe(payloads.length + 1);
  await page.waitForTimeout(300);
  expect(dialogs).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  const inPosts = await page.evaluate(() =>
    [...document.querySelectorAll(".post")].flatMap((post) =>
      [
        ...post.querySelectorAll(
          "script, img, svg:not([aria-hidden]), iframe, details, [onerror], [onload], [onclick]",
        ),
      ].map((e) => e.outerHTML),
    ),
  );
  expect(inPosts).toEqual([]);
  const hrefs = await page.evaluate(() =>
    [...document.querySelectorAll(".post__body a")].map((a) => a.getAttribute("href")),
  );
  for (const href of hrefs) expect(href).toMatch(/^(https?:|mailto:)/);
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("<script>");
  expect(dialogs).toEqual([]);

  // A very long unbroken word, inline and in a code block, wraps on a phone: the page never scrolls sideways.
  const word = "Supercalifragilistic_".repeat(6);
  const long = await api<{ id: string }>(page, "POST", `/api/boards/${newcomers}/threads`, {
    title: word,
    body: `${word}\n\n\`${word}\`\n\n\`\`\`\n${word} ${word}\n\`\`\``,
  });
  await page.setViewportSize({ width: 360, height: 800 });
  for (const path of [`/threads/${long.id}`, `/community/boards/${newcomers}`]) {
    await page.goto(`${base}${path}`);
    await page.getByText(word).first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(page);
  }
  await ctx.close();
});

it("lets an organisation admin add community boards and order them; a group's page leads its members to their board", async () => {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await signUp(base, context, `org_${Date.now() % 100000}`);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const org = await api<{ id: string }>(page, "POST", "/api/organisations", { name: `Lighthouse Peers ${Date.now()}` });
  const group = await api<{ id: string }>(page, "POST", "/api/groups", {
    organisationId: org.id,
    name: "Lighthouse Tuesday",
    focus: "alcohol",
    format: "open_discussion",
    confidentialityAgreement: "Who you see here, what you hear here, stays here.",
  });

  await page.goto(`${base}/organisations/${org.id}`);
  await page.getByLabel("Board name").fill("Sober and curious");
  await page.getByLabel("What is it for? (optional)").fill("Questions about life without alcohol.");
  await page.getByRole("button", { name: "Add the board" }).click();
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Sober and curious");

  // A second board, then the admin puts it first on the community page.
  await page.goto(`${base}/organisations/${org.id}`);
  await page.getByLabel("Board name").fill("Families welcome");
  await page.getByRole("button", { name: "Add the board" }).click();
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Families welcome");
  await page.goto(`${base}/community`);
  const order = () =>
    page
      .locator(".board-card h3")
      .allTextContents()
      .then((names) => names.filter((n) => n === "Sober and curious" || n === "Families welcome"));
  await expect.poll(async () => (await order()).length).toBe(2);
  const [first, second] = await order();
  await page.getByRole("button", { name: `Move ${second} up` }).click();
  await expect.poll(order).toEqual([second, first]);
  await page.reload();
  await expect.poll(order).toEqual([second, first]);
  await page.getByRole("button", { name: `Move ${second} down` }).click();
  await expect.poll(order).toEqual([first, second]);
  await expectAccessible(page);

  await page.goto(`${base}/groups/${group.id}`);
  await page.getByRole("link", { name: "Open the group's board" }).click();
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Lighthouse Tuesday");
  await expectAccessible(page);
  expect(errors).toEqual([]);
  await context.close();
});
