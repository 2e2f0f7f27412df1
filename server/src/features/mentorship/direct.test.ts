import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forumModerators, memberTrust, partnerships, safetyResponders } from "../../db/schema.ts";
import { addToGroup, makeGroup, makeOrganisation } from "../../test/directory-factories.ts";
import { type Agent, buildTestApp, type TestApp } from "../../test/helper.ts";
import { SocketClient, wsUrlOf } from "../rooms/test-socket.ts";

// Direct conversations outside a mentorship: the same conversation machinery, opened only when the
// member written to allowed it (no one, by default), never across a block, not by a new account.

let t: TestApp;
let wsUrl: string;
let orgId: string;
beforeAll(async () => {
  t = await buildTestApp();
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  wsUrl = wsUrlOf(t.app);
  const admin = await t.makeMember();
  orgId = (await makeOrganisation(t.db, { adminId: admin.id })).id;
});
afterAll(async () => t?.close());

type Member = Awaited<ReturnType<TestApp["makeMember"]>>;
const NOT_OPEN = "This member isn't open to direct messages from you right now.";

/** A member past the newcomer limits (trust level 1). */
async function established() {
  const m = await t.makeMember();
  await t.db.insert(memberTrust).values({ memberId: m.id, level: 1, reason: "An established member in these tests." });
  return m;
}
async function together(...people: Member[]) {
  const group = await makeGroup(t.db, orgId);
  for (const p of people) await addToGroup(t.db, group.id, p.id);
}
const partners = (a: Member, b: Member) =>
  t.db.insert(partnerships).values({ requesterId: a.id, partnerId: b.id, status: "active", acceptedAt: new Date() });
const count = async (table: string, where = "true") => {
  const result = await t.db.execute(sql.raw(`select count(*)::int as n from ${table} where ${where}`));
  return Number((result as unknown as { rows: { n: number }[] }).rows[0]?.n);
};
const start = (from: Agent, handle: string) => from.post("/api/direct-conversations", { handle });
const allow = (who: Agent, value: string) => who.put("/api/me/direct-messages", { allow: value });
const say = (who: Agent, id: string, text: string, clientId = `${Date.now()}-${Math.random()}`) =>
  who.post(`/api/mentorships/${id}/messages`, { id: clientId, text });

