import { ErrorBody, IdParam } from "@kinship/contracts/common";
import {
  Board,
  BoardCreate,
  BoardList,
  BoardUpdate,
  Filters,
  FiltersUpdate,
  Following,
  GroupIdParam,
  History,
  MentionCount,
  MentionList,
  MentionListQuery,
  MentionsRead,
  MyReactions,
  Post,
  PostPage,
  PostPageQuery,
  PostUpdate,
  Preview,
  PreviewResult,
  ReactionParams,
  Reactors,
  ReadBody,
  ReplyCreate,
  Report,
  ReportCreate,
  ReportList,
  SearchQuery,
  SearchResults,
  Thread,
  ThreadCreate,
  ThreadList,
  ThreadListQuery,
  ThreadPage,
  ThreadUpdate,
  UnmaskBody,
  Unmasked,
} from "@kinship/contracts/forums";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { requireMember } from "../../platform/actor.ts";
import type { Hub } from "../../realtime/hub.ts";
import type { PostingGuard } from "../moderation/trust.ts";
import { ensureCommunityBoards } from "./seed.ts";
import { createForumsService, type ForumsService } from "./service.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody };
const none = { 204: z.null(), ...errors };
const tags = ["forums"];

/** Forums, wired up. */
export function forumsFeature(db: Db, deps: { guard?: PostingGuard; hub?: Hub } = {}) {
  const routes = forumsRoutes(createForumsService({ db, guard: deps.guard, hub: deps.hub }));
  return async function forums(fastify: FastifyInstance) {
    // The community boards exist on every installation, whatever its migrations or demo setting.
    await ensureCommunityBoards(db);
    await routes(fastify);
  };
}

