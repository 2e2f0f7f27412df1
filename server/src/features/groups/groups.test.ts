import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addToGroup, makeGroup, makeMeeting, makeOrganisation } from "../../test/directory-factories.ts";
import { type Agent, buildTestApp, type TestApp } from "../../test/helper.ts";
import { type GroupStanding, NO_STANDING } from "./access.ts";
import {
  canChangeRole,
  canCreateGroup,
  canDecideRequests,
  canEditGroup,
  canEditOrganisation,
  canRemoveMember,
  canSeeMemberCount,
  canSeeMembers,
  canSeeRequests,
} from "./policy.ts";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

type Member = Awaited<ReturnType<TestApp["makeMember"]>>;
type Res = Awaited<ReturnType<Agent["get"]>>;

const rowsOf = async (query: ReturnType<typeof sql>) =>
  ((await t.db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;

/** Every directory row, to prove that a refused request changed nothing. */
async function snapshot() {
  const out: Record<string, unknown> = {};
  for (const table of ["organisations", "organisation_admins", "groups", "group_members", "meetings"]) {
    out[table] = await rowsOf(sql.raw(`select * from ${table} order by 1, 2`));
  }
  return JSON.stringify(out);
}

let worldCount = 0;
/**
 * A fresh little world: organisation A with an admin, an open group G (facilitator, co-facilitator,
 * member), a closed group C (same facilitator, the member, one pending request) and a group E with its
 * own facilitator; organisation B with its own admin; and a stranger.
 */
async function makeWorld() {
  const n = ++worldCount;
  const [admin, facilitator, coFacilitator, member, requester, facilitatorElsewhere, adminElsewhere, stranger] =
    (await Promise.all([
      t.makeMember(),
      t.makeMember(),
      t.makeMember(),
      t.makeMember(),
      t.makeMember(),
      t.makeMember(),
      t.makeMember(),
      t.makeMember(),
    ])) as Member[];
  const org = await makeOrganisation(t.db, { adminId: admin.id, name: `Harbour Peers ${n}` });
  const otherOrg = await makeOrganisation(t.db, { adminId: adminElsewhere.id, name: `Valley Circle ${n}` });
  const open = await makeGroup(t.db, org.id, { name: `Open Harbour ${n}`, facilitatorId: facilitator.id });
  await addToGroup(t.db, open.id, coFacilitator.id, "co_facilitator");
  await addToGroup(t.db, open.id, member.id);
  const closed = await makeGroup(t.db, org.id, {
    name: `Closed Harbour ${n}`,
    membership: "closed",
    facilitatorId: facilitator.id,
  });
  await addToGroup(t.db, closed.id, member.id);
  await addToGroup(t.db, closed.id, requester.id, "member", "requested");
  const elsewhere = await makeGroup(t.db, org.id, { name: `Elsewhere ${n}`, facilitatorId: facilitatorElsewhere.id });
  const otherGroup = await makeGroup(t.db, otherOrg.id, {
    name: `Valley Group ${n}`,
    facilitatorId: adminElsewhere.id,
  });
  return {
    admin,
    facilitator,
    coFacilitator,
    member,
    requester,
    facilitatorElsewhere,
    adminElsewhere,
    stranger,
    org,
    otherOrg,
    open,
    closed,
    elsewhere,
    otherGroup,
  };
}
type World = Awaited<ReturnType<typeof makeWorld>>;

const groupBody = (organisationId: string, extra: Record<string, unknown> = {}) => ({
  organisationId,
  name: "Tuesday Serenity",
  focus: "narcotics",
  format: "twelve_step",
  languages: ["en", "es"],
  confidentialityAgreement: "Who you see here, what you hear here, stays here.",
  ...extra,
});

const handlesIn = (res: Res) => (res.json().items as { handle: string }[]).map((m) => m.handle).sort();

// ───────────────────────────── Policy ─────────────────────────────

describe("policy matrix", () => {
  const s = (over: Partial<GroupStanding>): GroupStanding => ({ ...NO_STANDING, ...over });
  const standings: Record<string, GroupStanding> = {
    stranger: NO_STANDING,
    requester: s({ requested: true }),
    member: s({ member: true, role: "member" }),
    coFacilitator: s({ member: true, role: "co_facilitator" }),
    facilitator: s({ member: true, role: "facilitator" }),
    orgAdmin: s({ orgAdmin: true }),
  };
  const allowed = (can: (x: GroupStanding) => boolean) =>
    Object.entries(standings)
      .filter(([, x]) => can(x))
      .map(([name]) => name);

  it("lets only the right roles act on a group", () => {
    expect(allowed(canEditGroup)).toEqual(["coFacilitator", "facilitator", "orgAdmin"]);
    expect(allowed(canDecideRequests)).toEqual(["coFacilitator", "facilitator", "orgAdmin"]);
    expect(allowed(canSeeRequests)).toEqual(["coFacilitator", "facilitator", "orgAdmin"]);
    expect(allowed(canSeeMembers)).toEqual(["member", "coFacilitator", "facilitator", "orgAdmin"]);
    expect(allowed(canSeeMemberCount)).toEqual(["member", "coFacilitator", "facilitator", "orgAdmin"]);
    expect(allowed(canChangeRole)).toEqual(["facilitator", "orgAdmin"]);
    expect(allowed((x) => canRemoveMember(x, { role: "member" }))).toEqual([
      "coFacilitator",
      "facilitator",
      "orgAdmin",
    ]);
    expect(allowed((x) => canRemoveMember(x, { role: "facilitator" }))).toEqual(["facilitator", "orgAdmin"]);
    expect(allowed((x) => canRemoveMember(x, { role: "co_facilitator" }))).toEqual(["facilitator", "orgAdmin"]);
  });

  it("lets only an organisation's admins edit it and start groups in it", () => {
    expect([canEditOrganisation(true), canEditOrganisation(false)]).toEqual([true, false]);
    expect([canCreateGroup(true), canCreateGroup(false)]).toEqual([true, false]);
  });
});

// ───────────────────────────── Organisations ─────────────────────────────

describe("organisations", () => {
  it("lets a member start one, makes them its admin and gives it a readable unique slug", async () => {
    const founder = await t.makeMember();
    const res = await founder.post("/api/organisations", {
      name: "Café Ñandú Peers",
      description: "Peer support by the river.",
      website: "https://nandu.example",
    });
    expect(res.statusCode).toBe(201);
    const org = res.json();
    expect(org).toMatchObject({
      slug: "cafe-nandu-peers",
      name: "Café Ñandú Peers",
      kind: "peer_run",
      groupCount: 0,
      viewerIsAdmin: true,
    });
    const again = await (await t.makeMember()).post("/api/organisations", { name: "Cafe Nandu Peers", kind: "clinic" });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ slug: "cafe-nandu-peers-2", kind: "clinic", viewerIsAdmin: true });

    const admins = await founder.get(`/api/organisations/${org.id}/admins`);
    expect(admins.statusCode).toBe(200);
    expect(admins.json().items).toEqual([{ handle: founder.handle, since: expect.any(String) }]);

    const seen = await t.anonymous().get(`/api/organisations/${org.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ id: org.id, viewerIsAdmin: false });
    const list = await t.anonymous().get("/api/organisations");
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((o: { id: string }) => o.id)).toContain(org.id);
    expect(list.body).not.toContain(founder.handle);
  });

  it("refuses anonymous creation with 401 and stores nothing", async () => {
    const before = await snapshot();
    const res = await t.anonymous().post("/api/organisations", { name: "Nobody's Org" });
    expect(res.statusCode).toBe(401);
    expect(await snapshot()).toBe(before);
  });

  it.each([
    [{ name: "" }, "name"],
    [{ name: "   " }, "name"],
    [{ name: "x".repeat(121) }, "name"],
    [{ name: "Fine", kind: "church" }, "kind"],
    [{ name: "Fine", website: "javascript:alert(1)" }, "website"],
    [{ name: "Fine", description: "x".repeat(4001) }, "description"],
    [{}, "name"],
  ])("refuses %j with 400 naming %s and stores nothing", async (body, field) => {
    const founder = await t.makeMember();
    const before = await snapshot();
    const res = await founder.post("/api/organisations", body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: "invalid", field });
    expect(await snapshot()).toBe(before);
  });

  it("answers 404 for an unknown organisation and 400 for a malformed id", async () => {
    const res = await t.anonymous().get("/api/organisations/00000000-0000-4000-8000-000000000000");
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("not_found");
    const bad = await t.anonymous().get("/api/organisations/not-an-id");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe("id");
  });

  it("lets admins change the details, only the fields named, keeping the slug", async () => {
    const w = await makeWorld();
    await w.admin.patch(`/api/organisations/${w.org.id}`, { description: "We meet by the harbour." });
    const res = await w.admin.patch(`/api/organisations/${w.org.id}`, { name: "Harbour Peers Renamed" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: "Harbour Peers Renamed",
      slug: w.org.slug,
      description: "We meet by the harbour.",
      kind: "peer_run",
      groupCount: 3,
    });
  });

  it.each([
    [{ slug: "taken-over" }, "body"],
    [{ name: "" }, "name"],
    [{ website: "ftp://example.org" }, "website"],
  ])("refuses the change %j with 400 naming %s and changes nothing", async (body, field) => {
    const w = await makeWorld();
    const before = await snapshot();
    const res = await w.admin.patch(`/api/organisations/${w.org.id}`, body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe(field);
    expect(await snapshot()).toBe(before);
  });

  it("lets admins add and remove admins, but never the last one", async () => {
    const w = await makeWorld();
    const url = `/api/organisations/${w.org.id}/admins`;
    const added = await w.admin.post(url, { handle: w.member.handle.toUpperCase() });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ handle: w.member.handle });
    expect(handlesIn(await w.member.get(url))).toEqual([w.admin.handle, w.member.handle].sort());
    expect((await w.member.get(`/api/organisations/${w.org.id}`)).json().viewerIsAdmin).toBe(true);

    const twice = await w.admin.post(url, { handle: w.member.handle });
    expect(twice.statusCode).toBe(409);
    const unknown = await w.admin.post(url, { handle: "nobody_by_that_name" });
    expect(unknown.statusCode).toBe(404);
    const empty = await w.admin.post(url, { handle: "" });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.field).toBe("handle");

    // The new admin steps the old one down, then cannot leave the organisation without an admin.
    expect((await w.member.delete(`${url}/${w.admin.handle}`)).statusCode).toBe(204);
    expect((await w.admin.get(url)).statusCode).toBe(403);
    const last = await w.member.delete(`${url}/${w.member.handle}`);
    expect(last.statusCode).toBe(409);
    expect(last.json().error.message).toMatch(/at least one admin/);
    expect(handlesIn(await w.member.get(url))).toEqual([w.member.handle]);
    expect((await w.member.delete(`${url}/${w.stranger.handle}`)).statusCode).toBe(404);
    expect((await w.member.delete(`${url}/${"x".repeat(65)}`)).statusCode).toBe(400);
  });
});

// ───────────────────────────── Groups ─────────────────────────────

describe("groups", () => {
  it("lets an organisation admin start a group; they become its facilitator", async () => {
    const w = await makeWorld();
    const res = await w.admin.post("/api/groups", groupBody(w.org.id, { membership: "closed" }));
    expect(res.statusCode).toBe(201);
    const group = res.json();
    expect(group).toMatchObject({
      name: "Tuesday Serenity",
      organisationId: w.org.id,
      organisationName: w.org.name,
      focus: "narcotics",
      format: "twelve_step",
      languages: ["en", "es"],
      membership: "closed",
      description: "",
      guidelines: "",
      meetingCount: 0,
      memberCount: 1,
      viewer: { status: "active", role: "facilitator", canManage: true },
    });
    const members = await w.admin.get(`/api/groups/${group.id}/members`);
    expect(members.json().items).toEqual([
      {
        handle: w.admin.handle,
        role: "facilitator",
        status: "active",
        since: expect.any(String),
        requestMessage: null,
      },
    ]);
  });

  it.each([
    [{ focus: "coffee" }, "focus"],
    [{ format: undefined }, "format"],
    [{ languages: ["english"] }, "languages.0"],
    [{ membership: "secret" }, "membership"],
    [{ confidentialityAgreement: "" }, "confidentialityAgreement"],
    [{ name: "x".repeat(121) }, "name"],
    [{ guidelines: "x".repeat(8001) }, "guidelines"],
    [{ organisationId: "not-a-uuid" }, "organisationId"],
  ])("refuses a group with %j (400 naming %s) and stores nothing", async (extra, field) => {
    const w = await makeWorld();
    const before = await snapshot();
    const res = await w.admin.post("/api/groups", groupBody(w.org.id, extra));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: "invalid", field });
    expect(await snapshot()).toBe(before);
  });

  it("answers 404 for a group in an organisation that doesn't exist", async () => {
    const w = await makeWorld();
    const res = await w.admin.post("/api/groups", groupBody("00000000-0000-4000-8000-000000000000"));
    expect(res.statusCode).toBe(404);
  });

  it("lists groups with ids, open and closed, filtered by text (any case or accents), focus, format and organisation", async () => {
    const w = await makeWorld();
    const cafe = await makeGroup(t.db, w.org.id, {
      name: `Café Serenidad ${worldCount}`,
      focus: "gambling",
      format: "smart",
    });
    await makeMeeting(t.db, cafe);
    await makeMeeting(t.db, cafe, { name: "Members only", audience: "members" });

    const all = await t.anonymous().get(`/api/groups?organisationId=${w.org.id}`);
    expect(all.statusCode).toBe(200);
    const names = all.json().items.map((g: { name: string }) => g.name);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining([w.open.name, w.closed.name, w.elsewhere.name, cafe.name]));
    expect(names).not.toContain(w.otherGroup.name);
    for (const item of all.json().items)
      expect(Object.keys(item).sort()).toEqual(
        [
          "description",
          "focus",
          "format",
          "id",
          "languages",
          "meetingCount",
          "membership",
          "name",
          "organisationId",
          "organisationName",
        ].sort(),
      );

    for (const q of ["cafe serenidad", "CAFÉ", "serenidad"]) {
      const found = await t.anonymous().get(`/api/groups?q=${encodeURIComponent(q)}&organisationId=${w.org.id}`);
      expect(
        found.json().items.map((g: { id: string }) => g.id),
        q,
      ).toEqual([cafe.id]);
    }
    const card = (await t.anonymous().get(`/api/groups?q=${encodeURIComponent(cafe.name)}`)).json().items[0];
    expect(card).toMatchObject({ id: cafe.id, meetingCount: 1, focus: "gambling", format: "smart" });
    expect((await t.anonymous().get("/api/groups?q=%25")).json().items).toEqual([]);
    const bySmart = await t.anonymous().get(`/api/groups?format=smart&focus=gambling&organisationId=${w.org.id}`);
    expect(bySmart.json().items.map((g: { id: string }) => g.id)).toEqual([cafe.id]);
    const paged = await t.anonymous().get(`/api/groups?organisationId=${w.org.id}&limit=2&offset=1`);
    expect(paged.json().items.map((g: { name: string }) => g.name)).toEqual(names.slice(1, 3));
  });

  it.each([
    ["focus=coffee", "focus"],
    ["organisationId=123", "organisationId"],
    [`q=${"x".repeat(101)}`, "q"],
    ["limit=0", "limit"],
    ["limit=5000", "limit"],
  ])("refuses the query %s naming %s", async (query, field) => {
    const res = await t.anonymous().get(`/api/groups?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe(field);
  });

  it("shows a group to anyone, the member count and members-only meetings only to those inside", async () => {
    const w = await makeWorld();
    await makeMeeting(t.db, w.closed);
    await makeMeeting(t.db, w.closed, { name: "Members only", audience: "members" });
    const url = `/api/groups/${w.closed.id}`;
    const outsider = { memberCount: null, meetingCount: 1 };
    const inside = { memberCount: 2, meetingCount: 2 };
    expect((await t.anonymous().get(url)).json()).toMatchObject({
      ...outsider,
      confidentialityAgreement: "What is said here stays here.",
      viewer: { status: "none", role: null, canManage: false },
    });
    for (const who of [w.stranger, w.facilitatorElsewhere, w.adminElsewhere]) {
      expect((await who.get(url)).json(), who.handle).toMatchObject({ ...outsider, viewer: { status: "none" } });
    }
    expect((await w.requester.get(url)).json()).toMatchObject({
      ...outsider,
      viewer: { status: "requested", role: null, canManage: false },
    });
    expect((await w.member.get(url)).json()).toMatchObject({
      ...inside,
      viewer: { status: "active", role: "member", canManage: false },
    });
    expect((await w.facilitator.get(url)).json()).toMatchObject({
      ...inside,
      viewer: { status: "active", role: "facilitator", canManage: true },
    });
    expect((await w.admin.get(url)).json()).toMatchObject({
      ...inside,
      viewer: { status: "none", role: null, canManage: true },
    });
    expect((await t.anonymous().get("/api/groups/00000000-0000-4000-8000-000000000000")).statusCode).toBe(404);
    expect((await t.anonymous().get("/api/groups/nope")).json().error.field).toBe("id");
  });

  it("lets facilitators, co-facilitators and admins edit it; a new name reaches the meeting search", async () => {
    const w = await makeWorld();
    await makeMeeting(t.db, w.open);
    const url = `/api/groups/${w.open.id}`;
    const renamed = await w.facilitator.patch(url, { name: "Lighthouse Circle" });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: "Lighthouse Circle", focus: "alcohol", languages: ["en"] });
    const hits = await rowsOf(
      sql`select count(*)::int as n from meetings where group_id = ${w.open.id} and search @@ to_tsquery('simple', 'lighthouse')`,
    );
    expect(Number(hits[0]?.n)).toBe(1);

    expect((await w.coFacilitator.patch(url, { guidelines: "Be kind. No cross-talk." })).statusCode).toBe(200);
    const byAdmin = await w.admin.patch(url, { membership: "closed" });
    expect(byAdmin.json()).toMatchObject({
      name: "Lighthouse Circle",
      guidelines: "Be kind. No cross-talk.",
      membership: "closed",
    });
    const hostile = `<script>alert(1)</script>'; drop table groups;--\u202e`;
    const stored = await w.facilitator.patch(url, { description: hostile });
    expect(stored.json().description).toBe(hostile);
  });

  it.each([
    [{ organisationId: "00000000-0000-4000-8000-000000000000" }, "body"],
    [{ name: " " }, "name"],
    [{ focus: "everything" }, "focus"],
    [{ languages: "en" }, "languages"],
    [{ confidentialityAgreement: "" }, "confidentialityAgreement"],
  ])("refuses the group change %j naming %s and changes nothing", async (body, field) => {
    const w = await makeWorld();
    const before = await snapshot();
    const res = await w.facilitator.patch(`/api/groups/${w.open.id}`, body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe(field);
    expect(await snapshot()).toBe(before);
  });
});

