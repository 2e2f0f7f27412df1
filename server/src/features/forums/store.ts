import { and, asc, desc, eq, gt, inArray, isNull, lt, ne, or, sql } from "drizzle-orm";
import type { PgInsertValue, PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client.ts";
import {
  forumBoardFollows,
  forumBoards,
  forumBoardVisits,
  forumFilters,
  forumMentions,
  forumModerators,
  forumPostRevisions,
  forumPosts,
  forumReactions,
  forumReadMarkers,
  forumReports,
  forumThreadFollows,
  forumThreads,
  groupMembers,
  groups,
  members,
  moderationActions,
  organisationAdmins,
} from "../../db/schema.ts";

export type BoardRow = typeof forumBoards.$inferSelect;
export type ThreadRow = typeof forumThreads.$inferSelect;
export type PostRow = typeof forumPosts.$inferSelect;
export type FiltersRow = typeof forumFilters.$inferSelect;
/** Anything that runs SQL: the database or a transaction. */
export type Tx = Pick<Db, "select" | "insert" | "update" | "delete" | "execute">;

/** The words a post is found by: its thread's title (weighted) and its body, in English and Spanish. */
export const searchVector = (title: string | null, body: string) =>
  sql`setweight(to_tsvector('english', ${title ?? ""}), 'A') || setweight(to_tsvector('spanish', ${title ?? ""}), 'A') || to_tsvector('english', ${body}) || to_tsvector('spanish', ${body})`;

/**
 * Columns of where a viewer stands with a board, joined in one query with whatever asks: their
 * role in the board's group, whether they administer its organisation or moderate the community.
 */
const standingColumns = {
  groupName: groups.name,
  groupRole: groupMembers.role,
  groupStatus: groupMembers.status,
  orgAdmin: sql<boolean>`${organisationAdmins.memberId} is not null`,
  communityModerator: sql<boolean>`${forumModerators.memberId} is not null`,
};

// biome-ignore lint/suspicious/noExplicitAny: drizzle's select builder types are not nameable here.
function joinStanding<Q extends { leftJoin: (...args: any[]) => any }>(query: Q, memberId: string) {
  return query
    .leftJoin(groups, eq(groups.id, forumBoards.groupId))
    .leftJoin(groupMembers, and(eq(groupMembers.groupId, forumBoards.groupId), eq(groupMembers.memberId, memberId)))
    .leftJoin(
      organisationAdmins,
      and(
        eq(organisationAdmins.organisationId, sql`coalesce(${forumBoards.organisationId}, ${groups.organisationId})`),
        eq(organisationAdmins.memberId, memberId),
      ),
    )
    .leftJoin(forumModerators, eq(forumModerators.memberId, memberId));
}

export type PageContextRow = {
  version: number;
  title: string;
  board_id: string;
  board_kind: "community" | "group";
  organisation_id: string | null;
  group_id: string | null;
  board_name: string;
  group_role: "member" | "co_facilitator" | "facilitator" | null;
  group_status: "requested" | "active" | null;
  org_admin: boolean;
  community_moderator: boolean;
  last_read_seq: number | null;
  following: boolean;
  has_filters: boolean;
  fold_warnings: string[] | null;
  hide_words: string[] | null;
  show_using_detail: boolean | null;
  my_reactions: string[];
  /** Members whose posts this viewer blocked or muted. */
  hidden_authors: string[];
};

export type StandingRow = {
  groupName: string | null;
  groupRole: "member" | "co_facilitator" | "facilitator" | null;
  groupStatus: "requested" | "active" | null;
  orgAdmin: boolean;
  communityModerator: boolean;
};

/** A moderator's hiding of a post in force, joined to the post: its reason, or null. */
const hiddenJoin = and(
  eq(moderationActions.postId, forumPosts.id),
  eq(moderationActions.kind, "hide"),
  isNull(moderationActions.revokedAt),
);

/** SQL for boards, threads and posts. */
export const forumsStore = {
  async boardWithStanding(db: Db, boardId: string, memberId: string) {
    const rows = await joinStanding(db.select({ board: forumBoards, ...standingColumns }).from(forumBoards), memberId)
      .where(eq(forumBoards.id, boardId))
      .limit(1);
    return (rows[0] ?? null) as ({ board: BoardRow } & StandingRow) | null;
  },

  /** A thread with its board, the viewer's standing, read marker, follow and filters: one round trip. */
  async threadWithContext(db: Db, threadId: string, memberId: string) {
    const rows = await joinStanding(
      db
        .select({
          thread: forumThreads,
          board: forumBoards,
          ...standingColumns,
          authorHandle: members.handle,
          lastReadSeq: forumReadMarkers.lastReadSeq,
          following: sql<boolean>`${forumThreadFollows.memberId} is not null`,
          filters: forumFilters,
        })
        .from(forumThreads)
        .innerJoin(forumBoards, eq(forumBoards.id, forumThreads.boardId))
        .leftJoin(members, eq(members.id, forumThreads.authorId))
        .leftJoin(
          forumReadMarkers,
          and(eq(forumReadMarkers.threadId, forumThreads.id), eq(forumReadMarkers.memberId, memberId)),
        )
        .leftJoin(
          forumThreadFollows,
          and(eq(forumThreadFollows.threadId, forumThreads.id), eq(forumThreadFollows.memberId, memberId)),
        )
        .leftJoin(forumFilters, eq(forumFilters.memberId, memberId)),
      memberId,
    )
      .where(eq(forumThreads.id, threadId))
      .limit(1);
    return (rows[0] ?? null) as
      | ({
          thread: ThreadRow;
          board: BoardRow;
          authorHandle: string | null;
          lastReadSeq: number | null;
          following: boolean;
          filters: FiltersRow | null;
        } & StandingRow)
      | null;
  },

  /**
   * Everything about one viewer and one thread that a thread page needs, in one round trip: the
   * thread's version (to check a cached first page), the board and the viewer's standing on it, their
   * read marker, follow, filters, and which reactions they gave on the first page. Raw SQL: this runs
   * on every thread page, and building it with the query builder costs more than running it.
   */
  async pageContext(db: Db, threadId: string, memberId: string, lastSeqOfFirstPage: number) {
    const result = await db.execute(sql`
      select t.version, t.title, b.id as board_id, b.kind as board_kind, b.organisation_id, b.group_id,
             coalesce(g.name, b.name) as board_name, gm.role as group_role, gm.status as group_status,
             oa.member_id is not null as org_admin, fm.member_id is not null as community_moderator,
             rm.last_read_seq, tf.member_id is not null as following,
             f.member_id is not null as has_filters, f.fold_warnings, f.hide_words, f.show_using_detail,
             (select coalesce(array_agg(r.post_id::text || ' ' || r.kind::text), '{}')
                from forum_posts p join forum_reactions r on r.post_id = p.id and r.member_id = ${memberId}
               where p.thread_id = t.id and p.seq <= ${lastSeqOfFirstPage}) as my_reactions,
             (select coalesce(array_agg(mb.blocked_id::text), '{}') from member_blocks mb
               where mb.blocker_id = ${memberId}) as hidden_authors
      from forum_threads t
      join forum_boards b on b.id = t.board_id
      left join groups g on g.id = b.group_id
      left join group_members gm on gm.group_id = b.group_id and gm.member_id = ${memberId}
      left join organisation_admins oa on oa.organisation_id = coalesce(b.organisation_id, g.organisation_id)
                                      and oa.member_id = ${memberId}
      left join forum_moderators fm on fm.member_id = ${memberId}
      left join forum_read_markers rm on rm.thread_id = t.id and rm.member_id = ${memberId}
      left join forum_thread_follows tf on tf.thread_id = t.id and tf.member_id = ${memberId}
      left join forum_filters f on f.member_id = ${memberId}
      where t.id = ${threadId}`);
    const row = (result as unknown as { rows: PageContextRow[] }).rows[0];
    return row ?? null;
  },

  /** The shared part of a thread's first page: the same for every viewer, so it can be cached. */
  async firstPage(db: Db, threadId: string, limit: number) {
    const [thread] = await db
      .select({ thread: forumThreads, authorHandle: members.handle })
      .from(forumThreads)
      .leftJoin(members, eq(members.id, forumThreads.authorId))
      .where(eq(forumThreads.id, threadId));
    if (!thread) return null;
    const posts = await forumsStore.postsAfter(db, threadId, -1, limit + 1);
    const counts = await forumsStore.reactionsOf(
      db,
      posts.map((p) => p.post.id),
      "00000000-0000-0000-0000-000000000000",
    );
    return { ...thread, posts, counts };
  },

  /** A post with its thread, board, author's handle, the viewer's standing and filters. */
  async postWithContext(db: Db, postId: string, memberId: string) {
    const rows = await joinStanding(
      db
        .select({
          post: forumPosts,
          thread: forumThreads,
          board: forumBoards,
          ...standingColumns,
          authorHandle: members.handle,
          filters: forumFilters,
          hiddenReason: moderationActions.reason,
        })
        .from(forumPosts)
        .innerJoin(forumThreads, eq(forumThreads.id, forumPosts.threadId))
        .innerJoin(forumBoards, eq(forumBoards.id, forumPosts.boardId))
        .leftJoin(members, eq(members.id, forumPosts.authorId))
        .leftJoin(moderationActions, hiddenJoin)
        .leftJoin(forumFilters, eq(forumFilters.memberId, memberId)),
      memberId,
    )
      .where(eq(forumPosts.id, postId))
      .limit(1);
    return (rows[0] ?? null) as
      | ({
          post: PostRow;
          thread: ThreadRow;
          board: BoardRow;
          authorHandle: string | null;
          filters: FiltersRow | null;
          hiddenReason: string | null;
        } & StandingRow)
      | null;
  },

  async filtersOf(db: Db, memberId: string) {
    const rows = await db.select().from(forumFilters).where(eq(forumFilters.memberId, memberId)).limit(1);
    return rows[0] ?? null;
  },

  async saveFilters(db: Db, memberId: string, values: Partial<Omit<FiltersRow, "memberId" | "updatedAt">>) {
    const rows = await db
      .insert(forumFilters)
      .values({ memberId, ...values })
      .onConflictDoUpdate({ target: forumFilters.memberId, set: { ...values, updatedAt: new Date() } })
      .returning();
    return rows[0] as FiltersRow;
  },

  /** Gives each active group of the member its private board, if it has none yet. */
  async ensureGroupBoardsOf(db: Db, memberId: string) {
    await db.execute(sql`
      insert into forum_boards (kind, name, group_id)
      select 'group', g.name, g.id from group_members gm join groups g on g.id = gm.group_id
      where gm.member_id = ${memberId} and gm.status = 'active'
        and not exists (select 1 from forum_boards b where b.group_id = g.id)
      on conflict do nothing`);
  },

  async ensureGroupBoard(db: Db, groupId: string) {
    await db.execute(sql`
      insert into forum_boards (kind, name, group_id)
      select 'group', g.name, g.id from groups g where g.id = ${groupId}
      on conflict do nothing`);
    const rows = await db.select({ id: forumBoards.id }).from(forumBoards).where(eq(forumBoards.groupId, groupId));
    return rows[0]?.id ?? null;
  },

  /** Community boards, and the boards of the member's active groups, with counts for this member. */
  listBoardsFor(db: Db, memberId: string) {
    return joinStanding(
      db
        .select({
          board: forumBoards,
          ...standingColumns,
          lastVisitAt: forumBoardVisits.visitedAt,
          following: sql<boolean>`${forumBoardFollows.memberId} is not null`,
          threadCount: sql<number>`(select count(*)::int from forum_threads t where t.board_id = ${forumBoards.id})`,
          newThreads: sql<number>`(select count(*)::int from forum_threads t where t.board_id = ${forumBoards.id} and t.created_at > ${forumBoardVisits.visitedAt} and t.author_id is distinct from ${memberId})`,
        })
        .from(forumBoards)
        .leftJoin(
          forumBoardVisits,
          and(eq(forumBoardVisits.boardId, forumBoards.id), eq(forumBoardVisits.memberId, memberId)),
        )
        .leftJoin(
          forumBoardFollows,
          and(eq(forumBoardFollows.boardId, forumBoards.id), eq(forumBoardFollows.memberId, memberId)),
        ),
      memberId,
    )
      .where(or(eq(forumBoards.kind, "community"), eq(groupMembers.status, "active")))
      .orderBy(asc(forumBoards.kind), asc(forumBoards.position), asc(forumBoards.name)) as Promise<
      ({
        board: BoardRow;
        lastVisitAt: Date | null;
        following: boolean;
        threadCount: number;
        newThreads: number;
      } & StandingRow)[]
    >;
  },

  async boardExtras(db: Db, boardId: string, memberId: string) {
    const rows = await db
      .select({
        lastVisitAt: forumBoardVisits.visitedAt,
        following: sql<boolean>`${forumBoardFollows.memberId} is not null`,
        threadCount: sql<number>`(select count(*)::int from forum_threads t where t.board_id = ${forumBoards.id})`,
        newThreads: sql<number>`(select count(*)::int from forum_threads t where t.board_id = ${forumBoards.id} and t.created_at > ${forumBoardVisits.visitedAt} and t.author_id is distinct from ${memberId})`,
      })
      .from(forumBoards)
      .leftJoin(
        forumBoardVisits,
        and(eq(forumBoardVisits.boardId, forumBoards.id), eq(forumBoardVisits.memberId, memberId)),
      )
      .leftJoin(
        forumBoardFollows,
        and(eq(forumBoardFollows.boardId, forumBoards.id), eq(forumBoardFollows.memberId, memberId)),
      )
      .where(eq(forumBoards.id, boardId));
    return rows[0] as { lastVisitAt: Date | null; following: boolean; threadCount: number; newThreads: number };
  },

  async insertBoard(db: Db, values: typeof forumBoards.$inferInsert) {
    const rows = await db.insert(forumBoards).values(values).returning();
    return rows[0] as BoardRow;
  },

  async updateBoard(db: Db, id: string, changes: Partial<Pick<BoardRow, "name" | "description" | "position">>) {
    await db.update(forumBoards).set(changes).where(eq(forumBoards.id, id));
  },

  /**
   * A page of a board's threads, most recently active first, with the opening post's warnings and
   * body (to judge the viewer's filters), the viewer's read marker and follow.
   */
  listThreads(
    db: Db,
    where: {
      boardIds: string[];
      memberId: string;
      kind?: string;
      before?: { at: Date; id: string };
      followedOnly?: boolean;
    },
    limit: number,
  ) {
    const { memberId } = where;
    const conditions = [inArray(forumThreads.boardId, where.boardIds)];
    if (where.kind) conditions.push(eq(forumThreads.kind, where.kind as ThreadRow["kind"]));
    if (where.before) {
      conditions.push(
        or(
          lt(forumThreads.lastPostAt, where.before.at),
          and(eq(forumThreads.lastPostAt, where.before.at), lt(forumThreads.id, where.before.id)),
        ) as ReturnType<typeof eq>,
      );
    }
    if (where.followedOnly) conditions.push(sql`${forumThreadFollows.memberId} is not null`);
    return db
      .select({
        thread: forumThreads,
        board: { id: forumBoards.id, name: forumBoards.name, kind: forumBoards.kind, groupName: groups.name },
        authorHandle: members.handle,
        warnings: forumPosts.warnings,
        body: forumPosts.body,
        lastReadSeq: forumReadMarkers.lastReadSeq,
        following: sql<boolean>`${forumThreadFollows.memberId} is not null`,
        lastVisitAt: forumBoardVisits.visitedAt,
        openingHidden: sql<boolean>`exists (select 1 from moderation_actions ma
          where ma.post_id = ${forumPosts.id} and ma.kind = 'hide' and ma.revoked_at is null)`,
      })
      .from(forumThreads)
      .innerJoin(forumBoards, eq(forumBoards.id, forumThreads.boardId))
      .leftJoin(groups, eq(groups.id, forumBoards.groupId))
      .leftJoin(forumPosts, and(eq(forumPosts.threadId, forumThreads.id), eq(forumPosts.seq, 0)))
      .leftJoin(members, eq(members.id, forumThreads.authorId))
      .leftJoin(
        forumReadMarkers,
        and(eq(forumReadMarkers.threadId, forumThreads.id), eq(forumReadMarkers.memberId, memberId)),
      )
      .leftJoin(
        forumThreadFollows,
        and(eq(forumThreadFollows.threadId, forumThreads.id), eq(forumThreadFollows.memberId, memberId)),
      )
      .leftJoin(
        forumBoardVisits,
        and(eq(forumBoardVisits.boardId, forumThreads.boardId), eq(forumBoardVisits.memberId, memberId)),
      )
      .where(and(...conditions))
      .orderBy(desc(forumThreads.lastPostAt), desc(forumThreads.id))
      .limit(limit);
  },

  async insertThread(tx: Tx, values: typeof forumThreads.$inferInsert) {
    const rows = await tx.insert(forumThreads).values(values).returning();
    return rows[0] as ThreadRow;
  },

  async insertPost(tx: Tx, values: PgInsertValue<typeof forumPosts>) {
    const rows = await tx.insert(forumPosts).values(values).returning();
    return rows[0] as PostRow;
  },

  /** Takes the thread's next sequence number under its row lock; null if the thread is gone. */
  async nextSeq(tx: Tx, threadId: string) {
    const rows = await tx
      .update(forumThreads)
      .set({
        lastSeq: sql`${forumThreads.lastSeq} + 1`,
        version: sql`${forumThreads.version} + 1`,
        lastPostAt: new Date(),
      })
      .where(eq(forumThreads.id, threadId))
      .returning({ seq: forumThreads.lastSeq });
    return rows[0]?.seq ?? null;
  },

  async bumpVersion(tx: Tx, threadId: string) {
    await tx
      .update(forumThreads)
      .set({ version: sql`${forumThreads.version} + 1` })
      .where(eq(forumThreads.id, threadId));
  },

  async updateThread(
    tx: Tx,
    id: string,
    changes: Partial<Pick<ThreadRow, "title" | "kind" | "dayCount" | "milestone">>,
  ) {
    await tx
      .update(forumThreads)
      .set({ ...changes, updatedAt: new Date(), version: sql`${forumThreads.version} + 1` })
      .where(eq(forumThreads.id, id));
  },

  /** Posts of a thread after a sequence number, in order, with their author's handle and any hiding. */
  postsAfter(db: Db, threadId: string, afterSeq: number, limit: number) {
    return db
      .select({ post: forumPosts, authorHandle: members.handle, hiddenReason: moderationActions.reason })
      .from(forumPosts)
      .leftJoin(members, eq(members.id, forumPosts.authorId))
      .leftJoin(moderationActions, hiddenJoin)
      .where(and(eq(forumPosts.threadId, threadId), gt(forumPosts.seq, afterSeq)))
      .orderBy(asc(forumPosts.seq))
      .limit(limit);
  },

  async post(tx: Tx, postId: string) {
    const rows = await tx.select().from(forumPosts).where(eq(forumPosts.id, postId)).limit(1);
    return rows[0] ?? null;
  },

  /** Reaction counts of some posts, and which of them the viewer gave. */
  reactionsOf(db: Db, postIds: string[], memberId: string) {
    if (postIds.length === 0) return Promise.resolve([]);
    return db
      .select({
        postId: forumReactions.postId,
        kind: forumReactions.kind,
        count: sql<number>`count(*)::int`,
        mine: sql<boolean>`bool_or(${forumReactions.memberId} = ${memberId})`,
      })
      .from(forumReactions)
      .where(inArray(forumReactions.postId, postIds))
      .groupBy(forumReactions.postId, forumReactions.kind);
  },

  async updatePost(tx: Tx, postId: string, changes: PgUpdateSetSource<typeof forumPosts>) {
    await tx.update(forumPosts).set(changes).where(eq(forumPosts.id, postId));
  },

  async insertRevision(tx: Tx, values: typeof forumPostRevisions.$inferInsert) {
    await tx.insert(forumPostRevisions).values(values);
  },

  revisionsOf(db: Db, postId: string) {
    return db
      .select()
      .from(forumPostRevisions)
      .where(eq(forumPostRevisions.postId, postId))
      .orderBy(desc(forumPostRevisions.replacedAt));
  },

  /** Removes a post's words for good, keeping its place in the thread; quotes of it lose their words too. */
  async erasePost(tx: Tx, postId: string) {
    // A deleted post mentions no one.
    await tx.delete(forumMentions).where(eq(forumMentions.postId, postId));
    await tx
      .update(forumPosts)
      .set({
        body: "",
        html: "",
        warnings: [],
        quoteText: null,
        quoteHtml: null,
        search: null,
        deletedAt: new Date(),
      })
      .where(eq(forumPosts.id, postId));
    await tx.delete(forumPostRevisions).where(eq(forumPostRevisions.postId, postId));
    await tx.delete(forumReactions).where(eq(forumReactions.postId, postId));
    await tx.update(forumPosts).set({ quoteText: null, quoteHtml: null }).where(eq(forumPosts.quotePostId, postId));
  },

  /** Whether anyone but the author has a live reply in the thread. */
  async othersReplied(tx: Tx, threadId: string, authorId: string) {
    const rows = await tx
      .select({ id: forumPosts.id })
      .from(forumPosts)
      .where(
        and(
          eq(forumPosts.threadId, threadId),
          gt(forumPosts.seq, 0),
          isNull(forumPosts.deletedAt),
          or(isNull(forumPosts.authorId), ne(forumPosts.authorId, authorId)),
        ),
      )
      .limit(1);
    return rows.length > 0;
  },

  async deleteThread(tx: Tx, threadId: string) {
    await tx.delete(forumThreads).where(eq(forumThreads.id, threadId));
  },

  /** Adds a reaction; false if the member had already given it. */
  async addReaction(db: Db, postId: string, memberId: string, kind: (typeof forumReactions.$inferInsert)["kind"]) {
    const rows = await db
      .insert(forumReactions)
      .values({ postId, memberId, kind })
      .onConflictDoNothing()
      .returning({ postId: forumReactions.postId });
    return rows.length > 0;
  },

  async removeReaction(db: Db, postId: string, memberId: string, kind: (typeof forumReactions.$inferInsert)["kind"]) {
    await db
      .delete(forumReactions)
      .where(
        and(eq(forumReactions.postId, postId), eq(forumReactions.memberId, memberId), eq(forumReactions.kind, kind)),
      );
  },

  reactorsOf(db: Db, postId: string) {
    return db
      .select({ kind: forumReactions.kind, handle: members.handle })
      .from(forumReactions)
      .leftJoin(members, eq(members.id, forumReactions.memberId))
      .where(eq(forumReactions.postId, postId))
      .orderBy(asc(forumReactions.createdAt));
  },

  async followThread(db: Db, memberId: string, threadId: string, on: boolean) {
    if (on) await db.insert(forumThreadFollows).values({ memberId, threadId }).onConflictDoNothing();
    else
      await db
        .delete(forumThreadFollows)
        .where(and(eq(forumThreadFollows.memberId, memberId), eq(forumThreadFollows.threadId, threadId)));
  },

  async followBoard(db: Db, memberId: string, boardId: string, on: boolean) {
    if (on) await db.insert(forumBoardFollows).values({ memberId, boardId }).onConflictDoNothing();
    else
      await db
        .delete(forumBoardFollows)
        .where(and(eq(forumBoardFollows.memberId, memberId), eq(forumBoardFollows.boardId, boardId)));
  },

  /** Moves the read marker forward only: reading an old page does not make newer posts unread again. */
  async markRead(db: Db, memberId: string, threadId: string, seq: number) {
    await db
      .insert(forumReadMarkers)
      .values({ memberId, threadId, lastReadSeq: seq })
      .onConflictDoUpdate({
        target: [forumReadMarkers.memberId, forumReadMarkers.threadId],
        set: { lastReadSeq: sql`greatest(${forumReadMarkers.lastReadSeq}, ${seq})`, readAt: new Date() },
      });
  },

  async markVisited(db: Db, memberId: string, boardId: string) {
    await db
      .insert(forumBoardVisits)
      .values({ memberId, boardId })
      .onConflictDoUpdate({
        target: [forumBoardVisits.memberId, forumBoardVisits.boardId],
        set: { visitedAt: new Date() },
      });
  },

  followedBoardIds(db: Db, memberId: string) {
    return db
      .select({ boardId: forumBoardFollows.boardId })
      .from(forumBoardFollows)
      .where(eq(forumBoardFollows.memberId, memberId));
  },

  /** The organisation a group belongs to (for a group board's moderation scope). */
  async organisationOfGroup(db: Db, groupId: string | null) {
    if (!groupId) return null;
    const rows = await db.select({ id: groups.organisationId }).from(groups).where(eq(groups.id, groupId));
    return rows[0]?.id ?? null;
  },

  async insertReport(db: Db, values: typeof forumReports.$inferInsert) {
    const rows = await db.insert(forumReports).values(values).returning();
    return rows[0] as typeof forumReports.$inferSelect;
  },

  reportsBy(db: Db, memberId: string) {
    return db
      .select({ report: forumReports, threadId: forumPosts.threadId, threadTitle: forumThreads.title })
      .from(forumReports)
      .leftJoin(forumPosts, eq(forumPosts.id, forumReports.postId))
      .leftJoin(forumThreads, eq(forumThreads.id, forumPosts.threadId))
      .where(eq(forumReports.reporterId, memberId))
      .orderBy(desc(forumReports.createdAt));
  },
};
