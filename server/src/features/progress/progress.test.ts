import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forumModerators, organisationModerators } from "../../db/schema.ts";
import { makeOrganisation } from "../../test/directory-factories.ts";
import { buildTestApp, type TestApp } from "../../test/helper.ts";
import { addDays, todayIn } from "./milestones.ts";
import { createProgressService } from "./service.ts";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

type Member = Awaited<ReturnType<TestApp["makeMember"]>>;
const utcToday = () => todayIn("UTC");
const count = async (table: string, where = "true") => {
  const rows = await t.db.execute(sql.raw(`select count(*)::int as n from ${table} where ${where}`));
  return Number((rows as unknown as { rows: { n: number }[] }).rows[0]?.n);
};
const actorOf = (m: Member) => ({ memberId: m.id, handle: m.handle, sessionId: "test" });

/** A member with a journey that started `daysAgo` days ago (in UTC, their default zone). */
async function withJourney(daysAgo = 10, label = "Alcohol") {
  const m = await t.makeMember();
  const res = await m.post("/api/journeys", { label, startDate: addDays(utcToday(), -daysAgo) });
  expect(res.statusCode).toBe(201);
  return { m, journey: res.json() };
}

describe("journeys", () => {
  it("starts a journey (fixed contract) and counts its days with the next milestone", async () => {
    const m = await t.makeMember();
    const startDate = addDays(utcToday(), -12);
    const res = await m.post("/api/journeys", { label: "Alcohol", startDate });
    expect(res.statusCode).toBe(201);
    const journey = res.json();
    expect(journey).toMatchObject({
      label: "Alcohol",
      startDate,
      currentDays: 12,
      timeZone: "UTC",
      today: utcToday(),
      nextMilestone: { id: "30d", on: addDays(startDate, 30), daysToGo: 18 },
      totals: { totalDays: 12, longestRunDays: 12, slips: 0, averageDaysBetweenSlips: null },
    });
    expect(journey.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(journey.milestones).toEqual([{ id: "1d", on: addDays(startDate, 1), celebrated: false }]);
    expect(journey.attempts).toHaveLength(1);

    const list = await m.get("/api/journeys");
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([
      expect.objectContaining({ id: journey.id, label: "Alcohol", startDate, currentDays: 12 }),
    ]);
    expect((await m.get(`/api/journeys/${journey.id}`)).json().currentDays).toBe(12);
  });

  it("counts in the member's own zone, and a journey keeps its zone when the member travels", async () => {
    const m = await t.makeMember();
    expect((await m.patch("/api/progress/settings", { timeZone: "Pacific/Kiritimati" })).statusCode).toBe(200);
    const kiritimatiToday = todayIn("Pacific/Kiritimati");
    // It is already "today" in Kiritimati: for this member that is not the future, whatever UTC says.
    const res = await m.post("/api/journeys", { label: "Gambling", startDate: kiritimatiToday });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ timeZone: "Pacific/Kiritimati", today: kiritimatiToday, currentDays: 0 });

    // They fly to American Samoa (a day behind): the journey still counts where it began.
    await m.patch("/api/progress/settings", { timeZone: "Pacific/Pago_Pago" });
    const after = (await m.get(`/api/journeys/${res.json().id}`)).json();
    expect(after).toMatchObject({ timeZone: "Pacific/Kiritimati", today: kiritimatiToday, currentDays: 0 });

    // A member who lives in Pago Pago can't start a journey on a day that hasn't come there yet.
    const refused = await m.post("/api/journeys", { label: "Again", startDate: kiritimatiToday });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.field).toBe("startDate");

    // Moving the journey to the new zone is the member's choice.
    const moved = await m.patch(`/api/journeys/${res.json().id}`, { timeZone: "Pacific/Pago_Pago" });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ timeZone: "Pacific/Pago_Pago", today: todayIn("Pacific/Pago_Pago") });
  });

  it.each([
    [{ label: "Alcohol", startDate: "tomorrow" }, "startDate"],
    [{ label: "Alcohol", startDate: "2026-02-30" }, "startDate"],
    [{ label: "Alcohol", startDate: "1850-01-01" }, "startDate"],
    [{ label: "", startDate: "2026-01-01" }, "label"],
    [{ label: "   ", startDate: "2026-01-01" }, "label"],
    [{ label: "x".repeat(81), startDate: "2026-01-01" }, "label"],
    [{ startDate: "2026-01-01" }, "label"],
    [{ label: "Alcohol" }, "startDate"],
    [{ label: "Alcohol", startDate: "2026-01-01", timeZone: "Mars/Olympus" }, "timeZone"],
    [{ label: "Alcohol", startDate: "2026-01-01", timeZone: "EST5EDT6" }, "timeZone"],
    [{ label: "Alcohol", startDate: "2026-01-01", extra: 1 }, "body"],
  ])("refuses %j naming %s and stores nothing", async (body, field) => {
    const m = await t.makeMember();
    const res = await m.post("/api/journeys", body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("invalid");
    if (field !== "body") expect(res.json().error.field).toBe(field);
    expect(await count("journeys", `member_id = '${m.id}'`)).toBe(0);
  });

  it("refuses a start date in the future", async () => {
    const m = await t.makeMember();
    const res = await m.post("/api/journeys", { label: "Alcohol", startDate: addDays(utcToday(), 2) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ field: "startDate", message: expect.stringMatching(/future/) });
    expect(await count("journeys", `member_id = '${m.id}'`)).toBe(0);
  });

  it("renames, corrects the start, and deletes", async () => {
    const { m, journey } = await withJourney(5);
    const renamed = await m.patch(`/api/journeys/${journey.id}`, {
      label: "Drinking",
      startDate: addDays(utcToday(), -40),
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ label: "Drinking", currentDays: 40 });
    expect(renamed.json().milestones.map((x: { id: string }) => x.id)).toEqual(["1d", "30d"]);
    const future = await m.patch(`/api/journeys/${journey.id}`, { startDate: addDays(utcToday(), 3) });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.field).toBe("startDate");
    expect((await m.get(`/api/journeys/${journey.id}`)).json().currentDays).toBe(40);
    expect((await m.delete(`/api/journeys/${journey.id}`)).statusCode).toBe(204);
    expect((await m.get(`/api/journeys/${journey.id}`)).statusCode).toBe(404);
    expect(await count("journey_attempts", `journey_id = '${journey.id}'`)).toBe(0);
  });

  it("celebrates only the latest milestone when a long-ago start fills in many, and only once", async () => {
    const { m, journey } = await withJourney(400);
    const ids = journey.milestones.map((x: { id: string }) => x.id);
    expect(ids).toEqual(["1d", "30d", "60d", "90d", "6m", "9m", "1y"]);
    expect(journey.milestones.filter((x: { celebrated: boolean }) => !x.celebrated)).toEqual([
      expect.objectContaining({ id: "1y" }),
    ]);
    expect((await m.post(`/api/journeys/${journey.id}/milestones/1y/celebrated`)).statusCode).toBe(204);
    const after = (await m.get(`/api/journeys/${journey.id}`)).json();
    expect(after.milestones.every((x: { celebrated: boolean }) => x.celebrated)).toBe(true);
    expect((await m.post(`/api/journeys/${journey.id}/milestones/2y/celebrated`)).statusCode).toBe(404);
    const bad = await m.post(`/api/journeys/${journey.id}/milestones/7d/celebrated`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe("milestone");
  });
});

