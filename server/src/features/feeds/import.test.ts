import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { MeetingImport } from "@kinship/contracts/directory";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { groups, meetingImports, meetingSlots, meetings } from "../../db/schema.ts";
import type { Actor } from "../../platform/actor.ts";
import { addToGroup, makeGroup, makeMeeting, makeOrganisation } from "../../test/directory-factories.ts";
import { type Agent, buildTestApp, driver, type TestApp } from "../../test/helper.ts";
import { createFeedFetcher, isPrivateAddress } from "./fetch-feed.ts";
import { DEFAULT_AGREEMENT, guessKind, readFeed } from "./import.ts";
import type { MeetingGuideRow } from "./meeting-guide.ts";
import { createFeedsService } from "./service.ts";

type Member = Awaited<ReturnType<TestApp["makeMember"]>>;
let t: TestApp;
let admin: Member;
let facilitator: Member;
let member: Member;
let otherAdmin: Member;
let orgA: { id: string; name: string; slug: string };
let orgB: { id: string; name: string; slug: string };

beforeAll(async () => {
  t = await buildTestApp();
  [admin, facilitator, member, otherAdmin] = await Promise.all([
    t.makeMember(),
    t.makeMember(),
    t.makeMember(),
    t.makeMember(),
  ]);
  orgA = await makeOrganisation(t.db, { name: "Lakeside Intergroup", adminId: admin.id });
  orgB = await makeOrganisation(t.db, { name: "Hillside Intergroup", adminId: otherAdmin.id });
  const group = await makeGroup(t.db, orgA.id, { facilitatorId: facilitator.id });
  await addToGroup(t.db, group.id, member.id);
});
afterAll(async () => t?.close());

const actorOf = (m: Member): Actor => ({ memberId: m.id, handle: m.handle, sessionId: "test" });

