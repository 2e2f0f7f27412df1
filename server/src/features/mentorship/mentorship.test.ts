import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_MEMBERS, seedDemo } from "../../db/demo.ts";
import { forumModerators, safetyResponders } from "../../db/schema.ts";
import { makeOrganisation } from "../../test/directory-factories.ts";
import { type Agent, buildTestApp, type TestApp } from "../../test/helper.ts";
import { SocketClient, wsUrlOf } from "../rooms/test-socket.ts";
import { DEFAULT_TRAINING, DEFAULT_TRAINING_ES } from "./training-default.ts";

let t: TestApp;
let wsUrl: string;
const ORIGIN = "http://kinship.test";
beforeAll(async () => {
  t = await buildTestApp();
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  wsUrl = wsUrlOf(t.app);
});
afterAll(async () => t?.close());

type Member = Awaited<ReturnType<TestApp["makeMember"]>>;
const RIGHT = DEFAULT_TRAINING.questions.map((q) => q.answer);

const PROFILE = {
  timeInRecovery: "5_10",
  focus: ["alcohol"],
  formats: ["twelve_step"],
  languages: ["en"],
  timeZone: "Europe/London",
  availability: { days: [1, 3], from: "18:00", to: "21:00" },
  canHelpWith: "Working the steps, the first year",
  cannotHelpWith: "Medication questions",
  capacity: 2,
};

const count = async (table: string, where = "true") => {
  const result = await t.db.execute(sql.raw(`select count(*)::int as n from ${table} where ${where}`));
  return Number((result as unknown as { rows: { n: number }[] }).rows[0]?.n);
};

async function mentor(profile: Record<string, unknown> = {}) {
  const m = await t.makeMember();
  expect((await m.post("/api/mentor-training/attempts", { answers: RIGHT })).json().passed).toBe(true);
  const res = await m.put("/api/mentor-profile", { ...PROFILE, ...profile });
  expect(res.statusCode, res.body).toBe(200);
  return Object.assign(m, { profileId: res.json().profile.id as string });
}

async function ask(mentee: Agent, profileId: string, message = "I'm three weeks in and would love a sponsor.") {
  return mentee.post("/api/mentorships", { mentorId: profileId, message });
}

async function pair(profile: Record<string, unknown> = {}) {
  const mr = await mentor(profile);
  const me = await t.makeMember();
  const req = await ask(me, mr.profileId);
  expect(req.statusCode, req.body).toBe(201);
  const id = req.json().id as string;
  expect((await mr.post(`/api/mentorships/${id}/accept`)).statusCode).toBe(200);
  return { mentor: mr, mentee: me, id };
}

async function connect(agent: Agent) {
  const client = await SocketClient.connect(wsUrl, agent.cookie, ORIGIN);
  await client.nextOf("hello");
  client.send({ type: "dm.watch" });
  await client.next((m) => (m.type as string) === "dm.watching");
  return client;
}
const of = (type: string) => (m: { type: string }) => m.type === type;

describe("training", () => {
  it("shows the module without its answers, and passes only with every answer right", async () => {
    const m = await t.makeMember();
    const module = (await m.get("/api/mentor-training")).json();
    expect(module.sections.length).toBeGreaterThanOrEqual(3);
    expect(module.questions.length).toBe(RIGHT.length);
    expect(JSON.stringify(module)).not.toContain('"answer"');
    expect(module.me).toEqual({ passed: false, passedAt: null, canEdit: false });

    const wrong = RIGHT.map((a) => (a === 0 ? 1 : 0));
    const failed = (await m.post("/api/mentor-training/attempts", { answers: wrong })).json();
    expect(failed.passed).toBe(false);
    expect(failed.results.every((r: { correct: boolean }) => !r.correct)).toBe(true);
    expect(failed.results[0].explanation).toMatch(/\w/);
    expect((await m.get("/api/mentor-training")).json().me.passed).toBe(false);

    const short = await m.post("/api/mentor-training/attempts", { answers: [1] });
    expect(short.statusCode).toBe(400);
    expect((await m.post("/api/mentor-training/attempts", { answers: RIGHT })).json().passed).toBe(true);
    expect((await m.get("/api/mentor-training")).json().me.passed).toBe(true);
    expect((await t.anonymous().get("/api/mentor-training")).statusCode).toBe(401);
  });

  it("comes in Spanish for Spanish readers, with the same answers, and refuses an unknown language", async () => {
    const m = await t.makeMember();
    const es = (await m.get("/api/mentor-training?lang=es")).json();
    expect(es.title).toBe(DEFAULT_TRAINING_ES.title);
    expect(es.sections.map((s: { title: string }) => s.title)).toEqual(
      DEFAULT_TRAINING_ES.sections.map((s) => s.title),
    );
    expect(es.questions[0].prompt).toBe(DEFAULT_TRAINING_ES.questions[0]?.prompt);
    expect(JSON.stringify(es)).not.toContain("answer");
    expect(DEFAULT_TRAINING_ES.questions.map((q) => q.answer)).toEqual(RIGHT);
    expect(DEFAULT_TRAINING_ES.questions.map((q) => q.options.length)).toEqual(
      DEFAULT_TRAINING.questions.map((q) => q.options.length),
    );
    expect((await m.get("/api/mentor-training")).json().title).toBe(DEFAULT_TRAINING.title);

    const bad = await m.get("/api/mentor-training?lang=fr");
    expect(bad.statusCode).toBe(400);
    expect((await m.post("/api/mentor-training/attempts?lang=fr", { answers: RIGHT })).statusCode).toBe(400);
    expect((await m.get("/api/mentor-training")).json().me.passed).toBe(false);
    expect((await t.anonymous().get("/api/mentor-training?lang=es")).statusCode).toBe(401);

    const result = (await m.post("/api/mentor-training/attempts?lang=es", { answers: RIGHT })).json();
    expect(result.passed).toBe(true);
    expect(result.results[0].explanation).toBe(DEFAULT_TRAINING_ES.questions[0]?.explanation);
    expect((await m.get("/api/mentor-training?lang=es")).json().me.passed).toBe(true);
  });

  it("is edited by organisation admins only; earlier passes stay valid", async () => {
    const admin = await t.makeMember();
    await makeOrganisation(t.db, { adminId: admin.id });
    const member = await mentor();
    const edit = (await admin.get("/api/mentor-training/edit")).json();
    expect(edit.questions[0].answer).toBe(RIGHT[0]);
    expect((await member.get("/api/mentor-training/edit")).statusCode).toBe(403);

    const content = {
      title: "Mentoring with care",
      intro: "A short module.",
      sections: [{ title: "Listening", body: "Listen more than you speak." }],
      questions: [
        { prompt: "What matters most?", options: ["Listening", "Advice"], answer: 0, explanation: "Listen first." },
      ],
    };
    expect((await member.put("/api/mentor-training", content)).statusCode).toBe(403);
    const bad = await admin.put("/api/mentor-training", {
      ...content,
      questions: [{ ...content.questions[0], answer: 3 }],
    });
    expect(bad.statusCode).toBe(400);
    expect((await admin.get("/api/mentor-training")).json().title).toBe(DEFAULT_TRAINING.title);

    const saved = await admin.put("/api/mentor-training", content);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().version).toBe(edit.version + 1);
    const seen = (await member.get("/api/mentor-training")).json();
    expect(seen.title).toBe("Mentoring with care");
    // An edited module is shown as its editors wrote it, whatever the reader's language.
    expect((await member.get("/api/mentor-training?lang=es")).json().title).toBe("Mentoring with care");
    expect(seen.me.passed).toBe(true);
    expect((await member.get("/api/mentor-profile")).json().trained).toBe(true);
    // Put the default back for the other tests.
    await admin.put("/api/mentor-training", DEFAULT_TRAINING);
  });
});

