import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { meetingFollows, meetingRsvps, meetingSuggestions } from "../../db/schema.ts";
import { recordAccess } from "../../platform/access-log.ts";
import { addToGroup, makeGroup, makeMeeting, makeOrganisation } from "../../test/directory-factories.ts";
import { Agent, buildTestApp, PASSPHRASE, type TestApp, uniqueHandle } from "../../test/helper.ts";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

const countMembers = async () => {
  const rows = await t.db.execute(sql`select count(*)::int as n from members`);
  return Number((rows as unknown as { rows: { n: number }[] }).rows[0]?.n);
};

describe("sign-up", () => {
  it("creates the member, answers 201 with a session cookie and never the hash", async () => {
    const agent = t.anonymous("10.1.0.1");
    const handle = uniqueHandle("Newcomer");
    const res = await agent.post("/api/auth/signup", { handle, passphrase: PASSPHRASE });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ handle, email: null });
    expect(res.body).not.toMatch(/hash|argon/i);
    const cookie = res.cookies.find((c) => c.name === "kinship_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    expect(cookie?.value.length).toBeGreaterThanOrEqual(43); // 256 bits, base64url
    expect((await agent.get("/api/me")).json().handle).toBe(handle);
  });

  it("refuses a handle taken in another case with 409 and stores nothing", async () => {
    const taken = await t.makeMember({ handle: uniqueHandle("Casey") });
    const before = await countMembers();
    const res = await t.anonymous("10.1.0.2").post("/api/auth/signup", {
      handle: taken.handle.toUpperCase(),
      passphrase: PASSPHRASE,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: "conflict", field: "handle" });
    expect(await countMembers()).toBe(before);
  });

  it.each([
    [{ handle: "ab", passphrase: PASSPHRASE }, "handle"],
    [{ handle: "a".repeat(33), passphrase: PASSPHRASE }, "handle"],
    [{ handle: "has space", passphrase: PASSPHRASE }, "handle"],
    [{ handle: "<script>", passphrase: PASSPHRASE }, "handle"],
    [{ handle: "héllo", passphrase: PASSPHRASE }, "handle"],
    [{ handle: "okay_name", passphrase: "short" }, "passphrase"],
    [{ handle: "okay_name" }, "passphrase"],
    [{ passphrase: PASSPHRASE }, "handle"],
    [{ handle: 42, passphrase: PASSPHRASE }, "handle"],
  ])("refuses %j naming the field %s", async (body, field) => {
    const before = await countMembers();
    const res = await t.anonymous("10.1.0.3").post("/api/auth/signup", body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("invalid");
    expect(res.json().error.field).toBe(field);
    expect(await countMembers()).toBe(before);
  });

  it.each(["password1234", "qwertyuiop123", "aaaaaaaaaaaaaa", "abcabcabcabcabc", "iloveyou2024!!"])(
    "refuses the common passphrase %s",
    async (passphrase) => {
      const res = await t.anonymous("10.1.0.4").post("/api/auth/signup", { handle: uniqueHandle(), passphrase });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: "invalid", field: "passphrase" });
    },
  );

  it("refuses a passphrase that contains the handle", async () => {
    const handle = uniqueHandle("morgan");
    const res = await t.anonymous("10.1.0.5").post("/api/auth/signup", { handle, passphrase: `${handle} is my name` });
    expect(res.statusCode).toBe(400);
  });

  it("refuses malformed JSON and non-JSON bodies with 4xx", async () => {
    const agent = t.anonymous("10.1.0.6");
    const broken = await agent.post("/api/auth/signup", "{not json", { "content-type": "application/json" });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe("invalid");
    const text = await agent.post("/api/auth/signup", "hello", { "content-type": "text/plain" });
    expect(text.statusCode).toBe(400);
    expect(text.json().error).toBeDefined();
  });

  it("refuses an oversized body with 413", async () => {
    const res = await t.anonymous("10.1.0.7").post("/api/auth/signup", {
      handle: "big_body",
      passphrase: "x".repeat(400_000),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe("too_large");
  });

  it("limits sign-ups per IP with 429 and Retry-After", async () => {
    const agent = t.anonymous("10.1.9.9");
    for (let i = 0; i < 10; i++) {
      // Invalid bodies never reach the limiter; these are real attempts.
      await agent.post("/api/auth/signup", { handle: uniqueHandle("flood"), passphrase: `password${"1".repeat(8)}` });
    }
    const res = await agent.post("/api/auth/signup", { handle: uniqueHandle("flood"), passphrase: PASSPHRASE });
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
    expect(res.json().error.code).toBe("rate_limited");
  });
});

