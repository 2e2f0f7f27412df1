import {
  Board,
  BoardList,
  Filters,
  type FiltersUpdate,
  Following,
  History,
  MentionCount,
  MentionList,
  MyReactions,
  Post,
  PostPage,
  type PostUpdate,
  PreviewResult,
  type Reaction,
  Reactors,
  type ReplyCreate,
  Report,
  type ReportCreate,
  ReportList,
  type SearchQuery,
  SearchResults,
  Thread,
  type ThreadCreate,
  ThreadList,
  ThreadPage,
  Unmasked,
} from "@kinship/contracts/forums";
import { type ReviewMark, ThreadReviews } from "@kinship/contracts/safety";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { apiJson } from "../../app/api-client.ts";

/** Query keys of the forums under one root, so signing out forgets them all. */
export const forumKeys = {
  all: ["forums"] as const,
  boards: ["forums", "boards"] as const,
  board: (id: string) => ["forums", "board", id] as const,
  threads: (id: string, kind: string) => ["forums", "threads", id, kind] as const,
  thread: (id: string) => ["forums", "thread", id] as const,
  filters: ["forums", "filters"] as const,
  following: ["forums", "following"] as const,
  reports: ["forums", "reports"] as const,
  search: (q: Partial<SearchQuery>) => ["forums", "search", q] as const,
  mentions: ["forums", "mentions"] as const,
  mentionCount: ["forums", "mentions", "count"] as const,
};

const get = async <S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>> =>
  schema.parse(await apiJson(path));
const send = async <S extends z.ZodType>(
  path: string,
  method: "POST" | "PUT" | "PATCH" | "DELETE",
  body: unknown,
  schema: S,
): Promise<z.output<S>> => schema.parse(await apiJson(path, { method, body }));
const id = (value: string) => encodeURIComponent(value);

export type ThreadInput = z.input<typeof ThreadCreate>;
export type ReplyInput = z.input<typeof ReplyCreate>;

export const useBoards = () => useQuery({ queryKey: forumKeys.boards, queryFn: () => get("/api/boards", BoardList) });
export const useBoard = (boardId: string) =>
  useQuery({ queryKey: forumKeys.board(boardId), queryFn: () => get(`/api/boards/${id(boardId)}`, Board) });
export const useGroupBoard = (groupId: string, enabled: boolean) =>
  useQuery({
    queryKey: ["forums", "group-board", groupId],
    queryFn: () => get(`/api/groups/${id(groupId)}/board`, Board),
    enabled,
  });

export const useThreads = (boardId: string, kind: string) =>
  useInfiniteQuery({
    queryKey: forumKeys.threads(boardId, kind),
    initialPageParam: "",
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams();
      if (kind) params.set("kind", kind);
      if (pageParam) params.set("cursor", pageParam);
      return get(`/api/boards/${id(boardId)}/threads?${params}`, ThreadList);
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useThread = (threadId: string) =>
  useQuery({ queryKey: forumKeys.thread(threadId), queryFn: () => get(`/api/threads/${id(threadId)}`, ThreadPage) });

export const fetchPosts = (threadId: string, after: string) =>
  get(`/api/threads/${id(threadId)}/posts?after=${encodeURIComponent(after)}`, PostPage);
/** One post, opened: the reader asked for it, so it comes with its words. */
export const fetchOpenPost = (postId: string) => get(`/api/posts/${id(postId)}`, Post);

function useRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: forumKeys.all });
}

/** Organisation admins add community boards; a board's moderators rename and order it. */
export function useCreateBoard() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { organisationId: string; name: string; description: string }) =>
      send("/api/boards", "POST", body, Board),
    onSuccess: refresh,
  });
}

export function useUpdateBoard() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ boardId, ...body }: { boardId: string; position?: number; name?: string; description?: string }) =>
      send(`/api/boards/${id(boardId)}`, "PATCH", body, Board),
    onSuccess: refresh,
  });
}

export function useStartThread(boardId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: ThreadInput) => send(`/api/boards/${id(boardId)}/threads`, "POST", body, Thread),
    onSuccess: refresh,
  });
}

export function useReply(threadId: string) {
  return useMutation({
    mutationFn: (body: ReplyInput) => send(`/api/threads/${id(threadId)}/replies`, "POST", body, Post),
  });
}

export const useEditPost = () =>
  useMutation({
    mutationFn: ({ postId, body }: { postId: string; body: z.input<typeof PostUpdate> }) =>
      send(`/api/posts/${id(postId)}`, "PATCH", body, Post),
  });

export function useDeletePost() {
  return useMutation({
    mutationFn: (postId: string) => apiJson<void>(`/api/posts/${id(postId)}`, { method: "DELETE" }),
  });
}

