import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forumModerators, safetyResponders } from "../../db/schema.ts";
import { addToGroup, makeGroup, makeOrganisation } from "../../test/directory-factories.ts";
import { buildTestApp, type TestApp } from "../../test/helper.ts";

let t: TestApp;
type Member = Awaited<ReturnType<TestApp["makeMember"]>>;
let author: Member;
let communityResponder: Member;
let communityResponder2: Member;
let orgAdmin: Member;
let orgResponder: Member;
let otherAdmin: Member;
let otherResponder: Member;
let stranger: Member;
let moderator: Member;
let orgId: string;
let otherOrgId: string;
let groupId: string;
let newcomersId: string;

const HIGH = "I'm 60 days sober and today I just want to die.";
const BENIGN = "That meeting killed me, I laughed so hard at the secretary's jokes.";

const count = async (table: string, where = "true") => {
  const rows = await t.db.execute(sql.raw(`select count(*)::int as n from ${table} where ${where}`));
  return Number((rows as unknown as { rows: { n: number }[] }).rows[0]?.n);
};

beforeAll(async () => {
  t = await buildTestApp();
  [
    author,
    communityResponder,
    communityResponder2,
    orgAdmin,
    orgResponder,
    otherAdmin,
    otherResponder,
    stranger,
    moderator,
  ] = await Promise.all(Array.from({ length: 9 }, () => t.makeMember()));
  await t.db.insert(forumModerators).values({ memberId: moderator.id });
  orgId = (await makeOrganisation(t.db, { adminId: orgAdmin.id })).id;
  otherOrgId = (await makeOrganisation(t.db, { adminId: otherAdmin.id })).id;
  const group = await makeGroup(t.db, orgId);
  groupId = group.id;
  await addToGroup(t.db, groupId, author.id);
  await t.db.insert(safetyResponders).values([
    { organisationId: null, memberId: communityResponder.id },
    { organisationId: null, memberId: communityResponder2.id },
    { organisationId: orgId, memberId: orgResponder.id },
    { organisationId: otherOrgId, memberId: otherResponder.id },
  ]);
  const boards = (await author.get("/api/boards")).json().items as { id: string; name: string }[];
  newcomersId = boards.find((b) => b.name === "Newcomers")?.id as string;
});
afterAll(async () => t?.close());