describe("login and logout", () => {
  it("logs in regardless of handle case and rotates the session id", async () => {
    const m = await t.makeMember();
    const oldCookie = m.cookie;
    const res = await m.post("/api/auth/login", { handle: m.handle.toUpperCase(), passphrase: m.passphrase });
    expect(res.statusCode).toBe(200);
    expect(m.cookie).toBeDefined();
    expect(m.cookie).not.toBe(oldCookie);
    // The old session ended with the rotation.
    const stale = new Agent(t.app);
    stale.cookie = oldCookie;
    expect((await stale.get("/api/me")).statusCode).toBe(401);
    expect((await m.get("/api/me")).statusCode).toBe(200);
  });

  it("gives the same answer for an unknown handle and a wrong passphrase", async () => {
    const m = await t.makeMember();
    const wrong = await t
      .anonymous("10.2.0.1")
      .post("/api/auth/login", { handle: m.handle, passphrase: "not the right one" });
    const unknown = await t
      .anonymous("10.2.0.1")
      .post("/api/auth/login", { handle: "nobody_here", passphrase: "not the right one" });
    expect(wrong.statusCode).toBe(400);
    expect(unknown.statusCode).toBe(400);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.cookies).toHaveLength(0);
  });

  it("limits failed logins per handle, across IPs, with 429", async () => {
    const m = await t.makeMember();
    for (let i = 0; i < 10; i++) {
      await t.anonymous(`10.3.0.${i}`).post("/api/auth/login", { handle: m.handle, passphrase: `guess number ${i}` });
    }
    const res = await t.anonymous("10.3.1.1").post("/api/auth/login", { handle: m.handle, passphrase: m.passphrase });
    expect(res.statusCode).toBe(429);
    expect(res.headers["retry-after"]).toBeDefined();
  });

  it("limits login attempts per IP with 429", async () => {
    const ip = "10.4.0.1";
    let last = 0;
    for (let i = 0; i < 31; i++) {
      last = (await t.anonymous(ip).post("/api/auth/login", { handle: `nobody_${i}`, passphrase: "whatever it is" }))
        .statusCode;
    }
    expect(last).toBe(429);
  });

  it("logs out this device only", async () => {
    const m = await t.makeMember();
    const other = new Agent(t.app);
    await other.post("/api/auth/login", { handle: m.handle, passphrase: m.passphrase });
    const res = await m.post("/api/auth/logout");
    expect(res.statusCode).toBe(204);
    expect((await m.get("/api/me")).statusCode).toBe(401);
    expect((await other.get("/api/me")).statusCode).toBe(200);
  });

  it("logs out every device", async () => {
    const m = await t.makeMember();
    const other = new Agent(t.app);
    await other.post("/api/auth/login", { handle: m.handle, passphrase: m.passphrase });
    expect((await m.post("/api/auth/logout-everywhere")).statusCode).toBe(204);
    expect((await m.get("/api/me")).statusCode).toBe(401);
    expect((await other.get("/api/me")).statusCode).toBe(401);
  });

  it("answers 401 without a session and for a forged cookie", async () => {
    expect((await t.anonymous().get("/api/me")).statusCode).toBe(401);
    const forged = new Agent(t.app);
    forged.cookie = "kinship_session=forged-token-value";
    const res = await forged.get("/api/me");
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe("unauthenticated");
    expect((await t.anonymous().post("/api/auth/logout-everywhere")).statusCode).toBe(401);
  });

  it("tells the web app who is signed in with a 200 either way, and only ever this device's member", async () => {
    const anonymous = await t.anonymous().get("/api/auth/session");
    expect([anonymous.statusCode, anonymous.json()]).toEqual([200, { me: null }]);
    const forged = new Agent(t.app);
    forged.cookie = "kinship_session=forged-token-value";
    expect((await forged.get("/api/auth/session")).json()).toEqual({ me: null });

    const m = await t.makeMember();
    const other = await t.makeMember();
    const mine = await m.get("/api/auth/session");
    expect(mine.statusCode).toBe(200);
    expect(mine.json().me).toEqual((await m.get("/api/me")).json());
    expect(mine.json().me.handle).toBe(m.handle);
    expect(mine.body).not.toContain(other.handle);
    expect(mine.body).not.toContain("passphrase");
    await m.post("/api/auth/logout");
    expect((await m.get("/api/auth/session")).json()).toEqual({ me: null });
  });
});

