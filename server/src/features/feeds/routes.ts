import { ErrorBody, IdParam, listOf } from "@kinship/contracts/common";
import { CalendarFeed, ImportStart, MeetingImport } from "@kinship/contracts/directory";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireMember } from "../../platform/actor.ts";
import type { FeedsService } from "./service.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody };
const tags = ["feeds"];
/** A Meeting Guide file of 200,000 meetings fits; everything else keeps the app's small limit. */
const IMPORT_BODY_LIMIT = 25 * 1024 * 1024;

/** Public feeds may be kept a little while by browsers and proxies, and read from any site. */
const publicFeed = (reply: FastifyReply, type: string, maxAgeSeconds: number) =>
  reply
    .header("access-control-allow-origin", "*")
    .header("cross-origin-resource-policy", "cross-origin")
    .header("cache-control", `public, max-age=${maxAgeSeconds}`)
    .type(type);

/** HTTP edges of feeds: Meeting Guide JSON, iCalendar, the member's calendar secret, imports. */
export function feedsRoutes(feeds: FeedsService) {
  return async function routes(fastify: FastifyInstance) {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    app.addHook("onClose", async () => feeds.idle());

    app.get(
      "/feeds/meeting-guide.json",
      {
        schema: {
          tags,
          summary: "Every public weekly meeting in the Meeting Guide JSON format (one row per meeting per day)",
          description:
            "Streamed. Any query string is ignored. Members-only and one-off meetings are left out; conference links appear only where the meeting shows them to everyone.",
        },
      },
      async (_request, reply) =>
        publicFeed(reply, "application/json; charset=utf-8", 300).send(feeds.meetingGuideStream()),
    );

    app.get(
      "/feeds/groups/:groupId.ics",
      {
        schema: {
          tags,
          summary: "A group's public meetings as an iCalendar feed",
          params: z.object({ groupId: z.uuid("That isn't a group id.") }),
        },
      },
      async (request, reply) => {
        const calendar = await feeds.groupCalendar(request.params.groupId);
        return publicFeed(reply, "text/calendar; charset=utf-8", 900).send(calendar);
      },
    );

    app.get(
      "/feeds/calendar/:token.ics",
      {
        // The address is the secret: keep it out of the request logs.
        logLevel: "warn",
        schema: {
          tags,
          summary: "A member's private calendar of the meetings they follow (secret address)",
          params: z.object({ token: z.string().max(200) }),
        },
      },
      async (request, reply) => {
        const calendar = await feeds.memberCalendar(request.params.token);
        return reply.header("cache-control", "private, no-store").type("text/calendar; charset=utf-8").send(calendar);
      },
    );

    app.get(
      "/api/me/calendar-feed",
      {
        schema: {
          tags,
          summary: "Whether you have a private calendar address (it can't be shown again: url is null)",
          response: { 200: CalendarFeed, ...errors },
        },
      },
      async (request) => feeds.calendarFeed(requireMember(request)),
    );

    app.post(
      "/api/me/calendar-feed",
      {
        schema: {
          tags,
          summary: "Make a new private calendar address; the old one stops working. The url is shown only now.",
          response: { 201: CalendarFeed, ...errors },
        },
      },
      async (request, reply) => reply.code(201).send(await feeds.resetCalendarFeed(requireMember(request))),
    );

    app.delete(
      "/api/me/calendar-feed",
      {
        schema: { tags, summary: "Turn off your private calendar address", response: { 204: z.null(), ...errors } },
      },
      async (request, reply) => {
        await feeds.deleteCalendarFeed(requireMember(request));
        return reply.code(204).send(null);
      },
    );

    app.post(
      "/api/organisations/:id/imports",
      {
        bodyLimit: IMPORT_BODY_LIMIT,
        // A NUL in one row of a feed rejects that row in the report, not the whole file.
        config: { nulCheckedPerRow: true },
        schema: {
          tags,
          summary: "Import a Meeting Guide feed (a URL, or the file's meetings) into the organisation",
          description: "Answers 202 at once; the import runs in the background. Poll GET /api/imports/{id}.",
          params: IdParam,
          body: ImportStart,
          response: { 202: MeetingImport, ...errors },
        },
      },
      async (request, reply) =>
        reply.code(202).send(await feeds.startImport(requireMember(request), request.params.id, request.body)),
    );

    app.get(
      "/api/organisations/:id/imports",
      {
        schema: {
          tags,
          summary: "The organisation's recent imports",
          params: IdParam,
          response: { 200: listOf(MeetingImport), ...errors },
        },
      },
      async (request) => feeds.importsOf(requireMember(request), request.params.id),
    );

    app.get(
      "/api/imports/:id",
      {
        schema: {
          tags,
          summary: "An import's progress and report",
          params: IdParam,
          response: { 200: MeetingImport, ...errors },
        },
      },
      async (request) => feeds.importOf(requireMember(request), request.params.id),
    );
  };
}
