import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../app.ts";
import { safetyResponders } from "../../db/schema.ts";
import { addToGroup, makeGroup, makeOrganisation } from "../../test/directory-factories.ts";
import { Agent, buildTestApp, driver, freshDatabase, PASSPHRASE, type TestApp, testConfig } from "../../test/helper.ts";
import { SocketClient, wsUrlOf } from "../rooms/test-socket.ts";
import { watchAlerts } from "./test-watch.ts";

/*
 * Responders are pushed, not polled: a responder's socket that watches hears at once that an alert
 * of a place they serve was raised or changed, on whichever node, with no words and no author.
 */

let t: TestApp;
let wsUrl: string;
type Member = Awaited<ReturnType<TestApp["makeMember"]>>;
const ORIGIN = "http://kinship.test";
const HIGH = "I'm 60 days sober and today I just want to die.";
const HIGH_ES = "Quiero morirme, ya no aguanto más esta recaída.";
type Any = { type: string; [k: string]: unknown };

beforeAll(async () => {
  t = await buildTestApp();
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  wsUrl = wsUrlOf(t.app);
});
afterAll(async () => t?.close());

const watch = (url: string, agent: { cookie?: string }) => watchAlerts(url, agent, ORIGIN);
const alertsOf = (c: SocketClient) => (c.messages as unknown as Any[]).filter((m) => m.type === "safety.alert");
const nextAlert = (c: SocketClient, test: (m: Any) => boolean = () => true) =>
  c.next((m) => (m as Any).type === "safety.alert" && test(m as Any)) as unknown as Promise<Any>;

async function boards(who: Member) {
  const items = (await who.get("/api/boards")).json().items as { id: string; name: string }[];
  return items.find((b) => b.name === "Newcomers")?.id as string;
}

describe("the responders' live queue", () => {
  it("reaches the place's responders at once, only them, without the words; claims reach fellow responders", async () => {
    const [author, groupAuthor, first, fellow, orgResponder, otherResponder, member] = (await Promise.all(
      Array.from({ length: 7 }, () => t.makeMember()),
    )) as Member[] as [Member, Member, Member, Member, Member, Member, Member];
    const org = await makeOrganisation(t.db);
    const other = await makeOrganisation(t.db);
    const group = await makeGroup(t.db, org.id);
    await addToGroup(t.db, group.id, groupAuthor.id);
    await t.db.insert(safetyResponders).values([
      { organisationId: null, memberId: first.id },
      { organisationId: null, memberId: fellow.id },
      { organisationId: org.id, memberId: orgResponder.id },
      { organisationId: other.id, memberId: otherResponder.id },
    ]);

    // A member who is no responder is refused, and hears nothing; a malformed message is refused too.
    const refused = await watch(wsUrl, member);
    expect(refused.answer).toMatchObject({ type: "error", code: "forbidden" });
    refused.client.send({ type: "safety.wach" });
    expect(await refused.client.next((m) => m.type === "error" && m.code === "invalid")).toBeTruthy();

    const a = await watch(wsUrl, first);
    expect(a.answer).toEqual({ type: "safety.watching", scopes: [null] });
    const b = await watch(wsUrl, fellow);
    const c = await watch(wsUrl, orgResponder);
    expect(c.answer).toEqual({ type: "safety.watching", scopes: [org.id] });
    const d = await watch(wsUrl, otherResponder);

    const posted = await author.post(`/api/boards/${await boards(author)}/threads`, { title: "Day 60", body: HIGH });
    expect(posted.statusCode).toBe(201);
    const pushed = await nextAlert(a.client);
    expect(pushed).toMatchObject({ type: "safety.alert", organisationId: null, change: "new" });
    expect(await nextAlert(b.client)).toEqual(pushed);
    const queue = (await first.get("/api/safety/alerts")).json().items as { id: string }[];
    expect(queue.map((x) => x.id)).toContain(pushed.alertId);
    expect(JSON.stringify(pushed)).not.toContain("die");
    expect(JSON.stringify(pushed)).not.toContain(author.handle);

    // A group board's alert goes to its organisation's responders, in Spanish as in English.
    const board = (await groupAuthor.get(`/api/groups/${group.id}/board`)).json();
    const inGroup = await groupAuthor.post(`/api/boards/${board.id}/threads`, { title: "Hoy", body: HIGH_ES });
    expect(inGroup.statusCode).toBe(201);
    const orgPushed = await nextAlert(c.client);
    expect(orgPushed).toMatchObject({ organisationId: org.id, change: "new" });

    // One responder takes the community's alert: the fellow responder's queue hears of it.
    expect((await first.post(`/api/safety/alerts/${pushed.alertId}/claim`)).statusCode).toBe(200);
    expect(await nextAlert(b.client, (m) => m.change === "changed")).toMatchObject({ alertId: pushed.alertId });

    // No one heard of a place they don't serve.
    expect(alertsOf(a.client).some((m) => m.organisationId === org.id)).toBe(false);
    expect(alertsOf(c.client).some((m) => m.organisationId === null)).toBe(false);
    expect(alertsOf(d.client)).toEqual([]);
    expect(alertsOf(refused.client)).toEqual([]);
    for (const x of [a, b, c, d, refused]) x.client.close();
  });

  it("stops when the socket closes, and a member signed out cannot watch at all", async () => {
    const [author, responder] = (await Promise.all([t.makeMember(), t.makeMember()])) as [Member, Member];
    await t.db.insert(safetyResponders).values({ organisationId: null, memberId: responder.id });
    const w = await watch(wsUrl, responder);
    w.client.close();
    await w.client.whenClosed();
    await expect(SocketClient.connect(wsUrl, undefined, ORIGIN)).rejects.toThrow(/401/);
    const posted = await author.post(`/api/boards/${await boards(author)}/threads`, { title: "Late", body: HIGH });
    expect(posted.statusCode).toBe(201);
    expect(alertsOf(w.client)).toEqual([]);
  });
});

