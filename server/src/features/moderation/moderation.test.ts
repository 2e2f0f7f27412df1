import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_MEMBERS, seedDemo } from "../../db/demo.ts";
import { forumModerators, memberTrust } from "../../db/schema.ts";
import { addToGroup, makeGroup, makeMeeting, makeOrganisation } from "../../test/directory-factories.ts";
import { type Agent, buildTestApp, type TestApp } from "../../test/helper.ts";
import { SocketClient, wsUrlOf } from "../rooms/test-socket.ts";
import { isBlocked } from "./blocks.ts";
import { mayStartDirectMessages } from "./trust.ts";

let t: TestApp;
let wsUrl: string;
type Member = Awaited<ReturnType<TestApp["makeMember"]>>;
let newcomersId: string;
let modA: Member;
let modB: Member;

beforeAll(async () => {
  t = await buildTestApp();
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  wsUrl = wsUrlOf(t.app);
  modA = await established();
  modB = await established();
  await t.db.insert(forumModerators).values([{ memberId: modA.id }, { memberId: modB.id }]);
  const boards = (await modA.get("/api/boards")).json().items as { id: string; name: string }[];
  newcomersId = boards.find((b) => b.name === "Newcomers")?.id as string;
});
afterAll(async () => t?.close());

/** A member past the newcomer limits. */
async function established() {
  const m = await t.makeMember();
  await t.db.insert(memberTrust).values({ memberId: m.id, level: 1, reason: "An established member in these tests." });
  return m;
}

const count = async (table: string, where = "true") => {
  const rows = await t.db.execute(sql.raw(`select count(*)::int as n from ${table} where ${where}`));
  return Number((rows as unknown as { rows: { n: number }[] }).rows[0]?.n);
};

async function thread(who: Agent, boardId: string, body = "Some days are easier than others.") {
  const res = await who.post(`/api/boards/${boardId}/threads`, { title: "Finding my feet", body });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  const page = (await who.get(`/api/threads/${id}`)).json();
  return { id, postId: page.posts[0].id as string };
}

async function reportPost(who: Agent, postId: string, reason = "harassment") {
  const res = await who.post(`/api/posts/${postId}/reports`, { reason, note: "This felt like a personal attack." });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describe("code of conduct", () => {
  it("asks a member once, stores the acceptance with its time, and refuses a stale version", async () => {
    const m = await t.makeMember();
    expect((await m.get("/api/me/conduct")).json()).toMatchObject({ needsAcceptance: true, acceptedAt: null });
    const stale = await m.put("/api/me/conduct", { version: "1999-01" });
    expect(stale.statusCode).toBe(409);
    expect(await count("conduct_acceptances", `member_id = '${m.id}'`)).toBe(0);
    expect((await m.put("/api/me/conduct", {})).statusCode).toBe(400);
    const version = (await m.get("/api/me/conduct")).json().version;
    const ok = await m.put("/api/me/conduct", { version });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      needsAcceptance: false,
      acceptedVersion: version,
      acceptedAt: expect.any(String),
    });
    expect((await t.anonymous().get("/api/me/conduct")).statusCode).toBe(401);
  });
});

