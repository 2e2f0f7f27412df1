import { ErrorBody, IdParam } from "@kinship/contracts/common";
import {
  Action,
  ActionCreate,
  Appeal,
  AppealCreate,
  AppealDecision,
  AppealQueue,
  AuditLog,
  BlockSet,
  Blocks,
  Conduct,
  ConductAccept,
  DismissBody,
  HandleParam,
  MediationClose,
  MediationCreate,
  MediationDetail,
  MediationMessageCreate,
  Mediations,
  MemberReportBody,
  ModeratorGrant,
  Moderators,
  MyReport,
  MyReports,
  Notices,
  Queue,
  ReportBody,
  ReportDetail,
  ReportType,
  RoomMessageParams,
  Scope,
  ScopeQuery,
  Scopes,
  Trust,
  TrustSet,
} from "@kinship/contracts/moderation";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { requireMember } from "../../platform/actor.ts";
import type { Hub } from "../../realtime/hub.ts";
import { createModerationService, type ModerationService, type SessionEnder } from "./service.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody };
const none = { 204: z.null(), ...errors };
const tags = ["moderation"];
const ReportParams = z.object({ type: ReportType, id: z.uuid() });
const ModeratorParams = z.object({ scope: Scope, handle: z.string().min(1).max(64) });

/** Moderation, wired up. */
export function moderationFeature(deps: { db: Db; hub: Hub; sessions: SessionEnder }) {
  return moderationRoutes(createModerationService(deps));
}

