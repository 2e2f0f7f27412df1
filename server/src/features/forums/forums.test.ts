import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../app.ts";
import { forumModerators, memberTrust } from "../../db/schema.ts";
import { addToGroup, makeGroup, makeOrganisation } from "../../test/directory-factories.ts";
import { Agent, buildTestApp, type TestApp, testConfig } from "../../test/helper.ts";

let t: TestApp;
type Member = Awaited<ReturnType<TestApp["makeMember"]>>;
let author: Member;
let reader: Member;
let stranger: Member;
let moderator: Member;
let newcomersId: string;
let startingAgainId: string;

beforeAll(async () => {
  t = await buildTestApp();
  author = await established();
  reader = await established();
  stranger = await established();
  moderator = await established();
  await t.db.insert(forumModerators).values({ memberId: moderator.id });
  const boards = (await reader.get("/api/boards")).json().items as { id: string; name: string }[];
  newcomersId = boards.find((b) => b.name === "Newcomers")?.id as string;
  startingAgainId = boards.find((b) => b.name === "Relapse and starting again")?.id as string;
});
afterAll(async () => t?.close());

/** A member past the newcomer limits: these tests are about the forums (moderation tests a newcomer's limits). */
async function established() {
  const m = await t.makeMember();
  await t.db.insert(memberTrust).values({ memberId: m.id, level: 1, reason: "An established member in these tests." });
  return m;
}

const count = async (table: string) => {
  const rows = await t.db.execute(sql.raw(`select count(*)::int as n from ${table}`));
  return Number((rows as unknown as { rows: { n: number }[] }).rows[0]?.n);
};

async function startThread(who: Member, boardId: string, body: Record<string, unknown> = {}) {
  const res = await who.post(`/api/boards/${boardId}/threads`, {
    title: "Finding my feet",
    body: "Some days are easier than others.",
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; title: string };
}

async function reply(who: Member, threadId: string, body: Record<string, unknown> = {}) {
  const res = await who.post(`/api/threads/${threadId}/replies`, { body: "You're not alone.", ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; seq: number };
}

/** A closed group with its facilitator, one member, and a private board with one thread. */
async function privateGroup() {
  const facilitator = await established();
  const member = await established();
  const admin = await established();
  const org = await makeOrganisation(t.db, { adminId: admin.id });
  const group = await makeGroup(t.db, org.id, { membership: "closed", facilitatorId: facilitator.id });
  await addToGroup(t.db, group.id, member.id);
  const board = (await member.get(`/api/groups/${group.id}/board`)).json();
  const thread = await startThread(member, board.id, {
    title: "Tuesday circle check-in",
    body: "Marmalade lighthouse: only our group should ever read this.",
  });
  return { facilitator, member, admin, org, group, board, thread };
}

describe("boards", () => {
  it("lists the community boards to every signed-in member, and nothing to someone signed out", async () => {
    const res = await reader.get("/api/boards");
    expect(res.statusCode).toBe(200);
    const names = res.json().items.map((b: { name: string }) => b.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "Newcomers",
        "Relapse and starting again",
        "Family and friends",
        "Milestones",
        "Coping strategies",
      ]),
    );
    expect(res.json().items[0]).toMatchObject({ id: expect.any(String), kind: "community", can: { post: true } });
    expect((await t.anonymous().get("/api/boards")).statusCode).toBe(401);
    expect((await t.anonymous().get(`/api/boards/${newcomersId}/threads`)).statusCode).toBe(401);
  });

  it("lists a group's private board to its members only", async () => {
    const g = await privateGroup();
    const mine = (await g.member.get("/api/boards")).json().items;
    expect(mine.find((b: { id: string }) => b.id === g.board.id)).toMatchObject({ kind: "group", name: g.group.name });
    const theirs = (await stranger.get("/api/boards")).json().items;
    expect(theirs.find((b: { id: string }) => b.id === g.board.id)).toBeUndefined();
    expect((await stranger.get(`/api/groups/${g.group.id}/board`)).statusCode).toBe(404);
    expect((await g.admin.get(`/api/groups/${g.group.id}/board`)).json()).toMatchObject({ can: { moderate: true } });
  });

  it("lets an organisation admin add and order a board; others may not", async () => {
    const admin = await established();
    const org = await makeOrganisation(t.db, { adminId: admin.id });
    const otherAdmin = await established();
    await makeOrganisation(t.db, { adminId: otherAdmin.id });
    const body = { organisationId: org.id, name: "Harbour peers: open chat", description: "For everyone." };
    expect((await reader.post("/api/boards", body)).statusCode).toBe(403);
    expect((await otherAdmin.post("/api/boards", body)).statusCode).toBe(403);
    const created = await admin.post("/api/boards", body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: body.name, organisationId: org.id, can: { moderate: true } });
    const id = created.json().id;
    expect((await reader.patch(`/api/boards/${id}`, { position: 1 })).statusCode).toBe(403);
    expect((await otherAdmin.patch(`/api/boards/${id}`, { position: 1 })).statusCode).toBe(403);
    const moved = await admin.patch(`/api/boards/${id}`, { position: 3, name: "Open chat" });
    expect(moved.json()).toMatchObject({ position: 3, name: "Open chat" });
  });

  it("refuses bad board input naming the field, and stores nothing", async () => {
    const admin = await established();
    const org = await makeOrganisation(t.db, { adminId: admin.id });
    const before = await count("forum_boards");
    for (const [body, field] of [
      [{ organisationId: org.id, name: "" }, "name"],
      [{ organisationId: org.id, name: "x".repeat(81) }, "name"],
      [{ organisationId: "nope", name: "Fine" }, "organisationId"],
      [{ organisationId: org.id, name: "\u202E\u202E" }, "name"],
    ] as const) {
      const res = await admin.post("/api/boards", body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.field).toBe(field);
    }
    expect(await count("forum_boards")).toBe(before);
    expect((await admin.patch(`/api/boards/${newcomersId}`, { colour: "red" })).statusCode).toBe(400);
  });

  it("answers 404 for a board that does not exist or a malformed id", async () => {
    expect((await reader.get("/api/boards/00000000-0000-4000-8000-000000000000")).statusCode).toBe(404);
    expect((await reader.get("/api/boards/not-a-uuid")).statusCode).toBe(400);
  });

  it("marks a visit and counts threads started since the last one", async () => {
    const visitor = await established();
    expect((await visitor.put(`/api/boards/${startingAgainId}/visit`)).statusCode).toBe(204);
    const before = (await visitor.get(`/api/boards/${startingAgainId}`)).json();
    expect(before.newThreads).toBe(0);
    await startThread(author, startingAgainId, { title: "Back at day one" });
    const after = (await visitor.get(`/api/boards/${startingAgainId}`)).json();
    expect(after.newThreads).toBe(1);
    const list = (await visitor.get(`/api/boards/${startingAgainId}/threads`)).json().items;
    expect(list.find((x: { title: string }) => x.title === "Back at day one")).toMatchObject({ isNew: true });
  });

  it("follows and unfollows a board", async () => {
    expect((await reader.put(`/api/boards/${newcomersId}/follow`)).statusCode).toBe(204);
    expect((await reader.get(`/api/boards/${newcomersId}`)).json().following).toBe(true);
    expect((await reader.get("/api/forums/following")).json().boards.map((b: { id: string }) => b.id)).toContain(
      newcomersId,
    );
    expect((await reader.delete(`/api/boards/${newcomersId}/follow`)).statusCode).toBe(204);
    expect((await reader.get(`/api/boards/${newcomersId}`)).json().following).toBe(false);
  });
});

