import { ErrorBody, IdParam } from "@kinship/contracts/common";
import {
  Alert,
  AlertClose,
  AlertConversation,
  AlertList,
  AlertMessageBody,
  AlertQuery,
  AuditList,
  CrisisCountries,
  CrisisLineList,
  CrisisLinesQuery,
  MyReachOutList,
  MyScopes,
  ProfessionalGrant,
  ProfessionalList,
  ResponderGrant,
  ResponderList,
  ResponderParams,
  ReviewBody,
  ScopeQuery,
  ScreenBody,
  ScreenResult,
  Service,
  ServiceCreate,
  ServiceList,
  ServiceQuery,
  ServiceUpdate,
  ThreadReviews,
} from "@kinship/contracts/safety";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { requireMember } from "../../platform/actor.ts";
import type { Hub } from "../../realtime/hub.ts";
import { countryFromAcceptLanguage } from "./crisis-lines.ts";
import { registerSafetySocket } from "./live.ts";
import { createSafetyService, type SafetyService } from "./service.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody };
const none = { 204: z.null(), ...errors };
const tags = ["safety"];

/** Safety, wired up: its HTTP routes. */
export function safetyFeature(db: Db, hub?: Hub) {
  return safetyRoutes(createSafetyService({ db, hub }));
}

/** The responders' live queue on the shared `/ws` (registered after rooms, which owns the gateway). */
export function safetySocketFeature(deps: { db: Db; hub: Hub }) {
  return fp(async (app: FastifyInstance) => {
    const logError = (error: unknown, message: string) =>
      app.log.error({ failure: (error as { name?: string })?.name ?? "Error" }, message);
    const stop = await registerSafetySocket({
      gateway: app.gateway,
      hub: deps.hub,
      service: createSafetyService(deps),
      logError,
    });
    app.addHook("onClose", stop);
  });
}

