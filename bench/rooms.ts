/**
 * Live rooms benchmark. The server runs in this process; the clients run in a child process (so
 * their work and memory are not counted as the server's), all on this machine.
 *
 *   npx tsx --expose-gc bench/rooms.ts                     # PGlite in memory, in-process hub
 *   DATABASE_URL=postgres://… REDIS_URL=redis://… npx tsx --expose-gc bench/rooms.ts
 *   options: --listeners 500 --rooms 1000 --size 8 --idle 10000 --burst 1000 --json
 *
 * Scenarios: one room with a speaker and N listeners (paced, for latency; and a burst, for
 * throughput), the same burst through a bare `ws` broadcast server (the baseline: no auth, no
 * database, no ordering) and through a Socket.IO server doing the same (what most people would pick), 1,000 rooms of 8 chatting at once, idle authenticated connections
 * (server memory per connection), and with REDIS_URL the room across two nodes (the hop's cost).
 */
import { fork } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import cookie from "@fastify/cookie";
import Fastify from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { Server as SocketIoServer } from "socket.io";
import { io as ioClient } from "socket.io-client";
import WebSocket, { WebSocketServer } from "ws";
import { type Database, openDatabase } from "../server/src/db/client.ts";
import { groups, meetings, members, organisations, sessions } from "../server/src/db/schema.ts";
import { createAccountsService } from "../server/src/features/accounts/service.ts";
import { createPostingGuard } from "../server/src/features/moderation/trust.ts";
import { roomsFeature } from "../server/src/features/rooms/routes.ts";
import { createScheduler } from "../server/src/jobs/scheduler.ts";
import { errorHandler } from "../server/src/platform/error-handler.ts";
import { createLimits } from "../server/src/platform/limits.ts";
import { createLocalHub, createRedisHub, type Hub } from "../server/src/realtime/hub.ts";

const { values: args } = parseArgs({
  options: {
    client: { type: "boolean", default: false },
    listeners: { type: "string", default: "500" },
    rooms: { type: "string", default: "1000" },
    size: { type: "string", default: "8" },
    idle: { type: "string", default: "10000" },
    burst: { type: "string", default: "1000" },
    json: { type: "boolean", default: false },
    only: { type: "string", default: "idle,fanout,rooms,nodes" },
    "chat-every-ms": { type: "string", default: "8000" },
  },
});

const now = () => performance.timeOrigin + performance.now();
const ORIGIN = "http://bench.test";

// ───────────────────────────── The client process ─────────────────────────────

type Conn = {
  url: string;
  cookie?: string;
  room?: string;
  mode?: "participant" | "listener";
  kinship: boolean;
  /** A Socket.IO client (the url is the server's, the room goes in the handshake) instead of a bare socket. */
  socketio?: boolean;
};
/** What the client process holds per connection: a `ws` socket, or a Socket.IO one. */
type ClientSocket = { say(room: string): void; close(): void };
type ClientTask =
  | { kind: "connect"; conns: Conn[] }
  | { kind: "fanout"; speaker: number; room: string; messages: number; intervalMs: number; receivers: number[] }
  | { kind: "chat"; rooms: { room: string; members: number[] }[]; perPersonEveryMs: number; seconds: number }
  | { kind: "close" };

