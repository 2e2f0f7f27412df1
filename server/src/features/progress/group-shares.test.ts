import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forumModerators, organisationModerators } from "../../db/schema.ts";
import { addToGroup, makeGroup, makeOrganisation } from "../../test/directory-factories.ts";
import { buildTestApp, type TestApp } from "../../test/helper.ts";
import { addDays, todayIn } from "./milestones.ts";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

type Member = Awaited<ReturnType<TestApp["makeMember"]>>;
const today = () => todayIn("UTC");
const NOTE = "private note: the off-licence on the corner";
const ALL = ["journeys", "milestones", "checkins", "goals"];

/** A member with a journey (92 days, one slip before), a check-in with words, a goal and a plan. */
async function memberWithData(note = NOTE) {
  const m = await t.makeMember();
  const journey = (await m.post("/api/journeys", { label: "Alcohol", startDate: addDays(today(), -120) })).json();
  await m.post(`/api/journeys/${journey.id}/slips`, { date: addDays(today(), -92), note: `slip words (${note})` });
  await m.post("/api/checkins", {
    date: today(),
    mood: 4,
    craving: 2,
    helped: "helped words",
    gratitude: "gratitude words",
    triggersOwnWords: "trigger words",
    note,
  });
  await m.post("/api/goals", { title: "Three meetings this week", repeat: "weekly" });
  await m.put("/api/plan", {
    triggers: ["Payday"],
    warningSigns: ["Isolating"],
    copingStrategies: ["Walk"],
    people: [{ name: "Sam", phone: "07700 900123" }],
    reasons: ["My kids"],
  });
  return m;
}

/** A group in an organisation with a facilitator; `members` join it as members. */
async function groupWith(members: Member[], membership: "open" | "closed" = "open") {
  const facilitator = await t.makeMember();
  const admin = await t.makeMember();
  const org = await makeOrganisation(t.db, { adminId: admin.id });
  const group = await makeGroup(t.db, org.id, { facilitatorId: facilitator.id, membership });
  for (const m of members) await addToGroup(t.db, group.id, m.id);
  return { group, facilitator, admin, org };
}

const share = (m: Member, groupId: string, shares: string[]) =>
  m.put("/api/progress/group-shares", { groupId, shares });
const seen = (m: Member, groupId: string) => m.get(`/api/groups/${groupId}/shared-progress`);
const count = async (where: string) => {
  const res = (await t.db.execute(
    sql.raw(`select count(*)::int as n from group_shares where ${where}`),
  )) as unknown as {
    rows: { n: number }[];
  };
  return Number(res.rows[0]?.n);
};

describe("choosing what to share with a group", () => {
  it("lists the groups I am in with what I share, and saves a choice item by item", async () => {
    const m = await t.makeMember();
    const { group } = await groupWith([m]);
    const { group: other } = await groupWith([m]);
    const before = (await m.get("/api/progress/group-shares")).json();
    expect(before.items).toHaveLength(2);
    expect(before.items.every((i: { shares: string[] }) => i.shares.length === 0)).toBe(true);

    const res = await share(m, group.id, ["journeys", "checkins", "journeys"]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ group: { id: group.id, name: group.name }, shares: ["journeys", "checkins"] });
    const after = (await m.get("/api/progress/group-shares")).json().items;
    expect(after).toContainEqual({ group: { id: group.id, name: group.name }, shares: ["journeys", "checkins"] });
    expect(after).toContainEqual({ group: { id: other.id, name: other.name }, shares: [] });

    // An empty list stops sharing with that group.
    expect((await share(m, group.id, [])).statusCode).toBe(200);
    expect(await count(`member_id = '${m.id}'`)).toBe(0);
  });

  it("needs a signed-in member", async () => {
    const { group } = await groupWith([]);
    const anon = t.anonymous();
    expect((await anon.get("/api/progress/group-shares")).statusCode).toBe(401);
    expect((await anon.put("/api/progress/group-shares", { groupId: group.id, shares: ["journeys"] })).statusCode).toBe(
      401,
    );
    expect((await anon.get(`/api/groups/${group.id}/shared-progress`)).statusCode).toBe(401);
  });

  it("refuses an unknown group, a group I am not in, and an unknown item, naming the field; nothing changes", async () => {
    const m = await t.makeMember();
    const { group } = await groupWith([m]);
    const { group: notMine } = await groupWith([]);
    const { group: closed } = await groupWith([], "closed");
    await addToGroup(t.db, closed.id, m.id, "member", "requested");
    expect((await share(m, group.id, ["journeys"])).statusCode).toBe(200);

    const unknown = await share(m, "00000000-0000-4000-8000-000000000000", ["journeys"]);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toMatchObject({ code: "not_found", field: "groupId" });

    const malformed = await share(m, "not-a-group", ["journeys"]);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.field).toBe("groupId");

    for (const id of [notMine.id, closed.id]) {
      const res = await share(m, id, ["journeys"]);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: "invalid", field: "groupId" });
    }

    for (const item of ["plan", "notes", "struggling", "everything"]) {
      const res = await share(m, group.id, ["goals", item]);
      expect(res.statusCode, item).toBe(400);
      expect(res.json().error.field).toBe("shares.1");
    }
    const missing = await m.put("/api/progress/group-shares", { groupId: group.id });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.field).toBe("shares");
    const extra = await m.put("/api/progress/group-shares", { groupId: group.id, shares: [], note: "x" });
    expect(extra.statusCode).toBe(400);

    expect(await count(`member_id = '${m.id}'`)).toBe(1);
    expect(await count(`member_id = '${m.id}' and group_id = '${group.id}' and item = 'journeys'`)).toBe(1);
  });
});