/** HTTP edges of the forums. Every route needs a signed-in member: the forums are not public pages. */
export function forumsRoutes(forums: ForumsService) {
  return async function routes(fastify: FastifyInstance) {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    // ─── Boards ───
    app.get(
      "/api/boards",
      { schema: { tags, summary: "Community boards and my groups' boards", response: { 200: BoardList, ...errors } } },
      async (request) => forums.listBoards(requireMember(request)),
    );
    app.post(
      "/api/boards",
      {
        schema: {
          tags,
          summary: "Add a community board (organisation admins)",
          body: BoardCreate,
          response: { 201: Board, ...errors },
        },
      },
      async (request, reply) => reply.code(201).send(await forums.createBoard(requireMember(request), request.body)),
    );
    app.get(
      "/api/boards/:id",
      { schema: { tags, summary: "One board", params: IdParam, response: { 200: Board, ...errors } } },
      async (request) => forums.getBoard(requireMember(request), request.params.id),
    );
    app.patch(
      "/api/boards/:id",
      {
        schema: {
          tags,
          summary: "Rename, describe or order a board (its moderators)",
          params: IdParam,
          body: BoardUpdate,
          response: { 200: Board, ...errors },
        },
      },
      async (request) => forums.updateBoard(requireMember(request), request.params.id, request.body),
    );
    app.get(
      "/api/groups/:groupId/board",
      {
        schema: {
          tags,
          summary: "A group's private board (its members)",
          params: GroupIdParam,
          response: { 200: Board, ...errors },
        },
      },
      async (request) => forums.groupBoard(requireMember(request), request.params.groupId),
    );
    app.get(
      "/api/boards/:id/threads",
      {
        schema: {
          tags,
          summary: "A board's threads, most recently active first",
          params: IdParam,
          querystring: ThreadListQuery,
          response: { 200: ThreadList, ...errors },
        },
      },
      async (request) => {
        const { items, nextCursor } = await forums.listThreads(
          requireMember(request),
          request.params.id,
          request.query,
        );
        return { items, nextCursor };
      },
    );
    app.post(
      "/api/boards/:id/threads",
      {
        schema: {
          tags,
          summary: "Start a thread",
          params: IdParam,
          body: ThreadCreate,
          response: { 201: Thread, ...errors },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await forums.createThread(requireMember(request), request.params.id, request.body)),
    );
    app.put(
      "/api/boards/:id/follow",
      { schema: { tags, summary: "Follow a board", params: IdParam, response: none } },
      async (request, reply) => {
        await forums.followBoard(requireMember(request), request.params.id, true);
        return reply.code(204).send(null);
      },
    );
    app.delete(
      "/api/boards/:id/follow",
      { schema: { tags, summary: "Stop following a board", params: IdParam, response: none } },
      async (request, reply) => {
        await forums.followBoard(requireMember(request), request.params.id, false);
        return reply.code(204).send(null);
      },
    );
    app.put(
      "/api/boards/:id/visit",
      { schema: { tags, summary: "I have looked at this board now", params: IdParam, response: none } },
      async (request, reply) => {
        await forums.visitBoard(requireMember(request), request.params.id);
        return reply.code(204).send(null);
      },
    );

    // ─── Threads ───
    app.get(
      "/api/threads/:id",
      {
        schema: {
          tags,
          summary: "A thread with its first page of posts",
          params: IdParam,
          response: { 200: ThreadPage, ...errors },
        },
      },
      async (request) => forums.getThread(requireMember(request), request.params.id),
    );
    app.get(
      "/api/threads/:id/posts",
      {
        schema: {
          tags,
          summary: "Posts after a cursor (keyset pagination)",
          params: IdParam,
          querystring: PostPageQuery,
          response: { 200: PostPage, ...errors },
        },
      },
      async (request) =>
        forums.posts(requireMember(request), request.params.id, request.query.after, request.query.limit),
    );
    app.patch(
      "/api/threads/:id",
      {
        schema: {
          tags,
          summary: "Change a thread's title or kind (its author)",
          params: IdParam,
          body: ThreadUpdate,
          response: { 200: ThreadPage, ...errors },
        },
      },
      async (request) => forums.updateThread(requireMember(request), request.params.id, request.body),
    );
    app.delete(
      "/api/threads/:id",
      { schema: { tags, summary: "Delete my thread", params: IdParam, response: none } },
      async (request, reply) => {
        await forums.deleteThread(requireMember(request), request.params.id);
        return reply.code(204).send(null);
      },
    );
    app.post(
      "/api/threads/:id/replies",
      {
        schema: { tags, summary: "Reply", params: IdParam, body: ReplyCreate, response: { 201: Post, ...errors } },
      },
      async (request, reply) =>
        reply.code(201).send(await forums.reply(requireMember(request), request.params.id, request.body)),
    );
    app.put(
      "/api/threads/:id/follow",
      { schema: { tags, summary: "Follow a thread", params: IdParam, response: none } },
      async (request, reply) => {
        await forums.followThread(requireMember(request), request.params.id, true);
        return reply.code(204).send(null);
      },
    );
    app.delete(
      "/api/threads/:id/follow",
      { schema: { tags, summary: "Stop following a thread", params: IdParam, response: none } },
      async (request, reply) => {
        await forums.followThread(requireMember(request), request.params.id, false);
        return reply.code(204).send(null);
      },
    );
    app.put(
      "/api/threads/:id/read",
      {
        schema: { tags, summary: "I have read up to this post", params: IdParam, body: ReadBody, response: none },
      },
      async (request, reply) => {
        await forums.markRead(requireMember(request), request.params.id, request.body.seq);
        return reply.code(204).send(null);
      },
    );

    // ─── Posts ───
    app.get(
      "/api/posts/:id",
      {
        schema: {
          tags,
          summary: "One post, opened (its body even when it carries warnings)",
          params: IdParam,
          response: { 200: Post, ...errors },
        },
      },
      async (request) => forums.openPost(requireMember(request), request.params.id),
    );
    app.patch(
      "/api/posts/:id",
      {
        schema: {
          tags,
          summary: "Edit my post",
          params: IdParam,
          body: PostUpdate,
          response: { 200: Post, ...errors },
        },
      },
      async (request) => forums.updatePost(requireMember(request), request.params.id, request.body),
    );
    app.delete(
      "/api/posts/:id",
      { schema: { tags, summary: "Delete my post", params: IdParam, response: none } },
      async (request, reply) => {
        await forums.deletePost(requireMember(request), request.params.id);
        return reply.code(204).send(null);
      },
    );
    app.put(
      "/api/posts/:id/reactions/:kind",
      {
        schema: { tags, summary: "React to a post", params: ReactionParams, response: { 200: MyReactions, ...errors } },
      },
      async (request) => forums.react(requireMember(request), request.params.id, request.params.kind, true),
    );
    app.delete(
      "/api/posts/:id/reactions/:kind",
      {
        schema: {
          tags,
          summary: "Take a reaction back",
          params: ReactionParams,
          response: { 200: MyReactions, ...errors },
        },
      },
      async (request) => forums.react(requireMember(request), request.params.id, request.params.kind, false),
    );
    app.get(
      "/api/posts/:id/reactions",
      {
        schema: {
          tags,
          summary: "Who reacted (the author only)",
          params: IdParam,
          response: { 200: Reactors, ...errors },
        },
      },
      async (request) => forums.reactors(requireMember(request), request.params.id),
    );
    app.get(
      "/api/posts/:id/history",
      {
        schema: { tags, summary: "Edit history (moderators)", params: IdParam, response: { 200: History, ...errors } },
      },
      async (request) => forums.history(requireMember(request), request.params.id),
    );
    app.post(
      "/api/posts/:id/author",
      {
        schema: {
          tags,
          summary: "Who wrote an anonymous post (moderators; recorded in the author's access log)",
          params: IdParam,
          body: UnmaskBody,
          response: { 200: Unmasked, ...errors },
        },
      },
      async (request) => forums.unmask(requireMember(request), request.params.id, request.body.reason),
    );
    app.post(
      "/api/posts/:id/reports",
      {
        schema: {
          tags,
          summary: "Report a post",
          params: IdParam,
          body: ReportCreate,
          response: { 201: Report, ...errors },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await forums.report(requireMember(request), request.params.id, request.body)),
    );

    // ─── Me, search, preview ───
    app.get(
      "/api/forums/reports",
      { schema: { tags, summary: "Reports I made and their state", response: { 200: ReportList, ...errors } } },
      async (request) => forums.myReports(requireMember(request)),
    );
    app.get(
      "/api/forums/filters",
      { schema: { tags, summary: "My trigger filters", response: { 200: Filters, ...errors } } },
      async (request) => forums.filters(requireMember(request)),
    );
    app.put(
      "/api/forums/filters",
      {
        schema: {
          tags,
          summary: "Change my trigger filters",
          body: FiltersUpdate,
          response: { 200: Filters, ...errors },
        },
      },
      async (request) => forums.updateFilters(requireMember(request), request.body),
    );
    app.get(
      "/api/forums/following",
      { schema: { tags, summary: "Boards and threads I follow", response: { 200: Following, ...errors } } },
      async (request) => forums.following(requireMember(request)),
    );
    app.get(
      "/api/search",
      {
        schema: {
          tags,
          summary: "Search the posts I may read",
          querystring: SearchQuery,
          response: { 200: SearchResults, ...errors },
        },
      },
      async (request) => forums.search(requireMember(request), request.query),
    );
    app.post(
      "/api/forums/preview",
      {
        schema: {
          tags,
          summary: "Render Markdown as a post would",
          body: Preview,
          response: { 200: PreviewResult, ...errors },
        },
      },
      async (request) => {
        requireMember(request);
        return forums.preview(request.body.body);
      },
    );

    // ─── Mentions ───
    app.get(
      "/api/me/mentions",
      {
        schema: {
          tags,
          summary: "Posts that @mention me, newest first",
          querystring: MentionListQuery,
          response: { 200: MentionList, ...errors },
        },
      },
      async (request) => forums.mentions.list(requireMember(request), request.query.cursor),
    );
    app.get(
      "/api/me/mentions/count",
      { schema: { tags, summary: "How many of my mentions are unread", response: { 200: MentionCount, ...errors } } },
      async (request) => forums.mentions.count(requireMember(request)),
    );
    app.post(
      "/api/me/mentions/read",
      {
        schema: {
          tags,
          summary: "Mark some of my mentions read, or all of them",
          body: MentionsRead,
          response: { 200: MentionCount, ...errors },
        },
      },
      async (request) => forums.mentions.markRead(requireMember(request), request.body.ids),
    );
  };
}
