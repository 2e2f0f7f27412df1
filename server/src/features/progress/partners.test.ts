import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganisation } from "../../test/directory-factories.ts";
import { buildTestApp, type TestApp } from "../../test/helper.ts";
import { addDays, todayIn } from "./milestones.ts";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

type Member = Awaited<ReturnType<TestApp["makeMember"]>>;
const today = () => todayIn("UTC");
const NOTE = "private note: the bus past the old pub";

/** A member with a journey, a check-in with a note, a goal and a plan: something to share or not. */
async function memberWithData(note = NOTE) {
  const m = await t.makeMember();
  const journey = (await m.post("/api/journeys", { label: "Alcohol", startDate: addDays(today(), -45) })).json();
  await m.post(`/api/journeys/${journey.id}/slips`, { date: addDays(today(), -31), note: `slip words (${note})` });
  await m.post("/api/checkins", {
    date: today(),
    mood: 2,
    craving: 7,
    helped: "helped words",
    gratitude: "gratitude words",
    triggersOwnWords: "trigger words",
    note,
  });
  const goal = (await m.post("/api/goals", { title: "Call my mentor", repeat: "daily" })).json();
  await m.put("/api/plan", {
    triggers: ["Payday"],
    warningSigns: ["Isolating"],
    copingStrategies: ["Walk"],
    people: [{ name: "Sam", phone: "07700 900123" }],
    reasons: ["My kids"],
  });
  return { m, journey, goal };
}

/** `owner` invites `partner`, who accepts; `shares` is what the owner shares. */
async function partners(owner: Member, partner: Member, shares: string[], back: string[] = []) {
  const invite = await owner.post("/api/partners", { handle: partner.handle, shares });
  expect(invite.statusCode).toBe(201);
  const accepted = await partner.post(`/api/partners/${invite.json().id}/accept`, { shares: back });
  expect(accepted.statusCode).toBe(200);
  return invite.json().id as string;
}

const accessLogOf = async (m: Member) => (await m.get("/api/me/access-log")).json().items;