describe.runIf(driver === "postgres" && process.env.TEST_REDIS_URL)("on two app nodes", () => {
  it("reaches a responder whose socket is on the other node", async () => {
    const database = await freshDatabase();
    const keyPrefix = `test:${randomUUID()}`;
    const nodes = [
      await buildApp(testConfig(), { database, keyPrefix }),
      await buildApp(testConfig(), { database, keyPrefix }),
    ];
    try {
      for (const n of nodes) await n.listen({ port: 0, host: "127.0.0.1" });
      const [one, two] = nodes as [FastifyInstance, FastifyInstance];
      const signup = async (app: FastifyInstance, handle: string) => {
        const agent = new Agent(app, `10.7.${Math.floor(Math.random() * 250)}.1`);
        const res = await agent.post("/api/auth/signup", { handle, passphrase: PASSPHRASE });
        expect(res.statusCode).toBe(201);
        return Object.assign(agent, { id: res.json().id as string, handle });
      };
      const stamp = `${process.pid}_${Date.now() % 100000}`;
      const author = await signup(one, `author_${stamp}`);
      const responder = await signup(two, `responder_${stamp}`);
      await database.db.insert(safetyResponders).values({ organisationId: null, memberId: responder.id });
      const w = await watch(wsUrlOf(two), responder);
      expect(w.answer).toMatchObject({ type: "safety.watching" });
      const items = (await author.get("/api/boards")).json().items as { id: string; name: string }[];
      const newcomers = items.find((b) => b.name === "Newcomers")?.id as string;
      expect((await author.post(`/api/boards/${newcomers}/threads`, { title: "Night", body: HIGH })).statusCode).toBe(
        201,
      );
      expect(await nextAlert(w.client)).toMatchObject({ change: "new", organisationId: null });
      w.client.close();
    } finally {
      for (const n of nodes) await n.close();
      await database.close();
      await database.drop();
    }
  });
});