describe("crisis lines", () => {
  it("gives a country's lines first, then the international fallback, each with its source", async () => {
    const res = await t.anonymous().get("/api/crisis-lines?country=us");
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { name: string; phone?: string; source: string }[];
    expect(items[0]).toMatchObject({ name: "988 Suicide & Crisis Lifeline", phone: "988" });
    expect(items.at(-1)?.source).toMatch(/^https:\/\//);
    expect(items.every((i) => i.source.startsWith("https://"))).toBe(true);
  });

  it("falls back kindly for a country it does not cover, and refuses a code that is not one", async () => {
    const unknown = (await t.anonymous().get("/api/crisis-lines?country=ZZ")).json().items;
    expect(unknown.length).toBeGreaterThan(0);
    expect(unknown[0].url).toBe("https://findahelpline.com/");
    const bad = await t.anonymous().get("/api/crisis-lines?country=Spain");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe("invalid");
  });

  it("covers at least 20 countries", async () => {
    const directory = (await t.anonymous().get("/api/crisis-lines/directory")).json();
    expect(directory.items.length).toBeGreaterThanOrEqual(20);
    for (const c of directory.items) expect(c.lines.length).toBeGreaterThan(0);
  });
});

describe("screening before posting", () => {
  it("answers with the severity and the lines of the writer's country, and keeps nothing", async () => {
    const before = await count("safety_alerts");
    const res = await author.post(
      "/api/safety/screen",
      { text: "Quiero morirme, ya no aguanto más esta recaída." },
      { "accept-language": "es-MX,es;q=0.9" },
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().crisis).toMatchObject({ severity: "high", category: "suicide" });
    expect(res.json().crisis.resources[0].name).toMatch(/SAPTEL/);
    expect(await count("safety_alerts")).toBe(before);
  });

  it("takes the country the web client sends while someone is still writing, signed in or not", async () => {
    const res = await t.anonymous().post("/api/safety/screen", { text: HIGH, country: "ES" });
    expect(res.statusCode).toBe(200);
    expect(res.json().crisis.severity).toBe("high");
    expect(res.json().crisis.resources.map((l: { name: string }) => l.name)).toContain("Teléfono de la Esperanza");
    expect((await author.post("/api/safety/screen", { text: HIGH, country: "Spain" })).statusCode).toBe(400);
    expect((await author.post("/api/safety/screen", { text: "x".repeat(20_001) })).statusCode).toBe(400);
  });

  it("answers null for the same words used in a way that is not a crisis", async () => {
    const res = await t.anonymous().post("/api/safety/screen", { text: BENIGN, lang: "en" });
    expect(res.json()).toEqual({ crisis: null });
  });

  it("refuses a body without text, or with fields it doesn't know", async () => {
    expect((await author.post("/api/safety/screen", {})).statusCode).toBe(400);
    expect((await author.post("/api/safety/screen", { text: "x", extra: 1 })).statusCode).toBe(400);
    expect((await author.post("/api/safety/screen", { text: "x", lang: "fr" })).statusCode).toBe(400);
  });
});

describe("a crisis in a community post", () => {
  let alertId: string;
  let threadId: string;

  it("is posted, never blocked, and the answer carries the crisis lines", async () => {
    const res = await author.post(`/api/boards/${newcomersId}/threads`, { title: "Rough night", body: HIGH });
    expect(res.statusCode).toBe(201);
    threadId = res.json().id;
    expect(res.json().crisis).toMatchObject({ severity: "high", category: "suicide" });
    expect(res.json().crisis.resources.length).toBeGreaterThan(0);
    const benign = await author.post(`/api/threads/${threadId}/replies`, { body: BENIGN });
    expect(benign.statusCode).toBe(201);
    expect(benign.json()).not.toHaveProperty("crisis");
  });

  it("reaches the community's responders, and no one else", async () => {
    const queue = (await communityResponder.get("/api/safety/alerts")).json().items;
    const alert = queue.find((a: { author: string }) => a.author === author.handle);
    expect(alert).toMatchObject({ severity: "high", rule: "en.suicide.intent", status: "open", source: "forum_post" });
    expect(alert.excerpt).toBeNull(); // the queue never carries anyone's words
    expect(alert.link).toContain(`/threads/${threadId}`);
    alertId = alert.id;
    const others = (await orgResponder.get("/api/safety/alerts")).json().items;
    expect(others.some((a: { id: string }) => a.id === alertId)).toBe(false);
    expect((await orgResponder.get(`/api/safety/alerts/${alertId}`)).statusCode).toBe(404);
    expect((await orgResponder.post(`/api/safety/alerts/${alertId}/claim`)).statusCode).toBe(404);
    expect((await stranger.get("/api/safety/alerts")).statusCode).toBe(403);
    expect((await t.anonymous().get("/api/safety/alerts")).statusCode).toBe(401);
  });

  it("shows the matched sentence to a responder who opens it, audited and in the author's access log", async () => {
    const res = await communityResponder.get(`/api/safety/alerts/${alertId}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().excerpt).toBe(HIGH);
    const log = (await author.get("/api/me/access-log")).json().items as { viewer: { role: string } }[];
    expect(log.some((e) => e.viewer.role === "responder")).toBe(true);
  });

  it("is claimed by one responder, who reaches out privately; the author answers", async () => {
    const claim = await communityResponder.post(`/api/safety/alerts/${alertId}/claim`);
    expect(claim.statusCode).toBe(200);
    expect(claim.json()).toMatchObject({ status: "claimed", mine: true, claimedBy: communityResponder.handle });
    expect((await communityResponder2.post(`/api/safety/alerts/${alertId}/claim`)).statusCode).toBe(409);
    const notMine = await communityResponder2.post(`/api/safety/alerts/${alertId}/messages`, { body: "Hi" });
    expect(notMine.statusCode).toBe(403);
    // Before anyone writes, the author has no conversation.
    expect((await author.get(`/api/safety/alerts/${alertId}/conversation`)).statusCode).toBe(404);

    const hello = "Hi, I'm one of the community's trained responders. I read your post. Can we talk?";
    const sent = await communityResponder.post(`/api/safety/alerts/${alertId}/messages`, { body: hello });
    expect(sent.statusCode).toBe(201);
    const reachOuts = (await author.get("/api/safety/reach-outs")).json().items;
    expect(reachOuts).toMatchObject([{ alertId, open: true }]);
    const mine = (await author.get(`/api/safety/alerts/${alertId}/conversation`)).json();
    expect(mine.items).toMatchObject([{ from: communityResponder.handle, responder: true, body: hello }]);
    const answer = await author.post(`/api/safety/alerts/${alertId}/messages`, { body: "Thank you. Yes." });
    expect(answer.statusCode).toBe(201);
    expect(answer.json().items).toHaveLength(2);
    expect((await stranger.get(`/api/safety/alerts/${alertId}/conversation`)).statusCode).toBe(404);
    expect((await stranger.post(`/api/safety/alerts/${alertId}/messages`, { body: "x" })).statusCode).toBe(404);
    expect((await author.post(`/api/safety/alerts/${alertId}/messages`, { body: " " })).statusCode).toBe(400);
  });

  it("is closed with an outcome by the responder who took it; the words are not kept; every step is audited", async () => {
    expect(
      (await communityResponder2.post(`/api/safety/alerts/${alertId}/close`, { outcome: "reached_safe" })).statusCode,
    ).toBe(403);
    expect((await communityResponder.post(`/api/safety/alerts/${alertId}/close`, { outcome: "fine" })).statusCode).toBe(
      400,
    );
    const closed = await communityResponder.post(`/api/safety/alerts/${alertId}/close`, {
      outcome: "referred_professional",
      note: "Connected with the 988 line together; checking in tomorrow.",
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: "closed", outcome: "referred_professional", excerpt: null });
    expect(await count("safety_alerts", `id = '${alertId}' and excerpt is not null`)).toBe(0);
    const audit = (await communityResponder2.get(`/api/safety/alerts/${alertId}/audit`)).json().items as {
      action: string;
    }[];
    expect(audit.map((a) => a.action)).toEqual([
      "created",
      "viewed",
      "claimed",
      "reached_out",
      "author_replied",
      "closed",
    ]);
    expect((await orgResponder.get(`/api/safety/alerts/${alertId}/audit`)).statusCode).toBe(404);
    const late = await author.post(`/api/safety/alerts/${alertId}/messages`, { body: "One more thing" });
    expect(late.statusCode).toBe(409);
    const history = (await communityResponder.get("/api/safety/alerts?status=closed")).json().items;
    expect(history.some((a: { id: string }) => a.id === alertId)).toBe(true);
  });
});

describe("a crisis on a group's board", () => {
  it("goes to the group's organisation's responders only, and an anonymous author stays anonymous", async () => {
    const board = (await author.get(`/api/groups/${groupId}/board`)).json();
    const res = await author.post(`/api/boards/${board.id}/threads`, {
      title: "Tonight",
      body: "He's hitting me again and I locked myself in the bathroom.",
      anonymous: true,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().crisis).toMatchObject({ severity: "high", category: "danger" });
    const mine = (await orgResponder.get("/api/safety/alerts")).json().items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ category: "danger", author: "Anonymous member" });
    const other = (await otherResponder.get("/api/safety/alerts")).json().items;
    expect(other).toHaveLength(0);
    const community = (await communityResponder.get("/api/safety/alerts")).json().items;
    expect(community.some((a: { id: string }) => a.id === mine[0].id)).toBe(false);
    expect((await otherResponder.get(`/api/safety/alerts/${mine[0].id}`)).statusCode).toBe(404);
    expect(JSON.stringify(mine)).not.toContain(author.handle);
  });
});

describe("a crisis in a check-in", () => {
  it("answers with the lines and alerts community responders without the check-in's words", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const res = await stranger.post("/api/checkins", {
      date: today,
      mood: 1,
      craving: 5,
      note: "I took too many of my meds on purpose.",
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().crisis).toMatchObject({ severity: "high", category: "overdose" });
    const queue = (await communityResponder.get("/api/safety/alerts")).json().items;
    const alert = queue.find((a: { author: string }) => a.author === stranger.handle);
    expect(alert).toMatchObject({ source: "checkin", place: "A private check-in", link: null });
    const opened = (await communityResponder.get(`/api/safety/alerts/${alert.id}`)).json();
    expect(opened.excerpt).toBeNull();
    const plain = await stranger.put(`/api/checkins/${today}`, { mood: 4, craving: 1, note: "Good day." });
    expect(plain.statusCode).toBe(200);
    expect(plain.json()).not.toHaveProperty("crisis");
  });
});

describe("granting responders", () => {
  it("lets an organisation's admin grant and take back the role, and no one else", async () => {
    const grant = await orgAdmin.post("/api/safety/responders", { handle: stranger.handle, organisationId: orgId });
    expect(grant.statusCode).toBe(201);
    expect(grant.json().items.map((r: { handle: string }) => r.handle)).toContain(stranger.handle);
    expect(
      (await orgAdmin.post("/api/safety/responders", { handle: stranger.handle, organisationId: orgId })).statusCode,
    ).toBe(409);
    expect(
      (await otherAdmin.post("/api/safety/responders", { handle: author.handle, organisationId: orgId })).statusCode,
    ).toBe(403);
    expect((await otherAdmin.get(`/api/safety/responders?organisation=${orgId}`)).statusCode).toBe(403);
    expect(
      (await orgResponder.post("/api/safety/responders", { handle: author.handle, organisationId: orgId })).statusCode,
    ).toBe(403);
    expect(
      (await orgAdmin.post("/api/safety/responders", { handle: "nobody-by-that-name", organisationId: orgId }))
        .statusCode,
    ).toBe(400);
    expect(
      (await orgAdmin.post("/api/safety/responders", { handle: author.handle, organisationId: "nope" })).statusCode,
    ).toBe(400);
    const missing = "00000000-0000-4000-8000-000000000000";
    expect(
      (await orgAdmin.post("/api/safety/responders", { handle: author.handle, organisationId: missing })).statusCode,
    ).toBe(404);
    const revoke = await orgAdmin.delete(`/api/safety/responders/${stranger.id}?organisation=${orgId}`);
    expect(revoke.statusCode).toBe(204);
    expect((await orgAdmin.delete(`/api/safety/responders/${stranger.id}?organisation=${orgId}`)).statusCode).toBe(404);
  });

  it("lets a community moderator grant community responders; an organisation admin may not", async () => {
    expect(
      (await orgAdmin.post("/api/safety/responders", { handle: author.handle, organisationId: null })).statusCode,
    ).toBe(403);
    const res = await moderator.post("/api/safety/responders", { handle: orgAdmin.handle, organisationId: null });
    expect(res.statusCode).toBe(201);
    const me = (await orgAdmin.get("/api/safety/me")).json();
    expect(me.responder).toContainEqual({ organisationId: null, name: "Community" });
    expect(me.admin).toContainEqual(expect.objectContaining({ organisationId: orgId }));
  });
});

describe("the member's data", () => {
  it("exports the alerts their words raised and the conversations, and deletion takes them", async () => {
    const data = (await author.get("/api/me/export")).json();
    expect(data.safety.alerts.length).toBeGreaterThanOrEqual(2);
    expect(data.safety.messages.map((m: { body: string }) => m.body)).toContain("Thank you. Yes.");
    const leaving = await t.makeMember();
    await leaving.post(`/api/boards/${newcomersId}/threads`, { title: "Help", body: HIGH });
    expect(await count("safety_alerts", `author_id = '${leaving.id}'`)).toBe(1);
    const res = await leaving.delete("/api/me", { passphrase: leaving.passphrase });
    expect(res.statusCode).toBe(204);
    expect(await count("safety_alerts", `author_id = '${leaving.id}'`)).toBe(0);
  });
});