describe("journeys across daylight-saving changes", () => {
  it("count calendar days where the journey lives, so a clock change neither adds nor takes a day", async () => {
    const m = await t.makeMember();
    let clock = new Date("2026-03-07T17:00:00Z"); // noon in New York, the day before clocks spring forward
    const service = createProgressService({ db: t.db, now: () => clock });
    const journey = await service.createJourney(actorOf(m), {
      label: "Alcohol",
      startDate: "2026-03-01",
      timeZone: "America/New_York",
    });
    expect(journey.currentDays).toBe(6);
    // 00:30 EDT on the 9th (it would still be the 8th at EST): day 8, not 7.
    clock = new Date("2026-03-09T04:30:00Z");
    expect((await service.getJourney(actorOf(m), journey.id)).currentDays).toBe(8);
    // Fall back on 1 November: 23:30 EST on the 1st is still the 1st (it would be the 2nd at EDT).
    clock = new Date("2026-11-02T04:30:00Z");
    expect((await service.getJourney(actorOf(m), journey.id)).today).toBe("2026-11-01");
    expect((await service.getJourney(actorOf(m), journey.id)).currentDays).toBe(245);
    // A slip recorded late in the evening, local time, lands on the local day.
    const slipped = await service.recordSlip(actorOf(m), journey.id, { date: "2026-11-01" });
    expect(slipped).toMatchObject({ currentDays: 0, totals: { totalDays: 245, longestRunDays: 245 } });
    await expect(service.recordSlip(actorOf(m), journey.id, { date: "2026-11-02" })).rejects.toMatchObject({
      status: 400,
      field: "date",
    });
  });
});

