import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../app.ts";
import { memberTrust, safetyResponders } from "../../db/schema.ts";
import { addToGroup, makeGroup, makeOrganisation } from "../../test/directory-factories.ts";
import { Agent, buildTestApp, driver, freshDatabase, type TestApp, testConfig } from "../../test/helper.ts";
import { SocketClient, wsUrlOf } from "../rooms/test-socket.ts";

/*
 * Suspensions and bans reach past posting: the member cannot sign in (told until when, and why),
 * every session ends at once on every node, open sockets close, and they can still appeal.
 */

let t: TestApp;
let wsUrl: string;
type Member = Awaited<ReturnType<TestApp["makeMember"]>>;
const ORIGIN = "http://kinship.test";
const REASON = "Repeated unkind messages to another member after a warning.";

const count = async (table: string, where = "true") => {
  const rows = await t.db.execute(sql.raw(`select count(*)::int as n from ${table} where ${where}`));
  return Number((rows as unknown as { rows: { n: number }[] }).rows[0]?.n);
};

beforeAll(async () => {
  t = await buildTestApp();
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  wsUrl = wsUrlOf(t.app);
});
afterAll(async () => t?.close());

/** An organisation with an admin, a second moderator, a group with one member, and another organisation. */
async function place() {
  const [admin, secondMod, member, bystander, otherAdmin, otherResponder, responder] = await Promise.all(
    Array.from({ length: 7 }, () => t.makeMember()),
  );
  const m = member as Member;
  await t.db.insert(memberTrust).values({ memberId: m.id, level: 1, reason: "Established in these tests." });
  const org = await makeOrganisation(t.db, { adminId: admin?.id });
  const other = await makeOrganisation(t.db, { adminId: otherAdmin?.id });
  const group = await makeGroup(t.db, org.id);
  await addToGroup(t.db, group.id, m.id);
  await addToGroup(t.db, group.id, (bystander as Member).id);
  await t.db.execute(
    sql`insert into organisation_moderators (organisation_id, member_id) values (${org.id}, ${(secondMod as Member).id})`,
  );
  await t.db.insert(safetyResponders).values([
    { organisationId: other.id, memberId: (otherResponder as Member).id },
    { organisationId: org.id, memberId: (responder as Member).id },
  ]);
  return {
    admin: admin as Member,
    secondMod: secondMod as Member,
    member: m,
    bystander: bystander as Member,
    otherAdmin: otherAdmin as Member,
    otherResponder: otherResponder as Member,
    responder: responder as Member,
    org,
    other,
  };
}

async function connect(url: string, agent: { cookie?: string }) {
  const client = await SocketClient.connect(url, agent.cookie, ORIGIN);
  await client.nextOf("hello");
  return client;
}

/** A second browser of the same member: another session. */
async function secondSession(m: Member) {
  const agent = new Agent(t.app, "10.9.9.9");
  expect((await agent.post("/api/auth/login", { handle: m.handle, passphrase: m.passphrase })).statusCode).toBe(200);
  return agent;
}