describe("invitations", () => {
  it("invites by handle; the invited member sees it and accepts; both see the partnership", async () => {
    const a = await t.makeMember();
    const b = await t.makeMember();
    const res = await a.post("/api/partners", { handle: b.handle.toUpperCase(), shares: ["checkins", "goals"] });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      partner: { handle: b.handle },
      status: "pending",
      direction: "outgoing",
      myShares: ["checkins", "goals"],
      theirShares: [],
    });
    const incoming = (await b.get("/api/partners")).json().items;
    expect(incoming).toEqual([
      expect.objectContaining({
        id: res.json().id,
        direction: "incoming",
        status: "pending",
        partner: { handle: a.handle },
      }),
    ]);
    // Until accepted, nothing is shared and nothing can be seen.
    expect(incoming[0].theirShares).toEqual([]);
    expect((await b.get(`/api/partners/${res.json().id}/shared`)).statusCode).toBe(404);

    const accepted = await b.post(`/api/partners/${res.json().id}/accept`, { shares: ["milestones"] });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({
      status: "active",
      myShares: ["milestones"],
      theirShares: ["checkins", "goals"],
    });
    expect((await a.get("/api/partners")).json().items[0]).toMatchObject({
      status: "active",
      myShares: ["checkins", "goals"],
      theirShares: ["milestones"],
    });
  });

  it("refuses inviting yourself, an unknown handle, or a pair that already has one", async () => {
    const a = await t.makeMember();
    const b = await t.makeMember();
    const self = await a.post("/api/partners", { handle: a.handle });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.field).toBe("handle");
    expect((await a.post("/api/partners", { handle: "nobody_by_this_name" })).statusCode).toBe(404);
    const empty = await a.post("/api/partners", { handle: "" });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.field).toBe("handle");
    const badShare = await a.post("/api/partners", { handle: b.handle, shares: ["notes"] });
    expect(badShare.statusCode).toBe(400);
    expect(badShare.json().error.field).toBe("shares.0");
    expect((await a.post("/api/partners", { handle: b.handle })).statusCode).toBe(201);
    const twice = await a.post("/api/partners", { handle: b.handle });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.field).toBe("handle");
    expect((await b.post("/api/partners", { handle: a.handle })).statusCode).toBe(409);
    expect((await a.get("/api/partners")).json().items).toHaveLength(1);
  });

  it("only the invited member accepts; a stranger can't touch it", async () => {
    const a = await t.makeMember();
    const b = await t.makeMember();
    const stranger = await t.makeMember();
    const id = (await a.post("/api/partners", { handle: b.handle })).json().id;
    expect((await a.post(`/api/partners/${id}/accept`)).statusCode).toBe(403);
    expect((await stranger.post(`/api/partners/${id}/accept`)).statusCode).toBe(404);
    expect((await stranger.delete(`/api/partners/${id}`)).statusCode).toBe(404);
    expect((await stranger.put(`/api/partners/${id}/shares`, { shares: ["plan"] })).statusCode).toBe(404);
    expect((await stranger.post(`/api/partners/${id}/encouragements`, { message: "hi" })).statusCode).toBe(404);
    expect((await stranger.get("/api/partners")).json().items).toEqual([]);
    expect((await t.anonymous().get("/api/partners")).statusCode).toBe(401);
    expect((await b.post(`/api/partners/${id}/accept`)).statusCode).toBe(200);
    expect((await b.post(`/api/partners/${id}/accept`)).statusCode).toBe(403);
  });

  it("can be declined or withdrawn, after which a new invitation is possible", async () => {
    const a = await t.makeMember();
    const b = await t.makeMember();
    const first = (await a.post("/api/partners", { handle: b.handle })).json().id;
    expect((await b.delete(`/api/partners/${first}`)).statusCode).toBe(204);
    expect((await a.get("/api/partners")).json().items).toEqual([]);
    expect((await b.post(`/api/partners/${first}/accept`)).statusCode).toBe(404);
    const second = (await a.post("/api/partners", { handle: b.handle })).json().id;
    expect((await a.delete(`/api/partners/${second}`)).statusCode).toBe(204);
    expect((await a.delete(`/api/partners/${second}`)).statusCode).toBe(404);
  });
});

describe("limits", () => {
  it("refuses a 21st invitation in a day, so declining can't be worn down", async () => {
    const a = await t.makeMember();
    const b = await t.makeMember();
    for (let i = 0; i < 20; i++) {
      const res = await a.post("/api/partners", { handle: b.handle });
      expect(res.statusCode).toBe(201);
      expect((await b.delete(`/api/partners/${res.json().id}`)).statusCode).toBe(204);
    }
    const refused = await a.post("/api/partners", { handle: b.handle });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe("rate_limited");
    expect((await b.get("/api/partners")).json().items).toEqual([]);
  });
});