describe("slips", () => {
  it("restarts the count and keeps the history, the total and the longest run", async () => {
    const { m, journey } = await withJourney(40);
    const slipDay = addDays(utcToday(), -10);
    const res = await m.post(`/api/journeys/${journey.id}/slips`, { date: slipDay, note: "A hard night after work." });
    expect(res.statusCode).toBe(201);
    const after = res.json();
    expect(after).toMatchObject({
      startDate: slipDay,
      currentDays: 10,
      totals: { totalDays: 40, longestRunDays: 30, slips: 1, averageDaysBetweenSlips: 30 },
    });
    expect(after.attempts).toEqual([
      expect.objectContaining({
        startDate: addDays(utcToday(), -40),
        endDate: slipDay,
        days: 30,
        slipNote: "A hard night after work.",
      }),
      expect.objectContaining({ startDate: slipDay, endDate: null, days: 10, slipNote: null }),
    ]);
    // The new run has its own milestones; the old run's stay in its history.
    expect(after.milestones.map((x: { id: string }) => x.id)).toEqual(["1d"]);

    const again = await m.post(`/api/journeys/${journey.id}/slips`, { date: utcToday() });
    expect(again.json()).toMatchObject({
      currentDays: 0,
      totals: { totalDays: 40, slips: 2, averageDaysBetweenSlips: 20 },
    });
    expect(again.json().nextMilestone).toMatchObject({ id: "1d", daysToGo: 1 });
  });

  it("refuses a slip in the future, before the run began, or with an oversized note, changing nothing", async () => {
    const { m, journey } = await withJourney(5);
    for (const [body, field] of [
      [{ date: addDays(utcToday(), 2) }, "date"],
      [{ date: addDays(utcToday(), -6) }, "date"],
      [{ date: "2026-13-01" }, "date"],
      [{ date: utcToday(), note: "x".repeat(1001) }, "note"],
      [{}, "date"],
    ] as const) {
      const res = await m.post(`/api/journeys/${journey.id}/slips`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.field).toBe(field);
    }
    expect(await count("journey_attempts", `journey_id = '${journey.id}'`)).toBe(1);
    const fix = await m.patch(`/api/journeys/${journey.id}`, { startDate: addDays(utcToday(), -3) });
    expect(fix.statusCode).toBe(200);
    await m.post(`/api/journeys/${journey.id}/slips`, { date: addDays(utcToday(), -1) });
    // The current run can't be moved back before the slip that started it.
    const before = await m.patch(`/api/journeys/${journey.id}`, { startDate: addDays(utcToday(), -2) });
    expect(before.statusCode).toBe(400);
    expect(before.json().error.field).toBe("startDate");
  });
});

