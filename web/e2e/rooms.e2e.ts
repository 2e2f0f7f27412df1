import { sql } from "drizzle-orm";
import type { Browser, BrowserContext, Page, WebSocketRoute } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { expectAccessible, type Kinship, startKinship } from "./harness.ts";

let browser: Browser;
let base: string;
let database: Kinship["database"];
let kinship: Kinship;

beforeAll(async () => {
  kinship = await startKinship("rooms");
  ({ base, browser, database } = kinship);
});
afterAll(async () => kinship?.close());

/** A person in their own browser, signed up through the API (the account journey has its own test). */
async function person(name: string, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
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

const api = async (context: BrowserContext, method: "post" | "put", url: string, data: unknown) => {
  const res = await context.request[method](`${base}${url}`, { data });
  expect(res.ok(), `${url}: ${await res.text()}`).toBe(true);
  return res.json();
};

const log = (page: Page) => page.getByRole("log");

it("runs a whole meeting: open, admit, hands, the floor, the timer, no cross-talk, reactions, a dropped connection, close", async () => {
  const fac = await person("chair");
  const member = await person("member");
  const newcomer = await person("newcomer", { width: 360, height: 740 });

  // The facilitator's organisation, group and an online meeting that is on now.
  const org = await api(fac.context, "post", "/api/organisations", { name: `Harbour Peers ${Date.now()}` });
  const group = await api(fac.context, "post", "/api/groups", {
    organisationId: org.id,
    name: "Evening Harbour",
    focus: "alcohol",
    format: "twelve_step",
    confidentialityAgreement: "What is said here stays here.",
  });
  const meeting = await api(fac.context, "post", `/api/groups/${group.id}/meetings`, {
    name: "Night Owls Online",
    mode: "online",
    days: [0, 1, 2, 3, 4, 5, 6],
    startTime: "00:00",
    endTime: "00:00",
    timeZone: "UTC",
    conferenceUrl: "https://meet.example.org/owls",
  });
  await api(fac.context, "put", `/api/groups/${group.id}/readings`, {
    items: [{ title: "Preamble", body: "We share our experience, strength and hope." }],
  });
  await api(member.context, "post", `/api/groups/${group.id}/join`, { acceptAgreement: true });

  // The facilitator finds the room from the meeting page and opens it with a 3-minute share timer.
  await fac.page.goto(`${base}/meetings/${meeting.slug}`);
  await fac.page.getByRole("link", { name: "Join the room" }).click();
  await fac.page.getByRole("heading", { name: "Open the room" }).waitFor();
  await expectAccessible(fac.page);
  // What the group's rooms keep is saved as soon as it is chosen, and the page says so.
  const keep = fac.page.getByRole("group", { name: "What the group's rooms keep" });
  await keep.getByRole("radio", { name: /Nothing beyond a few minutes/ }).check();
  await expect.poll(() => keep.getByText("Saved.").count()).toBe(1);
  await keep.getByRole("radio", { name: /Messages while the meeting runs/ }).check();
  await fac.page.getByLabel("Share timer").selectOption({ label: "3 minutes" });
  await fac.page.getByRole("button", { name: "Open the room" }).click();
  await fac.page.getByRole("button", { name: "Take part" }).click();
  await fac.page.getByRole("heading", { name: "Facilitating" }).waitFor();
  await expectAccessible(fac.page);

  // The member comes straight in; the newcomer (on a phone) waits in the lobby.
  await member.page.goto(`${base}/meetings/${meeting.slug}/room`);
  await member.page.getByRole("button", { name: "Take part" }).click();
  await member.page.getByRole("heading", { name: "Waiting to share" }).waitFor();

  // The newcomer's socket goes through a route the test can cut, like a dropped network.
  let newcomerSocket: WebSocketRoute | null = null;
  let newcomerConnections = 0;
  await newcomer.page.routeWebSocket(/\/ws(\?|$)/, (ws) => {
    newcomerSocket = ws;
    newcomerConnections += 1;
    ws.connectToServer();
  });
  await newcomer.page.goto(`${base}/meetings/${meeting.slug}/room`);
  await newcomer.page.getByRole("button", { name: "Take part" }).click();
  await newcomer.page.getByRole("heading", { name: "You're in the lobby" }).waitFor();
  await expectAccessible(newcomer.page);

  // The facilitator posts the opening reading, then welcomes the newcomer in.
  await fac.page.getByRole("button", { name: "Post the reading" }).click();
  await expect.poll(() => log(member.page).textContent()).toContain("We share our experience, strength and hope.");
  await fac.page.getByRole("button", { name: `Let ${newcomer.handle} in` }).click();
  await newcomer.page.getByText(`${fac.handle} welcomed you in`).waitFor();
  await newcomer.page.getByRole("heading", { name: "Waiting to share" }).waitFor();
  await expectAccessible(newcomer.page);

  // Hands go up (the member with the H key), the queue is the same for everyone, in order.
  await member.page.locator("body").click({ position: { x: 5, y: 5 } });
  await member.page.keyboard.press("h");
  await expect.poll(() => fac.page.locator(".room__queue").textContent()).toContain(member.handle);
  await newcomer.page.getByRole("button", { name: "Raise my hand" }).click();
  await expect
    .poll(async () => (await fac.page.locator(".room__queue li").allTextContents()).join("|"))
    .toBe(`${member.handle}|${newcomer.handle}`);

  // The facilitator gives the floor: the member shares with the timer running.
  await fac.page.getByRole("button", { name: "Give the floor to the next person" }).click();
  await member.page.getByText("It's your turn to share. Take your time.").waitFor();
  await expect.poll(() => member.page.getByRole("timer").textContent()).toMatch(/^[23]:\d\d$/);
  await expect.poll(() => newcomer.page.getByRole("timer").textContent()).toMatch(/^[23]:\d\d$/);

  // No cross-talk: the newcomer cannot post, but can send a quiet reaction.
  await expect.poll(() => newcomer.page.getByLabel("Your message").count()).toBe(0);
  await newcomer.page.getByText("This meeting has no cross-talk").waitFor();
  await member.page.getByLabel("Your message").fill("Today was hard,\nand I'm still here.");
  await member.page.getByLabel("Your message").press("Enter");
  await expect.poll(() => log(newcomer.page).textContent()).toContain("and I'm still here.");
  // The line break the member typed stays, on a page opened straight at the room.
  const shared = newcomer.page.getByRole("log").getByText("and I'm still here.");
  expect(await shared.evaluate((p) => getComputedStyle(p).whiteSpace)).toBe("pre-line");
  await newcomer.page.getByRole("button", { name: "Thank you" }).click();
  await expect.poll(() => log(fac.page).textContent()).toContain(`${newcomer.handle}: Thank you`);

  // The newcomer's connection drops while the member goes on; it comes back with nothing lost.
  const before = newcomerConnections;
  await (newcomerSocket as WebSocketRoute | null)?.close({ code: 4000, reason: "network dropped" });
  await member.page.getByLabel("Your message").fill("Said while the newcomer's connection was down.");
  await member.page.getByLabel("Your message").press("Enter");
  await expect
    .poll(() => log(newcomer.page).textContent(), { timeout: 15_000 })
    .toContain("Said while the newcomer's connection was down.");
  expect(newcomerConnections).toBe(before + 1);
  const texts = await log(newcomer.page).locator("li").allTextContents();
  expect(texts.filter((x) => x.includes("Today was hard"))).toHaveLength(1);

  // The speaker passes the floor back.
  await member.page.getByRole("button", { name: "I'm done sharing" }).click();
  await expect.poll(() => fac.page.getByText("No one is sharing right now.").count()).toBe(1);

  // The facilitator closes the room: everyone is told, and what was said is deleted.
  await fac.page.getByRole("button", { name: "Close the room" }).click();
  await fac.page.getByRole("button", { name: "Yes, close it" }).click();
  for (const p of [fac.page, member.page, newcomer.page]) {
    await p.getByRole("heading", { name: "The meeting has ended" }).waitFor();
    // An ended meeting is no longer called live.
    expect(await p.getByText("Live meeting", { exact: true }).count()).toBe(0);
  }
  const rows = await database.db.execute(
    sql`select (select count(*) from room_events)::int as events, (select count(*) from room_members)::int as people`,
  );
  expect((rows as unknown as { rows: { events: number; people: number }[] }).rows[0]).toEqual({ events: 0, people: 0 });

  // And in Spanish (on a phone the language is in the header's menu).
  await newcomer.page.getByRole("button", { name: "Menu" }).click();
  await newcomer.page.getByLabel("Language").selectOption({ label: "Español" });
  await newcomer.page.getByRole("heading", { name: "La reunión terminó" }).waitFor();
  await expectAccessible(newcomer.page);

  expect([...fac.errors, ...member.errors, ...newcomer.errors]).toEqual([]);
  for (const p of [fac, member, newcomer]) await p.context.close();
});