if (args.client) {
  const sockets: ClientSocket[] = [];
  const latencies: number[] = [];
  let received = 0;
  let lastReceivedAt = 0;
  let expectedTotal = Number.POSITIVE_INFINITY;
  let onAllReceived: (() => void) | null = null;

  const record = (text: string) => {
    const sent = Number(text.split(" ")[0]);
    latencies.push(now() - sent);
    received += 1;
    lastReceivedAt = now();
    if (received >= expectedTotal) onAllReceived?.();
  };

  let sendCounter = 0;
  const sayOn = (ws: WebSocket) => (room: string) =>
    ws.send(JSON.stringify({ type: "say", room, id: `m${++sendCounter}`, text: `${now()} hello` }));

  const openWs = (c: Conn) =>
    new Promise<ClientSocket>((resolve, reject) => {
      const ws = new WebSocket(c.url, { headers: { ...(c.cookie ? { cookie: c.cookie } : {}), origin: ORIGIN } });
      const socket = { say: sayOn(ws), close: () => ws.terminate() };
      ws.once("error", reject);
      ws.on("message", (data) => {
        const raw = data.toString();
        // Fast path (both servers alike): only room messages carry a send time, first in their text.
        const at = raw.indexOf('"kind":"message"');
        if (at >= 0) {
          const start = raw.indexOf('"text":"', at) + 8;
          record(raw.slice(start, raw.indexOf(" ", start)));
          return;
        }
        const m = JSON.parse(raw) as { type: string };
        if (m.type === "hello" && c.room)
          ws.send(JSON.stringify({ type: "join", room: c.room, mode: c.mode ?? "participant" }));
        if (m.type === "hello" && !c.room) resolve(socket);
        if (m.type === "snapshot") resolve(socket);
        if (m.type === "error") reject(new Error(raw));
      });
      if (!c.kinship) ws.once("open", () => resolve(socket));
    });

  const openSocketIo = (c: Conn) =>
    new Promise<ClientSocket>((resolve, reject) => {
      const io = ioClient(c.url, { transports: ["websocket"], query: { room: c.room ?? "" }, reconnection: false });
      io.on("event", (m: { event: { text: string } }) => record(m.event.text.slice(0, m.event.text.indexOf(" "))));
      io.once("connect_error", reject);
      io.once("connect", () =>
        resolve({
          say: (room) => io.emit("say", { room, id: `m${++sendCounter}`, text: `${now()} hello` }),
          close: () => io.disconnect(),
        }),
      );
    });

  const open = (c: Conn) => (c.socketio ? openSocketIo(c) : openWs(c));

  process.on("message", async (task: ClientTask) => {
    try {
      if (task.kind === "connect") {
        const start = sockets.length;
        for (let i = 0; i < task.conns.length; i += 200) {
          // Batches: the server authenticates each upgrade against the database.
          const batch = await Promise.all(task.conns.slice(i, i + 200).map(open));
          sockets.push(...batch);
        }
        process.send?.({ ok: true, first: start, count: task.conns.length });
      } else if (task.kind === "fanout") {
        latencies.length = 0;
        received = 0;
        expectedTotal = task.messages * task.receivers.length;
        const done = new Promise<void>((resolve) => {
          onAllReceived = resolve;
        });
        const speaker = sockets[task.speaker] as ClientSocket;
        const started = now();
        for (let i = 0; i < task.messages; i++) {
          speaker.say(task.room);
          if (task.intervalMs > 0) await new Promise((r) => setTimeout(r, task.intervalMs));
        }
        await Promise.race([done, new Promise((r) => setTimeout(r, 120_000))]);
        process.send?.({
          ok: true,
          ...stats(latencies),
          received,
          expected: expectedTotal,
          seconds: (lastReceivedAt - started) / 1000,
        });
      } else if (task.kind === "chat") {
        latencies.length = 0;
        received = 0;
        const people = task.rooms.flatMap((r) =>
          r.members.map((index) => ({ index, room: r.room, size: r.members.length })),
        );
        const rounds = Math.floor((task.seconds * 1000) / task.perPersonEveryMs);
        expectedTotal = people.reduce((sum, p) => sum + p.size, 0) * rounds;
        const done = new Promise<void>((resolve) => {
          onAllReceived = resolve;
        });
        const started = now();
        // Each person speaks once per period, spread evenly over it.
        const step = task.perPersonEveryMs / people.length;
        for (let round = 0; round < rounds; round++) {
          for (let k = 0; k < people.length; k++) {
            const target = started + round * task.perPersonEveryMs + k * step;
            const wait = target - now();
            if (wait > 1) await new Promise((r) => setTimeout(r, wait));
            const p = people[k] as (typeof people)[number];
            (sockets[p.index] as ClientSocket).say(p.room);
          }
        }
        await Promise.race([done, new Promise((r) => setTimeout(r, 120_000))]);
        process.send?.({
          ok: true,
          ...stats(latencies),
          received,
          expected: expectedTotal,
          seconds: (lastReceivedAt - started) / 1000,
        });
      } else if (task.kind === "close") {
        for (const socket of sockets) socket.close();
        sockets.length = 0;
        process.send?.({ ok: true });
      }
    } catch (error) {
      process.send?.({ ok: false, error: String(error) });
    }
  });
}