describe("journeys and wrong users", () => {
  it("are nobody else's: a stranger, an organisation admin and anonymous callers get nothing", async () => {
    const { m, journey } = await withJourney(20);
    await m.post(`/api/journeys/${journey.id}/slips`, { date: utcToday(), note: "private words" });
    const stranger = await t.makeMember();
    const admin = await t.makeMember();
    await makeOrganisation(t.db, { adminId: admin.id });
    for (const other of [stranger, admin]) {
      expect((await other.get(`/api/journeys/${journey.id}`)).statusCode).toBe(404);
      expect((await other.patch(`/api/journeys/${journey.id}`, { label: "mine now" })).statusCode).toBe(404);
      expect((await other.post(`/api/journeys/${journey.id}/slips`, { date: utcToday() })).statusCode).toBe(404);
      expect((await other.post(`/api/journeys/${journey.id}/milestones/1d/celebrated`)).statusCode).toBe(404);
      expect((await other.delete(`/api/journeys/${journey.id}`)).statusCode).toBe(404);
      const list = await other.get("/api/journeys");
      expect(list.json().items).toEqual([]);
      expect(list.body).not.toContain("private words");
    }
    const anonymous = t.anonymous();
    expect((await anonymous.get("/api/journeys")).statusCode).toBe(401);
    expect((await anonymous.post("/api/journeys", { label: "x", startDate: "2026-01-01" })).statusCode).toBe(401);
    expect((await anonymous.get(`/api/journeys/${journey.id}`)).statusCode).toBe(401);
    const kept = (await m.get(`/api/journeys/${journey.id}`)).json();
    expect(kept).toMatchObject({ label: "Alcohol", totals: { slips: 1 } });
    expect((await m.get("/api/journeys/not-a-uuid")).statusCode).toBe(400);
  });
});

