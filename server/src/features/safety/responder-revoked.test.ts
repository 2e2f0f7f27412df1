import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../app.ts";
import { forumModerators, safetyResponders } from "../../db/schema.ts";
import { operatorCommand } from "../../operator/operator.ts";
import { createRedisHub } from "../../realtime/hub.ts";
import { addToGroup, makeGroup, makeOrganisation } from "../../test/directory-factories.ts";
import { Agent, buildTestApp, driver, freshDatabase, PASSPHRASE, type TestApp, testConfig } from "../../test/helper.ts";
import { type SocketClient, wsUrlOf } from "../rooms/test-socket.ts";
import { watchAlerts } from "./test-watch.ts";

/*
 * A responder's open queue hears alerts only while they are a responder there: once the role is
 * taken back (on the web or by the instance operator), or they are suspended, banned or gone, their
 * sockets stop receiving alert pings at once, on the node that made the change and on every other.
 */

let t: TestApp;
let wsUrl: string;
type Member = Awaited<ReturnType<TestApp["makeMember"]>>;
type Any = { type: string; [k: string]: unknown };
const ORIGIN = "http://kinship.test";
const HIGH = "I'm 60 days sober and today I just want to die.";
const REASON = "Shared a member's private story outside the group.";

beforeAll(async () => {
  t = await buildTestApp();
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  wsUrl = wsUrlOf(t.app);
});
afterAll(async () => t?.close());

const watch = (url: string, agent: { cookie?: string }) => watchAlerts(url, agent, ORIGIN);
const all = (c: SocketClient) => c.messages as unknown as Any[];
const alertsOf = (c: SocketClient) => all(c).filter((m) => m.type === "safety.alert");
const nextAlert = (c: SocketClient, from = 0) =>
  c.next((m) => (m as Any).type === "safety.alert", { from }) as unknown as Promise<Any>;

/** Raises a community alert, waits until the control socket hears it, and returns its id. */
async function raiseCommunityAlert(author: { post: Agent["post"]; get: Agent["get"] }, control: SocketClient) {
  const from = control.messages.length;
  const boards = (await author.get("/api/boards")).json().items as { id: string; name: string }[];
  const board = boards.find((b) => b.name === "Newcomers")?.id as string;
  const posted = await author.post(`/api/boards/${board}/threads`, { title: `Day ${randomUUID()}`, body: HIGH });
  expect(posted.statusCode).toBe(201);
  return (await nextAlert(control, from)).alertId as string;
}

async function members(n: number) {
  return (await Promise.all(Array.from({ length: n }, () => t.makeMember()))) as Member[];
}