describe("threads and replies", () => {
  it("starts a thread (the fixed contract), reads it with its first page, and lists it on the board", async () => {
    const res = await author.post(`/api/boards/${newcomersId}/threads`, {
      title: "Hello from a newcomer",
      body: "I'm **new** here. See https://example.org",
    });
    expect(res.statusCode).toBe(201);
    const thread = res.json();
    expect(thread).toMatchObject({
      id: expect.any(String),
      kind: "discussion",
      author: { kind: "member", handle: author.handle },
    });
    const page = (await reader.get(`/api/threads/${thread.id}`)).json();
    expect(page.thread).toMatchObject({ title: "Hello from a newcomer", replyCount: 0, lastReadSeq: null });
    expect(page.posts).toHaveLength(1);
    expect(page.posts[0]).toMatchObject({ seq: 0, folded: false, mine: false });
    expect(page.posts[0].html).toContain("<strong>new</strong>");
    expect(page.posts[0].html).toContain('rel="nofollow ugc noopener"');
    const list = (await reader.get(`/api/boards/${newcomersId}/threads`)).json();
    expect(list.items[0]).toMatchObject({ id: thread.id, title: "Hello from a newcomer" });
  });

  it("takes every kind of post, and a milestone needs its day count", async () => {
    for (const kind of ["discussion", "question", "recovery_story", "coping_strategy"]) {
      const th = await startThread(author, newcomersId, { kind });
      expect(th).toMatchObject({ kind });
    }
    const missing = await author.post(`/api/boards/${newcomersId}/threads`, {
      title: "A year",
      body: "One year today.",
      kind: "milestone",
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.field).toBe("dayCount");
    const ok = await startThread(author, newcomersId, { kind: "milestone", dayCount: 365 });
    expect(ok).toMatchObject({ kind: "milestone", dayCount: 365 });
    const filtered = (await reader.get(`/api/boards/${newcomersId}/threads?kind=milestone`)).json().items;
    expect(filtered.every((x: { kind: string }) => x.kind === "milestone")).toBe(true);
  });

  it("celebrates a milestone of the author's own journey, its day count taken from the journey", async () => {
    const start = new Date(Date.now() - 100 * 86_400_000).toISOString().slice(0, 10);
    const journey = (
      await author.post("/api/journeys", { label: "Alcohol", startDate: start, timeZone: "UTC" })
    ).json();
    const milestonesId = ((await reader.get("/api/boards")).json().items as { id: string; slug: string | null }[]).find(
      (b) => b.slug === "milestones",
    )?.id as string;
    const th = await startThread(author, milestonesId, {
      title: "Ninety days",
      kind: "milestone",
      milestone: { journeyId: journey.id, milestone: "90d" },
    });
    expect(th).toMatchObject({ kind: "milestone", dayCount: 90, milestone: "90d" });
    expect((await reader.get(`/api/threads/${th.id}`)).json().thread).toMatchObject({ dayCount: 90, milestone: "90d" });
    // Typing another count over it makes it the author's own words again.
    expect((await author.patch(`/api/threads/${th.id}`, { dayCount: 91 })).json().thread).toMatchObject({
      milestone: null,
    });

    const before = await count("forum_threads");
    // Not reached yet, not a milestone, someone else's journey, or no journey at all: 404, nothing stored.
    for (const [who, milestone, journeyId] of [
      [author, "6m", journey.id],
      [reader, "90d", journey.id],
      [author, "90d", "00000000-0000-4000-8000-000000000000"],
    ] as const) {
      const res = await who.post(`/api/boards/${milestonesId}/threads`, {
        title: "Ninety days",
        body: "Ninety days today.",
        kind: "milestone",
        milestone: { journeyId, milestone },
      });
      expect(res.statusCode, res.body).toBe(404);
      expect(res.body).not.toContain("Alcohol");
    }
    for (const body of [
      { kind: "discussion", milestone: { journeyId: journey.id, milestone: "90d" } },
      { kind: "milestone", milestone: { journeyId: journey.id, milestone: "91d" } },
      { kind: "milestone", milestone: { journeyId: "not-an-id", milestone: "90d" } },
    ]) {
      const res = await author.post(`/api/boards/${milestonesId}/threads`, { title: "T", body: "B", ...body });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.field).toMatch(/^milestone/);
    }
    expect(await count("forum_threads")).toBe(before);
  });

  it("replies (the fixed contract), in order, and counts them", async () => {
    const th = await startThread(author, newcomersId);
    const r1 = await reply(reader, th.id);
    const r2 = await reply(author, th.id, { body: "Thank you." });
    expect([r1.seq, r2.seq]).toEqual([1, 2]);
    const page = (await stranger.get(`/api/threads/${th.id}`)).json();
    expect(page.posts.map((p: { seq: number }) => p.seq)).toEqual([0, 1, 2]);
    expect(page.thread.replyCount).toBe(2);
  });

  it("refuses bad input naming the field and stores nothing", async () => {
    const th = await startThread(author, newcomersId);
    const threads = await count("forum_threads");
    const posts = await count("forum_posts");
    const cases: [string, Record<string, unknown>, string][] = [
      [`/api/boards/${newcomersId}/threads`, { title: "", body: "x" }, "title"],
      [`/api/boards/${newcomersId}/threads`, { title: "   ", body: "x" }, "title"],
      [`/api/boards/${newcomersId}/threads`, { title: "x".repeat(161), body: "x" }, "title"],
      [`/api/boards/${newcomersId}/threads`, { title: "Hi", body: "" }, "body"],
      [`/api/boards/${newcomersId}/threads`, { title: "Hi", body: "\u0000\u0000" }, "body"],
      [`/api/boards/${newcomersId}/threads`, { title: "Hi", body: "x".repeat(20_001) }, "body"],
      [`/api/boards/${newcomersId}/threads`, { title: "Hi", body: "x", kind: "rant" }, "kind"],
      [`/api/boards/${newcomersId}/threads`, { title: "Hi", body: "x", warnings: "relapse" }, "warnings"],
      [`/api/boards/${newcomersId}/threads`, { title: "Hi", body: "x", warnings: Array(11).fill("grief") }, "warnings"],
      [`/api/boards/${newcomersId}/threads`, { title: "Hi", body: "x", anonymous: "yes" }, "anonymous"],
      [`/api/boards/${newcomersId}/threads`, { title: "Hi", body: "x", kind: "milestone", dayCount: -4 }, "dayCount"],
      [`/api/threads/${th.id}/replies`, { body: "" }, "body"],
      [`/api/threads/${th.id}/replies`, { body: "ok", quotePostId: "nope" }, "quotePostId"],
    ];
    for (const [url, body, field] of cases) {
      const res = await author.post(url, body);
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
      expect(res.json().error).toMatchObject({ code: "invalid", field });
    }
    expect(await count("forum_threads")).toBe(threads);
    expect(await count("forum_posts")).toBe(posts);
  });

  it("refuses a 10 MB body with 413", async () => {
    const res = await author.post(`/api/boards/${newcomersId}/threads`, { title: "Big", body: "x".repeat(10_000_000) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe("too_large");
  });

  it("stores hostile strings inert: no script, no handler, no javascript: link, no image, no bidi override", async () => {
    const payloads = [
      "<script>alert(1)</script>",
      '<img src=x onerror="alert(1)">',
      "[click](javascript:alert(1))",
      "[click](JaVaScRiPt:alert(1))",
      "<svg onload=alert(1)><circle/></svg>",
      "![pic](https://tracker.example/p.png)",
      '<a href="javascript:alert(1)">x</a>',
      "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
      "<iframe src=https://evil.example></iframe>",
      "'; DROP TABLE forum_posts; --",
      "Robert'); DELETE FROM members WHERE ('1'='1",
      "\u202Egnp.exe",
      "emoji 👩‍👩‍👧 and combining é and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    ];
    for (const payload of payloads) {
      const th = await startThread(author, newcomersId, { title: payload.slice(0, 150), body: payload });
      const post = (await reader.get(`/api/threads/${th.id}`)).json().posts[0];
      // Only escaped text may remain: no real tag but the allowed ones, no handler, no unsafe link.
      expect(post.html).not.toMatch(/<(script|img|svg|iframe|a\s[^>]*href="(?!https?:))/i);
      expect(post.html).not.toMatch(/<[^>]*\son\w+=/i);
      expect(post.html).not.toContain("\u202E");
      expect(post.body).not.toContain("\u202E");
    }
    expect(await count("members")).toBeGreaterThan(3);
    const unicode = await startThread(author, newcomersId, { title: "Ünïcödé 🌱", body: "emoji 👩‍👩‍👧 ok" });
    const page = (await reader.get(`/api/threads/${unicode.id}`)).json();
    expect(page.thread.title).toBe("Ünïcödé 🌱");
    expect(page.posts[0].body).toBe("emoji 👩‍👩‍👧 ok");
  });

  it("previews Markdown as it would be posted", async () => {
    const res = await author.post("/api/forums/preview", { body: "**hi** <script>x</script>" });
    expect(res.statusCode).toBe(200);
    expect(res.json().html).toBe("<p><strong>hi</strong> &lt;script&gt;x&lt;/script&gt;</p>\n");
    expect((await author.post("/api/forums/preview", { body: "" })).json().error.field).toBe("body");
    expect((await t.anonymous().post("/api/forums/preview", { body: "x" })).statusCode).toBe(401);
  });

  it("quotes a reply with its words, refuses words the post never said, and carries the quoted warnings", async () => {
    const th = await startThread(author, newcomersId, { body: "Walking helped me most on the bad nights." });
    const warned = await reply(reader, th.id, { body: "The night I slipped was awful.", warnings: ["relapse"] });
    const page = (await author.get(`/api/threads/${th.id}`)).json();
    const opening = page.posts[0].id;
    const q = await author.post(`/api/threads/${th.id}/replies`, {
      body: "This.",
      quotePostId: opening,
      quoteText: "Walking helped me",
    });
    expect(q.statusCode).toBe(201);
    expect(q.json().quote).toMatchObject({ postId: opening, seq: 0, text: "Walking helped me" });
    const fake = await author.post(`/api/threads/${th.id}/replies`, {
      body: "This.",
      quotePostId: opening,
      quoteText: "something they never wrote",
    });
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error.field).toBe("quoteText");
    const other = await startThread(author, newcomersId);
    const cross = await author.post(`/api/threads/${other.id}/replies`, { body: "x", quotePostId: opening });
    expect(cross.json().error.field).toBe("quotePostId");
    // Quoting a warned post folds the quote too: its words never show before the reader asks.
    const quoting = await reply(stranger, th.id, { body: "Sending strength.", quotePostId: warned.id });
    const seen = (await author.get(`/api/threads/${th.id}`))
      .json()
      .posts.find((p: { id: string }) => p.id === quoting.id);
    expect(seen).toMatchObject({ folded: true, warnings: ["relapse"], quote: { postId: warned.id } });
    expect(seen.quote.text).toBeUndefined();
    expect(JSON.stringify(seen)).not.toContain("slipped");
  });

  it("edits one's own post and thread, keeps the history for moderators only", async () => {
    const th = await startThread(author, newcomersId, { body: "First words." });
    const postId = (await author.get(`/api/threads/${th.id}`)).json().posts[0].id;
    const edited = await author.patch(`/api/posts/${postId}`, { body: "Better words." });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ body: "Better words.", editedAt: expect.any(String) });
    const retitled = await author.patch(`/api/threads/${th.id}`, { title: "A new title" });
    expect(retitled.json().thread.title).toBe("A new title");
    expect((await reader.patch(`/api/posts/${postId}`, { body: "Hijack" })).statusCode).toBe(403);
    expect((await reader.patch(`/api/threads/${th.id}`, { title: "Hijack" })).statusCode).toBe(403);
    expect((await reader.get(`/api/posts/${postId}/history`)).statusCode).toBe(403);
    expect((await author.get(`/api/posts/${postId}/history`)).statusCode).toBe(403);
    const history = (await moderator.get(`/api/posts/${postId}/history`)).json().items;
    expect(history.map((h: { body: string }) => h.body)).toEqual(["Better words.", "Better words.", "First words."]);
    expect(history.map((h: { title: string }) => h.title)).toEqual([
      "A new title",
      "Finding my feet",
      "Finding my feet",
    ]);
    expect((await author.patch(`/api/posts/${postId}`, { body: "" })).json().error.field).toBe("body");
    expect((await author.patch(`/api/posts/${postId}`, { title: "x" })).statusCode).toBe(400);
  });

  it("deletes one's own reply: the words go, the place stays, quotes of it lose their words", async () => {
    const th = await startThread(author, newcomersId);
    const r = await reply(reader, th.id, { body: "Something I regret saying." });
    const q = await reply(author, th.id, { body: "Hm.", quotePostId: r.id });
    expect((await author.delete(`/api/posts/${r.id}`)).statusCode).toBe(403);
    expect((await stranger.delete(`/api/posts/${r.id}`)).statusCode).toBe(403);
    expect((await reader.delete(`/api/posts/${r.id}`)).statusCode).toBe(204);
    const page = (await stranger.get(`/api/threads/${th.id}`)).json();
    const gone = page.posts.find((p: { id: string }) => p.id === r.id);
    expect(gone).toMatchObject({ deleted: true, seq: 1 });
    expect(gone.body).toBeUndefined();
    expect(page.posts.find((p: { id: string }) => p.id === q.id).quote.text).toBeUndefined();
    expect(JSON.stringify(page)).not.toContain("regret");
    expect((await reader.patch(`/api/posts/${r.id}`, { body: "again" })).statusCode).toBe(403);
  });

  it("deletes a thread: wholly when no one else replied, only the opening words when they did", async () => {
    const lonely = await startThread(author, newcomersId);
    expect((await reader.delete(`/api/threads/${lonely.id}`)).statusCode).toBe(403);
    expect((await author.delete(`/api/threads/${lonely.id}`)).statusCode).toBe(204);
    expect((await reader.get(`/api/threads/${lonely.id}`)).statusCode).toBe(404);
    const answered = await startThread(author, newcomersId, { body: "Opening words to remove." });
    await reply(reader, answered.id, { body: "A reply that stays." });
    expect((await author.delete(`/api/threads/${answered.id}`)).statusCode).toBe(204);
    const page = (await reader.get(`/api/threads/${answered.id}`)).json();
    expect(page.posts[0]).toMatchObject({ deleted: true });
    expect(page.posts[1]).toMatchObject({ body: "A reply that stays." });
  });

  it("answers 404 for threads and posts that do not exist", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    expect((await reader.get(`/api/threads/${missing}`)).statusCode).toBe(404);
    expect((await reader.post(`/api/threads/${missing}/replies`, { body: "x" })).statusCode).toBe(404);
    expect((await reader.get(`/api/posts/${missing}`)).statusCode).toBe(404);
    expect((await reader.put(`/api/posts/${missing}/reactions/me_too`)).statusCode).toBe(404);
    expect((await reader.put(`/api/posts/${missing}/reactions/hug`)).statusCode).toBe(400);
  });
});

describe("keyset pagination", () => {
  it("pages through a thread of 1,000 replies in order with no gaps or repeats", async () => {
    const th = await startThread(author, newcomersId, { title: "The long thread" });
    await t.db.execute(sql`
      insert into forum_posts (thread_id, board_id, seq, author_id, body, html, search)
      select ${th.id}, ${newcomersId}, s, ${reader.id}, 'Reply ' || s, '<p>Reply ' || s || '</p>', to_tsvector('english', 'Reply')
      from generate_series(1, 1000) s`);
    await t.db.execute(sql`update forum_threads set last_seq = 1000 where id = ${th.id}`);
    const first = (await author.get(`/api/threads/${th.id}`)).json();
    expect(first.posts).toHaveLength(20);
    expect(first.thread.replyCount).toBe(1000);
    const seen: number[] = first.posts.map((p: { seq: number }) => p.seq);
    let cursor = first.nextCursor;
    let pages = 1;
    while (cursor !== null) {
      const res = await author.get(`/api/threads/${th.id}/posts?after=${cursor}&limit=100`);
      expect(res.statusCode).toBe(200);
      const page = res.json();
      seen.push(...page.items.map((p: { seq: number }) => p.seq));
      cursor = page.nextCursor;
      pages += 1;
    }
    expect(pages).toBe(11);
    expect(seen).toEqual(Array.from({ length: 1001 }, (_, i) => i));
    const late = (await author.get(`/api/threads/${th.id}/posts?after=990`)).json();
    expect(late.items.map((p: { seq: number }) => p.seq)).toEqual([991, 992, 993, 994, 995, 996, 997, 998, 999, 1000]);
    expect(late.nextCursor).toBeNull();
    expect((await author.get(`/api/threads/${th.id}/posts?after=abc`)).json().error.field).toBe("after");
    expect((await author.get(`/api/threads/${th.id}/posts?limit=1000`)).json().error.field).toBe("limit");
  });

  it("pages a board's threads with an opaque cursor and refuses a forged one", async () => {
    const admin = await established();
    const org = await makeOrganisation(t.db, { adminId: admin.id });
    const b = (await admin.post("/api/boards", { organisationId: org.id, name: "Pages" })).json();
    for (let i = 0; i < 25; i++) await startThread(author, b.id, { title: `Thread ${i}` });
    const p1 = (await reader.get(`/api/boards/${b.id}/threads`)).json();
    expect(p1.items).toHaveLength(20);
    const p2 = (await reader.get(`/api/boards/${b.id}/threads?cursor=${p1.nextCursor}`)).json();
    expect(p2.items).toHaveLength(5);
    expect(p2.nextCursor).toBeNull();
    const titles = [...p1.items, ...p2.items].map((x: { title: string }) => x.title);
    expect(new Set(titles).size).toBe(25);
    const forged = await reader.get(`/api/boards/${b.id}/threads?cursor=${encodeURIComponent("'; drop table x")}`);
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.field).toBe("cursor");
  });
});

