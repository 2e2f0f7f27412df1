import { randomUUID } from "node:crypto";
import { Writable } from "node:stream";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp, REDACT } from "../../app.ts";
import { mentorships, safetyResponders } from "../../db/schema.ts";
import { Agent, freshDatabase, PASSPHRASE, testConfig } from "../../test/helper.ts";

// The detector never stores or logs what people write; the app around it must not either.
const lines: string[] = [];
const capture = new Writable({
  write(chunk, _encoding, done) {
    lines.push(String(chunk));
    done();
  },
});

let database: Awaited<ReturnType<typeof freshDatabase>>;
let app: Awaited<ReturnType<typeof buildApp>>;
beforeAll(async () => {
  database = await freshDatabase();
  app = await buildApp(testConfig(), {
    database,
    keyPrefix: `test:${randomUUID()}`,
    logger: { level: "trace", redact: REDACT, stream: capture },
  });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await database?.close();
  await database?.drop();
});

const FLAGGED = "Honestly I've been thinking about killing myself since I picked up again on Friday.";
const FLAGGED_ES = "Me tomé todas las pastillas del frasco, no sé por qué lo cuento aquí.";

async function member(handle: string) {
  const agent = new Agent(app, "10.9.0.1");
  const res = await agent.post("/api/auth/signup", { handle, passphrase: PASSPHRASE });
  expect(res.statusCode).toBe(201);
  return Object.assign(agent, { id: res.json().id as string });
}

it("never writes flagged words to the logs, on any path they travel", async () => {
  const author = await member(`author_${process.pid % 1000}`);
  const responder = await member(`responder_${process.pid % 1000}`);
  await database.db.insert(safetyResponders).values({ organisationId: null, memberId: responder.id });
  const boards = (await author.get("/api/boards")).json().items as { id: string }[];

  expect((await author.post("/api/safety/screen", { text: FLAGGED })).json().crisis.severity).toBe("high");
  expect((await author.post("/api/safety/screen", { text: FLAGGED, lang: "xx" })).statusCode).toBe(400);
  const thread = await author.post(`/api/boards/${boards[0]?.id}/threads`, { title: "Friday", body: FLAGGED });
  expect(thread.json().crisis).toBeDefined();
  const reply = await author.post(`/api/threads/${thread.json().id}/replies`, { body: FLAGGED_ES });
  expect(reply.json().crisis).toBeDefined();
  const date = new Date().toISOString().slice(0, 10);
  const checkin = await author.post("/api/checkins", { date, mood: 1, craving: 5, note: FLAGGED });
  expect(checkin.json().crisis).toBeDefined();
  const alert = (await responder.get("/api/safety/alerts")).json().items[0];
  expect((await responder.get(`/api/safety/alerts/${alert.id}`)).json().excerpt).toBeTruthy();
  await responder.post(`/api/safety/alerts/${alert.id}/claim`);
  await responder.post(`/api/safety/alerts/${alert.id}/messages`, { body: FLAGGED });

  const logged = lines.join("");
  expect(lines.length).toBeGreaterThan(10); // the logger did run, at trace level
  for (const words of [FLAGGED, FLAGGED_ES, "killing myself", "pastillas del frasco"]) {
    expect(logged).not.toContain(words);
  }
});

it("never writes a private message, its crisis words, or a report's copy of it to the logs", async () => {
  const PRIVATE = "My sister doesn't know I relapsed at her wedding.";
  const a = await member(`dm_a_${process.pid % 1000}`);
  const b = await member(`dm_b_${process.pid % 1000}`);
  const [m] = await database.db
    .insert(mentorships)
    .values({ mentorId: a.id, menteeId: b.id, status: "active", requestMessage: "Hello", acceptedAt: new Date() })
    .returning();
  const id = m?.id as string;
  lines.length = 0;
  expect((await a.post(`/api/mentorships/${id}/messages`, { id: "1", text: PRIVATE })).statusCode).toBe(201);
  expect((await b.post(`/api/mentorships/${id}/messages`, { id: "2", text: FLAGGED })).json().crisis).toBeDefined();
  expect((await b.post(`/api/mentorships/${id}/messages`, { id: "3", text: "x".repeat(4001) })).statusCode).toBe(400);
  const report = await b.post(`/api/mentorships/${id}/reports`, { reason: "other", note: PRIVATE, last: 2 });
  expect(report.statusCode).toBe(201);

  const logged = lines.join("");
  expect(lines.length).toBeGreaterThan(5);
  for (const words of [FLAGGED, PRIVATE, "killing myself", "relapsed at her wedding"]) {
    expect(logged).not.toContain(words);
  }
});
