import { FinderQuery } from "@kinship/contracts/directory";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { meetingSlots, meetings } from "../../db/schema.ts";
import type { Actor } from "../../platform/actor.ts";
import { addToGroup, makeGroup, makeMeeting, makeOrganisation } from "../../test/directory-factories.ts";
import { buildTestApp, type TestApp } from "../../test/helper.ts";
import { boundingBox, findSlots, searchQueryOf, viewerWindow, weekRanges } from "./finder.ts";
import { nextStartOf } from "./schedule.ts";
import { createMeetingsService } from "./service.ts";
import { refreshGroupSearch, refreshZoneOffsets } from "./store.ts";

// Fixed instants. 2026-01-12 is a Monday in winter (London on GMT, New York on EST);
// 2026-03-10 is a Tuesday in the fortnight when New York has sprung forward and London has not.
const MONDAY_NOON = new Date("2026-01-12T12:00:00Z");
const SATURDAY_LATE = new Date("2026-01-17T23:30:00Z");
const SUNDAY_EARLY = new Date("2026-01-18T00:10:00Z");
const WINTER_TUESDAY = new Date("2026-01-13T10:00:00Z");
const GAP_TUESDAY = new Date("2026-03-10T10:00:00Z");

const LONDON = { latitude: 51.5072, longitude: -0.1276 };
const NEW_YORK = { latitude: 40.7128, longitude: -74.006 };

let t: TestApp;
let service: ReturnType<typeof createMeetingsService>;
let member: Actor;
let orgAdmin: Actor;
let outsider: Actor;

/** Runs the finder as of `now`, with the slots' offsets as the hourly job would have them then. */
async function find(query: Record<string, unknown>, now = MONDAY_NOON, actor: Actor | null = null) {
  await refreshZoneOffsets(t.db, now);
  return service.find(actor, FinderQuery.parse(query), now);
}
/** Great-circle distance, worked out here independently of the SQL. */
function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number) {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(a));
}
const names = (r: { items: { name: string }[] }) => r.items.map((i) => i.name);
const actorOf = (m: { id: string; handle: string }): Actor => ({ memberId: m.id, handle: m.handle, sessionId: "test" });

beforeAll(async () => {
  t = await buildTestApp();
  service = createMeetingsService({ db: t.db });
  const [m1, m2, m3] = [await t.makeMember(), await t.makeMember(), await t.makeMember()];
  member = actorOf(m1);
  orgAdmin = actorOf(m2);
  outsider = actorOf(m3);

  const org = await makeOrganisation(t.db, { adminId: orgAdmin.memberId });
  const london = await makeGroup(t.db, org.id, { name: "Harbour Lights", facilitatorId: undefined });
  await addToGroup(t.db, london.id, member.memberId);
  const smart = await makeGroup(t.db, org.id, {
    name: "Tools for Today",
    format: "smart",
    focus: "gambling",
    languages: ["es"],
  });
  const otherOrg = await makeOrganisation(t.db);
  const elsewhere = await makeGroup(t.db, otherOrg.id, { name: "Far Shore" });
  await addToGroup(t.db, elsewhere.id, outsider.memberId);

  // London, on Monday.
  await makeMeeting(t.db, london, { name: "Monday Night Hope", types: ["O", "D"], startTime: "19:00" });
  await makeMeeting(t.db, london, {
    name: "Lunchtime Serenity",
    startTime: "11:30",
    endTime: "12:30",
    types: ["O"],
    locationName: "St Mary's Hall",
  });
  await makeMeeting(t.db, london, { name: "Quarter To One", startTime: "12:45", endTime: "13:45", types: ["C"] });
  await makeMeeting(t.db, london, { name: "Half Past One", startTime: "13:30", endTime: "14:30", types: ["C"] });
  await makeMeeting(t.db, london, { name: "Members Circle", audience: "members", startTime: "19:30" });
  await makeMeeting(t.db, london, { name: "Taking A Break", temporarilyClosed: true, startTime: "18:00" });
  // One-off meetings: today soon, next week at the same time, and one that is over.
  await makeMeeting(t.db, london, { name: "New Year Gathering", days: [], onDate: "2026-01-12", startTime: "12:30" });
  await makeMeeting(t.db, london, { name: "Next Week Special", days: [], onDate: "2026-01-19", startTime: "12:30" });
  await makeMeeting(t.db, london, { name: "Long Gone Social", days: [], onDate: "2026-01-05", startTime: "12:30" });
  await makeMeeting(t.db, london, {
    name: "Seaside Circle",
    startTime: "20:00",
    formattedAddress: "Brighton, UK",
    latitude: 50.8225,
    longitude: -0.1372,
  });
  // Around the end of the UTC week (Saturday night into Sunday).
  await makeMeeting(t.db, london, { name: "Sunday Dawn", days: [0], startTime: "00:15", endTime: "01:15" });
  await makeMeeting(t.db, london, { name: "Midnight Oil", days: [6], startTime: "23:30", endTime: "00:30" });
  // Tuesday evening in London, for the time-zone window.
  await makeMeeting(t.db, london, { name: "Tuesday Steps", days: [2], startTime: "19:00", types: ["ST"] });

  // New York, online Spanish SMART meeting, members-only meeting of another organisation.
  await makeMeeting(t.db, london, {
    name: "Brooklyn Step Study",
    timeZone: "America/New_York",
    startTime: "14:00",
    endTime: "15:00",
    formattedAddress: "1 Main St, Brooklyn, NY",
    ...NEW_YORK,
    types: ["C", "ST"],
  });
  await makeMeeting(t.db, smart, {
    name: "Herramientas en Línea",
    mode: "online",
    days: [1, 3],
    startTime: "07:00",
    timeZone: "America/Mexico_City",
    formattedAddress: null,
    locationName: null,
    latitude: null,
    longitude: null,
    conferenceUrl: "https://meet.example.org/herramientas",
    languages: [],
    types: ["O"],
  });
  await makeMeeting(t.db, elsewhere, { name: "Far Shore Private", audience: "members", startTime: "19:00" });
  // Fiji, a few km east of the antimeridian from a point just west of it.
  await makeMeeting(t.db, elsewhere, {
    name: "Island Fellowship",
    timeZone: "Pacific/Fiji",
    latitude: -16.8,
    longitude: 179.95,
    formattedAddress: "Labasa, Fiji",
  });
});
afterAll(async () => t?.close());