describe("mentor profile", () => {
  it("needs the training first, and refuses bad input without storing anything", async () => {
    const m = await t.makeMember();
    expect((await m.put("/api/mentor-profile", PROFILE)).statusCode).toBe(403);
    await m.post("/api/mentor-training/attempts", { answers: RIGHT });
    for (const bad of [
      { ...PROFILE, capacity: 0 },
      { ...PROFILE, focus: [] },
      { ...PROFILE, timeZone: "Mars/Olympus" },
      { ...PROFILE, quietHours: { from: "25:00", to: "07:00" } },
      { ...PROFILE, surprise: true },
    ]) {
      expect((await m.put("/api/mentor-profile", bad)).statusCode).toBe(400);
    }
    expect((await m.get("/api/mentor-profile")).json().profile).toBeNull();
    const saved = (await m.put("/api/mentor-profile", { ...PROFILE, capacity: undefined })).json();
    expect(saved.profile.capacity).toBe(2);
    expect(saved.offered).toBe(true);
    expect(saved.helped).toBe(0);
  });

  it("pauses with an optional return day, and comes back", async () => {
    const m = await mentor();
    expect((await m.post("/api/mentor-profile/pause", { until: "2001-01-01" })).statusCode).toBe(400);
    const paused = (await m.post("/api/mentor-profile/pause", { until: "2099-01-01" })).json();
    expect(paused.profile.paused).toBe(true);
    expect(paused.profile.pausedUntil).toBe("2099-01-01");
    expect(paused.notOfferedBecause).toBe("paused");
    const back = (await m.post("/api/mentor-profile/resume")).json();
    expect(back.profile.paused).toBe(false);
    expect(back.offered).toBe(true);
    const stranger = await t.makeMember();
    expect((await stranger.post("/api/mentor-profile/pause", {})).statusCode).toBe(404);
  });
});

describe("suggestions (GET /api/mentors)", () => {
  it("keeps the fixed contract and says why, and never offers a mentor who is full, paused or resting", async () => {
    const good = await mentor({ languages: ["es", "en"], focus: ["alcohol", "gambling"] });
    const paused = await mentor();
    await paused.post("/api/mentor-profile/pause", {});
    const hour = new Date().getUTCHours();
    const pad = (h: number) => String((h + 24) % 24).padStart(2, "0");
    const resting = await mentor({
      timeZone: "UTC",
      quietHours: { from: `${pad(hour - 1)}:00`, to: `${pad(hour + 1)}:00` },
    });
    const draft = await mentor({ published: false });

    const member = await t.makeMember();
    const prefs = await member.put("/api/mentorship/preferences", {
      focus: ["gambling"],
      languages: ["es"],
      days: [3],
      timeZone: "Europe/Madrid",
    });
    expect(prefs.statusCode, prefs.body).toBe(200);
    const res = await member.get("/api/mentors");
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Record<string, unknown>[];
    const ids = items.map((i) => i.id);
    expect(ids).toContain(good.profileId);
    for (const hidden of [paused, resting, draft]) expect(ids).not.toContain(hidden.profileId);
    // Mentors who speak none of the member's languages are left out.
    expect(items.every((i) => (i.languages as string[]).includes("es"))).toBe(true);

    const first = items[0] as Record<string, unknown>;
    expect(first.id).toBe(good.profileId);
    expect(first).toMatchObject({ handle: good.handle, capacity: 2, activeMentees: 0 });
    const codes = (first.reasons as { code: string }[]).map((r) => r.code);
    expect(codes).toEqual(expect.arrayContaining(["focus", "language", "time_zone", "days", "experience"]));
    // Allow-list: nothing that is only for matching or the mentor's own eyes.
    for (const key of ["gender", "quietHours", "memberId", "paused", "published"])
      expect(first).not.toHaveProperty(key);

    // The mentor never sees themself.
    expect((await good.get("/api/mentors")).json().items.map((i: { id: string }) => i.id)).not.toContain(
      good.profileId,
    );
    expect((await t.anonymous().get("/api/mentors")).statusCode).toBe(401);
  });

  it("matches the same gender only with mentors who chose to state it", async () => {
    const stated = await mentor({ gender: "woman", languages: ["fr"] });
    const unstated = await mentor({ languages: ["fr"] });
    const member = await t.makeMember();
    expect((await member.put("/api/mentorship/preferences", { sameGender: true })).statusCode).toBe(400);
    await member.put("/api/mentorship/preferences", { sameGender: true, gender: "woman", languages: ["fr"] });
    const ids = (await member.get("/api/mentors")).json().items.map((i: { id: string }) => i.id);
    expect(ids).toContain(stated.profileId);
    expect(ids).not.toContain(unstated.profileId);
  });
});

