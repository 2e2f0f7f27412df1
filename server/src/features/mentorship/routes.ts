import { ErrorBody, IdParam } from "@kinship/contracts/common";
import {
  ConversationReportInput,
  DeclineInput,
  DirectStart,
  DmSettings,
  EndInput,
  HandoffAccept,
  HistoryQuery,
  MenteePreferences,
  MenteePreferencesView,
  MentorProfileInput,
  MentorSharedView,
  MentorSuggestions,
  Mentorship,
  MentorshipList,
  MentorshipRequest,
  MessageInput,
  MessagePage,
  MyMentorProfile,
  PauseInput,
  ReadInput,
  SentMessage,
  SharesInput,
  TrainingAttempt,
  TrainingModule,
  TrainingModuleEdit,
  TrainingModuleInput,
  TrainingQuery,
  TrainingResult,
  UnreadMessages,
  WellbeingInput,
  WellbeingResult,
} from "@kinship/contracts/mentorship";
import { MyReport } from "@kinship/contracts/moderation";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { requireMember } from "../../platform/actor.ts";
import type { Limits } from "../../platform/limits.ts";
import type { Hub } from "../../realtime/hub.ts";
import { registerMentorshipSocket } from "./live.ts";
import { createMentorshipService, type MentorshipService } from "./service.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody };
const tags = ["mentorship"];

/** Mentorship, wired up: HTTP routes and its messages on the shared `/ws` (registered after rooms). */
export function mentorshipFeature(deps: { db: Db; hub: Hub; limits?: Limits; now?: () => Date }) {
  return fp(async (app: FastifyInstance) => {
    const logError = (error: unknown, message: string) =>
      app.log.error({ failure: (error as { name?: string })?.name ?? "Error" }, message);
    const service = createMentorshipService({ ...deps, logError });
    registerMentorshipSocket({ gateway: app.gateway, hub: deps.hub, service, logError });
    await app.register(mentorshipRoutes(service));
  });
}

