import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createLocalHub, createRedisHub } from "./hub.ts";

const redisUrl = process.env.KINSHIP_TEST_DRIVER === "postgres" ? process.env.TEST_REDIS_URL : undefined;

describe("in-process hub", () => {
  it("delivers a copy of each message to every subscriber until it unsubscribes", async () => {
    const hub = createLocalHub();
    const got: unknown[] = [];
    const stop = await hub.subscribe("room.1", (m) => got.push(m));
    const sent = { n: 1 };
    await hub.publish("room.1", sent);
    await hub.publish("room.2", { n: 2 });
    await stop();
    await hub.publish("room.1", { n: 3 });
    expect(got).toEqual([{ n: 1 }]);
    expect(got[0]).not.toBe(sent);
    await hub.close();
  });
});

describe.runIf(redisUrl)("Redis hub", () => {
  it("carries messages in order from one node's hub to another's", async () => {
    const prefix = `test:${randomUUID()}`;
    const a = createRedisHub(redisUrl as string, prefix);
    const b = createRedisHub(redisUrl as string, prefix);
    const got: unknown[] = [];
    const done = new Promise<void>((resolve) => {
      void b.subscribe("room.x", (m) => {
        got.push(m);
        if (got.length === 50) resolve();
      });
    });
    await new Promise((r) => setTimeout(r, 100)); // let SUBSCRIBE reach Redis
    for (let i = 0; i < 50; i++) await a.publish("room.x", { seq: i });
    await done;
    expect(got).toEqual(Array.from({ length: 50 }, (_, seq) => ({ seq })));
    await a.close();
    await b.close();
  });
});