describe("check-ins", () => {
  it("saves one per day (fixed contract); the same day again is refused naming the date, and PUT edits it", async () => {
    const m = await t.makeMember();
    const date = utcToday();
    const res = await m.post("/api/checkins", {
      date,
      mood: 3,
      craving: 6,
      triggers: ["lonely", "tired", "lonely"],
      triggersOwnWords: "Sunday evenings",
      helped: "A walk and a call",
      gratitude: "My sister",
      note: "Only for me.",
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      date,
      mood: 3,
      craving: 6,
      triggers: ["lonely", "tired"],
      note: "Only for me.",
    });

    const again = await m.post("/api/checkins", { date, mood: 1, craving: 9 });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.field).toBe("date");
    expect((await m.get(`/api/checkins/${date}`)).json()).toMatchObject({ mood: 3, craving: 6 });
    const edit = await m.put(`/api/checkins/${date}`, { mood: 4, craving: 2 });
    expect(edit.statusCode).toBe(200);
    expect(edit.json()).toMatchObject({ date, mood: 4, craving: 2, triggers: [], note: "" });
    expect(await count("checkins", `member_id = '${m.id}'`)).toBe(1);

    // A missed day can be filled in; PUT edits a day by its date.
    const missed = addDays(date, -3);
    expect((await m.put(`/api/checkins/${missed}`, { mood: 2, craving: 7, note: "late" })).statusCode).toBe(201);
    expect((await m.put(`/api/checkins/${missed}`, { mood: 2, craving: 5 })).statusCode).toBe(200);

    const list = await m.get(`/api/checkins?from=${addDays(date, -7)}&to=${date}`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((c: { date: string; craving: number }) => [c.date, c.craving])).toEqual([
      [missed, 5],
      [date, 2],
    ]);
    expect((await m.get("/api/checkins")).json().items).toHaveLength(2);
    expect((await m.get(`/api/checkins?from=${date}&to=${date}`)).json().items).toHaveLength(1);
    expect((await m.get(`/api/checkins/${missed}`)).json()).toMatchObject({ mood: 2, craving: 5 });
    expect((await m.delete(`/api/checkins/${missed}`)).statusCode).toBe(204);
    const gone = await m.get(`/api/checkins/${missed}`);
    expect([gone.statusCode, gone.json()]).toEqual([200, null]);
    expect((await m.delete(`/api/checkins/${missed}`)).statusCode).toBe(404);
  });

  it.each([
    [{ mood: 6, craving: 2 }, "mood"],
    [{ mood: 0, craving: 2 }, "mood"],
    [{ mood: 2.5, craving: 2 }, "mood"],
    [{ mood: "3", craving: 2 }, "mood"],
    [{ craving: 2 }, "mood"],
    [{ mood: 3, craving: -1 }, "craving"],
    [{ mood: 3, craving: 11 }, "craving"],
    [{ mood: 3 }, "craving"],
    [{ mood: 3, craving: 2, note: "x".repeat(4001) }, "note"],
    [{ mood: 3, craving: 2, helped: "x".repeat(4001) }, "helped"],
    [{ mood: 3, craving: 2, triggers: ["moonlight"] }, "triggers.0"],
    [{ mood: 3, craving: 2, date: "2026-02-29" }, "date"],
    [{ mood: 3, craving: 2, date: "23/11/2026" }, "date"],
  ])("refuses %j naming %s, leaving the stored check-in as it was", async (body, field) => {
    const m = await t.makeMember();
    const date = utcToday();
    await m.post("/api/checkins", { date, mood: 4, craving: 1, note: "kept" });
    const res = await m.post("/api/checkins", { date, ...body });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe(field);
    expect((await m.get(`/api/checkins/${date}`)).json()).toMatchObject({ mood: 4, craving: 1, note: "kept" });
  });

  it("refuses a day that hasn't come yet where the member lives, and odd ranges", async () => {
    const m = await t.makeMember();
    await m.patch("/api/progress/settings", { timeZone: "Pacific/Pago_Pago" });
    const tomorrowThere = addDays(todayIn("Pacific/Pago_Pago"), 1);
    const res = await m.post("/api/checkins", { date: tomorrowThere, mood: 3, craving: 3 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe("date");
    expect(await count("checkins", `member_id = '${m.id}'`)).toBe(0);
    // The same calendar day is already today for someone in Kiritimati.
    const ahead = await t.makeMember();
    await ahead.patch("/api/progress/settings", { timeZone: "Pacific/Kiritimati" });
    expect(
      (await ahead.post("/api/checkins", { date: todayIn("Pacific/Kiritimati"), mood: 3, craving: 3 })).statusCode,
    ).toBe(201);

    const reversed = await m.get("/api/checkins?from=2026-05-02&to=2026-05-01");
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.field).toBe("from");
    expect((await m.get("/api/checkins?from=2024-01-01&to=2026-01-01")).statusCode).toBe(400);
    const bad = await m.get("/api/checkins?from=yesterday");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe("from");
    // A day that isn't a date is still bad input, not "no check-in".
    for (const day of ["2026-02-30", "yesterday"]) {
      expect((await m.get(`/api/checkins/${day}`)).statusCode, day).toBe(400);
    }
  });

  it("are never seen by another member, an organisation admin or anonymous callers", async () => {
    const m = await t.makeMember();
    const date = utcToday();
    await m.post("/api/checkins", { date, mood: 1, craving: 9, note: "the note nobody reads" });
    const stranger = await t.makeMember();
    const admin = await t.makeMember();
    await makeOrganisation(t.db, { adminId: admin.id });
    for (const other of [stranger, admin]) {
      const list = await other.get("/api/checkins");
      expect(list.json().items).toEqual([]);
      const day = await other.get(`/api/checkins/${date}`);
      expect([day.statusCode, day.json()]).toEqual([200, null]);
      expect((await other.delete(`/api/checkins/${date}`)).statusCode).toBe(404);
    }
    expect((await t.anonymous().get("/api/checkins")).statusCode).toBe(401);
    expect((await t.anonymous().get(`/api/checkins/${date}`)).statusCode).toBe(401);
    expect((await t.anonymous().post("/api/checkins", { date, mood: 3, craving: 3 })).statusCode).toBe(401);
    expect((await m.get(`/api/checkins/${date}`)).json().note).toBe("the note nobody reads");
  });
});