describe("visibility", () => {
  it("shows public meetings to everyone and members-only meetings only to members and admins", async () => {
    expect(names(await find({}))).not.toContain("Members Circle");
    expect(names(await find({}))).not.toContain("Far Shore Private");
    expect(names(await find({}, MONDAY_NOON, member))).toContain("Members Circle");
    expect(names(await find({}, MONDAY_NOON, member))).not.toContain("Far Shore Private");
    expect(names(await find({}, MONDAY_NOON, orgAdmin))).toContain("Members Circle");
    expect(names(await find({}, MONDAY_NOON, outsider))).not.toContain("Members Circle");
    expect(names(await find({}, MONDAY_NOON, outsider))).toContain("Far Shore Private");
  });

  it("never includes a link or phone in a finder item", async () => {
    const r = await find({ q: "herramientas" });
    expect(r.items.length).toBeGreaterThan(0);
    expect(JSON.stringify(r)).not.toContain("meet.example.org");
  });

  it("drops one-off meetings that are over and shows closed ones flagged", async () => {
    const r = await find({});
    expect(names(r)).not.toContain("Long Gone Social");
    expect(r.items.find((i) => i.name === "Taking A Break")?.temporarilyClosed).toBe(true);
    expect(r.items.find((i) => i.name === "Monday Night Hope")?.temporarilyClosed).toBe(false);
  });

  it("returns one item per meeting per weekday", async () => {
    const r = await find({ q: "herramientas" });
    expect(r.items.map((i) => i.day).sort()).toEqual([1, 3]);
    expect(r.total).toBe(2);
  });
});

describe("day and time in each meeting's own zone", () => {
  it("filters by day", async () => {
    const tuesday = names(await find({ day: 2 }));
    expect(tuesday).toContain("Tuesday Steps");
    expect(tuesday).not.toContain("Monday Night Hope");
  });

  it("filters by a time window, end included", async () => {
    const evening = names(await find({ day: 1, from: "18:30", to: "19:00" }));
    expect(evening).toContain("Monday Night Hope");
    expect(evening).not.toContain("Taking A Break");
    // New York's 14:00 is its own 14:00, whatever it is in London.
    expect(names(await find({ day: 1, from: "14:00", to: "14:00" }))).toEqual(["Brooklyn Step Study"]);
  });

  it("runs a window past midnight into the next day", async () => {
    const late = names(await find({ day: 6, from: "23:00", to: "00:30" }));
    expect(late).toEqual(expect.arrayContaining(["Midnight Oil", "Sunday Dawn"]));
    expect(late).not.toContain("Monday Night Hope");
  });
});