describe("a responder whose role is taken back", () => {
  it("stops hearing that place's alerts at once and keeps the others; wrong people and bad input change nothing", async () => {
    const [responder, control, orgAdmin, otherAdmin, communityMod, author, groupAuthor] = await members(7);
    const org = await makeOrganisation(t.db, { adminId: (orgAdmin as Member).id });
    await makeOrganisation(t.db, { adminId: (otherAdmin as Member).id });
    const group = await makeGroup(t.db, org.id);
    await addToGroup(t.db, group.id, (groupAuthor as Member).id);
    const r = responder as Member;
    await t.db.insert(forumModerators).values({ memberId: (communityMod as Member).id });
    await t.db.insert(safetyResponders).values([
      { organisationId: null, memberId: r.id },
      { organisationId: org.id, memberId: r.id },
      { organisationId: null, memberId: (control as Member).id },
      { organisationId: org.id, memberId: (control as Member).id },
    ]);
    const w = await watch(wsUrl, r);
    expect(w.answer).toMatchObject({ type: "safety.watching" });
    expect((w.answer.scopes as unknown[]).length).toBe(2);
    const c = await watch(wsUrl, control as Member);

    // Wrong people: another organisation's admin, the responder themselves, a plain member.
    for (const who of [otherAdmin, r, author] as Member[]) {
      const res = await who.delete(`/api/safety/responders/${r.id}?organisation=${org.id}`);
      expect([403, 404]).toContain(res.statusCode);
    }
    // Bad input: not a responder there, not a member id at all.
    expect(
      (await (orgAdmin as Member).delete(`/api/safety/responders/${(author as Member).id}?organisation=${org.id}`))
        .statusCode,
    ).toBe(404);
    expect(
      (await (orgAdmin as Member).delete(`/api/safety/responders/not-an-id?organisation=${org.id}`)).statusCode,
    ).toBe(400);
    // Nothing changed: the responder still hears both places.
    const board = (await (groupAuthor as Member).get(`/api/groups/${group.id}/board`)).json();
    const inOrg = await (groupAuthor as Member).post(`/api/boards/${board.id}/threads`, { title: "Hoy", body: HIGH });
    expect(inOrg.statusCode).toBe(201);
    expect(await nextAlert(w.client)).toMatchObject({ organisationId: org.id });

    // The organisation's admin takes the role back: at once, that place's alerts stop reaching the socket.
    const before = w.client.messages.length;
    expect(
      (await (orgAdmin as Member).delete(`/api/safety/responders/${r.id}?organisation=${org.id}`)).statusCode,
    ).toBe(204);
    expect(await w.client.next((m) => (m as Any).type === "safety.watching", { from: before })).toEqual({
      type: "safety.watching",
      scopes: [null],
    });
    const fromOrg = c.client.messages.length;
    const again = await (groupAuthor as Member).post(`/api/boards/${board.id}/threads`, {
      title: "Otra vez",
      body: HIGH,
    });
    expect(again.statusCode).toBe(201);
    await c.client.next((m) => (m as Any).type === "safety.alert" && (m as Any).organisationId === org.id, {
      from: fromOrg,
    });
    expect(alertsOf(w.client).slice(1)).toEqual([]);
    // The community's alerts still come.
    const communityAlert = await raiseCommunityAlert(author as Member, c.client);
    expect(await nextAlert(w.client, before)).toMatchObject({ alertId: communityAlert, organisationId: null });

    // The community's moderator takes the last role back: the queue stops altogether.
    const beforeLast = w.client.messages.length;
    expect((await (communityMod as Member).delete(`/api/safety/responders/${r.id}`)).statusCode).toBe(204);
    expect(await w.client.next((m) => (m as Any).type === "error", { from: beforeLast })).toMatchObject({
      code: "forbidden",
    });
    await raiseCommunityAlert(author as Member, c.client);
    expect(
      all(w.client)
        .slice(beforeLast)
        .filter((m) => m.type === "safety.alert"),
    ).toEqual([]);
    // And the socket cannot start watching again.
    const beforeRewatch = w.client.messages.length;
    w.client.send({ type: "safety.watch" });
    expect(await w.client.next((m) => (m as Any).type === "error", { from: beforeRewatch })).toMatchObject({
      code: "forbidden",
    });
    for (const x of [w, c]) x.client.close();
  });

  it("is the instance operator's to take back too", async () => {
    const [responder, control, author] = await members(3);
    await t.db.insert(safetyResponders).values([
      { organisationId: null, memberId: (responder as Member).id },
      { organisationId: null, memberId: (control as Member).id },
    ]);
    const w = await watch(wsUrl, responder as Member);
    const c = await watch(wsUrl, control as Member);
    // The command runs in a process of its own and reaches running nodes only through Redis (see
    // the two-node test); without Redis the operator restarts Kinship, as the command says.
    expect(await operatorCommand(t.db, ["community-responder", "remove", (responder as Member).handle])).toEqual([
      `@${(responder as Member).handle} is no longer a community responder.`,
    ]);
    // A new watch is refused at once, whatever the old socket was told.
    const again = await watch(wsUrl, responder as Member);
    expect(again.answer).toMatchObject({ type: "error", code: "forbidden" });
    await raiseCommunityAlert(author as Member, c.client);
    expect(alertsOf(again.client)).toEqual([]);
    for (const x of [w, c, again]) x.client.close();
  });
});

describe("a responder who is suspended, banned or leaves", () => {
  it("stops hearing alerts at once: the sockets close and no ping gets through", async () => {
    const [suspended, banned, leaving, control, moderator, author] = await members(6);
    await t.db.insert(forumModerators).values({ memberId: (moderator as Member).id });
    await t.db
      .insert(safetyResponders)
      .values([suspended, banned, leaving, control].map((m) => ({ organisationId: null, memberId: (m as Member).id })));
    const c = await watch(wsUrl, control as Member);
    const watching = {
      suspended: await watch(wsUrl, suspended as Member),
      banned: await watch(wsUrl, banned as Member),
      leaving: await watch(wsUrl, leaving as Member),
    };
    for (const [kind, who] of [
      ["suspend", suspended],
      ["ban", banned],
    ] as const) {
      const acted = await (moderator as Member).post("/api/moderation/actions", {
        kind,
        reason: REASON,
        scope: "community",
        handle: (who as Member).handle,
        ...(kind === "suspend" ? { hours: 24 } : {}),
      });
      expect(acted.statusCode).toBe(201);
    }
    expect((await (leaving as Member).delete("/api/me", { passphrase: PASSPHRASE })).statusCode).toBe(204);
    await raiseCommunityAlert(author as Member, c.client);
    for (const w of Object.values(watching)) {
      expect(alertsOf(w.client)).toEqual([]);
      expect((await w.client.whenClosed()).code).toBe(4001);
    }
    // A mute is not a suspension: a muted responder still hears the queue.
    const muted = await watch(wsUrl, control as Member);
    const mute = await (moderator as Member).post("/api/moderation/actions", {
      kind: "mute",
      reason: REASON,
      scope: "community",
      handle: (control as Member).handle,
      hours: 2,
    });
    expect(mute.statusCode).toBe(201);
    const heard = await raiseCommunityAlert(author as Member, c.client);
    expect(await nextAlert(muted.client)).toMatchObject({ alertId: heard });
    for (const x of [c, muted]) x.client.close();
  });

  it("keeps hearing when they stop moderating: the responder role is its own", async () => {
    const [both, other, author] = await members(3);
    await t.db.insert(forumModerators).values([{ memberId: (both as Member).id }, { memberId: (other as Member).id }]);
    await t.db.insert(safetyResponders).values({ organisationId: null, memberId: (both as Member).id });
    const w = await watch(wsUrl, both as Member);
    const removed = await (other as Member).delete(`/api/moderation/moderators/community/${(both as Member).handle}`);
    expect(removed.statusCode).toBe(200);
    const from = w.client.messages.length;
    const boards = (await (author as Member).get("/api/boards")).json().items as { id: string; name: string }[];
    const board = boards.find((b) => b.name === "Newcomers")?.id as string;
    expect(
      (await (author as Member).post(`/api/boards/${board}/threads`, { title: "Night", body: HIGH })).statusCode,
    ).toBe(201);
    expect(await nextAlert(w.client, from)).toMatchObject({ organisationId: null });
    w.client.close();
  });
});