// ───────────────────────────── Joining, requests, roles, leaving ─────────────────────────────

describe("joining an open group", () => {
  it("makes the member an active member with the time they accepted the agreement", async () => {
    const w = await makeWorld();
    const before = Date.now();
    const res = await w.stranger.post(`/api/groups/${w.open.id}/join`, { acceptAgreement: true, message: "hi" });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ viewer: { status: "active", role: "member" }, memberCount: 4 });
    const [row] = await rowsOf(
      sql`select status, role, agreement_accepted_at, request_message from group_members where group_id = ${w.open.id} and member_id = ${w.stranger.id}`,
    );
    expect(row).toMatchObject({ status: "active", role: "member", request_message: null });
    expect(new Date(row?.agreement_accepted_at as string).getTime()).toBeGreaterThanOrEqual(before - 1000);

    const again = await w.stranger.post(`/api/groups/${w.open.id}/join`, { acceptAgreement: true });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/already a member/);
    const mine = (await w.stranger.get("/api/me/groups")).json().items;
    expect(mine).toEqual([expect.objectContaining({ id: w.open.id, status: "active", role: "member" })]);
  });

  it.each([
    [{}, "acceptAgreement"],
    [{ acceptAgreement: false }, "acceptAgreement"],
    [{ acceptAgreement: "yes" }, "acceptAgreement"],
    [{ acceptAgreement: true, message: "x".repeat(501) }, "message"],
  ])("refuses %j naming %s and joins no one", async (body, field) => {
    const w = await makeWorld();
    const before = await snapshot();
    const res = await w.stranger.post(`/api/groups/${w.open.id}/join`, body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe(field);
    expect(await snapshot()).toBe(before);
  });

  it("needs a signed-in member and an existing group", async () => {
    const w = await makeWorld();
    expect((await t.anonymous().post(`/api/groups/${w.open.id}/join`, { acceptAgreement: true })).statusCode).toBe(401);
    const missing = await w.stranger.post("/api/groups/00000000-0000-4000-8000-000000000000/join", {
      acceptAgreement: true,
    });
    expect(missing.statusCode).toBe(404);
  });
});