async function waitForImport(agent: Agent, id: string): Promise<MeetingImport> {
  for (let i = 0; i < 600; i++) {
    const res = await agent.get(`/api/imports/${id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as MeetingImport;
    if (body.status !== "running") return body;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("import did not finish");
}

async function importFeed(orgId: string, feed: unknown[], agent: Agent = admin) {
  const res = await agent.post(`/api/organisations/${orgId}/imports`, { feed });
  expect(res.statusCode, res.body).toBe(202);
  const started = res.json() as MeetingImport;
  expect(started).toMatchObject({ status: "running", total: feed.length, source: "Uploaded file" });
  return waitForImport(agent, started.id);
}

const meetingsOf = (orgId: string) =>
  t.db
    .select({ meeting: meetings, groupName: groups.name })
    .from(meetings)
    .innerJoin(groups, eq(groups.id, meetings.groupId))
    .where(eq(groups.organisationId, orgId))
    .orderBy(meetings.slug);

const countRows = async (table: "meetings" | "groups" | "meeting_imports" | "meeting_slots") => {
  const result = await t.db.execute(sql.raw(`select count(*)::int as n from ${table}`));
  return Number((result as unknown as { rows: { n: number }[] }).rows[0]?.n);
};

const good = (over: Record<string, unknown> = {}) => ({
  name: "Lakeside Morning",
  slug: "lakeside-morning",
  day: 1,
  time: "07:30",
  end_time: "08:30",
  timezone: "America/Chicago",
  types: ["O", "D", "EN"],
  formatted_address: "100 Lake Shore Dr, Chicago, IL 60611, USA",
  latitude: 41.9,
  longitude: -87.62,
  location: "Lakeside Church",
  group: "Lakeside AA",
  notes: "Use the side door.",
  updated: "2024-05-01 10:00:00",
  ...over,
});

const MIXED_FEED: unknown[] = [
  good(), // 1
  {
    name: "Night Owls Online",
    slug: "night-owls",
    day: [1, 3],
    time: "22:00",
    timezone: "America/New_York",
    conference_url: "https://meet.example.org/night-owls",
    conference_url_notes: "Passcode 42",
    approximate: "yes",
    formatted_address: "New York, NY, USA",
    types: ["C"],
  }, // 2: no group → the organisation's own group
  good({ name: "Sunrise", slug: "sunrise", day: 2, group: "Sunrise Group" }), // 3
  good({ name: "Sunrise", slug: "sunrise-4", day: 4, group: "Sunrise Group" }), // 4: merged into 3
  good({ slug: "no-zone", timezone: undefined }), // 5
  good({ slug: "late", time: "25:00" }), // 6
  good({ slug: "odd-types", types: ["O", "ZZZ"] }), // 7
  good({ slug: "day-seven", day: 7 }), // 8
  good({ slug: undefined }), // 9
  "just a string", // 10
  good({ slug: "lost-at-sea", latitude: "north" }), // 11
  good({ slug: "nowhere", formatted_address: undefined, latitude: undefined, longitude: undefined }), // 12
  good({ time: "09:00" }), // 13: same slug as row 1, different meeting
  good({ slug: "nul-name", name: "Bad\u0000name" }), // 14
  good({ slug: "bad-zone", timezone: "Mars/Olympus" }), // 15
  good({
    name: "Harbour Hall",
    slug: "harbour-hall",
    attendance_option: "inactive",
    types: ["O", "TC"],
  }), // 16
  {
    name: "Numbers",
    slug: 4242,
    day: "5",
    time: "7:05",
    timezone: "America/Chicago",
    address: "1 Main St",
    city: "Evanston",
    state: "IL",
    postal_code: "60201",
    country: "US",
    types: "O, ST",
    group: "Lakeside AA",
  }, // 17
];

describe("POST /api/organisations/:id/imports with a file", () => {
  let first: MeetingImport;
  beforeAll(async () => {
    first = await importFeed(orgA.id, MIXED_FEED);
  });

  it("imports the good rows and reports each broken row with its reason", () => {
    expect(first.status).toBe("done");
    expect(first).toMatchObject({ total: 17, processed: 17, error: null });
    expect(first.finishedAt).not.toBeNull();
    expect(first.report?.created).toBe(5);
    expect(first.report?.updated).toBe(0);
    const reasons = Object.fromEntries((first.report?.rejected ?? []).map((r) => [r.row, r]));
    expect(Object.keys(reasons).map(Number)).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(reasons[5]).toMatchObject({ slug: "no-zone", reason: expect.stringMatching(/^timezone: .*no time zone/) });
    expect(reasons[6]?.reason).toMatch(/^time: /);
    expect(reasons[7]?.reason).toMatch(/^types: "ZZZ" isn't a Meeting Guide type code/);
    expect(reasons[8]?.reason).toMatch(/^day: /);
    expect(reasons[9]).toMatchObject({ slug: null, reason: expect.stringMatching(/^slug: /) });
    expect(reasons[10]).toMatchObject({ slug: null, reason: expect.stringMatching(/isn't a meeting/) });
    expect(reasons[11]?.reason).toMatch(/^latitude: /);
    expect(reasons[12]?.reason).toMatch(/^formatted_address: /);
    expect(reasons[13]).toMatchObject({ slug: "lakeside-morning", reason: expect.stringMatching(/another meeting/) });
    expect(reasons[14]?.reason).toMatch(/^name: /);
    expect(reasons[15]?.reason).toMatch(/^timezone: /);
  });

  it("stores the meetings with their days, times, zones, places and links", async () => {
    const rows = await meetingsOf(orgA.id);
    const bySlug = Object.fromEntries(rows.map((r) => [r.meeting.slug, r]));
    expect(Object.keys(bySlug).sort()).toEqual(["4242", "harbour-hall", "lakeside-morning", "night-owls", "sunrise"]);
    expect(bySlug["lakeside-morning"]?.meeting).toMatchObject({
      name: "Lakeside Morning",
      mode: "in_person",
      days: [1],
      startTime: "07:30",
      endTime: "08:30",
      timeZone: "America/Chicago",
      locationName: "Lakeside Church",
      latitude: 41.9,
      types: ["O", "D", "EN"],
      languages: ["en"],
      notes: "Use the side door.",
      audience: "public",
      linkAudience: "signed_in",
    });
    expect(bySlug["night-owls"]?.meeting).toMatchObject({
      mode: "online",
      days: [1, 3],
      conferenceUrl: "https://meet.example.org/night-owls",
      conferenceNotes: "Passcode 42",
      formattedAddress: "New York, NY, USA",
    });
    expect(bySlug["night-owls"]?.groupName).toBe("Lakeside Intergroup");
    expect(bySlug.sunrise?.meeting.days).toEqual([2, 4]);
    expect(bySlug["harbour-hall"]?.meeting).toMatchObject({ temporarilyClosed: true, types: ["O"] });
    expect(bySlug["4242"]?.meeting).toMatchObject({
      days: [5],
      startTime: "07:05",
      formattedAddress: "1 Main St, Evanston, IL, 60201, US",
      types: ["O", "ST"],
    });
    // The finder's slots are written too.
    const slots = await t.db
      .select()
      .from(meetingSlots)
      .where(eq(meetingSlots.meetingId, bySlug.sunrise?.meeting.id as string));
    expect(slots.map((s) => s.day).sort()).toEqual([2, 4]);
  });

  it("puts each row in the group it names, creating groups the organisation lacks", async () => {
    const rows = await t.db.select().from(groups).where(eq(groups.organisationId, orgA.id));
    const lakeside = rows.find((g) => g.name === "Lakeside AA");
    expect(lakeside).toMatchObject({
      focus: "alcohol",
      format: "twelve_step",
      confidentialityAgreement: DEFAULT_AGREEMENT,
    });
    expect(lakeside?.languages).toEqual(["en"]);
    expect(rows.find((g) => g.name === "Sunrise Group")).toMatchObject({ focus: "other", format: "other" });
    expect(rows.filter((g) => g.name === "Lakeside Intergroup")).toHaveLength(1);
  });

  it("updates by slug when the same feed comes again, keeping who may see each link", async () => {
    const [owls] = await t.db.select().from(meetings).where(eq(meetings.slug, "night-owls"));
    await t.db
      .update(meetings)
      .set({ linkAudience: "public" })
      .where(eq(meetings.id, owls?.id as string));
    const before = { meetings: await countRows("meetings"), groups: await countRows("groups") };
    const changed = MIXED_FEED.map((row, i) => (i === 0 ? good({ name: "Lakeside Morning Reflections" }) : row));
    const again = await importFeed(orgA.id, changed);
    expect(again.status).toBe("done");
    expect(again.report).toMatchObject({ created: 0, updated: 5 });
    expect(await countRows("meetings")).toBe(before.meetings);
    expect(await countRows("groups")).toBe(before.groups);
    const [renamed] = await t.db.select().from(meetings).where(eq(meetings.slug, "lakeside-morning"));
    expect(renamed?.name).toBe("Lakeside Morning Reflections");
    const [owlsAfter] = await t.db.select().from(meetings).where(eq(meetings.slug, "night-owls"));
    expect(owlsAfter?.id).toBe(owls?.id);
    expect(owlsAfter?.linkAudience).toBe("public");
    expect(owlsAfter?.createdAt).toEqual(owls?.createdAt);
    const slots = await t.db
      .select()
      .from(meetingSlots)
      .where(eq(meetingSlots.meetingId, owls?.id as string));
    expect(slots.map((s) => s.day).sort()).toEqual([...(owls?.days ?? [])].sort());
  });

  it("lists the organisation's imports for its admins, newest first", async () => {
    const res = await admin.get(`/api/organisations/${orgA.id}/imports`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as MeetingImport[];
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(items[items.length - 1]?.id).toBe(first.id);
  });
});

describe("importing our own Meeting Guide feed", () => {
  it("puts a meeting split over several days back together, and a second import only updates", async () => {
    const source = await makeOrganisation(t.db, { name: "Feed Source Peers" });
    const group = await makeGroup(t.db, source.id, { name: "Round Trip Group" });
    const multi = await makeMeeting(t.db, group, { name: "Three Days", days: [0, 2, 6], endTime: "21:15" });
    const online = await makeMeeting(t.db, group, {
      name: "Round Trip Online",
      mode: "online",
      formattedAddress: "Leeds, UK",
      latitude: null,
      longitude: null,
      conferenceUrl: "https://meet.example.org/round-trip",
      linkAudience: "public",
      languages: ["en", "es"],
      types: ["O"],
    });
    const feed = (await t.anonymous().get("/feeds/meeting-guide.json")).json() as MeetingGuideRow[];
    const ours = feed.filter((r) => r.entity === "Feed Source Peers");
    expect(ours).toHaveLength(4);

    const target = await makeOrganisation(t.db, { name: "Feed Target Peers", adminId: admin.id });
    const done = await importFeed(target.id, ours);
    expect(done.report).toEqual({ created: 2, updated: 0, rejected: [] });
    const rows = await meetingsOf(target.id);
    // The source keeps its slugs, so the copies get the target organisation's slug on the end.
    const three = rows.find((r) => r.meeting.slug === `${multi.slug}-${target.slug}`)?.meeting;
    expect(three).toMatchObject({ days: [0, 2, 6], startTime: "19:00", endTime: "21:15", timeZone: "Europe/London" });
    expect(rows.find((r) => r.meeting.name === "Three Days")?.groupName).toBe("Round Trip Group");
    const copy = rows.find((r) => r.meeting.slug === `${online.slug}-${target.slug}`)?.meeting;
    expect(copy).toMatchObject({ mode: "online", languages: ["en", "es"], types: ["O", "EN", "S"] });

    const again = await importFeed(target.id, ours);
    expect(again.report).toEqual({ created: 0, updated: 2, rejected: [] });
    expect(await meetingsOf(target.id)).toHaveLength(2);
  });
});

describe("a failed import changes nothing", () => {
  it("rolls everything back when the database refuses a row, and says so", async () => {
    const org = await makeOrganisation(t.db, { name: "Rollback Peers", adminId: admin.id });
    // A real database failure in the middle of the write: a trigger that refuses one name.
    await t.db.execute(
      sql.raw(`create function refuse_boom() returns trigger language plpgsql as $$
        begin if new.name = 'Boom' then raise exception 'refused for the test'; end if; return new; end $$`),
    );
    await t.db.execute(
      sql.raw("create trigger refuse_boom before insert on meetings for each row execute function refuse_boom()"),
    );
    try {
      const before = { meetings: await countRows("meetings"), groups: await countRows("groups") };
      const done = await importFeed(org.id, [
        good({ slug: "fine-one", group: "Brand New Group" }),
        good({ slug: "fine-two" }),
        good({ slug: "boom", name: "Boom" }),
        good({ slug: "fine-three" }),
      ]);
      expect(done.status).toBe("failed");
      expect(done.error).toMatch(/nothing from this file was saved/);
      expect(done.report).toBeNull();
      expect(await countRows("meetings")).toBe(before.meetings);
      expect(await countRows("groups")).toBe(before.groups);
      expect(await meetingsOf(org.id)).toHaveLength(0);

      // What reaches the log says what failed, never the rows it was saving.
      const logged: unknown[] = [];
      const feeds = createFeedsService({
        db: t.db,
        publicUrl: new URL("http://kinship.test"),
        logError: (error, message) => logged.push({ error, message }),
      });
      const started = await feeds.startImport(actorOf(admin), org.id, {
        feed: [
          good({ slug: "fine-four", notes: "Only for the group: ring twice" }),
          good({ slug: "boom", name: "Boom" }),
        ],
      });
      await feeds.idle();
      expect((await feeds.importOf(actorOf(admin), started.id)).status).toBe("failed");
      expect(JSON.stringify(logged)).toContain("refused for the test");
      expect(JSON.stringify(logged)).not.toContain("ring twice");
      expect(JSON.stringify(logged)).not.toContain("Lakeside");
    } finally {
      await t.db.execute(sql.raw("drop trigger refuse_boom on meetings"));
      await t.db.execute(sql.raw("drop function refuse_boom()"));
    }
  });

  it("refuses a body that isn't a list of meetings, storing nothing", async () => {
    const before = await countRows("meeting_imports");
    for (const body of [{ feed: { not: "a list" } }, { feed: "[]" }, {}, { url: 42 }, { feeds: [] }]) {
      const res = await admin.post(`/api/organisations/${orgA.id}/imports`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe("invalid");
    }
    const empty = await admin.post(`/api/organisations/${orgA.id}/imports`, {});
    expect(empty.json().error.message).toMatch(/either url .* or feed /);
    expect(await countRows("meeting_imports")).toBe(before);
  });

  it("refuses addresses it must not fetch, naming the url field", async () => {
    const before = await countRows("meeting_imports");
    for (const url of [
      "ftp://feeds.example.org/meetings.json",
      "http://127.0.0.1:8080/meetings.json",
      "http://localhost/meetings.json",
      "http://10.1.2.3/meetings.json",
      "http://169.254.169.254/latest/meta-data",
      "http://[::1]/meetings.json",
      "javascript:alert(1)",
    ]) {
      const res = await admin.post(`/api/organisations/${orgA.id}/imports`, { url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.field, url).toBe("url");
    }
    expect(await countRows("meeting_imports")).toBe(before);
  });

  it("refuses a file over 25 MB with 413", async () => {
    const filler = "x".repeat(3000);
    const feed = Array.from({ length: 9000 }, (_, i) => good({ slug: `big-${i}`, notes: filler }));
    const res = await admin.post(`/api/organisations/${orgA.id}/imports`, { feed });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe("too_large");
  });
});

describe("who may import", () => {
  it("asks strangers to log in", async () => {
    const res = await t.anonymous().post(`/api/organisations/${orgA.id}/imports`, { feed: [good()] });
    expect(res.statusCode).toBe(401);
    expect((await t.anonymous().get(`/api/organisations/${orgA.id}/imports`)).statusCode).toBe(401);
  });

  it("refuses members, facilitators and admins of another organisation", async () => {
    const before = await countRows("meeting_imports");
    for (const agent of [member, facilitator, otherAdmin]) {
      const res = await agent.post(`/api/organisations/${orgA.id}/imports`, { feed: [good({ slug: "sneaky" })] });
      expect(res.statusCode).toBe(403);
      expect((await agent.get(`/api/organisations/${orgA.id}/imports`)).statusCode).toBe(403);
    }
    expect(await countRows("meeting_imports")).toBe(before);
    expect((await t.db.select().from(meetings).where(eq(meetings.slug, "sneaky"))).length).toBe(0);
  });

  it("shows an import only to its organisation's admins", async () => {
    const done = await importFeed(orgB.id, [good({ slug: "hillside-one" })], otherAdmin);
    expect(done.status).toBe("done");
    for (const agent of [admin, member, facilitator]) {
      expect((await agent.get(`/api/imports/${done.id}`)).statusCode).toBe(404);
    }
    expect((await t.anonymous().get(`/api/imports/${done.id}`)).statusCode).toBe(401);
    expect((await otherAdmin.get(`/api/imports/${done.id}`)).json().report.created).toBe(1);
  });

  it("answers 404 for an unknown organisation or import and 400 for a malformed id", async () => {
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await admin.post(`/api/organisations/${unknown}/imports`, { feed: [] })).statusCode).toBe(404);
    expect((await admin.get(`/api/imports/${unknown}`)).statusCode).toBe(404);
    const bad = await admin.post("/api/organisations/not-an-id/imports", { feed: [] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe("id");
    expect((await admin.get("/api/imports/not-an-id")).statusCode).toBe(400);
  });
});

describe("importing from a URL", () => {
  let server: Server;
  let base: string;
  const served: Record<string, { status?: number; body?: string; delayMs?: number; redirect?: string }> = {};
  beforeAll(async () => {
    server = createServer((req, res) => {
      const route = served[req.url ?? ""];
      if (!route) return void res.writeHead(404).end();
      if (route.redirect) return void res.writeHead(302, { location: route.redirect }).end();
      setTimeout(() => {
        res.writeHead(route.status ?? 200, { "content-type": "application/json" });
        res.end(route.body ?? "");
      }, route.delayMs ?? 0);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const service = (opts: Partial<Parameters<typeof createFeedsService>[0]> = {}) =>
    createFeedsService({ db: t.db, publicUrl: new URL("http://kinship.test"), allowPrivateAddresses: true, ...opts });

  async function run(path: string, opts: Partial<Parameters<typeof createFeedsService>[0]> = {}) {
    const org = await makeOrganisation(t.db, { adminId: admin.id });
    const feeds = service(opts);
    const started = await feeds.startImport(actorOf(admin), org.id, { url: `${base}${path}` });
    expect(started.source).toBe(`${base}${path}`);
    await feeds.idle();
    return { result: await feeds.importOf(actorOf(admin), started.id), org };
  }

  it("fetches the feed and imports it, following a redirect", async () => {
    served["/feed.json"] = { body: `\uFEFF${JSON.stringify([good({ slug: "from-url" })])}` };
    served["/moved"] = { redirect: "/feed.json" };
    const { result, org } = await run("/moved");
    expect(result).toMatchObject({ status: "done", total: 1, processed: 1, report: { created: 1 } });
    expect((await meetingsOf(org.id)).map((r) => r.meeting.slug)).toEqual(["from-url"]);
  });

  it.each([
    ["/missing", { status: 404 }, /status 404/],
    ["/not-json", { body: "<html>Meetings</html>" }, /didn't send JSON/],
    ["/object", { body: JSON.stringify({ meetings: [good()] }) }, /should be a list of meetings/],
    ["/slow", { body: "[]", delayMs: 2000 }, /within/],
  ] as const)("fails %s whole, with a reason, changing nothing", async (path, route, reason) => {
    served[path] = route;
    const before = await countRows("meetings");
    // Only the slow server meets a short deadline; the others get a long one, so a busy machine
    // never turns their answer into a timeout.
    const timeoutMs = path === "/slow" ? 300 : 15_000;
    const { result } = await run(path, { fetchFeed: createFeedFetcher({ allowPrivateAddresses: true, timeoutMs }) });
    expect(result.status).toBe("failed");
    expect(result.error).toMatch(reason);
    expect(result.report).toBeNull();
    expect(await countRows("meetings")).toBe(before);
  });

  it("stops reading a feed larger than the limit", async () => {
    served["/huge"] = { body: JSON.stringify(Array.from({ length: 200 }, (_, i) => good({ slug: `h-${i}` }))) };
    const { result } = await run("/huge", {
      fetchFeed: createFeedFetcher({ allowPrivateAddresses: true, maxBytes: 10_000 }),
    });
    expect(result.status).toBe("failed");
    expect(result.error).toMatch(/larger than/);
  });

  it("never fetches from a private network by default", async () => {
    const fetchFeed = createFeedFetcher();
    await expect(fetchFeed(new URL(`${base}/feed.json`))).rejects.toThrow(/private network/);
    await expect(fetchFeed(new URL("http://localhost/feed.json"))).rejects.toThrow(/private network/);
    expect(isPrivateAddress("192.168.1.10")).toBe(true);
    expect(isPrivateAddress("172.20.0.1")).toBe(true);
    expect(isPrivateAddress("::ffff:127.0.0.1")).toBe(true);
    expect(isPrivateAddress("fd00::1")).toBe(true);
    expect(isPrivateAddress("fe80::1")).toBe(true);
    expect(isPrivateAddress("8.8.8.8")).toBe(false);
    expect(isPrivateAddress("2606:4700:4700::1111")).toBe(false);
  });

  it("refuses a second import into the same organisation while one runs", async () => {
    const org = await makeOrganisation(t.db, { adminId: admin.id });
    let release: (body: Buffer) => void = () => {};
    const gate = new Promise<Buffer>((resolve) => {
      release = resolve;
    });
    const feeds = service({ fetchFeed: () => gate });
    const first = await feeds.startImport(actorOf(admin), org.id, { url: "https://feeds.example.org/a.json" });
    await expect(feeds.startImport(actorOf(admin), org.id, { feed: [] })).rejects.toMatchObject({ status: 409 });
    release(Buffer.from(JSON.stringify([good({ slug: "gated" })])));
    await feeds.idle();
    expect((await feeds.importOf(actorOf(admin), first.id)).report?.created).toBe(1);
    const second = await feeds.startImport(actorOf(admin), org.id, { feed: [] });
    await feeds.idle();
    expect((await feeds.importOf(actorOf(admin), second.id)).status).toBe("done");
  });

  it("reports an import lost to a restart as failed", async () => {
    const org = await makeOrganisation(t.db, { adminId: admin.id });
    const [row] = await t.db
      .insert(meetingImports)
      .values({ organisationId: org.id, source: "Uploaded file", createdAt: new Date(Date.now() - 2 * 3_600_000) })
      .returning();
    const res = await admin.get(`/api/imports/${row?.id}`);
    expect(res.json()).toMatchObject({ status: "failed", error: expect.stringMatching(/restarted/) });
    // …and it doesn't block a new one.
    const again = await admin.post(`/api/organisations/${org.id}/imports`, { feed: [] });
    expect(again.statusCode).toBe(202);
    await waitForImport(admin, again.json().id);
  });
});

describe("reading rows", () => {
  it("merges only the same meeting on another day, never different meetings", () => {
    const { candidates, rejected } = readFeed(
      [
        good({ slug: "walk", day: 1 }),
        good({ slug: "walk-3", day: 3 }),
        good({ slug: "walk-5", day: 5, time: "08:00" }), // differs: its own meeting
        good({ slug: "run-2", day: 2 }), // no "run" row: its own meeting
        good({ slug: "walk", day: 6 }), // same slug, same details: another day
      ],
      "Org",
    );
    expect(rejected).toEqual([]);
    expect(candidates.map((c) => [c.slug, c.input.days, c.rows])).toEqual([
      ["walk", [1, 3, 6], [1, 5, 2]],
      ["walk-5", [5], [3]],
      ["run-2", [2], [4]],
    ]);
  });

  it("guesses a new group's focus and format from its name only when it is clear", () => {
    expect(guessKind("Downtown AA Group")).toEqual({ focus: "alcohol", format: "twelve_step" });
    expect(guessKind("Tuesday NA")).toEqual({ focus: "narcotics", format: "twelve_step" });
    expect(guessKind("SMART Recovery Leeds")).toEqual({ focus: "other", format: "smart" });
    expect(guessKind("Al-Anon Family Group")).toEqual({ focus: "family_friends", format: "twelve_step" });
    expect(guessKind("Banana Club")).toEqual({ focus: "other", format: "other" });
    expect(guessKind("Naomi's Circle")).toEqual({ focus: "other", format: "other" });
  });

  it("keeps a meeting it updates in the organisation's hands only", async () => {
    // orgB imported "hillside-one"; the same slug imported into orgA becomes a copy, not a takeover.
    const done = await importFeed(orgA.id, [good({ slug: "hillside-one", name: "Takeover" })]);
    expect(done.report).toMatchObject({ created: 1, updated: 0 });
    const [original] = await t.db
      .select({ name: meetings.name })
      .from(meetings)
      .where(eq(meetings.slug, "hillside-one"));
    expect(original?.name).toBe("Lakeside Morning");
  });
});

describe("a large feed", () => {
  it("saves thousands of meetings in batches, moving the progress bar as it goes", async () => {
    const owner = await t.makeMember();
    const org = await makeOrganisation(t.db, { name: "Big City Intergroup", adminId: owner.id });
    const total = 3000;
    const feed = Array.from({ length: total }, (_, i) =>
      good({ slug: `big-${i}`, name: `Big City Meeting ${i}`, day: [i % 7, (i + 3) % 7], group: `Big City ${i % 12}` }),
    );
    const res = await owner.post(`/api/organisations/${org.id}/imports`, { feed });
    expect(res.statusCode).toBe(202);
    const id = (res.json() as MeetingImport).id;
    const seen: number[] = [];
    let done: MeetingImport | undefined;
    while (!done) {
      const body = (await owner.get(`/api/imports/${id}`)).json() as MeetingImport;
      if (body.status === "running") seen.push(body.processed);
      else done = body;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(done).toMatchObject({ status: "done", processed: total, report: { created: total, updated: 0 } });
    const [counted] = await t.db
      .select({ meetings: sql<number>`count(distinct ${meetings.id})::int`, slots: sql<number>`count(*)::int` })
      .from(meetings)
      .innerJoin(meetingSlots, eq(meetingSlots.meetingId, meetings.id))
      .innerJoin(groups, eq(groups.id, meetings.groupId))
      .where(eq(groups.organisationId, org.id));
    expect(counted).toEqual({ meetings: total, slots: total * 2 });
    // PostgreSQL writes progress beside the import's transaction; PGlite has one connection, which
    // the transaction holds, so there the bar moves while rows are read and then jumps to the end.
    if (driver === "postgres") expect(seen.some((p) => p > 0 && p < total)).toBe(true);

    const again = await owner.post(`/api/organisations/${org.id}/imports`, {
      feed: feed.map((row, i) => (i % 2 === 0 ? { ...row, name: `Renamed ${i}` } : row)),
    });
    const second = await waitForImport(owner, (again.json() as MeetingImport).id);
    expect(second.report).toMatchObject({ created: 0, updated: total });
    const [renamed] = await t.db.select().from(meetings).where(eq(meetings.slug, "big-10"));
    expect(renamed?.name).toBe("Renamed 10");
  }, 120_000);
});