describe("hostile text", () => {
  it("keeps markup and SQL as inert text, refuses NUL, and drops controls and text-reversing characters", async () => {
    const m = await t.makeMember();
    const label = `<script>alert(1)</script>'; drop table journeys; -- 🍷 ña`;
    const journey = await m.post("/api/journeys", { label, startDate: utcToday() });
    expect(journey.statusCode, journey.body).toBe(201);
    expect(journey.json().label).toBe(label);
    // NUL is refused before any route (PostgreSQL can't store it), naming the field.
    const nul = await m.post("/api/checkins", { date: utcToday(), mood: 3, craving: 3, note: "before\u0000after" });
    expect(nul.statusCode).toBe(400);
    expect(nul.json().error.field).toBe("note");
    expect(await count("checkins", `member_id = '${m.id}'`)).toBe(0);
    const res = await m.post("/api/checkins", {
      date: utcToday(),
      mood: 3,
      craving: 3,
      note: "before \u202Eesrever\u202C\ttabs\nlines",
      helped: "\u0007bell",
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ note: "before esrever\ttabs\nlines", helped: "bell" });
    const onlyControls = await m.post("/api/goals", { title: "\u0007\u0001", repeat: "daily" });
    expect(onlyControls.statusCode).toBe(400);
    expect(onlyControls.json().error.field).toBe("title");
    expect(await count("journeys", `member_id = '${m.id}'`)).toBe(1);
  });
});

describe("settings", () => {
  it("keeps a time zone and a reminder time, refusing impossible ones", async () => {
    const m = await t.makeMember();
    expect((await m.get("/api/progress/settings")).json()).toEqual({ timeZone: null, reminderTime: null });
    const saved = await m.patch("/api/progress/settings", { timeZone: "Europe/Madrid", reminderTime: "21:30" });
    expect(saved.json()).toEqual({ timeZone: "Europe/Madrid", reminderTime: "21:30" });
    for (const [body, field] of [
      [{ timeZone: "Europe/Atlantis" }, "timeZone"],
      [{ reminderTime: "25:00" }, "reminderTime"],
      [{ reminderTime: "9pm" }, "reminderTime"],
    ] as const) {
      const res = await m.patch("/api/progress/settings", body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.field).toBe(field);
    }
    expect((await m.get("/api/progress/settings")).json()).toEqual({
      timeZone: "Europe/Madrid",
      reminderTime: "21:30",
    });
    expect((await m.patch("/api/progress/settings", { reminderTime: null })).json().reminderTime).toBeNull();
    expect((await t.anonymous().get("/api/progress/settings")).statusCode).toBe(401);
  });
});