describe("content warnings and trigger filters", () => {
  it("folds a warned post for other members: no body in the response until they open that post", async () => {
    const th = await startThread(author, startingAgainId, {
      title: "Seven months, then the wedding",
      body: "Quinine tonic was the first thing I ordered.",
      warnings: ["relapse", "Self-harm", "my dad"],
      kind: "recovery_story",
    });
    const page = (await reader.get(`/api/threads/${th.id}`)).json();
    const post = page.posts[0];
    expect(post).toMatchObject({ folded: true, warnings: ["relapse", "self_harm", "my dad"] });
    expect(post.body).toBeUndefined();
    expect(post.html).toBeUndefined();
    expect(JSON.stringify(page)).not.toContain("Quinine");
    expect(page.thread.warnings).toEqual(["relapse", "self_harm", "my dad"]);
    // The author sees their own post open.
    expect((await author.get(`/api/threads/${th.id}`)).json().posts[0]).toMatchObject({ folded: false });
    // Opening it is asking for that post only.
    const opened = (await reader.get(`/api/posts/${post.id}`)).json();
    expect(opened).toMatchObject({ folded: false, body: "Quinine tonic was the first thing I ordered." });
    expect((await reader.get(`/api/threads/${th.id}`)).json().posts[0].folded).toBe(true);
  });

  it("folds only the warnings a member chose, hides posts with their words, and can hide using detail", async () => {
    const m = await established();
    expect((await m.get("/api/forums/filters")).json()).toMatchObject({ hideWords: [], showUsingDetail: true });
    expect((await m.get("/api/forums/filters")).json().foldWarnings).toHaveLength(8);
    const grief = await startThread(author, startingAgainId, { body: "I lost my mum this year.", warnings: ["grief"] });
    const casino = await startThread(author, startingAgainId, {
      title: "Casino nights",
      body: "The CASINO lights pulled me back.",
    });
    const using = await startThread(author, startingAgainId, {
      body: "Exactly how I used.",
      warnings: ["using_detail"],
    });
    const saved = await m.put("/api/forums/filters", {
      foldWarnings: ["relapse"],
      hideWords: ["casino"],
      showUsingDetail: false,
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({ foldWarnings: ["relapse"], hideWords: ["casino"], showUsingDetail: false });
    expect((await m.get(`/api/threads/${grief.id}`)).json().posts[0]).toMatchObject({
      folded: false,
      body: "I lost my mum this year.",
    });
    const hidden = (await m.get(`/api/threads/${casino.id}`)).json().posts[0];
    expect(hidden).toMatchObject({ folded: true, hidden: true });
    expect(hidden.body).toBeUndefined();
    const usingPost = (await m.get(`/api/threads/${using.id}`)).json().posts[0];
    expect(usingPost).toMatchObject({ hidden: true });
    const list = (await m.get(`/api/boards/${startingAgainId}/threads`)).json().items.map((x: { id: string }) => x.id);
    expect(list).not.toContain(casino.id);
    expect(list).not.toContain(using.id);
    expect(list).toContain(grief.id);
    // Whole words only: "casinos" is a different word, "occasion" never matches.
    const other = await startThread(author, startingAgainId, { body: "A special occasion." });
    expect((await m.get(`/api/threads/${other.id}`)).json().posts[0].hidden).toBe(false);
  });

  it("refuses bad filters naming the field and keeps the old ones", async () => {
    const m = await established();
    await m.put("/api/forums/filters", { hideWords: ["bar"] });
    for (const [body, field] of [
      [{ foldWarnings: ["sadness"] }, "foldWarnings.0"],
      [{ hideWords: [""] }, "hideWords.0"],
      [{ hideWords: Array(51).fill("w") }, "hideWords"],
      [{ showUsingDetail: "no" }, "showUsingDetail"],
      [{ other: 1 }, "body"],
    ] as const) {
      const res = await m.put("/api/forums/filters", body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.field).toBe(field);
    }
    expect((await m.get("/api/forums/filters")).json().hideWords).toEqual(["bar"]);
  });
});

describe("reactions", () => {
  it("counts reactions publicly, shows who reacted to the author only", async () => {
    const th = await startThread(author, newcomersId);
    const postId = (await author.get(`/api/threads/${th.id}`)).json().posts[0].id;
    const res = await reader.put(`/api/posts/${postId}/reactions/me_too`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ reactions: { me_too: 1 }, myReactions: ["me_too"] });
    await reader.put(`/api/posts/${postId}/reactions/me_too`); // twice is still once
    await stranger.put(`/api/posts/${postId}/reactions/sending_strength`);
    const seen = (await moderator.get(`/api/threads/${th.id}`)).json().posts[0];
    expect(seen.reactions).toEqual({ me_too: 1, sending_strength: 1, thank_you: 0, this_helped: 0 });
    expect(seen.myReactions).toEqual([]);
    expect(JSON.stringify(seen)).not.toContain(reader.handle);
    const who = await author.get(`/api/posts/${postId}/reactions`);
    expect(who.statusCode).toBe(200);
    expect(who.json().items).toEqual(
      expect.arrayContaining([
        { kind: "me_too", handles: [reader.handle], formerMembers: 0 },
        { kind: "sending_strength", handles: [stranger.handle], formerMembers: 0 },
      ]),
    );
    expect((await reader.get(`/api/posts/${postId}/reactions`)).statusCode).toBe(403);
    expect((await moderator.get(`/api/posts/${postId}/reactions`)).statusCode).toBe(403);
    expect((await author.put(`/api/posts/${postId}/reactions/me_too`)).statusCode).toBe(403);
    const undone = await reader.delete(`/api/posts/${postId}/reactions/me_too`);
    expect(undone.json()).toMatchObject({ reactions: { me_too: 0 }, myReactions: [] });
  });
});

describe("anonymous posting", () => {
  it("never shows the author to members, and lets a moderator look only with a reason, recorded in the author's access log", async () => {
    const th = await startThread(author, startingAgainId, { anonymous: true, title: "Anonymous story" });
    const r = await reply(author, th.id, { anonymous: true, body: "Still me, still anonymous." });
    for (const viewer of [reader, stranger, moderator]) {
      const page = await viewer.get(`/api/threads/${th.id}`);
      expect(page.body).not.toContain(author.handle);
      expect(page.body).not.toContain(author.id);
      expect(page.json().thread.author).toEqual({ kind: "anonymous", handle: null });
      expect(page.json().posts[1].author).toEqual({ kind: "anonymous", handle: null });
    }
    const list = (await reader.get(`/api/boards/${startingAgainId}/threads`)).json().items;
    const listed = list.find((x: { id: string }) => x.id === th.id);
    expect(listed.author).toEqual({ kind: "anonymous", handle: null });
    expect(JSON.stringify(listed)).not.toContain(author.handle);
    const search = await reader.get(`/api/search?q=${encodeURIComponent("still anonymous")}`);
    const hits = search.json().items.filter((h: { threadId: string }) => h.threadId === th.id);
    expect(hits.length).toBeGreaterThan(0);
    expect(JSON.stringify(hits)).not.toContain(author.handle);
    const mine = (await author.get(`/api/threads/${th.id}`)).json();
    expect(mine.posts[1]).toMatchObject({ mine: true, author: { kind: "anonymous" }, can: { edit: true } });
    // Members cannot unmask.
    expect((await reader.post(`/api/posts/${r.id}/author`, { reason: "curious" })).statusCode).toBe(403);
    expect((await reader.get(`/api/posts/${r.id}/reactions`)).statusCode).toBe(403);
    // A moderator can, with a reason, and it is recorded.
    expect((await moderator.post(`/api/posts/${r.id}/author`, {})).json().error.field).toBe("reason");
    const unmasked = await moderator.post(`/api/posts/${r.id}/author`, { reason: "Reported as a threat" });
    expect(unmasked.statusCode).toBe(200);
    expect(unmasked.json()).toEqual({ handle: author.handle, former: false });
    const log = (await author.get("/api/me/access-log")).json().items;
    expect(log[0]).toMatchObject({
      viewer: { handle: moderator.handle, role: "moderator" },
      recordType: "anonymous_post_author",
      reason: "Reported as a threat",
    });
    // A post that is not anonymous has nothing to unmask.
    const plain = await reply(reader, th.id);
    expect((await moderator.post(`/api/posts/${plain.id}/author`, { reason: "x" })).statusCode).toBe(409);
  });
});

describe("private group boards", () => {
  it("lets members read and post; a stranger reads, posts, follows and searches nothing, and gets 404 not 403", async () => {
    const g = await privateGroup();
    const page = await g.facilitator.get(`/api/threads/${g.thread.id}`);
    expect(page.statusCode).toBe(200);
    await reply(g.facilitator, g.thread.id);
    const postId = page.json().posts[0].id;
    const requester = await established();
    await addToGroup(t.db, g.group.id, requester.id, "member", "requested");
    const otherFacilitator = await established();
    const otherAdmin = await established();
    const otherOrg = await makeOrganisation(t.db, { adminId: otherAdmin.id });
    await makeGroup(t.db, otherOrg.id, { facilitatorId: otherFacilitator.id });
    for (const outsider of [stranger, requester, otherFacilitator, otherAdmin, moderator]) {
      const tries = [
        await outsider.get(`/api/boards/${g.board.id}`),
        await outsider.get(`/api/boards/${g.board.id}/threads`),
        await outsider.post(`/api/boards/${g.board.id}/threads`, { title: "x", body: "y" }),
        await outsider.put(`/api/boards/${g.board.id}/follow`),
        await outsider.get(`/api/threads/${g.thread.id}`),
        await outsider.get(`/api/threads/${g.thread.id}/posts`),
        await outsider.post(`/api/threads/${g.thread.id}/replies`, { body: "x" }),
        await outsider.put(`/api/threads/${g.thread.id}/follow`),
        await outsider.put(`/api/threads/${g.thread.id}/read`, { seq: 0 }),
        await outsider.get(`/api/posts/${postId}`),
        await outsider.put(`/api/posts/${postId}/reactions/me_too`),
        await outsider.post(`/api/posts/${postId}/reports`, { reason: "spam" }),
        await outsider.post(`/api/posts/${postId}/author`, { reason: "x" }),
        await outsider.get(`/api/posts/${postId}/history`),
      ];
      for (const res of tries) {
        expect(res.statusCode, `${outsider.handle}: ${res.body}`).toBe(404);
        expect(res.body).not.toContain("Marmalade");
        expect(res.body).not.toContain("Tuesday circle");
      }
      const found = await outsider.get("/api/search?q=marmalade");
      expect(found.statusCode).toBe(200);
      expect(found.json().items).toEqual([]);
      const byBoard = await outsider.get(`/api/search?q=marmalade&boardId=${g.board.id}`);
      expect(byBoard.json().items).toEqual([]);
    }
    // The member and the organisation's admin find it.
    expect((await g.member.get("/api/search?q=marmalade")).json().items).toHaveLength(1);
    expect((await g.admin.get("/api/search?q=marmalade")).json().items).toHaveLength(1);
    // The facilitator moderates the group board.
    expect((await g.facilitator.get(`/api/posts/${postId}/history`)).statusCode).toBe(200);
    expect((await g.member.get(`/api/posts/${postId}/history`)).statusCode).toBe(403);
  });

  it("closes the board to a member who leaves the group", async () => {
    const g = await privateGroup();
    await t.db.execute(sql`delete from group_members where member_id = ${g.member.id}`);
    expect((await g.member.get(`/api/threads/${g.thread.id}`)).statusCode).toBe(404);
    expect((await g.member.get("/api/search?q=marmalade")).json().items).toEqual([]);
  });
});

describe("search", () => {
  it("finds posts in English and Spanish, with filters by board, kind and date", async () => {
    const en = await startThread(author, newcomersId, {
      title: "Cravings at night",
      body: "Walking the dog calms my cravings.",
    });
    const es = await startThread(author, startingAgainId, {
      title: "Recaídas",
      body: "Después de la recaída volví a las reuniones.",
      kind: "recovery_story",
    });
    const hits = (await reader.get("/api/search?q=craving")).json().items;
    expect(hits.map((h: { threadId: string }) => h.threadId)).toContain(en.id);
    expect(hits[0]).toMatchObject({ folded: false, excerpt: expect.stringContaining("cravings") });
    const spanish = (await reader.get(`/api/search?q=${encodeURIComponent("reunión")}`)).json().items;
    expect(spanish.map((h: { threadId: string }) => h.threadId)).toContain(es.id);
    const byKind = (await reader.get("/api/search?q=craving&kind=recovery_story")).json().items;
    expect(byKind.map((h: { threadId: string }) => h.threadId)).not.toContain(en.id);
    const byBoard = (await reader.get(`/api/search?q=craving&boardId=${startingAgainId}`)).json().items;
    expect(byBoard.map((h: { threadId: string }) => h.threadId)).not.toContain(en.id);
    const future = (await reader.get("/api/search?q=craving&from=2999-01-01")).json().items;
    expect(future).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    const bounded = (await reader.get(`/api/search?q=craving&from=${today}&to=${today}`)).json().items;
    expect(bounded.map((h: { threadId: string }) => h.threadId)).toContain(en.id);
  });

  it("returns a folded post without its words", async () => {
    await startThread(author, startingAgainId, { body: "Zeppelin story with hard parts.", warnings: ["trauma_abuse"] });
    const hit = (await reader.get("/api/search?q=zeppelin")).json().items[0];
    expect(hit).toMatchObject({ folded: true, warnings: ["trauma_abuse"] });
    expect(hit.excerpt).toBeUndefined();
  });

  it("treats hostile queries as words and refuses bad ones naming the field", async () => {
    for (const q of ["'; drop table forum_posts; --", "!!!", "a & | ! (", "<script>", "\u202E"]) {
      const res = await reader.get(`/api/search?q=${encodeURIComponent(q)}`);
      expect([200, 400]).toContain(res.statusCode);
      if (res.statusCode === 400) expect(res.json().error.field).toBe("q");
    }
    expect(await count("forum_posts")).toBeGreaterThan(0);
    for (const [query, field] of [
      ["q=a", "q"],
      ["", "q"],
      [`q=${"x".repeat(201)}`, "q"],
      ["q=ok&kind=rant", "kind"],
      ["q=ok&from=2026-02-30", "from"],
      ["q=ok&boardId=nope", "boardId"],
      ["q=ok&cursor=nope", "cursor"],
    ]) {
      const res = await reader.get(`/api/search?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.field).toBe(field);
    }
    expect((await t.anonymous().get("/api/search?q=craving")).statusCode).toBe(401);
  });
});

describe("follows, read markers and reports", () => {
  it("follows a thread and counts what is unread since the last read", async () => {
    const th = await startThread(author, newcomersId, { title: "Followed thread" });
    expect((await reader.put(`/api/threads/${th.id}/follow`)).statusCode).toBe(204);
    await reply(author, th.id);
    expect((await reader.put(`/api/threads/${th.id}/read`, { seq: 1 })).statusCode).toBe(204);
    await reply(author, th.id);
    await reply(author, th.id);
    const following = (await reader.get("/api/forums/following")).json().threads;
    expect(following.find((x: { id: string }) => x.id === th.id)).toMatchObject({ unread: 2, following: true });
    const page = (await reader.get(`/api/threads/${th.id}`)).json();
    expect(page.thread).toMatchObject({ lastReadSeq: 1, following: true });
    // Reading an older page does not move the marker back; a seq past the end is clamped.
    await reader.put(`/api/threads/${th.id}/read`, { seq: 0 });
    await reader.put(`/api/threads/${th.id}/read`, { seq: 99 });
    expect((await reader.get(`/api/threads/${th.id}`)).json().thread.lastReadSeq).toBe(3);
    expect((await reader.put(`/api/threads/${th.id}/read`, { seq: -1 })).json().error.field).toBe("seq");
    expect((await reader.delete(`/api/threads/${th.id}/follow`)).statusCode).toBe(204);
    expect((await reader.get(`/api/threads/${th.id}`)).json().thread.following).toBe(false);
  });

  it("stores a report, lets the reporter see its state, and refuses reporting one's own post", async () => {
    const th = await startThread(author, newcomersId);
    const postId = (await author.get(`/api/threads/${th.id}`)).json().posts[0].id;
    const res = await reader.post(`/api/posts/${postId}/reports`, { reason: "harassment", note: "<b>rude</b>" });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ postId, reason: "harassment", note: "<b>rude</b>", status: "open" });
    const mine = (await reader.get("/api/forums/reports")).json().items;
    expect(mine[0]).toMatchObject({ id: res.json().id, status: "open", threadId: th.id });
    expect((await stranger.get("/api/forums/reports")).json().items).toEqual([]);
    expect((await author.post(`/api/posts/${postId}/reports`, { reason: "spam" })).statusCode).toBe(403);
    const bad = await reader.post(`/api/posts/${postId}/reports`, { reason: "meh" });
    expect(bad.json().error.field).toBe("reason");
  });
});

describe("account export and deletion", () => {
  it("exports the member's posts, reactions, filters, follows and reports; deletion keeps what others need as a former member", async () => {
    const leaver = await established();
    const friend = await established();
    const solo = await startThread(leaver, newcomersId, { title: "Only mine", body: "Nobody answered this." });
    const shared = await startThread(leaver, newcomersId, { title: "Answered", body: "Leaver's opening words." });
    const theirReply = await reply(friend, shared.id, { body: "Friend's reply." });
    const leaverReply = await reply(leaver, shared.id, { body: "Leaver's reply." });
    await leaver.put(`/api/posts/${theirReply.id}/reactions/thank_you`);
    await friend.put(`/api/posts/${leaverReply.id}/reactions/me_too`);
    await leaver.put("/api/forums/filters", { hideWords: ["whisky"] });
    await leaver.put(`/api/threads/${shared.id}/follow`);
    await leaver.post(`/api/posts/${theirReply.id}/reports`, { reason: "other", note: "just testing" });

    const exported = (await leaver.get("/api/me/export")).json().forums;
    expect(exported.posts.map((p: { body: string }) => p.body)).toEqual([
      "Nobody answered this.",
      "Leaver's opening words.",
      "Leaver's reply.",
    ]);
    expect(exported.reactions).toEqual([expect.objectContaining({ postId: theirReply.id, kind: "thank_you" })]);
    expect(exported.filters).toMatchObject({ hideWords: ["whisky"] });
    expect(exported.follows).toEqual([expect.objectContaining({ threadId: shared.id })]);
    expect(exported.reports).toEqual([expect.objectContaining({ reason: "other", note: "just testing" })]);
    expect(JSON.stringify(exported)).not.toContain("Friend's reply");

    // Read once first, so a cached first page has to notice the deletion.
    expect((await friend.get(`/api/threads/${shared.id}`)).body).toContain(leaver.handle);
    expect((await leaver.delete("/api/me", { passphrase: leaver.passphrase })).statusCode).toBe(204);
    expect((await friend.get(`/api/threads/${solo.id}`)).statusCode).toBe(404);
    const page = await friend.get(`/api/threads/${shared.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(leaver.handle);
    expect(page.body).not.toContain(leaver.id);
    expect(page.json().thread.author).toEqual({ kind: "former", handle: null });
    expect(page.json().posts.map((p: { author: { kind: string } }) => p.author.kind)).toEqual([
      "former",
      "member",
      "former",
    ]);
    expect(page.json().posts[1].reactions.thank_you).toBe(0);
    const who = (await friend.get(`/api/posts/${theirReply.id}/reactions`)).json();
    expect(who.items).toEqual([]);
    const rows = await t.db.execute(sql`select count(*)::int as n from forum_posts where author_id = ${leaver.id}`);
    expect((rows as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(0);
    for (const table of ["forum_filters", "forum_thread_follows", "forum_reactions", "forum_read_markers"]) {
      const r = await t.db.execute(sql.raw(`select count(*)::int as n from ${table} where member_id = '${leaver.id}'`));
      expect((r as unknown as { rows: { n: number }[] }).rows[0]?.n, table).toBe(0);
    }
  });
});

describe("thread page cache", () => {
  it("shows another node's writes at once: replies, edits, reactions and deletions", async () => {
    // A second app on the same database is a second node with its own cache.
    const other = await buildApp(testConfig(), { database: t.database, keyPrefix: `test:other:${Date.now()}` });
    await other.ready();
    try {
      const onOther = new Agent(other);
      onOther.cookie = reader.cookie;
      const th = await startThread(author, newcomersId, { body: "Version one." });
      const first = (await onOther.get(`/api/threads/${th.id}`)).json();
      expect(first.posts).toHaveLength(1);
      const postId = first.posts[0].id;
      const r = await reply(author, th.id, { body: "A second post." });
      await author.patch(`/api/posts/${postId}`, { body: "Version two." });
      await stranger.put(`/api/posts/${postId}/reactions/thank_you`);
      let page = (await onOther.get(`/api/threads/${th.id}`)).json();
      expect(page.posts.map((p: { body: string }) => p.body)).toEqual(["Version two.", "A second post."]);
      expect(page.posts[0].reactions.thank_you).toBe(1);
      await author.delete(`/api/posts/${r.id}`);
      await onOther.put(`/api/posts/${postId}/reactions/me_too`);
      page = (await reader.get(`/api/threads/${th.id}`)).json();
      expect(page.posts[1]).toMatchObject({ deleted: true });
      expect(page.posts[0]).toMatchObject({ myReactions: ["me_too"], reactions: { me_too: 1, thank_you: 1 } });
      // Each viewer gets their own folding from the same cached page.
      const warned = await startThread(author, newcomersId, { body: "Folded words.", warnings: ["grief"] });
      expect((await author.get(`/api/threads/${warned.id}`)).json().posts[0].body).toBe("Folded words.");
      expect((await onOther.get(`/api/threads/${warned.id}`)).json().posts[0].body).toBeUndefined();
      expect((await reader.get(`/api/threads/${warned.id}`)).json().posts[0].body).toBeUndefined();
    } finally {
      await other.close();
    }
  });
});
