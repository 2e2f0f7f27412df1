import { spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { sql } from "drizzle-orm";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addToGroup, makeGroup, makeMeeting, makeOrganisation } from "../../test/directory-factories.ts";
import { withDatabase } from "../../test/global-setup.ts";
import { driver, freshDatabase, PASSPHRASE, uniqueHandle } from "../../test/helper.ts";
import { SocketClient } from "./test-socket.ts";

const redisUrl = process.env.TEST_REDIS_URL;
const ORIGIN = "http://kinship.test";
const root = path.resolve(import.meta.dirname, "../../../..");

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });

/** One Kinship server process on the shared PostgreSQL and Redis. */
async function startNode(databaseUrl: string) {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "server/src/main.ts"], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      KINSHIP_DEMO: "off",
      LOG_LEVEL: "info",
      PUBLIC_URL: ORIGIN,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("node did not start")), 30_000);
    let out = "";
    const watch = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("Kinship is ready")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", watch);
    child.stderr?.on("data", watch);
    child.once("exit", (code) => reject(new Error(`node exited ${code}: ${out}`)));
  });
  return { child, base: `http://127.0.0.1:${port}`, ws: `ws://127.0.0.1:${port}/ws` };
}
type Node = Awaited<ReturnType<typeof startNode>>;

async function signup(node: Node) {
  const handle = uniqueHandle("node");
  const res = await fetch(`${node.base}/api/auth/signup`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: ORIGIN },
    body: JSON.stringify({ handle, passphrase: PASSPHRASE }),
  });
  if (res.status !== 201) throw new Error(`signup ${res.status}`);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] as string;
  return { handle, cookie, id: ((await res.json()) as { id: string }).id };
}

const stopNode = (node: Node | undefined) =>
  new Promise<void>((resolve) => {
    if (!node || node.child.exitCode !== null) return resolve();
    node.child.once("exit", () => resolve());
    node.child.kill("SIGTERM");
  });

describe.runIf(driver === "postgres" && redisUrl)("rooms across two server processes", () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let a: Node;
  let b: Node;
  beforeAll(async () => {
    database = await freshDatabase();
    const result = await database.db.execute(sql`select current_database() as name`);
    const name = (result as unknown as { rows: { name: string }[] }).rows[0]?.name as string;
    const url = withDatabase(process.env.TEST_DATABASE_URL as string, name);
    // The processes use the default key prefix: clear their sign-up limit for this address first.
    const redis = new Redis(redisUrl as string);
    await redis.del("kinship:limit:signupPerIp:127.0.0.1");
    redis.disconnect();
    [a, b] = await Promise.all([startNode(url), startNode(url)]);
  }, 90_000);
  afterAll(async () => {
    await Promise.all([stopNode(a), stopNode(b)]);
    await database?.close();
    await database?.drop();
  });

  it("delivers a room's events published on one node to clients of the other, in order, both ways", async () => {
    const fac = await signup(a);
    const member = await signup(b);
    const org = await makeOrganisation(database.db);
    const group = await makeGroup(database.db, org.id, { facilitatorId: fac.id });
    await addToGroup(database.db, group.id, member.id);
    const meeting = await makeMeeting(database.db, group, {
      mode: "online",
      days: [0, 1, 2, 3, 4, 5, 6],
      startTime: "00:00",
      endTime: "00:00",
      timeZone: "UTC",
      conferenceUrl: "https://meet.example.org/n",
    });
    const opened = await fetch(`${a.base}/api/meetings/${meeting.id}/room`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: fac.cookie, origin: ORIGIN },
      body: JSON.stringify({ crossTalk: true }),
    });
    expect(opened.status).toBe(201);
    const room = ((await opened.json()) as { room: { id: string } }).room.id;

    const onA = await SocketClient.connect(a.ws, fac.cookie, ORIGIN);
    const onB = await SocketClient.connect(b.ws, member.cookie, ORIGIN);
    onA.send({ type: "join", room });
    await onA.nextOf("snapshot");
    onB.send({ type: "join", room });
    await onB.nextOf("snapshot");

    // Both nodes publish at once: every client must see one order, the room's.
    const n = 25;
    for (let i = 0; i < n; i++) {
      onA.send({ type: "say", room, id: `a${i}`, text: `from A ${i}` });
      onB.send({ type: "say", room, id: `b${i}`, text: `from B ${i}` });
      await new Promise((r) => setTimeout(r, 45));
    }
    const last = (c: SocketClient, text: string) =>
      c.next((x) => x.type === "event" && x.event.kind === "message" && x.event.text === text, { timeoutMs: 10_000 });
    for (const c of [onA, onB]) {
      await last(c, `from A ${n - 1}`);
      await last(c, `from B ${n - 1}`);
    }
    const messagesOf = (c: SocketClient) =>
      c
        .events(room)
        .filter((x) => x.event.kind === "message")
        .map((x) => [x.seq, (x.event as { text: string }).text]);
    const seenA = messagesOf(onA);
    const seenB = messagesOf(onB);
    expect(seenA).toHaveLength(2 * n);
    expect(seenB).toEqual(seenA);
    const seqs = onB.events(room).map((x) => x.seq);
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
    expect(new Set(seqs).size).toBe(seqs.length);

    // A node shutting down tells its clients to reconnect; they resume on the other node, losing nothing.
    const lastSeq = Math.max(...onB.messages.map((x) => (x.type === "event" || x.type === "snapshot" ? x.seq : 0)));
    await stopNode(b);
    expect(await onB.nextOf("reconnect")).toEqual({ type: "reconnect" });
    expect((await onB.whenClosed()).code).toBe(1012);
    onA.send({ type: "say", room, id: "while-away", text: "said while B was down" });
    await onA.nextOf("ack");
    const again = await SocketClient.connect(a.ws, member.cookie, ORIGIN);
    again.send({ type: "join", room, after: lastSeq });
    expect(
      await again.next(
        (x) => x.type === "event" && x.event.kind === "message" && x.event.text === "said while B was down",
      ),
    ).toBeTruthy();
    expect(again.events(room).filter((x) => x.event.kind === "message")).toHaveLength(1);
  });
});