function stats(values: number[]) {
  if (values.length === 0) return { p50: Number.NaN, p99: Number.NaN, max: Number.NaN };
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] as number };
}

// ───────────────────────────── The server side ─────────────────────────────

type Result = Record<string, unknown>;

/** A Kinship node: the real rooms feature, gateway and hub; sessions made straight in the database. */
async function kinshipNode(database: Database, hub: Hub) {
  const accounts = createAccountsService({
    db: database.db,
    limits: createLimits({}),
    hub,
    session: { idleMs: 86_400_000, maxMs: 86_400_000, cacheMs: 5_000 },
  });
  const app = Fastify({ logger: false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.decorateRequest("actor", null);
  await app.register(cookie);
  await app.register(
    roomsFeature({
      db: database.db,
      hub,
      scheduler: createScheduler(() => {}),
      publicUrl: new URL(ORIGIN),
      cookieName: "kinship_session",
      resolveSession: accounts.resolveSession,
      // As in the app: a member under a moderator's mute, suspension or ban does not speak.
      guard: createPostingGuard({ db: database.db }).speaking,
      // A benchmark speaker sends far faster than a person: the per-socket limit is lifted here.
      rate: { perSecond: 1e9, burst: 1e9 },
    }),
  );
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { app, url: `ws://127.0.0.1:${port}/ws` };
}

/** Members with live sessions, made in bulk (signing up through argon2 would take minutes). */
async function makeMembers(database: Database, count: number) {
  const made: { id: string; handle: string; cookie: string; sessionId: string }[] = [];
  for (let i = 0; i < count; i += 1000) {
    const batch = Array.from({ length: Math.min(1000, count - i) }, (_, k) => ({
      id: randomUUID(),
      handle: `bench_${i + k}_${randomBytes(3).toString("hex")}`,
      token: randomBytes(32).toString("base64url"),
      sessionId: randomUUID(),
    }));
    await database.db.insert(members).values(batch.map((m) => ({ id: m.id, handle: m.handle, passphraseHash: "x" })));
    await database.db.insert(sessions).values(
      batch.map((m) => ({
        id: m.sessionId,
        memberId: m.id,
        tokenHash: createHash("sha256").update(m.token).digest("base64url"),
        device: "bench",
        expiresAt: new Date(Date.now() + 86_400_000),
      })),
    );
    made.push(
      ...batch.map((m) => ({
        id: m.id,
        handle: m.handle,
        cookie: `kinship_session=${m.token}`,
        sessionId: m.sessionId,
      })),
    );
  }
  return made;
}

/** Open rooms (one online meeting each, always on), facilitated by the given members. */
async function makeRooms(
  database: Database,
  node: Awaited<ReturnType<typeof kinshipNode>>,
  facilitators: { id: string; handle: string; sessionId: string }[],
) {
  const [org] = await database.db
    .insert(organisations)
    .values({ name: "Bench", slug: `bench-${randomUUID()}` })
    .returning();
  const [group] = await database.db
    .insert(groups)
    .values({
      organisationId: org?.id as string,
      name: "Bench group",
      focus: "other",
      format: "open_discussion",
      confidentialityAgreement: "x",
    })
    .returning();
  const { organisationAdmins } = await import("../server/src/db/schema.ts");
  await database.db
    .insert(organisationAdmins)
    .values(
      [...new Set(facilitators.map((f) => f.id))].map((memberId) => ({ organisationId: org?.id as string, memberId })),
    );
  const roomIds: string[] = [];
  for (let i = 0; i < facilitators.length; i += 500) {
    const rows = await database.db
      .insert(meetings)
      .values(
        facilitators.slice(i, i + 500).map((_, k) => ({
          groupId: group?.id as string,
          slug: `bench-${i + k}-${randomUUID()}`,
          name: `Bench room ${i + k}`,
          mode: "online" as const,
          days: [0, 1, 2, 3, 4, 5, 6],
          startTime: "00:00",
          endTime: "00:00",
          timeZone: "UTC",
          conferenceUrl: "https://meet.example.org/bench",
          search: "",
        })),
      )
      .returning({ id: meetings.id });
    for (const [k, row] of rows.entries()) {
      const f = facilitators[i + k] as (typeof facilitators)[number];
      const actor = { memberId: f.id, handle: f.handle, sessionId: f.sessionId };
      const { room } = await node.app.rooms.service.open(actor, row.id, {
        entry: "open",
        crossTalk: true,
        shareSeconds: 0,
      });
      roomIds.push(room.id);
    }
  }
  return roomIds;
}

/** The practical limit: a bare `ws` server that broadcasts each message to its room, nothing else. */
async function bareServer() {
  const wss = new WebSocketServer({ port: 0, host: "127.0.0.1", perMessageDeflate: false, maxPayload: 64 * 1024 });
  const rooms = new Map<string, Set<WebSocket>>();
  let seq = 0;
  wss.on("connection", (ws, request) => {
    const room = new URL(request.url ?? "/", "http://x").searchParams.get("room") ?? "";
    const set = rooms.get(room) ?? new Set();
    rooms.set(room, set);
    set.add(ws);
    ws.on("close", () => set.delete(ws));
    ws.on("message", (data) => {
      const m = JSON.parse(data.toString()) as { id: string; room: string; text: string };
      seq += 1;
      const text = JSON.stringify({
        type: "event",
        room: m.room,
        seq,
        at: new Date().toISOString(),
        event: { kind: "message", from: "x", text: m.text, share: false },
      });
      for (const peer of set) peer.send(text);
      ws.send(JSON.stringify({ type: "ack", id: m.id, seq }));
    });
  });
  await new Promise((r) => wss.once("listening", r));
  const address = wss.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { wss, url: (room: string) => `ws://127.0.0.1:${port}/?room=${room}` };
}

/**
 * What most people would pick: a Socket.IO server (WebSocket transport only, no compression) that
 * broadcasts each message to its room and acknowledges it, nothing else — no auth, no database.
 */
async function socketIoServer() {
  const http = createServer();
  const io = new SocketIoServer(http, { serveClient: false, perMessageDeflate: false, transports: ["websocket"] });
  let seq = 0;
  io.on("connection", (socket) => {
    const room = String(socket.handshake.query.room ?? "");
    void socket.join(room);
    socket.on("say", (m: { id: string; room: string; text: string }) => {
      seq += 1;
      io.to(room).emit("event", {
        type: "event",
        room: m.room,
        seq,
        at: new Date().toISOString(),
        event: { kind: "message", from: "x", text: m.text, share: false },
      });
      socket.emit("ack", { id: m.id, seq });
    });
  });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  const address = http.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { close: () => io.close(), url: `http://127.0.0.1:${port}` };
}

function startClients() {
  const child = fork(import.meta.filename, ["--client"], { execArgv: ["--import", "tsx"], stdio: "inherit" });
  const ask = <T = Result>(task: ClientTask) =>
    new Promise<T>((resolve, reject) => {
      child.once("message", (answer: { ok: boolean; error?: string }) =>
        answer.ok ? resolve(answer as T) : reject(new Error(answer.error)),
      );
      child.send(task);
    });
  return { child, ask };
}
type Clients = ReturnType<typeof startClients>;

const gc = () => (globalThis as { gc?: () => void }).gc?.();
const memory = async () => {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 200));
  }
  const m = process.memoryUsage();
  return { heap: m.heapUsed, rss: m.rss, external: m.external + m.arrayBuffers };
};
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