describe("requests", () => {
  it("goes request → accept → active, and a full mentor is neither offered nor asked", async () => {
    const mr = await mentor({ capacity: 1 });
    const [a, b] = [await t.makeMember(), await t.makeMember()];
    expect((await ask(mr, mr.profileId)).statusCode).toBe(400);
    expect((await a.post("/api/mentorships", { mentorId: mr.profileId, message: "" })).statusCode).toBe(400);
    const req = await ask(a, mr.profileId);
    expect(req.statusCode, req.body).toBe(201);
    expect(req.json()).toMatchObject({ status: "requested", role: "mentee", other: { handle: mr.handle } });
    expect((await ask(a, mr.profileId)).statusCode).toBe(409);
    const breq = (await ask(b, mr.profileId)).json();

    // Only the mentor answers; a stranger doesn't even learn it exists.
    expect((await a.post(`/api/mentorships/${req.json().id}/accept`)).statusCode).toBe(409);
    expect((await b.get(`/api/mentorships/${req.json().id}`)).statusCode).toBe(404);
    const mine = (await mr.get("/api/mentorships")).json().items;
    expect(mine.map((m: { role: string }) => m.role)).toEqual(["mentor", "mentor"]);
    expect(mine.find((m: { id: string }) => m.id === req.json().id).can.accept).toBe(true);

    const accepted = await mr.post(`/api/mentorships/${req.json().id}/accept`);
    expect(accepted.json()).toMatchObject({ status: "active", role: "mentor", other: { handle: a.handle } });
    // Capacity 1: a second acceptance is refused and the full mentor is no longer offered.
    expect((await mr.post(`/api/mentorships/${breq.id}/accept`)).statusCode).toBe(409);
    const c = await t.makeMember();
    expect((await c.get("/api/mentors")).json().items.map((i: { id: string }) => i.id)).not.toContain(mr.profileId);
    const refused = await ask(c, mr.profileId);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/places are all taken/);
    expect(await count("mentorships", `mentee_id = '${c.id}'`)).toBe(0);
    const profile = (await mr.get("/api/mentor-profile")).json();
    expect(profile).toMatchObject({ activeMentees: 1, helped: 1, offered: false, notOfferedBecause: "full" });
  });

  it("refuses requests to a paused mentor with a clear message", async () => {
    const mr = await mentor();
    await mr.post("/api/mentor-profile/pause", {});
    const res = await ask(await t.makeMember(), mr.profileId);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/taking a break/);
  });

  it("declines kindly with a reason, and a request can be withdrawn", async () => {
    const mr = await mentor();
    const a = await t.makeMember();
    const id = (await ask(a, mr.profileId)).json().id;
    expect((await mr.post(`/api/mentorships/${id}/decline`, { reason: "rude" })).statusCode).toBe(400);
    const declined = await mr.post(`/api/mentorships/${id}/decline`, { reason: "timing" });
    expect(declined.json()).toMatchObject({ status: "declined", declineReason: "timing" });
    expect((await a.get(`/api/mentorships/${id}`)).json()).toMatchObject({
      status: "declined",
      declineReason: "timing",
    });
    // Declined: they may ask again later.
    const again = (await ask(a, mr.profileId)).json().id;
    expect((await mr.post(`/api/mentorships/${again}/withdraw`)).statusCode).toBe(409);
    expect((await a.post(`/api/mentorships/${again}/withdraw`)).json().status).toBe("withdrawn");
  });

  it("ends with a closing note from either side, which closes messages and shares", async () => {
    const { mentor: mr, mentee, id } = await pair();
    await mentee.put(`/api/mentorships/${id}/shares`, { items: ["goals"] });
    expect((await mr.post(`/api/mentorships/${id}/end`, { note: "" })).statusCode).toBe(400);
    const ended = await mentee.post(`/api/mentorships/${id}/end`, { note: "Thank you for everything." });
    expect(ended.json()).toMatchObject({ status: "ended", endNote: "Thank you for everything.", endedBy: "me" });
    expect((await mr.get(`/api/mentorships/${id}`)).json()).toMatchObject({ endedBy: "them", shares: [] });
    const late = await mr.post(`/api/mentorships/${id}/messages`, { id: "late-1", text: "Hello?" });
    expect(late.statusCode).toBe(409);
    expect(await count("mentorship_messages", `mentorship_id = '${id}'`)).toBe(0);
    expect((await mr.get(`/api/mentorships/${id}/shared`)).statusCode).toBe(404);
    expect((await mr.post(`/api/mentorships/${id}/end`, { note: "again" })).statusCode).toBe(409);
  });
});

