import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../app.ts";
import { Agent, driver, freshDatabase, PASSPHRASE, testConfig, uniqueHandle } from "../../test/helper.ts";
import { SocketClient, wsUrlOf } from "../rooms/test-socket.ts";
import { DEFAULT_TRAINING } from "./training-default.ts";

const ORIGIN = "http://kinship.test";

/**
 * Two app nodes on one PostgreSQL and one Redis (same key prefix): a message sent through one node
 * reaches the other person's socket on the other node, and the sender's own socket there too.
 */
describe.skipIf(driver !== "postgres" || !process.env.TEST_REDIS_URL)("private messages across nodes", () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let nodes: FastifyInstance[] = [];
  const urls: string[] = [];

  beforeAll(async () => {
    database = await freshDatabase();
    const keyPrefix = `test:${randomUUID()}`;
    for (let i = 0; i < 2; i++) {
      const app = await buildApp(testConfig(), { database, keyPrefix });
      await app.listen({ port: 0, host: "127.0.0.1" });
      urls.push(wsUrlOf(app));
      nodes.push(app);
    }
  });
  afterAll(async () => {
    for (const app of nodes) await app.close();
    nodes = [];
    await database?.close();
    await database?.drop();
  });

  async function member(app: FastifyInstance) {
    const agent = new Agent(app, `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`);
    const handle = uniqueHandle("node");
    expect((await agent.post("/api/auth/signup", { handle, passphrase: PASSPHRASE })).statusCode).toBe(201);
    return Object.assign(agent, { handle });
  }

  async function watch(url: string, agent: Agent) {
    const client = await SocketClient.connect(url, agent.cookie, ORIGIN);
    await client.nextOf("hello");
    client.send({ type: "dm.watch" });
    await client.next((m) => (m.type as string) === "dm.watching");
    return client;
  }

  it("delivers a message sent on one node to both people's sockets on the other", async () => {
    const [a, b] = nodes as [FastifyInstance, FastifyInstance];
    const mentor = await member(a);
    const mentee = await member(a);
    await mentor.post("/api/mentor-training/attempts", { answers: DEFAULT_TRAINING.questions.map((q) => q.answer) });
    const profile = await mentor.put("/api/mentor-profile", {
      timeInRecovery: "2_5",
      focus: ["alcohol"],
      formats: ["secular"],
      languages: ["en"],
      timeZone: "UTC",
    });
    const id = (await mentee.post("/api/mentorships", { mentorId: profile.json().profile.id, message: "Hello" })).json()
      .id;
    await mentor.post(`/api/mentorships/${id}/accept`);

    // Both watch on node B; the mentee sends on node A (HTTP), then on node A's socket.
    const mentorOnB = await watch(urls[1] as string, mentor);
    const menteeOnB = await watch(urls[1] as string, mentee);
    const menteeOnA = await watch(urls[0] as string, mentee);
    try {
      expect((await mentee.post(`/api/mentorships/${id}/messages`, { id: "n-1", text: "Sent on A" })).statusCode).toBe(
        201,
      );
      const got = (await mentorOnB.next((m) => (m.type as string) === "dm.message")) as unknown as {
        message: { text: string; mine: boolean };
      };
      expect(got.message).toMatchObject({ text: "Sent on A", mine: false });
      await menteeOnB.next((m) => (m.type as string) === "dm.message");

      menteeOnA.send({ type: "dm.send", mentorship: id, id: "n-2", text: "Socket on A" });
      await menteeOnA.next((m) => m.type === "ack" && m.id === "n-2");
      await mentorOnB.next(
        (m) =>
          (m.type as string) === "dm.message" &&
          (m as unknown as { message: { text: string } }).message.text === "Socket on A",
      );
      // Node B answers the history too: the same conversation, stored once.
      const history = await b.inject({
        method: "GET",
        url: `/api/mentorships/${id}/messages`,
        headers: { cookie: mentor.cookie as string },
      });
      expect(history.json().items.map((m: { text: string }) => m.text)).toEqual(["Sent on A", "Socket on A"]);
    } finally {
      for (const c of [mentorOnB, menteeOnB, menteeOnA]) c.ws.close();
    }
  });
});