describe("a reported post, hidden, appealed and decided", () => {
  it("runs the whole journey with a different moderator deciding the appeal", async () => {
    const author = await established();
    const reporter = await established();
    const bystander = await established();
    const th = await thread(author, newcomersId, "Words someone found hurtful.");
    const reportId = await reportPost(reporter, th.postId);

    // The queue shows it; the detail shows the post in context and the account's history.
    const queue = (await modA.get("/api/moderation/queue?scope=community")).json().items;
    expect(queue.find((i: { id: string }) => i.id === reportId)).toMatchObject({
      type: "post",
      reason: "harassment",
      subjectHandle: author.handle,
    });
    const detail = await modA.get(`/api/moderation/reports/post/${reportId}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({
      status: "reviewing",
      subject: { handle: author.handle, anonymous: false },
      postId: th.postId,
      priorActions: [],
    });
    expect(detail.json().context.at(-1)).toMatchObject({ text: "Words someone found hurtful.", reported: true });
    // The reporter sees their report in review; the author sees the moderator's look in their access log.
    expect((await reporter.get("/api/forums/reports")).json().items[0]).toMatchObject({
      id: reportId,
      status: "reviewing",
    });
    const access = (await author.get("/api/me/access-log")).json().items;
    expect(access[0]).toMatchObject({
      viewer: { handle: modA.handle, role: "moderator" },
      recordType: "reported_post",
    });

    // Bad action input changes nothing.
    for (const body of [
      { kind: "hide", reason: "", report: { type: "post", id: reportId } },
      { kind: "explode", reason: "x", report: { type: "post", id: reportId } },
      { kind: "mute", reason: "Please take a breather.", report: { type: "post", id: reportId } },
      { kind: "hide", reason: "x", report: { type: "post", id: reportId }, extra: 1 },
    ]) {
      const res = await modA.post("/api/moderation/actions", body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(await count("moderation_actions", `member_id = '${author.id}'`)).toBe(0);
    expect(
      (
        await reporter.post("/api/moderation/actions", {
          kind: "hide",
          reason: "x",
          report: { type: "post", id: reportId },
        })
      ).statusCode,
    ).toBe(404);

    // Hide it with a reason.
    const hide = await modA.post("/api/moderation/actions", {
      kind: "hide",
      reason: "It named another member in an unkind way.",
      report: { type: "post", id: reportId },
    });
    expect(hide.statusCode, hide.body).toBe(201);
    const action = hide.json();
    expect(action).toMatchObject({ kind: "hide", memberHandle: author.handle, scope: "community" });
    expect(
      (
        await modA.post("/api/moderation/actions", {
          kind: "hide",
          reason: "again",
          report: { type: "post", id: reportId },
        })
      ).statusCode,
    ).toBe(409);

    // Everyone else sees no words; the author sees the words and why; moderators see the words.
    const seen = (who: Agent) => who.get(`/api/threads/${th.id}`).then((r) => r.json().posts[0]);
    const other = await seen(bystander);
    expect(other).toMatchObject({ moderated: { reason: null } });
    expect(other.body).toBeUndefined();
    expect(other.html).toBeUndefined();
    expect((await bystander.get(`/api/posts/${th.postId}`)).json().body).toBeUndefined();
    expect(JSON.stringify(await bystander.get(`/api/search?q=hurtful`).then((r) => r.json()))).not.toContain(th.postId);
    expect(await seen(author)).toMatchObject({
      body: "Words someone found hurtful.",
      moderated: { reason: "It named another member in an unkind way." },
    });
    expect(await seen(modA)).toMatchObject({ body: "Words someone found hurtful." });
    expect((await reporter.get("/api/forums/reports")).json().items[0].status).toBe("resolved");

    // The member's notices: the reason, never the moderator.
    const notices = (await author.get("/api/me/notices")).json().items;
    expect(notices[0]).toMatchObject({ id: action.id, kind: "hide", canAppeal: true, post: { threadId: th.id } });
    expect(JSON.stringify(notices)).not.toContain(modA.handle);
    expect((await bystander.get("/api/me/notices")).json().items).toEqual([]);

    // Appeal: bad input, someone else's, then the real one, once.
    expect((await author.post(`/api/me/notices/${action.id}/appeal`, { note: "" })).statusCode).toBe(400);
    expect((await bystander.post(`/api/me/notices/${action.id}/appeal`, { note: "mine?" })).statusCode).toBe(404);
    const appeal = await author.post(`/api/me/notices/${action.id}/appeal`, {
      note: "I meant it kindly; I'll reword it.",
    });
    expect(appeal.statusCode).toBe(201);
    expect((await author.post(`/api/me/notices/${action.id}/appeal`, { note: "again" })).statusCode).toBe(409);

    // The moderator who acted may not decide; a second one does.
    const open = (await modA.get("/api/moderation/appeals?scope=community")).json().items;
    expect(open.find((a: { id: string }) => a.id === appeal.json().id)).toMatchObject({ canDecide: false });
    const same = await modA.post(`/api/moderation/appeals/${appeal.json().id}/decision`, {
      decision: "overturned",
      note: "x",
    });
    expect(same.statusCode).toBe(403);
    expect(
      (await bystander.post(`/api/moderation/appeals/${appeal.json().id}/decision`, { decision: "upheld", note: "x" }))
        .statusCode,
    ).toBe(404);
    expect(
      (await modB.post(`/api/moderation/appeals/${appeal.json().id}/decision`, { decision: "maybe", note: "x" }))
        .statusCode,
    ).toBe(400);
    const decided = await modB.post(`/api/moderation/appeals/${appeal.json().id}/decision`, {
      decision: "overturned",
      note: "Read in context it was kind. Thank you for explaining.",
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ status: "overturned" });
    expect(
      (await modB.post(`/api/moderation/appeals/${appeal.json().id}/decision`, { decision: "upheld", note: "x" }))
        .statusCode,
    ).toBe(409);

    // The member sees the decision; the post shows again.
    expect((await author.get("/api/me/notices")).json().items[0]).toMatchObject({
      active: false,
      appeal: { status: "overturned", decisionNote: "Read in context it was kind. Thank you for explaining." },
    });
    expect((await seen(bystander)).body).toBe("Words someone found hurtful.");

    // The audit log has every step, for the community's admins.
    const audit = (await modB.get("/api/moderation/audit?scope=community"))
      .json()
      .items.map((e: { event: string }) => e.event);
    expect(audit).toEqual(expect.arrayContaining(["viewed_report", "action_hide", "appeal_overturned"]));
    expect((await bystander.get("/api/moderation/audit?scope=community")).statusCode).toBe(404);
  });

  it("hides the thread's title with its opening post, from lists and search too, but not from its author or moderators", async () => {
    const author = await established();
    const replier = await established();
    const bystander = await established();
    const res = await author.post(`/api/boards/${newcomersId}/threads`, {
      title: "Rumour about a named member",
      body: "Unkind words about someone.",
    });
    const threadId = res.json().id as string;
    const openingId = (await author.get(`/api/threads/${threadId}`)).json().posts[0].id as string;
    const reply = await replier.post(`/api/threads/${threadId}/replies`, {
      body: "Let's keep kindness here, zanzibarish.",
    });
    expect(reply.statusCode, reply.body).toBe(201);
    expect((await bystander.put(`/api/threads/${threadId}/follow`, {})).statusCode).toBe(204);
    const reportId = await reportPost(replier, openingId);
    const hide = await modA.post("/api/moderation/actions", {
      kind: "hide",
      reason: "It named another member.",
      report: { type: "post", id: reportId },
    });
    expect(hide.statusCode, hide.body).toBe(201);

    const page = (who: Agent) => who.get(`/api/threads/${threadId}`).then((r) => r.json().thread);
    expect(await page(bystander)).toMatchObject({ title: "", titleHidden: true });
    expect(await page(author)).toMatchObject({ title: "Rumour about a named member", titleHidden: false });
    expect(await page(modA)).toMatchObject({ title: "Rumour about a named member", titleHidden: false });
    const listed = (who: Agent) =>
      who.get(`/api/boards/${newcomersId}/threads`).then((r) => r.json().items.map((i: { id: string }) => i.id));
    expect(await listed(bystander)).not.toContain(threadId);
    expect(await listed(author)).toContain(threadId);
    expect(await listed(modA)).toContain(threadId);
    const following = await bystander.get("/api/forums/following").then((r) => r.json());
    expect(following.threads).toEqual([]);
    const search = await bystander.get("/api/search?q=zanzibarish").then((r) => r.json());
    expect(search.items).toMatchObject([{ threadId, threadTitle: "", titleHidden: true }]);
    expect(JSON.stringify(search)).not.toContain("Rumour");
  });

  it("refuses a report of a post the reporter cannot see (404) and lists nothing for a non-moderator", async () => {
    const admin = await established();
    const org = await makeOrganisation(t.db, { adminId: admin.id });
    const group = await makeGroup(t.db, org.id, { membership: "closed" });
    const insider = await established();
    await addToGroup(t.db, group.id, insider.id);
    const board = (await insider.get(`/api/groups/${group.id}/board`)).json();
    const th = await thread(insider, board.id);
    const outsider = await established();
    expect((await outsider.post(`/api/posts/${th.postId}/reports`, { reason: "spam" })).statusCode).toBe(404);
    expect((await outsider.get("/api/moderation/queue?scope=community")).statusCode).toBe(404);
    expect((await outsider.get("/api/moderation/scopes")).json().items).toEqual([]);
    expect((await outsider.get("/api/moderation/queue?scope=nope")).statusCode).toBe(400);
  });
});

describe("queues per organisation", () => {
  it("sends a group board's report to its organisation; another organisation's moderator sees nothing of it", async () => {
    const adminA = await established();
    const adminB = await established();
    const orgA = await makeOrganisation(t.db, { adminId: adminA.id });
    const orgB = await makeOrganisation(t.db, { adminId: adminB.id });
    const group = await makeGroup(t.db, orgA.id);
    const [writer, reader] = [await established(), await established()];
    await addToGroup(t.db, group.id, writer.id);
    await addToGroup(t.db, group.id, reader.id);
    const board = (await writer.get(`/api/groups/${group.id}/board`)).json();
    const th = await thread(writer, board.id);
    const reportId = await reportPost(reader, th.postId, "spam");

    const scopesA = (await adminA.get("/api/moderation/scopes")).json().items;
    expect(scopesA).toEqual([expect.objectContaining({ scope: orgA.id, admin: true, openReports: 1 })]);
    expect((await adminA.get(`/api/moderation/queue?scope=${orgA.id}`)).json().items[0]).toMatchObject({
      id: reportId,
    });
    expect((await adminB.get(`/api/moderation/queue?scope=${orgA.id}`)).statusCode).toBe(404);
    expect((await adminB.get(`/api/moderation/reports/post/${reportId}`)).statusCode).toBe(404);
    expect((await modA.get(`/api/moderation/reports/post/${reportId}`)).statusCode).toBe(404);
    expect((await adminB.get(`/api/moderation/queue?scope=${orgB.id}`)).json().items).toEqual([]);
    const cross = await adminB.post("/api/moderation/actions", {
      kind: "warn",
      reason: "x",
      report: { type: "post", id: reportId },
    });
    expect(cross.statusCode).toBe(404);
    expect((await adminB.get(`/api/moderation/audit?scope=${orgA.id}`)).statusCode).toBe(404);
    expect(await count("moderation_actions", `member_id = '${writer.id}'`)).toBe(0);

    // An organisation admin names a moderator, who works the queue but does not read the audit log.
    expect((await reader.put("/api/moderation/moderators", { scope: orgA.id, handle: reader.handle })).statusCode).toBe(
      404,
    );
    expect((await adminA.put("/api/moderation/moderators", { scope: orgA.id, handle: "nobody-here" })).statusCode).toBe(
      404,
    );
    const named = await adminA.put("/api/moderation/moderators", { scope: orgA.id, handle: reader.handle });
    expect(named.statusCode).toBe(200);
    expect(named.json().items).toEqual(
      expect.arrayContaining([
        { handle: reader.handle, admin: false },
        { handle: adminA.handle, admin: true },
      ]),
    );
    expect((await reader.get(`/api/moderation/queue?scope=${orgA.id}`)).statusCode).toBe(200);
    expect((await reader.get(`/api/moderation/audit?scope=${orgA.id}`)).statusCode).toBe(403);
    expect((await reader.put("/api/moderation/moderators", { scope: orgA.id, handle: writer.handle })).statusCode).toBe(
      403,
    );
    const warned = await reader.post("/api/moderation/actions", {
      kind: "warn",
      reason: "Please keep adverts off the group board.",
      report: { type: "post", id: reportId },
    });
    expect(warned.statusCode).toBe(201);
    expect(
      (await adminA.get(`/api/moderation/audit?scope=${orgA.id}`)).json().items.map((e: { event: string }) => e.event),
    ).toEqual(expect.arrayContaining(["moderator_named", "action_warn"]));
    const removed = await adminA.delete(`/api/moderation/moderators/${orgA.id}/${reader.handle}`);
    expect(removed.statusCode).toBe(200);
    expect((await reader.get(`/api/moderation/queue?scope=${orgA.id}`)).statusCode).toBe(404);
  });

  it("lets community moderators name another, but never remove the last one", async () => {
    const m = await established();
    expect((await m.put("/api/moderation/moderators", { scope: "community", handle: m.handle })).statusCode).toBe(404);
    expect((await modA.put("/api/moderation/moderators", { scope: "community", handle: m.handle })).statusCode).toBe(
      200,
    );
    expect(
      (await m.get("/api/moderation/moderators?scope=community")).json().items.map((x: { handle: string }) => x.handle),
    ).toContain(m.handle);
    expect((await modA.delete(`/api/moderation/moderators/community/${m.handle}`)).statusCode).toBe(200);
    expect((await m.get("/api/moderation/queue?scope=community")).statusCode).toBe(404);
  });
});

describe("reports of members", () => {
  it("takes a member report to the community, or to the group's organisation; refuses what the reporter cannot see", async () => {
    const [a, b] = [await established(), await established()];
    const before = await count("moderation_reports");
    expect((await a.post(`/api/members/${b.handle}/reports`, { reason: "nonsense" })).statusCode).toBe(400);
    expect((await a.post(`/api/members/${a.handle}/reports`, { reason: "spam" })).statusCode).toBe(403);
    expect((await a.post("/api/members/no-such-member/reports", { reason: "spam" })).statusCode).toBe(404);
    const admin = await established();
    const org = await makeOrganisation(t.db, { adminId: admin.id });
    const group = await makeGroup(t.db, org.id);
    await addToGroup(t.db, group.id, b.id);
    expect(
      (await a.post(`/api/members/${b.handle}/reports`, { reason: "harassment", groupId: group.id })).statusCode,
    ).toBe(404);
    expect(await count("moderation_reports")).toBe(before);
    await addToGroup(t.db, group.id, a.id);
    const inGroup = await a.post(`/api/members/${b.handle}/reports`, {
      reason: "harassment",
      note: "Messages after the meeting.",
      groupId: group.id,
    });
    expect(inGroup.statusCode).toBe(201);
    const community = await a.post(`/api/members/${b.handle}/reports`, { reason: "spam" });
    expect(community.statusCode).toBe(201);
    expect(
      (await admin.get(`/api/moderation/queue?scope=${org.id}`)).json().items.map((i: { id: string }) => i.id),
    ).toEqual([inGroup.json().id]);
    expect((await a.get("/api/moderation/reports/mine")).json().items).toHaveLength(2);
    const detail = (await admin.get(`/api/moderation/reports/member/${inGroup.json().id}`)).json();
    expect(detail).toMatchObject({
      type: "member",
      subject: { handle: b.handle },
      note: "Messages after the meeting.",
    });
    expect((await admin.get(`/api/moderation/reports/room_message/${inGroup.json().id}`)).statusCode).toBe(404);
    expect((await admin.post(`/api/moderation/reports/member/${inGroup.json().id}/dismiss`, {})).statusCode).toBe(204);
    expect(
      (await a.get("/api/moderation/reports/mine")).json().items.find((r: { id: string }) => r.id === inGroup.json().id)
        .status,
    ).toBe("dismissed");
  });
});

/** Always running: every day, midnight to midnight, in UTC. */
const ALWAYS = {
  mode: "online" as const,
  days: [0, 1, 2, 3, 4, 5, 6],
  startTime: "00:00",
  endTime: "00:00",
  timeZone: "UTC",
};
const ORIGIN = "http://kinship.test";

async function connect(agent: Agent) {
  const client = await SocketClient.connect(wsUrl, agent.cookie, ORIGIN);
  await client.nextOf("hello");
  return client;
}
async function join(client: SocketClient, room: string) {
  const from = client.messages.length;
  client.send({ type: "join", room });
  return client.next((m) => ["snapshot", "lobby", "error"].includes(m.type), { from });
}
async function say(client: SocketClient, room: string, id: string, text: string) {
  const from = client.messages.length;
  client.send({ type: "say", room, id, text });
  return client.next((m) => (m.type === "ack" && m.id === id) || (m.type === "error" && m.id === id), { from });
}

async function liveRoom() {
  const [fac, member, other, stranger, admin] = [
    await established(),
    await established(),
    await established(),
    await established(),
    await established(),
  ];
  const org = await makeOrganisation(t.db, { adminId: admin.id });
  const group = await makeGroup(t.db, org.id, { facilitatorId: fac.id });
  await addToGroup(t.db, group.id, member.id);
  await addToGroup(t.db, group.id, other.id);
  const meeting = await makeMeeting(t.db, group, { ...ALWAYS, conferenceUrl: "https://meet.example.org/x" });
  const opened = await fac.post(`/api/meetings/${meeting.id}/room`, { crossTalk: true });
  expect(opened.statusCode, opened.body).toBe(201);
  const roomId = opened.json().room.id as string;
  const f = await connect(fac);
  const m = await connect(member);
  const o = await connect(other);
  for (const c of [f, m, o]) expect((await join(c, roomId)).type).toBe("snapshot");
  return { fac, member, other, stranger, admin, org, group, roomId, f, m, o };
}

describe("reports of room messages", () => {
  it("copies the message and a little context, so the report outlives the room", async () => {
    const r = await liveRoom();
    await say(r.f, r.roomId, "f-1", "Welcome, everyone.");
    await say(r.o, r.roomId, "o-1", "Glad to be here.");
    const ack = (await say(r.m, r.roomId, "m-1", "Something unkind about Sam.")) as { seq: number };
    expect(ack).toMatchObject({ type: "ack" });
    const url = `/api/rooms/${r.roomId}/messages/${ack.seq}/reports`;
    const before = await count("moderation_reports");
    expect((await r.other.post(url, { reason: "whatever" })).statusCode).toBe(400);
    expect((await r.stranger.post(url, { reason: "harassment" })).statusCode).toBe(404);
    expect((await r.member.post(url, { reason: "harassment" })).statusCode).toBe(403);
    expect(
      (await r.other.post(`/api/rooms/${r.roomId}/messages/9999/reports`, { reason: "harassment" })).statusCode,
    ).toBe(404);
    expect(await count("moderation_reports")).toBe(before);
    const res = await r.other.post(url, { reason: "harassment", note: "It was about someone not here." });
    expect(res.statusCode, res.body).toBe(201);

    // The meeting ends: the room is purged, the report keeps its copy.
    r.f.send({ type: "close", room: r.roomId });
    await r.m.next((x) => x.type === "left");
    expect(await count("room_events", `room_id = '${r.roomId}'`)).toBe(0);
    expect((await modA.get(`/api/moderation/reports/room_message/${res.json().id}`)).statusCode).toBe(404);
    const detail = await r.admin.get(`/api/moderation/reports/room_message/${res.json().id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().context.map((c: { text: string; reported: boolean }) => [c.text, c.reported])).toEqual([
      ["Welcome, everyone.", false],
      ["Glad to be here.", false],
      ["Something unkind about Sam.", true],
    ]);
    expect(detail.json().subject.handle).toBe(r.member.handle);
    expect((await r.member.get("/api/me/access-log")).json().items[0]).toMatchObject({
      recordType: "reported_room_message",
      viewer: { handle: r.admin.handle, role: "moderator" },
    });
    for (const c of [r.f, r.m, r.o]) c.close();
  });

  it("stops a muted member speaking in rooms and posting in forums, with a clear reason", async () => {
    const r = await liveRoom();
    // Said just before: the next message is still checked against restrictions in force now.
    expect(await say(r.m, r.roomId, "before-1", "hello")).toMatchObject({ type: "ack" });
    const mute = await r.admin.post("/api/moderation/actions", {
      kind: "mute",
      reason: "Let's take a day to cool down.",
      scope: r.org.id,
      handle: r.member.handle,
      hours: 24,
    });
    expect(mute.statusCode, mute.body).toBe(201);
    expect(mute.json().endsAt).not.toBeNull();
    expect(await say(r.m, r.roomId, "muted-1", "hello")).toMatchObject({
      type: "error",
      code: "forbidden",
      message: expect.stringMatching(/^A moderator has paused your posting and speaking until \d{4}-\d{2}-\d{2}\./),
    });
    // A retry of the message said before the mute is refused too, as it was before.
    expect(await say(r.m, r.roomId, "before-1", "hello")).toMatchObject({ type: "error", code: "forbidden" });
    const post = await r.member.post(`/api/boards/${newcomersId}/threads`, { title: "Hi", body: "Hello" });
    expect(post.statusCode).toBe(403);
    expect(post.json().error.message).toMatch(/paused your posting/);
    expect((await r.member.get("/api/me/trust")).json().restriction).toMatchObject({ kind: "mute" });
    expect(await say(r.o, r.roomId, "o-ok", "still here")).toMatchObject({ type: "ack" });
    for (const c of [r.f, r.m, r.o]) c.close();
  });
});

describe("suspensions and bans", () => {
  it("ends a banned member's sessions at once and closes their sockets; refuses acting on oneself", async () => {
    const r = await liveRoom();
    expect(
      (
        await r.admin.post("/api/moderation/actions", {
          kind: "ban",
          reason: "x",
          scope: r.org.id,
          handle: r.admin.handle,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await r.other.post("/api/moderation/actions", {
          kind: "ban",
          reason: "x",
          scope: r.org.id,
          handle: r.member.handle,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await r.admin.post("/api/moderation/actions", {
          kind: "suspend",
          reason: "x",
          scope: r.org.id,
          handle: r.member.handle,
        })
      ).statusCode,
    ).toBe(400);
    const ban = await r.admin.post("/api/moderation/actions", {
      kind: "ban",
      reason: "Repeated harassment of members after warnings.",
      scope: r.org.id,
      handle: r.member.handle,
    });
    expect(ban.statusCode, ban.body).toBe(201);
    await r.m.whenClosed();
    expect((await r.member.get("/api/me")).statusCode).toBe(401);
    expect(await count("sessions", `member_id = '${r.member.id}'`)).toBe(0);
    // The others stay connected.
    expect(await say(r.o, r.roomId, "o-2", "still here")).toMatchObject({ type: "ack" });
    // Signing in again is refused, with the reason (restrictions.test.ts follows the whole journey).
    const again = await r.member.post("/api/auth/login", { handle: r.member.handle, passphrase: r.member.passphrase });
    expect(again.statusCode).toBe(403);
    expect(again.json().error.restriction).toMatchObject({
      kind: "ban",
      endsAt: null,
      reason: "Repeated harassment of members after warnings.",
    });
    expect(await count("sessions", `member_id = '${r.member.id}'`)).toBe(0);
    for (const c of [r.f, r.o]) c.close();
  });
});

describe("trust levels", () => {
  it("keeps links from a new account, with a kind reason, until trust is raised", async () => {
    const newbie = await t.makeMember();
    const before = await count("forum_posts");
    const res = await newbie.post(`/api/boards/${newcomersId}/threads`, {
      title: "Hello",
      body: "Great deals at https://spam.example",
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toMatch(/new accounts can't post links yet/);
    for (const body of ["see www.example.org", "[here](http://x.y)", "visit cheap-pills.com today"]) {
      expect((await newbie.post(`/api/boards/${newcomersId}/threads`, { title: "Hi", body })).statusCode).toBe(403);
    }
    expect(await count("forum_posts")).toBe(before);
    expect((await newbie.get("/api/me/trust")).json()).toMatchObject({
      level: 0,
      name: "new",
      canPostLinks: false,
      canStartDirectMessages: false,
      postsNeeded: 3,
      opensAt: expect.any(String),
    });
    expect(await mayStartDirectMessages(t.db, newbie.id)).toBe(false);

    // Only moderators change trust, never their own.
    const url = `/api/moderation/members/${newbie.handle}/trust`;
    expect((await newbie.put(url, { level: 1, reason: "me" })).statusCode).toBe(403);
    expect(
      (await modA.put(`/api/moderation/members/${modA.handle}/trust`, { level: 2, reason: "me" })).statusCode,
    ).toBe(403);
    expect((await modA.put(url, { level: 7, reason: "x" })).statusCode).toBe(400);
    expect((await modA.put("/api/moderation/members/nobody-at-all/trust", { level: 1, reason: "x" })).statusCode).toBe(
      404,
    );
    const raised = await modA.put(url, { level: 1, reason: "Known to us from the Tuesday meeting." });
    expect(raised.statusCode).toBe(200);
    expect(raised.json()).toMatchObject({ level: 1, canPostLinks: true, setByModerator: true });
    expect(
      (
        await newbie.post(`/api/boards/${newcomersId}/threads`, {
          title: "Useful",
          body: "https://example.org/meetings",
        })
      ).statusCode,
    ).toBe(201);
    expect(await mayStartDirectMessages(t.db, newbie.id)).toBe(true);
    expect((await modA.put(url, { level: null, reason: "Back to the usual rules." })).json().level).toBe(0);
  });

  it("gives a new account a tighter posting rate", async () => {
    const newbie = await t.makeMember();
    const th = await thread(newbie, newcomersId);
    let last = 201;
    for (let i = 0; i < 10 && last === 201; i++) {
      last = (await newbie.post(`/api/threads/${th.id}/replies`, { body: `Reply ${i}` })).statusCode;
    }
    expect(last).toBe(429);
    const res = await newbie.post(`/api/threads/${th.id}/replies`, { body: "one more" });
    expect(res.json().error.message).toMatch(/New accounts can post a few times an hour/);
    const established_ = await established();
    const th2 = await thread(established_, newcomersId);
    for (let i = 0; i < 12; i++) {
      expect((await established_.post(`/api/threads/${th2.id}/replies`, { body: `Reply ${i}` })).statusCode).toBe(201);
    }
  });
});

describe("block and mute", () => {
  it("hides a blocked member's posts from the blocker, and the blocked member cannot tell", async () => {
    const [blocker, blocked, other] = [await established(), await established(), await established()];
    const th = await thread(other, newcomersId, "A thread about evenings");
    await blocked.post(`/api/threads/${th.id}/replies`, { body: "Zebrafish reply from the blocked member" });
    const own = await thread(blocked, newcomersId, "Zebrafish thread of the blocked member");
    expect((await blocker.put(`/api/me/blocks/${blocker.handle}`, { kind: "block" })).statusCode).toBe(400);
    expect((await blocker.put("/api/me/blocks/nobody-at-all", { kind: "block" })).statusCode).toBe(404);
    expect((await blocker.put(`/api/me/blocks/${blocked.handle}`, { kind: "shun" })).statusCode).toBe(400);
    expect((await blocker.put(`/api/me/blocks/${blocked.handle}`, { kind: "block" })).statusCode).toBe(204);
    expect(await isBlocked(t.db, blocked.id, blocker.id)).toBe(true);
    expect(await isBlocked(t.db, blocked.id, other.id)).toBe(false);

    const page = (await blocker.get(`/api/threads/${th.id}`)).json();
    expect(JSON.stringify(page)).not.toContain("Zebrafish");
    expect(JSON.stringify((await blocker.get(`/api/threads/${th.id}/posts?after=0`)).json())).not.toContain(
      "Zebrafish",
    );
    expect(
      (await blocker.get(`/api/boards/${newcomersId}/threads`)).json().items.map((i: { id: string }) => i.id),
    ).not.toContain(own.id);
    expect((await blocker.get("/api/search?q=zebrafish")).json().items).toEqual([]);
    // Others, and the blocked member, see everything as before.
    expect(JSON.stringify((await other.get(`/api/threads/${th.id}`)).json())).toContain("Zebrafish");
    expect((await blocked.get("/api/me/blocks")).json().items).toEqual([]);
    expect((await blocker.get("/api/me/blocks")).json().items).toEqual([
      { handle: blocked.handle, kind: "block", createdAt: expect.any(String) },
    ]);
    expect((await blocker.put(`/api/me/blocks/${blocked.handle}`, { kind: "mute" })).statusCode).toBe(204);
    expect(await isBlocked(t.db, blocked.id, blocker.id)).toBe(false);
    expect(JSON.stringify((await blocker.get(`/api/threads/${th.id}`)).json())).not.toContain("Zebrafish");
    expect((await blocker.delete(`/api/me/blocks/${blocked.handle}`)).statusCode).toBe(204);
    expect(JSON.stringify((await blocker.get(`/api/threads/${th.id}`)).json())).toContain("Zebrafish");
  });
});

describe("anonymous authorship", () => {
  it("audits a moderator learning who wrote an anonymous post", async () => {
    const author = await established();
    const res = await author.post(`/api/boards/${newcomersId}/threads`, {
      title: "Quietly",
      body: "Hard week.",
      anonymous: true,
    });
    const postId = (await author.get(`/api/threads/${res.json().id}`)).json().posts[0].id;
    expect(
      (await modA.post(`/api/posts/${postId}/author`, { reason: "A report says this may be spam." })).statusCode,
    ).toBe(200);
    const audit = (await modB.get("/api/moderation/audit?scope=community")).json().items;
    expect(audit.find((e: { event: string }) => e.event === "viewed_anonymous_author")).toMatchObject({
      moderatorHandle: modA.handle,
      subjectHandle: author.handle,
    });
  });
});

describe("mediation", () => {
  it("goes to a facilitator from outside the group, who opens a three-way conversation and records an outcome", async () => {
    const admin = await established();
    const org = await makeOrganisation(t.db, { adminId: admin.id });
    const [groupFac, outsideFac, a, b, stranger] = [
      await established(),
      await established(),
      await established(),
      await established(),
      await established(),
    ];
    const group = await makeGroup(t.db, org.id, { facilitatorId: groupFac.id });
    await makeGroup(t.db, org.id, { name: "Morning group", facilitatorId: outsideFac.id });
    await addToGroup(t.db, group.id, a.id);
    await addToGroup(t.db, group.id, b.id);
    const before = await count("mediations");
    expect(
      (await a.post("/api/mediations", { groupId: group.id, otherHandle: stranger.handle, note: "x" })).statusCode,
    ).toBe(404);
    expect(
      (await stranger.post("/api/mediations", { groupId: group.id, otherHandle: a.handle, note: "x" })).statusCode,
    ).toBe(404);
    expect((await a.post("/api/mediations", { groupId: group.id, otherHandle: b.handle, note: "" })).statusCode).toBe(
      400,
    );
    expect((await a.post("/api/mediations", { groupId: group.id, otherHandle: a.handle, note: "me" })).statusCode).toBe(
      400,
    );
    expect(await count("mediations")).toBe(before);
    const created = await a.post("/api/mediations", {
      groupId: group.id,
      otherHandle: b.handle,
      note: "We keep clashing at the Tuesday meeting.",
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;

    // The group's own facilitator is involved; a facilitator of another group is not.
    expect((await groupFac.get("/api/mediations")).json().available).toEqual([]);
    expect((await groupFac.post(`/api/mediations/${id}/take`)).statusCode).toBe(404);
    const offered = (await outsideFac.get("/api/mediations")).json().available;
    expect(offered).toEqual([expect.objectContaining({ id, note: null, role: "available" })]);
    expect((await a.post(`/api/mediations/${id}/messages`, { body: "hello?" })).statusCode).toBe(409);
    expect((await a.post(`/api/mediations/${id}/take`)).statusCode).toBe(403);
    const taken = await outsideFac.post(`/api/mediations/${id}/take`);
    expect(taken.statusCode).toBe(200);
    expect(taken.json()).toMatchObject({
      status: "active",
      role: "mediator",
      note: "We keep clashing at the Tuesday meeting.",
    });
    expect((await admin.post(`/api/mediations/${id}/take`)).statusCode).toBe(404);

    expect((await b.post(`/api/mediations/${id}/messages`, { body: "I'd like that too." })).statusCode).toBe(201);
    expect((await outsideFac.post(`/api/mediations/${id}/messages`, { body: "Thank you both." })).statusCode).toBe(201);
    expect((await stranger.get(`/api/mediations/${id}`)).statusCode).toBe(404);
    expect((await stranger.post(`/api/mediations/${id}/messages`, { body: "hi" })).statusCode).toBe(404);
    expect((await a.post(`/api/mediations/${id}/close`, { outcome: "done" })).statusCode).toBe(403);
    expect((await outsideFac.post(`/api/mediations/${id}/close`, { outcome: "" })).statusCode).toBe(400);
    const closed = await outsideFac.post(`/api/mediations/${id}/close`, {
      outcome: "Agreed to take turns sharing and to check in after the meeting.",
    });
    expect(closed.statusCode).toBe(200);
    const seen = (await b.get(`/api/mediations/${id}`)).json();
    expect(seen).toMatchObject({ status: "closed", outcome: expect.stringContaining("take turns"), role: "other" });
    expect(seen.messages.map((m: { body: string }) => m.body)).toEqual(["I'd like that too.", "Thank you both."]);
    expect((await a.post(`/api/mediations/${id}/messages`, { body: "after" })).statusCode).toBe(409);
  });
});

describe("signed out", () => {
  it("answers 401 everywhere", async () => {
    const anon = t.anonymous();
    for (const [method, url] of [
      ["GET", "/api/moderation/scopes"],
      ["GET", "/api/moderation/queue?scope=community"],
      ["GET", "/api/me/notices"],
      ["GET", "/api/me/trust"],
      ["GET", "/api/me/blocks"],
      ["GET", "/api/mediations"],
      ["POST", "/api/moderation/actions"],
    ] as const) {
      expect(
        (
          await anon.request(
            method,
            url,
            method === "POST" ? { kind: "warn", reason: "x", scope: "community", handle: "someone" } : undefined,
          )
        ).statusCode,
        url,
      ).toBe(401);
    }
  });
});

describe("the member's data", () => {
  it("is in their export, and their words go when they delete their account", async () => {
    const [m, other] = [await established(), await established()];
    const version = (await m.get("/api/me/conduct")).json().version;
    await m.put("/api/me/conduct", { version });
    await m.post(`/api/members/${other.handle}/reports`, { reason: "spam", note: "Kept sending adverts." });
    await m.put(`/api/me/blocks/${other.handle}`, { kind: "mute" });
    await modA.post("/api/moderation/actions", {
      kind: "warn",
      reason: "Please keep it kind.",
      scope: "community",
      handle: m.handle,
    });
    const data = (await m.get("/api/me/export")).json().moderation;
    expect(data).toMatchObject({
      conduct: { version },
      reports: [{ type: "member", reason: "spam", note: "Kept sending adverts." }],
      notices: [{ kind: "warn", reason: "Please keep it kind.", revoked: false, appeal: null }],
      blocks: [{ handle: other.handle, kind: "mute" }],
      trust: { level: 1 },
      mediations: [],
    });
    expect(JSON.stringify(data)).not.toContain(modA.handle);
    expect((await other.get("/api/me/export")).json().moderation.reports).toEqual([]);

    expect((await m.delete("/api/me", { passphrase: m.passphrase })).statusCode).toBe(204);
    expect(await count("moderation_reports", "note = 'Kept sending adverts.'")).toBe(0);
    expect(await count("member_blocks", `blocker_id = '${m.id}'`)).toBe(0);
    expect(await count("moderation_actions", `member_id = '${m.id}'`)).toBe(0);
    expect(await count("conduct_acceptances", `member_id = '${m.id}'`)).toBe(0);
  });
});

describe("demo content", () => {
  it("has a community moderator with an example report waiting", async () => {
    expect(await seedDemo(t.db)).toBe(true);
    const river = DEMO_MEMBERS.find((m) => m.handle === "river");
    const agent = t.anonymous("10.9.8.7");
    expect((await agent.post("/api/auth/login", { handle: "river", passphrase: river?.passphrase })).statusCode).toBe(
      200,
    );
    const queue = (await agent.get("/api/moderation/queue?scope=community")).json().items;
    expect(queue).toEqual(
      expect.arrayContaining([expect.objectContaining({ reason: "spam", subjectHandle: "quick_detox" })]),
    );
    expect((await agent.get("/api/me/conduct")).json().needsAcceptance).toBe(false);
  });
});
