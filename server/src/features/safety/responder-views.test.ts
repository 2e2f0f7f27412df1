import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forumModerators, safetyResponders } from "../../db/schema.ts";
import { addToGroup, makeGroup, makeOrganisation } from "../../test/directory-factories.ts";
import { buildTestApp, type TestApp } from "../../test/helper.ts";

/*
 * Every look a responder takes at what raised an alert, or at its private conversation (the one
 * who took it or a fellow responder), is in the alert's audit, the scope's audit log for its admins
 * and the author's access log, as moderators' looks are. No one else can look, and a refused look
 * records nothing.
 */

let t: TestApp;
type Member = Awaited<ReturnType<TestApp["makeMember"]>>;
let author: Member;
let groupAuthor: Member;
let taker: Member;
let fellow: Member;
let orgResponder: Member;
let orgAdmin: Member;
let otherResponder: Member;
let otherAdmin: Member;
let stranger: Member;
let communityMod: Member;
let orgId: string;
let groupId: string;
let newcomersId: string;

const HIGH = "I'm 60 days sober and today I just want to die.";
const HIGH_ES = "Quiero morirme, ya no aguanto más esta recaída.";

const count = async (table: string, where = "true") => {
  const rows = await t.db.execute(sql.raw(`select count(*)::int as n from ${table} where ${where}`));
  return Number((rows as unknown as { rows: { n: number }[] }).rows[0]?.n);
};
const accessOf = async (m: Member) =>
  (await m.get("/api/me/access-log")).json().items as {
    viewer: { handle: string | null; role: string };
    recordType: string;
    reason: string;
  }[];
const auditOf = async (admin: Member, scope: string) =>
  (await admin.get(`/api/moderation/audit?scope=${scope}`)).json().items as {
    event: string;
    moderatorHandle: string | null;
    subjectHandle: string | null;
    targetType: string;
  }[];

beforeAll(async () => {
  t = await buildTestApp();
  [author, groupAuthor, taker, fellow, orgResponder, orgAdmin, otherResponder, otherAdmin, stranger, communityMod] =
    await Promise.all(Array.from({ length: 10 }, () => t.makeMember()));
  orgId = (await makeOrganisation(t.db, { adminId: orgAdmin.id })).id;
  const otherOrgId = (await makeOrganisation(t.db, { adminId: otherAdmin.id })).id;
  groupId = (await makeGroup(t.db, orgId)).id;
  await addToGroup(t.db, groupId, groupAuthor.id);
  await t.db.insert(forumModerators).values({ memberId: communityMod.id });
  await t.db.insert(safetyResponders).values([
    { organisationId: null, memberId: taker.id },
    { organisationId: null, memberId: fellow.id },
    { organisationId: orgId, memberId: orgResponder.id },
    { organisationId: otherOrgId, memberId: otherResponder.id },
  ]);
  const boards = (await author.get("/api/boards")).json().items as { id: string; name: string }[];
  newcomersId = boards.find((b) => b.name === "Newcomers")?.id as string;
});
afterAll(async () => t?.close());

async function alertFrom(who: Member, boardId: string, body: string, responder: Member, anonymous = false) {
  const res = await who.post(`/api/boards/${boardId}/threads`, { title: "Tonight", body, anonymous });
  expect(res.statusCode, res.body).toBe(201);
  expect(res.json().crisis).toBeTruthy();
  const items = (await responder.get("/api/safety/alerts")).json().items as { id: string; author: string }[];
  return items[0]?.id as string;
}