describe("what a partner sees", () => {
  it("sees only the items shared: mood and craving, never a note or private words, and it is logged", async () => {
    const { m: owner } = await memberWithData();
    const partner = await t.makeMember();
    const id = await partners(owner, partner, ["checkins"]);
    const res = await partner.get(`/api/partners/${id}/shared`);
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view).toEqual({
      partner: { handle: owner.handle },
      shares: ["checkins"],
      checkins: [{ date: today(), mood: 2, craving: 7 }],
    });
    for (const secret of [
      NOTE,
      "helped words",
      "gratitude words",
      "trigger words",
      "slip words",
      "Payday",
      "Sam",
      "Call my mentor",
    ]) {
      expect(res.body).not.toContain(secret);
    }
    const log = await accessLogOf(owner);
    expect(log).toEqual([
      expect.objectContaining({ viewer: { handle: partner.handle, role: "partner" }, recordType: "progress.checkins" }),
    ]);
    // The owner's own view of the partnership never logs anything against the partner.
    expect(await accessLogOf(partner)).toEqual([]);
  });

  it("sees journeys, milestones, goals and the plan only once each is shared, item by item", async () => {
    const { m: owner } = await memberWithData();
    const partner = await t.makeMember();
    const id = await partners(owner, partner, ["milestones"]);
    const first = (await partner.get(`/api/partners/${id}/shared`)).json();
    expect(Object.keys(first).sort()).toEqual(["milestones", "partner", "shares"]);
    // Without journeys shared, a milestone doesn't name the journey.
    expect(first.milestones).toEqual([
      { id: "1d", on: addDays(today(), -30), journeyLabel: null },
      { id: "30d", on: addDays(today(), -1), journeyLabel: null },
    ]);

    const updated = await owner.put(`/api/partners/${id}/shares`, {
      shares: ["journeys", "milestones", "goals", "plan"],
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().myShares).toEqual(["journeys", "milestones", "goals", "plan"]);
    const res = await partner.get(`/api/partners/${id}/shared`);
    const view = res.json();
    expect(view.journeys).toEqual([
      expect.objectContaining({ label: "Alcohol", currentDays: 31, totalDays: 45, startDate: addDays(today(), -31) }),
    ]);
    expect(view.milestones[1]).toEqual({ id: "30d", on: addDays(today(), -1), journeyLabel: "Alcohol" });
    expect(view.goals).toEqual([expect.objectContaining({ title: "Call my mentor", repeat: "daily", streak: 0 })]);
    expect(view.plan).toMatchObject({
      triggers: ["Payday"],
      people: [{ name: "Sam", phone: "07700 900123", note: "" }],
    });
    expect(view.checkins).toBeUndefined();
    expect(res.body).not.toContain(NOTE);
    expect(res.body).not.toContain("slip words");
    const types = (await accessLogOf(owner)).map((e: { recordType: string }) => e.recordType).sort();
    expect(types).toEqual([
      "progress.goals",
      "progress.journeys",
      "progress.milestones",
      "progress.milestones",
      "progress.plan",
    ]);

    // Taking a share back takes it away at once.
    await owner.put(`/api/partners/${id}/shares`, { shares: [] });
    expect((await partner.get(`/api/partners/${id}/shared`)).json()).toEqual({
      partner: { handle: owner.handle },
      shares: [],
    });
  });

  it("shares are one-way: what I share says nothing about what my partner shares", async () => {
    const { m: a } = await memberWithData();
    const { m: b } = await memberWithData();
    const id = await partners(a, b, ["checkins"], []);
    expect((await a.get(`/api/partners/${id}/shared`)).json()).toEqual({ partner: { handle: b.handle }, shares: [] });
    expect((await b.get(`/api/partners/${id}/shared`)).json().checkins).toHaveLength(1);
  });

  it("a stranger, an organisation admin and an ended partner see nothing at all", async () => {
    const { m: owner } = await memberWithData();
    const partner = await t.makeMember();
    const stranger = await t.makeMember();
    const admin = await t.makeMember();
    await makeOrganisation(t.db, { adminId: admin.id });
    const id = await partners(owner, partner, ["journeys", "milestones", "checkins", "goals", "plan"]);
    for (const other of [stranger, admin]) {
      expect((await other.get(`/api/partners/${id}/shared`)).statusCode).toBe(404);
    }
    expect((await t.anonymous().get(`/api/partners/${id}/shared`)).statusCode).toBe(401);
    expect((await partner.get(`/api/partners/${id}/shared`)).statusCode).toBe(200);

    expect((await partner.delete(`/api/partners/${id}`)).statusCode).toBe(204);
    const after = await partner.get(`/api/partners/${id}/shared`);
    expect(after.statusCode).toBe(404);
    expect(after.body).not.toContain("Alcohol");
    expect((await owner.get(`/api/partners/${id}/shared`)).statusCode).toBe(404);
    expect((await partner.post(`/api/partners/${id}/encouragements`, { message: "still here" })).statusCode).toBe(404);
    expect((await owner.put(`/api/partners/${id}/shares`, { shares: ["plan"] })).statusCode).toBe(404);
    expect((await owner.get("/api/partners")).json().items).toEqual([]);
    const shares = await t.db.execute(
      sql.raw(`select count(*)::int as n from partner_shares where partnership_id = '${id}'`),
    );
    expect((shares as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(0);
  });
});

describe("notices", () => {
  it("carry encouragement between active partners, and can be marked read", async () => {
    const a = await t.makeMember();
    const b = await t.makeMember();
    const id = await partners(a, b, []);
    const sent = await b.post(`/api/partners/${id}/encouragements`, { message: "Proud of you. One day at a time." });
    expect(sent.statusCode).toBe(204);
    const notices = (await a.get("/api/progress/notices")).json();
    expect(notices.unread).toBe(1);
    expect(notices.items).toEqual([
      expect.objectContaining({
        kind: "encouragement",
        from: { handle: b.handle },
        message: "Proud of you. One day at a time.",
        read: false,
      }),
    ]);
    expect((await b.get("/api/progress/notices")).json().items).toEqual([]);
    expect((await a.post("/api/progress/notices/read")).statusCode).toBe(204);
    expect((await a.get("/api/progress/notices")).json()).toMatchObject({ unread: 0, items: [{ read: true }] });

    for (const [body, field] of [
      [{ message: "" }, "message"],
      [{ message: "x".repeat(281) }, "message"],
      [{}, "message"],
    ] as const) {
      const res = await b.post(`/api/partners/${id}/encouragements`, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.field).toBe(field);
    }
    expect((await a.get("/api/progress/notices")).json().items).toHaveLength(1);
  });

  it("tell partners who share goals when a commitment is missed, and only them", async () => {
    const owner = await t.makeMember();
    const told = await t.makeMember();
    const notTold = await t.makeMember();
    await partners(owner, told, ["goals"]);
    await partners(owner, notTold, ["checkins"]);
    const goal = (await owner.post("/api/goals", { title: "Three meetings this week", repeat: "weekly" })).json();
    await owner.post(`/api/goals/${goal.id}/records`, { status: "missed" });
    await owner.post(`/api/goals/${goal.id}/records`, { status: "missed" }); // told once
    const notices = (await told.get("/api/progress/notices")).json().items;
    expect(notices).toEqual([
      expect.objectContaining({
        kind: "goal_missed",
        goalTitle: "Three meetings this week",
        from: { handle: owner.handle },
      }),
    ]);
    expect((await notTold.get("/api/progress/notices")).json().items).toEqual([]);
  });

  it("tell partners who share milestones when one is reached, naming the journey only if journeys are shared", async () => {
    const owner = await t.makeMember();
    const withJourneys = await t.makeMember();
    const milestonesOnly = await t.makeMember();
    await partners(owner, withJourneys, ["journeys", "milestones"]);
    await partners(owner, milestonesOnly, ["milestones"]);
    const journey = (await owner.post("/api/journeys", { label: "Cannabis", startDate: addDays(today(), -30) })).json();
    await owner.get(`/api/journeys/${journey.id}`); // reading again tells no one twice
    expect((await withJourneys.get("/api/progress/notices")).json().items).toEqual([
      expect.objectContaining({ kind: "milestone", milestone: "30d", journeyLabel: "Cannabis" }),
    ]);
    expect((await milestonesOnly.get("/api/progress/notices")).json().items).toEqual([
      expect.objectContaining({ kind: "milestone", milestone: "30d", journeyLabel: null }),
    ]);
  });

  it("tell the partners chosen for I'm struggling at once, without repeating within minutes", async () => {
    const { m: owner } = await memberWithData();
    const chosen = await t.makeMember();
    const other = await t.makeMember();
    await partners(owner, chosen, ["struggling"]);
    await partners(owner, other, ["checkins"]);
    const res = await owner.post("/api/struggling");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ notified: 1, plan: { copingStrategies: ["Walk"] } });
    await owner.post("/api/struggling");
    expect((await chosen.get("/api/progress/notices")).json().items).toEqual([
      expect.objectContaining({ kind: "struggling", from: { handle: owner.handle } }),
    ]);
    expect((await other.get("/api/progress/notices")).json().items).toEqual([]);
    // The plan itself was not shared with the chosen partner: telling them is not showing it.
    expect((await chosen.get("/api/progress/notices")).body).not.toContain("Walk");
  });

  it("go with the partnership when it ends", async () => {
    const a = await t.makeMember();
    const b = await t.makeMember();
    const id = await partners(a, b, []);
    await b.post(`/api/partners/${id}/encouragements`, { message: "You've got this" });
    await a.delete(`/api/partners/${id}`);
    expect((await a.get("/api/progress/notices")).json()).toEqual({ items: [], unread: 0 });
  });
});

