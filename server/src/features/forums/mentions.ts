import type { Mention } from "@kinship/contracts/forums";
import { and, eq, inArray, isNull, notInArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { forumMentions } from "../../db/schema.ts";
import type { Actor } from "../../platform/actor.ts";
import { trustLevel } from "../moderation/trust.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";
import { judge, viewerFilters } from "./filters.ts";
import { mentionedHandles, renderMarkdown } from "./markdown.ts";
import { accessOn, canBeMentioned, canReadBoard, mentionLimit } from "./policy.ts";
import { presentAuthor } from "./presenters.ts";
import type { Tx } from "./store.ts";

/*
 * @mentions in posts. When a post is written or edited, its @handles are resolved to the members the
 * mention can reach on facts its author may know: the member exists, may read the board, is not the
 * author, and is among the first `mentionLimit` such names. Those are linked in the stored HTML and
 * get a `forum_mentions` row. Blocks and mutes never change what the author sees (the link, the
 * response): they are applied when the mentioned member reads their mentions, together with
 * everything else that can change later — the post deleted or hidden, the member no longer in the
 * group, their trigger filters.
 */

/** The unread count stops counting here; the badge shows "99+". */
export const UNREAD_CAP = 100;

type BoardFacts = { kind: "community" | "group"; organisationId: string | null; groupId: string | null };
type Resolved = { id: string; handle: string };

/** Members mentioned in `source` that the mention reaches, in the order they first appear. */
export async function resolveMentions(db: Tx, source: string, authorId: string, board: BoardFacts) {
  const handles = mentionedHandles(source);
  if (handles.length === 0) return [] as Resolved[];
  // A few more than the limit are looked up: some names may be no one, or someone outside the group.
  const wanted = handles.slice(0, 40);
  const result = await db.execute(sql`
    select m.id, m.handle, lower(m.handle) as lower,
           gm.role as group_role, gm.status as group_status,
           oa.member_id is not null as org_admin, fm.member_id is not null as community_moderator
      from members m
      left join groups g on g.id = ${board.groupId}
      left join group_members gm on gm.group_id = ${board.groupId} and gm.member_id = m.id
      left join organisation_admins oa on oa.organisation_id = coalesce(${board.organisationId}::uuid, g.organisation_id)
                                      and oa.member_id = m.id
      left join forum_moderators fm on fm.member_id = m.id
     where lower(m.handle) in (${sql.join(
       wanted.map((h) => sql`${h}`),
       sql`, `,
     )})`);
  const rows = (
    result as unknown as {
      rows: {
        id: string;
        handle: string;
        lower: string;
        group_role: "member" | "co_facilitator" | "facilitator" | null;
        group_status: "requested" | "active" | null;
        org_admin: boolean;
        community_moderator: boolean;
      }[];
    }
  ).rows;
  const byHandle = new Map(rows.map((r) => [r.lower, r]));
  const limit = mentionLimit(await trustLevel(db as Db, authorId));
  const out: Resolved[] = [];
  for (const lower of wanted) {
    const r = byHandle.get(lower);
    if (!r) continue;
    const access = accessOn({ memberId: r.id, handle: r.handle, sessionId: "" }, board, {
      groupRole: r.group_role,
      groupStatus: r.group_status,
      orgAdmin: !!r.org_admin,
      communityModerator: !!r.community_moderator,
    });
    if (!canBeMentioned(access, r.id === authorId)) continue;
    out.push({ id: r.id, handle: r.handle });
    if (out.length >= limit) break;
  }
  return out;
}

/** A post's HTML with its reachable mentions linked, and who they are. */
export async function renderWithMentions(db: Tx, source: string, authorId: string, board: BoardFacts) {
  const mentioned = await resolveMentions(db, source, authorId, board);
  const linked = new Map(mentioned.map((m) => [m.handle.toLowerCase(), m.handle]));
  return { html: renderMarkdown(source, linked), mentioned };
}

/**
 * Makes a post's mention rows match who it mentions now: removed names go, new ones are added
 * (unread, dated now), the ones kept stay as they were. Returns who was added and who removed.
 */
export async function saveMentions(db: Tx, postId: string, authorId: string, memberIds: string[], at?: Date) {
  const gone = db.delete(forumMentions);
  const removed = await (memberIds.length === 0
    ? gone.where(eq(forumMentions.postId, postId))
    : gone.where(and(eq(forumMentions.postId, postId), notInArray(forumMentions.mentionedId, memberIds)))
  ).returning({ id: forumMentions.mentionedId });
  const added =
    memberIds.length === 0
      ? []
      : await db
          .insert(forumMentions)
          .values(memberIds.map((mentionedId) => ({ postId, mentionedId, authorId, ...(at ? { createdAt: at } : {}) })))
          .onConflictDoNothing()
          .returning({ id: forumMentions.mentionedId });
  return [...added, ...removed].map((r) => r.id);
}

type MentionRow = {
  id: string;
  post_id: string;
  created_at: string | Date;
  read_at: string | Date | null;
  thread_id: string;
  seq: number;
  anonymous: boolean;
  author_id: string | null;
  author_handle: string | null;
  body: string;
  warnings: string[];
  title: string;
  opening_hidden: boolean;
  board_kind: "community" | "group";
  organisation_id: string | null;
  group_id: string | null;
  group_role: "member" | "co_facilitator" | "facilitator" | null;
  group_status: "requested" | "active" | null;
  org_admin: boolean;
  community_moderator: boolean;
};

/**
 * The viewer's mentions, newest first, that still reach them in SQL terms: the post is there and
 * not hidden by a moderator, and neither blocked the other (nor did the viewer mute its author).
 * Whether they may still read the board is decided by the policy on each row.
 */
async function mentionRows(
  db: Db,
  memberId: string,
  opts: { before?: { at: Date; id: string }; unreadOnly?: boolean; limit: number },
) {
  const before = opts.before
    ? sql`and (fm.created_at, fm.id) < (${opts.before.at.toISOString()}::timestamptz, ${opts.before.id}::uuid)`
    : sql``;
  const unread = opts.unreadOnly ? sql`and fm.read_at is null` : sql``;
  const result = await db.execute(sql`
    select fm.id, fm.post_id, fm.created_at, fm.read_at,
           p.thread_id, p.seq, p.anonymous, p.author_id, a.handle as author_handle, p.body, p.warnings,
           t.title,
           exists (select 1 from forum_posts op join moderation_actions ma on ma.post_id = op.id
                    where op.thread_id = t.id and op.seq = 0 and ma.kind = 'hide' and ma.revoked_at is null)
             as opening_hidden,
           b.kind as board_kind, b.organisation_id, b.group_id,
           gm.role as group_role, gm.status as group_status,
           oa.member_id is not null as org_admin, fmod.member_id is not null as community_moderator
      from forum_mentions fm
      join forum_posts p on p.id = fm.post_id
      join forum_threads t on t.id = p.thread_id
      join forum_boards b on b.id = p.board_id
      left join members a on a.id = p.author_id
      left join groups g on g.id = b.group_id
      left join group_members gm on gm.group_id = b.group_id and gm.member_id = ${memberId}
      left join organisation_admins oa on oa.organisation_id = coalesce(b.organisation_id, g.organisation_id)
                                      and oa.member_id = ${memberId}
      left join forum_moderators fmod on fmod.member_id = ${memberId}
     where fm.mentioned_id = ${memberId}
       and p.deleted_at is null
       and not exists (select 1 from moderation_actions ma
                        where ma.post_id = p.id and ma.kind = 'hide' and ma.revoked_at is null)
       and not exists (select 1 from member_blocks mb
                        where (mb.blocker_id = ${memberId} and mb.blocked_id = fm.author_id)
                           or (mb.blocker_id = fm.author_id and mb.blocked_id = ${memberId} and mb.kind = 'block'))
       ${before} ${unread}
     order by fm.created_at desc, fm.id desc
     limit ${opts.limit}`);
  return (result as unknown as { rows: MentionRow[] }).rows;
}

/** Rows the viewer may still read, each judged by their trigger filters (hidden ones are left out). */
function reachable(actor: Actor, rows: MentionRow[], filters: ReturnType<typeof viewerFilters>) {
  return rows.flatMap((r) => {
    const access = accessOn(
      actor,
      { kind: r.board_kind, organisationId: r.organisation_id, groupId: r.group_id },
      {
        groupRole: r.group_role,
        groupStatus: r.group_status,
        orgAdmin: !!r.org_admin,
        communityModerator: !!r.community_moderator,
      },
    );
    if (!canReadBoard(access)) return [];
    const verdict = judge(
      { warnings: r.warnings ?? [], body: r.body, title: r.seq === 0 ? r.title : null },
      filters,
      false,
    );
    return verdict.hidden ? [] : [{ row: r, folded: verdict.folded }];
  });
}

const plain = (body: string, max = 200) => {
  // Markdown's marks out, words kept: handles keep their underscores.
  const text = body
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^\s*(?:[>#]+|[-*+]|\d+\.)\s+/gm, "")
    .replace(/\*\*|__|~~|[*`]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, "")
    .replace(/\s+/g, " ")
    .trim();
  return text.length <= max ? text : `${text.slice(0, max).trimEnd()}…`;
};

/** One mention as the mentioned member sees it: an allow-list; an anonymous post never names its author. */
export function presentMention(r: MentionRow, folded: boolean): Mention {
  const openingHidden = !!r.opening_hidden;
  return {
    id: r.id,
    threadId: r.thread_id,
    threadTitle: openingHidden ? "" : r.title,
    titleHidden: openingHidden,
    postId: r.post_id,
    seq: r.seq,
    author: presentAuthor({ authorId: r.author_id, anonymous: r.anonymous }, r.author_handle),
    createdAt: new Date(r.created_at).toISOString(),
    unread: r.read_at === null,
    warnings: r.warnings ?? [],
    folded,
    ...(folded ? {} : { excerpt: plain(r.body) }),
  };
}

async function filtersOf(db: Db, memberId: string) {
  const result = await db.execute(
    sql`select fold_warnings, hide_words, show_using_detail from forum_filters where member_id = ${memberId}`,
  );
  const row = (
    result as unknown as {
      rows: { fold_warnings: string[] | null; hide_words: string[]; show_using_detail: boolean }[];
    }
  ).rows[0];
  return viewerFilters(
    row
      ? { foldWarnings: row.fold_warnings, hideWords: row.hide_words ?? [], showUsingDetail: row.show_using_detail }
      : null,
  );
}

const PAGE = 20;

/** The mentions of the signed-in member: listing, counting, marking read. */
export function createMentions(db: Db) {
  async function unreadCount(actor: Actor, filters?: ReturnType<typeof viewerFilters>) {
    const rows = await mentionRows(db, actor.memberId, { unreadOnly: true, limit: UNREAD_CAP });
    return reachable(actor, rows, filters ?? (await filtersOf(db, actor.memberId))).length;
  }
  return {
    async list(actor: Actor, cursor?: string) {
      const before = decodeCursor(cursor) ?? undefined;
      const filters = await filtersOf(db, actor.memberId);
      const rows = await mentionRows(db, actor.memberId, { before, limit: PAGE + 1 });
      const page = rows.slice(0, PAGE);
      const last = page.at(-1);
      return {
        items: reachable(actor, page, filters).map(({ row, folded }) => presentMention(row, folded)),
        nextCursor: rows.length > PAGE && last ? encodeCursor(new Date(last.created_at), last.id) : null,
        unread: await unreadCount(actor, filters),
      };
    },

    async count(actor: Actor) {
      return { unread: await unreadCount(actor) };
    },

    /** Marks the given mentions (or all) read; ids that are not the member's are passed over. */
    async markRead(actor: Actor, ids?: string[]) {
      const mine = eq(forumMentions.mentionedId, actor.memberId);
      await db
        .update(forumMentions)
        .set({ readAt: new Date() })
        .where(and(mine, isNull(forumMentions.readAt), ids ? inArray(forumMentions.id, ids) : undefined));
      return { unread: await unreadCount(actor) };
    },
  };
}

/**
 * The export's mentions: those received (without who wrote them; not from someone who has since
 * blocked the member, who must not learn of the block this way either) and those made.
 */
export async function exportMentions(db: Db, memberId: string) {
  const received = await db.execute(sql`
    select fm.post_id, p.thread_id, fm.created_at, fm.read_at
      from forum_mentions fm join forum_posts p on p.id = fm.post_id
     where fm.mentioned_id = ${memberId}
       and not exists (select 1 from member_blocks mb
                        where mb.blocker_id = fm.author_id and mb.blocked_id = ${memberId} and mb.kind = 'block')
     order by fm.created_at`);
  const made = await db.execute(sql`
    select fm.post_id, m.handle, fm.created_at
      from forum_mentions fm join members m on m.id = fm.mentioned_id
     where fm.author_id = ${memberId}
     order by fm.created_at`);
  const iso = (v: string | Date) => new Date(v).toISOString();
  type R = { post_id: string; thread_id: string; created_at: string | Date; read_at: string | Date | null };
  type M = { post_id: string; handle: string; created_at: string | Date };
  return {
    received: (received as unknown as { rows: R[] }).rows.map((r) => ({
      postId: r.post_id,
      threadId: r.thread_id,
      at: iso(r.created_at),
      readAt: r.read_at ? iso(r.read_at) : null,
    })),
    made: (made as unknown as { rows: M[] }).rows.map((r) => ({
      postId: r.post_id,
      handle: r.handle,
      at: iso(r.created_at),
    })),
  };
}

/**
 * Before a member's account is deleted: the posts that mention them keep the words (they are
 * others' words) but no longer link to a page that will be gone, or that someone else could later
 * claim with the same handle. Their mention rows go with the account (ON DELETE CASCADE).
 */
export async function unlinkMentionsOf(db: Tx, memberId: string) {
  const result = await db.execute(sql`
    select p.id, p.body, p.thread_id,
           coalesce((select array_agg(m.handle) from forum_mentions o join members m on m.id = o.mentioned_id
                      where o.post_id = p.id and o.mentioned_id <> ${memberId}), '{}') as others
      from forum_mentions fm join forum_posts p on p.id = fm.post_id
     where fm.mentioned_id = ${memberId} and p.deleted_at is null`);
  const rows = (result as unknown as { rows: { id: string; body: string; thread_id: string; others: string[] }[] })
    .rows;
  for (const r of rows) {
    const linked = new Map((r.others ?? []).map((h) => [h.toLowerCase(), h]));
    await db.execute(sql`update forum_posts set html = ${renderMarkdown(r.body, linked)} where id = ${r.id}`);
    await db.execute(sql`update forum_threads set version = version + 1 where id = ${r.thread_id}`);
  }
}
