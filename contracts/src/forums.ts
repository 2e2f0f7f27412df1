import { z } from "zod";
import { MilestoneId } from "./progress.ts";
import { CrisisNotice } from "./safety.ts";

/*
 * Community forums: boards, threads, posts (the opening post and replies), supportive reactions,
 * content warnings, personal trigger filters, follows, read markers, reports and search.
 * A post folded for the viewer carries `folded: true` and no body: folding happens in the API.
 */

/** Warnings an author can pick; anything else they type is kept as their own words. */
export const WARNING_CODES = [
  "relapse",
  "using_detail",
  "self_harm",
  "suicide",
  "trauma_abuse",
  "eating",
  "grief",
  "explicit",
] as const;
export const WarningCode = z.enum(WARNING_CODES);
export type WarningCode = z.infer<typeof WarningCode>;

export const THREAD_KINDS = ["discussion", "question", "recovery_story", "milestone", "coping_strategy"] as const;
export const ThreadKind = z.enum(THREAD_KINDS);
export type ThreadKind = z.infer<typeof ThreadKind>;

export const REACTIONS = ["me_too", "sending_strength", "thank_you", "this_helped"] as const;
export const Reaction = z.enum(REACTIONS);
export type Reaction = z.infer<typeof Reaction>;

export const REPORT_REASONS = [
  "someone_at_risk",
  "harassment",
  "hateful",
  "private_information",
  "misinformation",
  "spam",
  "other",
] as const;
export const ReportReason = z.enum(REPORT_REASONS);
export const ReportStatus = z.enum(["open", "reviewing", "resolved", "dismissed"]);

export const PAGE_SIZE = 20;

// Characters that can spoof or break text: C0 controls but tab and newlines (PostgreSQL refuses NUL),
// and the bidi embeddings, overrides and isolates that can make text read backwards.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what we remove.
const UNSAFE_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g;
/** Removes characters that must never be stored in text people read. */
export const cleanText = (value: string) => value.replace(UNSAFE_CHARACTERS, "");

const text = (max: number, empty: string, tooLong: string) =>
  z.string().transform(cleanText).pipe(z.string().trim().min(1, empty).max(max, tooLong));

export const MAX_BODY = 20_000;
export const Title = text(160, "Please give your post a title.", "Please keep the title under 161 characters.");
export const Body = text(
  MAX_BODY,
  "Please write something before posting.",
  "Please keep a post under 20,000 characters.",
);

/** Warning codes or the author's own words (up to 40 characters each), at most 10. */
export const WarningsInput = z
  .array(text(40, "A warning can't be empty.", "Please keep each warning under 41 characters."))
  .max(10, "Please choose 10 warnings or fewer.");

/** Days in recovery stated on a milestone celebration. */
export const DayCount = z
  .number()
  .int("Use a whole number of days.")
  .min(1, "A milestone counts at least 1 day.")
  .max(36_500, "That is more days than we can count.");

export const ThreadCreate = z
  .object({
    title: Title,
    body: Body,
    kind: ThreadKind.default("discussion"),
    dayCount: DayCount.optional(),
    /** A milestone of one of the author's own journeys: the day count then comes from the journey. */
    milestone: z.object({ journeyId: z.uuid(), milestone: MilestoneId }).optional(),
    warnings: WarningsInput.default([]),
    anonymous: z.boolean().default(false),
  })
  .refine((t) => t.kind !== "milestone" || t.dayCount !== undefined || t.milestone !== undefined, {
    message: "A milestone celebration needs the number of days.",
    path: ["dayCount"],
  })
  .refine((t) => t.milestone === undefined || t.kind === "milestone", {
    message: "Only a milestone celebration can carry a milestone from your journey.",
    path: ["milestone"],
  });
export type ThreadCreate = z.infer<typeof ThreadCreate>;

export const ThreadUpdate = z
  .object({ title: Title, kind: ThreadKind, dayCount: DayCount.nullable() })
  .partial()
  .strict();
export type ThreadUpdate = z.infer<typeof ThreadUpdate>;

export const ReplyCreate = z.object({
  body: Body,
  warnings: WarningsInput.default([]),
  anonymous: z.boolean().default(false),
  /** The post being quoted, in the same thread. */
  quotePostId: z.uuid().optional(),
  /** The part of it quoted; it must be words of that post. The start of the post when absent. */
  quoteText: text(1000, "The quote can't be empty.", "Please quote under 1,001 characters.").optional(),
});
export type ReplyCreate = z.infer<typeof ReplyCreate>;

