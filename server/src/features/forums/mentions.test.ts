import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forumModerators, memberTrust } from "../../db/schema.ts";
import { addToGroup, makeGroup, makeOrganisation } from "../../test/directory-factories.ts";
import { buildTestApp, type TestApp } from "../../test/helper.ts";

let t: TestApp;
type Member = Awaited<ReturnType<TestApp["makeMember"]>>;
let boardId: string;

beforeAll(async () => {
  t = await buildTestApp();
  const someone = await established();
  const boards = (await someone.get("/api/boards")).json().items as { id: string; name: string }[];
  boardId = boards.find((b) => b.name === "Newcomers")?.id as string;
});
afterAll(async () => t?.close());

async function established() {
  const m = await t.makeMember();
  await t.db.insert(memberTrust).values({ memberId: m.id, level: 1, reason: "An established member in these tests." });
  return m;
}

const count = async (where: string) => {
  const rows = await t.db.execute(sql.raw(`select count(*)::int as n from forum_mentions where ${where}`));
  return Number((rows as unknown as { rows: { n: number }[] }).rows[0]?.n);
};

async function startThread(who: Member, body: string, extra: Record<string, unknown> = {}, board = boardId) {
  const res = await who.post(`/api/boards/${board}/threads`, { title: "A quiet evening", body, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

async function reply(who: Member, threadId: string, body: string, extra: Record<string, unknown> = {}) {
  const res = await who.post(`/api/threads/${threadId}/replies`, { body, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; html: string; seq: number };
}

type MentionItem = {
  id: string;
  postId: string;
  threadId: string;
  threadTitle: string;
  author: { kind: string; handle: string | null };
  unread: boolean;
  folded: boolean;
  excerpt?: string;
  warnings: string[];
};
const mentionsOf = async (who: Member) => {
  const res = await who.get("/api/me/mentions");
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: MentionItem[]; nextCursor: string | null; unread: number };
};

describe("@mentions", () => {
  it("links a mention, lists it for the member mentioned, counts it unread and marks it read", async () => {
    const author = await established();
    const reader = await established();
    const thread = await startThread(author, "Evenings are the hardest part for me.");
    const r = await reply(author, thread.id, `Thinking of you @${reader.handle.toUpperCase()}, and of @nobody_at_all.`);
    expect(r.html).toContain(`<a href="/members/${reader.handle}" class="mention"`);
    expect(r.html).toContain("@nobody_at_all");
    expect(r.html).not.toContain("/members/nobody_at_all");

    expect((await reader.get("/api/me/mentions/count")).json()).toEqual({ unread: 1 });
    const list = await mentionsOf(reader);
    expect(list.unread).toBe(1);
    expect(list.nextCursor).toBeNull();
    expect(list.items).toEqual([
      expect.objectContaining({
        postId: r.id,
        threadId: thread.id,
        threadTitle: "A quiet evening",
        seq: 1,
        author: { kind: "member", handle: author.handle },
        unread: true,
        folded: false,
        excerpt: expect.stringContaining("Thinking of you"),
      }),
    ]);
    // The thread page carries the same link.
    const page = (await reader.get(`/api/threads/${thread.id}`)).json();
    expect(page.posts[1].html).toContain(`/members/${reader.handle}`);
    // The author is mentioned by no one.
    expect((await mentionsOf(author)).items).toEqual([]);

    const read = await reader.post("/api/me/mentions/read", {});
    expect(read.json()).toEqual({ unread: 0 });
    expect((await mentionsOf(reader)).items[0]?.unread).toBe(false);
  });

  it("mentions in an opening post; an edit adds and removes; deleting and hiding take them away", async () => {
    const author = await established();
    const first = await established();
    const second = await established();
    const thread = await startThread(author, `Hello @${first.handle}, @${author.handle} here.`);
    expect((await mentionsOf(first)).items).toHaveLength(1);
    expect(await count(`author_id = '${author.id}' and mentioned_id = '${author.id}'`)).toBe(0);
    const opening = (await mentionsOf(first)).items[0] as MentionItem;
    await first.post("/api/me/mentions/read", { ids: [opening.id] });

    // Editing keeps the one still named (read stays read) and tells the new one.
    const edited = await author.patch(`/api/posts/${opening.postId}`, {
      body: `Hello @${first.handle} and @${second.handle}.`,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await mentionsOf(first)).items).toEqual([expect.objectContaining({ unread: false })]);
    expect((await mentionsOf(second)).items).toEqual([expect.objectContaining({ unread: true })]);
    // Removing a name removes the mention.
    await author.patch(`/api/posts/${opening.postId}`, { body: `Hello @${second.handle}.` });
    expect((await mentionsOf(first)).items).toEqual([]);

    // A reply's mention goes when the reply is deleted.
    const r = await reply(author, thread.id, `@${first.handle} thank you`);
    expect((await mentionsOf(first)).items).toHaveLength(1);
    expect((await author.delete(`/api/posts/${r.id}`)).statusCode).toBe(204);
    expect((await mentionsOf(first)).items).toEqual([]);
    expect(await count(`post_id = '${r.id}'`)).toBe(0);

    // A moderator hiding a post takes its mentions out of view.
    const moderator = await established();
    await t.db.insert(forumModerators).values({ memberId: moderator.id });
    const hidden = await reply(author, thread.id, `@${first.handle} something unkind`);
    const report = (await first.post(`/api/posts/${hidden.id}/reports`, { reason: "harassment", note: "" })).json();
    const hide = await moderator.post("/api/moderation/actions", {
      kind: "hide",
      reason: "Unkind words about another member.",
      report: { type: "post", id: report.id },
    });
    expect(hide.statusCode, hide.body).toBe(201);
    expect((await mentionsOf(first)).items).toEqual([]);
    expect((await first.get("/api/me/mentions/count")).json()).toEqual({ unread: 0 });
  });

  it("reaches at most ten members from one post, and three from a new account", async () => {
    const author = await established();
    const many = await Promise.all(Array.from({ length: 12 }, () => t.makeMember()));
    const body = many.map((m) => `@${m.handle}`).join(" ");
    const thread = await startThread(author, body);
    const post = (await author.get(`/api/threads/${thread.id}`)).json().posts[0];
    expect(await count(`post_id = '${post.id}'`)).toBe(10);
    expect((post.html.match(/class="mention"/g) ?? []).length).toBe(10);
    expect((await mentionsOf(many[11] as Member)).items).toEqual([]);

    const newcomer = await t.makeMember();
    const r = await reply(
      newcomer,
      thread.id,
      many
        .slice(0, 5)
        .map((m) => `@${m.handle}`)
        .join(" "),
    );
    expect(await count(`post_id = '${r.id}'`)).toBe(3);
    expect((r.html.match(/class="mention"/g) ?? []).length).toBe(3);
  });

  it("refuses bad input with 400 and changes nothing", async () => {
    const author = await established();
    const reader = await established();
    const thread = await startThread(author, `For @${reader.handle}`);
    for (const body of [{ ids: [] }, { ids: ["not-a-uuid"] }, { ids: "all" }, { all: true }]) {
      const res = await reader.post("/api/me/mentions/read", body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await reader.get("/api/me/mentions?cursor=garbage")).statusCode).toBe(400);
    expect((await reader.get("/api/me/mentions/count")).json()).toEqual({ unread: 1 });
    expect(thread.id).toBeTruthy();
    // Signed out: nothing.
    expect((await t.anonymous().get("/api/me/mentions")).statusCode).toBe(401);
    expect((await t.anonymous().post("/api/me/mentions/read", {})).statusCode).toBe(401);
  });

  it("marks only the member's own mentions read", async () => {
    const author = await established();
    const a = await established();
    const b = await established();
    await startThread(author, `@${a.handle} and @${b.handle}`);
    const theirs = (await mentionsOf(a)).items[0] as MentionItem;
    const res = await b.post("/api/me/mentions/read", { ids: [theirs.id] });
    expect(res.statusCode).toBe(200);
    expect((await mentionsOf(a)).items[0]?.unread).toBe(true);
  });

  it("pages newest first with a cursor", async () => {
    const author = await established();
    const reader = await established();
    const thread = await startThread(author, "Counting days together.");
    for (let i = 0; i < 22; i += 1) await reply(author, thread.id, `Day ${i} with you, @${reader.handle}`);
    const first = await mentionsOf(reader);
    expect(first.items).toHaveLength(20);
    expect(first.items[0]?.excerpt).toContain("Day 21");
    expect(first.unread).toBe(22);
    const next = (await reader.get(`/api/me/mentions?cursor=${first.nextCursor}`)).json();
    expect(next.items.map((i: MentionItem) => i.excerpt)).toEqual([
      expect.stringContaining("Day 1 "),
      expect.stringContaining("Day 0 "),
    ]);
    expect(next.nextCursor).toBeNull();
  });

  it("on a private group board mentions only the group's members; others learn nothing", async () => {
    const facilitator = await established();
    const member = await established();
    const outsider = await established();
    const org = await makeOrganisation(t.db, { adminId: (await established()).id });
    const group = await makeGroup(t.db, org.id, { membership: "closed", facilitatorId: facilitator.id });
    await addToGroup(t.db, group.id, member.id);
    const board = (await member.get(`/api/groups/${group.id}/board`)).json();
    const thread = await startThread(
      member,
      `Marmalade lighthouse @${facilitator.handle} @${outsider.handle}`,
      { title: "Circle only" },
      board.id,
    );
    const post = (await member.get(`/api/threads/${thread.id}`)).json().posts[0];
    expect(post.html).toContain(`/members/${facilitator.handle}`);
    expect(post.html).not.toContain(`/members/${outsider.handle}`);
    expect((await mentionsOf(facilitator)).items).toHaveLength(1);
    const theirs = await outsider.get("/api/me/mentions");
    expect(theirs.body).not.toContain(thread.id);
    expect(theirs.body).not.toContain("Marmalade");
    expect(theirs.body).not.toContain("Circle only");
    expect(theirs.json().items).toEqual([]);
    expect((await outsider.get(`/api/threads/${thread.id}`)).statusCode).toBe(404);

    // Leaving the group takes the mention out of view.
    await t.db.execute(sql`delete from group_members where group_id = ${group.id} and member_id = ${facilitator.id}`);
    expect((await mentionsOf(facilitator)).items).toEqual([]);
    expect((await facilitator.get("/api/me/mentions/count")).json()).toEqual({ unread: 0 });
  });

  it("does not reach across a block, either way, and the author can't tell", async () => {
    const author = await established();
    const blocker = await established();
    const control = await established();
    const thread = await startThread(author, "Sharing a small win today.");

    // The mentioned member blocked the author.
    expect((await blocker.put(`/api/me/blocks/${author.handle}`, { kind: "block" })).statusCode).toBe(204);
    const toBlocker = await reply(author, thread.id, `Hi @${blocker.handle}`);
    const toControl = await reply(author, thread.id, `Hi @${control.handle}`);
    // The author's response and page look the same either way.
    const shape = (html: string, handle: string) => html.replaceAll(handle, "HANDLE");
    expect(shape(toBlocker.html, blocker.handle)).toBe(shape(toControl.html, control.handle));
    expect(Object.keys(toBlocker).sort()).toEqual(Object.keys(toControl).sort());
    expect((await mentionsOf(blocker)).items).toEqual([]);
    expect((await mentionsOf(control)).items).toHaveLength(1);
    // The author's export shows the mention made, like any other.
    const exported = (await author.get("/api/me/export")).json().forums.mentions.made;
    expect(exported.map((m: { handle: string }) => m.handle).sort()).toEqual([blocker.handle, control.handle].sort());

    // The author blocked the mentioned member: that does not reach either.
    const blocked = await established();
    await author.put(`/api/me/blocks/${blocked.handle}`, { kind: "block" });
    await reply(author, thread.id, `Hi @${blocked.handle}`);
    expect((await mentionsOf(blocked)).items).toEqual([]);
    expect((await blocked.get("/api/me/export")).json().forums.mentions.received).toEqual([]);

    // A later block takes existing mentions out of view; lifting it brings them back.
    expect((await mentionsOf(control)).items).toHaveLength(1);
    await control.put(`/api/me/blocks/${author.handle}`, { kind: "block" });
    expect((await mentionsOf(control)).items).toEqual([]);
    expect((await control.get("/api/me/mentions/count")).json()).toEqual({ unread: 0 });
    await control.delete(`/api/me/blocks/${author.handle}`);
    expect((await mentionsOf(control)).items).toHaveLength(1);
  });

  it("a muted member's mentions don't reach the one who muted them (and only that way)", async () => {
    const loud = await established();
    const muter = await established();
    await muter.put(`/api/me/blocks/${loud.handle}`, { kind: "mute" });
    const thread = await startThread(loud, `Hey @${muter.handle}`);
    expect((await mentionsOf(muter)).items).toEqual([]);
    await reply(muter, thread.id, `Hey back @${loud.handle}`);
    expect((await mentionsOf(loud)).items).toHaveLength(1);
  });

  it("an anonymous post's mention never names its author, in any response", async () => {
    const author = await established();
    const reader = await established();
    const thread = await startThread(author, `@${reader.handle} you helped me tonight`, { anonymous: true });
    const r = await reply(author, thread.id, `Again, @${reader.handle}, thank you.`, { anonymous: true });
    const list = await reader.get("/api/me/mentions");
    expect(list.json().items).toHaveLength(2);
    for (const item of list.json().items) expect(item.author).toEqual({ kind: "anonymous", handle: null });
    for (const res of [list, await reader.get("/api/me/mentions/count"), await reader.get("/api/me/export")]) {
      expect(res.body).not.toContain(author.handle);
      expect(res.body).not.toContain(author.id);
    }
    expect(r.id).toBeTruthy();
  });

  it("shows a post the reader's filters fold as folded, with its warnings and no words", async () => {
    const author = await established();
    const reader = await established();
    const thread = await startThread(author, "A hard week.");
    await reply(author, thread.id, `@${reader.handle} the night I relapsed was`, { warnings: ["relapse"] });
    const list = await reader.get("/api/me/mentions");
    const [item] = list.json().items;
    expect(item).toMatchObject({ folded: true, warnings: ["relapse"] });
    expect(item.excerpt).toBeUndefined();
    expect(list.body).not.toContain("the night I relapsed");
    // Words the reader hides entirely: the mention is left out, like everywhere else.
    await reader.put("/api/forums/filters", { hideWords: ["relapsed"] });
    expect((await mentionsOf(reader)).items).toEqual([]);
  });

  it("goes into the export and goes with account deletion", async () => {
    const author = await established();
    const reader = await established();
    const thread = await startThread(author, `@${reader.handle} welcome`);
    const received = (await reader.get("/api/me/export")).json().forums.mentions.received;
    expect(received).toEqual([expect.objectContaining({ threadId: thread.id, readAt: null })]);
    expect((await author.get("/api/me/export")).json().forums.mentions.made).toEqual([
      expect.objectContaining({ handle: reader.handle }),
    ]);
    const both = await established();
    await reply(author, thread.id, `@${reader.handle} and @${both.handle}, thank you both`);
    const gone = await reader.delete("/api/me", { passphrase: reader.passphrase });
    expect(gone.statusCode, gone.body).toBe(204);
    expect(await count(`mentioned_id = '${reader.id}'`)).toBe(0);
    // The words stay, the link to a page that is gone (and whose handle someone could take) does not.
    const page = (await author.get(`/api/threads/${thread.id}`)).json();
    expect(page.posts[0].body).toContain(`@${reader.handle}`);
    expect(page.posts[0].html).not.toContain(`/members/${reader.handle}`);
    expect(page.posts[1].html).not.toContain(`/members/${reader.handle}`);
    expect(page.posts[1].html).toContain(`/members/${both.handle}`);
    const other = await established();
    await reply(author, thread.id, `@${other.handle} hello`);
    const del = await author.delete("/api/me", { passphrase: author.passphrase });
    expect(del.statusCode, del.body).toBe(204);
    expect(await count(`author_id = '${author.id}'`)).toBe(0);
    expect((await mentionsOf(other)).items).toEqual([]);
  });
});
