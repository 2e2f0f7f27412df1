import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedForumDemo } from "../features/forums/seed.ts";
import { buildTestApp, type TestApp } from "../test/helper.ts";
import { DEMO_MEMBERS, seedDemo } from "./demo.ts";
import { DEMO_ORGANISATIONS } from "./demo-directory.ts";
import { DEMO_SHARING_GROUP } from "./demo-progress.ts";
import { groups, meetingSlots, meetings, organisations, safetyResponders, safetyServices } from "./schema.ts";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

describe("demo content", () => {
  it("loads once: members who can log in, and a directory worth exploring", async () => {
    expect(await seedDemo(t.db)).toBe(true);
    expect(await seedDemo(t.db)).toBe(false);

    for (const m of DEMO_MEMBERS) {
      const res = await t.anonymous(`10.9.9.${m.handle.length}`).post("/api/auth/login", {
        handle: m.handle,
        passphrase: m.passphrase,
      });
      expect(res.statusCode, m.handle).toBe(200);
    }

    const [orgs] = await t.db.select({ n: count() }).from(organisations);
    expect(orgs?.n).toBe(DEMO_ORGANISATIONS.length);
    const [groupCount] = await t.db.select({ n: count() }).from(groups);
    expect(groupCount?.n).toBe(DEMO_ORGANISATIONS.flatMap((o) => o.groups).length);

    const rows = await t.db
      .select({ mode: meetings.mode, timeZone: meetings.timeZone, lat: meetings.latitude })
      .from(meetings);
    expect(new Set(rows.map((r) => r.mode))).toEqual(new Set(["in_person", "online", "hybrid"]));
    expect(new Set(rows.map((r) => r.timeZone)).size).toBeGreaterThanOrEqual(6);
    expect(rows.filter((r) => r.lat !== null).length).toBeGreaterThanOrEqual(10);

    // Every meeting has a finder slot per day and a search vector.
    const [slots] = await t.db.select({ n: count() }).from(meetingSlots);
    const [days] = await t.db
      .select({ n: sql<number>`sum(greatest(cardinality(${meetings.days}), 1))::int` })
      .from(meetings);
    expect(slots?.n).toBe(days?.n);

    // Someone answers crisis alerts, and there are services to point people to.
    const [responders] = await t.db.select({ n: count() }).from(safetyResponders);
    expect(responders?.n).toBeGreaterThanOrEqual(1);
    const [services] = await t.db.select({ n: count() }).from(safetyServices);
    expect(services?.n).toBeGreaterThanOrEqual(3);
  });

  it("has a forum mention waiting for river", async () => {
    await seedForumDemo(t.db);
    const river = DEMO_MEMBERS.find((m) => m.handle === "river");
    const agent = t.anonymous("10.9.8.1");
    expect((await agent.post("/api/auth/login", { handle: "river", passphrase: river?.passphrase })).statusCode).toBe(
      200,
    );
    const mentions = (await agent.get("/api/me/mentions")).json();
    expect(mentions.unread).toBeGreaterThanOrEqual(1);
    expect(mentions.items).toContainEqual(expect.objectContaining({ author: { kind: "member", handle: "luz" } }));
  });

  it("shows river's shared journey to sam_h on the Evening Harbour Group page, and not to luz", async () => {
    const login = async (i: number) => {
      const m = DEMO_MEMBERS[i];
      if (!m) throw new Error("no demo member");
      const agent = t.anonymous(`10.9.8.${i}`);
      expect((await agent.post("/api/auth/login", { handle: m.handle, passphrase: m.passphrase })).statusCode).toBe(
        200,
      );
      return agent;
    };
    const sam = await login(1);
    const luz = await login(2);
    const [group] = await t.db.select({ id: groups.id }).from(groups).where(eq(groups.name, DEMO_SHARING_GROUP));
    const res = await sam.get(`/api/groups/${group?.id}/shared-progress`);
    expect(res.statusCode).toBe(200);
    const [river] = res.json().items;
    expect(river).toMatchObject({
      member: { handle: "river" },
      journeys: [expect.objectContaining({ label: "Alcohol" })],
    });
    expect(river.journeys[0].currentDays).toBe(620);
    expect(river.checkins.length).toBeGreaterThanOrEqual(7);
    expect(res.body).not.toContain("Payday Friday");
    expect((await luz.get(`/api/groups/${group?.id}/shared-progress`)).statusCode).toBe(403);
  });
});
