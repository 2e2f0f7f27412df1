import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addToGroup, makeGroup, makeMeeting, makeOrganisation } from "../../test/directory-factories.ts";
import { type Agent, buildTestApp, type TestApp } from "../../test/helper.ts";
import { SocketClient, wsUrlOf } from "./test-socket.ts";

let t: TestApp;
let wsUrl: string;
const ORIGIN = "http://kinship.test";
beforeAll(async () => {
  t = await buildTestApp();
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  wsUrl = wsUrlOf(t.app);
});
afterAll(async () => t?.close());

/** Always running: every day, midnight to midnight, in UTC. */
const ALWAYS = {
  mode: "online" as const,
  days: [0, 1, 2, 3, 4, 5, 6],
  startTime: "00:00",
  endTime: "00:00",
  timeZone: "UTC",
};

const count = async (table: string, roomId: string, where = "true") => {
  const result = await t.db.execute(
    sql.raw(`select count(*)::int as n from ${table} where room_id = '${roomId}' and ${where}`),
  );
  return Number((result as unknown as { rows: { n: number }[] }).rows[0]?.n);
};

/** A group with a facilitator and a member, an online meeting running now, and someone from outside. */
async function setting(meeting: Record<string, unknown> = {}) {
  const [fac, member, stranger] = [await t.makeMember(), await t.makeMember(), await t.makeMember()];
  const org = await makeOrganisation(t.db);
  const group = await makeGroup(t.db, org.id, { facilitatorId: fac.id });
  await addToGroup(t.db, group.id, member.id);
  const m = await makeMeeting(t.db, group, { ...ALWAYS, conferenceUrl: "https://meet.example.org/x", ...meeting });
  return { fac, member, stranger, group, meeting: m };
}