describe("messages", () => {
  it("are stored once per client id, paged by keyset, and read only by the two people", async () => {
    const { mentor: mr, mentee, id } = await pair();
    const stranger = await t.makeMember();
    const first = await mentee.post(`/api/mentorships/${id}/messages`, {
      id: "c-1",
      text: "Hi, thank you for saying yes.",
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ from: mentee.handle, mine: true, text: "Hi, thank you for saying yes." });
    const retry = await mentee.post(`/api/mentorships/${id}/messages`, {
      id: "c-1",
      text: "Hi, thank you for saying yes.",
    });
    expect(retry.json().id).toBe(first.json().id);
    for (let i = 2; i <= 5; i++) await mr.post(`/api/mentorships/${id}/messages`, { id: `m-${i}`, text: `Reply ${i}` });
    expect(await count("mentorship_messages", `mentorship_id = '${id}'`)).toBe(5);

    const page1 = (await mentee.get(`/api/mentorships/${id}/messages?limit=2`)).json();
    expect(page1.items.map((m: { text: string }) => m.text)).toEqual(["Reply 4", "Reply 5"]);
    const page2 = (await mentee.get(`/api/mentorships/${id}/messages?limit=2&before=${page1.nextBefore}`)).json();
    expect(page2.items.map((m: { text: string }) => m.text)).toEqual(["Reply 2", "Reply 3"]);
    const page3 = (await mentee.get(`/api/mentorships/${id}/messages?limit=2&before=${page2.nextBefore}`)).json();
    expect(page3.items.map((m: { mine: boolean }) => m.mine)).toEqual([true]);
    expect(page3.nextBefore).toBeNull();

    expect((await stranger.get(`/api/mentorships/${id}/messages`)).statusCode).toBe(404);
    expect((await stranger.post(`/api/mentorships/${id}/messages`, { id: "x", text: "hey" })).statusCode).toBe(404);
    expect((await t.anonymous().get(`/api/mentorships/${id}/messages`)).statusCode).toBe(401);
    expect(await count("mentorship_messages", `mentorship_id = '${id}'`)).toBe(5);

    // Unread and read receipts.
    expect((await mentee.get("/api/mentorships")).json().items[0].unread).toBe(4);
    const last = page1.items[1].seq;
    expect((await mentee.post(`/api/mentorships/${id}/read`, { seq: last })).statusCode).toBe(204);
    expect((await mentee.get("/api/mentorships")).json().items[0].unread).toBe(0);
    expect((await mr.get(`/api/mentorships/${id}/messages`)).json().readUpTo).toEqual({ mine: 0, theirs: last });
  });

  it("refuses what is too long, a flood, and messages before acceptance, losing nothing stored", async () => {
    const { mentor: mr, mentee, id } = await pair();
    const long = await mentee.post(`/api/mentorships/${id}/messages`, { id: "big", text: "x".repeat(4001) });
    expect(long.statusCode).toBe(400);
    let status = 0;
    let sent = 0;
    for (let i = 0; i < 70 && status !== 429; i++) {
      const res = await mr.post(`/api/mentorships/${id}/messages`, { id: `f-${i}`, text: `note ${i}` });
      status = res.statusCode;
      if (status === 201) sent++;
    }
    expect(status).toBe(429);
    expect(await count("mentorship_messages", `mentorship_id = '${id}'`)).toBe(sent);

    const other = await mentor();
    const waiting = (await ask(mentee, other.profileId)).json().id;
    expect((await mentee.post(`/api/mentorships/${waiting}/messages`, { id: "w", text: "hello" })).statusCode).toBe(
      409,
    );
    expect((await other.get(`/api/mentorships/${waiting}/messages`)).statusCode).toBe(404);
  });

  it("arrive in real time on every device of both people, with typing and read receipts", async () => {
    const { mentor: mr, mentee, id } = await pair();
    const stranger = await t.makeMember();
    // The mentee on two devices: a second login gives a second session.
    const phone = await t.anonymous();
    await phone.post("/api/auth/login", { handle: mentee.handle, passphrase: mentee.passphrase });
    const [mentorWs, menteeWs, phoneWs, strangerWs] = [
      await connect(mr),
      await connect(mentee),
      await connect(phone),
      await connect(stranger),
    ];
    try {
      menteeWs.send({ type: "dm.typing", mentorship: id });
      const typing = await mentorWs.next(of("dm.typing"));
      expect(typing).toMatchObject({ mentorship: id, handle: mentee.handle });

      menteeWs.send({ type: "dm.send", mentorship: id, id: "ws-1", text: "Rough day. Can we talk?" });
      const ack = await menteeWs.next((m) => m.type === "ack" && m.id === "ws-1");
      const got = (await mentorWs.next(of("dm.message"))) as unknown as { message: Record<string, unknown> };
      expect(got.message).toMatchObject({ text: "Rough day. Can we talk?", mine: false, from: mentee.handle });
      const onPhone = (await phoneWs.next(of("dm.message"))) as unknown as { message: Record<string, unknown> };
      expect(onPhone.message).toMatchObject({ mine: true, seq: (ack as { seq: number }).seq });

      mentorWs.send({ type: "dm.read", mentorship: id, seq: (ack as { seq: number }).seq });
      const receipt = await menteeWs.next(of("dm.read"));
      expect(receipt).toMatchObject({ mentorship: id, handle: mr.handle, seq: (ack as { seq: number }).seq });

      // Errors come back as events; nothing is stored.
      menteeWs.send({ type: "dm.send", mentorship: id, id: "ws-big", text: "y".repeat(4001) });
      expect(await menteeWs.next((m) => m.type === "error" && m.id === "ws-big")).toMatchObject({ code: "invalid" });
      strangerWs.send({ type: "dm.send", mentorship: id, id: "s-1", text: "hi" });
      expect(await strangerWs.next((m) => m.type === "error" && m.id === "s-1")).toMatchObject({ code: "not_found" });
      expect(await count("mentorship_messages", `mentorship_id = '${id}'`)).toBe(1);
      // The stranger heard nothing of it.
      expect(
        strangerWs.messages.some((m) => (m.type as string).startsWith("dm.") && (m.type as string) !== "dm.watching"),
      ).toBe(false);

      // Ending is told to both; sends afterwards are refused.
      await mr.post(`/api/mentorships/${id}/end`, { note: "Take care." });
      await menteeWs.next(of("dm.changed"));
      menteeWs.send({ type: "dm.send", mentorship: id, id: "ws-2", text: "wait" });
      expect(await menteeWs.next((m) => m.type === "error" && m.id === "ws-2")).toMatchObject({ code: "conflict" });
    } finally {
      for (const ws of [mentorWs, menteeWs, phoneWs, strangerWs]) ws.ws.close();
    }
  });

  it("a flood on the socket gets error events, and every acknowledged message is stored", async () => {
    const { mentee, id } = await pair();
    const ws = await connect(mentee);
    try {
      // 60 at once: past the gateway's burst of 30, short of the 50 refusals in a row that close a socket.
      for (let i = 0; i < 60; i++) ws.send({ type: "dm.send", mentorship: id, id: `fl-${i}`, text: `line ${i}` });
      await ws.next((m) => m.type === "error" && m.code === "rate_limited");
      // Wait until every send was answered, one way or the other.
      await expect
        .poll(() => ws.messages.filter((m) => m.type === "ack" || m.type === "error").length, { timeout: 10_000 })
        .toBe(60);
      const acked = ws.messages.filter((m) => m.type === "ack").length;
      expect(acked).toBeLessThan(60);
      expect(await count("mentorship_messages", `mentorship_id = '${id}'`)).toBe(acked);
    } finally {
      ws.ws.close();
    }
  });

  it("offline: what was sent while away is in the history on the next load", async () => {
    const { mentor: mr, mentee, id } = await pair();
    const ws = await connect(mr);
    ws.send({ type: "dm.send", mentorship: id, id: "off-1", text: "Thinking of you today." });
    await ws.next((m) => m.type === "ack");
    ws.ws.close();
    const history = (await mentee.get(`/api/mentorships/${id}/messages`)).json();
    expect(history.items.map((m: { text: string }) => m.text)).toEqual(["Thinking of you today."]);
  });
});