export const PostUpdate = z.object({ body: Body, warnings: WarningsInput }).partial().strict();
export type PostUpdate = z.infer<typeof PostUpdate>;

export const Preview = z.object({ body: Body });
export const PreviewResult = z.object({ html: z.string() });

/** Who wrote a post, as the viewer may know it. Anonymous posts never carry a handle. */
export const Author = z.object({
  kind: z.enum(["member", "anonymous", "former"]),
  handle: z.string().nullable(),
});
export type Author = z.infer<typeof Author>;

export const ReactionCounts = z.object({
  me_too: z.number().int(),
  sending_strength: z.number().int(),
  thank_you: z.number().int(),
  this_helped: z.number().int(),
});
export type ReactionCounts = z.infer<typeof ReactionCounts>;

export const PostCapabilities = z.object({
  edit: z.boolean(),
  delete: z.boolean(),
  react: z.boolean(),
  seeReactors: z.boolean(),
  report: z.boolean(),
  seeHistory: z.boolean(),
  unmask: z.boolean(),
});

export const Quote = z.object({
  postId: z.uuid(),
  seq: z.number().int(),
  /** Absent when the quoted post was deleted, or while this post is folded. */
  html: z.string().optional(),
  text: z.string().optional(),
});

/**
 * A post as one viewer sees it. `folded`: it carries warnings this viewer folds (or their filters
 * hide it, `hidden`), so `body`, `html` and the quote's words are absent until asked for.
 */
export const Post = z.object({
  id: z.uuid(),
  threadId: z.uuid(),
  seq: z.number().int(),
  author: Author,
  mine: z.boolean(),
  warnings: z.array(z.string()),
  folded: z.boolean(),
  hidden: z.boolean(),
  deleted: z.boolean(),
  body: z.string().optional(),
  html: z.string().optional(),
  quote: Quote.nullable(),
  reactions: ReactionCounts,
  myReactions: z.array(Reaction),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  /**
   * Hidden by a moderator: everyone else sees no words; the author and moderators see the words,
   * and the reason (null for others).
   */
  moderated: z.object({ reason: z.string().nullable() }).nullable().optional(),
  can: PostCapabilities,
  /** Present only in the answer to writing a post whose words show crisis language. */
  crisis: CrisisNotice.optional(),
});
export type Post = z.infer<typeof Post>;

export const BoardRef = z.object({ id: z.uuid(), name: z.string(), kind: z.enum(["community", "group"]) });

export const Thread = z.object({
  id: z.uuid(),
  board: BoardRef,
  /** Empty when `titleHidden`. */
  title: z.string(),
  /** A moderator hid the opening post: its title too, for all but its author and the board's moderators. */
  titleHidden: z.boolean(),
  kind: ThreadKind,
  dayCount: z.number().int().nullable(),
  /** The milestone ("90d", "1y"…) when the day count comes from the author's own journey. */
  milestone: z.string().nullable(),
  author: Author,
  mine: z.boolean(),
  /** The opening post's warnings. */
  warnings: z.array(z.string()),
  replyCount: z.number().int(),
  lastSeq: z.number().int(),
  createdAt: z.string(),
  lastPostAt: z.string(),
  following: z.boolean(),
  /** The last post this viewer had read before this visit; null on a first visit. */
  lastReadSeq: z.number().int().nullable(),
  can: z.object({ edit: z.boolean(), delete: z.boolean(), reply: z.boolean() }),
  /** Present only in the answer to starting a thread whose words show crisis language. */
  crisis: CrisisNotice.optional(),
});
export type Thread = z.infer<typeof Thread>;

/** A thread with its first page of posts (the opening post first). */
export const ThreadPage = z.object({
  thread: Thread,
  posts: z.array(Post),
  /** Pass as `after` for the next page; null when there is no more. */
  nextCursor: z.string().nullable(),
});
export type ThreadPage = z.infer<typeof ThreadPage>;

export const PostPage = z.object({ items: z.array(Post), nextCursor: z.string().nullable() });
export type PostPage = z.infer<typeof PostPage>;

const Cursor = z.string().max(200);
export const PostPageQuery = z.object({
  after: z.coerce
    .number()
    .int("Use the cursor the previous page gave.")
    .min(-1, "Use the cursor the previous page gave.")
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(PAGE_SIZE),
});