describe("a responder's looks at a community alert", () => {
  let alertId: string;

  it("writes the opening to the alert's audit, the community's audit log and the author's access log", async () => {
    alertId = await alertFrom(author, newcomersId, HIGH, taker);
    const opened = await taker.get(`/api/safety/alerts/${alertId}`);
    expect(opened.statusCode).toBe(200);
    expect(opened.json().excerpt).toBe(HIGH);
    expect((await accessOf(author))[0]).toMatchObject({
      viewer: { handle: taker.handle, role: "responder" },
      recordType: "crisis_alert",
    });
    expect((await auditOf(communityMod, "community"))[0]).toMatchObject({
      event: "responder_viewed_alert",
      moderatorHandle: taker.handle,
      subjectHandle: author.handle,
      targetType: "crisis_alert",
    });
    // A page that refreshes itself is one look, not many.
    await taker.get(`/api/safety/alerts/${alertId}`);
    expect(await count("access_log", `member_id = '${author.id}' and record_type = 'crisis_alert'`)).toBe(1);
  });

  it("records a fellow responder reading the private conversation, and the one who took it too", async () => {
    expect((await taker.post(`/api/safety/alerts/${alertId}/claim`)).statusCode).toBe(200);
    const hello = "Hi, I'm one of the community's trained responders. Can we talk?";
    expect((await taker.post(`/api/safety/alerts/${alertId}/messages`, { body: hello })).statusCode).toBe(201);
    // Writing is its own step, not a look.
    expect(await count("access_log", `member_id = '${author.id}' and record_type = 'crisis_conversation'`)).toBe(0);

    const read = await fellow.get(`/api/safety/alerts/${alertId}/conversation`);
    expect(read.statusCode).toBe(200);
    expect(read.json().items[0].body).toBe(hello);
    expect((await accessOf(author))[0]).toMatchObject({
      viewer: { handle: fellow.handle, role: "responder" },
      recordType: "crisis_conversation",
    });
    expect((await auditOf(communityMod, "community"))[0]).toMatchObject({
      event: "responder_viewed_conversation",
      moderatorHandle: fellow.handle,
      subjectHandle: author.handle,
    });
    await taker.get(`/api/safety/alerts/${alertId}/conversation`);
    const steps = (await fellow.get(`/api/safety/alerts/${alertId}/audit`)).json().items as {
      action: string;
      actor: string;
    }[];
    expect(steps.map((s) => [s.action, s.actor])).toEqual([
      ["created", null],
      ["viewed", taker.handle],
      ["claimed", taker.handle],
      ["reached_out", taker.handle],
      ["viewed_conversation", fellow.handle],
      ["viewed_conversation", taker.handle],
    ]);
    // The author reading their own conversation is no one else's look.
    const before = await count("access_log", `member_id = '${author.id}'`);
    expect((await author.get(`/api/safety/alerts/${alertId}/conversation`)).statusCode).toBe(200);
    expect(await count("access_log", `member_id = '${author.id}'`)).toBe(before);
  });

  it("refuses everyone else, and a refused look or a bad address records nothing", async () => {
    const access = await count("access_log", `member_id = '${author.id}'`);
    const audit = await count("moderation_audit");
    const steps = await count("safety_alert_events", `alert_id = '${alertId}'`);
    // A member, a responder of an organisation, a moderator of another organisation.
    for (const who of [stranger, orgResponder, otherResponder, otherAdmin, orgAdmin]) {
      expect((await who.get(`/api/safety/alerts/${alertId}`)).statusCode).toBe(404);
      expect((await who.get(`/api/safety/alerts/${alertId}/conversation`)).statusCode).toBe(404);
    }
    expect((await t.anonymous().get(`/api/safety/alerts/${alertId}`)).statusCode).toBe(401);
    expect((await taker.get("/api/safety/alerts/not-an-id")).statusCode).toBe(400);
    expect((await taker.get("/api/safety/alerts/not-an-id/conversation")).statusCode).toBe(400);
    expect(await count("access_log", `member_id = '${author.id}'`)).toBe(access);
    expect(await count("moderation_audit")).toBe(audit);
    expect(await count("safety_alert_events", `alert_id = '${alertId}'`)).toBe(steps);
    // The community's audit log is for its moderators only.
    expect((await stranger.get("/api/moderation/audit?scope=community")).statusCode).toBe(404);
    expect((await taker.get("/api/moderation/audit?scope=community")).statusCode).toBe(404);
  });
});

describe("a responder's looks at an organisation's alert", () => {
  it("are in that organisation's audit log only, and an anonymous author stays anonymous there", async () => {
    const board = (await groupAuthor.get(`/api/groups/${groupId}/board`)).json();
    const alertId = await alertFrom(groupAuthor, board.id, HIGH_ES, orgResponder, true);
    expect((await orgResponder.get(`/api/safety/alerts/${alertId}`)).statusCode).toBe(200);
    const entry = (await auditOf(orgAdmin, orgId)).find((e) => e.event === "responder_viewed_alert");
    expect(entry).toMatchObject({ moderatorHandle: orgResponder.handle, subjectHandle: null });
    expect((await otherAdmin.get(`/api/moderation/audit?scope=${orgId}`)).statusCode).toBe(404);
    expect(
      (await auditOf(communityMod, "community")).some(
        (e) => e.event === "responder_viewed_alert" && e.moderatorHandle === orgResponder.handle,
      ),
    ).toBe(false);
    // The author still learns of the look in their own access log.
    expect((await accessOf(groupAuthor))[0]).toMatchObject({
      viewer: { handle: orgResponder.handle, role: "responder" },
      recordType: "crisis_alert",
    });
  });
});