describe("sharing progress with a mentor", () => {
  it("shows the mentor only what the mentee shares, logs each view, and stops on revoke", async () => {
    const { mentor: mr, mentee, id } = await pair();
    await mentee.post("/api/journeys", { label: "Alcohol", startDate: "2026-01-01", timeZone: "UTC" });
    await mentee.post("/api/goals", { title: "Call my sponsor", repeat: "daily" });
    await mentee.post("/api/checkins", {
      date: new Date().toISOString().slice(0, 10),
      mood: 4,
      craving: 2,
      note: "private words",
    });
    expect((await mr.put(`/api/mentorships/${id}/shares`, { items: ["goals"] })).statusCode).toBe(403);
    expect((await mentee.put(`/api/mentorships/${id}/shares`, { items: ["plan"] })).statusCode).toBe(400);
    const set = await mentee.put(`/api/mentorships/${id}/shares`, { items: ["goals", "checkins"] });
    expect(set.json().shares.sort()).toEqual(["checkins", "goals"]);

    const view = (await mr.get(`/api/mentorships/${id}/shared`)).json();
    expect(view.mentee.handle).toBe(mentee.handle);
    expect(view.goals.map((g: { title: string }) => g.title)).toEqual(["Call my sponsor"]);
    expect(view.checkins[0]).toEqual({ date: expect.any(String), mood: 4, craving: 2 });
    expect(view).not.toHaveProperty("journeys");
    expect(JSON.stringify(view)).not.toContain("private words");
    const log = (await mentee.get("/api/me/access-log")).json().items;
    expect(
      log.map((e: { recordType: string; viewer: { role: string } }) => `${e.viewer.role}:${e.recordType}`).sort(),
    ).toEqual(["mentor:progress.checkins", "mentor:progress.goals"]);

    expect((await mentee.get(`/api/mentorships/${id}/shared`)).statusCode).toBe(404);
    expect((await (await t.makeMember()).get(`/api/mentorships/${id}/shared`)).statusCode).toBe(404);
    await mentee.put(`/api/mentorships/${id}/shares`, { items: [] });
    const after = (await mr.get(`/api/mentorships/${id}/shared`)).json();
    expect(after).toEqual({ mentee: { handle: mentee.handle }, shares: [] });
  });
});

describe("mentor wellbeing and hand-off", () => {
  it("asks every two weeks, offers a pause on strain, and hands a mentee on with both sides' consent", async () => {
    const { mentor: mr, mentee, id } = await pair();
    await t.db.execute(
      sql.raw(`update mentor_profiles set published_at = now() - interval '15 days' where member_id = '${mr.id}'`),
    );
    expect((await mr.get("/api/mentor-profile")).json().wellbeing.due).toBe(true);
    expect((await mr.post("/api/mentor-checkins", { feeling: 9, timeSpent: "1_3h" })).statusCode).toBe(400);
    expect((await mentee.post("/api/mentor-checkins", { feeling: 3, timeSpent: "1_3h" })).statusCode).toBe(404);
    const strained = await mr.post("/api/mentor-checkins", { feeling: 2, timeSpent: "over_6h", needBreak: true });
    expect(strained.statusCode).toBe(201);
    expect(strained.json().strain).toBe(true);
    expect((await mr.get("/api/mentor-profile")).json().wellbeing.due).toBe(false);

    // The mentor suggests a hand-off; only the mentee can agree, by asking someone new.
    const next = await mentor();
    expect((await mentee.post(`/api/mentorships/${id}/handoff`)).statusCode).toBe(409);
    expect((await mr.post(`/api/mentorships/${id}/handoff`)).json().handoffProposed).toBe(true);
    expect((await mentee.get(`/api/mentorships/${id}`)).json().can.answerHandoff).toBe(true);
    expect(
      (await mr.post(`/api/mentorships/${id}/handoff/accept`, { mentorId: next.profileId, message: "hi" })).statusCode,
    ).toBe(409);
    const asked = await mentee.post(`/api/mentorships/${id}/handoff/accept`, {
      mentorId: next.profileId,
      message: "My mentor is taking a break; could you walk with me?",
    });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json().handoff).toBe(true);
    expect((await mentee.get(`/api/mentorships/${id}`)).json().status).toBe("active");
    await next.post(`/api/mentorships/${asked.json().id}/accept`);
    const old = (await mr.get(`/api/mentorships/${id}`)).json();
    expect(old).toMatchObject({ status: "ended", endNote: "Handed on with care to a new mentor." });
  });
});