describe("who may write to me", () => {
  it("is no one by default; then people in my groups, or only my accountability partners", async () => {
    const [ana, ben, cy] = [await established(), await established(), await established()];
    expect((await ana.get("/api/me/direct-messages")).json()).toEqual({ allow: "nobody" });
    await together(ana, ben);
    const refused = await start(ben, ana.handle);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toBe(NOT_OPEN);

    expect((await allow(ana, "groups")).json()).toEqual({ allow: "groups" });
    expect((await start(cy, ana.handle)).statusCode).toBe(403); // no group in common
    const opened = await start(ben, ana.handle);
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json()).toMatchObject({ kind: "direct", status: "active", other: { handle: ana.handle } });
    expect(opened.json().can).toMatchObject({ message: true, end: false, share: false, proposeHandoff: false });
    // Asking again opens the same conversation, from either side.
    expect((await start(ben, ana.handle)).json().id).toBe(opened.json().id);
    expect(await count("mentorships", `kind = 'direct' and '${ana.id}' in (mentor_id, mentee_id)`)).toBe(1);

    // Only partners: a group member may not start one; a partner may.
    expect((await allow(cy, "partners")).statusCode).toBe(200);
    await together(ana, cy);
    expect((await start(ana, cy.handle)).statusCode).toBe(403);
    await partners(cy, ben);
    expect((await start(ben, cy.handle)).statusCode).toBe(200);
  });

  it("refuses bad input and changes nothing", async () => {
    const ana = await established();
    for (const body of [{ allow: "everyone" }, {}, { allow: "groups", extra: 1 }]) {
      expect((await ana.put("/api/me/direct-messages", body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await ana.get("/api/me/direct-messages")).json()).toEqual({ allow: "nobody" });
    const before = await count("mentorships", "kind = 'direct'");
    for (const body of [{}, { handle: "" }, { handle: "x".repeat(65) }, { handle: "a", extra: true }]) {
      expect((await ana.post("/api/direct-conversations", body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await start(ana, ana.handle)).statusCode).toBe(400);
    const unknown = await start(ana, "nobody-by-this-name");
    expect(unknown.statusCode).toBe(403);
    expect(unknown.json().error.message).toBe(NOT_OPEN);
    expect((await t.anonymous().post("/api/direct-conversations", { handle: ana.handle })).statusCode).toBe(401);
    expect((await t.anonymous().get("/api/me/direct-messages")).statusCode).toBe(401);
    expect(await count("mentorships", "kind = 'direct'")).toBe(before);
  });

  it("a new account cannot start one until trust allows, and hears why", async () => {
    const ana = await established();
    await allow(ana, "groups");
    const fresh = await t.makeMember();
    await together(ana, fresh);
    const res = await start(fresh, ana.handle);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toMatch(/new accounts can start direct messages/);
    expect(await count("mentorships", `mentor_id = '${fresh.id}'`)).toBe(0);
  });

  it("a block closes it both ways, and the blocked member hears only what anyone refused hears", async () => {
    const [ana, ben] = [await established(), await established()];
    await allow(ana, "groups");
    await together(ana, ben);
    const id = (await start(ben, ana.handle)).json().id;
    expect((await say(ben, id, "Hi Ana, good to see you at the meeting.")).statusCode).toBe(201);
    expect((await say(ana, id, "You too!")).statusCode).toBe(201);
    await ana.request("PUT", `/api/me/blocks/${ben.handle}`, { kind: "block" });
    const refused = await start(ben, ana.handle);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toBe(NOT_OPEN);
    const sent = await say(ben, id, "Hello?");
    expect(sent.statusCode).toBe(409);
    expect(sent.json().error.message).not.toMatch(/block/i);
    expect((await say(ana, id, "One more thing")).statusCode).toBe(409);
    expect(await count("mentorship_messages", `mentorship_id = '${id}'`)).toBe(2);
  });

  it("closes to the starter when the other changes their mind; the other may still answer", async () => {
    const [ana, ben] = [await established(), await established()];
    await allow(ana, "partners");
    await partners(ana, ben);
    const id = (await start(ben, ana.handle)).json().id;
    expect((await say(ben, id, "Checking in after today.")).statusCode).toBe(201);
    await allow(ana, "nobody");
    expect((await say(ben, id, "Are you there?")).statusCode).toBe(409);
    expect((await say(ana, id, "I'm here, just needed a quiet evening.")).statusCode).toBe(201);
  });
});

describe("starting many conversations", () => {
  it("is limited per day, and a refused start stores nothing", async () => {
    const ben = await established();
    const others = await Promise.all(Array.from({ length: 11 }, established));
    for (const o of others) {
      await allow(o, "partners");
      await partners(o, ben);
    }
    const statuses = [];
    for (const o of others) statuses.push((await start(ben, o.handle)).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses[10]).toBe(429);
    expect(await count("mentorships", `mentor_id = '${ben.id}' and kind = 'direct'`)).toBe(10);
    // An existing conversation still opens.
    expect((await start(ben, others[0]?.handle as string)).statusCode).toBe(200);
  });
});

describe("a direct conversation", () => {
  it("is real time, read only by its two people, refuses floods and long messages, and can be reported", async () => {
    const [ana, ben, stranger, moderator, orgAdmin] = await Promise.all(Array.from({ length: 5 }, established));
    await t.db.insert(forumModerators).values({ memberId: moderator.id });
    await makeOrganisation(t.db, { adminId: orgAdmin.id });
    await allow(ana, "groups");
    await together(ana, ben);
    const conversation = (await start(ben, ana.handle)).json();
    const id = conversation.id as string;
    const anaWs = await SocketClient.connect(wsUrl, ana.cookie, "http://kinship.test");
    try {
      await anaWs.nextOf("hello");
      anaWs.send({ type: "dm.watch" });
      await anaWs.next((m) => (m.type as string) === "dm.watching");
      expect((await say(ben, id, "Want to walk to Thursday's meeting together?")).statusCode).toBe(201);
      const got = (await anaWs.next((m) => (m.type as string) === "dm.message")) as unknown as {
        message: { text: string; mine: boolean };
      };
      expect(got.message).toMatchObject({ text: "Want to walk to Thursday's meeting together?", mine: false });
    } finally {
      anaWs.ws.close();
    }
    // Ana's list of direct conversations (not her mentorships) shows it, unread.
    expect((await ana.get("/api/direct-conversations")).json().items).toEqual([
      expect.objectContaining({ id, kind: "direct", unread: 1, other: { handle: ben.handle } }),
    ]);
    expect((await ana.get("/api/mentorships")).json().items).toEqual([]);
    expect((await say(ana, id, "Yes please!")).statusCode).toBe(201);
    expect((await ben.get(`/api/mentorships/${id}/messages`)).json().items).toHaveLength(2);

    // No one else reads it: not a member, not a moderator without a report, not another organisation's admin.
    for (const who of [stranger, moderator, orgAdmin]) {
      expect((await who.get(`/api/mentorships/${id}/messages`)).statusCode).toBe(404);
      expect((await who.get(`/api/mentorships/${id}`)).statusCode).toBe(404);
      expect((await say(who, id, "hi")).statusCode).toBe(404);
      expect((await who.get("/api/direct-conversations")).json().items).toEqual([]);
    }
    // A conversation has no end, shares or hand-off: a block is how to close it.
    expect((await ana.post(`/api/mentorships/${id}/end`, { note: "Bye" })).statusCode).toBe(409);
    expect((await ana.put(`/api/mentorships/${id}/shares`, { items: ["goals"] })).statusCode).toBe(403);
    expect((await ana.post(`/api/mentorships/${id}/handoff`)).statusCode).toBe(409);

    // Too long, then a flood: refused, nothing lost.
    expect((await say(ben, id, "x".repeat(4001))).statusCode).toBe(400);
    let status = 0;
    let sent = 0;
    for (let i = 0; i < 70 && status !== 429; i++) {
      status = (await say(ben, id, `note ${i}`, `flood-${i}`)).statusCode;
      if (status === 201) sent++;
    }
    expect(status).toBe(429);
    expect(await count("mentorship_messages", `mentorship_id = '${id}'`)).toBe(2 + sent);

    // Reported like a mentorship's conversation: to the community's moderators, only what was chosen.
    const seqs = (await ana.get(`/api/mentorships/${id}/messages?limit=3`))
      .json()
      .items.map((m: { seq: number }) => m.seq);
    const report = await ana.post(`/api/mentorships/${id}/reports`, { reason: "spam", seqs: [seqs[2]] });
    expect(report.statusCode, report.body).toBe(201);
    const detail = (await moderator.get(`/api/moderation/reports/direct_message/${report.json().id}`)).json();
    expect(detail.context).toHaveLength(1);
    expect(detail.subject.handle).toBe(ben.handle);
    expect((await orgAdmin.get(`/api/moderation/reports/direct_message/${report.json().id}`)).statusCode).toBe(404);
  });

  it("screens for crisis words: the sender sees crisis lines, responders get an alert, a harmless phrase does nothing", async () => {
    const [ana, ben, responder] = [await established(), await established(), await established()];
    await t.db.insert(safetyResponders).values({ organisationId: null, memberId: responder.id });
    await allow(ana, "partners");
    await partners(ana, ben);
    const id = (await start(ben, ana.handle)).json().id;
    const harmless = await say(ben, id, "That meeting killed me, I laughed so hard.");
    expect(harmless.json()).not.toHaveProperty("crisis");
    expect(await count("safety_alerts", `author_id = '${ben.id}'`)).toBe(0);
    const heavy = await say(ben, id, "I'm 60 days sober and today I just want to die.");
    expect(heavy.statusCode).toBe(201);
    expect(heavy.json().crisis).toMatchObject({ severity: "high" });
    expect(await count("safety_alerts", `author_id = '${ben.id}' and source = 'direct_message'`)).toBe(1);
  });

  it("never counts toward a mentor's capacity", async () => {
    const [ana, ben] = [await established(), await established()];
    await allow(ana, "partners");
    await partners(ana, ben);
    await start(ben, ana.handle);
    expect(await count("mentorships", `mentor_id = '${ben.id}' and kind = 'direct' and status = 'active'`)).toBe(1);
    expect((await ben.get("/api/mentor-profile")).json()).toMatchObject({ activeMentees: 0, helped: 0 });
  });
});

describe("the member's data", () => {
  it("has the setting and the conversations in the export, and both go with the account", async () => {
    const [ana, ben] = [await established(), await established()];
    await allow(ana, "partners");
    await partners(ana, ben);
    const id = (await start(ben, ana.handle)).json().id;
    await say(ben, id, "See you Thursday.");
    await say(ana, id, "See you then.");
    const mine = (await ana.get("/api/me/export")).json().mentorship.direct;
    expect(mine.allow).toBe("partners");
    expect(mine.conversations).toEqual([expect.objectContaining({ id, otherHandle: ben.handle, startedByMe: false })]);
    expect(mine.conversations[0].messages.map((m: { text: string }) => m.text)).toEqual([
      "See you Thursday.",
      "See you then.",
    ]);
    expect((await ben.get("/api/me/export")).json().mentorship.direct.conversations[0].startedByMe).toBe(true);

    expect((await ana.request("DELETE", "/api/me", { passphrase: ana.passphrase })).statusCode).toBe(204);
    expect(await count("direct_message_settings", `member_id = '${ana.id}'`)).toBe(0);
    expect(await count("mentorships", `id = '${id}'`)).toBe(0);
    expect(await count("mentorship_messages", `mentorship_id = '${id}'`)).toBe(0);
    expect((await ben.get("/api/direct-conversations")).json().items).toEqual([]);
  });
});

describe("the count of unread messages (the badge by Mentors)", () => {
  const unread = async (who: Agent) => {
    const res = await who.get("/api/me/messages/count");
    expect(res.statusCode).toBe(200);
    return res.json().unread as number;
  };

  it("counts only others' messages after my marker, in my conversations, and goes down when I read", async () => {
    const [ana, ben, cy] = [await established(), await established(), await established()];
    await together(ana, ben);
    await allow(ana, "groups");
    const id = (await start(ben, ana.handle)).json().id as string;
    expect(await unread(ana)).toBe(0);
    await say(ben, id, "Are you coming on Thursday?");
    const last = (await say(ben, id, "No worries if not.")).json().seq as number;
    await say(ana, id, "Yes!"); // my own message never counts for me
    expect(await unread(ana)).toBe(2);
    expect(await unread(ben)).toBe(1);
    // Someone outside the conversation learns nothing from it.
    expect(await unread(cy)).toBe(0);
    expect((await ana.post(`/api/mentorships/${id}/read`, { seq: last })).statusCode).toBe(204);
    expect(await unread(ana)).toBe(0);
    expect(await unread(ben)).toBe(1);
  });

  it("asks who is signed in", async () => {
    expect((await t.anonymous("10.77.0.1").get("/api/me/messages/count")).statusCode).toBe(401);
  });
});