describe("what the group's members see", () => {
  it("shows a fellow member the shared journey, milestones, mood and craving, and goals: never notes or the plan", async () => {
    const river = await memberWithData();
    const sam = await t.makeMember();
    const { group } = await groupWith([river, sam]);
    expect((await share(river, group.id, ALL)).statusCode).toBe(200);

    const res = await seen(sam, group.id);
    expect(res.statusCode).toBe(200);
    const [entry, ...rest] = res.json().items;
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({
      member: { handle: river.handle },
      mine: false,
      shares: ALL,
      journeys: [
        expect.objectContaining({
          label: "Alcohol",
          currentDays: 92,
          nextMilestone: { id: "6m", on: expect.any(String) },
        }),
      ],
      checkins: [{ date: today(), mood: 4, craving: 2 }],
      goals: [expect.objectContaining({ title: "Three meetings this week", repeat: "weekly" })],
    });
    expect(entry.milestones.map((m: { id: string }) => m.id)).toEqual(["1d", "30d", "60d", "90d"]);
    expect(entry).not.toHaveProperty("plan");
    for (const secret of [NOTE, "helped words", "gratitude words", "trigger words", "slip words", "Payday", "07700"]) {
      expect(res.body).not.toContain(secret);
    }

    // Each item seen is in river's access log, as seen by a group member.
    const log = (await river.get("/api/me/access-log")).json().items;
    expect(log).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          viewer: { handle: sam.handle, role: "group member" },
          recordType: "progress.journeys",
        }),
        expect.objectContaining({
          viewer: { handle: sam.handle, role: "group member" },
          recordType: "progress.checkins",
        }),
      ]),
    );
  });

  it("logs a viewer's looks once in five minutes, as an open group page refreshes itself", async () => {
    const river = await memberWithData();
    const sam = await t.makeMember();
    const { group } = await groupWith([river, sam]);
    await share(river, group.id, ["journeys", "checkins"]);
    const looks = async () =>
      (await river.get("/api/me/access-log"))
        .json()
        .items.filter((i: { viewer: { handle: string } }) => i.viewer.handle === sam.handle).length;
    for (let i = 0; i < 3; i++) expect((await seen(sam, group.id)).statusCode).toBe(200);
    expect(await looks()).toBe(2);
    await t.db.execute(
      sql.raw(`update access_log set viewed_at = now() - interval '6 minutes' where member_id = '${river.id}'`),
    );
    await seen(sam, group.id);
    expect(await looks()).toBe(4);
  });

  it("shows only the items chosen, and my own entry marked as mine", async () => {
    const river = await memberWithData();
    const sam = await t.makeMember();
    const { group } = await groupWith([river, sam]);
    await share(river, group.id, ["journeys"]);
    const [entry] = (await seen(sam, group.id)).json().items;
    expect(entry.shares).toEqual(["journeys"]);
    expect(entry.journeys).toHaveLength(1);
    for (const key of ["milestones", "checkins", "goals"]) expect(entry).not.toHaveProperty(key);

    const own = (await seen(river, group.id)).json().items;
    expect(own).toEqual([expect.objectContaining({ member: { handle: river.handle }, mine: true })]);
  });

  it("shares with one group are not seen in another group the member is also in", async () => {
    const river = await memberWithData();
    const sam = await t.makeMember();
    const { group } = await groupWith([river]);
    const { group: other } = await groupWith([river, sam]);
    await share(river, group.id, ALL);
    expect((await seen(sam, other.id)).json().items).toEqual([]);
  });

  it("shows nothing to anyone who is not a current member of the group", async () => {
    const river = await memberWithData();
    const { group, facilitator, admin, org } = await groupWith([river], "closed");
    await share(river, group.id, ALL);

    const stranger = await t.makeMember();
    const requested = await t.makeMember();
    await addToGroup(t.db, group.id, requested.id, "member", "requested");
    const { group: otherGroup, facilitator: otherFacilitator } = await groupWith([]);
    const otherMember = await t.makeMember();
    await addToGroup(t.db, otherGroup.id, otherMember.id);
    const moderator = await t.makeMember();
    await t.db.insert(forumModerators).values({ memberId: moderator.id });
    const orgModerator = await t.makeMember();
    await t.db.insert(organisationModerators).values({ organisationId: org.id, memberId: orgModerator.id });
    const former = await t.makeMember();
    await addToGroup(t.db, group.id, former.id);
    expect((await seen(former, group.id)).json().items).toHaveLength(1);
    expect((await former.delete(`/api/groups/${group.id}/membership`)).statusCode).toBe(204);
    const removed = await t.makeMember();
    await addToGroup(t.db, group.id, removed.id);
    expect((await facilitator.delete(`/api/groups/${group.id}/members/${removed.handle}`)).statusCode).toBe(204);

    const who = { stranger, requested, otherMember, otherFacilitator, moderator, orgModerator, admin, former, removed };
    for (const [name, viewer] of Object.entries(who)) {
      const res = await seen(viewer, group.id);
      expect(res.statusCode, name).toBe(403);
      expect(res.body, name).not.toContain(river.handle);
      expect(res.body, name).not.toContain("Alcohol");
    }
    // The group's own facilitator is a member, and sees it.
    expect((await seen(facilitator, group.id)).json().items).toHaveLength(1);
    // An unknown group is simply not found.
    expect((await seen(stranger, "00000000-0000-4000-8000-000000000000")).statusCode).toBe(404);
  });

  it("ends at once when the sharer unticks an item, leaves, or is removed; rejoining does not share again", async () => {
    const river = await memberWithData();
    const sam = await t.makeMember();
    const { group, facilitator } = await groupWith([river, sam]);
    await share(river, group.id, ["journeys", "checkins"]);
    expect((await seen(sam, group.id)).json().items[0].checkins).toHaveLength(1);

    await share(river, group.id, ["journeys"]);
    const unticked = (await seen(sam, group.id)).json().items[0];
    expect(unticked).not.toHaveProperty("checkins");
    expect(unticked.journeys).toHaveLength(1);

    expect((await river.delete(`/api/groups/${group.id}/membership`)).statusCode).toBe(204);
    expect((await seen(sam, group.id)).json().items).toEqual([]);
    expect(await count(`member_id = '${river.id}'`)).toBe(0);

    const join = await river.post(`/api/groups/${group.id}/join`, { acceptAgreement: true });
    expect(join.statusCode).toBe(201);
    expect((await seen(sam, group.id)).json().items).toEqual([]);
    expect((await river.get("/api/progress/group-shares")).json().items).toEqual([
      { group: { id: group.id, name: group.name }, shares: [] },
    ]);

    await share(river, group.id, ["journeys"]);
    expect((await seen(sam, group.id)).json().items).toHaveLength(1);
    expect((await facilitator.delete(`/api/groups/${group.id}/members/${river.handle}`)).statusCode).toBe(204);
    expect((await seen(sam, group.id)).json().items).toEqual([]);
    expect(await count(`member_id = '${river.id}'`)).toBe(0);
  });

  it("ends for a viewer the moment they leave the group", async () => {
    const river = await memberWithData();
    const sam = await t.makeMember();
    const { group } = await groupWith([river, sam]);
    await share(river, group.id, ["journeys"]);
    expect((await seen(sam, group.id)).statusCode).toBe(200);
    await sam.delete(`/api/groups/${group.id}/membership`);
    expect((await seen(sam, group.id)).statusCode).toBe(403);
  });

  it("leaves out a sharer who has blocked the viewer", async () => {
    const river = await memberWithData();
    const sam = await t.makeMember();
    const { group } = await groupWith([river, sam]);
    await share(river, group.id, ["journeys"]);
    expect((await river.put(`/api/me/blocks/${sam.handle}`, { kind: "block" })).statusCode).toBe(204);
    expect((await seen(sam, group.id)).json().items).toEqual([]);
  });
});

describe("export and deletion", () => {
  it("puts what I share with my groups in my export", async () => {
    const river = await memberWithData();
    const { group } = await groupWith([river]);
    await share(river, group.id, ["milestones", "goals"]);
    const res = await river.get("/api/me/export");
    expect(res.statusCode).toBe(200);
    expect(res.json().progress.groupShares).toEqual([
      { groupId: group.id, groupName: group.name, shares: ["milestones", "goals"], since: expect.any(String) },
    ]);
  });

  it("deleting the account removes every group share of the member", async () => {
    const river = await memberWithData();
    const sam = await t.makeMember();
    const { group } = await groupWith([river, sam]);
    await share(river, group.id, ALL);
    expect(await count(`member_id = '${river.id}'`)).toBe(4);
    expect((await river.delete("/api/me", { passphrase: river.passphrase })).statusCode).toBe(204);
    expect(await count(`member_id = '${river.id}'`)).toBe(0);
    expect((await seen(sam, group.id)).json().items).toEqual([]);
  });
});