describe("reporting a conversation", () => {
  async function conversation() {
    const p = await pair();
    for (const [who, text] of [
      [p.mentee, "Thanks for today."],
      [p.mentor, "You should send me photos of yourself."],
      [p.mentee, "I'd rather not."],
      [p.mentor, "Don't tell anyone about our chats."],
    ] as const) {
      const res = await who.post(`/api/mentorships/${p.id}/messages`, { id: text.slice(0, 12), text });
      expect(res.statusCode, res.body).toBe(201);
    }
    const seqs = (await p.mentee.get(`/api/mentorships/${p.id}/messages`))
      .json()
      .items.map((m: { seq: number }) => m.seq) as number[];
    return { ...p, seqs };
  }

  it("copies only the chosen messages into a report for the community's moderators; each view is audited and logged", async () => {
    const { mentor: mr, mentee, id, seqs } = await conversation();
    const moderator = await t.makeMember();
    await t.db.insert(forumModerators).values({ memberId: moderator.id });
    const res = await mentee.post(`/api/mentorships/${id}/reports`, {
      reason: "harassment",
      note: "He keeps asking for photos.",
      seqs: [seqs[1], seqs[2]],
    });
    expect(res.statusCode, res.body).toBe(201);
    const report = res.json();
    expect(report).toMatchObject({ type: "direct_message", reason: "harassment", status: "open" });

    // The reporter sees the report and its state.
    const mine = (await mentee.get("/api/moderation/reports/mine")).json().items;
    expect(mine[0]).toMatchObject({ id: report.id, type: "direct_message", status: "open" });

    // It is in the community queue, about the mentor.
    const queue = (await moderator.get("/api/moderation/queue?scope=community")).json().items;
    expect(queue.find((i: { id: string }) => i.id === report.id)).toMatchObject({
      type: "direct_message",
      subjectHandle: mr.handle,
    });
    // The detail carries exactly the chosen messages, nothing else of the conversation.
    const detail = await moderator.get(`/api/moderation/reports/direct_message/${report.id}`);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json()).toMatchObject({ status: "reviewing", subject: { handle: mr.handle } });
    expect(detail.json().context).toEqual([
      expect.objectContaining({ from: mr.handle, text: "You should send me photos of yourself.", reported: true }),
      expect.objectContaining({ from: mentee.handle, text: "I'd rather not.", reported: false }),
    ]);
    expect(detail.body).not.toContain("Thanks for today.");
    expect(detail.body).not.toContain("Don't tell anyone");
    // The mentor sees the moderator's look in their access log; the audit log has the view.
    const access = (await mr.get("/api/me/access-log")).json().items;
    expect(access[0]).toMatchObject({
      viewer: { handle: moderator.handle, role: "moderator" },
      recordType: "reported_direct_message",
    });
    expect(
      await count(
        "moderation_audit",
        `moderator_id = '${moderator.id}' and event = 'viewed_report' and target_id = '${report.id}'`,
      ),
    ).toBe(1);
    expect((await mentee.get("/api/moderation/reports/mine")).json().items[0].status).toBe("reviewing");
    // A moderator acts on it; the reporter sees it resolved, the mentor reads the reason in their notices.
    const action = await moderator.post("/api/moderation/actions", {
      kind: "warn",
      reason: "Please don't ask anyone for photos of themselves.",
      report: { type: "direct_message", id: report.id },
    });
    expect(action.statusCode, action.body).toBe(201);
    expect((await mentee.get("/api/moderation/reports/mine")).json().items[0].status).toBe("resolved");
    expect((await mr.get("/api/me/notices")).json().items[0]).toMatchObject({ kind: "warn" });

    // A moderator reads the conversation no other way.
    expect((await moderator.get(`/api/mentorships/${id}/messages`)).statusCode).toBe(404);
    expect((await moderator.get(`/api/mentorships/${id}`)).statusCode).toBe(404);
    expect((await moderator.post(`/api/mentorships/${id}/reports`, { reason: "spam", last: 2 })).statusCode).toBe(404);

    // The mentor may report too, with the last few messages; an ended conversation can still be reported.
    await mr.post(`/api/mentorships/${id}/end`, { note: "Take care." });
    const theirs = await mr.post(`/api/mentorships/${id}/reports`, { reason: "other", last: 3 });
    expect(theirs.statusCode, theirs.body).toBe(201);
    const seen = (await moderator.get(`/api/moderation/reports/direct_message/${theirs.json().id}`)).json();
    expect(seen.context.map((c: { text: string }) => c.text)).toEqual([
      "You should send me photos of yourself.",
      "I'd rather not.",
      "Don't tell anyone about our chats.",
    ]);
    expect(seen.subject.handle).toBe(mentee.handle);
  });

  it("refuses bad input and wrong people, storing nothing", async () => {
    const { mentor: mr, mentee, id, seqs } = await conversation();
    const stranger = await t.makeMember();
    const orgAdmin = await t.makeMember();
    const org = await makeOrganisation(t.db, { adminId: orgAdmin.id });
    const other = await conversation();
    const before = await count("moderation_reports", "kind = 'direct_message'");
    for (const body of [
      { reason: "harassment" },
      { reason: "harassment", seqs: [seqs[1]], last: 2 },
      { reason: "shouting", last: 2 },
      { reason: "harassment", seqs: [] },
      { reason: "harassment", last: 21 },
      { reason: "harassment", last: 2, note: "x".repeat(2001) },
      { reason: "harassment", last: 2, extra: true },
    ]) {
      const res = await mentee.post(`/api/mentorships/${id}/reports`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    // Messages of another conversation, or none of theirs.
    const foreign = await mentee.post(`/api/mentorships/${id}/reports`, {
      reason: "harassment",
      seqs: [other.seqs[1]],
    });
    expect(foreign.statusCode).toBe(400);
    const ownOnly = await mentee.post(`/api/mentorships/${id}/reports`, { reason: "harassment", seqs: [seqs[0]] });
    expect(ownOnly.statusCode).toBe(400);
    expect(ownOnly.json().error.message).toMatch(/their messages/);
    // Not one of the two: not found.
    for (const who of [stranger, orgAdmin, other.mentee]) {
      expect((await who.post(`/api/mentorships/${id}/reports`, { reason: "spam", last: 2 })).statusCode).toBe(404);
    }
    expect((await t.anonymous().post(`/api/mentorships/${id}/reports`, { reason: "spam", last: 2 })).statusCode).toBe(
      401,
    );
    expect(await count("moderation_reports", "kind = 'direct_message'")).toBe(before);

    // A report exists; an organisation's admin, a member and the reported member cannot read it.
    const report = (await mentee.post(`/api/mentorships/${id}/reports`, { reason: "spam", last: 2 })).json();
    for (const who of [orgAdmin, stranger, mr, mentee]) {
      expect((await who.get(`/api/moderation/reports/direct_message/${report.id}`)).statusCode).toBe(404);
    }
    expect((await orgAdmin.get(`/api/moderation/queue?scope=${org.id}`)).json().items).toEqual([]);
    expect((await orgAdmin.get("/api/moderation/queue?scope=community")).statusCode).toBe(404);
    expect(await count("moderation_audit", `target_id = '${report.id}'`)).toBe(0);
    expect((await mr.get("/api/me/access-log")).json().items).toEqual([]);
  });
});

describe("crisis words in a private message", () => {
  const HIGH = "I'm 60 days sober and today I just want to die.";
  const BENIGN = "That meeting killed me, I laughed so hard at the secretary's jokes.";

  it("are delivered, never blocked; the sender gets crisis lines and responders an alert without the words", async () => {
    const { mentor: mr, mentee, id } = await pair();
    const responder = await t.makeMember();
    await t.db.insert(safetyResponders).values({ organisationId: null, memberId: responder.id });
    const benign = await mentee.post(`/api/mentorships/${id}/messages`, { id: "b-1", text: BENIGN });
    expect(benign.statusCode).toBe(201);
    expect(benign.json()).not.toHaveProperty("crisis");
    expect(await count("safety_alerts", `author_id = '${mentee.id}'`)).toBe(0);

    const res = await mentee.post(`/api/mentorships/${id}/messages`, { id: "h-1", text: HIGH });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().crisis).toMatchObject({ severity: "high", category: "suicide" });
    expect(res.json().crisis.resources.length).toBeGreaterThan(0);
    expect((await mr.get(`/api/mentorships/${id}/messages`)).json().items.at(-1).text).toBe(HIGH);

    const alert = (await responder.get("/api/safety/alerts"))
      .json()
      .items.find((a: { author: string }) => a.author === mentee.handle);
    expect(alert).toMatchObject({ source: "direct_message", severity: "high", place: "A private message", link: null });
    const detail = await responder.get(`/api/safety/alerts/${alert.id}`);
    expect(detail.json().excerpt).toBeNull();
    expect(detail.body).not.toContain("want to die");
    // A retry of the same send is stored once and raises nothing new.
    const retry = await mentee.post(`/api/mentorships/${id}/messages`, { id: "h-1", text: HIGH });
    expect(retry.json()).not.toHaveProperty("crisis");
  });

  it("on the socket: only the sending socket hears the crisis lines", async () => {
    const { mentor: mr, mentee, id } = await pair();
    const [mentorWs, menteeWs] = [await connect(mr), await connect(mentee)];
    try {
      menteeWs.send({ type: "dm.send", mentorship: id, id: "ws-b", text: BENIGN });
      await menteeWs.next((m) => m.type === "ack" && m.id === "ws-b");
      menteeWs.send({ type: "dm.send", mentorship: id, id: "ws-h", text: HIGH });
      const notice = await menteeWs.next((m) => (m.type as string) === "dm.crisis");
      expect(notice).toMatchObject({ mentorship: id, id: "ws-h", crisis: { severity: "high" } });
      await mentorWs.next(
        (m) =>
          (m.type as string) === "dm.message" && (m as unknown as { message: { text: string } }).message.text === HIGH,
      );
      expect(menteeWs.messages.filter((m) => (m.type as string) === "dm.crisis")).toHaveLength(1);
      expect(mentorWs.messages.some((m) => (m.type as string) === "dm.crisis")).toBe(false);
      expect(await count("safety_alerts", `author_id = '${mentee.id}' and source = 'direct_message'`)).toBe(1);
    } finally {
      for (const ws of [mentorWs, menteeWs]) ws.ws.close();
    }
  });
});