describe("a suspension", () => {
  it("is refused to anyone but the scope's moderators, and bad input stores nothing", async () => {
    const p = await place();
    const body = { kind: "suspend", reason: REASON, scope: p.org.id, handle: p.member.handle, hours: 48 };
    // A member, a responder of this organisation, a moderator and a responder of another one.
    for (const who of [p.bystander, p.responder, p.otherAdmin, p.otherResponder]) {
      expect((await who.post("/api/moderation/actions", body)).statusCode).toBe(404);
    }
    // Another organisation's admin may not reach someone who is nothing to do with them.
    expect((await p.otherAdmin.post("/api/moderation/actions", { ...body, scope: p.other.id })).statusCode).toBe(404);
    for (const bad of [
      { ...body, hours: undefined },
      { ...body, hours: 0 },
      { ...body, hours: -3 },
      { ...body, reason: "" },
      { ...body, kind: "exile" },
    ]) {
      expect((await p.admin.post("/api/moderation/actions", bad)).statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect(await count("moderation_actions", `member_id = '${p.member.id}'`)).toBe(0);
    expect((await p.member.get("/api/me")).statusCode).toBe(200);
  });

  it("ends every session and closes every socket at once; sign-in is refused with the end date and the reason", async () => {
    const p = await place();
    const other = await secondSession(p.member);
    const sockets = [await connect(wsUrl, p.member), await connect(wsUrl, other)];
    const bystanderSocket = await connect(wsUrl, p.bystander);
    expect(await count("sessions", `member_id = '${p.member.id}'`)).toBe(2);

    const res = await p.admin.post("/api/moderation/actions", {
      kind: "suspend",
      reason: REASON,
      scope: p.org.id,
      handle: p.member.handle,
      hours: 72,
    });
    expect(res.statusCode, res.body).toBe(201);
    const endsAt = res.json().endsAt as string;
    for (const s of sockets) expect((await s.whenClosed()).code).toBe(4001);
    expect((await p.member.get("/api/me")).statusCode).toBe(401);
    expect((await other.get("/api/me")).statusCode).toBe(401);
    expect(await count("sessions", `member_id = '${p.member.id}'`)).toBe(0);
    await expect(SocketClient.connect(wsUrl, p.member.cookie, ORIGIN)).rejects.toThrow(/401/);
    // Others are untouched.
    expect(bystanderSocket.closed).toBeNull();
    expect((await p.bystander.get("/api/me")).statusCode).toBe(200);

    const login = await t.anonymous("10.9.9.10").post("/api/auth/login", {
      handle: p.member.handle,
      passphrase: p.member.passphrase,
    });
    expect(login.statusCode).toBe(403);
    expect(login.headers["set-cookie"]).toBeUndefined();
    expect(login.json().error).toMatchObject({
      code: "account_restricted",
      restriction: { kind: "suspend", endsAt, reason: REASON },
    });
    expect(login.json().error.message).toContain(endsAt.slice(0, 10));
    expect(login.json().error.message).toContain(REASON);
    expect(await count("sessions", `member_id = '${p.member.id}'`)).toBe(0);
    // A wrong passphrase learns nothing about the suspension.
    const wrong = await t.anonymous("10.9.9.11").post("/api/auth/login", {
      handle: p.member.handle,
      passphrase: "not the right one at all",
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).not.toContain("restriction");
    expect(wrong.body).not.toContain(REASON);
    bystanderSocket.close();
  });

  it("lets the member appeal signed out; overturned by another moderator, sign-in opens again", async () => {
    const p = await place();
    const act = await p.admin.post("/api/moderation/actions", {
      kind: "suspend",
      reason: REASON,
      scope: p.org.id,
      handle: p.member.handle,
      hours: 24,
    });
    expect(act.statusCode).toBe(201);
    const visitor = t.anonymous("10.9.9.12");
    const creds = { handle: p.member.handle, passphrase: p.member.passphrase };
    const note = "I was upset that day and I'm sorry. Could someone look again?";
    for (const bad of [creds, { ...creds, note: "" }, { ...creds, note, extra: 1 }]) {
      expect((await visitor.post("/api/auth/appeal", bad)).statusCode, JSON.stringify(bad)).toBe(400);
    }
    const wrong = await visitor.post("/api/auth/appeal", { ...creds, passphrase: "not the right one at all", note });
    expect(wrong.statusCode).toBe(400);
    // Someone who isn't suspended is told to sign in.
    expect(
      (
        await visitor.post("/api/auth/appeal", {
          handle: p.bystander.handle,
          passphrase: p.bystander.passphrase,
          note,
        })
      ).statusCode,
    ).toBe(409);
    expect(await count("moderation_appeals")).toBe(await count("moderation_appeals", `member_id <> '${p.member.id}'`));
    const appeal = await visitor.post("/api/auth/appeal", { ...creds, note });
    expect(appeal.statusCode, appeal.body).toBe(201);
    expect(appeal.json()).toMatchObject({ status: "open", note });
    expect(visitor.cookie).toBeUndefined();
    expect((await visitor.post("/api/auth/appeal", { ...creds, note })).statusCode).toBe(409);

    // The moderator who acted may not decide; another organisation's admin cannot see it.
    const queue = (await p.secondMod.get(`/api/moderation/appeals?scope=${p.org.id}`)).json().items;
    const mine = queue.find((a: { id: string }) => a.id === appeal.json().id);
    expect(mine).toMatchObject({ canDecide: true, action: { kind: "suspend", memberHandle: p.member.handle } });
    expect((await p.otherAdmin.get(`/api/moderation/appeals?scope=${p.org.id}`)).statusCode).toBe(404);
    const decision = { decision: "overturned", note: "A first slip; the warning was enough." };
    expect((await p.admin.post(`/api/moderation/appeals/${appeal.json().id}/decision`, decision)).statusCode).toBe(403);
    expect((await p.otherAdmin.post(`/api/moderation/appeals/${appeal.json().id}/decision`, decision)).statusCode).toBe(
      404,
    );
    expect((await p.secondMod.post(`/api/moderation/appeals/${appeal.json().id}/decision`, decision)).statusCode).toBe(
      200,
    );
    const back = await visitor.post("/api/auth/login", creds);
    expect(back.statusCode, back.body).toBe(200);
  });

  it("ends by itself; a mute never keeps anyone from signing in", async () => {
    const p = await place();
    await p.admin.post("/api/moderation/actions", {
      kind: "suspend",
      reason: REASON,
      scope: p.org.id,
      handle: p.member.handle,
      hours: 1,
    });
    const creds = { handle: p.member.handle, passphrase: p.member.passphrase };
    expect((await t.anonymous("10.9.9.13").post("/api/auth/login", creds)).statusCode).toBe(403);
    await t.db.execute(
      sql`update moderation_actions set ends_at = now() - interval '1 minute' where member_id = ${p.member.id}`,
    );
    expect((await t.anonymous("10.9.9.13").post("/api/auth/login", creds)).statusCode).toBe(200);

    const mute = await p.admin.post("/api/moderation/actions", {
      kind: "mute",
      reason: "Let's take a day to cool down.",
      scope: p.org.id,
      handle: p.bystander.handle,
      hours: 24,
    });
    expect(mute.statusCode).toBe(201);
    expect((await p.bystander.get("/api/me")).statusCode).toBe(200);
    const again = await t
      .anonymous("10.9.9.14")
      .post("/api/auth/login", { handle: p.bystander.handle, passphrase: p.bystander.passphrase });
    expect(again.statusCode).toBe(200);
  });
});

describe("a ban", () => {
  it("refuses sign-in with the reason and no end date", async () => {
    const p = await place();
    const socket = await connect(wsUrl, p.member);
    const ban = await p.secondMod.post("/api/moderation/actions", {
      kind: "ban",
      reason: REASON,
      scope: p.org.id,
      handle: p.member.handle,
    });
    expect(ban.statusCode).toBe(201);
    expect((await socket.whenClosed()).code).toBe(4001);
    const login = await t
      .anonymous("10.9.9.15")
      .post("/api/auth/login", { handle: p.member.handle, passphrase: p.member.passphrase });
    expect(login.statusCode).toBe(403);
    expect(login.json().error.restriction).toEqual({ kind: "ban", endsAt: null, reason: REASON });
    expect(login.json().error.message).toMatch(/closed by a moderator/);
  });
});

describe.runIf(driver === "postgres" && process.env.TEST_REDIS_URL)("on two app nodes", () => {
  it("ends the member's sessions and closes their sockets on the other node at once", async () => {
    const database = await freshDatabase();
    const keyPrefix = `test:${randomUUID()}`;
    const nodes = [
      await buildApp(testConfig(), { database, keyPrefix }),
      await buildApp(testConfig(), { database, keyPrefix }),
    ];
    try {
      for (const n of nodes) await n.listen({ port: 0, host: "127.0.0.1" });
      const [a, b] = nodes as [FastifyInstance, FastifyInstance];
      const signup = async (app: FastifyInstance, handle: string) => {
        const agent = new Agent(app, `10.8.${Math.floor(Math.random() * 250)}.1`);
        const res = await agent.post("/api/auth/signup", { handle, passphrase: "a calm walk by the canal" });
        expect(res.statusCode).toBe(201);
        return Object.assign(agent, { id: res.json().id as string, handle });
      };
      const admin = await signup(a, `admin_${process.pid}_${Date.now() % 100000}`);
      const member = await signup(b, `member_${process.pid}_${Date.now() % 100000}`);
      const org = await makeOrganisation(database.db, { adminId: admin.id });
      const group = await makeGroup(database.db, org.id);
      await addToGroup(database.db, group.id, member.id);

      // The member is on node B only: a socket there, and requests there.
      const socket = await connect(wsUrlOf(b), member);
      expect((await member.get("/api/me")).statusCode).toBe(200);
      const ban = await admin.post("/api/moderation/actions", {
        kind: "ban",
        reason: REASON,
        scope: org.id,
        handle: member.handle,
      });
      expect(ban.statusCode, ban.body).toBe(201);
      expect((await socket.whenClosed()).code).toBe(4001);
      expect((await member.get("/api/me")).statusCode).toBe(401);
      const onB = new Agent(b, "10.8.0.9");
      const login = await onB.post("/api/auth/login", {
        handle: member.handle,
        passphrase: "a calm walk by the canal",
      });
      expect(login.statusCode).toBe(403);
    } finally {
      for (const n of nodes) await n.close();
      await database.close();
      await database.drop();
    }
  });
});
