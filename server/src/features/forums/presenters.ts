import type { Author, Board, Post, ReactionCounts, SearchHit, Thread, ThreadSummary } from "@kinship/contracts/forums";
import type { Actor } from "../../platform/actor.ts";
import { judge, type ViewerFilters } from "./filters.ts";
import {
  type BoardAccess,
  canDeletePost,
  canEditPost,
  canReact,
  canReply,
  canReport,
  canSeeHistory,
  canSeeReactors,
  canUnmask,
} from "./policy.ts";
import type { BoardRow, PostRow, ThreadRow } from "./store.ts";

/** Who is looking, with what they may do on the board and the filters they set. */
export type Viewer = { actor: Actor; access: BoardAccess; filters: ViewerFilters };

/** A group board carries its group's name, so a renamed group renames its board. */
export const boardName = (board: Pick<BoardRow, "name">, groupName: string | null) => groupName ?? board.name;

/** The author as members may know them: an anonymous post never carries a handle, whoever looks. */
export function presentAuthor(p: { authorId: string | null; anonymous: boolean }, handle: string | null): Author {
  if (p.anonymous) return { kind: "anonymous", handle: null };
  if (!p.authorId || handle === null) return { kind: "former", handle: null };
  return { kind: "member", handle };
}

const NO_REACTIONS = (): ReactionCounts => ({ me_too: 0, sending_strength: 0, thank_you: 0, this_helped: 0 });

export type ReactionSummary = { counts: ReactionCounts; mine: (keyof ReactionCounts)[] };
export const emptyReactions = (): ReactionSummary => ({ counts: NO_REACTIONS(), mine: [] });

/** Groups reaction rows by post. */
export function reactionsByPost(rows: { postId: string; kind: keyof ReactionCounts; count: number; mine: boolean }[]) {
  const out = new Map<string, ReactionSummary>();
  for (const r of rows) {
    const s = out.get(r.postId) ?? emptyReactions();
    out.set(r.postId, s);
    s.counts[r.kind] = r.count;
    if (r.mine) s.mine.push(r.kind);
  }
  return out;
}

/**
 * A post as one viewer sees it. Folded (or hidden by the viewer's filters) means no body, no HTML
 * and no quoted words; `open` is the reader asking for this one post.
 */
export function presentPost(
  post: PostRow,
  authorHandle: string | null,
  viewer: Viewer,
  reactions: ReactionSummary,
  options: { open?: boolean; title?: string | null; hiddenReason?: string | null } = {},
): Post {
  const mine = post.authorId === viewer.actor.memberId;
  // Hidden by a moderator: the words and the reason only for the author and the board's moderators.
  const moderated = options.hiddenReason != null;
  const seesModerated = mine || viewer.access.moderate;
  const deleted = post.deletedAt !== null;
  const verdict = deleted
    ? { folded: false, hidden: false }
    : judge({ ...post, title: options.title }, viewer.filters, mine);
  const folded = verdict.folded && !options.open;
  const facts = { authorId: post.authorId, deleted, anonymous: post.anonymous };
  const showWords = !folded && !deleted && (!moderated || seesModerated);
  return {
    id: post.id,
    threadId: post.threadId,
    seq: post.seq,
    author: presentAuthor(post, authorHandle),
    mine,
    warnings: post.warnings,
    folded,
    hidden: verdict.hidden,
    deleted,
    ...(showWords ? { body: post.body, html: post.html } : {}),
    quote:
      post.quotePostId && post.quoteSeq !== null
        ? {
            postId: post.quotePostId,
            seq: post.quoteSeq,
            ...(showWords && post.quoteText !== null && post.quoteHtml !== null
              ? { text: post.quoteText, html: post.quoteHtml }
              : {}),
          }
        : null,
    reactions: reactions.counts,
    myReactions: reactions.mine,
    createdAt: post.createdAt.toISOString(),
    editedAt: post.editedAt?.toISOString() ?? null,
    moderated: moderated ? { reason: seesModerated ? (options.hiddenReason ?? null) : null } : null,
    can: {
      edit: canEditPost(viewer.actor, facts),
      delete: canDeletePost(viewer.actor, facts),
      react: canReact(viewer.actor, viewer.access, facts),
      seeReactors: canSeeReactors(viewer.actor, facts),
      report: canReport(viewer.actor, viewer.access, facts),
      seeHistory: canSeeHistory(viewer.access),
      unmask: canUnmask(viewer.access, facts),
    },
  };
}

