import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { forumModerators, safetyResponders } from "../../server/src/db/schema.ts";
import { operatorCommand } from "../../server/src/operator/operator.ts";
import { api, expectAccessible, type Kinship, screenshots, startKinship } from "./harness.ts";

/*
 * The safety pieces that happen while someone is still writing or signing in: crisis lines shown
 * before posting, a suspended member told kindly why, and responders reached without a reload.
 */

let browser: Browser;
let base: string;
let kinship: Kinship;
const PASSPHRASE = "morning tea on the balcony";

beforeAll(async () => {
  kinship = await startKinship("safety-live");
  ({ base, browser } = kinship);
});
afterAll(async () => kinship?.close());

const shot = screenshots("safety-live");

/** Signs up through the API (any language) and opens the home page signed in. */
async function member(context: BrowserContext, handle: string) {
  const page = await context.newPage();
  await page.goto(`${base}/`);
  const me = await api<{ id: string }>(page, "POST", "/api/auth/signup", { handle, passphrase: PASSPHRASE });
  await api(page, "PUT", "/api/me/conduct", {
    version: (await api<{ version: string }>(page, "GET", "/api/me/conduct")).version,
  });
  await page.goto(`${base}/`);
  await expect.poll(() => page.getByTestId("signed-in-as").textContent()).toContain(handle);
  return Object.assign(page, { memberId: me.id });
}

/**
 * Like member(), but signed up from an address of its own: this file signs up more people than one
 * address may in an hour. The session cookie is handed to the browser.
 */
async function memberFrom(context: BrowserContext, handle: string, ip: string) {
  const res = await kinship.app.inject({
    method: "POST",
    url: "/api/auth/signup",
    payload: { handle, passphrase: PASSPHRASE },
    remoteAddress: ip,
  });
  expect(res.statusCode).toBe(201);
  const cookie = (res.cookies as { name: string; value: string }[]).find((c) => c.name.endsWith("kinship_session"));
  await context.addCookies([{ name: cookie?.name as string, value: cookie?.value as string, url: base }]);
  const page = await context.newPage();
  await page.goto(`${base}/`);
  await api(page, "PUT", "/api/me/conduct", {
    version: (await api<{ version: string }>(page, "GET", "/api/me/conduct")).version,
  });
  await page.goto(`${base}/`);
  await expect.poll(() => page.getByTestId("signed-in-as").textContent()).toContain(handle);
  return Object.assign(page, { memberId: res.json().id as string });
}

it("warns kindly before posting when a reply sounds like a crisis, checks only when typing pauses, and never blocks the post", async () => {
  const stamp = Date.now() % 100000;
  const errors: string[] = [];
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "en-US" });
  const page = await member(ctx, `wren_${stamp}`);
  page.on("pageerror", (e) => errors.push(e.message));
  let screens = 0;
  page.on("request", (r) => {
    if (r.url().endsWith("/api/safety/screen")) screens += 1;
  });

  const boards = await api<{ items: { id: string; name: string }[] }>(page, "GET", "/api/boards");
  const newcomers = boards.items.find((b) => b.name === "Newcomers")?.id as string;
  const thread = await api<{ id: string }>(page, "POST", `/api/boards/${newcomers}/threads`, {
    title: "Evenings",
    body: "How do you all get through the evenings?",
  });
  await page.goto(`${base}/threads/${thread.id}`);
  const box = page.getByLabel("Your post");
  // Everyday words that share the vocabulary: no warning.
  await box.pressSequentially("That meeting killed me, I laughed so hard.", { delay: 15 });
  await page.waitForTimeout(1_500);
  expect(await page.getByTestId("crisis-check").count()).toBe(0);
  // Typing a whole sentence key by key is checked once it pauses, not on every key.
  const before = screens;
  await box.fill("");
  await box.pressSequentially("I'm 60 days sober and today I just want to die.", { delay: 20 });
  const check = page.getByTestId("crisis-check");
  await expect.poll(() => check.count(), { timeout: 5_000 }).toBe(1);
  expect(screens - before).toBeLessThanOrEqual(2);
  await expect
    .poll(() => check.getByRole("link", { name: "Talk to someone now" }).getAttribute("href"))
    .toBe("tel:988");
  // The writing keeps its focus: the warning sits beside it.
  expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
  await check.getByText("Crisis lines where you are").click();
  await expect.poll(() => check.getByRole("heading", { name: "988 Suicide & Crisis Lifeline" }).count()).toBe(1);
  await expectAccessible(page);
  await shot(page, "01-reply-warning-phone");

  // The post is never blocked: it goes as written, and the lines show again after posting.
  await page.getByRole("button", { name: "Post reply" }).click();
  await expect.poll(() => page.getByTestId("crisis-panel").count()).toBe(1);
  await expect.poll(() => page.locator(".post__body").filter({ hasText: "today I just want to die" }).count()).toBe(1);
  expect(errors).toEqual([]);
});