describe("day and time in the viewer's zone (tz)", () => {
  it("finds 19:00 in London at 14:00 in New York in winter", async () => {
    const r = await find({ tz: "America/New_York", day: 2, from: "14:00", to: "14:00" }, WINTER_TUESDAY);
    expect(names(r)).toEqual(["Tuesday Steps"]);
    // The item still tells the meeting's own day, time and zone.
    expect(r.items[0]).toMatchObject({ day: 2, time: "19:00", timezone: "Europe/London" });
    expect(r.items[0]?.nextStart).toBe("2026-01-13T19:00:00.000Z");
  });

  it("finds it at 15:00 in New York in the fortnight New York has sprung forward and London has not", async () => {
    expect(names(await find({ tz: "America/New_York", day: 2, from: "15:00", to: "15:00" }, GAP_TUESDAY))).toEqual([
      "Tuesday Steps",
    ]);
    expect(names(await find({ tz: "America/New_York", day: 2, from: "14:00", to: "14:00" }, GAP_TUESDAY))).toEqual([]);
  });

  it("moves a window across the viewer's midnight and the end of the UTC week", async () => {
    // Sunday 00:15 London is Saturday 19:15 in New York.
    const r = await find({ tz: "America/New_York", day: 6, from: "19:00", to: "19:30" });
    expect(names(r)).toContain("Sunday Dawn");
    // Saturday 23:30 London is Sunday 08:30 in Tokyo.
    expect(names(await find({ tz: "Asia/Tokyo", day: 0, from: "08:00", to: "09:00" }))).toContain("Midnight Oil");
  });
});

describe("next start of each item", () => {
  it("is right when the clocks change before the meeting", async () => {
    // Friday before the UK springs forward: Monday 19:00 in London is 18:00 UTC, not 19:00.
    const r = await find({ q: "monday night hope" }, new Date("2026-03-27T12:00:00Z"));
    expect(r.items[0]?.nextStart).toBe("2026-03-30T18:00:00.000Z");
  });

  it("agrees with the schedule for every item, at instants all over the year", async () => {
    const rows = await t.db.select().from(meetings);
    const byId = new Map(rows.map((m) => [m.id, m]));
    for (const at of ["2026-01-12T12:00:00Z", "2026-03-07T23:59:00Z", "2026-03-28T22:30:00Z", "2026-10-24T12:00:00Z"]) {
      const now = new Date(at);
      for (const item of (await find({ limit: 200 }, now)).items) {
        const m = byId.get(item.id) as (typeof rows)[number];
        const expected = nextStartOf({ ...m, days: [item.day] }, now, item.day);
        expect(`${item.name} ${at} ${item.nextStart}`).toBe(`${item.name} ${at} ${expected?.toISOString()}`);
        expect(item.inProgress).toBe((expected?.getTime() ?? 0) <= now.getTime());
      }
    }
  });
});

describe("starting soon and in progress", () => {
  it("finds meetings starting within the next hour, one-offs only on their own date", async () => {
    const soon = names(await find({ startsWithin: 60 }, MONDAY_NOON));
    expect(soon).toEqual(expect.arrayContaining(["New Year Gathering", "Quarter To One"]));
    expect(soon).not.toContain("Next Week Special");
    expect(soon).not.toContain("Half Past One");
    expect(soon).not.toContain("Lunchtime Serenity"); // it started already
  });

  it("wraps around the end of the week", async () => {
    expect(names(await find({ startsWithin: 60 }, SATURDAY_LATE))).toContain("Sunday Dawn");
  });

  it("finds meetings in progress now, across the end of the week too", async () => {
    const now = await find({ inProgress: "true" }, MONDAY_NOON);
    expect(names(now)).toContain("Lunchtime Serenity");
    expect(names(now)).not.toContain("Quarter To One");
    expect(now.items.find((i) => i.name === "Lunchtime Serenity")?.inProgress).toBe(true);
    expect(names(await find({ inProgress: "true" }, SUNDAY_EARLY))).toContain("Midnight Oil");
    expect(names(await find({ inProgress: "false" }, MONDAY_NOON))).not.toContain("Lunchtime Serenity");
  });
});

describe("what kind of meeting", () => {
  it("needs every type asked for", async () => {
    const both = names(await find({ types: "O,D" }));
    expect(both).toContain("Monday Night Hope");
    expect(both).not.toContain("Lunchtime Serenity");
    expect(names(await find({ types: "ST" }))).toEqual(
      expect.arrayContaining(["Tuesday Steps", "Brooklyn Step Study"]),
    );
  });

  it("filters by mode, format, focus and language (a meeting without languages speaks its group's)", async () => {
    expect(names(await find({ mode: "online" }))).toEqual(["Herramientas en Línea", "Herramientas en Línea"]);
    expect(names(await find({ format: "smart" }))).toEqual(["Herramientas en Línea", "Herramientas en Línea"]);
    expect(names(await find({ focus: "gambling" }))).toHaveLength(2);
    expect(new Set(names(await find({ language: "es" })))).toEqual(new Set(["Herramientas en Línea"]));
    expect(names(await find({ language: "en" }))).toContain("Monday Night Hope");
  });
});

