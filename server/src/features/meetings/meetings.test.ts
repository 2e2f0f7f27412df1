import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../app.ts";
import { groupMembers, meetingSlots, meetings } from "../../db/schema.ts";
import { addToGroup, makeGroup, makeMeeting, makeOrganisation } from "../../test/directory-factories.ts";
import { type Agent, buildTestApp, type TestApp, testConfig } from "../../test/helper.ts";
import { offsetAt, upcomingDates } from "./schedule.ts";

type Member = Agent & { handle: string; id: string };

let t: TestApp;
let facilitator: Member; // facilitator of Harbour Lights
let member: Member; // member of Harbour Lights
let requested: Member; // asked to join Harbour Lights, not yet answered
let stranger: Member; // signed in, no relation
let otherFacilitator: Member; // facilitator of another group in the same organisation
let orgAdmin: Member; // admin of Harbour Lights' organisation
let otherAdmin: Member; // admin of another organisation
let group: { id: string; name: string };
let otherGroup: { id: string; name: string };
let publicMeeting: typeof meetings.$inferSelect; // hybrid, link for signed-in members
let membersOnly: typeof meetings.$inferSelect;
let admittedOnly: typeof meetings.$inferSelect; // online, link only for people admitted
let openLink: typeof meetings.$inferSelect; // online, link for everyone

const HIDDEN_URL = "https://meet.example.org/quiet-room-secret";
const SIGNED_IN_URL = "https://meet.example.org/harbour-hope";

const countMeetings = async () =>
  (await t.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(meetings))[0]?.n;
const rowOf = async (id: string) => (await t.db.select().from(meetings).where(eq(meetings.id, id)))[0];
const nextDate = (m: typeof meetings.$inferSelect, k = 0) =>
  upcomingDates({ ...m, timeZone: m.timeZone }, k + 1, new Date())[k] as string;

/** A meeting body that keeps every rule: weekly, in person, in London. */
const validInput = (overrides: Record<string, unknown> = {}) => ({
  name: "Thursday Reflections",
  mode: "in_person",
  days: [4],
  startTime: "18:30",
  endTime: "19:30",
  timeZone: "Europe/London",
  formattedAddress: "3 Quay Road, London",
  latitude: 51.5,
  longitude: -0.1,
  types: ["O", "D"],
  languages: ["en"],
  ...overrides,
});

beforeAll(async () => {
  t = await buildTestApp();
  [facilitator, member, requested, stranger, otherFacilitator, orgAdmin, otherAdmin] = [
    await t.makeMember(),
    await t.makeMember(),
    await t.makeMember(),
    await t.makeMember(),
    await t.makeMember(),
    await t.makeMember(),
    await t.makeMember(),
  ];
  const org = await makeOrganisation(t.db, { adminId: orgAdmin.id });
  const otherOrg = await makeOrganisation(t.db, { adminId: otherAdmin.id });
  group = await makeGroup(t.db, org.id, { name: "Harbour Lights", facilitatorId: facilitator.id });
  await addToGroup(t.db, group.id, member.id);
  await addToGroup(t.db, group.id, requested.id, "member", "requested");
  otherGroup = await makeGroup(t.db, org.id, { name: "Dockside", facilitatorId: otherFacilitator.id });
  await makeGroup(t.db, otherOrg.id, { name: "Far Shore" });

  publicMeeting = await makeMeeting(t.db, group, {
    name: "Harbour Hope",
    mode: "hybrid",
    conferenceUrl: SIGNED_IN_URL,
    conferencePhone: "+44 20 0000 0000",
    conferenceNotes: "Passcode 4321",
    linkAudience: "signed_in",
  });
  membersOnly = await makeMeeting(t.db, group, { name: "Inner Circle", audience: "members", days: [3] });
  admittedOnly = await makeMeeting(t.db, group, {
    name: "Quiet Room",
    mode: "online",
    formattedAddress: null,
    latitude: null,
    longitude: null,
    conferenceUrl: HIDDEN_URL,
    linkAudience: "admitted",
  });
  openLink = await makeMeeting(t.db, group, {
    name: "Open Door Online",
    mode: "online",
    formattedAddress: null,
    latitude: null,
    longitude: null,
    conferenceUrl: "https://meet.example.org/open-door",
    linkAudience: "public",
  });
});
afterAll(async () => t?.close());

