import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forumModerators, safetyProfessionals } from "../../db/schema.ts";
import { addToGroup, makeGroup, makeOrganisation } from "../../test/directory-factories.ts";
import { buildTestApp, type TestApp } from "../../test/helper.ts";

let t: TestApp;
type Member = Awaited<ReturnType<TestApp["makeMember"]>>;
let admin: Member;
let otherAdmin: Member;
let member: Member;
let counsellor: Member;
let moderator: Member;
let orgId: string;
let otherOrgId: string;
let copingBoardId: string;

const SERVICE = {
  name: "Harbour Street Counselling",
  kind: "counselling",
  description: "Free counselling for people in recovery and their families. Evening slots.",
  languages: ["en", "es"],
  cost: "free",
  phone: "+44 20 7946 0000",
  url: "https://counselling.example.org/",
  country: "gb",
};

beforeAll(async () => {
  t = await buildTestApp();
  [admin, otherAdmin, member, counsellor, moderator] = await Promise.all(
    Array.from({ length: 5 }, () => t.makeMember()),
  );
  orgId = (await makeOrganisation(t.db, { adminId: admin.id, name: "Harbour Peers" })).id;
  otherOrgId = (await makeOrganisation(t.db, { adminId: otherAdmin.id })).id;
  await t.db.insert(forumModerators).values({ memberId: moderator.id });
  const group = await makeGroup(t.db, orgId);
  await addToGroup(t.db, group.id, member.id);
  const boards = (await member.get("/api/boards")).json().items as { id: string; name: string }[];
  copingBoardId = (boards.find((b) => /coping/i.test(b.name)) ?? boards[0])?.id as string;
});
afterAll(async () => t?.close());

describe("the directory of professional services", () => {
  let serviceId: string;

  it("lets an organisation's admin add a service, which anyone can find", async () => {
    const res = await admin.post("/api/safety/services", { ...SERVICE, organisationId: orgId });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      name: SERVICE.name,
      country: "GB",
      canManage: true,
      organisation: { id: orgId },
    });
    serviceId = res.json().id;
    const list = (await t.anonymous().get("/api/safety/services")).json().items;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ name: SERVICE.name, canManage: false });
    expect((await member.get("/api/safety/services?kind=treatment")).json().items).toHaveLength(0);
    expect((await member.get("/api/safety/services?language=es")).json().items).toHaveLength(1);
  });

  it("refuses bad input with the field named, and changes nothing", async () => {
    const noLanguages = await admin.post("/api/safety/services", { ...SERVICE, languages: [], organisationId: orgId });
    expect(noLanguages.statusCode).toBe(400);
    const badUrl = await admin.post("/api/safety/services", {
      ...SERVICE,
      url: "javascript:alert(1)",
      organisationId: orgId,
    });
    expect(badUrl.statusCode).toBe(400);
    expect(
      (await admin.post("/api/safety/services", { ...SERVICE, kind: "magic", organisationId: orgId })).statusCode,
    ).toBe(400);
    expect((await admin.patch(`/api/safety/services/${serviceId}`, { cost: "priceless" })).statusCode).toBe(400);
    expect((await t.anonymous().get("/api/safety/services")).json().items).toHaveLength(1);
  });

  it("lets only that organisation's admins change or remove it", async () => {
    expect((await member.post("/api/safety/services", { ...SERVICE, organisationId: orgId })).statusCode).toBe(403);
    expect((await otherAdmin.post("/api/safety/services", { ...SERVICE, organisationId: orgId })).statusCode).toBe(403);
    expect((await otherAdmin.patch(`/api/safety/services/${serviceId}`, { name: "Mine now" })).statusCode).toBe(403);
    expect((await otherAdmin.delete(`/api/safety/services/${serviceId}`)).statusCode).toBe(403);
    expect((await t.anonymous().post("/api/safety/services", { ...SERVICE, organisationId: orgId })).statusCode).toBe(
      401,
    );
    const missing = "00000000-0000-4000-8000-000000000000";
    expect((await admin.patch(`/api/safety/services/${missing}`, { name: "x y" })).statusCode).toBe(404);
    expect((await admin.post("/api/safety/services", { ...SERVICE, organisationId: missing })).statusCode).toBe(404);
    const changed = await admin.patch(`/api/safety/services/${serviceId}`, { cost: "sliding_scale" });
    expect(changed.json()).toMatchObject({ cost: "sliding_scale", name: SERVICE.name });
    expect((await admin.delete(`/api/safety/services/${serviceId}`)).statusCode).toBe(204);
    expect((await t.anonymous().get("/api/safety/services")).json().items).toHaveLength(0);
  });
});