async function fanout(
  clients: Clients,
  conns: Conn[],
  speakerIndex: number,
  room: string,
  messages: number,
  intervalMs: number,
) {
  const { first } = await clients.ask<{ first: number }>({ kind: "connect", conns });
  const receivers = conns.map((_, i) => first + i);
  const result = await clients.ask<{
    p50: number;
    p99: number;
    max: number;
    received: number;
    expected: number;
    seconds: number;
  }>({
    kind: "fanout",
    speaker: first + speakerIndex,
    room,
    messages,
    intervalMs,
    receivers,
  });
  await clients.ask({ kind: "close" });
  return { ...result, perSecond: result.received / result.seconds };
}

async function main() {
  const listeners = Number(args.listeners);
  const roomCount = Number(args.rooms);
  const size = Number(args.size);
  const idle = Number(args.idle);
  const burst = Number(args.burst);
  const url = process.env.DATABASE_URL;
  const redisUrl = process.env.REDIS_URL;
  const database = await openDatabase(url ? { url } : { pglite: await PGlite.create() });
  const prefix = `bench-${randomUUID()}`;
  const hub = redisUrl ? createRedisHub(redisUrl, prefix) : createLocalHub();
  const node = await kinshipNode(database, hub);
  const clients = startClients();
  const results: Record<string, Result> = {};
  const run = (scenario: string) => String(args.only).split(",").includes(scenario);
  const log = (name: string, r: Result) => {
    results[name] = r;
    if (!args.json) console.log(name.padEnd(34), JSON.stringify(r));
  };
  console.log(
    `database: ${url ? "PostgreSQL" : "PGlite"}; hub: ${redisUrl ? "Redis" : "in-process"}; node ${process.version}`,
  );

  const people = await makeMembers(database, Math.max(listeners + 1, roomCount * size, idle));

  // ── Idle authenticated connections: the server's memory per connection ──
  if (idle > 0 && run("idle")) {
    const before = await memory();
    const conns: Conn[] = people.slice(0, idle).map((p) => ({ url: node.url, cookie: p.cookie, kinship: true }));
    await clients.ask({ kind: "connect", conns });
    const after = await memory();
    log(`${idle} idle connections`, {
      heapPerConnectionKB: round((after.heap - before.heap) / idle / 1024, 2),
      rssPerConnectionKB: round((after.rss - before.rss) / idle / 1024, 2),
      buffersPerConnectionKB: round((after.external - before.external) / idle / 1024, 2),
      targetKB: 40,
      gcExposed: typeof (globalThis as { gc?: unknown }).gc === "function",
    });
    await clients.ask({ kind: "close" });
  }

  // ── One room, a speaker and N listeners ──
  const speaker = people[0] as (typeof people)[number];
  // A fresh room for each run: someone back in a room they were in is shown what they missed.
  const freshRoom = async () => (await makeRooms(database, node, [speaker]))[0] as string;
  const roomConns = (room: string): Conn[] => [
    { url: node.url, cookie: speaker.cookie, room, mode: "participant", kinship: true },
    ...people
      .slice(1, listeners + 1)
      .map((p) => ({ url: node.url, cookie: p.cookie, room, mode: "listener" as const, kinship: true })),
  ];
  if (run("fanout")) {
    const pacedRoom = await freshRoom();
    // A speaker types far slower than this; 10 messages a second keeps the clients' side out of the way.
    const paced = await fanout(clients, roomConns(pacedRoom), 0, pacedRoom, 100, 100);
    log(`fan-out paced 10/s to ${listeners + 1}`, {
      p50ms: round(paced.p50, 2),
      p99ms: round(paced.p99, 2),
      maxMs: round(paced.max, 1),
      delivered: paced.received,
      expected: paced.expected,
    });
    const burstRoom = await freshRoom();
    const kBurst = await fanout(clients, roomConns(burstRoom), 0, burstRoom, burst, 0);
    log(`fan-out burst of ${burst} (Kinship)`, {
      deliveredPerSecond: Math.round(kBurst.perSecond),
      p50ms: round(kBurst.p50),
      p99ms: round(kBurst.p99),
      delivered: kBurst.received,
      expected: kBurst.expected,
    });

    const bare = await bareServer();
    const bareConns: Conn[] = Array.from({ length: listeners + 1 }, () => ({ url: bare.url("big"), kinship: false }));
    const bBurst = await fanout(clients, bareConns, 0, "big", burst, 0);
    log(`fan-out burst of ${burst} (bare ws)`, {
      deliveredPerSecond: Math.round(bBurst.perSecond),
      p50ms: round(bBurst.p50),
      p99ms: round(bBurst.p99),
      delivered: bBurst.received,
    });
    bare.wss.close();

    const sio = await socketIoServer();
    const sioConns: Conn[] = Array.from({ length: listeners + 1 }, () => ({
      url: sio.url,
      room: "big",
      kinship: false,
      socketio: true,
    }));
    const sBurst = await fanout(clients, sioConns, 0, "big", burst, 0);
    log(`fan-out burst of ${burst} (Socket.IO)`, {
      deliveredPerSecond: Math.round(sBurst.perSecond),
      p50ms: round(sBurst.p50),
      p99ms: round(sBurst.p99),
      delivered: sBurst.received,
    });
    sio.close();
    log("fan-out throughput ratio", {
      kinshipOverBare: round(kBurst.perSecond / bBurst.perSecond, 2),
      kinshipOverSocketIo: round(kBurst.perSecond / sBurst.perSecond, 2),
      socketIoOverBare: round(sBurst.perSecond / bBurst.perSecond, 2),
      target: 0.5,
    });
  }

  // ── 1,000 rooms of 8 chatting at once ──
  if (roomCount > 0 && run("rooms")) {
    const facilitators = people.slice(0, roomCount);
    const roomIds = await makeRooms(database, node, facilitators);
    const conns: Conn[] = [];
    const layout: { room: string; members: number[] }[] = [];
    for (const [r, room] of roomIds.entries()) {
      const membersOfRoom: number[] = [];
      for (let k = 0; k < size; k++) {
        const p = k === 0 ? facilitators[r] : people[roomCount + r * (size - 1) + (k - 1)];
        membersOfRoom.push(conns.length);
        conns.push({ url: node.url, cookie: p?.cookie, room, mode: "participant", kinship: true });
      }
      layout.push({ room, members: membersOfRoom });
    }
    const joinStarted = Date.now();
    const { first } = await clients.ask<{ first: number }>({ kind: "connect", conns });
    const joinSeconds = (Date.now() - joinStarted) / 1000;
    for (const r of layout) r.members = r.members.map((i) => first + i);
    // Each person says something every --chat-every-ms (8 s: 1,000 messages a second across 1,000 rooms).
    const chat = await clients.ask<{
      p50: number;
      p99: number;
      max: number;
      received: number;
      expected: number;
      seconds: number;
    }>({
      kind: "chat",
      rooms: layout,
      perPersonEveryMs: Number(args["chat-every-ms"]),
      seconds: 16,
    });
    await clients.ask({ kind: "close" });
    log(`${roomCount} rooms of ${size} chatting`, {
      connectAndJoinSeconds: round(joinSeconds),
      deliveredPerSecond: Math.round(chat.received / chat.seconds),
      p50ms: round(chat.p50, 2),
      p99ms: round(chat.p99, 2),
      delivered: chat.received,
      expected: chat.expected,
    });
  }

  // ── With Redis: the big room across two nodes ──
  if (redisUrl && run("nodes")) {
    const hubB = createRedisHub(redisUrl, prefix);
    const nodeB = await kinshipNode(database, hubB);
    const twoRoom = await freshRoom();
    const conns: Conn[] = [
      { url: node.url, cookie: speaker.cookie, room: twoRoom, mode: "participant", kinship: true },
      ...people
        .slice(1, listeners + 1)
        .map((p) => ({ url: nodeB.url, cookie: p.cookie, room: twoRoom, mode: "listener" as const, kinship: true })),
    ];
    const twoNodes = await fanout(clients, conns, 0, twoRoom, 100, 100);
    log(`fan-out paced across two nodes`, {
      p50ms: round(twoNodes.p50, 2),
      p99ms: round(twoNodes.p99, 2),
      delivered: twoNodes.received,
      expected: twoNodes.expected,
    });
    await nodeB.app.close();
  }

  if (args.json) console.log(JSON.stringify(results, null, 2));
  clients.child.kill();
  // A benchmark leaves at once: sockets still closing on the server have nothing left to tell.
  process.exit(0);
}

if (!args.client) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
