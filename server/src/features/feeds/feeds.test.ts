import { isMeetingType } from "@code4recovery/spec";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { meetings } from "../../db/schema.ts";
import { addToGroup, makeGroup, makeMeeting, makeOrganisation } from "../../test/directory-factories.ts";
import { buildTestApp, type TestApp } from "../../test/helper.ts";
import { LANGUAGE_TYPES, type MeetingGuideRow, meetingGuideChunks, utcStamp } from "./meeting-guide.ts";
import { feedsStore } from "./store.ts";

let t: TestApp;
let facilitator: Awaited<ReturnType<TestApp["makeMember"]>>;
let member: Awaited<ReturnType<TestApp["makeMember"]>>;
const ids: Record<string, string> = {};
const slugs: Record<string, string> = {};

beforeAll(async () => {
  t = await buildTestApp();
  facilitator = await t.makeMember();
  member = await t.makeMember();
  const org = await makeOrganisation(t.db, { name: "Harbour Peers", adminId: facilitator.id });
  const group = await makeGroup(t.db, org.id, { name: "Evening Harbour Group", facilitatorId: facilitator.id });
  await addToGroup(t.db, group.id, member.id);
  const closed = await makeGroup(t.db, org.id, { name: "Quiet Circle", membership: "closed" });

  const save = async (key: string, g: { id: string; name: string }, fields: Parameters<typeof makeMeeting>[2]) => {
    const row = await makeMeeting(t.db, g, fields);
    ids[key] = row.id;
    slugs[key] = row.slug;
    return row;
  };
  await save("weekdays", group, { name: "Weekday Serenity", days: [5, 1, 3], endTime: "20:30" });
  await save("publicOnline", group, {
    name: "Online Open Door",
    mode: "online",
    formattedAddress: "Chicago, IL, USA",
    latitude: null,
    longitude: null,
    conferenceUrl: "https://meet.example.org/open-door",
    conferencePhone: "+1 555 0100",
    conferenceNotes: "Passcode 1234",
    linkAudience: "public",
    timeZone: "America/Chicago",
  });
  await save("signedIn", group, {
    name: "Members Welcome Online",
    mode: "online",
    formattedAddress: null,
    latitude: null,
    longitude: null,
    conferenceUrl: "https://meet.example.org/secret-signed-in",
    conferencePhone: "+44 20 7946 0999",
    linkAudience: "signed_in",
  });
  await save("admitted", group, {
    name: "Greeted Hybrid",
    mode: "hybrid",
    conferenceUrl: "https://meet.example.org/secret-admitted",
    conferenceNotes: "Hidden passcode 9876",
    linkAudience: "admitted",
  });
  await save("membersOnly", closed, { name: "Inner Circle Share", audience: "members" });
  await save("oneOff", group, { name: "New Year Gathering", days: [], onDate: "2027-01-01" });
  await save("closedNow", group, { name: "Harbour Hall (closed for repairs)", temporarilyClosed: true });
  await save("spanish", group, { name: "Esperanza", languages: ["es"], types: ["O"] });
  // Two meetings whose slugs would collide if the feed named extra days blindly.
  await save("collider", group, { name: "Hope", days: [1, 3], slug: "hope-x" });
  await save("victim", group, { name: "Hope Wednesday", days: [3], slug: "hope-x-3" });
});
afterAll(async () => t?.close());

async function fetchFeed(agent = t.anonymous(), query = "") {
  const res = await agent.get(`/feeds/meeting-guide.json${query}`);
  expect(res.statusCode).toBe(200);
  return { res, rows: res.json() as MeetingGuideRow[] };
}

