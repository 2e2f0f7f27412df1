import type { ForumsExport } from "@kinship/contracts/forums";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import {
  forumBoardFollows,
  forumBoards,
  forumFilters,
  forumPosts,
  forumReactions,
  forumReports,
  forumThreadFollows,
  forumThreads,
  groups,
} from "../../db/schema.ts";
import { presentFilters } from "./filters.ts";
import { exportMentions, unlinkMentionsOf } from "./mentions.ts";

/** What the member's data export holds of the forums: their own words and choices, no one else's. */
export async function exportForums(db: Db, memberId: string): Promise<ForumsExport> {
  const posts = await db
    .select({
      id: forumPosts.id,
      threadId: forumPosts.threadId,
      threadTitle: forumThreads.title,
      boardName: sql<string>`coalesce(${groups.name}, ${forumBoards.name})`,
      seq: forumPosts.seq,
      anonymous: forumPosts.anonymous,
      body: forumPosts.body,
      warnings: forumPosts.warnings,
      createdAt: forumPosts.createdAt,
      editedAt: forumPosts.editedAt,
    })
    .from(forumPosts)
    .innerJoin(forumThreads, eq(forumThreads.id, forumPosts.threadId))
    .innerJoin(forumBoards, eq(forumBoards.id, forumPosts.boardId))
    .leftJoin(groups, eq(groups.id, forumBoards.groupId))
    .where(and(eq(forumPosts.authorId, memberId), sql`${forumPosts.deletedAt} is null`))
    .orderBy(asc(forumPosts.createdAt));
  const reactions = await db
    .select({ postId: forumReactions.postId, kind: forumReactions.kind, createdAt: forumReactions.createdAt })
    .from(forumReactions)
    .where(eq(forumReactions.memberId, memberId));
  const [filters] = await db.select().from(forumFilters).where(eq(forumFilters.memberId, memberId));
  const threadFollows = await db.select().from(forumThreadFollows).where(eq(forumThreadFollows.memberId, memberId));
  const boardFollows = await db.select().from(forumBoardFollows).where(eq(forumBoardFollows.memberId, memberId));
  const reports = await db.select().from(forumReports).where(eq(forumReports.reporterId, memberId));
  return {
    posts: posts.map((p) => ({
      ...p,
      createdAt: p.createdAt.toISOString(),
      editedAt: p.editedAt?.toISOString() ?? null,
    })),
    reactions: reactions.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    filters: filters ? presentFilters(filters) : null,
    follows: [
      ...threadFollows.map((f) => ({ threadId: f.threadId, boardId: null, since: f.createdAt.toISOString() })),
      ...boardFollows.map((f) => ({ threadId: null, boardId: f.boardId, since: f.createdAt.toISOString() })),
    ],
    reports: reports.map((r) => ({
      postId: r.postId,
      reason: r.reason,
      note: r.note,
      status: r.status,
      createdAt: r.createdAt.toISOString(),
    })),
    mentions: await exportMentions(db, memberId),
  };
}

/**
 * Before an account is deleted: threads that only the member wrote in go with them. Everything
 * others still need (their replies, threads others answered) stays as a "former member", with
 * nothing that leads back to them; their reactions go. Done here rather than left to the foreign
 * keys so the threads' versions move in the same transaction and no cached page keeps their name.
 * Filters, follows, read markers and mentions (received and made) go with the account (ON DELETE CASCADE).
 */
export async function forgetForumMember(database: Db, memberId: string) {
  await database.transaction(async (db) => {
    await unlinkMentionsOf(db, memberId);
    await db.execute(sql`
      delete from forum_threads t
      where t.author_id = ${memberId}
        and not exists (
          select 1 from forum_posts p
          where p.thread_id = t.id and p.seq > 0 and p.deleted_at is null
            and (p.author_id is null or p.author_id <> ${memberId}))`);
    const touched = sql`
      select thread_id from forum_posts where author_id = ${memberId}
      union select id from forum_threads where author_id = ${memberId}
      union select p.thread_id from forum_reactions r join forum_posts p on p.id = r.post_id where r.member_id = ${memberId}`;
    await db.execute(sql`update forum_threads set version = version + 1 where id in (${touched})`);
    await db.execute(sql`delete from forum_reactions where member_id = ${memberId}`);
    await db.execute(sql`update forum_posts set author_id = null where author_id = ${memberId}`);
    await db.execute(sql`update forum_threads set author_id = null where author_id = ${memberId}`);
  });
}
