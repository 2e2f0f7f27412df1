import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../app.ts";
import { memberTrust } from "../../db/schema.ts";
import { addToGroup, makeGroup, makeOrganisation } from "../../test/directory-factories.ts";
import { Agent, buildTestApp, driver, freshDatabase, PASSPHRASE, type TestApp, testConfig } from "../../test/helper.ts";
import { createSessionCache } from "./session-cache.ts";

/*
 * Nodes answer from sessions read in the last few seconds. Whatever ends a session must end it at
 * once all the same: these tests keep a session cached for a minute (SESSION_CACHE_SECONDS=60), so a
 * path that forgot to evict would still be let in.
 */

const actor = (n: number) => ({ memberId: `m${n}`, handle: `h${n}`, sessionId: `s${n}` });
const session = (n: number) => ({ actor: actor(n), expiresAt: 10_000_000, lastSeenAt: 0 });

describe("the cache of recent sessions", () => {
  it("answers within its lifetime, then reads again", () => {
    const cache = createSessionCache({ ttlMs: 1000, max: 10 });
    cache.set("a", session(1), 0);
    expect(cache.get("a", 999)?.actor).toEqual(actor(1));
    expect(cache.get("a", 1000)).toBeNull();
    expect(cache.size).toBe(0);
  });

  it("forgets ended sessions by id, and a read racing with the end cannot put one back", () => {
    const cache = createSessionCache({ ttlMs: 60_000, max: 10 });
    const now = Date.now();
    cache.set("a", session(1), now);
    cache.set("b", session(2), now);
    cache.evict(["s1", "unknown"]);
    expect(cache.get("a", now)).toBeNull();
    expect(cache.get("b", now)?.actor).toEqual(actor(2));
    cache.set("a", session(1), now); // a database read that started before the session ended
    expect(cache.get("a", now)).toBeNull();
  });

  it("keeps at most max sessions, dropping the oldest", () => {
    const cache = createSessionCache({ ttlMs: 60_000, max: 2 });
    cache.set("a", session(1), 0);
    cache.set("b", session(2), 0);
    cache.set("c", session(3), 0);
    expect(cache.size).toBe(2);
    expect(cache.get("a", 1)).toBeNull();
    expect(cache.get("c", 1)?.actor).toEqual(actor(3));
  });
});

describe("ending a session while it is cached", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ SESSION_CACHE_SECONDS: "60" });
  });
  afterAll(async () => t?.close());

  /** A second browser holding the same cookie, so it can try it after the first has ended it. */
  const sameCookie = (agent: Agent) => Object.assign(new Agent(t.app, "10.60.0.2"), { cookie: agent.cookie });

  it("logging out refuses the cookie at once", async () => {
    const member = await t.makeMember();
    const copy = sameCookie(member);
    expect((await copy.get("/api/me")).statusCode).toBe(200);
    expect((await member.post("/api/auth/logout")).statusCode).toBe(204);
    expect((await copy.get("/api/me")).statusCode).toBe(401);
  });

  it("ending one of my sessions from another device, logging out everywhere and a new passphrase", async () => {
    const member = await t.makeMember();
    const phone = new Agent(t.app, "10.60.0.3");
    expect((await phone.post("/api/auth/login", { handle: member.handle, passphrase: PASSPHRASE })).statusCode).toBe(
      200,
    );
    expect((await phone.get("/api/me")).statusCode).toBe(200);
    const sessions = (await member.get("/api/me/sessions")).json().items as { id: string; current: boolean }[];
    const other = sessions.find((s) => !s.current);
    expect((await member.delete(`/api/me/sessions/${other?.id}`)).statusCode).toBe(204);
    expect((await phone.get("/api/me")).statusCode).toBe(401);

    const tablet = new Agent(t.app, "10.60.0.4");
    await tablet.post("/api/auth/login", { handle: member.handle, passphrase: PASSPHRASE });
    expect((await tablet.get("/api/me")).statusCode).toBe(200);
    const changed = await member.post("/api/me/passphrase", {
      currentPassphrase: PASSPHRASE,
      newPassphrase: "lanterns along the quiet harbour",
    });
    expect(changed.statusCode).toBe(204);
    expect((await tablet.get("/api/me")).statusCode).toBe(401);
    expect((await member.get("/api/me")).statusCode).toBe(200);

    const copy = sameCookie(member);
    expect((await member.post("/api/auth/logout-everywhere")).statusCode).toBe(204);
    expect((await copy.get("/api/me")).statusCode).toBe(401);
  });

  it("a ban and a deleted account refuse the cookie at once", async () => {
    const [admin, member, leaving] = await Promise.all([t.makeMember(), t.makeMember(), t.makeMember()]);
    await t.db.insert(memberTrust).values({ memberId: member.id, level: 1, reason: "Established in this test." });
    const org = await makeOrganisation(t.db, { adminId: admin.id });
    await addToGroup(t.db, (await makeGroup(t.db, org.id)).id, member.id);
    expect((await member.get("/api/me")).statusCode).toBe(200);
    const ban = await admin.post("/api/moderation/actions", {
      kind: "ban",
      reason: "Repeated unkind messages to another member after a warning.",
      scope: org.id,
      handle: member.handle,
    });
    expect(ban.statusCode, ban.body).toBe(201);
    expect((await member.get("/api/me")).statusCode).toBe(401);

    const copy = sameCookie(leaving);
    expect((await copy.get("/api/me")).statusCode).toBe(200);
    expect((await leaving.delete("/api/me", { passphrase: PASSPHRASE })).statusCode).toBe(204);
    expect((await copy.get("/api/me")).statusCode).toBe(401);
  });

  it("a session deleted behind the app's back lasts only as long as the cache says", async () => {
    const member = await t.makeMember();
    expect((await member.get("/api/me")).statusCode).toBe(200);
    await t.db.execute(sql`delete from sessions where member_id = ${member.id}`);
    // Nothing announced the end, so this node still answers from what it read (within the minute).
    expect((await member.get("/api/me")).statusCode).toBe(200);
  });
});

describe.runIf(driver === "postgres" && process.env.TEST_REDIS_URL)("on two app nodes", () => {
  it("a logout on one node reaches the other node's cache through the hub", async () => {
    const database = await freshDatabase();
    const keyPrefix = `test:${randomUUID()}`;
    const config = testConfig({ SESSION_CACHE_SECONDS: "60" });
    const [a, b] = [await buildApp(config, { database, keyPrefix }), await buildApp(config, { database, keyPrefix })];
    try {
      await Promise.all([a.ready(), b.ready()]);
      const onA = new Agent(a, "10.61.0.1");
      const signup = await onA.post("/api/auth/signup", {
        handle: `node_${Date.now() % 100000}`,
        passphrase: PASSPHRASE,
      });
      expect(signup.statusCode).toBe(201);
      const onB = Object.assign(new Agent(b, "10.61.0.2"), { cookie: onA.cookie });
      expect((await onB.get("/api/me")).statusCode).toBe(200); // now cached on B for a minute
      expect((await onA.post("/api/auth/logout")).statusCode).toBe(204);
      let status = 200;
      for (let i = 0; i < 50 && status === 200; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        status = (await onB.get("/api/me")).statusCode;
      }
      expect(status).toBe(401);
    } finally {
      await a.close();
      await b.close();
      await database.close();
      await database.drop();
    }
  });
});
