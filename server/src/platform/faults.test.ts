import { sql } from "drizzle-orm";
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedisHub } from "../realtime/hub.ts";
import { buildTestApp, driver, type TestApp } from "../test/helper.ts";

/**
 * The server survives a restart of PostgreSQL or Redis and recovers by itself. A restart looks to
 * the server like every one of its connections being cut, which is what these tests do to the real
 * services (the kill -9 of the server itself is in db/durability.test.ts).
 */
const databaseUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;
const runs = driver === "postgres" && databaseUrl && redisUrl;

/** Retry a request a few times, as a person (or load balancer) would after a blip. */
async function eventually<T>(attempt: () => Promise<T>, ok: (value: T) => boolean, tries = 20) {
  let last: T | undefined;
  for (let i = 0; i < tries; i++) {
    last = await attempt();
    if (ok(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return last as T;
}

describe.runIf(runs)("recovering from PostgreSQL and Redis restarts", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t?.close());

  it("serves again once PostgreSQL drops every connection", async () => {
    const member = await t.makeMember();
    const result = (await t.db.execute(sql`select current_database() as name`)) as unknown as {
      rows: { name: string }[];
    };
    const [row] = result.rows;
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    const killed = await admin.query(
      "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
      [row?.name],
    );
    await admin.end();
    expect(killed.rowCount).toBeGreaterThan(0);

    const health = await eventually(
      () => t.anonymous().get("/health"),
      (res) => res.statusCode === 200,
    );
    expect(health.statusCode).toBe(200);
    const me = await member.get("/api/me");
    expect(me.statusCode).toBe(200);
    expect(me.json().handle).toBe(member.handle);
  });

  it("keeps logging people in and fanning out once Redis drops every connection", async () => {
    const hub = createRedisHub(redisUrl as string, `faults:${Date.now()}`);
    const received: unknown[] = [];
    await hub.subscribe("room.1", (message) => received.push(message));
    const member = await t.makeMember();

    const killer = new Redis(redisUrl as string);
    await killer.call("CLIENT", "KILL", "TYPE", "normal");
    await killer.call("CLIENT", "KILL", "TYPE", "pubsub");
    killer.disconnect();

    // Rate limits go through Redis; while it reconnects they fall back to memory, never to a 5xx.
    const login = await eventually(
      () => t.anonymous("10.77.0.1").post("/api/auth/login", { handle: member.handle, passphrase: member.passphrase }),
      (res) => res.statusCode === 200,
    );
    expect(login.statusCode).toBe(200);

    // The subscriber re-subscribes by itself; a message published after the cut arrives.
    await eventually(
      async () => {
        await hub.publish("room.1", { n: 1 });
        await new Promise((resolve) => setTimeout(resolve, 50));
        return received.length;
      },
      (n) => n > 0,
      40,
    );
    expect(received[0]).toEqual({ n: 1 });
    await hub.close();
  });
});