describe("GET /feeds/meeting-guide.json", () => {
  it("is JSON anyone may read from any site, cacheable for a little while", async () => {
    const { res } = await fetchFeed();
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(res.headers["access-control-allow-origin"]).toBe("*");
    expect(res.headers["cache-control"]).toMatch(/public, max-age=\d+/);
    expect(res.headers["cache-control"]).not.toMatch(/no-store/);
  });

  it("ignores any query string", async () => {
    const plain = await fetchFeed();
    const withQuery = await fetchFeed(t.anonymous(), "?day=1&types=W&callback=alert(1)&limit=1");
    expect(withQuery.res.body).toBe(plain.res.body);
  });

  it("has one row per meeting per day, with a scalar day and unique URL-safe slugs", async () => {
    const { rows } = await fetchFeed();
    for (const row of rows) {
      expect(Number.isInteger(row.day)).toBe(true);
      expect(row.day).toBeGreaterThanOrEqual(0);
      expect(row.day).toBeLessThanOrEqual(6);
      expect(row.slug).toMatch(/^[A-Za-z0-9._-]{1,120}$/);
    }
    expect(new Set(rows.map((r) => r.slug)).size).toBe(rows.length);
    const weekdays = rows.filter((r) => r.name === "Weekday Serenity");
    expect(weekdays.map((r) => [r.day, r.slug])).toEqual([
      [1, slugs.weekdays],
      [3, `${slugs.weekdays}-3`],
      [5, `${slugs.weekdays}-5`],
    ]);
  });

  it("never names an extra day with another meeting's slug", async () => {
    const { rows } = await fetchFeed();
    const hope = rows.filter((r) => r.name === "Hope");
    expect(hope.map((r) => r.day)).toEqual([1, 3]);
    expect(hope[0]?.slug).toBe("hope-x");
    expect(hope[1]?.slug).not.toBe("hope-x-3");
    expect(rows.find((r) => r.slug === "hope-x-3")?.name).toBe("Hope Wednesday");
  });

  it("follows the spec's formats: times, zone, updated in UTC, approximate, type codes, meeting page", async () => {
    const { rows } = await fetchFeed();
    const [stored] = await t.db
      .select()
      .from(meetings)
      .where(eq(meetings.id, ids.weekdays as string));
    for (const row of rows) {
      expect(row.time).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
      if (row.end_time !== undefined) expect(row.end_time).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
      expect(row.timezone).toMatch(/\//);
      expect(row.updated).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      expect(["yes", "no"]).toContain(row.approximate);
      expect(["in_person", "online", "hybrid", "inactive"]).toContain(row.attendance_option);
      for (const code of row.types) expect(isMeetingType(code), code).toBe(true);
      expect(row.url).toMatch(/^http:\/\/kinship\.test\/meetings\/[A-Za-z0-9._-]+$/);
      expect(row.group).toBeTruthy();
      expect(row.entity).toBe("Harbour Peers");
    }
    const weekday = rows.find((r) => r.slug === slugs.weekdays) as MeetingGuideRow;
    expect(weekday).toMatchObject({
      time: "19:00",
      end_time: "20:30",
      timezone: "Europe/London",
      approximate: "no",
      attendance_option: "in_person",
      formatted_address: "12 Harbour Street, London, UK",
      location: "St Mary's Hall",
      latitude: 51.5072,
      longitude: -0.1276,
      group: "Evening Harbour Group",
      url: `http://kinship.test/meetings/${slugs.weekdays}`,
      updated: utcStamp(stored?.updatedAt as Date),
    });
    expect(weekday.types).toEqual(expect.arrayContaining(["O", "D", "EN"]));
    // Every day of a meeting links to the same meeting page.
    expect(rows.find((r) => r.slug === `${slugs.weekdays}-5`)?.url).toBe(weekday.url);
  });

  it("marks online-only meetings approximate and carries their link only when it is public", async () => {
    const { rows } = await fetchFeed();
    const online = rows.find((r) => r.name === "Online Open Door");
    expect(online).toMatchObject({
      approximate: "yes",
      attendance_option: "online",
      conference_url: "https://meet.example.org/open-door",
      conference_phone: "+1 555 0100",
      conference_url_notes: "Passcode 1234",
      timezone: "America/Chicago",
    });
    const signedIn = rows.find((r) => r.name === "Members Welcome Online") as MeetingGuideRow;
    expect(signedIn).toBeDefined();
    expect(signedIn).not.toHaveProperty("conference_url");
    expect(signedIn).not.toHaveProperty("conference_phone");
    const admitted = rows.find((r) => r.name === "Greeted Hybrid") as MeetingGuideRow;
    expect(admitted).toMatchObject({ attendance_option: "hybrid", approximate: "no" });
    expect(admitted).not.toHaveProperty("conference_url");
    expect(admitted).not.toHaveProperty("conference_url_notes");
  });

  it("never leaks a hidden link, not even to a signed-in member of the group", async () => {
    for (const agent of [t.anonymous(), member, facilitator]) {
      const { res } = await fetchFeed(agent);
      expect(res.body).not.toContain("secret-signed-in");
      expect(res.body).not.toContain("7946 0999");
      expect(res.body).not.toContain("secret-admitted");
      expect(res.body).not.toContain("Hidden passcode");
    }
  });

  it("leaves out members-only meetings (for everyone) and one-off meetings", async () => {
    for (const agent of [t.anonymous(), member, facilitator]) {
      const { res } = await fetchFeed(agent);
      expect(res.body).not.toContain("Inner Circle Share");
      expect(res.body).not.toContain("New Year Gathering");
    }
  });

  it("says a temporarily closed meeting is inactive, with the spec's TC code", async () => {
    const { rows } = await fetchFeed();
    const closed = rows.find((r) => r.name.startsWith("Harbour Hall"));
    expect(closed?.attendance_option).toBe("inactive");
    expect(closed?.types).toContain("TC");
  });

  it("turns languages into the spec's language codes", async () => {
    const { rows } = await fetchFeed();
    expect(rows.find((r) => r.name === "Esperanza")?.types).toEqual(["O", "S"]);
    for (const code of Object.values(LANGUAGE_TYPES)) expect(isMeetingType(code), code).toBe(true);
  });

  it("carries nothing of any member: no handles, no ids", async () => {
    const { res, rows } = await fetchFeed();
    expect(res.body).not.toContain(facilitator.handle);
    expect(res.body).not.toContain(member.handle);
    expect(res.body).not.toContain(facilitator.id);
    const allowed = new Set([
      "name",
      "slug",
      "day",
      "time",
      "end_time",
      "timezone",
      "types",
      "attendance_option",
      "conference_url",
      "conference_url_notes",
      "conference_phone",
      "conference_phone_notes",
      "location",
      "formatted_address",
      "latitude",
      "longitude",
      "approximate",
      "region",
      "location_notes",
      "notes",
      "group",
      "url",
      "updated",
      "entity",
      "entity_url",
    ]);
    for (const row of rows) for (const key of Object.keys(row)) expect(allowed.has(key), key).toBe(true);
  });

  it("reads the database a page at a time and gives the same feed whatever the page size", async () => {
    const { rows } = await fetchFeed();
    const collect = async (pageSize: number) => {
      const pages: number[] = [];
      let text = "";
      const chunks = meetingGuideChunks(
        async (after, limit) => {
          const page = await feedsStore.publicWeeklyPage(t.db, after, limit);
          pages.push(page.length);
          return page;
        },
        (s) => feedsStore.takenSlugs(t.db, s),
        new URL("http://kinship.test"),
        pageSize,
      );
      for await (const chunk of chunks) text += chunk;
      return { rows: JSON.parse(text) as MeetingGuideRow[], pages };
    };
    for (const size of [1, 2, 3, 1000]) {
      const paged = await collect(size);
      expect(paged.rows).toEqual(rows);
      expect(Math.max(...paged.pages)).toBeLessThanOrEqual(size);
    }
  });

  it("is an empty list when there is nothing public", async () => {
    const chunks = meetingGuideChunks(
      async () => [],
      async () => new Set(),
      new URL("http://kinship.test"),
    );
    let text = "";
    for await (const chunk of chunks) text += chunk;
    expect(JSON.parse(text)).toEqual([]);
  });
});