describe("goals", () => {
  it("sets a goal with a due date or a repeat, marks it done or missed, and counts a streak", async () => {
    const m = await t.makeMember();
    const today = utcToday();
    const once = await m.post("/api/goals", { title: "Go to three meetings this week", dueDate: addDays(today, 5) });
    expect(once.statusCode).toBe(201);
    expect(once.json()).toMatchObject({
      repeat: "none",
      currentPeriod: addDays(today, 5),
      currentStatus: null,
      streak: null,
    });
    const done = await m.post(`/api/goals/${once.json().id}/records`, { status: "done" });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ currentStatus: "done", doneRecently: 1 });

    const daily = (await m.post("/api/goals", { title: "Call my mentor", repeat: "daily" })).json();
    expect(daily).toMatchObject({ repeat: "daily", dueDate: null, currentPeriod: today, streak: 0 });
    await m.post(`/api/goals/${daily.id}/records`, { status: "done", date: addDays(today, -2) });
    await m.post(`/api/goals/${daily.id}/records`, { status: "done", date: addDays(today, -1) });
    const streak = await m.post(`/api/goals/${daily.id}/records`, { status: "done" });
    expect(streak.json()).toMatchObject({ streak: 3, currentStatus: "done", doneRecently: 3, recordedRecently: 3 });
    const missed = await m.post(`/api/goals/${daily.id}/records`, { status: "missed", date: addDays(today, -1) });
    // A miss breaks the run in a row, not the record: two of three days are still done.
    expect(missed.json()).toMatchObject({ streak: 1, doneRecently: 2, recordedRecently: 3 });

    const changed = await m.patch(`/api/goals/${daily.id}`, { title: "Call my mentor or a friend" });
    expect(changed.json().title).toBe("Call my mentor or a friend");
    expect((await m.get("/api/goals")).json().items).toHaveLength(2);
    expect((await m.delete(`/api/goals/${once.json().id}`)).statusCode).toBe(204);
    expect((await m.get("/api/goals")).json().items).toHaveLength(1);
  });

  it("refuses goals without what they need, changing nothing", async () => {
    const m = await t.makeMember();
    const today = utcToday();
    for (const [body, field] of [
      [{ title: "Once" }, "dueDate"],
      [{ title: "Once", dueDate: addDays(today, -1) }, "dueDate"],
      [{ title: "", repeat: "daily" }, "title"],
      [{ title: "x".repeat(161), repeat: "daily" }, "title"],
      [{ title: "Often", repeat: "hourly" }, "repeat"],
    ] as const) {
      const res = await m.post("/api/goals", body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.field).toBe(field);
    }
    expect(await count("goals", `member_id = '${m.id}'`)).toBe(0);
    const goal = (await m.post("/api/goals", { title: "Walk", repeat: "daily" })).json();
    const future = await m.post(`/api/goals/${goal.id}/records`, { status: "done", date: addDays(today, 2) });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.field).toBe("date");
    const status = await m.post(`/api/goals/${goal.id}/records`, { status: "maybe" });
    expect(status.json().error.field).toBe("status");
    const once = await m.patch(`/api/goals/${goal.id}`, { repeat: "none" });
    expect(once.statusCode).toBe(400);
    expect(once.json().error.field).toBe("dueDate");
    expect(await count("goal_records", `goal_id = '${goal.id}'`)).toBe(0);
  });

  it("are nobody else's", async () => {
    const m = await t.makeMember();
    const goal = (await m.post("/api/goals", { title: "Private goal", repeat: "weekly" })).json();
    const stranger = await t.makeMember();
    expect((await stranger.patch(`/api/goals/${goal.id}`, { title: "x" })).statusCode).toBe(404);
    expect((await stranger.post(`/api/goals/${goal.id}/records`, { status: "missed" })).statusCode).toBe(404);
    expect((await stranger.delete(`/api/goals/${goal.id}`)).statusCode).toBe(404);
    expect((await stranger.get("/api/goals")).json().items).toEqual([]);
    expect((await t.anonymous().get("/api/goals")).statusCode).toBe(401);
    expect(await count("goal_records", `goal_id = '${goal.id}'`)).toBe(0);
  });

  it("marks a period that closed unmarked as missed, once, on the hourly pass", async () => {
    const m = await t.makeMember();
    const goal = (await m.post("/api/goals", { title: "Morning walk", repeat: "daily" })).json();
    // The pass runs "two days later" through a service with its own clock on the same database.
    const later = new Date(Date.now() + 2 * 86_400_000);
    const service = createProgressService({ db: t.db, now: () => later });
    await service.dailyPass();
    await service.dailyPass();
    const records = await t.db.execute(
      sql.raw(`select period::text, status, automatic from goal_records where goal_id = '${goal.id}'`),
    );
    expect((records as unknown as { rows: unknown[] }).rows).toEqual([
      { period: addDays(todayIn("UTC", later), -1), status: "missed", automatic: true },
    ]);
  });
});