describe("free text", () => {
  it("matches words by prefix across name, group and place", async () => {
    expect(names(await find({ q: "hope" }))).toEqual(["Monday Night Hope"]);
    expect(names(await find({ q: "Serenit" }))).toEqual(["Lunchtime Serenity"]);
    expect(names(await find({ q: "mary's hall lunch" }))).toEqual(["Lunchtime Serenity"]);
    expect(names(await find({ q: "far shore" })).length).toBeGreaterThan(0);
  });

  it.each(["hope & !(", "':* | hope", "hope\\", "hope' or 1=1 --", "hope <-> night", "(((", "!!!"])(
    "never lets %j become query syntax",
    async (q) => {
      const r = await find({ q });
      expect(Array.isArray(r.items)).toBe(true);
    },
  );

  it("builds prefix queries of plain words only", () => {
    expect(searchQueryOf("Hope & !(night)")).toBe("hope:* & night:*");
    expect(searchQueryOf("São 'Paulo':*")).toBe("são:* & paulo:*");
    expect(searchQueryOf("&|!():*")).toBeNull();
  });
});

describe("near a place", () => {
  it("keeps meetings within the radius, with their distance rounded to 0.1 km", async () => {
    const r = await find({ near: "51.5155,-0.0922", radiusKm: 5 });
    expect(names(r)).toContain("Monday Night Hope");
    expect(names(r)).not.toContain("Brooklyn Step Study");
    const item = r.items.find((i) => i.name === "Monday Night Hope");
    expect(item?.distanceKm).toBe(
      Math.round(haversineKm(51.5155, -0.0922, LONDON.latitude, LONDON.longitude) * 10) / 10,
    );
    expect(item?.distanceKm).toBeCloseTo(2.6, 1); // Bank to Charing Cross
    expect(Number.isInteger((item?.distanceKm ?? 0) * 10)).toBe(true);
    expect(names(await find({ near: "51.5155,-0.0922", radiusKm: 1 }))).toEqual([]);
  });

  it("works across the antimeridian", async () => {
    const r = await find({ near: "-16.8,-179.95", radiusKm: 25 });
    expect(names(r)).toEqual(["Island Fellowship"]);
    expect(r.items[0]?.distanceKm).toBe(Math.round(haversineKm(-16.8, -179.95, -16.8, 179.95) * 10) / 10);
  });

  it("sorts by distance, or refuses to without a place", async () => {
    const r = await find({ near: "51.5155,-0.0922", radiusKm: 100, sort: "distance", day: 1 });
    expect(names(r).at(-1)).toBe("Seaside Circle");
    expect(r.items.at(-1)?.distanceKm).toBeCloseTo(76, -1);
    const distances = r.items.map((i) => i.distanceKm ?? 0);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    await expect(find({ sort: "distance" })).rejects.toMatchObject({ status: 400, field: "sort" });
  });

  it("computes a bounding box that holds the circle", () => {
    const box = boundingBox(51.5, -0.12, 25);
    expect(box.latitude[0]).toBeCloseTo(51.275, 2);
    expect(box.longitude?.[0]?.[0]).toBeLessThan(-0.12 - 0.35);
    expect(boundingBox(89.9, 0, 50).longitude).toBeNull();
    expect(boundingBox(0, 179.9, 50).longitude).toHaveLength(2);
  });
});

