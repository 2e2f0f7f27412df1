import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { calendarFeeds, groupMembers, meetingFollows, meetings } from "../../db/schema.ts";
import { addToGroup, makeGroup, makeMeeting, makeOrganisation } from "../../test/directory-factories.ts";
import { buildTestApp, type TestApp } from "../../test/helper.ts";

type Member = Awaited<ReturnType<TestApp["makeMember"]>>;
let t: TestApp;
let follower: Member;
let facilitator: Member;
let otherMember: Member;
let groupId: string;
let quietGroupId: string;
const m: Record<string, { id: string; slug: string }> = {};

const SEPTEMBER = new Date("2026-09-01T12:00:00Z");

beforeAll(async () => {
  t = await buildTestApp();
  [follower, facilitator, otherMember] = await Promise.all([t.makeMember(), t.makeMember(), t.makeMember()]);
  const org = await makeOrganisation(t.db);
  const group = await makeGroup(t.db, org.id, { name: "Harbour Lights", facilitatorId: facilitator.id });
  const quiet = await makeGroup(t.db, org.id, { name: "Quiet Harbour", membership: "closed" });
  const other = await makeGroup(t.db, org.id, { name: "Elsewhere Group" });
  groupId = group.id;
  quietGroupId = quiet.id;
  await addToGroup(t.db, quiet.id, follower.id);

  const save = async (key: string, g: { id: string; name: string }, fields: Parameters<typeof makeMeeting>[2]) => {
    const row = await makeMeeting(t.db, g, fields);
    // Listed since September, so the series starts before the clocks change in October.
    await t.db.update(meetings).set({ createdAt: SEPTEMBER }).where(eq(meetings.id, row.id));
    m[key] = { id: row.id, slug: row.slug };
  };
  await save("london", group, { name: "Monday Night Hope" });
  await save("newYork", group, {
    name: "Tuesday and Thursday Online",
    mode: "online",
    days: [4, 2],
    startTime: "18:30",
    endTime: "19:45",
    timeZone: "America/New_York",
    formattedAddress: null,
    latitude: null,
    longitude: null,
    conferenceUrl: "https://meet.example.org/ny-public",
    linkAudience: "public",
  });
  await save("signedIn", group, {
    name: "Signed-in Link Meeting",
    mode: "online",
    formattedAddress: null,
    latitude: null,
    longitude: null,
    conferenceUrl: "https://meet.example.org/secret-signed-in",
    linkAudience: "signed_in",
  });
  await save("admitted", group, {
    name: "Greeter Hybrid",
    mode: "hybrid",
    conferenceUrl: "https://meet.example.org/secret-admitted",
    conferencePhone: "+44 20 7946 0555",
    linkAudience: "admitted",
  });
  await save("oneOff", group, {
    name: "Valentine's Day Gathering",
    days: [],
    onDate: "2027-02-14",
    startTime: "18:00",
    endTime: "20:00",
    timeZone: "Europe/Paris",
    formattedAddress: "1 Rue de la Paix, Paris",
    latitude: null,
    longitude: null,
  });
  await save("utc", group, { name: "Sunday Noon UTC", days: [0], startTime: "12:00", endTime: null, timeZone: "UTC" });
  await save("long", group, {
    name: "Ünïcödé Serenity — a very long meeting name that goes on and on 🌅 so the line must fold",
    notes: "Bring a friend. ".repeat(20),
  });
  await save("membersOnly", quiet, { name: "Quiet Harbour Share", audience: "members" });
  await save("elsewhere", other, { name: "Elsewhere Meeting" });
});
afterAll(async () => t?.close());

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(zone);
  return { calendar, events: calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v)) };
}

function occurrences(event: InstanceType<typeof ICAL.Event>, from: string, to: string) {
  const [start, end] = [new Date(from), new Date(to)];
  const found: Date[] = [];
  const it = event.iterator();
  for (let next = it.next(); next; next = it.next()) {
    const at = next.toJSDate();
    if (at > end) break;
    if (at >= start) found.push(at);
  }
  return found.map((d) => d.toISOString());
}