describe("relapse-prevention plan", () => {
  const plan = {
    triggers: ["Payday", "Old friends from the bar"],
    warningSigns: ["Skipping meals", "Not answering calls"],
    copingStrategies: ["Call someone", "Walk the dog", "HALT check"],
    people: [{ name: "Sam (sponsor)", phone: "+44 7700 900123", note: "Any time" }, { name: "Mum" }],
    reasons: ["My kids", "Waking up clear"],
  };

  it("is empty until written, then saved whole and private", async () => {
    const m = await t.makeMember();
    expect((await m.get("/api/plan")).json()).toMatchObject({ triggers: [], people: [], updatedAt: null });
    const saved = await m.put("/api/plan", plan);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ ...plan, people: [plan.people[0], { name: "Mum", phone: "", note: "" }] });
    const stranger = await t.makeMember();
    const theirs = await stranger.get("/api/plan");
    expect(theirs.json().triggers).toEqual([]);
    expect(theirs.body).not.toContain("Sam (sponsor)");
    expect((await t.anonymous().get("/api/plan")).statusCode).toBe(401);
  });

  it.each([
    [{ people: [{ name: "Sam", phone: "call me maybe" }] }, "people.0.phone"],
    [{ people: [{ name: "" }] }, "people.0.name"],
    [{ triggers: ["x".repeat(201)] }, "triggers.0"],
    [{ reasons: Array.from({ length: 31 }, () => "a reason") }, "reasons"],
    [{ copingStrategies: "call someone" }, "copingStrategies"],
  ])("refuses %j naming %s, keeping the saved plan", async (change, field) => {
    const m = await t.makeMember();
    await m.put("/api/plan", plan);
    const res = await m.put("/api/plan", { ...plan, ...change });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe(field);
    expect((await m.get("/api/plan")).json().triggers).toEqual(plan.triggers);
  });

  it("opens at once on I'm struggling, even with no partner to tell", async () => {
    const m = await t.makeMember();
    await m.put("/api/plan", plan);
    const res = await m.post("/api/struggling");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ notified: 0, plan: { copingStrategies: plan.copingStrategies } });
    expect((await t.anonymous().post("/api/struggling")).statusCode).toBe(401);
  });
});

describe("moderators and admins", () => {
  it("see none of a member's journeys, check-ins, goals or plan: a community moderator, an organisation's moderator and its admin", async () => {
    const { m, journey } = await withJourney(40);
    const date = utcToday();
    await m.post(`/api/journeys/${journey.id}/slips`, { date, note: "slip words for no one" });
    await m.post("/api/checkins", {
      date,
      mood: 2,
      craving: 8,
      note: "a note for no one",
      helped: "helped for no one",
    });
    const goal = (await m.post("/api/goals", { title: "A goal for no one", repeat: "daily" })).json();
    await m.put("/api/plan", {
      triggers: ["a trigger for no one"],
      warningSigns: [],
      copingStrategies: [],
      people: [{ name: "A person for no one", phone: "0700 000000" }],
      reasons: [],
    });
    const moderator = await t.makeMember();
    await t.db.insert(forumModerators).values({ memberId: moderator.id });
    const admin = await t.makeMember();
    const org = await makeOrganisation(t.db, { adminId: admin.id });
    const orgModerator = await t.makeMember();
    await t.db.insert(organisationModerators).values({ organisationId: org.id, memberId: orgModerator.id });

    for (const [role, other] of Object.entries({ moderator, orgModerator, admin })) {
      const reads = [
        await other.get("/api/journeys"),
        await other.get(`/api/journeys/${journey.id}`),
        await other.get("/api/checkins"),
        await other.get(`/api/checkins/${date}`),
        await other.get("/api/goals"),
        await other.get("/api/plan"),
      ];
      for (const res of reads) {
        for (const secret of ["for no one", "Alcohol", "0700 000000"]) expect(res.body, role).not.toContain(secret);
      }
      expect(reads[1]?.statusCode, role).toBe(404);
      expect([reads[3]?.statusCode, reads[3]?.json()], role).toEqual([200, null]);
      expect((await other.patch(`/api/goals/${goal.id}`, { title: "x" })).statusCode, role).toBe(404);
      expect((await other.delete(`/api/checkins/${date}`)).statusCode, role).toBe(404);
    }
    expect((await m.get("/api/plan")).json().people).toEqual([
      { name: "A person for no one", phone: "0700 000000", note: "" },
    ]);
  });
});