/** HTTP edges of moderation: every route needs a signed-in member. */
export function moderationRoutes(moderation: ModerationService) {
  return async function routes(fastify: FastifyInstance) {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    // ─── Code of conduct ───
    app.get(
      "/api/me/conduct",
      {
        schema: {
          tags,
          summary: "Whether I accepted the current code of conduct",
          response: { 200: Conduct, ...errors },
        },
      },
      async (request) => moderation.conduct(requireMember(request)),
    );
    app.put(
      "/api/me/conduct",
      {
        schema: {
          tags,
          summary: "Accept the code of conduct",
          body: ConductAccept,
          response: { 200: Conduct, ...errors },
        },
      },
      async (request) => moderation.acceptConduct(requireMember(request), request.body.version),
    );

    // ─── Reports ───
    app.post(
      "/api/rooms/:id/messages/:seq/reports",
      {
        schema: {
          tags,
          summary: "Report a room message (a copy of it and a little context is kept with the report)",
          params: RoomMessageParams,
          body: ReportBody,
          response: { 201: MyReport, ...errors },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await moderation.reportRoomMessage(
              requireMember(request),
              request.params.id,
              request.params.seq,
              request.body,
            ),
          ),
    );
    app.post(
      "/api/members/:handle/reports",
      {
        schema: {
          tags,
          summary: "Report a member",
          params: HandleParam,
          body: MemberReportBody,
          response: { 201: MyReport, ...errors },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await moderation.reportMember(requireMember(request), request.params.handle, request.body)),
    );
    app.get(
      "/api/moderation/reports/mine",
      { schema: { tags, summary: "Room messages and members I reported", response: { 200: MyReports, ...errors } } },
      async (request) => moderation.myReports(requireMember(request)),
    );

    // ─── Queues ───
    app.get(
      "/api/moderation/scopes",
      { schema: { tags, summary: "The moderation queues I work", response: { 200: Scopes, ...errors } } },
      async (request) => moderation.scopes(requireMember(request)),
    );
    app.get(
      "/api/moderation/queue",
      {
        schema: {
          tags,
          summary: "Open reports of a queue",
          querystring: ScopeQuery,
          response: { 200: Queue, ...errors },
        },
      },
      async (request) => moderation.queue(requireMember(request), request.query.scope),
    );
    app.get(
      "/api/moderation/reports/:type/:id",
      {
        schema: {
          tags,
          summary: "A report with its content in context and the account's history (audited)",
          params: ReportParams,
          response: { 200: ReportDetail, ...errors },
        },
      },
      async (request) => moderation.report(requireMember(request), request.params.type, request.params.id),
    );
    app.post(
      "/api/moderation/reports/:type/:id/dismiss",
      { schema: { tags, summary: "Dismiss a report", params: ReportParams, body: DismissBody, response: none } },
      async (request, reply) => {
        await moderation.dismiss(requireMember(request), request.params.type, request.params.id, request.body.note);
        return reply.code(204).send(null);
      },
    );
    app.post(
      "/api/moderation/actions",
      {
        schema: {
          tags,
          summary: "Hide, warn, mute, suspend or ban, with a reason the member reads",
          body: ActionCreate,
          response: { 201: Action, ...errors },
        },
      },
      async (request, reply) => reply.code(201).send(await moderation.act(requireMember(request), request.body)),
    );
    app.get(
      "/api/moderation/appeals",
      {
        schema: {
          tags,
          summary: "Open appeals of a queue",
          querystring: ScopeQuery,
          response: { 200: AppealQueue, ...errors },
        },
      },
      async (request) => moderation.appeals(requireMember(request), request.query.scope),
    );
    app.post(
      "/api/moderation/appeals/:id/decision",
      {
        schema: {
          tags,
          summary: "Decide an appeal (a moderator other than the one who acted)",
          params: IdParam,
          body: AppealDecision,
          response: { 200: Appeal, ...errors },
        },
      },
      async (request) =>
        moderation.decide(requireMember(request), request.params.id, request.body.decision, request.body.note),
    );
    app.get(
      "/api/moderation/audit",
      {
        schema: {
          tags,
          summary: "The audit log of a queue (its admins)",
          querystring: ScopeQuery,
          response: { 200: AuditLog, ...errors },
        },
      },
      async (request) => moderation.audit(requireMember(request), request.query.scope),
    );
    app.get(
      "/api/moderation/moderators",
      {
        schema: {
          tags,
          summary: "A queue's moderators",
          querystring: ScopeQuery,
          response: { 200: Moderators, ...errors },
        },
      },
      async (request) => moderation.moderators(requireMember(request), request.query.scope),
    );
    app.put(
      "/api/moderation/moderators",
      {
        schema: {
          tags,
          summary: "Name a moderator (organisation admins; community moderators for the community)",
          body: ModeratorGrant,
          response: { 200: Moderators, ...errors },
        },
      },
      async (request) =>
        moderation.nameModerator(requireMember(request), request.body.scope, request.body.handle, true),
    );
    app.delete(
      "/api/moderation/moderators/:scope/:handle",
      {
        schema: {
          tags,
          summary: "Remove a moderator",
          params: ModeratorParams,
          response: { 200: Moderators, ...errors },
        },
      },
      async (request) =>
        moderation.nameModerator(requireMember(request), request.params.scope, request.params.handle, false),
    );
    app.put(
      "/api/moderation/members/:handle/trust",
      {
        schema: {
          tags,
          summary: "Raise or lower a member's trust level (null returns it to the computed one)",
          params: HandleParam,
          body: TrustSet,
          response: { 200: Trust, ...errors },
        },
      },
      async (request) =>
        moderation.setTrust(requireMember(request), request.params.handle, request.body.level, request.body.reason),
    );

    // ─── The member's side ───
    app.get(
      "/api/me/notices",
      { schema: { tags, summary: "Moderators' actions on me, with reasons", response: { 200: Notices, ...errors } } },
      async (request) => moderation.notices(requireMember(request)),
    );
    app.post(
      "/api/me/notices/:id/appeal",
      {
        schema: {
          tags,
          summary: "Appeal an action",
          params: IdParam,
          body: AppealCreate,
          response: { 201: Appeal, ...errors },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await moderation.appeal(requireMember(request), request.params.id, request.body.note)),
    );
    app.get(
      "/api/me/trust",
      { schema: { tags, summary: "My trust level and what it opens", response: { 200: Trust, ...errors } } },
      async (request) => moderation.trust(requireMember(request)),
    );
    app.get(
      "/api/me/blocks",
      { schema: { tags, summary: "Members I blocked or muted", response: { 200: Blocks, ...errors } } },
      async (request) => moderation.blocks(requireMember(request)),
    );
    app.put(
      "/api/me/blocks/:handle",
      { schema: { tags, summary: "Block or mute a member", params: HandleParam, body: BlockSet, response: none } },
      async (request, reply) => {
        await moderation.block(requireMember(request), request.params.handle, request.body.kind);
        return reply.code(204).send(null);
      },
    );
    app.delete(
      "/api/me/blocks/:handle",
      { schema: { tags, summary: "Unblock or unmute a member", params: HandleParam, response: none } },
      async (request, reply) => {
        await moderation.block(requireMember(request), request.params.handle, null);
        return reply.code(204).send(null);
      },
    );

    // ─── Mediation ───
    app.post(
      "/api/mediations",
      {
        schema: {
          tags,
          summary: "Ask for mediation with another member of a group",
          body: MediationCreate,
          response: { 201: MediationDetail.omit({ messages: true }), ...errors },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await moderation.requestMediation(requireMember(request), request.body)),
    );
    app.get(
      "/api/mediations",
      {
        schema: {
          tags,
          summary: "Mediations I'm part of, and requests I could take",
          response: { 200: Mediations, ...errors },
        },
      },
      async (request) => moderation.mediations(requireMember(request)),
    );
    app.get(
      "/api/mediations/:id",
      {
        schema: {
          tags,
          summary: "A mediation and its conversation",
          params: IdParam,
          response: { 200: MediationDetail, ...errors },
        },
      },
      async (request) => moderation.mediation(requireMember(request), request.params.id),
    );
    app.post(
      "/api/mediations/:id/take",
      {
        schema: {
          tags,
          summary: "Take a mediation request (a facilitator from outside the group)",
          params: IdParam,
          response: { 200: MediationDetail, ...errors },
        },
      },
      async (request) => moderation.takeMediation(requireMember(request), request.params.id),
    );
    app.post(
      "/api/mediations/:id/messages",
      {
        schema: {
          tags,
          summary: "Write in a mediation's conversation",
          params: IdParam,
          body: MediationMessageCreate,
          response: { 201: MediationDetail, ...errors },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await moderation.say(requireMember(request), request.params.id, request.body.body)),
    );
    app.post(
      "/api/mediations/:id/close",
      {
        schema: {
          tags,
          summary: "Record the outcome and close (the mediator)",
          params: IdParam,
          body: MediationClose,
          response: { 200: MediationDetail, ...errors },
        },
      },
      async (request) => moderation.closeMediation(requireMember(request), request.params.id, request.body.outcome),
    );
  };
}
