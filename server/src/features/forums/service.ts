import type {
  BoardCreate,
  Filters,
  FiltersUpdate,
  PostUpdate,
  Reaction,
  ReplyCreate,
  ReportCreate,
  SearchQuery,
  ThreadCreate,
  ThreadUpdate,
} from "@kinship/contracts/forums";
import { PAGE_SIZE } from "@kinship/contracts/forums";
import type { z } from "zod";
import type { Db } from "../../db/client.ts";
import { recordAccess } from "../../platform/access-log.ts";
import type { Actor } from "../../platform/actor.ts";
import { Conflict, Forbidden, Invalid, NotFound } from "../../platform/errors.ts";
import type { Hub } from "../../realtime/hub.ts";
import { canSeeGroupInside, isOrganisationAdmin, standingIn } from "../groups/access.ts";
import { recordAudit } from "../moderation/audit.ts";
import { hiddenAuthorsFor } from "../moderation/blocks.ts";
import type { PostingGuard } from "../moderation/trust.ts";
import { ownReachedMilestone } from "../progress/milestone-share.ts";
import { createSafetyService } from "../safety/service.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";
import { judge, normaliseWarnings, presentFilters, viewerFilters } from "./filters.ts";
import { announceMentions } from "./live.ts";
import { renderMarkdown } from "./markdown.ts";
import { createMentions, renderWithMentions, saveMentions } from "./mentions.ts";
import {
  accessOn,
  type BoardAccess,
  canCreateBoard,
  canDeletePost,
  canEditPost,
  canModerateBoard,
  canPostIn,
  canReact,
  canReadBoard,
  canReport,
  canSeeHistory,
  canSeeReactors,
  canUnmask,
} from "./policy.ts";
import {
  boardName,
  emptyReactions,
  presentBoard,
  presentPost,
  presentSearchHit,
  presentThread,
  presentThreadSummary,
  reactionsByPost,
  type Viewer,
} from "./presenters.ts";
import { searchPosts } from "./search.ts";
import { type BoardRow, type StandingRow, searchVector, forumsStore as store } from "./store.ts";
import { createThreadPages } from "./thread-page.ts";

const NOT_FOUND_BOARD = "We couldn't find that board.";
const NOT_FOUND_THREAD = "We couldn't find that thread.";
const NOT_FOUND_POST = "We couldn't find that post.";

/** Where the viewer stands with a board, from a row joined by the store. */
const accessFrom = (actor: Actor, row: { board: BoardRow } & StandingRow): BoardAccess =>
  accessOn(actor, row.board, row);

const excerptOf = (body: string, max = 300) => (body.length <= max ? body : `${body.slice(0, max).trimEnd()}…`);
const squash = (s: string) => s.replace(/\s+/g, " ").trim();