describe("order and pages", () => {
  it("sorts by next start, a meeting in progress first", async () => {
    const r = await find({ day: 1 }, MONDAY_NOON);
    expect(names(r).slice(0, 3)).toEqual(["Lunchtime Serenity", "New Year Gathering", "Quarter To One"]);
    const starts = r.items.filter((i) => !i.inProgress).map((i) => i.nextStart);
    expect(starts).toEqual([...starts].sort());
  });

  it("pages with limit and offset and tells the total", async () => {
    const all = await find({});
    const page = await find({ limit: 2, offset: 2 });
    expect(page.items.map((i) => i.id)).toEqual(all.items.slice(2, 4).map((i) => i.id));
    expect(page.total).toBe(all.total);
    expect((await find({ offset: 500 })).total).toBe(all.total);
    expect(all.totalCapped).toBe(false);
  });

  it("orders by next start at any instant of the week, and pages of it join up to the whole list", async () => {
    // Noon on Monday, just before and after the UTC week turns, during a meeting that crosses it.
    for (const at of ["2026-01-12T12:00:00Z", "2026-01-17T23:10:00Z", "2026-01-17T23:45:00Z", "2026-01-18T00:20:00Z"]) {
      const now = new Date(at);
      const all = await find({ limit: 100 }, now);
      const running = all.items.filter((i) => i.inProgress);
      const upcoming = all.items.filter((i) => !i.inProgress);
      // Meetings in progress come first, then every other by its next start.
      expect(all.items.slice(0, running.length)).toEqual(running);
      const starts = upcoming.map((i) => i.nextStart);
      expect(starts).toEqual([...starts].sort());
      expect(starts.every((s) => s > now.toISOString())).toBe(true);
      const paged = [];
      for (let offset = 0; offset < all.total; offset += 3)
        paged.push(...(await find({ limit: 3, offset }, now)).items);
      expect(paged.map((i) => `${i.id}/${i.day}`)).toEqual(all.items.map((i) => `${i.id}/${i.day}`));
    }
  });

  it("gives the same pages when more match than it counts, merged from its walks of the week", async () => {
    const key = (r: { rows: { id: string; day: number | null; onDate: string | null }[] }) =>
      r.rows.map((x) => `${x.id}/${x.day}/${x.onDate}`);
    for (const at of ["2026-01-12T12:00:00Z", "2026-01-17T23:45:00Z", "2026-01-18T00:20:00Z", "2026-01-14T03:00:00Z"]) {
      const now = new Date(at);
      for (const query of [{}, { q: "harbour" }, { types: "O" }, { day: "1" }]) {
        for (const [limit, offset] of [
          [100, 0],
          [3, 0],
          [3, 3],
          [4, 9],
        ]) {
          const q = FinderQuery.parse({ ...query, limit, offset });
          const counted = await findSlots(t.db, null, q, now);
          const walked = await findSlots(t.db, null, q, now, { countCap: 2 });
          expect(counted.totalCapped).toBe(false);
          if (counted.total > 2) expect(walked).toMatchObject({ total: 2, totalCapped: true });
          expect(key(walked)).toEqual(key(counted));
        }
      }
    }
  });
});

describe("the finder's copies of each meeting", () => {
  it("follow the meeting whoever writes it, so a meeting made members-only leaves the finder at once", async () => {
    const [row] = await t.db.select().from(meetings).where(eq(meetings.name, "Quarter To One"));
    if (!row) throw new Error("fixture missing");
    await t.db
      .update(meetings)
      .set({ audience: "members", types: ["C", "X"] })
      .where(eq(meetings.id, row.id));
    expect(names(await find({}))).not.toContain("Quarter To One");
    expect(names(await find({ types: "X" }, MONDAY_NOON, member))).toContain("Quarter To One");
    await t.db.update(meetings).set({ audience: "public", types: row.types }).where(eq(meetings.id, row.id));
    expect(names(await find({}))).toContain("Quarter To One");
    const slots = await t.db.select().from(meetingSlots).where(eq(meetingSlots.meetingId, row.id));
    expect(slots[0]).toMatchObject({ groupId: row.groupId, audience: "public", mode: "in_person", types: row.types });
  });

  it("find a group's meetings by its new name once the group is renamed", async () => {
    const [row] = await t.db.select().from(meetings).where(eq(meetings.name, "Quarter To One"));
    if (!row) throw new Error("fixture missing");
    expect(names(await find({ q: "lanterns" }))).toEqual([]);
    await refreshGroupSearch(t.db, row.groupId, "Harbour Lanterns");
    expect(names(await find({ q: "lanterns" }))).toContain("Quarter To One");
    await refreshGroupSearch(t.db, row.groupId, "Harbour Lights");
    expect(names(await find({ q: "lanterns" }))).toEqual([]);
  });
});

describe("time windows", () => {
  it("splits a window that runs past the end of the week", () => {
    expect(weekRanges(10_070, 30)).toEqual([
      [10_070, 10_079],
      [0, 20],
    ]);
    expect(weekRanges(-30, 60)).toEqual([
      [10_050, 10_079],
      [0, 30],
    ]);
  });

  it("reads a viewer's window with their zone's offset", () => {
    expect(viewerWindow({ day: 1, from: "14:00", to: "14:00" }, "America/New_York", MONDAY_NOON)).toEqual([
      [1440 + 19 * 60, 1440 + 19 * 60],
    ]);
    expect(viewerWindow({}, "America/New_York", MONDAY_NOON)).toBeNull();
  });
});