export const ThreadSummary = z.object({
  id: z.uuid(),
  board: BoardRef,
  title: z.string(),
  kind: ThreadKind,
  dayCount: z.number().int().nullable(),
  /** The milestone ("90d", "1y"…) when the day count comes from the author's own journey. */
  milestone: z.string().nullable(),
  author: Author,
  mine: z.boolean(),
  warnings: z.array(z.string()),
  replyCount: z.number().int(),
  createdAt: z.string(),
  lastPostAt: z.string(),
  /** Posts after the viewer's read marker; null when they never opened the thread. */
  unread: z.number().int().nullable(),
  /** Started since the viewer's last visit to the board. */
  isNew: z.boolean(),
  following: z.boolean(),
});
export type ThreadSummary = z.infer<typeof ThreadSummary>;

export const ThreadList = z.object({ items: z.array(ThreadSummary), nextCursor: z.string().nullable() });
export type ThreadList = z.infer<typeof ThreadList>;

export const ThreadListQuery = z.object({ kind: ThreadKind.optional(), cursor: Cursor.optional() });

export const Board = z.object({
  id: z.uuid(),
  /** A community board's stable name ("milestones"); null for group boards. */
  slug: z.string().nullable(),
  kind: z.enum(["community", "group"]),
  name: z.string(),
  description: z.string(),
  organisationId: z.uuid().nullable(),
  groupId: z.uuid().nullable(),
  position: z.number().int(),
  threadCount: z.number().int(),
  /** Threads started since the viewer's last visit; null when they never visited. */
  newThreads: z.number().int().nullable(),
  lastVisitAt: z.string().nullable(),
  following: z.boolean(),
  can: z.object({ post: z.boolean(), moderate: z.boolean() }),
});
export type Board = z.infer<typeof Board>;
export const BoardList = z.object({ items: z.array(Board) });

const BoardName = text(80, "Please name the board.", "Please keep the name under 81 characters.");
const BoardDescription = z
  .string()
  .transform(cleanText)
  .pipe(z.string().trim().max(500, "Please keep the description under 501 characters."));

export const BoardCreate = z.object({
  organisationId: z.uuid(),
  name: BoardName,
  description: BoardDescription.default(""),
  position: z.number().int().min(0).max(10_000).optional(),
});
export const BoardUpdate = z
  .object({ name: BoardName, description: BoardDescription, position: z.number().int().min(0).max(10_000) })
  .partial()
  .strict();

export const GroupIdParam = z.object({ groupId: z.uuid() });
export const ReactionParams = z.object({ id: z.uuid(), kind: Reaction });

export const MyReactions = z.object({ reactions: ReactionCounts, myReactions: z.array(Reaction) });

/** Who reacted to a post: shown to its author only. */
export const Reactors = z.object({
  items: z.array(z.object({ kind: Reaction, handles: z.array(z.string()), formerMembers: z.number().int() })),
});

export const Revision = z.object({
  title: z.string().nullable(),
  body: z.string(),
  warnings: z.array(z.string()),
  writtenAt: z.string(),
  replacedAt: z.string().nullable(),
});
/** A post's versions, newest (the current one) first: for moderators. */
export const History = z.object({ items: z.array(Revision) });

export const UnmaskBody = z.object({
  reason: text(500, "Please say why you need to know who wrote this.", "Please keep the reason under 501 characters."),
});
export const Unmasked = z.object({ handle: z.string().nullable(), former: z.boolean() });