export function useDeleteThread() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (threadId: string) => apiJson<void>(`/api/threads/${id(threadId)}`, { method: "DELETE" }),
    onSuccess: refresh,
  });
}

export const useReact = () =>
  useMutation({
    mutationFn: ({ postId, kind, on }: { postId: string; kind: Reaction; on: boolean }) =>
      send(`/api/posts/${id(postId)}/reactions/${kind}`, on ? "PUT" : "DELETE", undefined, MyReactions),
  });

/** Moderators: a post's versions, and who wrote an anonymous post (recorded in that member's access log). */
export const fetchHistory = (postId: string) => get(`/api/posts/${id(postId)}/history`, History);
export const unmask = (postId: string, reason: string) =>
  send(`/api/posts/${id(postId)}/author`, "POST", { reason }, Unmasked);

export const fetchReactors = (postId: string) => get(`/api/posts/${id(postId)}/reactions`, Reactors);

export const useReport = () =>
  useMutation({
    mutationFn: ({ postId, body }: { postId: string; body: z.input<typeof ReportCreate> }) =>
      send(`/api/posts/${id(postId)}/reports`, "POST", body, Report),
  });

export const useMyReports = () =>
  useQuery({ queryKey: forumKeys.reports, queryFn: () => get("/api/forums/reports", ReportList) });

export function useFollow() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ what, targetId, on }: { what: "boards" | "threads"; targetId: string; on: boolean }) =>
      apiJson<void>(`/api/${what}/${id(targetId)}/follow`, { method: on ? "PUT" : "DELETE" }),
    onSuccess: refresh,
  });
}

/** Tell the server how far the member has read; failures are harmless and stay quiet. */
export const markRead = (threadId: string, seq: number) =>
  apiJson<void>(`/api/threads/${id(threadId)}/read`, { method: "PUT", body: { seq } }).catch(() => {});
export const markVisited = (boardId: string) =>
  apiJson<void>(`/api/boards/${id(boardId)}/visit`, { method: "PUT" }).catch(() => {});

export const useFollowing = () =>
  useQuery({ queryKey: forumKeys.following, queryFn: () => get("/api/forums/following", Following) });

export const useFilters = () =>
  useQuery({ queryKey: forumKeys.filters, queryFn: () => get("/api/forums/filters", Filters) });

export function useSaveFilters() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: z.input<typeof FiltersUpdate>) => send("/api/forums/filters", "PUT", body, Filters),
    onSuccess: refresh,
  });
}

export const preview = (body: string) => send("/api/forums/preview", "POST", { body }, PreviewResult);

export const useSearch = (q: Partial<SearchQuery>) =>
  useInfiniteQuery({
    queryKey: forumKeys.search(q),
    enabled: (q.q ?? "").trim().length >= 2,
    initialPageParam: "",
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(q)) if (value) params.set(key, String(value));
      if (pageParam) params.set("cursor", pageParam);
      return get(`/api/search?${params}`, SearchResults);
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export type { FiltersUpdate, PostUpdate, ReportCreate };

// ─── Mentions ───
export const useMentions = () =>
  useInfiniteQuery({
    queryKey: forumKeys.mentions,
    initialPageParam: "",
    queryFn: ({ pageParam }) =>
      get(`/api/me/mentions${pageParam ? `?cursor=${encodeURIComponent(pageParam)}` : ""}`, MentionList),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

/** Unread mentions, for the small count in the navigation; checked again every minute. */
export const useMentionCount = (enabled = true) =>
  useQuery({
    queryKey: forumKeys.mentionCount,
    queryFn: () => get("/api/me/mentions/count", MentionCount),
    enabled,
    refetchInterval: 60_000,
  });

/** Marks some mentions read (or all, without ids). */
export function useMarkMentionsRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (ids?: string[]) => send("/api/me/mentions/read", "POST", ids ? { ids } : {}, MentionCount),
    onSuccess: () => client.invalidateQueries({ queryKey: forumKeys.mentions }),
  });
}

// ─── Professional review of coping strategies (served by safety) ───
export const useThreadReviews = (threadId: string, enabled: boolean) =>
  useQuery({
    queryKey: ["forums", "reviews", threadId],
    queryFn: () => get(`/api/threads/${id(threadId)}/reviews`, ThreadReviews),
    enabled,
  });

export function useReview(threadId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ postId, mark, note }: { postId: string; mark: ReviewMark; note: string }) =>
      ThreadReviews.parse(await apiJson(`/api/posts/${id(postId)}/review`, { method: "PUT", body: { mark, note } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ["forums", "reviews", threadId] }),
  });
}
