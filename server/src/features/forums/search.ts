import type { SearchQuery } from "@kinship/contracts/forums";
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";

/** Below this many matches, sorting every match beats walking the whole date index. */
const FEW = 2000;

export type SearchRow = {
  postId: string;
  threadId: string;
  threadTitle: string;
  openingHidden: boolean;
  seq: number;
  boardId: string;
  boardName: string;
  boardKind: "community" | "group";
  kind: "discussion" | "question" | "recovery_story" | "milestone" | "coping_strategy";
  authorId: string | null;
  anonymous: boolean;
  authorHandle: string | null;
  warnings: string[];
  body: string;
  createdAt: Date;
  excerpt: string;
};

/**
 * Full-text search over the posts this member may read: community boards, and the boards of groups
 * they are an active member of or whose organisation they administer. Nothing else is even matched,
 * so a private board can never show up, not even as a count. Newest first, keyset on (created_at, id).
 */
export async function searchPosts(
  db: Db,
  memberId: string,
  q: Omit<SearchQuery, "cursor">,
  before: { at: Date; id: string } | null,
  limit: number,
): Promise<SearchRow[]> {
  const query = sql`(websearch_to_tsquery('english', ${q.q}) || websearch_to_tsquery('spanish', ${q.q}))`;
  const conditions = [
    sql`p.search @@ ${query}`,
    sql`p.deleted_at is null`,
    sql`(b.kind = 'community'
      or exists (select 1 from group_members gm where gm.group_id = b.group_id and gm.member_id = ${memberId} and gm.status = 'active')
      or exists (select 1 from groups g join organisation_admins oa on oa.organisation_id = g.organisation_id
                 where g.id = b.group_id and oa.member_id = ${memberId}))`,
    // Moderation: a hidden post is found only by its author; a blocked or muted member's posts not at all.
    sql`(p.author_id = ${memberId} or not exists (select 1 from moderation_actions ma
          where ma.post_id = p.id and ma.kind = 'hide' and ma.revoked_at is null))`,
    sql`not exists (select 1 from member_blocks mb where mb.blocker_id = ${memberId} and mb.blocked_id = p.author_id)`,
  ];
  if (q.boardId) conditions.push(sql`p.board_id = ${q.boardId}`);
  if (q.kind) conditions.push(sql`t.kind = ${q.kind}`);
  if (q.from) conditions.push(sql`p.created_at >= ${q.from}::date`);
  if (q.to) conditions.push(sql`p.created_at < (${q.to}::date + 1)`);
  if (before) {
    conditions.push(sql`(p.created_at, p.id) < (${before.at.toISOString()}::timestamptz, ${before.id}::uuid)`);
  }
  // Newest first has two good plans, and the planner cannot tell which from its statistics when a
  // query mixes a common word with a rare one: walk the (created_at, id) index backwards and test
  // each post (fast when many posts match), or take every match from the full-text index and sort
  // them (fast when few do). A capped count of matches decides; sorting by an expression keeps the
  // planner off the index walk when matches are few.
  const probe = await db.execute(sql`
    select count(*)::int as n from (
      select 1 from forum_posts p where p.search @@ ${query} and p.deleted_at is null limit ${FEW}) s`);
  const few = Number((probe as unknown as { rows: { n: number }[] }).rows[0]?.n) < FEW;
  const order = few
    ? sql`order by p.created_at + interval '0 seconds' desc, p.id desc`
    : sql`order by p.created_at desc, p.id desc`;
  const result = await db.execute(sql`
    select p.id as "postId", p.thread_id as "threadId", t.title as "threadTitle", p.seq,
           (t.author_id is distinct from ${memberId} and exists (select 1 from forum_posts op
              join moderation_actions ma on ma.post_id = op.id and ma.kind = 'hide' and ma.revoked_at is null
              where op.thread_id = t.id and op.seq = 0)) as "openingHidden",
           b.id as "boardId", coalesce(g.name, b.name) as "boardName", b.kind as "boardKind", t.kind,
           p.author_id as "authorId", p.anonymous, m.handle as "authorHandle", p.warnings, p.body,
           p.created_at as "createdAt",
           ts_headline('english', p.body, ${query}, 'MaxWords=35, MinWords=15, MaxFragments=1, StartSel="", StopSel=""') as excerpt
    from forum_posts p
    join forum_threads t on t.id = p.thread_id
    join forum_boards b on b.id = p.board_id
    left join groups g on g.id = b.group_id
    left join members m on m.id = p.author_id
    where ${sql.join(conditions, sql` and `)}
    ${order}
    limit ${limit}`);
  const rows = (result as unknown as { rows: Record<string, unknown>[] }).rows;
  return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt as string) }) as SearchRow);
}