describe("may A message B", () => {
  it("is true only between the two people of an active mentorship", async () => {
    const { mentor: mr, mentee } = await pair();
    const stranger = await t.makeMember();
    const service = (await import("./service.ts")).createMentorshipService({
      db: t.db,
      hub: { publish: async () => {}, subscribe: async () => async () => {}, close: async () => {} },
    });
    expect(await service.mayMessage(mentee.id, mr.id)).toBe(true);
    expect(await service.mayMessage(mr.id, mentee.id)).toBe(true);
    expect(await service.mayMessage(stranger.id, mentee.id)).toBe(false);
    expect(await service.mayMessage(mentee.id, mentee.id)).toBe(false);
  });
});

describe("blocks and profile fields for my mentor", () => {
  it("a block either way hides the mentor, refuses the request and closes messages", async () => {
    const mr = await mentor({ languages: ["it"] });
    const member = await t.makeMember();
    await member.put("/api/mentorship/preferences", { languages: ["it"] });
    expect((await mr.request("PUT", `/api/me/blocks/${member.handle}`, { kind: "block" })).statusCode).toBe(204);
    expect((await member.get("/api/mentors")).json().items.map((i: { id: string }) => i.id)).not.toContain(
      mr.profileId,
    );
    expect((await ask(member, mr.profileId)).statusCode).toBe(404);
    await mr.delete(`/api/me/blocks/${member.handle}`);
    const id = (await ask(member, mr.profileId)).json().id;
    await mr.post(`/api/mentorships/${id}/accept`);
    expect((await member.post(`/api/mentorships/${id}/messages`, { id: "b-1", text: "hi" })).statusCode).toBe(201);
    await member.request("PUT", `/api/me/blocks/${mr.handle}`, { kind: "block" });
    const refused = await mr.post(`/api/mentorships/${id}/messages`, { id: "b-2", text: "hello?" });
    expect(refused.statusCode).toBe(409);
    expect(await count("mentorship_messages", `mentorship_id = '${id}'`)).toBe(1);
  });

  it("shows fields a member keeps for their mentor to their active mentor only", async () => {
    const { mentor: mr, mentee, id } = await pair();
    const stranger = await t.makeMember();
    await mentee.patch("/api/me/profile", { pronouns: { value: "they/them", visibility: "mentor" } });
    expect((await mr.get(`/api/members/${mentee.handle}`)).json().profile.pronouns).toBe("they/them");
    expect((await stranger.get(`/api/members/${mentee.handle}`)).json().profile.pronouns).toBeUndefined();
    // The mentee doesn't see the mentor's "mentor" fields: it's one way.
    await mr.patch("/api/me/profile", { pronouns: { value: "he/him", visibility: "mentor" } });
    expect((await mentee.get(`/api/members/${mr.handle}`)).json().profile.pronouns).toBeUndefined();
    await mr.post(`/api/mentorships/${id}/end`, { note: "Take care." });
    expect((await mr.get(`/api/members/${mentee.handle}`)).json().profile.pronouns).toBeUndefined();
  });
});