const eventOf = (text: string, key: string) => {
  const event = parse(text).events.find((e) => e.uid === `${m[key]?.id}@kinship.test`);
  if (!event) throw new Error(`no event for ${key}`);
  return event;
};

async function groupFeed(id = groupId) {
  const res = await t.anonymous().get(`/feeds/groups/${id}.ics`);
  expect(res.statusCode, res.body).toBe(200);
  return res;
}

/** Checks every calendar must pass: RFC 5545 lines, and a VTIMEZONE for every TZID an event uses. */
function expectWellFormed(text: string) {
  expect(text.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
  expect(text.trimEnd().endsWith("END:VCALENDAR")).toBe(true);
  expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  for (const line of text.split("\r\n")) expect(Buffer.byteLength(line, "utf8"), line).toBeLessThanOrEqual(75);
  expect(text).toMatch(/\r\nVERSION:2\.0\r\n/);
  expect(text).toMatch(/\r\nPRODID:-\/\/Kinship\/\/Meetings\/\/EN\r\n/);
  const unfolded = text.replace(/\r\n[ \t]/g, "");
  const events = unfolded.split("BEGIN:VEVENT").slice(1);
  for (const event of events) {
    expect(event).toMatch(/\r\nUID:[^\r]+@kinship\.test\r\n/);
    expect(event).toMatch(/\r\nDTSTAMP:\d{8}T\d{6}Z\r\n/);
    expect(event).toMatch(/\r\nDTSTART;TZID=[^:]+:\d{8}T\d{6}\r\n/);
    expect(event).toMatch(/\r\nDTEND;TZID=[^:]+:\d{8}T\d{6}\r\n/);
  }
  const used = new Set([...unfolded.matchAll(/;TZID=([^:;]+):/g)].map((x) => x[1]));
  expect(used.size).toBeGreaterThan(0);
  for (const tzid of used) expect(unfolded).toContain(`BEGIN:VTIMEZONE\r\nTZID:${tzid}\r\n`);
  return unfolded;
}

describe("GET /feeds/groups/:groupId.ics", () => {
  it("is an iCalendar anyone may subscribe to", async () => {
    const res = await groupFeed();
    expect(res.headers["content-type"]).toMatch(/^text\/calendar; charset=utf-8/);
    expect(res.headers["access-control-allow-origin"]).toBe("*");
    expect(res.headers["cache-control"]).toMatch(/^public, max-age=\d+/);
  });

  it("follows RFC 5545: CRLF, folded lines, PRODID, UID, DTSTAMP, TZID and a VTIMEZONE per zone", async () => {
    const unfolded = expectWellFormed((await groupFeed()).body);
    for (const tzid of ["Europe/London", "America/New_York", "Europe/Paris", "Etc/UTC"])
      expect(unfolded).toContain(`BEGIN:VTIMEZONE\r\nTZID:${tzid}\r\n`);
    expect(unfolded).toContain("RRULE:FREQ=WEEKLY;BYDAY=MO\r\n");
    expect(unfolded).toContain("RRULE:FREQ=WEEKLY;BYDAY=TU,TH\r\n");
  });

  it("keeps the same UID (and start) for a meeting from one fetch to the next", async () => {
    const uids = (text: string) => [...text.matchAll(/\r\nUID:([^\r]+)\r\n/g)].map((x) => x[1]).sort();
    const starts = (text: string) => [...text.matchAll(/\r\nDTSTART[^\r]+\r\n/g)].map((x) => x[0]).sort();
    const [a, b] = [(await groupFeed()).body, (await groupFeed()).body];
    expect(uids(a)).toEqual(uids(b));
    expect(starts(a)).toEqual(starts(b));
    expect(uids(a)).toContain(`${m.london?.id}@kinship.test`);
  });

  it("expands a London Monday 19:00 to 18:00Z in BST and 19:00Z in GMT", async () => {
    const event = eventOf((await groupFeed()).body, "london");
    expect(event.summary).toBe("Monday Night Hope");
    expect(occurrences(event, "2026-10-12T00:00:00Z", "2026-11-10T00:00:00Z")).toEqual([
      "2026-10-12T18:00:00.000Z",
      "2026-10-19T18:00:00.000Z",
      "2026-10-26T19:00:00.000Z",
      "2026-11-02T19:00:00.000Z",
      "2026-11-09T19:00:00.000Z",
    ]);
    // The local time stays 19:00 all along.
    const it = event.iterator();
    for (let i = 0; i < 12; i++) expect(it.next()?.hour).toBe(19);
    expect(event.endDate.hour).toBe(20);
  });

  it("expands a New York Tuesday/Thursday 18:30 across the US change on 1 November", async () => {
    const event = eventOf((await groupFeed()).body, "newYork");
    expect(occurrences(event, "2026-10-26T00:00:00Z", "2026-11-06T00:00:00Z")).toEqual([
      "2026-10-27T22:30:00.000Z",
      "2026-10-29T22:30:00.000Z",
      "2026-11-03T23:30:00.000Z",
      "2026-11-05T23:30:00.000Z",
    ]);
    expect(event.duration.toSeconds()).toBe(75 * 60);
  });

  it("writes a one-off meeting once, on its date", async () => {
    const event = eventOf((await groupFeed()).body, "oneOff");
    expect(event.isRecurring()).toBe(false);
    expect(event.startDate.toJSDate().toISOString()).toBe("2027-02-14T17:00:00.000Z");
    expect(event.startDate.zone?.tzid).toBe("Europe/Paris");
    expect(event.startDate.hour).toBe(18);
  });

  it("names UTC by the TZID of its VTIMEZONE", async () => {
    const text = (await groupFeed()).body;
    expect(text).toContain("DTSTART;TZID=Etc/UTC:");
    const event = eventOf(text, "utc");
    expect(occurrences(event, "2026-10-31T00:00:00Z", "2026-11-09T00:00:00Z")).toEqual([
      "2026-11-01T12:00:00.000Z",
      "2026-11-08T12:00:00.000Z",
    ]);
  });

  it("carries the place, the meeting page and public links, but never a hidden link", async () => {
    const text = (await groupFeed()).body;
    const london = eventOf(text, "london");
    expect(london.location).toContain("St Mary's Hall");
    expect(london.component.getFirstPropertyValue("url")).toBe(`http://kinship.test/meetings/${m.london?.slug}`);
    expect(eventOf(text, "newYork").description).toContain("Join online: https://meet.example.org/ny-public");
    expect(eventOf(text, "signedIn").description).toContain("How to join online is on the meeting's page.");
    const unfolded = text.replace(/\r\n[ \t]/g, "");
    expect(unfolded).not.toContain("secret-signed-in");
    expect(unfolded).not.toContain("secret-admitted");
    expect(unfolded).not.toContain("7946 0555");
    expect(eventOf(text, "long").summary).toMatch(/^Ünïcödé Serenity .*🌅 so the line must fold$/);
  });

  it("lists only this group's public meetings", async () => {
    const text = (await groupFeed()).body;
    expect(text).not.toContain("Elsewhere Meeting");
    const quiet = (await groupFeed(quietGroupId)).body;
    expect(quiet).not.toContain("Quiet Harbour Share");
    expect(parse(quiet).events).toHaveLength(0);
  });

  it("answers 404 for an unknown group and 400 for a malformed id", async () => {
    const unknown = await t.anonymous().get("/feeds/groups/00000000-0000-4000-8000-000000000000.ics");
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe("not_found");
    const bad = await t.anonymous().get("/feeds/groups/not-a-group.ics");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe("groupId");
  });
});

describe("a member's private calendar", () => {
  const pathOf = (url: string) => new URL(url).pathname;
  let url: string;

  beforeAll(async () => {
    for (const key of ["london", "signedIn", "admitted", "membersOnly"])
      await t.db.insert(meetingFollows).values({ memberId: follower.id, meetingId: m[key]?.id as string });
  });

  it("asks strangers to log in", async () => {
    const stranger = t.anonymous();
    expect((await stranger.get("/api/me/calendar-feed")).statusCode).toBe(401);
    expect((await stranger.post("/api/me/calendar-feed")).statusCode).toBe(401);
    expect((await stranger.delete("/api/me/calendar-feed")).statusCode).toBe(401);
  });

  it("has no address until the member makes one", async () => {
    const res = await follower.get("/api/me/calendar-feed");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ url: null, createdAt: null });
  });

  it("shows a new secret address once, and keeps only its hash", async () => {
    const res = await follower.post("/api/me/calendar-feed");
    expect(res.statusCode).toBe(201);
    expect(res.headers["cache-control"]).toBe("no-store");
    url = res.json().url;
    expect(url).toMatch(/^http:\/\/kinship\.test\/feeds\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const token = (/calendar\/([^.]+)\.ics$/.exec(url) as RegExpExecArray)[1] as string;
    const [row] = await t.db.select().from(calendarFeeds).where(eq(calendarFeeds.memberId, follower.id));
    expect(row?.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    const dump = await t.db.execute(sql`select * from calendar_feeds`);
    expect(JSON.stringify(dump)).not.toContain(token);

    const later = await follower.get("/api/me/calendar-feed");
    expect(later.json()).toEqual({ url: null, createdAt: res.json().createdAt });
  });

  it("holds the followed meetings the member may see, with links they may have", async () => {
    const res = await t.anonymous().get(pathOf(url));
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/calendar/);
    expect(res.headers["cache-control"]).toMatch(/no-store/);
    const unfolded = expectWellFormed(res.body);
    const { events } = parse(res.body);
    expect(events.map((e) => e.summary).sort()).toEqual([
      "Greeter Hybrid",
      "Monday Night Hope",
      "Quiet Harbour Share",
      "Signed-in Link Meeting",
    ]);
    expect(unfolded).toContain("Join online: https://meet.example.org/secret-signed-in");
    // A link kept for people a greeter admits never goes into a calendar.
    expect(unfolded).not.toContain("secret-admitted");
    expect(unfolded).not.toContain("7946 0555");
    expect(occurrences(eventOf(res.body, "london"), "2026-10-19T00:00:00Z", "2026-11-03T00:00:00Z")).toEqual([
      "2026-10-19T18:00:00.000Z",
      "2026-10-26T19:00:00.000Z",
      "2026-11-02T19:00:00.000Z",
    ]);
  });

  it("drops a members-only meeting once the member has left its group", async () => {
    await t.db.delete(groupMembers).where(eq(groupMembers.memberId, follower.id));
    const { events } = parse((await t.anonymous().get(pathOf(url))).body);
    expect(events.map((e) => e.summary)).not.toContain("Quiet Harbour Share");
    expect(events).toHaveLength(3);
  });

  it("is the member's own: another member's calendar holds none of it", async () => {
    const res = await otherMember.post("/api/me/calendar-feed");
    const other = await t.anonymous().get(pathOf(res.json().url));
    expect(other.statusCode).toBe(200);
    expect(parse(other.body).events).toHaveLength(0);
    expect(other.body).not.toContain("Monday Night Hope");
  });

  it("stops the old address at once when the member makes a new one", async () => {
    const res = await follower.post("/api/me/calendar-feed");
    const fresh = res.json().url as string;
    expect(fresh).not.toBe(url);
    expect((await t.anonymous().get(pathOf(url))).statusCode).toBe(404);
    expect((await t.anonymous().get(pathOf(fresh))).statusCode).toBe(200);
    url = fresh;
  });

  it("answers 404 for unknown and malformed addresses", async () => {
    for (const path of [
      `/feeds/calendar/${"A".repeat(43)}.ics`,
      "/feeds/calendar/short.ics",
      `/feeds/calendar/${"%27or%201=1--".padEnd(43, "x")}.ics`,
    ]) {
      const res = await t.anonymous().get(path);
      expect(res.statusCode, path).toBe(404);
    }
  });

  it("turns the address off", async () => {
    const res = await follower.delete("/api/me/calendar-feed");
    expect(res.statusCode).toBe(204);
    expect((await t.anonymous().get(pathOf(url))).statusCode).toBe(404);
    expect((await follower.get("/api/me/calendar-feed")).json()).toEqual({ url: null, createdAt: null });
    // Turning it off twice is fine.
    expect((await follower.delete("/api/me/calendar-feed")).statusCode).toBe(204);
  });
});
