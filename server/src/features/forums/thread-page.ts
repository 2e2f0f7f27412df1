import { PAGE_SIZE, type ThreadPage } from "@kinship/contracts/forums";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../platform/actor.ts";
import { NotFound } from "../../platform/errors.ts";
import { viewerFilters } from "./filters.ts";
import { accessOn, canReadBoard } from "./policy.ts";
import { emptyReactions, presentPost, presentThread, reactionsByPost, type Viewer } from "./presenters.ts";
import { forumsStore as store } from "./store.ts";

/*
 * The thread page is the forum's hottest read. Per request it costs one query about the viewer (their
 * standing, marker, follow, filters, own reactions, and the thread's version); the first page of posts
 * with their reaction counts is the same for everyone, so each node keeps it in memory while the
 * thread's version (bumped by every reply, edit, deletion and reaction) says it is current. The
 * version is read from the database on every request, so any node sees every other node's writes.
 * Anything that changes a post, its author's name or its reactions must bump the version.
 */

type Shared = NonNullable<Awaited<ReturnType<typeof store.firstPage>>>;
const MAX_THREADS = 300;
// A page bigger than this is not kept, so the cache stays within tens of megabytes at worst.
const MAX_PAGE_CHARS = 200_000;

/** Reads thread pages for viewers, with a small per-node cache of each thread's shared first page. */
export function createThreadPages(db: Db) {
  const cache = new Map<string, { version: number; page: Shared }>();

  async function shared(threadId: string, version: number) {
    const hit = cache.get(threadId);
    if (hit && hit.version === version) {
      cache.delete(threadId); // keep the map in least-recently-used order
      cache.set(threadId, hit);
      return hit.page;
    }
    const page = await store.firstPage(db, threadId, PAGE_SIZE);
    if (!page) return null;
    const size = page.posts.reduce((n, p) => n + p.post.body.length + p.post.html.length, 0);
    if (size <= MAX_PAGE_CHARS) {
      cache.set(threadId, { version, page });
      if (cache.size > MAX_THREADS) cache.delete(cache.keys().next().value as string);
    }
    return page;
  }

  return {
    /** A thread with its first page of posts, each folded or not for this viewer. */
    read: async (actor: Actor, threadId: string): Promise<ThreadPage> => {
      const ctx = await store.pageContext(db, threadId, actor.memberId, PAGE_SIZE - 1);
      if (!ctx) throw new NotFound("We couldn't find that thread.");
      const board = { kind: ctx.board_kind, organisationId: ctx.organisation_id, groupId: ctx.group_id };
      const access = accessOn(actor, board, {
        groupRole: ctx.group_role,
        groupStatus: ctx.group_status,
        orgAdmin: ctx.org_admin,
        communityModerator: ctx.community_moderator,
      });
      if (!canReadBoard(access)) throw new NotFound("We couldn't find that thread.");
      const page = await shared(threadId, ctx.version);
      if (!page) throw new NotFound("We couldn't find that thread.");

      const filters = viewerFilters(
        ctx.has_filters
          ? {
              foldWarnings: ctx.fold_warnings,
              hideWords: ctx.hide_words ?? [],
              showUsingDetail: ctx.show_using_detail ?? true,
            }
          : null,
      );
      const viewer: Viewer = { actor, access, filters };
      const mine = new Map<string, string[]>();
      for (const entry of ctx.my_reactions) {
        const [postId, kind] = entry.split(" ") as [string, string];
        mine.set(postId, [...(mine.get(postId) ?? []), kind]);
      }
      const counts = reactionsByPost(page.counts);
      const rows = page.posts.slice(0, PAGE_SIZE);
      const blocked = new Set(ctx.hidden_authors ?? []);
      const posts = rows
        .filter((r) => !r.post.authorId || !blocked.has(r.post.authorId))
        .map((r) => {
          const shared = counts.get(r.post.id) ?? emptyReactions();
          const reactions = { counts: shared.counts, mine: (mine.get(r.post.id) ?? []) as typeof shared.mine };
          return presentPost(r.post, r.authorHandle, viewer, reactions, {
            title: r.post.seq === 0 ? page.thread.title : null,
            hiddenReason: r.hiddenReason,
          });
        });
      const opening = posts[0]?.seq === 0 ? posts[0] : null;
      const last = rows.at(-1);
      return {
        thread: presentThread(
          page.thread,
          { id: ctx.board_id, name: ctx.board_name, kind: ctx.board_kind },
          opening
            ? { warnings: opening.warnings, deleted: opening.deleted, moderated: opening.moderated !== null }
            : null,
          page.authorHandle,
          viewer,
          { following: ctx.following, lastReadSeq: ctx.last_read_seq },
        ),
        posts,
        nextCursor: page.posts.length > PAGE_SIZE && last ? String(last.post.seq) : null,
      };
    },
  };
}
