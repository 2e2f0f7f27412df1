import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addToGroup, makeGroup, makeMeeting, makeOrganisation } from "../../test/directory-factories.ts";
import { buildTestApp, type TestApp } from "../../test/helper.ts";
import { SocketClient, wsUrlOf } from "../rooms/test-socket.ts";

/*
 * Block and mute reach live rooms: what a blocked or muted member says, reacts or welcomes with
 * never reaches the one who blocked them (live, or when they come back), from the moment they
 * block, on whichever node; the blocked member is never told, and everyone else hears as before.
 */

let t: TestApp;
let wsUrl: string;
type Member = Awaited<ReturnType<TestApp["makeMember"]>>;
const ORIGIN = "http://kinship.test";

beforeAll(async () => {
  t = await buildTestApp();
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  wsUrl = wsUrlOf(t.app);
});
afterAll(async () => t?.close());

async function connect(agent: Member) {
  const client = await SocketClient.connect(wsUrl, agent.cookie, ORIGIN);
  await client.nextOf("hello");
  return client;
}
async function join(client: SocketClient, room: string, after?: number) {
  const from = client.messages.length;
  client.send({ type: "join", room, ...(after === undefined ? {} : { after }) });
  return client.next((m) => ["snapshot", "lobby", "error"].includes(m.type), { from });
}
async function say(client: SocketClient, room: string, id: string, text: string) {
  const from = client.messages.length;
  client.send({ type: "say", room, id, text });
  return client.next((m) => (m.type === "ack" || m.type === "error") && m.id === id, {
    from,
  });
}
const texts = (c: SocketClient, room: string) =>
  c
    .events(room)
    .filter((e) => e.event.kind === "message")
    .map((e) => (e.event as { text: string }).text);

/** A cross-talk room with a facilitator, the blocker, the one they block, and a bystander, all in. */
async function room() {
  const [fac, blocker, blocked, bystander] = await Promise.all(Array.from({ length: 4 }, () => t.makeMember()));
  const members = {
    fac: fac as Member,
    blocker: blocker as Member,
    blocked: blocked as Member,
    bystander: bystander as Member,
  };
  const org = await makeOrganisation(t.db);
  const group = await makeGroup(t.db, org.id, { facilitatorId: members.fac.id });
  for (const m of [members.blocker, members.blocked, members.bystander]) await addToGroup(t.db, group.id, m.id);
  const meeting = await makeMeeting(t.db, group, {
    mode: "online",
    days: [0, 1, 2, 3, 4, 5, 6],
    startTime: "00:00",
    endTime: "00:00",
    timeZone: "UTC",
    conferenceUrl: "https://meet.example.org/blocks",
  });
  const opened = await members.fac.post(`/api/meetings/${meeting.id}/room`, { crossTalk: true });
  expect(opened.statusCode, opened.body).toBe(201);
  const roomId = opened.json().room.id as string;
  const sockets = {
    fac: await connect(members.fac),
    blocker: await connect(members.blocker),
    blocked: await connect(members.blocked),
    bystander: await connect(members.bystander),
  };
  for (const c of Object.values(sockets)) expect((await join(c, roomId)).type).toBe("snapshot");
  return { ...members, roomId, sockets };
}

describe("blocks and mutes in live rooms", () => {
  it("keeps a blocked member's words from the blocker at once, and no one else notices", async () => {
    const r = await room();
    const { sockets: s, roomId } = r;
    await say(s.blocked, roomId, "b-1", "Before the block.");
    await s.blocker.next(
      (m) => m.type === "event" && m.event.kind === "message" && m.event.text === "Before the block.",
    );

    // Bad input and a handle that is not there change nothing.
    expect((await r.blocker.put(`/api/me/blocks/${r.blocked.handle}`, { kind: "ignore" })).statusCode).toBe(400);
    expect((await r.blocker.put("/api/me/blocks/no-such-member-here", { kind: "block" })).statusCode).toBe(404);
    await say(s.blocked, roomId, "b-2", "Still heard.");
    await s.blocker.next((m) => m.type === "event" && m.event.kind === "message" && m.event.text === "Still heard.");

    expect((await r.blocker.put(`/api/me/blocks/${r.blocked.handle}`, { kind: "block" })).statusCode).toBe(204);
    // The blocked member speaks and reacts as ever: acknowledged, never told.
    const ack = await say(s.blocked, roomId, "b-3", "Zebrafish words after the block.");
    expect(ack.type).toBe("ack");
    s.blocked.send({ type: "react", room: roomId, id: "b-r", reaction: "heart" });
    await s.blocked.next((m) => m.type === "ack" && m.id === "b-r");
    // Others hear both; a message after it reaches the blocker, so anything before it would have too.
    await s.bystander.next((m) => m.type === "event" && m.event.kind === "reaction");
    await say(s.fac, roomId, "f-1", "Thank you all.");
    for (const c of [s.blocker, s.bystander, s.blocked]) {
      await c.next((m) => m.type === "event" && m.event.kind === "message" && m.event.text === "Thank you all.");
    }
    expect(texts(s.bystander, roomId)).toContain("Zebrafish words after the block.");
    expect(texts(s.blocker, roomId)).toEqual(["Before the block.", "Still heard.", "Thank you all."]);
    expect(JSON.stringify(s.blocker.messages)).not.toContain("Zebrafish");
    expect(s.blocker.events(roomId).some((e) => e.event.kind === "reaction")).toBe(false);
    expect(s.blocked.messages.filter((m) => m.type === "error")).toEqual([]);

    // Coming back after a drop: what was missed is replayed without their words.
    const last = Math.max(...s.blocker.events(roomId).map((e) => e.seq));
    s.blocker.cut();
    await say(s.blocked, roomId, "b-4", "Zebrafish words while away.");
    await say(s.bystander, roomId, "y-1", "Said while you were away.");
    const again = await connect(r.blocker);
    expect((await join(again, roomId, last - 1)).type).toBe("snapshot");
    await again.next(
      (m) => m.type === "event" && m.event.kind === "message" && m.event.text === "Said while you were away.",
    );
    expect(JSON.stringify(again.messages)).not.toContain("Zebrafish");

    // Unblocking lets their words through again, from the next one.
    expect((await r.blocker.delete(`/api/me/blocks/${r.blocked.handle}`)).statusCode).toBe(204);
    await say(s.blocked, roomId, "b-5", "Heard again.");
    await again.next((m) => m.type === "event" && m.event.kind === "message" && m.event.text === "Heard again.");
    for (const c of [again, ...Object.values(s)]) c.close();
  });

  it("treats a mute the same in rooms; the muted member still hears the one who muted them", async () => {
    const r = await room();
    const { sockets: s, roomId } = r;
    expect((await r.blocker.put(`/api/me/blocks/${r.blocked.handle}`, { kind: "mute" })).statusCode).toBe(204);
    await say(s.blocked, roomId, "m-1", "Zebrafish from the muted one.");
    await say(s.blocker, roomId, "m-2", "Hello from the one who muted.");
    await s.blocked.next(
      (m) => m.type === "event" && m.event.kind === "message" && m.event.text === "Hello from the one who muted.",
    );
    await say(s.fac, roomId, "m-3", "Closing words.");
    await s.blocker.next((m) => m.type === "event" && m.event.kind === "message" && m.event.text === "Closing words.");
    expect(JSON.stringify(s.blocker.messages)).not.toContain("Zebrafish");
    expect(texts(s.fac, roomId)).toContain("Zebrafish from the muted one.");
    for (const c of Object.values(s)) c.close();
  });
});