describe("cross-origin protection", () => {
  it("refuses a state-changing request from another site with 403", async () => {
    const m = await t.makeMember();
    const res = await m.post("/api/auth/logout-everywhere", undefined, { origin: "https://evil.example" });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("forbidden");
    expect((await m.get("/api/me")).statusCode).toBe(200);
    const fetchSite = await m.post("/api/auth/logout", undefined, { "sec-fetch-site": "cross-site" });
    expect(fetchSite.statusCode).toBe(403);
  });

  it("accepts Kinship's own origin", async () => {
    const m = await t.makeMember();
    const res = await m.patch("/api/me/profile", { pronouns: { value: "she/her" } });
    expect(res.statusCode).toBe(200);
    const own = await m.request(
      "PATCH",
      "/api/me/profile",
      { pronouns: { value: "they/them" } },
      { origin: "http://kinship.test" },
    );
    expect(own.statusCode).toBe(200);
  });
});

describe("profile", () => {
  it("is private by default and changes field by field with a visibility each", async () => {
    const m = await t.makeMember();
    const me = (await m.get("/api/me")).json();
    for (const field of Object.values(me.profile) as { visibility: string }[]) expect(field.visibility).toBe("private");
    const res = await m.patch("/api/me/profile", {
      displayName: { value: "Robin", visibility: "public" },
      pronouns: { value: "she/her" },
      timeZone: { value: "America/Chicago", visibility: "group" },
      language: { value: "es" },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().profile).toMatchObject({
      displayName: { value: "Robin", visibility: "public" },
      pronouns: { value: "she/her", visibility: "private" },
      timeZone: { value: "America/Chicago", visibility: "group" },
      language: { value: "es", visibility: "private" },
    });
    const cleared = await m.patch("/api/me/profile", { pronouns: { value: null } });
    expect(cleared.json().profile.pronouns.value).toBeNull();
  });

  it.each([
    [{ timeZone: { value: "Mars/Olympus" } }, "timeZone"],
    [{ language: { value: "fr" } }, "language"],
    [{ displayName: { value: "x".repeat(61) } }, "displayName"],
    [{ displayName: { visibility: "everyone" } }, "displayName"],
    [{ handle: { value: "sneaky" } }, "body"],
    [{ displayName: { value: "ok", extra: 1 } }, "displayName"],
  ])("refuses %j with 400 and changes nothing", async (body, field) => {
    const m = await t.makeMember();
    await m.patch("/api/me/profile", { displayName: { value: "Kept" } });
    const res = await m.patch("/api/me/profile", body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toContain(field === "body" ? "" : field);
    const me = (await m.get("/api/me")).json();
    expect(me.profile.displayName.value).toBe("Kept");
    expect(me.handle).toBe(m.handle);
  });

  it("stores hostile strings as text", async () => {
    const m = await t.makeMember();
    const hostile = `<img src=x onerror=alert(1)>'); drop table members;--\u202e`;
    const res = await m.patch("/api/me/profile", { recoveryFocus: { value: hostile } });
    expect(res.json().profile.recoveryFocus.value).toBe(hostile);
    expect(await countMembers()).toBeGreaterThan(0);
  });

  it("shows another member only the fields they made visible", async () => {
    const owner = await t.makeMember();
    await owner.patch("/api/me/profile", {
      displayName: { value: "Jordan", visibility: "public" },
      pronouns: { value: "he/him", visibility: "private" },
      recoveryFocus: { value: "Gambling", visibility: "group" },
      timeZone: { value: "Europe/Madrid", visibility: "mentor" },
    });
    const viewer = await t.makeMember();
    const seen = await viewer.get(`/api/members/${owner.handle}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toEqual({ handle: owner.handle, profile: { displayName: "Jordan" } });
    const anonymous = await t.anonymous().get(`/api/members/${owner.handle.toUpperCase()}`);
    expect(anonymous.json().profile).toEqual({ displayName: "Jordan" });
    expect(JSON.stringify(anonymous.json())).not.toMatch(/Gambling|Madrid|he\/him/);
    const self = await owner.get(`/api/members/${owner.handle}`);
    expect(self.json().profile).toMatchObject({ pronouns: "he/him", recoveryFocus: "Gambling" });
    expect((await viewer.get("/api/members/no_such_member")).statusCode).toBe(404);
  });
});

describe("profile fields shared with a group", () => {
  it("shows 'group' fields to people in an active group together, and to no one else", async () => {
    const owner = await t.makeMember();
    await owner.patch("/api/me/profile", {
      displayName: { value: "Sam", visibility: "public" },
      recoveryFocus: { value: "Alcohol, one day at a time", visibility: "group" },
      pronouns: { value: "they/them", visibility: "private" },
      timeZone: { value: "Europe/Dublin", visibility: "mentor" },
    });
    const [together, waiting, elsewhere, stranger] = await Promise.all([
      t.makeMember(),
      t.makeMember(),
      t.makeMember(),
      t.makeMember(),
    ]);
    const org = await makeOrganisation(t.db);
    const group = await makeGroup(t.db, org.id, { membership: "closed" });
    const other = await makeGroup(t.db, org.id, { name: "Another group" });
    await addToGroup(t.db, group.id, owner.id);
    await addToGroup(t.db, group.id, together.id);
    await addToGroup(t.db, group.id, waiting.id, "member", "requested");
    await addToGroup(t.db, other.id, elsewhere.id);

    const url = `/api/members/${owner.handle}`;
    expect((await together.get(url)).json().profile).toEqual({
      displayName: "Sam",
      recoveryFocus: "Alcohol, one day at a time",
    });
    for (const viewer of [waiting, elsewhere, stranger]) {
      expect((await viewer.get(url)).json().profile, viewer.handle).toEqual({ displayName: "Sam" });
    }
    expect((await t.anonymous().get(url)).json().profile).toEqual({ displayName: "Sam" });

    // Once one of them leaves, the field is theirs alone again.
    expect((await together.delete(`/api/groups/${group.id}/membership`)).statusCode).toBe(204);
    expect((await together.get(url)).json().profile).toEqual({ displayName: "Sam" });

    // A pending request of the owner doesn't share their fields either.
    const closedOnly = await makeGroup(t.db, org.id, { name: "Waiting room", membership: "closed" });
    await addToGroup(t.db, closedOnly.id, owner.id, "member", "requested");
    await addToGroup(t.db, closedOnly.id, stranger.id);
    expect((await stranger.get(url)).json().profile).toEqual({ displayName: "Sam" });
  });
});

describe("e-mail", () => {
  it("is optional, can be added and removed, and is never shown to others", async () => {
    const m = await t.makeMember();
    const added = await m.put("/api/me/email", { email: "me@example.org" });
    expect(added.json().email).toBe("me@example.org");
    const viewer = await t.makeMember();
    expect((await viewer.get(`/api/members/${m.handle}`)).body).not.toContain("example.org");
    expect((await m.put("/api/me/email", { email: null })).json().email).toBeNull();
  });

  it("refuses something that is not an e-mail address and keeps the old one", async () => {
    const m = await t.makeMember();
    await m.put("/api/me/email", { email: "kept@example.org" });
    const res = await m.put("/api/me/email", { email: "not an address" });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe("email");
    expect((await m.get("/api/me")).json().email).toBe("kept@example.org");
    expect((await t.anonymous().put("/api/me/email", { email: "x@example.org" })).statusCode).toBe(401);
  });
});

describe("passphrase change", () => {
  it("changes it, keeps this device and logs out the others", async () => {
    const m = await t.makeMember();
    const other = new Agent(t.app);
    await other.post("/api/auth/login", { handle: m.handle, passphrase: m.passphrase });
    const next = "lanterns over the harbour";
    const res = await m.post("/api/me/passphrase", { currentPassphrase: m.passphrase, newPassphrase: next });
    expect(res.statusCode).toBe(204);
    expect((await m.get("/api/me")).statusCode).toBe(200);
    expect((await other.get("/api/me")).statusCode).toBe(401);
    const fresh = t.anonymous("10.5.0.1");
    expect((await fresh.post("/api/auth/login", { handle: m.handle, passphrase: m.passphrase })).statusCode).toBe(400);
    expect((await fresh.post("/api/auth/login", { handle: m.handle, passphrase: next })).statusCode).toBe(200);
  });

  it("refuses a wrong current passphrase or a weak new one, changing nothing", async () => {
    const m = await t.makeMember();
    const wrong = await m.post("/api/me/passphrase", {
      currentPassphrase: "wrong wrong wrong",
      newPassphrase: "lanterns over the harbour",
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.field).toBe("currentPassphrase");
    const weak = await m.post("/api/me/passphrase", { currentPassphrase: m.passphrase, newPassphrase: "password1234" });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.field).toBe("newPassphrase");
    const short = await m.post("/api/me/passphrase", { currentPassphrase: m.passphrase, newPassphrase: "short" });
    expect(short.json().error.field).toBe("newPassphrase");
    const again = t.anonymous("10.5.0.2");
    expect((await again.post("/api/auth/login", { handle: m.handle, passphrase: m.passphrase })).statusCode).toBe(200);
  });
});

describe("sessions", () => {
  it("lists the member's sessions, marks the current one, and ends another", async () => {
    const m = await t.makeMember();
    const phone = new Agent(t.app);
    await phone.request(
      "POST",
      "/api/auth/login",
      { handle: m.handle, passphrase: m.passphrase },
      {
        "user-agent": "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36",
      },
    );
    const list = (await m.get("/api/me/sessions")).json().items as { id: string; current: boolean; device: string }[];
    expect(list).toHaveLength(2);
    expect(list.filter((s) => s.current)).toHaveLength(1);
    expect(list.map((s) => s.device)).toContain("Chrome on Android");
    const phoneSession = list.find((s) => !s.current);
    expect((await m.delete(`/api/me/sessions/${phoneSession?.id}`)).statusCode).toBe(204);
    expect((await phone.get("/api/me")).statusCode).toBe(401);
    expect((await m.get("/api/me")).statusCode).toBe(200);
  });

  it("never shows or ends another member's session (404)", async () => {
    const owner = await t.makeMember();
    const stranger = await t.makeMember();
    const [session] = (await owner.get("/api/me/sessions")).json().items;
    expect((await stranger.get("/api/me/sessions")).body).not.toContain(session.id);
    expect((await stranger.delete(`/api/me/sessions/${session.id}`)).statusCode).toBe(404);
    expect((await owner.get("/api/me")).statusCode).toBe(200);
    expect((await stranger.delete("/api/me/sessions/not-a-uuid")).statusCode).toBe(400);
    expect((await t.anonymous().get("/api/me/sessions")).statusCode).toBe(401);
  });
});

describe("access log", () => {
  it("shows the member who viewed their data, never someone else's log", async () => {
    const member = await t.makeMember();
    const moderator = await t.makeMember();
    expect((await member.get("/api/me/access-log")).json()).toEqual({ items: [] });
    await recordAccess(t.db, {
      memberId: member.id,
      viewerId: moderator.id,
      viewerRole: "moderator",
      recordType: "forum_post",
      reason: "A report about an anonymous post",
    });
    const log = (await member.get("/api/me/access-log")).json().items;
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ viewer: { handle: moderator.handle, role: "moderator" }, recordType: "forum_post" });
    expect((await moderator.get("/api/me/access-log")).json().items).toHaveLength(0);
    expect((await t.anonymous().get("/api/me/access-log")).statusCode).toBe(401);
  });
});

describe("export", () => {
  it("holds the member's own data and nothing secret", async () => {
    const m = await t.makeMember();
    await m.patch("/api/me/profile", { displayName: { value: "Quinn" } });
    await m.put("/api/me/email", { email: "quinn@example.org" });
    const other = await t.makeMember();
    await recordAccess(t.db, {
      memberId: m.id,
      viewerId: other.id,
      viewerRole: "clinician",
      recordType: "plan",
      reason: "Shared plan",
    });
    const res = await m.get("/api/me/export");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toMatch(/attachment; filename="kinship-export-/);
    expect(res.headers["cache-control"]).toBe("no-store");
    const data = res.json();
    expect(data).toMatchObject({
      format: "kinship-export/1",
      account: { id: m.id, handle: m.handle, email: "quinn@example.org" },
      profile: { displayName: { value: "Quinn" } },
    });
    expect(data.sessions.length).toBeGreaterThan(0);
    expect(data.accessLog).toHaveLength(1);
    expect(data).toMatchObject({
      groups: [],
      administeredOrganisations: [],
      meetingFollows: [],
      meetingRsvps: [],
      meetingSuggestions: [],
    });
    expect(res.body).not.toMatch(/argon2|token|passphrase/i);
    expect((await t.anonymous().get("/api/me/export")).statusCode).toBe(401);
  });

  it("holds the member's groups, organisations, follows, RSVPs and suggestions, and no one else's", async () => {
    const m = await t.makeMember();
    const other = await t.makeMember();
    const org = await makeOrganisation(t.db, { adminId: m.id, name: "Export Harbour" });
    const open = await makeGroup(t.db, org.id, { name: "Export Open Group" });
    const closed = await makeGroup(t.db, org.id, { name: "Export Closed Group", membership: "closed" });
    await addToGroup(t.db, open.id, m.id, "co_facilitator");
    await addToGroup(t.db, open.id, other.id);
    const asked = await m.post(`/api/groups/${closed.id}/join`, { acceptAgreement: true, message: "May I join?" });
    expect(asked.statusCode).toBe(201);
    await other.post(`/api/groups/${closed.id}/join`, { acceptAgreement: true, message: "Someone else's words" });
    const meeting = await makeMeeting(t.db, open, { name: "Export Monday" });
    await t.db.insert(meetingFollows).values([
      { memberId: m.id, meetingId: meeting.id },
      { memberId: other.id, meetingId: meeting.id },
    ]);
    await t.db.insert(meetingRsvps).values([
      { memberId: m.id, meetingId: meeting.id, occursOn: "2026-12-07" },
      { memberId: other.id, meetingId: meeting.id, occursOn: "2026-12-14" },
    ]);
    await t.db.insert(meetingSuggestions).values([
      { meetingId: meeting.id, proposerId: m.id, changes: { startTime: "19:30" }, note: "It starts later now" },
      { meetingId: meeting.id, proposerId: other.id, changes: { notes: "other's idea" }, note: "" },
    ]);

    const data = (await m.get("/api/me/export")).json();
    expect(data.groups).toEqual([
      {
        groupId: open.id,
        groupName: "Export Open Group",
        organisationName: "Export Harbour",
        role: "co_facilitator",
        status: "active",
        agreementAcceptedAt: expect.any(String),
        requestMessage: null,
        since: expect.any(String),
      },
      expect.objectContaining({ groupId: closed.id, status: "requested", requestMessage: "May I join?" }),
    ]);
    expect(data.administeredOrganisations).toEqual([
      { organisationId: org.id, name: "Export Harbour", since: expect.any(String) },
    ]);
    expect(data.meetingFollows).toEqual([
      {
        meetingId: meeting.id,
        meetingName: "Export Monday",
        groupName: "Export Open Group",
        since: expect.any(String),
      },
    ]);
    expect(data.meetingRsvps).toEqual([
      { meetingId: meeting.id, meetingName: "Export Monday", occursOn: "2026-12-07", createdAt: expect.any(String) },
    ]);
    expect(data.meetingSuggestions).toEqual([
      expect.objectContaining({
        meetingId: meeting.id,
        changes: { startTime: "19:30" },
        note: "It starts later now",
        status: "open",
        decidedAt: null,
      }),
    ]);
    const text = JSON.stringify(data);
    for (const needle of [other.handle, other.id, "Someone else's words", "other's idea", "2026-12-14"]) {
      expect(text).not.toContain(needle);
    }
  });
});

describe("account deletion", () => {
  it("needs the passphrase, then leaves no row of the member behind", async () => {
    const m = await t.makeMember();
    await m.patch("/api/me/profile", { displayName: { value: "Taylor Unique" } });
    await m.put("/api/me/email", { email: "taylor@example.org" });
    const viewer = await t.makeMember();
    await recordAccess(t.db, {
      memberId: m.id,
      viewerId: viewer.id,
      viewerRole: "moderator",
      recordType: "post",
      reason: "r",
    });
    // The member also viewed someone else's data: that entry stays for its owner, without them.
    await recordAccess(t.db, {
      memberId: viewer.id,
      viewerId: m.id,
      viewerRole: "moderator",
      recordType: "post",
      reason: "r",
    });

    // Their place in the directory: an organisation they run, groups, a request, follows, RSVPs, suggestions.
    const org = await makeOrganisation(t.db, { adminId: m.id });
    const group = await makeGroup(t.db, org.id, { facilitatorId: m.id });
    const closed = await makeGroup(t.db, org.id, { name: "Closed circle", membership: "closed" });
    await addToGroup(t.db, group.id, viewer.id);
    expect(
      (await m.post(`/api/groups/${closed.id}/join`, { acceptAgreement: true, message: "hello" })).statusCode,
    ).toBe(201);
    const meeting = await makeMeeting(t.db, group);
    await t.db.insert(meetingFollows).values({ memberId: m.id, meetingId: meeting.id });
    await t.db.insert(meetingRsvps).values({ memberId: m.id, meetingId: meeting.id, occursOn: "2026-12-07" });
    await t.db.insert(meetingSuggestions).values([
      { meetingId: meeting.id, proposerId: m.id, changes: { notes: "Bring a friend" } },
      {
        meetingId: meeting.id,
        proposerId: viewer.id,
        changes: { notes: "Tea after" },
        status: "accepted",
        decidedById: m.id,
        decidedAt: new Date(),
      },
    ]);

    const wrong = await m.delete("/api/me", { passphrase: "not my passphrase" });
    expect(wrong.statusCode).toBe(400);
    expect((await m.get("/api/me")).statusCode).toBe(200);
    expect((await m.delete("/api/me", {})).statusCode).toBe(400);

    const phone = new Agent(t.app);
    await phone.post("/api/auth/login", { handle: m.handle, passphrase: m.passphrase });
    expect((await m.delete("/api/me", { passphrase: m.passphrase })).statusCode).toBe(204);
    expect((await m.get("/api/me")).statusCode).toBe(401);
    expect((await phone.get("/api/me")).statusCode).toBe(401);

    // Scan every column of every table for anything that identifies the member.
    const tables = (await t.db.execute(
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    )) as unknown as { rows: { table_name: string }[] };
    for (const { table_name } of tables.rows) {
      const rows = (await t.db.execute(sql.raw(`select * from "${table_name}"`))) as unknown as { rows: object[] };
      const text = JSON.stringify(rows.rows);
      for (const needle of [m.id, m.handle, "Taylor Unique", "taylor@example.org"]) {
        expect(text, `${table_name} still holds ${needle}`).not.toContain(needle);
      }
    }
    const log = (await viewer.get("/api/me/access-log")).json().items;
    expect(log[0].viewer).toEqual({ handle: null, role: "moderator" });
    // What others still need stays, without them: the group, the meeting, the suggestions.
    expect((await viewer.get(`/api/groups/${group.id}`)).json().memberCount).toBe(1);
    const kept = (await t.db.execute(
      sql`select proposer_id, decided_by_id from meeting_suggestions where meeting_id = ${meeting.id} order by created_at`,
    )) as unknown as { rows: { proposer_id: string | null; decided_by_id: string | null }[] };
    expect(kept.rows).toEqual([
      { proposer_id: null, decided_by_id: null },
      { proposer_id: viewer.id, decided_by_id: null },
    ]);

    // The handle is free again, and the old passphrase opens nothing.
    expect(
      (await t.anonymous("10.6.0.1").post("/api/auth/login", { handle: m.handle, passphrase: m.passphrase }))
        .statusCode,
    ).toBe(400);
  });

  it("refuses without a session", async () => {
    expect((await t.anonymous().delete("/api/me", { passphrase: PASSPHRASE })).statusCode).toBe(401);
  });
});