describe("GET /api/meetings (finder contract)", () => {
  it("answers { items: [{ id, slug, name, day, time, timezone, … }], total } without links", async () => {
    const res = await t.anonymous().get("/api/meetings?types=O&mode=hybrid");
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({
      id: publicMeeting.id,
      slug: publicMeeting.slug,
      name: "Harbour Hope",
      day: 1,
      time: "19:00",
      timezone: "Europe/London",
    });
    expect(body.items[0]).not.toHaveProperty("distanceKm");
    expect(res.body).not.toContain("meet.example.org");
    expect(res.body).not.toContain("Passcode");
  });

  it("lists a one-off meeting on its date", async () => {
    const onDate = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    await makeMeeting(t.db, group, { name: "Anniversary Picnic", days: [], onDate, startTime: "12:00" });
    const res = await t.anonymous().get("/api/meetings?q=anniversary");
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({ name: "Anniversary Picnic", onDate, day: new Date(`${onDate}T00:00:00Z`).getUTCDay() }),
    ]);
  });

  it("adds distanceKm near a place", async () => {
    const res = await t.anonymous().get("/api/meetings?near=51.5,-0.12&radiusKm=5&q=harbour");
    expect(res.statusCode).toBe(200);
    expect(res.json().items[0].distanceKm).toBeTypeOf("number");
  });

  it("shows members-only meetings to the group's members and admins only", async () => {
    const seen = async (agent: Agent) => (await agent.get("/api/meetings?q=inner")).json().items.length > 0;
    expect(await seen(t.anonymous())).toBe(false);
    for (const who of [stranger, requested, otherFacilitator, otherAdmin]) expect(await seen(who)).toBe(false);
    for (const who of [member, facilitator, orgAdmin]) expect(await seen(who)).toBe(true);
  });

  it.each([
    ["near=abc", "near"],
    ["near=91,0", "near"],
    ["near=51.5,-181", "near"],
    ["radiusKm=0", "radiusKm"],
    ["radiusKm=100000", "radiusKm"],
    ["day=7", "day"],
    ["day=-1", "day"],
    ["day=monday", "day"],
    ["from=25:00", "from"],
    ["to=7pm", "to"],
    ["tz=Mars/Olympus_Mons", "tz"],
    ["types=O,NOPE", "types"],
    ["mode=boat", "mode"],
    ["format=chanting", "format"],
    ["language=english!", "language"],
    [`q=${"a".repeat(101)}`, "q"],
    ["startsWithin=0", "startsWithin"],
    ["inProgress=maybe", "inProgress"],
    ["sort=random", "sort"],
    ["limit=1000", "limit"],
    ["sort=distance", "sort"],
  ])("refuses %s naming the field %s", async (query, field) => {
    const res = await t.anonymous().get(`/api/meetings?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("invalid");
    expect(res.json().error.field.split(".")[0]).toBe(field);
  });

  it("treats hostile free text as plain words", async () => {
    for (const q of ["'; drop table meetings; --", "hope & !(", "<script>alert(1)</script>", "\uffff😀\u202e"]) {
      const res = await t.anonymous().get(`/api/meetings?q=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBe(200);
    }
    const nul = await t.anonymous().get(`/api/meetings?q=${encodeURIComponent("hope\u0000")}`);
    expect(nul.statusCode).toBe(400);
    expect(nul.json().error.field).toBe("q");
    expect(await countMeetings()).toBeGreaterThan(0);
  });

  it("is in the OpenAPI document under the tag meetings", async () => {
    const doc = (await t.anonymous().get("/openapi.json")).json();
    expect(doc.paths["/api/meetings"].get.tags).toContain("meetings");
    expect(doc.paths["/api/places"].get).toBeDefined();
  });
});

describe("GET /api/places", () => {
  it("finds cities by accent-insensitive prefix, largest first", async () => {
    const res = await t.anonymous().get("/api/places?q=lond");
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items[0]).toMatchObject({ name: "London", country: "GB" });
    expect(items[0].latitude).toBeCloseTo(51.5, 1);
    expect(items.length).toBeLessThanOrEqual(8);
    expect((await t.anonymous().get("/api/places?q=sao%20paulo")).json().items[0].name).toBe("São Paulo");
    expect((await t.anonymous().get("/api/places?q=portland,%20or")).json().items[0]).toMatchObject({
      name: "Portland",
      region: "OR",
    });
    expect((await t.anonymous().get("/api/places?q=zzqxv")).json().items).toEqual([]);
  });

  it("asks for at least two letters", async () => {
    const res = await t.anonymous().get("/api/places?q=l");
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe("q");
  });
});

