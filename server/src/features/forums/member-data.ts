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
  };
}

/**
 * Before an account is deleted: threads that only the member wrote in go with them. Everything
 * others still need (their replies, threads others answered) stays, and the foreign keys turn the
 * author into a "former member" with nothing that leads back to them. Reactions, filters, follows
 * and read markers go with the account (ON DELETE CASCADE).
 */
export async function forgetForumMember(db: Db, memberId: string) {
  await db.execute(sql`
    delete from forum_threads t
    where t.author_id = ${memberId}
      and not exists (
        select 1 from forum_posts p
        where p.thread_id = t.id and p.seq > 0 and p.deleted_at is null
          and (p.author_id is null or p.author_id <> ${memberId}))`);
}