describe("professional review of coping strategies", () => {
  let threadId: string;
  let postId: string;

  it("lets a community moderator grant a professional role, and no one else", async () => {
    const body = { handle: counsellor.handle, organisationId: null, title: "Addiction counsellor" };
    expect((await admin.post("/api/safety/professionals", body)).statusCode).toBe(403);
    expect((await moderator.post("/api/safety/professionals", { ...body, title: "" })).statusCode).toBe(400);
    const res = await moderator.post("/api/safety/professionals", body);
    expect(res.statusCode).toBe(201);
    expect(res.json().items).toMatchObject([{ handle: counsellor.handle, title: "Addiction counsellor" }]);
    expect((await member.get("/api/safety/professionals")).statusCode).toBe(403);
  });

  it("lets a professional mark a coping strategy reviewed, with a note every reader sees", async () => {
    const thread = await member.post(`/api/boards/${copingBoardId}/threads`, {
      title: "Urge surfing",
      kind: "coping_strategy",
      body: "When a craving hits I set a timer for 20 minutes and ride it out like a wave.",
    });
    expect(thread.statusCode, thread.body).toBe(201);
    threadId = thread.json().id;
    const page = (await member.get(`/api/threads/${threadId}`)).json();
    postId = page.posts[0]?.id;
    expect(postId).toBeTruthy();
    expect((await member.get(`/api/threads/${threadId}/reviews`)).json()).toEqual({ items: [], canReview: false });
    expect((await counsellor.get(`/api/threads/${threadId}/reviews`)).json().canReview).toBe(true);

    const note = "This is a well-studied technique (urge surfing). It works best alongside a plan.";
    const res = await counsellor.put(`/api/posts/${postId}/review`, { mark: "reviewed", note });
    expect(res.statusCode, res.body).toBe(200);
    const seen = (await member.get(`/api/threads/${threadId}/reviews`)).json().items;
    expect(seen).toMatchObject([{ postId, mark: "reviewed", note, by: `${counsellor.handle} (Addiction counsellor)` }]);
  });

  it("refuses members without the role, posts that are not coping strategies, and bad notes", async () => {
    expect(
      (await member.put(`/api/posts/${postId}/review`, { mark: "misinformation", note: "Not true" })).statusCode,
    ).toBe(403);
    expect((await counsellor.put(`/api/posts/${postId}/review`, { mark: "misinformation", note: "" })).statusCode).toBe(
      400,
    );
    expect((await counsellor.put(`/api/posts/${postId}/review`, { mark: "great", note: "Fine note" })).statusCode).toBe(
      400,
    );
    const other = await member.post(`/api/boards/${copingBoardId}/threads`, {
      title: "Hello",
      body: "Just saying hi.",
    });
    const otherPost = (await member.get(`/api/threads/${other.json().id}`)).json();
    const otherId = otherPost.posts[0]?.id;
    expect(
      (await counsellor.put(`/api/posts/${otherId}/review`, { mark: "reviewed", note: "Looks fine" })).statusCode,
    ).toBe(403);
    expect((await t.anonymous().get(`/api/threads/${threadId}/reviews`)).statusCode).toBe(401);
    const missing = "00000000-0000-4000-8000-000000000000";
    expect(
      (await counsellor.put(`/api/posts/${missing}/review`, { mark: "reviewed", note: "Looks fine" })).statusCode,
    ).toBe(404);
    expect((await member.get(`/api/threads/${threadId}/reviews`)).json().items[0].mark).toBe("reviewed");
  });

  it("flags possible misinformation, and lets the professional take the mark away", async () => {
    const res = await counsellor.put(`/api/posts/${postId}/review`, {
      mark: "misinformation",
      note: "Stopping benzodiazepines suddenly can be dangerous; please talk to a doctor first.",
    });
    expect(res.json().items[0].mark).toBe("misinformation");
    expect((await member.delete(`/api/posts/${postId}/review`)).statusCode).toBe(403);
    expect((await counsellor.delete(`/api/posts/${postId}/review`)).statusCode).toBe(204);
    expect((await counsellor.delete(`/api/posts/${postId}/review`)).statusCode).toBe(404);
  });

  it("keeps a group board's posts from professionals of elsewhere", async () => {
    await t.db
      .insert(safetyProfessionals)
      .values({ organisationId: otherOrgId, memberId: otherAdmin.id, title: "Nurse" });
    const groupBoard = (await member.get("/api/boards")).json().items.find((b: { kind: string }) => b.kind === "group");
    const thread = await member.post(`/api/boards/${groupBoard.id}/threads`, {
      title: "Sleep",
      kind: "coping_strategy",
      body: "Warm milk and no screens.",
    });
    const page = (await member.get(`/api/threads/${thread.json().id}`)).json();
    const id = page.posts[0]?.id;
    expect((await otherAdmin.put(`/api/posts/${id}/review`, { mark: "reviewed", note: "Looks fine" })).statusCode).toBe(
      404,
    );
    expect((await otherAdmin.get(`/api/threads/${thread.json().id}/reviews`)).statusCode).toBe(404);
  });
});