describe("GET /api/meetings/:id", () => {
  it("finds a meeting by id or slug, with its next start and where the viewer stands", async () => {
    const byId = await t.anonymous().get(`/api/meetings/${publicMeeting.id}`);
    const bySlug = await t.anonymous().get(`/api/meetings/${publicMeeting.slug}`);
    expect(byId.statusCode).toBe(200);
    expect(bySlug.json()).toEqual(byId.json());
    expect(byId.json()).toMatchObject({
      name: "Harbour Hope",
      groupName: "Harbour Lights",
      viewer: { follows: false, canManage: false },
      going: { count: 0, viewerDates: [] },
    });
    expect(Date.parse(byId.json().nextStart)).toBeGreaterThan(Date.now() - 3_600_000);
  });

  it("holds a signed-in link back from people who are not signed in", async () => {
    const anon = (await t.anonymous().get(`/api/meetings/${publicMeeting.id}`)).json();
    expect(anon.access).toEqual({
      conferenceUrl: null,
      conferencePhone: null,
      conferenceNotes: "",
      hiddenUntil: "signed_in",
    });
    expect(JSON.stringify(anon)).not.toContain("meet.example.org");
    expect(JSON.stringify(anon)).not.toContain("4321");
    const signedIn = (await stranger.get(`/api/meetings/${publicMeeting.id}`)).json();
    expect(signedIn.access).toMatchObject({
      conferenceUrl: SIGNED_IN_URL,
      conferenceNotes: "Passcode 4321",
      hiddenUntil: null,
    });
  });

  it("shows an 'admitted' link only to the group's members and managers", async () => {
    for (const who of [t.anonymous(), stranger, requested, otherFacilitator, otherAdmin]) {
      const res = await who.get(`/api/meetings/${admittedOnly.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().access).toMatchObject({ conferenceUrl: null, hiddenUntil: "admitted" });
      expect(res.body).not.toContain(HIDDEN_URL);
    }
    for (const who of [member, facilitator, orgAdmin]) {
      expect((await who.get(`/api/meetings/${admittedOnly.id}`)).json().access.conferenceUrl).toBe(HIDDEN_URL);
    }
  });

  it("shows a public link to everyone", async () => {
    const res = await t.anonymous().get(`/api/meetings/${openLink.slug}`);
    expect(res.json().access).toMatchObject({ conferenceUrl: "https://meet.example.org/open-door", hiddenUntil: null });
  });

  it("answers 404 for a members-only meeting exactly as for one that does not exist", async () => {
    const missing = await t.anonymous().get("/api/meetings/00000000-0000-4000-8000-000000000000");
    expect(missing.statusCode).toBe(404);
    for (const who of [t.anonymous(), stranger, requested, otherFacilitator, otherAdmin]) {
      for (const ref of [membersOnly.id, membersOnly.slug]) {
        const res = await who.get(`/api/meetings/${ref}`);
        expect(res.statusCode).toBe(404);
        expect(res.json()).toEqual(missing.json());
      }
    }
    expect((await member.get(`/api/meetings/${membersOnly.id}`)).statusCode).toBe(200);
    expect((await orgAdmin.get(`/api/meetings/${membersOnly.id}`)).statusCode).toBe(200);
  });

  it("tells managers they can manage", async () => {
    const can = async (who: Agent) => (await who.get(`/api/meetings/${publicMeeting.id}`)).json().viewer.canManage;
    expect(await can(facilitator)).toBe(true);
    expect(await can(orgAdmin)).toBe(true);
    for (const who of [member, stranger, otherFacilitator, otherAdmin]) expect(await can(who)).toBe(false);
  });

  it("answers 404 for a nonsense reference", async () => {
    expect((await t.anonymous().get("/api/meetings/no-such-meeting-here")).statusCode).toBe(404);
    const tooLong = await t.anonymous().get(`/api/meetings/${"x".repeat(200)}`);
    expect(tooLong.statusCode).toBeGreaterThanOrEqual(400);
    expect(tooLong.statusCode).toBeLessThan(500);
  });
});

describe("GET /api/groups/:id/meetings", () => {
  it("lists the meetings the viewer may see", async () => {
    const names = async (who: Agent) =>
      (await who.get(`/api/groups/${group.id}/meetings`)).json().items.map((m: { name: string }) => m.name);
    expect(await names(t.anonymous())).not.toContain("Inner Circle");
    expect(await names(t.anonymous())).toContain("Harbour Hope");
    for (const who of [stranger, requested, otherFacilitator, otherAdmin])
      expect(await names(who)).not.toContain("Inner Circle");
    expect(await names(member)).toContain("Inner Circle");
    const anon = await t.anonymous().get(`/api/groups/${group.id}/meetings`);
    expect(anon.body).not.toContain(SIGNED_IN_URL);
    expect(anon.body).not.toContain(HIDDEN_URL);
    expect(anon.body).toContain("https://meet.example.org/open-door");
  });

  it("answers 404 for an unknown group and 400 for a malformed id", async () => {
    expect((await t.anonymous().get("/api/groups/00000000-0000-4000-8000-000000000000/meetings")).statusCode).toBe(404);
    const bad = await t.anonymous().get("/api/groups/not-a-uuid/meetings");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe("id");
  });
});

describe("POST /api/groups/:id/meetings", () => {
  it("lets the facilitator and the organisation's admin add a meeting, which the finder then finds", async () => {
    const res = await facilitator.post(
      `/api/groups/${group.id}/meetings`,
      validInput({ name: "Thursday Reflections" }),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      name: "Thursday Reflections",
      days: [4],
      startTime: "18:30",
      viewer: { canManage: true },
    });
    const found = (await t.anonymous().get("/api/meetings?q=reflections&day=4")).json();
    expect(found.items).toHaveLength(1);
    expect(found.items[0]).toMatchObject({ day: 4, time: "18:30" });
    const byAdmin = await orgAdmin.post(`/api/groups/${group.id}/meetings`, validInput({ name: "Admin Added" }));
    expect(byAdmin.statusCode).toBe(201);
  });

  it("stores hostile text as text", async () => {
    const name = `<script>alert("x")</script> Ünïcödé \u202e mtg`;
    const res = await facilitator.post(
      `/api/groups/${group.id}/meetings`,
      validInput({ name, notes: "'; drop table meetings; --" }),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json().name).toBe(name);
    expect(res.headers["content-type"]).toContain("application/json");
  });

  it("refuses everyone who does not run the group, and stores nothing", async () => {
    const before = await countMeetings();
    expect((await t.anonymous().post(`/api/groups/${group.id}/meetings`, validInput())).statusCode).toBe(401);
    for (const who of [member, requested, stranger, otherFacilitator, otherAdmin]) {
      const res = await who.post(`/api/groups/${group.id}/meetings`, validInput());
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe("forbidden");
    }
    expect(await countMeetings()).toBe(before);
    const unknown = await facilitator.post("/api/groups/00000000-0000-4000-8000-000000000000/meetings", validInput());
    expect(unknown.statusCode).toBe(404);
  });

  it.each([
    [{ timeZone: "Mars/Olympus_Mons" }, "timeZone"],
    [{ timeZone: "EST5EDT-nonsense" }, "timeZone"],
    [{ startTime: "25:00" }, "startTime"],
    [{ startTime: "7pm" }, "startTime"],
    [{ endTime: "19:60" }, "endTime"],
    [{ latitude: 91 }, "latitude"],
    [{ longitude: -181 }, "longitude"],
    [{ latitude: "north" }, "latitude"],
    [{ longitude: null }, "longitude"],
    [{ days: [7] }, "days"],
    [{ days: [-1] }, "days"],
    [{ days: [1, 1] }, "days"],
    [{ days: [] }, "days"],
    [{ onDate: "2026-02-30", days: [] }, "onDate"],
    [{ onDate: "2027-01-01" }, "onDate"],
    [{ types: ["O", "NOPE"] }, "types"],
    [{ languages: ["English"] }, "languages"],
    [{ name: "" }, "name"],
    [{ name: "n".repeat(161) }, "name"],
    [{ notes: "n".repeat(4001) }, "notes"],
    [{ formattedAddress: null, latitude: null, longitude: null }, "formattedAddress"],
    [{ mode: "online" }, "conferenceUrl"],
    [{ mode: "hybrid", conferenceUrl: "javascript:alert(1)" }, "conferenceUrl"],
    [{ mode: "teleport" }, "mode"],
    [{ audience: "secret" }, "audience"],
  ])("refuses %j naming the field %s, storing nothing", async (overrides, field) => {
    const before = await countMeetings();
    const res = await facilitator.post(`/api/groups/${group.id}/meetings`, validInput(overrides));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("invalid");
    expect(res.json().error.field.split(".")[0]).toBe(field);
    expect(await countMeetings()).toBe(before);
  });

  it("refuses an oversized body with 413", async () => {
    const res = await facilitator.post(`/api/groups/${group.id}/meetings`, validInput({ notes: "n".repeat(300_000) }));
    expect(res.statusCode).toBe(413);
  });
});

describe("PATCH and DELETE /api/meetings/:id", () => {
  it("merges a change, re-checks the rules and moves the finder's slots", async () => {
    const created = (
      await facilitator.post(`/api/groups/${group.id}/meetings`, validInput({ name: "Moving Meeting" }))
    ).json();
    const res = await facilitator.patch(`/api/meetings/${created.id}`, { startTime: "20:15", days: [5, 6] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ startTime: "20:15", days: [5, 6], formattedAddress: "3 Quay Road, London" });
    const found = (await t.anonymous().get("/api/meetings?q=moving")).json();
    expect(found.items.map((i: { day: number; time: string }) => `${i.day} ${i.time}`).sort()).toEqual([
      "5 20:15",
      "6 20:15",
    ]);
  });

  it.each([
    [{ mode: "online" }, "conferenceUrl"],
    [{ timeZone: "Nowhere/Land" }, "timeZone"],
    [{ startTime: "24:00" }, "startTime"],
    [{ latitude: null }, "longitude"],
    [{ days: [8] }, "days"],
    [{ types: ["ZZ"] }, "types"],
    [{ name: "x".repeat(161) }, "name"],
    [{ unknownField: 1 }, "body"],
  ])("refuses %j naming the field %s and changes nothing", async (change, field) => {
    const before = await rowOf(publicMeeting.id);
    const res = await facilitator.patch(`/api/meetings/${publicMeeting.id}`, {
      ...change,
      ...(field === "conferenceUrl" ? { conferenceUrl: null, conferencePhone: null } : {}),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field.split(".")[0]).toBe(field);
    expect(await rowOf(publicMeeting.id)).toEqual(before);
  });

  it("refuses people who do not run the group; members-only meetings stay hidden", async () => {
    const before = await rowOf(publicMeeting.id);
    expect((await t.anonymous().patch(`/api/meetings/${publicMeeting.id}`, { name: "Hijacked" })).statusCode).toBe(401);
    for (const who of [member, stranger, otherFacilitator, otherAdmin]) {
      expect((await who.patch(`/api/meetings/${publicMeeting.id}`, { name: "Hijacked" })).statusCode).toBe(403);
      expect((await who.delete(`/api/meetings/${publicMeeting.id}`)).statusCode).toBe(403);
    }
    for (const who of [stranger, otherFacilitator, otherAdmin]) {
      expect((await who.patch(`/api/meetings/${membersOnly.id}`, { name: "Hijacked" })).statusCode).toBe(404);
      expect((await who.delete(`/api/meetings/${membersOnly.id}`)).statusCode).toBe(404);
    }
    expect(await rowOf(publicMeeting.id)).toEqual(before);
    expect(await rowOf(membersOnly.id)).toBeDefined();
  });

  it("lets a manager delete a meeting", async () => {
    const created = (
      await facilitator.post(`/api/groups/${group.id}/meetings`, validInput({ name: "Short Lived" }))
    ).json();
    expect((await orgAdmin.delete(`/api/meetings/${created.id}`)).statusCode).toBe(204);
    expect((await t.anonymous().get(`/api/meetings/${created.id}`)).statusCode).toBe(404);
    expect((await t.anonymous().get("/api/meetings?q=short%20lived")).json().items).toEqual([]);
  });
});

describe("RSVP", () => {
  it("counts who is going without saying who", async () => {
    const date = nextDate(publicMeeting);
    const res = await member.put(`/api/meetings/${publicMeeting.id}/rsvp`, { occursOn: date });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ count: 1, viewerDates: [date] });
    // Saying it twice is still one.
    expect((await member.put(`/api/meetings/${publicMeeting.id}/rsvp`, { occursOn: date })).json().count).toBe(1);
    const other = await stranger.get(`/api/meetings/${publicMeeting.id}`);
    expect(other.json().going).toEqual({ count: 1, viewerDates: [] });
    expect(other.body).not.toContain(member.handle);
    const later = nextDate(publicMeeting, 1);
    expect(
      (await member.put(`/api/meetings/${publicMeeting.id}/rsvp`, { occursOn: later })).json().viewerDates,
    ).toEqual([date, later]);
    const cancelled = await member.delete(`/api/meetings/${publicMeeting.id}/rsvp?occursOn=${date}`);
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toEqual({ count: 0, viewerDates: [later] });
  });

  it("refuses a date the meeting does not happen on, a past date, one too far ahead, or no date", async () => {
    const next = nextDate(publicMeeting);
    const dayAfter = new Date(Date.parse(`${next}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const weekBefore = new Date(Date.parse(`${next}T00:00:00Z`) - 14 * 86_400_000).toISOString().slice(0, 10);
    const farAhead = new Date(Date.parse(`${next}T00:00:00Z`) + 70 * 86_400_000).toISOString().slice(0, 10);
    for (const occursOn of [dayAfter, weekBefore, farAhead, "2026-13-01", "tomorrow", ""]) {
      const res = await stranger.put(`/api/meetings/${publicMeeting.id}/rsvp`, { occursOn });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.field).toBe("occursOn");
    }
    expect((await stranger.get(`/api/meetings/${publicMeeting.id}`)).json().going.viewerDates).toEqual([]);
  });

  it("needs an account and sight of the meeting", async () => {
    const date = nextDate(membersOnly);
    expect(
      (await t.anonymous().put(`/api/meetings/${publicMeeting.id}/rsvp`, { occursOn: nextDate(publicMeeting) }))
        .statusCode,
    ).toBe(401);
    for (const who of [stranger, otherFacilitator, otherAdmin]) {
      expect((await who.put(`/api/meetings/${membersOnly.id}/rsvp`, { occursOn: date })).statusCode).toBe(404);
    }
    expect((await member.put(`/api/meetings/${membersOnly.id}/rsvp`, { occursOn: date })).statusCode).toBe(200);
    for (const who of [stranger, otherFacilitator, otherAdmin]) {
      const res = await who.delete(`/api/meetings/${membersOnly.id}/rsvp?occursOn=${date}`);
      expect(res.statusCode).toBe(404);
    }
    // Taking back one's own answer never touches anyone else's.
    await stranger.delete(`/api/meetings/${publicMeeting.id}/rsvp?occursOn=${nextDate(publicMeeting)}`);
    expect((await member.get(`/api/meetings/${membersOnly.id}`)).json().going).toEqual({
      count: 1,
      viewerDates: [date],
    });
    const bad = await member.delete(`/api/meetings/${membersOnly.id}/rsvp?occursOn=soon`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe("occursOn");
  });
});

describe("follow and my schedule", () => {
  it("lists followed meetings soonest first, with my RSVP dates and no links", async () => {
    const who = await t.makeMember();
    await addToGroup(t.db, group.id, who.id);
    for (const m of [publicMeeting, membersOnly, openLink]) {
      expect((await who.put(`/api/meetings/${m.id}/follow`)).statusCode).toBe(204);
    }
    await who.put(`/api/meetings/${publicMeeting.id}/follow`); // again: still one
    const date = nextDate(membersOnly);
    await who.put(`/api/meetings/${membersOnly.id}/rsvp`, { occursOn: date });
    const res = await who.get("/api/me/schedule");
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { meeting: { name: string; nextStart: string }; going: string[] }[];
    expect(items.map((i) => i.meeting.name).sort()).toEqual(["Harbour Hope", "Inner Circle", "Open Door Online"]);
    const starts = items.map((i) => i.meeting.nextStart);
    expect(starts).toEqual([...starts].sort());
    expect(items.find((i) => i.meeting.name === "Inner Circle")?.going).toEqual([date]);
    expect(res.body).not.toContain("meet.example.org");
    expect((await who.get(`/api/meetings/${publicMeeting.id}`)).json().viewer.follows).toBe(true);

    // Leaving the group takes its members-only meeting off the schedule.
    await t.db.delete(groupMembers).where(and(eq(groupMembers.groupId, group.id), eq(groupMembers.memberId, who.id)));
    const after = (await who.get("/api/me/schedule"))
      .json()
      .items.map((i: { meeting: { name: string } }) => i.meeting.name);
    expect(after).not.toContain("Inner Circle");

    expect((await who.delete(`/api/meetings/${openLink.id}/follow`)).statusCode).toBe(204);
    expect((await who.get("/api/me/schedule")).json().items).toHaveLength(1);
  });

  it("needs an account, and cannot follow what it cannot see", async () => {
    expect((await t.anonymous().get("/api/me/schedule")).statusCode).toBe(401);
    expect((await t.anonymous().put(`/api/meetings/${publicMeeting.id}/follow`)).statusCode).toBe(401);
    for (const who of [stranger, otherFacilitator, otherAdmin]) {
      expect((await who.put(`/api/meetings/${membersOnly.id}/follow`)).statusCode).toBe(404);
      expect((await who.delete(`/api/meetings/${membersOnly.id}/follow`)).statusCode).toBe(404);
    }
    expect((await t.anonymous().delete(`/api/meetings/${publicMeeting.id}/follow`)).statusCode).toBe(401);
    expect((await stranger.get("/api/me/schedule")).json().items).toEqual([]);
  });
});

describe("suggested edits", () => {
  it("takes a suggestion from any signed-in member, shows it to the group's managers as a diff, and applies it", async () => {
    const target = await makeMeeting(t.db, group, { name: "Evening Light" });
    const res = await stranger.post(`/api/meetings/${target.id}/suggestions`, {
      changes: { startTime: "19:30", types: ["O", "D", "X"] },
      note: "The hall changed its hours; step-free now.",
    });
    expect(res.statusCode).toBe(201);
    const suggestion = res.json();
    expect(suggestion).toMatchObject({ status: "open", proposer: stranger.handle, meetingName: "Evening Light" });
    expect(suggestion.diff).toEqual([
      { field: "startTime", from: "19:00", to: "19:30" },
      { field: "types", from: ["O", "D"], to: ["O", "D", "X"] },
    ]);

    const list = await facilitator.get(`/api/groups/${group.id}/suggestions`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((s: { id: string }) => s.id)).toContain(suggestion.id);
    expect((await orgAdmin.get(`/api/groups/${group.id}/suggestions`)).statusCode).toBe(200);
    for (const who of [member, stranger, otherFacilitator, otherAdmin]) {
      expect((await who.get(`/api/groups/${group.id}/suggestions`)).statusCode).toBe(403);
      expect((await who.post(`/api/suggestions/${suggestion.id}/accept`)).statusCode).toBe(403);
      expect((await who.post(`/api/suggestions/${suggestion.id}/decline`)).statusCode).toBe(403);
    }
    expect((await t.anonymous().get(`/api/groups/${group.id}/suggestions`)).statusCode).toBe(401);
    expect((await rowOf(target.id))?.startTime).toBe("19:00");

    const accepted = await facilitator.post(`/api/suggestions/${suggestion.id}/accept`);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().status).toBe("accepted");
    expect((await t.anonymous().get(`/api/meetings/${target.id}`)).json()).toMatchObject({
      startTime: "19:30",
      types: ["O", "D", "X"],
    });
    expect((await t.anonymous().get("/api/meetings?q=evening%20light")).json().items[0].time).toBe("19:30");
    expect((await facilitator.post(`/api/suggestions/${suggestion.id}/accept`)).statusCode).toBe(409);
    const mine = (await stranger.get("/api/me/suggestions")).json().items;
    expect(mine.find((s: { id: string }) => s.id === suggestion.id)?.status).toBe("accepted");
  });

  it("declines without changing the meeting", async () => {
    const target = await makeMeeting(t.db, group, { name: "Steady Ground" });
    const s = (
      await member.post(`/api/meetings/${target.id}/suggestions`, { changes: { name: "Shaky Ground" } })
    ).json();
    const before = await rowOf(target.id);
    const res = await orgAdmin.post(`/api/suggestions/${s.id}/decline`);
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe("declined");
    expect(await rowOf(target.id)).toEqual(before);
    expect(
      (await facilitator.get(`/api/groups/${group.id}/suggestions`)).json().items.map((x: { id: string }) => x.id),
    ).not.toContain(s.id);
  });

  it("refuses an accept that would break a rule now, and changes nothing", async () => {
    const target = await makeMeeting(t.db, group, {
      name: "Phone Bridge",
      mode: "hybrid",
      conferenceUrl: "https://meet.example.org/bridge",
      conferencePhone: "+44 20 1111 1111",
    });
    // Valid when made: the phone is still there.
    const s = await member.post(`/api/meetings/${target.id}/suggestions`, { changes: { conferenceUrl: null } });
    expect(s.statusCode).toBe(201);
    // Then the phone line goes.
    expect((await facilitator.patch(`/api/meetings/${target.id}`, { conferencePhone: null })).statusCode).toBe(200);
    const before = await rowOf(target.id);
    const res = await facilitator.post(`/api/suggestions/${s.json().id}/accept`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe("conferenceUrl");
    expect(await rowOf(target.id)).toEqual(before);
    const open = (await facilitator.get(`/api/groups/${group.id}/suggestions`)).json().items;
    expect(open.find((x: { id: string }) => x.id === s.json().id)?.status).toBe("open");
  });

  it.each([
    [{ changes: {} }, "changes"],
    [{ changes: { startTime: "99:99" } }, "changes"],
    [{ changes: { timeZone: "Mars/Base" } }, "changes"],
    [{ changes: { mode: "online", conferenceUrl: null, conferencePhone: null } }, "conferenceUrl"],
    [{ changes: { name: "Harbour Hope" } }, "changes"],
    [{ changes: { surprise: true } }, "changes"],
    [{ changes: { name: "Fine" }, note: "n".repeat(1001) }, "note"],
  ])("refuses the suggestion %j naming the field %s", async (body, field) => {
    const res = await stranger.post(`/api/meetings/${publicMeeting.id}/suggestions`, body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field.split(".")[0]).toBe(field);
  });

  it("needs an account and sight of the meeting", async () => {
    expect(
      (await t.anonymous().post(`/api/meetings/${publicMeeting.id}/suggestions`, { changes: { name: "X" } }))
        .statusCode,
    ).toBe(401);
    for (const who of [stranger, otherFacilitator, otherAdmin]) {
      const res = await who.post(`/api/meetings/${membersOnly.id}/suggestions`, { changes: { name: "X" } });
      expect(res.statusCode).toBe(404);
    }
    expect((await t.anonymous().get("/api/me/suggestions")).statusCode).toBe(401);
    const mine = await member.post(`/api/meetings/${membersOnly.id}/suggestions`, { changes: { notes: "Tea after." } });
    expect(mine.statusCode).toBe(201);
    for (const who of [stranger, otherFacilitator, otherAdmin, facilitator]) {
      const ids = (await who.get("/api/me/suggestions")).json().items.map((x: { id: string }) => x.id);
      expect(ids).not.toContain(mine.json().id);
    }
    for (const who of [stranger, otherFacilitator, otherAdmin]) {
      expect((await who.post(`/api/suggestions/${mine.json().id}/accept`)).statusCode).toBe(404);
    }
    expect((await otherFacilitator.get(`/api/groups/${otherGroup.id}/suggestions`)).statusCode).toBe(200);
  });

  it("never shows a proposer a link they may not see", async () => {
    const res = await stranger.post(`/api/meetings/${admittedOnly.id}/suggestions`, {
      changes: { conferenceUrl: "https://meet.example.org/new-room" },
      note: "The old link didn't work for me.",
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().diff).toEqual([{ field: "conferenceUrl", from: null, to: "https://meet.example.org/new-room" }]);
    expect(res.body).not.toContain(HIDDEN_URL);
    expect((await stranger.get("/api/me/suggestions")).body).not.toContain(HIDDEN_URL);
    // The group's managers see what it would replace.
    const forManagers = (await facilitator.get(`/api/groups/${group.id}/suggestions`)).json().items;
    expect(forManagers.find((s: { id: string }) => s.id === res.json().id)?.diff[0].from).toBe(HIDDEN_URL);
  });
});

describe("zone offsets on start", () => {
  it("puts the finder's UTC week minutes right when the server starts, as the hourly job does", async () => {
    await t.db
      .update(meetingSlots)
      .set({ utcOffsetMinutes: 999, weekStartUtc: 1 })
      .where(eq(meetingSlots.meetingId, publicMeeting.id));
    const second = await buildApp(testConfig(), { database: t.database, keyPrefix: `test:${randomUUID()}` });
    await second.ready();
    await second.close();
    const [slot] = await t.db.select().from(meetingSlots).where(eq(meetingSlots.meetingId, publicMeeting.id));
    const offset = offsetAt("Europe/London", new Date());
    expect(slot).toMatchObject({ utcOffsetMinutes: offset, weekStartUtc: 1440 + 19 * 60 - offset });
  });
});