export const ReportCreate = z.object({
  reason: ReportReason,
  note: z
    .string()
    .transform(cleanText)
    .pipe(z.string().trim().max(2000, "Please keep the note under 2,001 characters."))
    .default(""),
});
export const Report = z.object({
  id: z.uuid(),
  postId: z.uuid(),
  threadId: z.uuid().nullable(),
  threadTitle: z.string().nullable(),
  reason: ReportReason,
  note: z.string(),
  status: ReportStatus,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const ReportList = z.object({ items: z.array(Report) });

export const Filters = z.object({
  /** Warnings that fold a post for this member; every warning unless they chose otherwise. */
  foldWarnings: z.array(WarningCode),
  /** Words or topics whose posts are hidden from this member entirely. */
  hideWords: z.array(z.string()),
  /** Whether to see posts marked as having detailed using content at all. */
  showUsingDetail: z.boolean(),
});
export type Filters = z.infer<typeof Filters>;

export const FiltersUpdate = z
  .object({
    foldWarnings: z.array(WarningCode).max(WARNING_CODES.length),
    hideWords: z
      .array(text(60, "A word to hide can't be empty.", "Please keep each word under 61 characters."))
      .max(50, "Please keep the list to 50 words or fewer."),
    showUsingDetail: z.boolean(),
  })
  .partial()
  .strict();
export type FiltersUpdate = z.infer<typeof FiltersUpdate>;

export const ReadBody = z.object({ seq: z.number().int().min(0) });

export const Following = z.object({ boards: z.array(Board), threads: z.array(ThreadSummary) });

const isDate = (v: string) => {
  const [y, m, d] = v.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};
const DateOnly = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date such as 2026-03-01.")
  .refine(isDate, "That date doesn't exist.");

export const SearchQuery = z.object({
  q: z
    .string()
    .transform(cleanText)
    .pipe(
      z.string().trim().min(2, "Type at least 2 characters to search.").max(200, "Please search with fewer words."),
    ),
  boardId: z.uuid().optional(),
  kind: ThreadKind.optional(),
  from: DateOnly.optional(),
  to: DateOnly.optional(),
  cursor: Cursor.optional(),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

export const SearchHit = z.object({
  postId: z.uuid(),
  threadId: z.uuid(),
  /** Empty when `titleHidden` (a moderator hid the thread's opening post). */
  threadTitle: z.string(),
  titleHidden: z.boolean(),
  seq: z.number().int(),
  board: BoardRef,
  kind: ThreadKind,
  author: Author,
  warnings: z.array(z.string()),
  folded: z.boolean(),
  /** Words around the match; absent when the post is folded for the searcher. */
  excerpt: z.string().optional(),
  createdAt: z.string(),
});
export type SearchHit = z.infer<typeof SearchHit>;
export const SearchResults = z.object({ items: z.array(SearchHit), nextCursor: z.string().nullable() });

/** What the export holds of the forums: the member's own posts, reactions, filters and reports. */
export const ForumsExport = z.object({
  posts: z.array(
    z.object({
      id: z.uuid(),
      threadId: z.uuid(),
      threadTitle: z.string(),
      boardName: z.string(),
      seq: z.number().int(),
      anonymous: z.boolean(),
      body: z.string(),
      warnings: z.array(z.string()),
      createdAt: z.string(),
      editedAt: z.string().nullable(),
    }),
  ),
  reactions: z.array(z.object({ postId: z.uuid(), kind: Reaction, createdAt: z.string() })),
  filters: Filters.nullable(),
  follows: z.array(z.object({ threadId: z.uuid().nullable(), boardId: z.uuid().nullable(), since: z.string() })),
  reports: z.array(
    z.object({ postId: z.uuid(), reason: ReportReason, note: z.string(), status: ReportStatus, createdAt: z.string() }),
  ),
  mentions: z.object({
    /** @mentions of the member in others' posts; never who wrote an anonymous one. */
    received: z.array(
      z.object({ postId: z.uuid(), threadId: z.uuid(), at: z.string(), readAt: z.string().nullable() }),
    ),
    /** The members the member's own posts mention. */
    made: z.array(z.object({ postId: z.uuid(), handle: z.string(), at: z.string() })),
  }),
});
export type ForumsExport = z.infer<typeof ForumsExport>;

// ─── Mentions ───

/** An @mention of the viewer: where, by whom (or "anonymous member"), and a short excerpt unless folded. */
export const Mention = z.object({
  id: z.uuid(),
  threadId: z.uuid(),
  /** Empty when `titleHidden` (a moderator hid the thread's opening post). */
  threadTitle: z.string(),
  titleHidden: z.boolean(),
  postId: z.uuid(),
  seq: z.number().int(),
  author: Author,
  createdAt: z.string(),
  unread: z.boolean(),
  warnings: z.array(z.string()),
  /** The viewer's filters fold the post: no excerpt, only its warnings. */
  folded: z.boolean(),
  excerpt: z.string().optional(),
});
export type Mention = z.infer<typeof Mention>;
export const MentionList = z.object({
  items: z.array(Mention),
  nextCursor: z.string().nullable(),
  /** Unread mentions that reach the viewer (capped at 100). */
  unread: z.number().int(),
});
export const MentionListQuery = z.object({ cursor: Cursor.optional() });
/** Mark some mentions read, or all of them when `ids` is absent. */
export const MentionsRead = z.object({ ids: z.array(z.uuid()).min(1).max(100).optional() }).strict();
export const MentionCount = z.object({ unread: z.number().int() });

/** On the shared `/ws`: a member's socket asks to hear when their mentions change. */
export const MentionsClientMessages = [z.object({ type: z.literal("mentions.watch") })] as const;
export const MentionsServerMessages = [
  z.object({ type: z.literal("mentions.watching") }),
  /** A mention of this member arrived or went: fetch them again. It carries no words and no author. */
  z.object({ type: z.literal("mentions.changed") }),
] as const;