/** HTTP edges of safety: crisis lines, screening, responders and their queue, services, reviews. */
export function safetyRoutes(safety: SafetyService) {
  return async function routes(fastify: FastifyInstance) {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    // ─── Crisis lines and screening: open to everyone, signed in or not ───
    app.get(
      "/api/crisis-lines",
      {
        schema: {
          tags,
          summary: "Crisis lines of a country, then an international fallback",
          querystring: CrisisLinesQuery,
          response: { 200: CrisisLineList, ...errors },
        },
      },
      async (request) => safety.crisisLines(request.query.country),
    );
    app.get(
      "/api/crisis-lines/directory",
      { schema: { tags, summary: "Every country's crisis lines", response: { 200: CrisisCountries, ...errors } } },
      async () => safety.directory(),
    );
    app.post(
      "/api/safety/screen",
      {
        schema: {
          tags,
          summary: "Check words for crisis language before posting; nothing is kept",
          body: ScreenBody,
          response: { 200: ScreenResult, ...errors },
        },
      },
      async (request) => {
        const country = request.body.country ?? countryFromAcceptLanguage(request.headers["accept-language"]);
        return safety.screen(request.body.text, request.body.lang, country);
      },
    );

    // ─── Roles ───
    app.get(
      "/api/safety/me",
      { schema: { tags, summary: "Where I respond and where I grant roles", response: { 200: MyScopes, ...errors } } },
      async (request) => safety.myScopes(requireMember(request)),
    );
    app.get(
      "/api/safety/responders",
      {
        schema: {
          tags,
          summary: "Responders of an organisation (or the community)",
          querystring: ScopeQuery,
          response: { 200: ResponderList, ...errors },
        },
      },
      async (request) => safety.listResponders(requireMember(request), request.query.organisation ?? null),
    );
    app.post(
      "/api/safety/responders",
      {
        schema: {
          tags,
          summary: "Grant the responder role",
          body: ResponderGrant,
          response: { 201: ResponderList, ...errors },
        },
      },
      async (request, reply) => reply.code(201).send(await safety.grantResponder(requireMember(request), request.body)),
    );
    app.delete(
      "/api/safety/responders/:memberId",
      {
        schema: {
          tags,
          summary: "Take the responder role back",
          params: ResponderParams,
          querystring: ScopeQuery,
          response: none,
        },
      },
      async (request, reply) => {
        await safety.revokeResponder(
          requireMember(request),
          request.query.organisation ?? null,
          request.params.memberId,
        );
        return reply.code(204).send(null);
      },
    );
    app.get(
      "/api/safety/professionals",
      {
        schema: {
          tags,
          summary: "Members with a professional role",
          querystring: ScopeQuery,
          response: { 200: ProfessionalList, ...errors },
        },
      },
      async (request) => safety.listProfessionals(requireMember(request), request.query.organisation ?? null),
    );
    app.post(
      "/api/safety/professionals",
      {
        schema: {
          tags,
          summary: "Grant a professional role",
          body: ProfessionalGrant,
          response: { 201: ProfessionalList, ...errors },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await safety.grantProfessional(requireMember(request), request.body)),
    );
    app.delete(
      "/api/safety/professionals/:memberId",
      {
        schema: {
          tags,
          summary: "Take a professional role back",
          params: ResponderParams,
          querystring: ScopeQuery,
          response: none,
        },
      },
      async (request, reply) => {
        await safety.revokeProfessional(
          requireMember(request),
          request.query.organisation ?? null,
          request.params.memberId,
        );
        return reply.code(204).send(null);
      },
    );

    // ─── The responder queue ───
    app.get(
      "/api/safety/alerts",
      {
        schema: { tags, summary: "My crisis queue", querystring: AlertQuery, response: { 200: AlertList, ...errors } },
      },
      async (request) => safety.queue(requireMember(request), request.query),
    );
    app.get(
      "/api/safety/alerts/:id",
      { schema: { tags, summary: "Open an alert (audited)", params: IdParam, response: { 200: Alert, ...errors } } },
      async (request) => safety.openAlert(requireMember(request), request.params.id),
    );
    app.post(
      "/api/safety/alerts/:id/claim",
      { schema: { tags, summary: "Take an alert", params: IdParam, response: { 200: Alert, ...errors } } },
      async (request) => safety.claim(requireMember(request), request.params.id),
    );
    app.post(
      "/api/safety/alerts/:id/release",
      {
        schema: {
          tags,
          summary: "Hand an alert back to the queue",
          params: IdParam,
          response: { 200: Alert, ...errors },
        },
      },
      async (request) => safety.release(requireMember(request), request.params.id),
    );
    app.post(
      "/api/safety/alerts/:id/close",
      {
        schema: {
          tags,
          summary: "Close an alert with an outcome",
          params: IdParam,
          body: AlertClose,
          response: { 200: Alert, ...errors },
        },
      },
      async (request) => safety.close(requireMember(request), request.params.id, request.body),
    );
    app.get(
      "/api/safety/alerts/:id/audit",
      {
        schema: {
          tags,
          summary: "Every step taken on an alert",
          params: IdParam,
          response: { 200: AuditList, ...errors },
        },
      },
      async (request) => safety.auditOf(requireMember(request), request.params.id),
    );
    app.get(
      "/api/safety/alerts/:id/conversation",
      {
        schema: {
          tags,
          summary: "The private conversation of an alert",
          params: IdParam,
          response: { 200: AlertConversation, ...errors },
        },
      },
      async (request) => safety.conversation(requireMember(request), request.params.id),
    );
    app.post(
      "/api/safety/alerts/:id/messages",
      {
        schema: {
          tags,
          summary: "Write in an alert's conversation",
          params: IdParam,
          body: AlertMessageBody,
          response: { 201: AlertConversation, ...errors },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await safety.write(requireMember(request), request.params.id, request.body.body)),
    );
    app.get(
      "/api/safety/reach-outs",
      { schema: { tags, summary: "Responders who reached out to me", response: { 200: MyReachOutList, ...errors } } },
      async (request) => safety.reachOuts(requireMember(request)),
    );

    // ─── Professional services ───
    app.get(
      "/api/safety/services",
      {
        schema: {
          tags,
          summary: "Professional services organisations recommend",
          querystring: ServiceQuery,
          response: { 200: ServiceList, ...errors },
        },
      },
      async (request) => safety.services(request.actor, request.query),
    );
    app.post(
      "/api/safety/services",
      { schema: { tags, summary: "Add a service", body: ServiceCreate, response: { 201: Service, ...errors } } },
      async (request, reply) => reply.code(201).send(await safety.createService(requireMember(request), request.body)),
    );
    app.patch(
      "/api/safety/services/:id",
      {
        schema: {
          tags,
          summary: "Change a service",
          params: IdParam,
          body: ServiceUpdate,
          response: { 200: Service, ...errors },
        },
      },
      async (request) => safety.updateService(requireMember(request), request.params.id, request.body),
    );
    app.delete(
      "/api/safety/services/:id",
      { schema: { tags, summary: "Remove a service", params: IdParam, response: none } },
      async (request, reply) => {
        await safety.deleteService(requireMember(request), request.params.id);
        return reply.code(204).send(null);
      },
    );

    // ─── Professional review of coping strategies ───
    app.get(
      "/api/threads/:id/reviews",
      {
        schema: {
          tags,
          summary: "Professional marks on a thread's posts",
          params: IdParam,
          response: { 200: ThreadReviews, ...errors },
        },
      },
      async (request) => safety.threadReviews(requireMember(request), request.params.id),
    );
    app.put(
      "/api/posts/:id/review",
      {
        schema: {
          tags,
          summary: "Mark a coping strategy reviewed, or possible misinformation",
          params: IdParam,
          body: ReviewBody,
          response: { 200: ThreadReviews, ...errors },
        },
      },
      async (request) => safety.review(requireMember(request), request.params.id, request.body),
    );
    app.delete(
      "/api/posts/:id/review",
      { schema: { tags, summary: "Remove a professional mark", params: IdParam, response: none } },
      async (request, reply) => {
        await safety.unreview(requireMember(request), request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