/** Forums: boards, threads, posts, reactions, warnings and filters, follows, reports, search. */
export function createForumsService({ db, guard, hub }: { db: Db; guard?: PostingGuard; hub?: Hub }) {
  const threadPages = createThreadPages(db);
  const safety = createSafetyService({ db, hub });
  async function readableBoard(actor: Actor, boardId: string) {
    const row = await store.boardWithStanding(db, boardId, actor.memberId);
    if (!row) throw new NotFound(NOT_FOUND_BOARD);
    const access = accessFrom(actor, row);
    if (!canReadBoard(access)) throw new NotFound(NOT_FOUND_BOARD);
    return { ...row, access };
  }

  async function readableThread(actor: Actor, threadId: string) {
    const row = await store.threadWithContext(db, threadId, actor.memberId);
    if (!row) throw new NotFound(NOT_FOUND_THREAD);
    const access = accessFrom(actor, row);
    if (!canReadBoard(access)) throw new NotFound(NOT_FOUND_THREAD);
    const viewer: Viewer = { actor, access, filters: viewerFilters(row.filters) };
    return { ...row, access, viewer };
  }

  async function readablePost(actor: Actor, postId: string) {
    const row = await store.postWithContext(db, postId, actor.memberId);
    if (!row) throw new NotFound(NOT_FOUND_POST);
    const access = accessFrom(actor, row);
    if (!canReadBoard(access)) throw new NotFound(NOT_FOUND_POST);
    const viewer: Viewer = { actor, access, filters: viewerFilters(row.filters) };
    const facts = { authorId: row.post.authorId, deleted: row.post.deletedAt !== null, anonymous: row.post.anonymous };
    return { ...row, access, viewer, facts };
  }

  async function presentPage(
    threadId: string,
    viewer: Viewer,
    title: string,
    afterSeq: number,
    limit: number,
  ): Promise<{ items: ReturnType<typeof presentPost>[]; nextCursor: string | null }> {
    const rows = await store.postsAfter(db, threadId, afterSeq, limit + 1);
    const blocked = await hiddenAuthorsFor(db, viewer.actor.memberId);
    const page = rows.slice(0, limit);
    const reactions = reactionsByPost(
      await store.reactionsOf(
        db,
        page.map((r) => r.post.id),
        viewer.actor.memberId,
      ),
    );
    const items = page
      .filter((r) => !r.post.authorId || !blocked.has(r.post.authorId))
      .map((r) =>
        presentPost(r.post, r.authorHandle, viewer, reactions.get(r.post.id) ?? emptyReactions(), {
          title: r.post.seq === 0 ? title : null,
          hiddenReason: r.hiddenReason,
        }),
      );
    const last = page.at(-1);
    return { items, nextCursor: rows.length > limit && last ? String(last.post.seq) : null };
  }

  async function reactionsFor(postId: string, memberId: string) {
    return reactionsByPost(await store.reactionsOf(db, [postId], memberId)).get(postId) ?? emptyReactions();
  }

  return {
    /** Community boards and the private boards of the member's groups. */
    async listBoards(actor: Actor) {
      await store.ensureGroupBoardsOf(db, actor.memberId);
      const rows = await store.listBoardsFor(db, actor.memberId);
      return {
        items: rows.flatMap((row) => {
          const access = accessFrom(actor, row);
          return canReadBoard(access) ? [presentBoard(row.board, row.groupName, access, row)] : [];
        }),
      };
    },

    async getBoard(actor: Actor, boardId: string) {
      const row = await readableBoard(actor, boardId);
      return presentBoard(row.board, row.groupName, row.access, await store.boardExtras(db, boardId, actor.memberId));
    },

    /** A group's private board, made on first use; only its members (and its organisation's admins) find it. */
    async groupBoard(actor: Actor, groupId: string) {
      if (!canSeeGroupInside(await standingIn(db, actor, groupId))) throw new NotFound("We couldn't find that group.");
      const boardId = await store.ensureGroupBoard(db, groupId);
      if (!boardId) throw new NotFound("We couldn't find that group.");
      return this.getBoard(actor, boardId);
    },

    /** Organisation admins add community boards for their organisation. */
    async createBoard(actor: Actor, input: z.infer<typeof BoardCreate>) {
      if (!canCreateBoard(await isOrganisationAdmin(db, actor, input.organisationId))) {
        throw new Forbidden("Only the organisation's admins can add boards.");
      }
      const board = await store.insertBoard(db, {
        kind: "community",
        organisationId: input.organisationId,
        name: input.name,
        description: input.description,
        position: input.position ?? 100,
      });
      return this.getBoard(actor, board.id);
    },

    async updateBoard(
      actor: Actor,
      boardId: string,
      changes: { name?: string; description?: string; position?: number },
    ) {
      const row = await readableBoard(actor, boardId);
      if (!canModerateBoard(row.access)) throw new Forbidden("Only the board's moderators can change it.");
      if (row.board.kind === "group" && changes.name !== undefined) {
        throw new Invalid("A group's board is named after the group.", "name");
      }
      if (Object.keys(changes).length > 0) await store.updateBoard(db, boardId, changes);
      return this.getBoard(actor, boardId);
    },

    async listThreads(actor: Actor, boardId: string, query: { kind?: string; cursor?: string }) {
      const row = await readableBoard(actor, boardId);
      const filters = viewerFilters(await store.filtersOf(db, actor.memberId));
      const blocked = await hiddenAuthorsFor(db, actor.memberId);
      const before = decodeCursor(query.cursor);
      const rows = await store.listThreads(
        db,
        { boardIds: [boardId], memberId: actor.memberId, kind: query.kind, before: before ?? undefined },
        PAGE_SIZE + 1,
      );
      const page = rows.slice(0, PAGE_SIZE);
      const last = page.at(-1);
      return {
        items: page
          .filter((r) => {
            if (r.thread.authorId && blocked.has(r.thread.authorId)) return false;
            const mine = r.thread.authorId === actor.memberId;
            // A thread whose opening post a moderator hid is listed for its author and moderators only.
            if (r.openingHidden && !mine && !canModerateBoard(row.access)) return false;
            return !judge({ warnings: r.warnings ?? [], body: r.body ?? "", title: r.thread.title }, filters, mine)
              .hidden;
          })
          .map((r) => presentThreadSummary(r, actor.memberId)),
        nextCursor: rows.length > PAGE_SIZE && last ? encodeCursor(last.thread.lastPostAt, last.thread.id) : null,
        board: row.board.id,
      };
    },

    /** Starts a thread with its opening post (seq 0). */
    async createThread(actor: Actor, boardId: string, input: ThreadCreate) {
      const row = await readableBoard(actor, boardId);
      if (!canPostIn(row.access)) throw new Forbidden("You can't post on this board.");
      await guard?.beforePost(actor, `${input.title}\n${input.body}`);
      const warnings = normaliseWarnings(input.warnings);
      const { html, mentioned } = await renderWithMentions(db, input.body, actor.memberId, row.board);
      const shared = input.milestone
        ? await ownReachedMilestone(db, actor.memberId, input.milestone.journeyId, input.milestone.milestone)
        : null;
      if (input.milestone && !shared) {
        throw new NotFound("That milestone isn't one you've reached on one of your journeys.");
      }
      const { thread, opening, changed } = await db.transaction(async (tx) => {
        const t = await store.insertThread(tx, {
          boardId,
          authorId: actor.memberId,
          anonymous: input.anonymous,
          title: input.title,
          kind: input.kind,
          dayCount: input.kind === "milestone" ? (shared?.days ?? input.dayCount ?? null) : null,
          milestone: shared ? (input.milestone?.milestone ?? null) : null,
        });
        const post = await store.insertPost(tx, {
          threadId: t.id,
          boardId,
          seq: 0,
          authorId: actor.memberId,
          anonymous: input.anonymous,
          body: input.body,
          html,
          warnings,
          search: searchVector(input.title, input.body),
        });
        const changed = await saveMentions(
          tx,
          post.id,
          actor.memberId,
          mentioned.map((m) => m.id),
        );
        return { thread: t, opening: post, changed };
      });
      await announceMentions(hub, changed);
      const viewer: Viewer = { actor, access: row.access, filters: viewerFilters(null) };
      const crisis = await safety.check(actor, {
        source: "forum_post",
        sourceId: opening.id,
        text: `${input.title}\n${input.body}`,
      });
      const presented = presentThread(
        thread,
        { id: row.board.id, name: boardName(row.board, row.groupName), kind: row.board.kind },
        { warnings, deleted: false, moderated: false },
        actor.handle,
        viewer,
        { following: false, lastReadSeq: null },
      );
      return crisis ? { ...presented, crisis } : presented;
    },

    /** A thread with its first page of posts, each folded or not for this viewer. */
    getThread: threadPages.read,

    /** Posts after a sequence number: keyset pagination that stays fast however long the thread. */
    async posts(actor: Actor, threadId: string, after: number | undefined, limit: number) {
      const row = await readableThread(actor, threadId);
      return presentPage(threadId, row.viewer, row.thread.title, after ?? -1, limit);
    },

    async updateThread(actor: Actor, threadId: string, changes: ThreadUpdate) {
      const row = await readableThread(actor, threadId);
      const opening = await store.postsAfter(db, threadId, -1, 1);
      const post = opening[0]?.post;
      const facts = { authorId: row.thread.authorId, deleted: !!post?.deletedAt, anonymous: row.thread.anonymous };
      if (!post || !canEditPost(actor, facts))
        throw new Forbidden("Only the person who started a thread can change it.");
      const kind = changes.kind ?? row.thread.kind;
      const dayCount = changes.dayCount === undefined ? row.thread.dayCount : changes.dayCount;
      if (kind === "milestone" && dayCount === null) {
        throw new Invalid("A milestone celebration needs the number of days.", "dayCount");
      }
      await db.transaction(async (tx) => {
        if (changes.title !== undefined && changes.title !== row.thread.title) {
          await store.insertRevision(tx, {
            postId: post.id,
            title: row.thread.title,
            body: post.body,
            warnings: post.warnings,
            writtenAt: post.editedAt ?? post.createdAt,
          });
          await store.updatePost(tx, post.id, {
            editedAt: new Date(),
            search: searchVector(changes.title, post.body),
          });
        }
        await store.updateThread(tx, threadId, {
          ...(changes.title !== undefined ? { title: changes.title } : {}),
          kind,
          dayCount: kind === "milestone" ? dayCount : null,
          // A count typed over the journey's, or a different kind of post, is no longer the journey's.
          milestone: kind === "milestone" && dayCount === row.thread.dayCount ? row.thread.milestone : null,
        });
      });
      return this.getThread(actor, threadId);
    },

    /**
     * The author deletes their thread. If others replied, their replies stay and only the opening
     * post's words go; otherwise the whole thread goes.
     */
    async deleteThread(actor: Actor, threadId: string) {
      const row = await readableThread(actor, threadId);
      if (row.thread.authorId !== actor.memberId)
        throw new Forbidden("Only the person who started a thread can delete it.");
      await db.transaction(async (tx) => {
        if (await store.othersReplied(tx, threadId, actor.memberId)) {
          const [opening] = await store.postsAfter(tx as Db, threadId, -1, 1);
          if (opening) await store.erasePost(tx, opening.post.id);
          await store.bumpVersion(tx, threadId);
        } else {
          await store.deleteThread(tx, threadId);
        }
      });
    },

    async reply(actor: Actor, threadId: string, input: ReplyCreate) {
      const row = await readableThread(actor, threadId);
      if (!canPostIn(row.access)) throw new Forbidden("You can't reply on this board.");
      await guard?.beforePost(actor, input.body);
      let warnings = normaliseWarnings(input.warnings);
      let quote: { postId: string; seq: number; text: string; html: string } | null = null;
      if (input.quotePostId) {
        const quoted = await store.post(db, input.quotePostId);
        if (!quoted || quoted.threadId !== threadId || quoted.deletedAt) {
          throw new Invalid("You can quote only a post of this thread.", "quotePostId");
        }
        if (input.quoteText !== undefined && !squash(quoted.body).includes(squash(input.quoteText))) {
          throw new Invalid("A quote has to be words from the post you quote.", "quoteText");
        }
        const text = input.quoteText ?? excerptOf(quoted.body);
        quote = { postId: quoted.id, seq: quoted.seq, text, html: renderMarkdown(text) };
        // A quote carries the quoted post's warnings, so it cannot show what they fold.
        warnings = normaliseWarnings([...warnings, ...quoted.warnings]);
      }
      const { html, mentioned } = await renderWithMentions(db, input.body, actor.memberId, row.board);
      const post = await db.transaction(async (tx) => {
        const seq = await store.nextSeq(tx, threadId);
        if (seq === null) throw new NotFound(NOT_FOUND_THREAD);
        const inserted = await store.insertPost(tx, {
          threadId,
          boardId: row.board.id,
          seq,
          authorId: actor.memberId,
          anonymous: input.anonymous,
          body: input.body,
          html,
          warnings,
          quotePostId: quote?.postId ?? null,
          quoteSeq: quote?.seq ?? null,
          quoteText: quote?.text ?? null,
          quoteHtml: quote?.html ?? null,
          search: searchVector(null, input.body),
        });
        const changed = await saveMentions(
          tx,
          inserted.id,
          actor.memberId,
          mentioned.map((m) => m.id),
        );
        return { ...inserted, changed };
      });
      await announceMentions(hub, post.changed);
      const crisis = await safety.check(actor, { source: "forum_post", sourceId: post.id, text: input.body });
      const presented = presentPost(post, actor.handle, row.viewer, emptyReactions());
      return crisis ? { ...presented, crisis } : presented;
    },

    /** One post, opened: the reader asked for this post, so its body comes even if it is folded. */
    async openPost(actor: Actor, postId: string) {
      const row = await readablePost(actor, postId);
      return presentPost(row.post, row.authorHandle, row.viewer, await reactionsFor(postId, actor.memberId), {
        open: true,
        title: row.post.seq === 0 ? row.thread.title : null,
        hiddenReason: row.hiddenReason,
      });
    },

    /** The author edits a post; the old version is kept for moderators. */
    async updatePost(actor: Actor, postId: string, changes: PostUpdate) {
      const row = await readablePost(actor, postId);
      if (!canEditPost(actor, row.facts)) throw new Forbidden("You can edit only your own posts.");
      if (changes.body !== undefined) await guard?.beforePost(actor, changes.body, { count: false });
      const post = row.post;
      const body = changes.body ?? post.body;
      const warnings = changes.warnings ? normaliseWarnings(changes.warnings) : post.warnings;
      // A new body re-computes who it mentions: new names are told, removed ones no longer see it.
      const rendered =
        changes.body !== undefined ? await renderWithMentions(db, body, actor.memberId, row.board) : null;
      const changed = await db.transaction(async (tx) => {
        await store.insertRevision(tx, {
          postId,
          title: post.seq === 0 ? row.thread.title : null,
          body: post.body,
          warnings: post.warnings,
          writtenAt: post.editedAt ?? post.createdAt,
        });
        await store.updatePost(tx, postId, {
          body,
          html: rendered ? rendered.html : post.html,
          warnings,
          editedAt: new Date(),
          search: searchVector(post.seq === 0 ? row.thread.title : null, body),
        });
        await store.bumpVersion(tx, post.threadId);
        return rendered
          ? saveMentions(
              tx,
              postId,
              actor.memberId,
              rendered.mentioned.map((m) => m.id),
            )
          : [];
      });
      await announceMentions(hub, changed);
      return this.openPost(actor, postId);
    },

    /** The author deletes a post: its words go for good, its place in the thread stays. */
    async deletePost(actor: Actor, postId: string) {
      const row = await readablePost(actor, postId);
      if (!canDeletePost(actor, row.facts)) throw new Forbidden("You can delete only your own posts.");
      if (row.post.seq === 0) return this.deleteThread(actor, row.post.threadId);
      await db.transaction(async (tx) => {
        await store.erasePost(tx, postId);
        await store.bumpVersion(tx, row.post.threadId);
      });
    },

    async react(actor: Actor, postId: string, kind: Reaction, on: boolean) {
      const row = await readablePost(actor, postId);
      if (!canReact(actor, row.access, row.facts)) {
        throw new Forbidden(row.facts.deleted ? "That post was deleted." : "You can't react to your own post.");
      }
      if (on) await store.addReaction(db, postId, actor.memberId, kind);
      else await store.removeReaction(db, postId, actor.memberId, kind);
      await store.bumpVersion(db, row.post.threadId);
      const r = await reactionsFor(postId, actor.memberId);
      return { reactions: r.counts, myReactions: r.mine };
    },

    /** Who reacted to a post: for its author only. */
    async reactors(actor: Actor, postId: string) {
      const row = await readablePost(actor, postId);
      if (!canSeeReactors(actor, row.facts)) throw new Forbidden("Only the author sees who reacted.");
      const rows = await store.reactorsOf(db, postId);
      const byKind = new Map<Reaction, { kind: Reaction; handles: string[]; formerMembers: number }>();
      for (const r of rows) {
        const entry = byKind.get(r.kind) ?? { kind: r.kind, handles: [], formerMembers: 0 };
        byKind.set(r.kind, entry);
        if (r.handle) entry.handles.push(r.handle);
        else entry.formerMembers += 1;
      }
      return { items: [...byKind.values()] };
    },

    /** A post's versions, the current first: for the board's moderators. */
    async history(actor: Actor, postId: string) {
      const row = await readablePost(actor, postId);
      if (!canSeeHistory(row.access)) throw new Forbidden("Edit history is for the board's moderators.");
      const revisions = await store.revisionsOf(db, postId);
      const current = {
        title: row.post.seq === 0 ? row.thread.title : null,
        body: row.post.body,
        warnings: row.post.warnings,
        writtenAt: (row.post.editedAt ?? row.post.createdAt).toISOString(),
        replacedAt: null,
      };
      return {
        items: [
          current,
          ...revisions.map((r) => ({
            title: r.title,
            body: r.body,
            warnings: r.warnings,
            writtenAt: r.writtenAt.toISOString(),
            replacedAt: r.replacedAt.toISOString(),
          })),
        ],
      };
    },

    /** A moderator learns who wrote an anonymous post; the author sees it in their access log. */
    async unmask(actor: Actor, postId: string, reason: string) {
      const row = await readablePost(actor, postId);
      if (!canModerateBoard(row.access)) throw new Forbidden("Only the board's moderators can see who wrote a post.");
      if (!canUnmask(row.access, row.facts)) throw new Conflict("This post isn't anonymous.");
      if (!row.post.authorId) return { handle: null, former: true };
      await recordAccess(db, {
        memberId: row.post.authorId,
        viewerId: actor.memberId,
        viewerRole: "moderator",
        recordType: "anonymous_post_author",
        recordId: postId,
        reason,
      });
      await recordAudit(db, {
        organisationId: row.board.organisationId ?? (await store.organisationOfGroup(db, row.board.groupId)),
        moderatorId: actor.memberId,
        event: "viewed_anonymous_author",
        subjectId: row.post.authorId,
        targetType: "post",
        targetId: postId,
        detail: reason,
      });
      return { handle: row.authorHandle, former: false };
    },

    async report(actor: Actor, postId: string, input: z.infer<typeof ReportCreate>) {
      const row = await readablePost(actor, postId);
      if (!canReport(actor, row.access, row.facts)) throw new Forbidden("You can't report your own post.");
      const r = await store.insertReport(db, {
        postId,
        reporterId: actor.memberId,
        reason: input.reason,
        note: input.note,
      });
      return {
        id: r.id,
        postId,
        threadId: row.thread.id,
        threadTitle: row.thread.title,
        reason: r.reason,
        note: r.note,
        status: r.status,
        createdAt: r.createdAt.toISOString(),
        updatedAt: r.updatedAt.toISOString(),
      };
    },

    async myReports(actor: Actor) {
      const rows = await store.reportsBy(db, actor.memberId);
      return {
        items: rows.map(({ report: r, threadId, threadTitle }) => ({
          id: r.id,
          postId: r.postId,
          threadId,
          threadTitle,
          reason: r.reason,
          note: r.note,
          status: r.status,
          createdAt: r.createdAt.toISOString(),
          updatedAt: r.updatedAt.toISOString(),
        })),
      };
    },

    async filters(actor: Actor): Promise<Filters> {
      return presentFilters(await store.filtersOf(db, actor.memberId));
    },

    async updateFilters(actor: Actor, update: FiltersUpdate): Promise<Filters> {
      const values = {
        ...(update.foldWarnings ? { foldWarnings: [...new Set(update.foldWarnings)] } : {}),
        ...(update.hideWords ? { hideWords: [...new Set(update.hideWords)] } : {}),
        ...(update.showUsingDetail !== undefined ? { showUsingDetail: update.showUsingDetail } : {}),
      };
      return presentFilters(await store.saveFilters(db, actor.memberId, values));
    },

    async followThread(actor: Actor, threadId: string, on: boolean) {
      await readableThread(actor, threadId);
      await store.followThread(db, actor.memberId, threadId, on);
    },

    async followBoard(actor: Actor, boardId: string, on: boolean) {
      await readableBoard(actor, boardId);
      await store.followBoard(db, actor.memberId, boardId, on);
    },

    async markRead(actor: Actor, threadId: string, seq: number) {
      const row = await readableThread(actor, threadId);
      await store.markRead(db, actor.memberId, threadId, Math.min(seq, row.thread.lastSeq));
    },

    async visitBoard(actor: Actor, boardId: string) {
      await readableBoard(actor, boardId);
      await store.markVisited(db, actor.memberId, boardId);
    },

    /** Followed boards and threads, with what is new in them. */
    async following(actor: Actor) {
      const all = (await this.listBoards(actor)).items;
      const boards = all.filter((b) => b.following);
      const readable = all.map((b) => b.id);
      const rows =
        readable.length === 0
          ? []
          : await store.listThreads(db, { boardIds: readable, memberId: actor.memberId, followedOnly: true }, 100);
      const listed = rows.filter((r) => !r.openingHidden || r.thread.authorId === actor.memberId);
      return { boards, threads: listed.map((r) => presentThreadSummary(r, actor.memberId)) };
    },

    /** Full-text search over what this member may read; folded posts come without their words. */
    async search(actor: Actor, query: SearchQuery) {
      const { cursor, ...q } = query;
      const before = decodeCursor(cursor);
      const filters = viewerFilters(await store.filtersOf(db, actor.memberId));
      const rows = await searchPosts(db, actor.memberId, q, before, PAGE_SIZE + 1);
      const page = rows.slice(0, PAGE_SIZE);
      const last = page.at(-1);
      const items = page.flatMap((r) => {
        const verdict = judge(
          { warnings: r.warnings, body: r.body, title: r.seq === 0 ? r.threadTitle : null },
          filters,
          r.authorId === actor.memberId,
        );
        if (verdict.hidden) return [];
        return [
          presentSearchHit({ ...r, board: { id: r.boardId, name: r.boardName, kind: r.boardKind } }, verdict.folded),
        ];
      });
      return { items, nextCursor: rows.length > PAGE_SIZE && last ? encodeCursor(last.createdAt, last.postId) : null };
    },

    preview(body: string) {
      return { html: renderMarkdown(body) };
    },

    /** The signed-in member's @mentions. */
    mentions: createMentions(db),
  };
}

export type ForumsService = ReturnType<typeof createForumsService>;