describe("export and deletion", () => {
  it("exports all the member's progress and none of a partner's private data", async () => {
    const { m: owner } = await memberWithData();
    const { m: partner } = await memberWithData("the partner's own note");
    const id = await partners(owner, partner, ["checkins"], ["checkins"]);
    await partner.post(`/api/partners/${id}/encouragements`, { message: "Keep going" });
    await owner.post(`/api/partners/${id}/encouragements`, { message: "You too" });
    const res = await owner.get("/api/me/export");
    expect(res.statusCode).toBe(200);
    const { progress } = res.json();
    expect(progress.journeys).toEqual([
      expect.objectContaining({
        label: "Alcohol",
        attempts: [
          expect.objectContaining({ slipNote: `slip words (${NOTE})` }),
          expect.objectContaining({ endDate: null }),
        ],
      }),
    ]);
    expect(progress.checkins).toEqual([expect.objectContaining({ note: NOTE, mood: 2 })]);
    expect(progress.goals).toEqual([expect.objectContaining({ title: "Call my mentor" })]);
    expect(progress.plan).toMatchObject({ triggers: ["Payday"] });
    expect(progress.partnerships).toEqual([
      expect.objectContaining({ partnerHandle: partner.handle, status: "active", myShares: ["checkins"] }),
    ]);
    expect(progress.noticesReceived).toEqual([
      expect.objectContaining({ kind: "encouragement", message: "Keep going" }),
    ]);
    expect(progress.encouragementsSent).toEqual([
      { toHandle: partner.handle, message: "You too", createdAt: expect.any(String) },
    ]);
    // The partner shares their check-ins with the owner, but they are the partner's data, not the owner's.
    expect(res.body).not.toContain("the partner's own note");
  });

  it("deleting the account leaves no progress row of the member behind", async () => {
    const leaverNote = "the leaver's own private note";
    const { m } = await memberWithData(leaverNote);
    const partner = await t.makeMember();
    const id = await partners(m, partner, ["checkins", "milestones"], ["checkins"]);
    await partner.post(`/api/partners/${id}/encouragements`, { message: "encouragement for the leaver" });
    await m.post(`/api/partners/${id}/encouragements`, { message: "words from the leaver" });
    await m.patch("/api/progress/settings", { timeZone: "Europe/Dublin", reminderTime: "08:00" });
    await partner.get(`/api/partners/${id}/shared`);

    expect((await m.delete("/api/me", { passphrase: m.passphrase })).statusCode).toBe(204);
    const tables = (await t.db.execute(
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    )) as unknown as { rows: { table_name: string }[] };
    for (const { table_name } of tables.rows) {
      const rows = (await t.db.execute(sql.raw(`select * from "${table_name}"`))) as unknown as { rows: object[] };
      const text = JSON.stringify(rows.rows);
      for (const needle of [
        m.id,
        m.handle,
        leaverNote,
        "words from the leaver",
        "encouragement for the leaver",
        `slip words (${leaverNote})`,
      ]) {
        expect(text, `${table_name} still holds ${needle}`).not.toContain(needle);
      }
    }
    expect((await partner.get("/api/partners")).json().items).toEqual([]);
    expect((await partner.get(`/api/partners/${id}/shared`)).statusCode).toBe(404);
    expect((await partner.get("/api/progress/notices")).json().items).toEqual([]);
  });
});