async function openRoom(fac: Agent, meetingId: string, body: Record<string, unknown> = {}) {
  const res = await fac.post(`/api/meetings/${meetingId}/room`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().room.id as string;
}

async function connect(agent: Agent) {
  const client = await SocketClient.connect(wsUrl, agent.cookie, ORIGIN);
  await client.nextOf("hello");
  return client;
}

/** Joins and waits for what comes back: a snapshot, the lobby, or an error. */
async function join(client: SocketClient, room: string, extra: Record<string, unknown> = {}) {
  const from = client.messages.length;
  client.send({ type: "join", room, ...extra });
  return client.next((m) => ["snapshot", "lobby", "error"].includes(m.type), { from });
}

/** Sends and waits for the answer: an ack, an error, or (for actions without one) the event it causes. */
async function expectError(client: SocketClient, message: Record<string, unknown>, code: string) {
  const from = client.messages.length;
  client.send(message);
  const answer = await client.next((m) => m.type === "error", { from });
  expect(answer).toMatchObject({ type: "error", code });
  return answer;
}

async function say(client: SocketClient, room: string, id: string, text: string) {
  const from = client.messages.length;
  client.send({ type: "say", room, id, text });
  return client.next((m) => (m.type === "ack" && m.id === id) || (m.type === "error" && m.id === id), { from });
}

/** A room with the facilitator and the member connected and in it. */
async function roomWithTwo(meeting: Record<string, unknown> = {}, open: Record<string, unknown> = {}) {
  const s = await setting(meeting);
  const roomId = await openRoom(s.fac, s.meeting.id, open);
  const f = await connect(s.fac);
  const m = await connect(s.member);
  expect((await join(f, roomId)).type).toBe("snapshot");
  expect((await join(m, roomId)).type).toBe("snapshot");
  return { ...s, roomId, f, m };
}

describe("a meeting's room over HTTP", () => {
  it("shows no room before it opens; only the group's managers may open it, from 30 minutes before", async () => {
    const s = await setting();
    const info = await s.stranger.get(`/api/meetings/${s.meeting.id}/room`);
    expect(info.statusCode).toBe(200);
    expect(info.json()).toMatchObject({ room: null, viewer: { canOpen: false, entry: "not_open" } });
    expect((await s.fac.get(`/api/meetings/${s.meeting.id}/room`)).json().viewer).toMatchObject({
      canOpen: true,
      canManage: true,
    });
    expect((await s.member.get(`/api/meetings/${s.meeting.id}/room`)).json().viewer.canManage).toBe(false);
    expect((await t.anonymous().get(`/api/meetings/${s.meeting.id}/room`)).json().viewer.entry).toBe("sign_in");

    expect((await s.member.post(`/api/meetings/${s.meeting.id}/room`, {})).statusCode).toBe(403);
    expect((await s.stranger.post(`/api/meetings/${s.meeting.id}/room`, {})).statusCode).toBe(403);
    expect((await t.anonymous().post(`/api/meetings/${s.meeting.id}/room`, {})).statusCode).toBe(401);
    const otherFac = await t.makeMember();
    const otherOrg = await makeOrganisation(t.db, { adminId: otherFac.id });
    await makeGroup(t.db, otherOrg.id, { facilitatorId: otherFac.id });
    expect((await otherFac.post(`/api/meetings/${s.meeting.id}/room`, {})).statusCode).toBe(403);

    const opened = await s.fac.post(`/api/meetings/${s.meeting.slug}/room`, { entry: "open", shareSeconds: 180 });
    expect(opened.statusCode).toBe(201);
    expect(opened.json().room).toMatchObject({ status: "open", settings: { entry: "open", shareSeconds: 180 } });
    expect((await s.fac.post(`/api/meetings/${s.meeting.id}/room`, {})).statusCode).toBe(200);
    expect((await s.stranger.get(`/api/meetings/${s.meeting.id}/room`)).json().viewer.entry).toBe("enter");

    const later = await makeMeeting(t.db, s.group, {
      ...ALWAYS,
      days: [],
      onDate: "2099-01-01",
      startTime: "10:00",
      endTime: "11:00",
      conferenceUrl: "https://meet.example.org/y",
    });
    const tooEarly = await s.fac.post(`/api/meetings/${later.id}/room`, {});
    expect(tooEarly.statusCode).toBe(409);
    expect(tooEarly.json().error.message).toMatch(/30 minutes/);
  });

  it("refuses an in-person meeting, bad settings naming the field, and hides members-only meetings", async () => {
    const s = await setting();
    const inPerson = await makeMeeting(t.db, s.group, {
      days: [0, 1, 2, 3, 4, 5, 6],
      startTime: "00:00",
      endTime: "00:00",
      timeZone: "UTC",
    });
    expect((await s.fac.post(`/api/meetings/${inPerson.id}/room`, {})).statusCode).toBe(409);
    for (const [body, field] of [
      [{ entry: "everyone" }, "entry"],
      [{ shareSeconds: 30 }, "shareSeconds"],
      [{ shareSeconds: 99999 }, "shareSeconds"],
      [{ crossTalk: "yes" }, "crossTalk"],
      [{ secret: 1 }, "body"],
    ] as const) {
      const res = await s.fac.post(`/api/meetings/${s.meeting.id}/room`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      if (field !== "body") expect(res.json().error.field).toBe(field);
    }
    expect((await s.fac.get(`/api/meetings/${s.meeting.id}/room`)).json().room).toBeNull();

    const hidden = await makeMeeting(t.db, s.group, {
      ...ALWAYS,
      audience: "members",
      conferenceUrl: "https://meet.example.org/z",
    });
    expect((await s.stranger.get(`/api/meetings/${hidden.id}/room`)).statusCode).toBe(404);
    expect((await s.member.get(`/api/meetings/${hidden.id}/room`)).statusCode).toBe(200);
  });

  it("keeps a group's opening readings and what its rooms keep, for the people who run it", async () => {
    const s = await setting();
    const items = [{ title: "Preamble", body: "We are people who meet to share <b>hope</b>." }];
    const put = await s.fac.put(`/api/groups/${s.group.id}/readings`, { items });
    expect(put.statusCode).toBe(200);
    expect(put.json().items).toMatchObject(items);
    expect((await s.member.get(`/api/groups/${s.group.id}/readings`)).statusCode).toBe(403);
    expect((await s.stranger.put(`/api/groups/${s.group.id}/readings`, { items: [] })).statusCode).toBe(403);
    const bad = await s.fac.put(`/api/groups/${s.group.id}/readings`, { items: [{ title: "", body: "x" }] });
    expect(bad.statusCode).toBe(400);
    expect((await s.fac.get(`/api/groups/${s.group.id}/readings`)).json().items).toHaveLength(1);

    expect((await s.fac.get(`/api/groups/${s.group.id}/room-settings`)).json()).toEqual({ keepMessages: "meeting" });
    expect((await s.fac.put(`/api/groups/${s.group.id}/room-settings`, { keepMessages: "forever" })).statusCode).toBe(
      400,
    );
    expect(
      (await s.member.put(`/api/groups/${s.group.id}/room-settings`, { keepMessages: "reconnect" })).statusCode,
    ).toBe(403);
    expect((await s.fac.put(`/api/groups/${s.group.id}/room-settings`, { keepMessages: "reconnect" })).statusCode).toBe(
      200,
    );
  });
});

describe("the socket endpoint", () => {
  it("refuses an upgrade without a session or from a foreign Origin", async () => {
    const member = await t.makeMember();
    await expect(SocketClient.connect(wsUrl)).rejects.toThrow(/401/);
    await expect(SocketClient.connect(wsUrl, "kinship_session=made-up")).rejects.toThrow(/401/);
    await expect(SocketClient.connect(wsUrl, member.cookie, "https://evil.example")).rejects.toThrow(/403/);
    const ok = await SocketClient.connect(wsUrl, member.cookie, ORIGIN);
    expect(await ok.nextOf("hello")).toEqual({ type: "hello", handle: member.handle });
    ok.close();
  });

  it("answers malformed and unknown messages with an error event, stores nothing, and keeps going", async () => {
    const { roomId, m, f } = await roomWithTwo({}, { crossTalk: true });
    const before = await count("room_events", roomId);
    for (const bad of [
      "not json",
      "{}",
      JSON.stringify({ type: "teleport", room: roomId }),
      JSON.stringify({ type: "say", room: roomId, id: "x" }),
      JSON.stringify({ type: "say", room: "not-a-uuid", id: "x", text: "hi" }),
      JSON.stringify({ type: "say", room: roomId, id: "x", text: "a".repeat(2001) }),
      JSON.stringify({ type: "say", room: roomId, id: "x", text: "   " }),
      JSON.stringify({ type: "react", room: roomId, id: "x", reaction: "thumbs_down" }),
      JSON.stringify({ type: "join", room: roomId, after: -1 }),
    ]) {
      const from = m.messages.length;
      m.send(bad);
      expect((await m.next((x) => x.type === "error", { from })).type).toBe("error");
    }
    const from = m.messages.length;
    m.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await m.next((x) => x.type === "error", { from })).toMatchObject({ code: "invalid" });
    expect(await count("room_events", roomId)).toBe(before);
    // Still fine afterwards, and the other person saw none of it.
    expect(await say(m, roomId, "ok-1", "still here")).toMatchObject({ type: "ack" });
    expect(f.messages.filter((x) => x.type === "error")).toEqual([]);
  });

  it("closes the socket on an oversized frame; nothing is stored and the room goes on", async () => {
    const { roomId, m, f } = await roomWithTwo({}, { crossTalk: true });
    const before = await count("room_events", roomId, "kind = 'message'");
    m.send({ type: "say", room: roomId, id: "big", text: "a".repeat(70 * 1024) });
    expect((await m.whenClosed()).code).toBe(1009);
    expect(await count("room_events", roomId, "kind = 'message'")).toBe(before);
    expect(await say(f, roomId, "after-big", "we carry on")).toMatchObject({ type: "ack" });
  });

  it("slows down a flood, then closes it; other rooms never notice", async () => {
    const a = await roomWithTwo({}, { crossTalk: true });
    const b = await roomWithTwo({}, { crossTalk: true });
    for (let i = 0; i < 200; i++) a.m.send({ type: "hand", room: a.roomId, raised: i % 2 === 0 });
    expect(await a.m.next((x) => x.type === "error" && x.code === "rate_limited")).toBeTruthy();
    expect((await a.m.whenClosed()).code).toBe(1008);
    expect(await say(b.m, b.roomId, "calm", "all calm here")).toMatchObject({ type: "ack" });
    expect(b.f.messages.some((x) => x.type === "error")).toBe(false);
  });

  it("closes a member's sockets at once when they log out", async () => {
    const member = await t.makeMember();
    const client = await connect(member);
    await member.post("/api/auth/logout");
    expect((await client.whenClosed()).code).toBe(4001);
  });
});

describe("a meeting in the room", () => {
  it("runs a share: hand up, the queue in order, the floor, a share, done; no cross-talk but quiet reactions", async () => {
    const { roomId, f, m, member, group } = await roomWithTwo();
    const third = await t.makeMember();
    await addToGroup(t.db, group.id, third.id);
    const c = await connect(third);
    await join(c, roomId);

    expect(await say(m, roomId, "m1", "I want to reply to that")).toMatchObject({ type: "error", code: "forbidden" });
    const from = f.messages.length;
    m.send({ type: "hand", room: roomId, raised: true });
    await f.next((x) => x.type === "event" && x.event.kind === "queue" && x.event.queue.length === 1, { from });
    c.send({ type: "hand", room: roomId, raised: true });
    const queue = await f.next((x) => x.type === "event" && x.event.kind === "queue" && x.event.queue.length === 2, {
      from,
    });
    expect(queue).toMatchObject({ event: { queue: [member.handle, third.handle] } });

    await expectError(m, { type: "floor.give", room: roomId }, "forbidden");
    f.send({ type: "floor.give", room: roomId });
    const floor = await c.nextOf("event", "floor");
    expect(floor).toMatchObject({ event: { floor: { endsAt: null }, queue: [third.handle] } });
    expect(await say(m, roomId, "share-1", "My name is M and today was hard.")).toMatchObject({ type: "ack" });
    const shared = await c.nextOf("event", "message");
    expect(shared).toMatchObject({ event: { kind: "message", text: "My name is M and today was hard.", share: true } });
    expect(await say(c, roomId, "c1", "cross-talk")).toMatchObject({ type: "error", code: "forbidden" });
    c.send({ type: "react", room: roomId, id: "r1", reaction: "thank_you" });
    expect(await f.nextOf("event", "reaction")).toMatchObject({ event: { from: third.handle, reaction: "thank_you" } });
    expect(await say(f, roomId, "f1", "Thank you for sharing.")).toMatchObject({ type: "ack" });

    await expectError(c, { type: "floor.done", room: roomId }, "forbidden");
    const before = m.messages.length;
    m.send({ type: "floor.done", room: roomId });
    expect(await m.next((x) => x.type === "event" && x.event.kind === "floor", { from: before })).toMatchObject({
      event: { floor: null, ended: "done" },
    });
    expect(await say(m, roomId, "m2", "after my share")).toMatchObject({ type: "error", code: "forbidden" });
  });

  it("skips the first in the queue, and allows open chat when cross-talk is on", async () => {
    const { roomId, f, m } = await roomWithTwo();
    m.send({ type: "hand", room: roomId, raised: true });
    await f.nextOf("event", "queue");
    await m.nextOf("event", "queue");
    const from = m.messages.length;
    f.send({ type: "floor.skip", room: roomId });
    expect(await m.next((x) => x.type === "event" && x.event.kind === "queue", { from })).toMatchObject({
      event: { queue: [] },
    });
    await expectError(f, { type: "floor.skip", room: roomId }, "conflict");
    f.send({ type: "settings", room: roomId, crossTalk: true });
    expect(await m.nextOf("event", "settings")).toMatchObject({ event: { settings: { crossTalk: true } } });
    expect(await say(m, roomId, "open-1", "Can I ask about that?")).toMatchObject({ type: "ack" });
  });

  it("says a message with crisis words, never blocked, and tells only its sender who to talk to", async () => {
    const { roomId, f, m } = await roomWithTwo({}, { crossTalk: true });
    expect(await say(m, roomId, "crisis-1", "I want to die. I'm so tired of fighting this.")).toMatchObject({
      type: "ack",
    });
    const notice = await m.next((x) => x.type === "crisis" && x.id === "crisis-1");
    expect(notice).toMatchObject({ room: roomId, crisis: { severity: "high", category: "suicide" } });
    expect((notice as { crisis: { resources: unknown[] } }).crisis.resources.length).toBeGreaterThan(0);
    expect(await f.next((x) => x.type === "event" && x.event.kind === "message")).toMatchObject({
      event: { text: "I want to die. I'm so tired of fighting this." },
    });
    expect(f.messages.some((x) => x.type === "crisis")).toBe(false);
    await say(m, roomId, "calm-1", "That meeting killed me, I laughed so hard.");
    await say(m, roomId, "calm-2", "Thanks everyone.");
    expect(m.messages.filter((x) => x.type === "crisis")).toHaveLength(1);
  });

  it("ends a share gently when the timer runs out", async () => {
    const { roomId, f, m } = await roomWithTwo({}, { shareSeconds: 60 });
    m.send({ type: "hand", room: roomId, raised: true });
    await f.nextOf("event", "queue");
    f.send({ type: "floor.give", room: roomId });
    const given = await m.nextOf("event", "floor");
    const endsAt = (given as { event: { floor: { endsAt: string } } }).event.floor.endsAt;
    expect(new Date(endsAt).getTime() - Date.now()).toBeGreaterThan(55_000);
    const from = m.messages.length;
    await t.app.rooms.live.tick(new Date(Date.now() + 61_000));
    expect(await m.next((x) => x.type === "event" && x.event.kind === "floor", { from })).toMatchObject({
      event: { floor: null, ended: "timer" },
    });
  });

  it("lets a listener in as a count only; a listener cannot post, react or raise a hand", async () => {
    const { roomId, f } = await roomWithTwo({}, { crossTalk: true, entry: "open" });
    const listenerMember = await t.makeMember();
    const l = await connect(listenerMember);
    const from = f.messages.length;
    const snap = await join(l, roomId, { mode: "listener" });
    expect(snap).toMatchObject({ type: "snapshot", state: { me: { mode: "listener" } } });
    const presence = await f.next((x) => x.type === "event" && x.event.kind === "presence", { from });
    expect(presence).toMatchObject({ event: { listeners: 1 } });
    expect(JSON.stringify(f.messages)).not.toContain(listenerMember.handle);
    expect(await say(l, roomId, "l1", "hello")).toMatchObject({ type: "error", code: "forbidden" });
    await expectError(l, { type: "react", room: roomId, id: "l2", reaction: "heart" }, "forbidden");
    await expectError(l, { type: "hand", room: roomId, raised: true }, "forbidden");
    // Listeners cannot be singled out, even by the facilitator.
    await expectError(f, { type: "mute", room: roomId, who: listenerMember.handle, muted: true }, "not_found");
    expect(await say(f, roomId, "f-l", "Welcome, everyone listening.")).toMatchObject({ type: "ack" });
    expect(await l.nextOf("event", "message")).toMatchObject({ event: { text: "Welcome, everyone listening." } });
  });

  it("shows a late arrival nothing said before they came in", async () => {
    const { roomId, f, group } = await roomWithTwo({}, { crossTalk: true });
    await say(f, roomId, "early", "Said before anyone else arrived");
    const late = await t.makeMember();
    await addToGroup(t.db, group.id, late.id);
    const c = await connect(late);
    await join(c, roomId);
    await say(f, roomId, "later", "Said after");
    await c.nextOf("event", "message");
    expect(JSON.stringify(c.messages)).not.toContain("Said before");
  });
});

describe("the lobby and the greeter", () => {
  it("keeps someone from outside the group waiting until a greeter admits them with a welcome", async () => {
    const { roomId, f, m, stranger, member, meeting } = await roomWithTwo({ linkAudience: "admitted" });
    expect((await stranger.get(`/api/meetings/${meeting.id}`)).json().access.conferenceUrl).toBeNull();
    const s = await connect(stranger);
    const from = f.messages.length;
    expect(await join(s, roomId)).toMatchObject({ type: "lobby" });
    const lobby = await f.next((x) => x.type === "event" && x.event.kind === "lobby", { from });
    expect(lobby).toMatchObject({ event: { lobby: [{ handle: stranger.handle, member: false }] } });
    // Someone in the lobby is not in the room yet.
    expect(await say(s, roomId, "s1", "hello?")).toMatchObject({ type: "error", code: "forbidden" });
    // Only hosts see the lobby.
    expect(m.events().some((x) => x.event.kind === "lobby")).toBe(false);
    await expectError(m, { type: "admit", room: roomId, who: stranger.handle }, "forbidden");

    const before = m.messages.length;
    f.send({ type: "greeter", room: roomId, who: member.handle, greeter: true });
    const snap = await m.next((x) => x.type === "snapshot", { from: before });
    expect(snap).toMatchObject({ state: { me: { role: "greeter" }, lobby: [{ handle: stranger.handle }] } });

    m.send({ type: "admit", room: roomId, who: stranger.handle, welcome: "Welcome, we're glad you're here." });
    expect(await s.nextOf("event", "admitted")).toMatchObject({ event: { text: "Welcome, we're glad you're here." } });
    const inside = await s.nextOf("snapshot");
    expect(inside).toMatchObject({ state: { me: { handle: stranger.handle, role: "participant" } } });
    expect(await f.nextOf("event", "welcome")).toMatchObject({ event: { who: stranger.handle, by: member.handle } });
    // Admitted: now the meeting's link (shown only to people admitted) is theirs.
    expect((await stranger.get(`/api/meetings/${meeting.id}`)).json().access.conferenceUrl).toBe(
      "https://meet.example.org/x",
    );
    // And after a dropped connection they come straight back in.
    s.cut();
    const again = await connect(stranger);
    expect(await join(again, roomId)).toMatchObject({ type: "snapshot" });
  });

  it("lets group members straight in, and in a members-only room refuses everyone else", async () => {
    const s = await setting();
    const roomId = await openRoom(s.fac, s.meeting.id, { entry: "members" });
    const before = await count("room_members", roomId);
    const c = await connect(s.stranger);
    expect(await join(c, roomId)).toMatchObject({ type: "error", code: "forbidden" });
    expect(await count("room_members", roomId)).toBe(before);
    expect(await join(await connect(s.member), roomId)).toMatchObject({ type: "snapshot" });
  });

  it("does not let anyone outside the group know a members-only meeting's room exists", async () => {
    const s = await setting({ audience: "members" });
    const roomId = await openRoom(s.fac, s.meeting.id, { entry: "open" });
    expect(await join(await connect(s.stranger), roomId)).toMatchObject({ type: "error", code: "not_found" });
    const c = await connect(s.stranger);
    await expectError(c, { type: "say", room: roomId, id: "x", text: "hi" }, "forbidden");
  });

  it("refuses newcomers while the room is locked, but lets people already admitted back in", async () => {
    const { roomId, f, member } = await roomWithTwo({}, { entry: "open" });
    f.send({ type: "settings", room: roomId, locked: true });
    await f.nextOf("event", "settings");
    const newcomer = await t.makeMember();
    expect(await join(await connect(newcomer), roomId)).toMatchObject({ type: "error", code: "forbidden" });
    expect(await join(await connect(member), roomId)).toMatchObject({ type: "snapshot" });
  });
});

describe("facilitator tools", () => {
  it("only the facilitator mutes, removes, locks, hands on the role, gives the floor or closes", async () => {
    const { roomId, m, fac } = await roomWithTwo();
    for (const message of [
      { type: "floor.give", room: roomId },
      { type: "floor.skip", room: roomId },
      { type: "settings", room: roomId, locked: true },
      { type: "mute", room: roomId, who: fac.handle, muted: true },
      { type: "remove", room: roomId, who: fac.handle, reason: "no" },
      { type: "greeter", room: roomId, who: fac.handle, greeter: true },
      { type: "handover", room: roomId, to: fac.handle },
      { type: "close", room: roomId },
      { type: "reading", room: roomId, id: "r", reading: "00000000-0000-4000-8000-000000000000" },
    ]) {
      await expectError(m, message, "forbidden");
    }
    expect((await m.whenClosed(10).catch(() => null)) === null).toBe(true);
    const info = await t.anonymous().get(`/api/rooms/${roomId}/close`);
    expect(info.statusCode).toBe(404);
  });

  it("mutes a participant: no messages and no hand until unmuted", async () => {
    const { roomId, f, m, member } = await roomWithTwo({}, { crossTalk: true });
    f.send({ type: "mute", room: roomId, who: member.handle, muted: true });
    await m.next((x) => x.type === "event" && x.event.kind === "presence" && x.event.present.some((p) => p.muted));
    expect(await say(m, roomId, "muted-1", "hello")).toMatchObject({ type: "error", code: "forbidden" });
    await expectError(m, { type: "hand", room: roomId, raised: true }, "forbidden");
    f.send({ type: "mute", room: roomId, who: member.handle, muted: false });
    await m.next((x) => x.type === "event" && x.event.kind === "presence" && !x.event.present.some((p) => p.muted));
    expect(await say(m, roomId, "muted-2", "thank you")).toMatchObject({ type: "ack" });
  });

  it("decides every message on the room as it is now, even right after the same person spoke", async () => {
    const { roomId, f, m, member } = await roomWithTwo({}, { crossTalk: true });
    const presence = (muted: boolean) =>
      m.next(
        (x) => x.type === "event" && x.event.kind === "presence" && x.event.present.some((p) => p.muted) === muted,
        {
          from: m.messages.length,
        },
      );
    expect(await say(m, roomId, "w1", "first")).toMatchObject({ type: "ack" });

    let seen = presence(true);
    f.send({ type: "mute", room: roomId, who: member.handle, muted: true });
    await seen;
    expect(await say(m, roomId, "w2", "muted now")).toMatchObject({
      type: "error",
      code: "forbidden",
      message: "A facilitator has muted you for now.",
    });
    seen = presence(false);
    f.send({ type: "mute", room: roomId, who: member.handle, muted: false });
    await seen;
    expect(await say(m, roomId, "w3", "back")).toMatchObject({ type: "ack" });

    const settings = m.next((x) => x.type === "event" && x.event.kind === "settings", { from: m.messages.length });
    f.send({ type: "settings", room: roomId, crossTalk: false });
    await settings;
    expect(await say(m, roomId, "w4", "cross-talk")).toMatchObject({
      type: "error",
      code: "forbidden",
      message: "This meeting has no cross-talk. Raise your hand to share, or send a quiet reaction.",
    });
    const floor = m.next((x) => x.type === "event" && x.event.kind === "floor", { from: m.messages.length });
    f.send({ type: "floor.give", room: roomId, to: member.handle });
    await floor;
    expect(await say(m, roomId, "w5", "my share")).toMatchObject({ type: "ack" });
    expect(await f.nextOf("event", "message")).toMatchObject({ event: { text: "first" } });
    const shared = await f.next((x) => x.type === "event" && x.event.kind === "message" && x.event.text === "my share");
    expect(shared).toMatchObject({ event: { share: true } });
    const ended = m.next((x) => x.type === "event" && x.event.kind === "floor", { from: m.messages.length });
    f.send({ type: "floor.done", room: roomId });
    await ended;
    expect(await say(m, roomId, "w6", "after my share")).toMatchObject({ type: "error", code: "forbidden" });

    expect(await join(m, roomId, { mode: "listener" })).toMatchObject({ type: "snapshot" });
    expect(await say(m, roomId, "w7", "listening")).toMatchObject({
      type: "error",
      code: "forbidden",
      message: "You're listening only. To take part, join as a participant.",
    });
    // Only what was allowed was stored.
    expect(await count("room_events", roomId, "kind = 'message'")).toBe(3);
  });

  it("removes someone with a recorded reason; they cannot come back into the same meeting", async () => {
    const { roomId, f, m, member, fac, stranger, meeting } = await roomWithTwo();
    f.send({ type: "remove", room: roomId, who: member.handle, reason: "Shared another member's story outside." });
    expect(await m.next((x) => x.type === "left")).toMatchObject({ reason: "removed" });
    expect(await join(m, roomId)).toMatchObject({ type: "error", code: "forbidden" });
    expect(await join(await connect(member), roomId)).toMatchObject({ type: "error", code: "forbidden" });
    await expectError(m, { type: "say", room: roomId, id: "back", text: "let me in" }, "forbidden");
    const removals = await fac.get(`/api/meetings/${meeting.id}/room/removals`);
    expect(removals.json().items).toMatchObject([
      { handle: member.handle, by: fac.handle, reason: "Shared another member's story outside." },
    ]);
    expect((await member.get(`/api/meetings/${meeting.id}/room/removals`)).statusCode).toBe(403);
    expect((await stranger.get(`/api/meetings/${meeting.id}/room/removals`)).statusCode).toBe(403);
    expect((await f.nextOf("event", "presence")).type).toBe("event");
    expect(JSON.stringify(f.messages)).not.toContain("Shared another member's story");

    // The removed member's export holds the record (not who removed them); the facilitator's does not.
    const mine = (await member.get("/api/me/export")).json().rooms;
    expect(mine.removals).toMatchObject([
      { meetingId: meeting.id, reason: "Shared another member's story outside.", at: expect.any(String) },
    ]);
    expect(JSON.stringify(mine)).not.toContain(fac.handle);
    expect((await fac.get("/api/me/export")).json().rooms).toEqual({ removals: [] });
    // Deleting the account deletes the record with it.
    expect((await member.delete("/api/me", { passphrase: member.passphrase })).statusCode).toBe(204);
    const left = await t.db.execute(sql`select count(*)::int as n from room_removals where member_id = ${member.id}`);
    expect((left as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(0);
  });

  it("hands the facilitator role on to someone present (rotating leadership)", async () => {
    const { roomId, f, m, member, fac } = await roomWithTwo();
    await expectError(f, { type: "handover", room: roomId, to: "nobody_here" }, "not_found");
    f.send({ type: "handover", room: roomId, to: member.handle });
    expect(await m.nextOf("snapshot", undefined, 2)).toMatchObject({ state: { me: { role: "facilitator" } } });
    f.send({ type: "hand", room: roomId, raised: true });
    await m.nextOf("event", "queue");
    m.send({ type: "floor.give", room: roomId });
    expect(await f.nextOf("event", "floor")).toMatchObject({ event: { floor: { handle: fac.handle } } });
  });

  it("posts the group's opening readings into the room", async () => {
    const { roomId, f, m, fac, group } = await roomWithTwo();
    const put = await fac.put(`/api/groups/${group.id}/readings`, {
      items: [{ title: "How it works", body: "Read slowly." }],
    });
    const reading = put.json().items[0].id as string;
    f.send({ type: "reading", room: roomId, id: "read-1", reading });
    expect(await m.nextOf("event", "reading")).toMatchObject({
      event: { title: "How it works", body: "Read slowly." },
    });
  });
});

describe("reconnection without loss", () => {
  it("stores a retried send once and acknowledges it with the same number", async () => {
    const { roomId, f, m } = await roomWithTwo({}, { crossTalk: true });
    const first = await say(m, roomId, "same-id", "once");
    const again = await say(m, roomId, "same-id", "once");
    expect(again).toEqual(first);
    const texts = (await t.db.execute(
      sql.raw(`select count(*)::int as n from room_events where room_id='${roomId}' and kind='message'`),
    )) as unknown as { rows: { n: number }[] };
    expect(texts.rows[0]?.n).toBe(1);
    void f;
  });

  it("resumes from the last number seen after connections are cut in the middle of a burst", async () => {
    const { roomId, f, m, member, fac } = await roomWithTwo({}, { crossTalk: true });
    const watcher = f;
    const total = 40;
    const sent: string[] = [];
    // The sender's socket is cut halfway; it reconnects and resends what was not acknowledged.
    let sender = m;
    const acked = new Set<string>();
    for (let i = 0; i < total; i++) {
      const id = `burst-${i}`;
      sent.push(id);
      sender.send({ type: "say", room: roomId, id, text: `message ${i}` });
      await new Promise((r) => setTimeout(r, 40)); // a fast typist, within the rate limit
      if (i === 12) watcher.cut();
      if (i === 25) {
        sender.cut();
        for (const x of sender.messages) if (x.type === "ack") acked.add(x.id);
        sender = await connect(member);
        await join(sender, roomId, { after: 0 });
        for (const id2 of sent) {
          if (!acked.has(id2)) sender.send({ type: "say", room: roomId, id: id2, text: `message ${id2.slice(6)}` });
        }
      }
    }
    await sender.next((x) => x.type === "ack" && x.id === `burst-${total - 1}`, { timeoutMs: 10_000 });

    // The watcher comes back with the last number it saw.
    const seen = watcher.events(roomId);
    const lastSeq = Math.max(...watcher.messages.map((x) => (x.type === "event" || x.type === "snapshot" ? x.seq : 0)));
    const back = await connect(fac);
    const snap = await join(back, roomId, { after: lastSeq });
    expect(snap.type).toBe("snapshot");
    await back.next(
      (x) => x.type === "event" && x.event.kind === "message" && x.event.text === `message ${total - 1}`,
      { timeoutMs: 10_000 },
    );
    const all = [...seen, ...back.events(roomId)];
    const messages = all.filter((x) => x.event.kind === "message").map((x) => (x.event as { text: string }).text);
    expect(messages).toEqual(Array.from({ length: total }, (_, i) => `message ${i}`));
    const seqs = all.map((x) => x.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
  });
});

describe("confidential by default", () => {
  it("deletes what was said and who was there when the facilitator closes the room", async () => {
    const { roomId, f, m, stranger, fac: facilitator, meeting } = await roomWithTwo({}, { crossTalk: true });
    await say(m, roomId, "c-1", "Something I only say here.");
    expect(await count("room_events", roomId)).toBeGreaterThan(0);
    expect((await stranger.post(`/api/rooms/${roomId}/close`)).statusCode).toBe(403);
    f.send({ type: "close", room: roomId });
    expect(await m.next((x) => x.type === "left")).toMatchObject({ reason: "closed" });
    expect(await f.next((x) => x.type === "left")).toMatchObject({ reason: "closed" });
    expect(await count("room_events", roomId)).toBe(0);
    expect(await count("room_members", roomId)).toBe(0);
    expect(await count("room_connections", roomId)).toBe(0);
    const info = (await facilitator.get(`/api/meetings/${meeting.id}/room`)).json();
    expect(info.room.status).toBe("closed");
    expect(info.viewer.canOpen).toBe(true);
    expect(await join(m, roomId)).toMatchObject({ type: "error", code: "conflict" });
  });

  it("closes and purges a room by itself once its meeting is over", async () => {
    const { roomId, m } = await roomWithTwo({}, { crossTalk: true });
    await say(m, roomId, "p-1", "Kept only while the meeting runs.");
    await t.app.rooms.live.tick(new Date(Date.now() + 2 * 86_400_000));
    expect(await m.next((x) => x.type === "left")).toMatchObject({ reason: "closed" });
    expect(await count("room_events", roomId)).toBe(0);
    expect(await count("room_members", roomId)).toBe(0);
  });

  it("in a group that keeps nothing, forgets messages once reconnection no longer needs them", async () => {
    const s = await setting();
    await s.fac.put(`/api/groups/${s.group.id}/room-settings`, { keepMessages: "reconnect" });
    const roomId = await openRoom(s.fac, s.meeting.id, { crossTalk: true });
    const f = await connect(s.fac);
    await join(f, roomId);
    await say(f, roomId, "k-1", "Gone soon.");
    await t.app.rooms.live.tick(new Date(Date.now() + 3 * 60_000));
    const left = (await t.db.execute(
      sql.raw(`select count(*)::int as n from room_events where room_id='${roomId}' and kind='message'`),
    )) as unknown as { rows: { n: number }[] };
    expect(left.rows[0]?.n).toBe(0);
    const again = await connect(s.fac);
    expect(await join(again, roomId, { after: 0 })).toMatchObject({ type: "snapshot", gap: true });
  });
});