describe("demo", () => {
  it("river mentors luz, has a request from sam_h waiting, and a check-in due", async () => {
    expect(await seedDemo(t.db)).toBe(true);
    const login = async (handle: string) => {
      const agent = t.anonymous();
      const passphrase = DEMO_MEMBERS.find((m) => m.handle === handle)?.passphrase;
      expect((await agent.post("/api/auth/login", { handle, passphrase })).statusCode).toBe(200);
      return agent;
    };
    const river = await login("river");
    const mine = (await river.get("/api/mentorships")).json().items;
    expect(
      mine.map((m: { status: string; other: { handle: string } }) => `${m.status}:${m.other.handle}`).sort(),
    ).toEqual(["active:luz", "requested:sam_h"]);
    const profile = (await river.get("/api/mentor-profile")).json();
    expect(profile).toMatchObject({ trained: true, activeMentees: 1, helped: 1, wellbeing: { due: true } });
    const luz = await login("luz");
    const active = mine.find((m: { status: string }) => m.status === "active");
    const history = (await luz.get(`/api/mentorships/${active.id}/messages`)).json();
    expect(history.items).toHaveLength(4);
  });
});

describe("the member's data", () => {
  it("is in the export, and gone with the account", async () => {
    const { mentor: mr, mentee, id } = await pair();
    await mentee.put("/api/mentorship/preferences", { languages: ["en"] });
    await mentee.put(`/api/mentorships/${id}/shares`, { items: ["milestones"] });
    await mentee.post(`/api/mentorships/${id}/messages`, { id: "e-1", text: "Thank you for today." });
    await mr.post(`/api/mentorships/${id}/messages`, { id: "e-2", text: "Proud of you." });
    await mr.post("/api/mentor-checkins", { feeling: 4, timeSpent: "1_3h", note: "Felt good to help." });
    const reported = await mentee.post(`/api/mentorships/${id}/reports`, {
      reason: "other",
      note: "Checking.",
      last: 2,
    });
    expect(reported.statusCode).toBe(201);

    const mine = (await mr.get("/api/me/export")).json().mentorship;
    expect(mine.profile.capacity).toBe(2);
    expect(mine.training).toHaveLength(1);
    expect(mine.wellbeing[0]).toMatchObject({ feeling: 4, note: "Felt good to help." });
    expect(mine.mentorships[0]).toMatchObject({ role: "mentor", otherHandle: mentee.handle, shares: ["milestones"] });
    expect(mine.mentorships[0].messages.map((m: { from: string }) => m.from)).toEqual([mentee.handle, mr.handle]);
    const theirs = (await mentee.get("/api/me/export")).json().mentorship;
    expect(theirs.preferences.languages).toEqual(["en"]);
    expect(theirs.wellbeing).toEqual([]);
    expect(theirs.profile).toBeNull();
    expect((await mentee.get("/api/me/export")).json().moderation.reports[0]).toMatchObject({
      type: "direct_message",
      note: "Checking.",
    });

    const gone = await mentee.request("DELETE", "/api/me", { passphrase: mentee.passphrase });
    expect(gone.statusCode).toBe(204);
    for (const table of ["mentorships", "mentee_preferences"]) {
      expect(await count(table, `${table === "mentorships" ? "mentee_id" : "member_id"} = '${mentee.id}'`)).toBe(0);
    }
    expect(await count("mentorship_messages", `mentorship_id = '${id}'`)).toBe(0);
    expect(await count("mentorship_shares", `mentorship_id = '${id}'`)).toBe(0);
    // The report stays for the moderators, without the reporter, their note or their own words.
    const left = await t.db.execute(
      sql`select reporter_id, note, snapshot from moderation_reports where id = ${reported.json().id}`,
    );
    const row = (left as unknown as { rows: { reporter_id: string | null; note: string; snapshot: unknown }[] })
      .rows[0];
    expect(row).toMatchObject({ reporter_id: null, note: "" });
    expect(JSON.stringify(row?.snapshot)).not.toContain("Thank you for today.");
    expect(JSON.stringify(row?.snapshot)).toContain("Proud of you.");
    expect((await mr.get("/api/mentorships")).json().items).toEqual([]);
    expect((await mr.get("/api/mentor-profile")).json().activeMentees).toBe(0);
  });
});

export type { Member };