describe.runIf(driver === "postgres" && process.env.TEST_REDIS_URL)("on two app nodes with Redis", () => {
  it("stops a revoked or suspended responder's sockets on every node, the publishing one included", async () => {
    const database = await freshDatabase();
    const keyPrefix = `test:${randomUUID()}`;
    const nodes = [
      await buildApp(testConfig(), { database, keyPrefix }),
      await buildApp(testConfig(), { database, keyPrefix }),
    ];
    const operatorHub = createRedisHub(process.env.TEST_REDIS_URL as string, keyPrefix);
    try {
      for (const n of nodes) await n.listen({ port: 0, host: "127.0.0.1" });
      const [one, two] = nodes as [FastifyInstance, FastifyInstance];
      const stamp = `${process.pid}_${Date.now() % 100000}`;
      let n = 0;
      const signup = async (app: FastifyInstance, name: string) => {
        const agent = new Agent(app, `10.8.${n++}.1`);
        const handle = `${name}_${stamp}`;
        const res = await agent.post("/api/auth/signup", { handle, passphrase: PASSPHRASE });
        expect(res.statusCode).toBe(201);
        return Object.assign(agent, { id: res.json().id as string, handle });
      };
      const author = await signup(one, "author");
      const moderator = await signup(one, "moderator");
      const [farR, nearR, opR, suspR] = [
        await signup(two, "far"),
        await signup(one, "near"),
        await signup(two, "operator_removed"),
        await signup(two, "suspended"),
      ];
      const controlOne = await signup(one, "control_one");
      const controlTwo = await signup(two, "control_two");
      await database.db.insert(forumModerators).values({ memberId: moderator.id });
      await database.db
        .insert(safetyResponders)
        .values(
          [farR, nearR, opR, suspR, controlOne, controlTwo].map((m) => ({ organisationId: null, memberId: m.id })),
        );
      const far = await watch(wsUrlOf(two), farR);
      const near = await watch(wsUrlOf(one), nearR);
      const op = await watch(wsUrlOf(two), opR);
      const susp = await watch(wsUrlOf(two), suspR);
      const c1 = await watch(wsUrlOf(one), controlOne);
      const c2 = await watch(wsUrlOf(two), controlTwo);
      for (const w of [far, near, op, susp, c1, c2]) expect(w.answer).toMatchObject({ type: "safety.watching" });

      // Node one takes back the role of a responder whose socket is on node two, and of one on node
      // one itself; the next alert, raised on node two right after, reaches neither.
      expect((await moderator.delete(`/api/safety/responders/${farR.id}`)).statusCode).toBe(204);
      expect((await moderator.delete(`/api/safety/responders/${nearR.id}`)).statusCode).toBe(204);
      // The instance operator's command, from outside any node, through Redis.
      await operatorCommand(database.db, ["community-responder", "remove", opR.handle], operatorHub);
      // A suspension, decided on node one.
      const acted = await moderator.post("/api/moderation/actions", {
        kind: "suspend",
        reason: REASON,
        scope: "community",
        handle: suspR.handle,
        hours: 24,
      });
      expect(acted.statusCode).toBe(201);

      const authorOnTwo = new Agent(two, "10.8.200.1");
      authorOnTwo.cookie = author.cookie;
      const from1 = c1.client.messages.length;
      const alertId = await raiseCommunityAlert(authorOnTwo, c2.client);
      expect(await nextAlert(c1.client, from1)).toMatchObject({ alertId });
      for (const w of [far, near, op, susp]) expect(alertsOf(w.client)).toEqual([]);
      for (const w of [far, near, op]) {
        expect(await w.client.next((m) => (m as Any).type === "error")).toMatchObject({ code: "forbidden" });
      }
      expect((await susp.client.whenClosed()).code).toBe(4001);
      for (const w of [far, near, op, c1, c2]) w.client.close();
    } finally {
      await operatorHub.close();
      for (const node of nodes) await node.close();
      await database.close();
      await database.drop();
    }
  });
});