it("warns in Spanish on a check-in note, with the lines of the member's country, and saves it as written", async () => {
  const stamp = Date.now() % 100000;
  const errors: string[] = [];
  const ctx = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: "es-MX" });
  const page = await member(ctx, `lupe_${stamp}`);
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${base}/progress/check-in`);
  await page.getByRole("radio", { name: "2 Bajo" }).check();
  await page.getByRole("radio", { name: "7", exact: true }).check();
  await page.getByLabel("Una nota privada").fill("Quiero morirme, ya no aguanto más esta recaída.");
  const check = page.getByTestId("crisis-check");
  await expect.poll(() => check.getByText("Parece que estás cargando con mucho ahora mismo").count()).toBe(1);
  await expect.poll(() => check.getByText("Puedes guardarlo igualmente", { exact: false }).count()).toBe(1);
  await check.getByText("Líneas de crisis donde estás").click();
  await expect.poll(() => check.getByRole("heading", { name: /SAPTEL/ }).count()).toBe(1);
  await expectAccessible(page);
  await shot(page, "02-checkin-warning-es");
  await page.getByRole("button", { name: "Guardar mi registro" }).click();
  await expect.poll(() => page.getByTestId("crisis-panel").count()).toBe(1);
  expect(errors).toEqual([]);
});

it("tells a suspended member kindly until when and why, ends their session at once, and lets them appeal signed out", async () => {
  const stamp = Date.now() % 100000;
  const errors: string[] = [];
  const memberCtx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "en-US" });
  const modCtx = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: "en-US" });
  const handle = `ash_${stamp}`;
  const page = await member(memberCtx, handle);
  page.on("pageerror", (e) => errors.push(e.message));
  const mod = await member(modCtx, `mod_${stamp}`);
  await kinship.database.db.insert(forumModerators).values({ memberId: mod.memberId });
  const reason = "Repeated unkind replies to newcomers after a warning.";
  const action = await api<{ endsAt: string }>(mod, "POST", "/api/moderation/actions", {
    kind: "suspend",
    reason,
    scope: "community",
    handle,
    hours: 72,
  });
  // The session is gone at once: the next page asks them to log in.
  expect((await page.evaluate(() => fetch("/api/me").then((r) => r.status))) as number).toBe(401);

  await page.goto(`${base}/login`);
  await page.getByLabel("Handle").fill(handle);
  await page.getByLabel("Passphrase", { exact: true }).fill(PASSPHRASE);
  await page.getByRole("button", { name: "Log in" }).click();
  const until = new Intl.DateTimeFormat("en-US", { dateStyle: "long" }).format(new Date(action.endsAt));
  await expect.poll(() => page.getByRole("heading", { name: `Your account is paused until ${until}` }).count()).toBe(1);
  await expect.poll(() => page.getByText(reason).count()).toBe(1);
  expect(await page.getByTestId("signed-in-as").count()).toBe(0);
  await expectAccessible(page);
  await shot(page, "03-suspended-sign-in");
  await page.getByRole("button", { name: "Send my appeal" }).click();
  await expect.poll(() => page.getByText("Please tell us why you'd like this looked at again.").count()).toBe(1);
  await page.getByLabel("What would you like the moderators to know?").fill("I was upset that day. I'm sorry.");
  await page.getByRole("button", { name: "Send my appeal" }).click();
  await expect.poll(() => page.getByText("A different moderator will look at this.", { exact: false }).count()).toBe(1);
  await shot(page, "04-appeal-sent");
  const appeals = await api<{ items: { note: string }[] }>(mod, "GET", "/api/moderation/appeals?scope=community");
  expect(appeals.items.map((a) => a.note)).toContain("I was upset that day. I'm sorry.");
  expect(errors).toEqual([]);
});

it("tells a suspended member whose browser is in Spanish, in Spanish, until when and why, and takes their appeal", async () => {
  const stamp = Date.now() % 100000;
  const errors: string[] = [];
  const memberCtx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "es-ES" });
  const modCtx = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: "en-US" });
  const handle = `lucia_${stamp}`;
  const page = await member(memberCtx, handle);
  page.on("pageerror", (e) => errors.push(e.message));
  const mod = await member(modCtx, `modera_${stamp}`);
  await kinship.database.db.insert(forumModerators).values({ memberId: mod.memberId });
  // The moderator's reason is theirs, in the words they wrote; everything around it is the reader's language.
  const reason = "Mensajes poco amables a personas nuevas después de un aviso.";
  const action = await api<{ endsAt: string }>(mod, "POST", "/api/moderation/actions", {
    kind: "suspend",
    reason,
    scope: "community",
    handle,
    hours: 72,
  });

  await page.goto(`${base}/login`);
  await page.getByLabel("Nombre de usuario").fill(handle);
  await page.getByLabel("Frase de acceso", { exact: true }).fill(PASSPHRASE);
  const refusal = page.waitForResponse((r) => r.url().endsWith("/api/auth/login"));
  await page.getByRole("button", { name: "Entrar" }).click();
  // The refusal carries a stable code; the page words it from that, not from the server's English.
  const answer = await refusal;
  expect(answer.status()).toBe(403);
  expect((await answer.json()).error).toMatchObject({ code: "account_restricted", restriction: { kind: "suspend" } });
  const until = new Intl.DateTimeFormat("es-ES", { dateStyle: "long" }).format(new Date(action.endsAt));
  await expect
    .poll(() => page.getByRole("heading", { name: `Tu cuenta está en pausa hasta el ${until}` }).count())
    .toBe(1);
  await expect.poll(() => page.getByText("El motivo que dio la persona moderadora:").count()).toBe(1);
  await expect.poll(() => page.getByText(reason).count()).toBe(1);
  expect(await page.getByRole("heading", { name: "Pedir que se revise" }).count()).toBe(1);
  // No "welcome back", and no invitation to open another account.
  expect(await page.getByText("Qué bien verte de nuevo").count()).toBe(0);
  expect(await page.getByRole("link", { name: "Crea una cuenta" }).count()).toBe(0);
  const text = (await page.locator("main").textContent()) ?? "";
  for (const english of ["Your account", "sign in", "moderator", "appeal"]) expect(text).not.toContain(english);
  expect(await page.getByTestId("signed-in-as").count()).toBe(0);
  await expectAccessible(page);
  await shot(page, "05-suspended-sign-in-es");

  await page.getByRole("button", { name: "Enviar mi apelación" }).click();
  await expect.poll(() => page.getByText("Cuéntanos por qué te gustaría que se revisara.").count()).toBe(1);
  const note = "Ese día estaba muy alterada. Lo siento.";
  await page.getByLabel("¿Qué te gustaría que supieran las personas moderadoras?").fill(note);
  await page.getByRole("button", { name: "Enviar mi apelación" }).click();
  await expect
    .poll(() => page.getByText("Una persona moderadora distinta lo revisará.", { exact: false }).count())
    .toBe(1);
  await shot(page, "06-appeal-sent-es");
  const appeals = await api<{ items: { note: string }[] }>(mod, "GET", "/api/moderation/appeals?scope=community");
  expect(appeals.items.map((a) => a.note)).toContain(note);

  // Closed for good reads as closed, in Spanish too; a wrong passphrase learns nothing of it.
  const closed = `cerrada_${stamp}`;
  const other = await memberFrom(await browser.newContext({ locale: "es-ES" }), closed, "10.20.0.3");
  await api(mod, "POST", "/api/moderation/actions", { kind: "ban", reason, scope: "community", handle: closed });
  await other.goto(`${base}/login`);
  await other.getByLabel("Nombre de usuario").fill(closed);
  await other.getByLabel("Frase de acceso", { exact: true }).fill("not the right one at all");
  await other.getByRole("button", { name: "Entrar" }).click();
  await expect
    .poll(() => other.getByText("El nombre de usuario y la frase de acceso no coinciden", { exact: false }).count())
    .toBe(1);
  expect(await other.getByText(reason).count()).toBe(0);
  await other.getByLabel("Frase de acceso", { exact: true }).fill(PASSPHRASE);
  await other.getByRole("button", { name: "Entrar" }).click();
  await expect.poll(() => other.getByRole("heading", { name: "Tu cuenta se ha cerrado" }).count()).toBe(1);
  await shot(other, "07-closed-sign-in-es");
  expect(errors).toEqual([]);
});

it("puts a new alert in a responder's open queue at once, without a reload", async () => {
  const stamp = Date.now() % 100000;
  const errors: string[] = [];
  const responderCtx = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: "en-US" });
  const memberCtx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "en-US" });
  const responder = await member(responderCtx, `rio_${stamp}`);
  responder.on("pageerror", (e) => errors.push(e.message));
  await kinship.database.db.insert(safetyResponders).values({ organisationId: null, memberId: responder.memberId });
  await responder.goto(`${base}/safety/queue`);
  await expect.poll(() => responder.getByTestId("queue-live").textContent()).toContain("Live:");
  const before = await responder.getByTestId("alert-item").count();
  let reloads = 0;
  responder.on("framenavigated", () => {
    reloads += 1;
  });

  const writer = await member(memberCtx, `noa_${stamp}`);
  const boards = await api<{ items: { id: string; name: string }[] }>(writer, "GET", "/api/boards");
  const newcomers = boards.items.find((b) => b.name === "Newcomers")?.id as string;
  await api(writer, "POST", `/api/boards/${newcomers}/threads`, {
    title: "Tonight",
    body: "I took too many of my meds on purpose.",
  });
  await expect.poll(() => responder.getByTestId("alert-item").count(), { timeout: 5_000 }).toBe(before + 1);
  await expect.poll(() => responder.getByText("A new alert has come in since you opened this page.").count()).toBe(1);
  await expect.poll(() => responder.getByText(`By noa_${stamp}`, { exact: false }).count()).toBe(1);
  expect(reloads).toBe(0);
  await expectAccessible(responder);
  await shot(responder, "05-queue-live");
  expect(errors).toEqual([]);
});

it("shows the instance operator's choices in the audit log, and a responder's open queue stops when the role is taken back", async () => {
  const stamp = Date.now() % 100000;
  const errors: string[] = [];
  const responderCtx = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: "en-US" });
  const modCtx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "es-ES" });
  const responder = await memberFrom(responderCtx, `tam_${stamp}`, "10.20.0.1");
  responder.on("pageerror", (e) => errors.push(e.message));
  const mod = await memberFrom(modCtx, `ines_${stamp}`, "10.20.0.2");
  mod.on("pageerror", (e) => errors.push(e.message));
  // What `npm run admin` runs, against this installation's database.
  await operatorCommand(kinship.database.db, ["community-moderator", "add", `ines_${stamp}`]);
  await operatorCommand(kinship.database.db, ["community-responder", "add", `tam_${stamp}`]);

  await responder.goto(`${base}/safety/queue`);
  await expect.poll(() => responder.getByTestId("queue-live").textContent()).toContain("Live:");

  await mod.goto(`${base}/moderation/audit?scope=community`);
  const rows = mod.getByRole("row").filter({ hasText: "Operador de la instancia" });
  await expect.poll(() => rows.count()).toBe(2);
  await expect.poll(() => rows.filter({ hasText: "Nombró a un moderador de la comunidad" }).count()).toBe(1);
  await expect.poll(() => rows.filter({ hasText: "Nombró a una persona de apoyo de la comunidad" }).count()).toBe(1);
  await expectAccessible(mod);
  await shot(mod, "08-audit-operator-es");

  // The community's moderator takes the responder role back: the open queue stops, without a reload.
  await api(mod, "DELETE", `/api/safety/responders/${responder.memberId}`);
  await expect
    .poll(() =>
      responder.getByText("This queue has stopped: you're not a responder here any more.", { exact: false }).count(),
    )
    .toBe(1);
  expect(await responder.getByTestId("queue-live").count()).toBe(0);
  await expectAccessible(responder);
  await shot(responder, "09-queue-after-role-removed");
  expect(errors).toEqual([]);
});