describe("a closed group's requests", () => {
  it("records a request that only the people who answer it see, then welcomes or declines", async () => {
    const w = await makeWorld();
    const url = `/api/groups/${w.closed.id}`;
    const asked = await w.stranger.post(`${url}/join`, { acceptAgreement: true, message: "I'm new and nervous." });
    expect(asked.statusCode).toBe(201);
    expect(asked.json()).toMatchObject({ viewer: { status: "requested", role: null }, memberCount: null });
    expect((await w.stranger.post(`${url}/join`, { acceptAgreement: true })).statusCode).toBe(409);
    expect((await w.stranger.get("/api/me/groups")).json().items).toEqual([
      expect.objectContaining({ id: w.closed.id, status: "requested", role: "member" }),
    ]);

    // Someone waiting is not yet inside.
    const peek = await w.stranger.get(`${url}/members`);
    expect(peek.statusCode).toBe(403);
    expect(peek.body).not.toContain(w.member.handle);

    // The facilitator sees both requests, with what was written; a plain member sees neither.
    const forFacilitator = (await w.facilitator.get(`${url}/members`)).json().items;
    expect(forFacilitator.filter((m: { status: string }) => m.status === "requested")).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ handle: w.stranger.handle, requestMessage: "I'm new and nervous." }),
        expect.objectContaining({ handle: w.requester.handle }),
      ]),
    );
    const forMember = await w.member.get(`${url}/members`);
    expect(handlesIn(forMember)).toEqual([w.facilitator.handle, w.member.handle].sort());
    expect(forMember.body).not.toContain("nervous");
    expect(forMember.body).not.toContain(w.stranger.handle);

    // Welcomed by the facilitator.
    const approved = await w.facilitator.post(`${url}/requests/${w.stranger.handle}/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ handle: w.stranger.handle, status: "active", role: "member" });
    expect((await w.stranger.get(url)).json()).toMatchObject({ viewer: { status: "active" }, memberCount: 3 });
    expect(handlesIn(await w.stranger.get(`${url}/members`))).toContain(w.stranger.handle);
    expect((await w.facilitator.post(`${url}/requests/${w.stranger.handle}/approve`)).statusCode).toBe(404);

    // Declined by the organisation's admin: the request is gone, and they may ask again later.
    expect((await w.admin.post(`${url}/requests/${w.requester.handle}/decline`)).statusCode).toBe(204);
    expect((await w.requester.get("/api/me/groups")).json().items).toEqual([]);
    expect((await w.requester.get(url)).json().viewer.status).toBe("none");
    expect((await w.admin.post(`${url}/requests/${w.requester.handle}/decline`)).statusCode).toBe(404);
    expect((await w.requester.post(`${url}/join`, { acceptAgreement: true })).statusCode).toBe(201);

    // Members are not requests: declining a member removes no one.
    expect((await w.facilitator.post(`${url}/requests/${w.member.handle}/decline`)).statusCode).toBe(404);
    expect(handlesIn(await w.member.get(`${url}/members`))).toContain(w.member.handle);
  });

  it("lets a co-facilitator answer requests", async () => {
    const w = await makeWorld();
    await addToGroup(t.db, w.closed.id, w.coFacilitator.id, "co_facilitator");
    const res = await w.coFacilitator.post(`/api/groups/${w.closed.id}/requests/${w.requester.handle}/approve`);
    expect(res.statusCode).toBe(200);
  });

  it("lets the member withdraw their request", async () => {
    const w = await makeWorld();
    expect((await w.requester.delete(`/api/groups/${w.closed.id}/membership`)).statusCode).toBe(204);
    expect((await w.requester.get("/api/me/groups")).json().items).toEqual([]);
    const list = await w.facilitator.get(`/api/groups/${w.closed.id}/members`);
    expect(list.body).not.toContain(w.requester.handle);
  });
});

describe("roles", () => {
  it("lets a facilitator hand out roles; a co-facilitator helps run the group but assigns none", async () => {
    const w = await makeWorld();
    const url = `/api/groups/${w.open.id}/members`;
    const promoted = await w.facilitator.patch(`${url}/${w.member.handle}`, { role: "co_facilitator" });
    expect(promoted.statusCode).toBe(200);
    expect(promoted.json()).toMatchObject({ handle: w.member.handle, role: "co_facilitator", status: "active" });
    expect((await w.member.get(`/api/groups/${w.open.id}`)).json().viewer).toEqual({
      status: "active",
      role: "co_facilitator",
      canManage: true,
    });
    expect((await w.member.patch(`${url}/${w.coFacilitator.handle}`, { role: "facilitator" })).statusCode).toBe(403);
    expect((await w.admin.patch(`${url}/${w.coFacilitator.handle}`, { role: "facilitator" })).statusCode).toBe(200);
    const roles = (await w.admin.get(url))
      .json()
      .items.map((m: { handle: string; role: string }) => [m.handle, m.role]);
    expect(roles).toEqual(
      expect.arrayContaining([
        [w.facilitator.handle, "facilitator"],
        [w.coFacilitator.handle, "facilitator"],
        [w.member.handle, "co_facilitator"],
      ]),
    );
  });

  it("keeps a facilitator: the last one cannot step down while others remain", async () => {
    const w = await makeWorld();
    const url = `/api/groups/${w.open.id}/members`;
    const down = await w.facilitator.patch(`${url}/${w.facilitator.handle}`, { role: "member" });
    expect(down.statusCode).toBe(409);
    expect(down.json().error.message).toMatch(/only facilitator/);
    expect((await w.admin.patch(`${url}/${w.facilitator.handle}`, { role: "co_facilitator" })).statusCode).toBe(409);
    await w.facilitator.patch(`${url}/${w.member.handle}`, { role: "facilitator" });
    expect((await w.facilitator.patch(`${url}/${w.facilitator.handle}`, { role: "member" })).statusCode).toBe(200);
  });

  it.each([
    [{ role: "admin" }, "role"],
    [{}, "role"],
  ])("refuses %j naming %s and changes nothing", async (body, field) => {
    const w = await makeWorld();
    const before = await snapshot();
    const res = await w.facilitator.patch(`/api/groups/${w.open.id}/members/${w.member.handle}`, body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe(field);
    expect(await snapshot()).toBe(before);
  });

  it("answers 404 for someone who is not an active member", async () => {
    const w = await makeWorld();
    const url = `/api/groups/${w.closed.id}/members`;
    expect((await w.facilitator.patch(`${url}/${w.stranger.handle}`, { role: "member" })).statusCode).toBe(404);
    expect((await w.facilitator.patch(`${url}/${w.requester.handle}`, { role: "facilitator" })).statusCode).toBe(404);
    expect((await w.facilitator.patch(`${url}/no_such_person`, { role: "member" })).statusCode).toBe(404);
  });
});

describe("leaving and removing", () => {
  it("lets a member leave; they no longer see inside", async () => {
    const w = await makeWorld();
    expect((await w.member.delete(`/api/groups/${w.closed.id}/membership`)).statusCode).toBe(204);
    expect((await w.member.get(`/api/groups/${w.closed.id}/members`)).statusCode).toBe(403);
    expect((await w.member.get(`/api/groups/${w.closed.id}`)).json().viewer.status).toBe("none");
    expect((await w.member.get("/api/me/groups")).json().items.map((g: { id: string }) => g.id)).toEqual([w.open.id]);
    expect((await w.member.delete(`/api/groups/${w.closed.id}/membership`)).statusCode).toBe(404);
    expect((await t.anonymous().delete(`/api/groups/${w.closed.id}/membership`)).statusCode).toBe(401);
  });

  it("asks the last facilitator to hand the role on before leaving, unless they are alone", async () => {
    const w = await makeWorld();
    const res = await w.facilitator.delete(`/api/groups/${w.closed.id}/membership`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/make another member a facilitator/);
    expect((await w.facilitator.get(`/api/groups/${w.closed.id}`)).json().viewer.role).toBe("facilitator");

    // A co-facilitator stays while the facilitator goes, once someone else holds the role.
    await w.facilitator.patch(`/api/groups/${w.closed.id}/members/${w.member.handle}`, { role: "facilitator" });
    expect((await w.facilitator.delete(`/api/groups/${w.closed.id}/membership`)).statusCode).toBe(204);

    // Alone in the group, the last facilitator may leave.
    expect((await w.facilitatorElsewhere.delete(`/api/groups/${w.elsewhere.id}/membership`)).statusCode).toBe(204);
  });

  it("lets managers remove members; only facilitators and admins remove those who run the group", async () => {
    const w = await makeWorld();
    const url = `/api/groups/${w.open.id}/members`;
    expect((await w.coFacilitator.delete(`${url}/${w.facilitator.handle}`)).statusCode).toBe(403);
    expect((await w.coFacilitator.delete(`${url}/${w.member.handle}`)).statusCode).toBe(204);
    expect(handlesIn(await w.facilitator.get(url))).toEqual([w.facilitator.handle, w.coFacilitator.handle].sort());
    expect((await w.facilitator.delete(`${url}/${w.member.handle}`)).statusCode).toBe(404);
    const last = await w.admin.delete(`${url}/${w.facilitator.handle}`);
    expect(last.statusCode).toBe(409);
    expect((await w.admin.delete(`${url}/${w.coFacilitator.handle}`)).statusCode).toBe(204);
    expect((await w.member.get("/api/me/groups")).json().items.map((g: { id: string }) => g.id)).toEqual([w.closed.id]);
  });
});

describe("deleting an account", () => {
  const rolesIn = async (groupId: string) =>
    Object.fromEntries(
      (
        await rowsOf(
          sql`select m.handle, gm.role from group_members gm join members m on m.id = gm.member_id where gm.group_id = ${groupId} and gm.status = 'active'`,
        )
      ).map((r) => [r.handle, r.role]),
    );
  const adminsOf = async (organisationId: string) =>
    (
      await rowsOf(
        sql`select m.handle from organisation_admins oa join members m on m.id = oa.member_id where oa.organisation_id = ${organisationId}`,
      )
    ).map((r) => r.handle);

  it("hands each group the member looked after alone to a co-facilitator, else the longest-standing member", async () => {
    const w = await makeWorld();
    expect((await w.facilitator.delete("/api/me", { passphrase: w.facilitator.passphrase })).statusCode).toBe(204);
    // The open group had a co-facilitator; the closed one only a member (the request stays a request).
    expect((await rolesIn(w.open.id))[w.coFacilitator.handle]).toBe("facilitator");
    expect((await rolesIn(w.open.id))[w.member.handle]).toBe("member");
    expect(await rolesIn(w.closed.id)).toEqual({ [w.member.handle]: "facilitator" });
    // A group with another facilitator is left as it is.
    expect(await rolesIn(w.elsewhere.id)).toEqual({ [w.facilitatorElsewhere.handle]: "facilitator" });
  });

  it("hands an organisation whose only admin leaves to one of its facilitators", async () => {
    const w = await makeWorld();
    expect((await w.admin.delete("/api/me", { passphrase: w.admin.passphrase })).statusCode).toBe(204);
    const admins = await adminsOf(w.org.id);
    expect(admins).toHaveLength(1);
    expect([w.facilitator.handle, w.facilitatorElsewhere.handle]).toContain(admins[0]);
    expect(await adminsOf(w.otherOrg.id)).toEqual([w.adminElsewhere.handle]);
  });

  it("changes nothing when the passphrase is wrong", async () => {
    const w = await makeWorld();
    const before = await snapshot();
    expect((await w.facilitator.delete("/api/me", { passphrase: "not my passphrase at all" })).statusCode).toBe(400);
    expect(await snapshot()).toBe(before);
  });
});

describe("asking to join closed groups", () => {
  it("limits a member to 20 requests a day, so no one can knock on every door", async () => {
    const w = await makeWorld();
    const asker = await t.makeMember();
    const closedGroups = await Promise.all(
      Array.from({ length: 21 }, (_, i) =>
        makeGroup(t.db, w.org.id, {
          name: `Knock ${worldCount}-${i}`,
          membership: "closed",
          facilitatorId: w.facilitator.id,
        }),
      ),
    );
    const codes: number[] = [];
    for (const g of closedGroups)
      codes.push((await asker.post(`/api/groups/${g.id}/join`, { acceptAgreement: true })).statusCode);
    expect(codes.slice(0, 20).every((c) => c === 200 || c === 201)).toBe(true);
    expect(codes[20]).toBe(429);
    const last = closedGroups[20] as { id: string };
    expect((await asker.get(`/api/groups/${last.id}`)).json().viewer.status).toBe("none");
    // Open groups are not requests and stay open to join.
    expect((await asker.post(`/api/groups/${w.open.id}/join`, { acceptAgreement: true })).statusCode).toBeLessThan(300);
  });
});

describe("my groups", () => {
  it("lists only the signed-in member's own groups and requests", async () => {
    const w = await makeWorld();
    const mine = (await w.member.get("/api/me/groups")).json().items;
    expect(mine.map((g: { id: string; status: string }) => [g.id, g.status]).sort()).toEqual(
      [
        [w.open.id, "active"],
        [w.closed.id, "active"],
      ].sort(),
    );
    expect((await w.stranger.get("/api/me/groups")).json().items).toEqual([]);
    expect((await t.anonymous().get("/api/me/groups")).statusCode).toBe(401);
  });
});

// ───────────────────────────── Wrong users, route by route ─────────────────────────────

describe("wrong users", () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld();
  });

  type Who =
    | "stranger"
    | "member"
    | "requester"
    | "facilitator"
    | "coFacilitator"
    | "facilitatorElsewhere"
    | "adminElsewhere";
  const cases: [string, (a: Agent) => Promise<Res>, Who[]][] = [
    [
      "PATCH an organisation",
      (a) => a.patch(`/api/organisations/${w.org.id}`, { name: "Taken over" }),
      ["stranger", "member", "facilitator", "facilitatorElsewhere", "adminElsewhere"],
    ],
    [
      "GET an organisation's admins",
      (a) => a.get(`/api/organisations/${w.org.id}/admins`),
      ["stranger", "member", "facilitator", "facilitatorElsewhere", "adminElsewhere"],
    ],
    [
      "POST an organisation admin",
      (a) =>
        a.post(`/api/organisations/${w.org.id}/admins`, {
          handle: a === w.stranger ? w.stranger.handle : w.member.handle,
        }),
      ["stranger", "member", "facilitator", "facilitatorElsewhere", "adminElsewhere"],
    ],
    [
      "DELETE an organisation admin",
      (a) => a.delete(`/api/organisations/${w.org.id}/admins/${w.admin.handle}`),
      ["stranger", "member", "facilitator", "facilitatorElsewhere", "adminElsewhere"],
    ],
    [
      "POST a group into someone else's organisation",
      (a) => a.post("/api/groups", groupBody(w.org.id)),
      ["stranger", "member", "facilitator", "facilitatorElsewhere", "adminElsewhere"],
    ],
    [
      "PATCH a group",
      (a) => a.patch(`/api/groups/${w.open.id}`, { name: "Taken over" }),
      ["stranger", "member", "facilitatorElsewhere", "adminElsewhere"],
    ],
    [
      "PATCH a closed group",
      (a) => a.patch(`/api/groups/${w.closed.id}`, { membership: "open" }),
      ["stranger", "member", "requester", "facilitatorElsewhere", "adminElsewhere"],
    ],
    [
      "GET a closed group's members",
      (a) => a.get(`/api/groups/${w.closed.id}/members`),
      ["stranger", "requester", "facilitatorElsewhere", "adminElsewhere", "coFacilitator"],
    ],
    [
      "approve a request",
      (a) => a.post(`/api/groups/${w.closed.id}/requests/${w.requester.handle}/approve`),
      ["stranger", "member", "requester", "facilitatorElsewhere", "adminElsewhere"],
    ],
    [
      "decline a request",
      (a) => a.post(`/api/groups/${w.closed.id}/requests/${w.requester.handle}/decline`),
      ["stranger", "member", "requester", "facilitatorElsewhere", "adminElsewhere"],
    ],
    [
      "change a role",
      (a) => a.patch(`/api/groups/${w.open.id}/members/${w.member.handle}`, { role: "facilitator" }),
      ["stranger", "member", "coFacilitator", "facilitatorElsewhere", "adminElsewhere"],
    ],
    [
      "remove a member",
      (a) => a.delete(`/api/groups/${w.open.id}/members/${w.member.handle}`),
      ["stranger", "member", "facilitatorElsewhere", "adminElsewhere"],
    ],
    [
      "remove a facilitator",
      (a) => a.delete(`/api/groups/${w.open.id}/members/${w.facilitator.handle}`),
      ["stranger", "member", "coFacilitator", "facilitatorElsewhere", "adminElsewhere"],
    ],
  ];

  it.each(cases)("%s: 403 for each wrong user, 401 anonymous, nothing changes", async (_name, call, wrong) => {
    const before = await snapshot();
    const anonymous = await call(t.anonymous());
    expect(anonymous.statusCode).toBe(401);
    for (const who of wrong) {
      const res = await call(w[who]);
      expect(res.statusCode, who).toBe(403);
      expect(res.json().error.code).toBe("forbidden");
      // A refusal never carries anyone's handle.
      for (const person of [w.member, w.requester, w.facilitator, w.coFacilitator, w.admin]) {
        expect(res.body, who).not.toContain(person.handle);
      }
    }
    expect(await snapshot()).toBe(before);
  });

  it("never tells a non-manager who is in a closed group, whatever handle they try", async () => {
    for (const who of [w.stranger, w.requester, w.member]) {
      const real = await who.delete(`/api/groups/${w.closed.id}/members/${w.member.handle}`);
      const unknown = await who.delete(`/api/groups/${w.closed.id}/members/no_such_person`);
      const outsider = await who.patch(`/api/groups/${w.closed.id}/members/${w.adminElsewhere.handle}`, {
        role: "member",
      });
      expect([real.statusCode, unknown.statusCode, outsider.statusCode]).toEqual([403, 403, 403]);
    }
  });

  it("keeps a closed group's member list from every non-member and an admin of another organisation", async () => {
    for (const who of [w.stranger, w.requester, w.facilitatorElsewhere, w.adminElsewhere]) {
      const res = await who.get(`/api/groups/${w.closed.id}/members`);
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain(w.member.handle);
      expect(res.body).not.toContain(w.facilitator.handle);
    }
    expect((await t.anonymous().get(`/api/groups/${w.closed.id}/members`)).statusCode).toBe(401);
    // Nor does the group's page, its card in the list, or the organisation.
    for (const url of [`/api/groups/${w.closed.id}`, `/api/groups?organisationId=${w.org.id}`, `/api/organisations`]) {
      const body = (await w.stranger.get(url)).body;
      for (const person of [w.member, w.facilitator, w.requester, w.admin]) expect(body).not.toContain(person.handle);
    }
  });

  it("joins and leaves only for oneself: a member can't join twice, a stranger can't leave", async () => {
    const before = await snapshot();
    expect((await w.member.post(`/api/groups/${w.open.id}/join`, { acceptAgreement: true })).statusCode).toBe(409);
    expect((await w.requester.post(`/api/groups/${w.closed.id}/join`, { acceptAgreement: true })).statusCode).toBe(409);
    expect((await w.stranger.delete(`/api/groups/${w.open.id}/membership`)).statusCode).toBe(404);
    expect((await w.adminElsewhere.delete(`/api/groups/${w.open.id}/membership`)).statusCode).toBe(404);
    expect(await snapshot()).toBe(before);
  });

  it("tells no wrong user they run the organisation, or may manage the group", async () => {
    for (const who of ["stranger", "member", "facilitator", "facilitatorElsewhere", "adminElsewhere"] as const) {
      expect((await w[who].get(`/api/organisations/${w.org.id}`)).json().viewerIsAdmin, who).toBe(false);
      const listed = (await w[who].get("/api/organisations"))
        .json()
        .items.find((o: { id: string }) => o.id === w.org.id);
      expect(listed.viewerIsAdmin, who).toBe(false);
    }
    expect((await w.admin.get(`/api/organisations/${w.org.id}`)).json().viewerIsAdmin).toBe(true);
    for (const who of ["stranger", "member", "requester", "facilitatorElsewhere", "adminElsewhere"] as const) {
      expect((await w[who].get(`/api/groups/${w.closed.id}`)).json().viewer.canManage, who).toBe(false);
    }
  });

  const missing = "00000000-0000-4000-8000-000000000000";
  it.each([
    ["PATCH", "/api/organisations/nope", { name: "x" }, "id"],
    ["GET", "/api/organisations/nope/admins", undefined, "id"],
    ["POST", "/api/organisations/nope/admins", { handle: "someone" }, "id"],
    ["DELETE", `/api/organisations/${missing}/admins/${"x".repeat(65)}`, undefined, "handle"],
    ["PATCH", "/api/groups/nope", { name: "x" }, "id"],
    ["POST", "/api/groups/nope/join", { acceptAgreement: true }, "id"],
    ["DELETE", "/api/groups/nope/membership", undefined, "id"],
    ["GET", "/api/groups/nope/members", undefined, "id"],
    ["POST", "/api/groups/nope/requests/someone/approve", undefined, "id"],
    ["POST", "/api/groups/nope/requests/someone/decline", undefined, "id"],
    ["PATCH", `/api/groups/${missing}/members/${"x".repeat(65)}`, { role: "member" }, "handle"],
    ["DELETE", "/api/groups/nope/members/someone", undefined, "id"],
  ] as const)("%s %s refuses a malformed address naming %s", async (method, url, body, field) => {
    const res = await w.admin.request(method, url, body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: "invalid", field });
  });

  it.each([
    ["PATCH", `/api/organisations/${missing}`, { name: "x" }],
    ["GET", `/api/organisations/${missing}/admins`, undefined],
    ["POST", `/api/organisations/${missing}/admins`, { handle: "someone" }],
    ["PATCH", `/api/groups/${missing}`, { name: "x" }],
    ["DELETE", `/api/groups/${missing}/membership`, undefined],
    ["GET", `/api/groups/${missing}/members`, undefined],
    ["POST", `/api/groups/${missing}/requests/someone/approve`, undefined],
    ["DELETE", `/api/groups/${missing}/members/someone`, undefined],
  ] as const)("%s %s answers 404 for what doesn't exist", async (method, url, body) => {
    expect((await w.admin.request(method, url, body)).statusCode).toBe(404);
  });

  it("lists the routes in the OpenAPI document under the groups tag", async () => {
    const doc = (await t.anonymous().get("/openapi.json")).json();
    expect(doc.paths["/api/groups"].get.tags).toEqual(["groups"]);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/organisations",
        "/api/organisations/{id}/admins/{handle}",
        "/api/groups/{id}/requests/{handle}/approve",
        "/api/me/groups",
      ]),
    );
  });
});