export function presentThread(
  t: ThreadRow,
  board: { id: string; name: string; kind: "community" | "group" },
  opening: { warnings: string[]; deleted: boolean; moderated: boolean } | null,
  authorHandle: string | null,
  viewer: Viewer,
  state: { following: boolean; lastReadSeq: number | null },
): Thread {
  const facts = { authorId: t.authorId, deleted: opening?.deleted ?? false, anonymous: t.anonymous };
  // A moderator hid the opening post: its title goes with it, except for its author and moderators.
  const titleHidden = (opening?.moderated ?? false) && t.authorId !== viewer.actor.memberId && !viewer.access.moderate;
  return {
    id: t.id,
    board,
    title: titleHidden ? "" : t.title,
    titleHidden,
    kind: t.kind,
    dayCount: t.dayCount,
    milestone: t.milestone,
    author: presentAuthor(t, authorHandle),
    mine: t.authorId === viewer.actor.memberId,
    warnings: opening?.warnings ?? [],
    replyCount: t.lastSeq,
    lastSeq: t.lastSeq,
    createdAt: t.createdAt.toISOString(),
    lastPostAt: t.lastPostAt.toISOString(),
    following: state.following,
    lastReadSeq: state.lastReadSeq,
    can: {
      edit: canEditPost(viewer.actor, facts),
      delete: t.authorId === viewer.actor.memberId,
      reply: canReply(viewer.access),
    },
  };
}

export function presentThreadSummary(
  row: {
    thread: ThreadRow;
    board: { id: string; name: string; kind: "community" | "group"; groupName: string | null };
    authorHandle: string | null;
    warnings: string[] | null;
    lastReadSeq: number | null;
    following: boolean;
    lastVisitAt: Date | null;
  },
  memberId: string,
): ThreadSummary {
  const t = row.thread;
  const mine = t.authorId === memberId;
  return {
    id: t.id,
    board: { id: row.board.id, name: boardName(row.board, row.board.groupName), kind: row.board.kind },
    title: t.title,
    kind: t.kind,
    dayCount: t.dayCount,
    milestone: t.milestone,
    author: presentAuthor(t, row.authorHandle),
    mine,
    warnings: row.warnings ?? [],
    replyCount: t.lastSeq,
    createdAt: t.createdAt.toISOString(),
    lastPostAt: t.lastPostAt.toISOString(),
    unread: row.lastReadSeq === null ? null : Math.max(0, t.lastSeq - row.lastReadSeq),
    isNew: !mine && row.lastVisitAt !== null && t.createdAt > row.lastVisitAt,
    following: row.following,
  };
}

export function presentBoard(
  b: BoardRow,
  groupName: string | null,
  access: BoardAccess,
  extras: { lastVisitAt: Date | null; following: boolean; threadCount: number; newThreads: number },
): Board {
  return {
    id: b.id,
    slug: b.slug,
    kind: b.kind,
    name: boardName(b, groupName),
    description: b.description,
    organisationId: b.organisationId,
    groupId: b.groupId,
    position: b.position,
    threadCount: extras.threadCount,
    newThreads: extras.lastVisitAt ? extras.newThreads : null,
    lastVisitAt: extras.lastVisitAt?.toISOString() ?? null,
    following: extras.following,
    can: { post: access.post, moderate: access.moderate },
  };
}

export function presentSearchHit(
  row: {
    postId: string;
    threadId: string;
    threadTitle: string;
    /** A moderator hid the thread's opening post, and the searcher did not write it. */
    openingHidden: boolean;
    seq: number;
    board: { id: string; name: string; kind: "community" | "group" };
    kind: ThreadRow["kind"];
    authorId: string | null;
    anonymous: boolean;
    authorHandle: string | null;
    warnings: string[];
    createdAt: Date;
    excerpt: string;
  },
  folded: boolean,
): SearchHit {
  return {
    postId: row.postId,
    threadId: row.threadId,
    threadTitle: row.openingHidden ? "" : row.threadTitle,
    titleHidden: row.openingHidden,
    seq: row.seq,
    board: row.board,
    kind: row.kind,
    author: presentAuthor(row, row.authorHandle),
    warnings: row.warnings,
    folded,
    ...(folded ? {} : { excerpt: row.excerpt }),
    createdAt: row.createdAt.toISOString(),
  };
}
