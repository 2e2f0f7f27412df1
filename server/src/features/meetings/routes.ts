import { ErrorBody, IdParam, listOf } from "@kinship/contracts/common";
import {
  FinderQuery,
  FinderResult,
  Meeting,
  MeetingInput,
  MeetingUpdate,
  Place,
  PlaceQuery,
  RsvpBody,
  Schedule,
  Suggestion,
  SuggestionCreate,
} from "@kinship/contracts/directory";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireMember } from "../../platform/actor.ts";
import { findPlaces } from "./places.ts";
import type { MeetingsService } from "./service.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody };
const tags = ["meetings"];
/** A meeting by its id or its slug. */
const MeetingRef = z.object({ id: z.string().trim().min(1).max(120) });
const Going = Meeting.shape.going;
const noContent = { 204: z.null(), ...errors };

/** HTTP edges of the meeting directory: the finder, places, listings, going, following, suggested edits. */
export function meetingsRoutes(meetings: MeetingsService) {
  return async function routes(fastify: FastifyInstance) {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    // Clocks may have changed while the server was down; the hourly job (app.ts) keeps it so after.
    app.addHook("onReady", async () => {
      await meetings.refreshZoneOffsets().catch((err) => app.log.error({ err }, "refreshing zone offsets failed"));
    });

    app.get(
      "/api/meetings",
      {
        schema: {
          tags,
          summary: "Find meetings: near a place, by day and time, type, format, language, online, free text",
          querystring: FinderQuery,
          response: { 200: FinderResult, ...errors },
        },
      },
      async (request) => meetings.find(request.actor, request.query),
    );

    app.get(
      "/api/places",
      {
        schema: {
          tags,
          summary: "Cities whose name starts with the given letters (offline gazetteer)",
          querystring: PlaceQuery,
          response: { 200: listOf(Place), ...errors },
        },
      },
      async (request) => ({ items: findPlaces(request.query.q) }),
    );

    app.get(
      "/api/meetings/:id",
      {
        schema: {
          tags,
          summary: "One meeting, by id or slug",
          params: MeetingRef,
          response: { 200: Meeting, ...errors },
        },
      },
      async (request) => meetings.get(request.actor, request.params.id),
    );

    app.patch(
      "/api/meetings/:id",
      {
        schema: {
          tags,
          summary: "Change a meeting (the group's facilitators and organisation admins)",
          params: MeetingRef,
          body: MeetingUpdate,
          response: { 200: Meeting, ...errors },
        },
      },
      async (request) => meetings.update(requireMember(request), request.params.id, request.body),
    );

    app.delete(
      "/api/meetings/:id",
      { schema: { tags, summary: "Delete a meeting", params: MeetingRef, response: noContent } },
      async (request, reply) => {
        await meetings.remove(requireMember(request), request.params.id);
        return reply.code(204).send(null);
      },
    );

    app.get(
      "/api/groups/:id/meetings",
      {
        schema: {
          tags,
          summary: "A group's meetings that I may see",
          params: IdParam,
          response: { 200: listOf(Meeting), ...errors },
        },
      },
      async (request) => meetings.listForGroup(request.actor, request.params.id),
    );

    app.post(
      "/api/groups/:id/meetings",
      {
        schema: {
          tags,
          summary: "Add a meeting to a group (its facilitators and organisation admins)",
          params: IdParam,
          body: MeetingInput,
          response: { 201: Meeting, ...errors },
        },
      },
      async (request, reply) => {
        const meeting = await meetings.create(requireMember(request), request.params.id, request.body);
        return reply.code(201).send(meeting);
      },
    );

    app.put(
      "/api/meetings/:id/rsvp",
      {
        schema: {
          tags,
          summary: "I'm going on this date (others see only the count)",
          params: MeetingRef,
          body: RsvpBody,
          response: { 200: Going, ...errors },
        },
      },
      async (request) => meetings.rsvp(requireMember(request), request.params.id, request.body.occursOn),
    );

    app.delete(
      "/api/meetings/:id/rsvp",
      {
        schema: {
          tags,
          summary: "I'm no longer going on this date",
          params: MeetingRef,
          querystring: RsvpBody,
          response: { 200: Going, ...errors },
        },
      },
      async (request) => meetings.cancelRsvp(requireMember(request), request.params.id, request.query.occursOn),
    );

    app.put(
      "/api/meetings/:id/follow",
      { schema: { tags, summary: "Add a meeting to my schedule", params: MeetingRef, response: noContent } },
      async (request, reply) => {
        await meetings.follow(requireMember(request), request.params.id);
        return reply.code(204).send(null);
      },
    );

    app.delete(
      "/api/meetings/:id/follow",
      { schema: { tags, summary: "Take a meeting off my schedule", params: MeetingRef, response: noContent } },
      async (request, reply) => {
        await meetings.unfollow(requireMember(request), request.params.id);
        return reply.code(204).send(null);
      },
    );

    app.get(
      "/api/me/schedule",
      {
        schema: {
          tags,
          summary: "The meetings I follow, soonest first, with the dates I'm going",
          response: { 200: Schedule, ...errors },
        },
      },
      async (request) => meetings.schedule(requireMember(request)),
    );

    app.post(
      "/api/meetings/:id/suggestions",
      {
        schema: {
          tags,
          summary: "Suggest a change to a listing",
          params: MeetingRef,
          body: SuggestionCreate,
          response: { 201: Suggestion, ...errors },
        },
      },
      async (request, reply) => {
        const suggestion = await meetings.suggest(requireMember(request), request.params.id, request.body);
        return reply.code(201).send(suggestion);
      },
    );

    app.get(
      "/api/groups/:id/suggestions",
      {
        schema: {
          tags,
          summary: "Open suggestions for a group's meetings (its facilitators and organisation admins)",
          params: IdParam,
          response: { 200: listOf(Suggestion), ...errors },
        },
      },
      async (request) => meetings.groupSuggestions(requireMember(request), request.params.id),
    );

    app.get(
      "/api/me/suggestions",
      {
        schema: { tags, summary: "Changes I suggested", response: { 200: listOf(Suggestion), ...errors } },
      },
      async (request) => meetings.mySuggestions(requireMember(request)),
    );

    app.post(
      "/api/suggestions/:id/accept",
      {
        schema: {
          tags,
          summary: "Accept a suggestion: the listing changes, if it still keeps every rule",
          params: IdParam,
          response: { 200: Suggestion, ...errors },
        },
      },
      async (request) => meetings.decide(requireMember(request), request.params.id, "accepted"),
    );

    app.post(
      "/api/suggestions/:id/decline",
      {
        schema: {
          tags,
          summary: "Decline a suggestion",
          params: IdParam,
          response: { 200: Suggestion, ...errors },
        },
      },
      async (request) => meetings.decide(requireMember(request), request.params.id, "declined"),
    );
  };
}