/** HTTP edges of mentorship: training, profile, suggestions, mentorships, messages, shares, wellbeing. */
export function mentorshipRoutes(service: MentorshipService) {
  return async function routes(fastify: FastifyInstance) {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const one = { params: IdParam, response: { 200: Mentorship, ...errors } };

    // ─── Training ───
    app.get(
      "/api/mentor-training",
      {
        schema: {
          tags,
          summary: "The mentor training and whether I passed it (?lang=es: the built-in module in Spanish)",
          querystring: TrainingQuery,
          response: { 200: TrainingModule, ...errors },
        },
      },
      async (request) => service.training(requireMember(request), request.query.lang),
    );
    app.get(
      "/api/mentor-training/edit",
      {
        schema: {
          tags,
          summary: "The training with its answers (organisation admins)",
          response: { 200: TrainingModuleEdit, ...errors },
        },
      },
      async (request) => service.trainingForEdit(requireMember(request)),
    );
    app.put(
      "/api/mentor-training",
      {
        schema: {
          tags,
          summary: "Replace the training content (organisation admins); earlier passes stay valid",
          body: TrainingModuleInput,
          response: { 200: TrainingModuleEdit, ...errors },
        },
      },
      async (request) => service.saveTraining(requireMember(request), request.body),
    );
    app.post(
      "/api/mentor-training/attempts",
      {
        schema: {
          tags,
          summary: "Answer the knowledge check (?lang=es: explanations in Spanish, as the module was shown)",
          querystring: TrainingQuery,
          body: TrainingAttempt,
          response: { 200: TrainingResult, ...errors },
        },
      },
      async (request) => service.attempt(requireMember(request), request.body.answers, request.query.lang),
    );

    // ─── My mentor profile ───
    app.get(
      "/api/mentor-profile",
      {
        schema: {
          tags,
          summary: "My mentor profile, limits and wellbeing",
          response: { 200: MyMentorProfile, ...errors },
        },
      },
      async (request) => service.myProfile(requireMember(request)),
    );
    app.put(
      "/api/mentor-profile",
      {
        schema: {
          tags,
          summary: "Create or change my mentor profile (after the training)",
          body: MentorProfileInput,
          response: { 200: MyMentorProfile, ...errors },
        },
      },
      async (request) => service.saveProfile(requireMember(request), request.body),
    );
    app.post(
      "/api/mentor-profile/pause",
      {
        schema: {
          tags,
          summary: "Take a break: no new requests until I come back",
          body: PauseInput,
          response: { 200: MyMentorProfile, ...errors },
        },
      },
      async (request) => service.pause(requireMember(request), request.body.until),
    );
    app.post(
      "/api/mentor-profile/resume",
      { schema: { tags, summary: "Come back from a break", response: { 200: MyMentorProfile, ...errors } } },
      async (request) => service.resume(requireMember(request)),
    );
    app.post(
      "/api/mentor-checkins",
      {
        schema: {
          tags,
          summary: "My private wellbeing check-in as a mentor",
          body: WellbeingInput,
          response: { 201: WellbeingResult, ...errors },
        },
      },
      async (request, reply) => reply.code(201).send(await service.checkIn(requireMember(request), request.body)),
    );

    // ─── Finding a mentor ───
    app.get(
      "/api/mentors",
      {
        schema: {
          tags,
          summary: "Mentors suggested for me, best first, each with why (never one past capacity)",
          response: { 200: MentorSuggestions, ...errors },
        },
      },
      async (request) => service.suggestions(requireMember(request)),
    );
    app.get(
      "/api/mentorship/preferences",
      { schema: { tags, summary: "What I look for in a mentor", response: { 200: MenteePreferencesView, ...errors } } },
      async (request) => service.preferences(requireMember(request)),
    );
    app.put(
      "/api/mentorship/preferences",
      {
        schema: {
          tags,
          summary: "Say what I look for in a mentor",
          body: MenteePreferences,
          response: { 200: MenteePreferencesView, ...errors },
        },
      },
      async (request) => service.savePreferences(requireMember(request), request.body),
    );

    // ─── Mentorships ───
    app.get(
      "/api/mentorships",
      {
        schema: {
          tags,
          summary: "My mentorships, as mentor and as mentee",
          response: { 200: MentorshipList, ...errors },
        },
      },
      async (request) => service.list(requireMember(request)),
    );
    app.post(
      "/api/mentorships",
      {
        schema: {
          tags,
          summary: "Ask a mentor, with a short message",
          body: MentorshipRequest,
          response: { 201: Mentorship, ...errors },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await service.request(requireMember(request), request.body.mentorId, request.body.message)),
    );
    app.get("/api/mentorships/:id", { schema: { tags, summary: "One of my mentorships", ...one } }, async (request) =>
      service.get(requireMember(request), request.params.id),
    );
    app.post(
      "/api/mentorships/:id/accept",
      { schema: { tags, summary: "Accept a request (the mentor)", ...one } },
      async (request) => service.accept(requireMember(request), request.params.id),
    );
    app.post(
      "/api/mentorships/:id/decline",
      { schema: { tags, summary: "Say kindly that now isn't possible (the mentor)", body: DeclineInput, ...one } },
      async (request) => service.decline(requireMember(request), request.params.id, request.body.reason),
    );
    app.post(
      "/api/mentorships/:id/withdraw",
      { schema: { tags, summary: "Take back a waiting request (the mentee)", ...one } },
      async (request) => service.withdraw(requireMember(request), request.params.id),
    );
    app.post(
      "/api/mentorships/:id/end",
      { schema: { tags, summary: "End the mentorship with a closing note (either side)", body: EndInput, ...one } },
      async (request) => service.end(requireMember(request), request.params.id, request.body.note),
    );
    app.post(
      "/api/mentorships/:id/handoff",
      { schema: { tags, summary: "Suggest a hand-off to another mentor (the mentor, needing a break)", ...one } },
      async (request) => service.proposeHandoff(requireMember(request), request.params.id),
    );
    app.delete(
      "/api/mentorships/:id/handoff",
      { schema: { tags, summary: "Turn down or take back a suggested hand-off", ...one } },
      async (request) => service.cancelHandoff(requireMember(request), request.params.id),
    );
    app.post(
      "/api/mentorships/:id/handoff/accept",
      {
        schema: {
          tags,
          summary: "Agree to a hand-off by asking a new mentor (the mentee)",
          params: IdParam,
          body: HandoffAccept,
          response: { 201: Mentorship, ...errors },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await service.acceptHandoff(
              requireMember(request),
              request.params.id,
              request.body.mentorId,
              request.body.message,
            ),
          ),
    );
    app.put(
      "/api/mentorships/:id/shares",
      { schema: { tags, summary: "Choose what I share with my mentor (the mentee)", body: SharesInput, ...one } },
      async (request) => service.setShares(requireMember(request), request.params.id, request.body.items),
    );
    app.get(
      "/api/mentorships/:id/shared",
      {
        schema: {
          tags,
          summary: "What my mentee shares with me (each view is in their access log)",
          params: IdParam,
          response: { 200: MentorSharedView, ...errors },
        },
      },
      async (request) => service.shared(requireMember(request), request.params.id),
    );

    // ─── Direct conversations outside a mentorship ───
    app.get(
      "/api/me/direct-messages",
      {
        schema: {
          tags,
          summary: "Who may start a direct conversation with me (no one, by default)",
          response: { 200: DmSettings, ...errors },
        },
      },
      async (request) => service.dmSettings(requireMember(request)),
    );
    app.put(
      "/api/me/direct-messages",
      {
        schema: {
          tags,
          summary: "Choose who may start a direct conversation with me",
          body: DmSettings,
          response: { 200: DmSettings, ...errors },
        },
      },
      async (request) => service.saveDmSettings(requireMember(request), request.body.allow),
    );
    app.get(
      "/api/me/messages/count",
      {
        schema: {
          tags,
          summary: "How many messages from others I haven't read, in my mentorships and direct conversations",
          response: { 200: UnreadMessages, ...errors },
        },
      },
      async (request) => service.unreadMessages(requireMember(request)),
    );
    app.get(
      "/api/direct-conversations",
      {
        schema: {
          tags,
          summary: "My direct conversations outside a mentorship (messages go through /api/mentorships/{id}/…)",
          response: { 200: MentorshipList, ...errors },
        },
      },
      async (request) => service.directList(requireMember(request)),
    );
    app.post(
      "/api/direct-conversations",
      {
        schema: {
          tags,
          summary:
            "Open a direct conversation with a member who allowed it (or the one we already have, or our mentorship)",
          body: DirectStart,
          response: { 200: Mentorship, ...errors },
        },
      },
      async (request) => service.startDirect(requireMember(request), request.body.handle),
    );

    // ─── Messages ───
    app.get(
      "/api/mentorships/:id/messages",
      {
        schema: {
          tags,
          summary: "The conversation, a page at a time (pass nextBefore as before)",
          params: IdParam,
          querystring: HistoryQuery,
          response: { 200: MessagePage, ...errors },
        },
      },
      async (request) =>
        service.history(requireMember(request), request.params.id, request.query.before, request.query.limit),
    );
    app.post(
      "/api/mentorships/:id/messages",
      {
        schema: {
          tags,
          summary: "Send a message (also possible on /ws as dm.send); a retry with the same id is stored once",
          params: IdParam,
          body: MessageInput,
          response: { 201: SentMessage, ...errors },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await service.send(requireMember(request), request.params.id, request.body.id, request.body.text)),
    );
    app.post(
      "/api/mentorships/:id/reports",
      {
        schema: {
          tags,
          summary:
            "Report the conversation to the moderators (either side): only the chosen messages, or the last few, are copied",
          params: IdParam,
          body: ConversationReportInput,
          response: { 201: MyReport, ...errors },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await service.report(requireMember(request), request.params.id, request.body)),
    );
    app.post(
      "/api/mentorships/:id/read",
      {
        schema: {
          tags,
          summary: "I've read up to this message",
          params: IdParam,
          body: ReadInput,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await service.markRead(requireMember(request), request.params.id, request.body.seq);
        return reply.code(204).send(null);
      },
    );
  };
}
