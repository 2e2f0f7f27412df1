import { randomUUID } from "node:crypto";
import { ErrorBody, IdParam } from "@kinship/contracts/common";
import { SocketClientMessage } from "@kinship/contracts/realtime";
import {
  type ClientMessage,
  Readings,
  ReadingsUpdate,
  Removals,
  RoomGroupSettings,
  RoomInfo,
  RoomOpen,
} from "@kinship/contracts/rooms";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import type { Scheduler } from "../../jobs/scheduler.ts";
import type { Actor } from "../../platform/actor.ts";
import { requireMember } from "../../platform/actor.ts";
import { type Gateway, registerGateway } from "../../realtime/gateway.ts";
import type { Hub } from "../../realtime/hub.ts";
import { SESSIONS_ENDED } from "../accounts/service.ts";
import { BLOCKS_CHANGED } from "../moderation/blocks.ts";
import { createLive, type Live, type SpeakingGuard } from "./live.ts";
import { createRoomsService, type RoomsService } from "./service.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody };
const tags = ["rooms"];
const MeetingRef = z.object({ id: z.string().trim().min(1).max(120) });

export type RoomsFeatureDeps = {
  db: Db;
  hub: Hub;
  scheduler: Scheduler;
  publicUrl: URL;
  cookieName: string;
  resolveSession(token: string): Promise<Actor | null>;
  clock?: () => Date;
  /** How often sockets are pinged; a socket that missed one ping is closed. */
  heartbeatMs?: number;
  /** Per-socket message rate (benchmarks raise it). */
  rate?: { perSecond: number; burst: number };
  /** Moderation's check before someone speaks. */
  guard?: SpeakingGuard;
};

declare module "fastify" {
  interface FastifyInstance {
    /** The live rooms of this node (tests run its maintenance at a chosen time). */
    rooms: { service: RoomsService; live: Live; node: string };
    /** The shared `/ws` gateway: later real-time features register their own message handlers on it. */
    gateway: Gateway;
  }
}

/** Only the kind of failure: a database error's text can hold what someone said. */
const describe = (error: unknown) => {
  const e = error as { name?: string; code?: string; cause?: { code?: string } } | null;
  return { name: e?.name ?? "Error", code: e?.code ?? e?.cause?.code };
};

/**
 * Live online meetings: the `/ws` endpoint (shared by later real-time features), the rooms' socket
 * messages, their HTTP routes, and the maintenance job.
 */
export function roomsFeature(deps: RoomsFeatureDeps) {
  return fp(async (app: FastifyInstance) => {
    const logError = (error: unknown, message: string) => app.log.error({ failure: describe(error) }, message);
    const node = randomUUID();
    const service = createRoomsService({ db: deps.db, hub: deps.hub, clock: deps.clock, logError });
    const live = createLive({ db: deps.db, hub: deps.hub, core: service.core, node, logError, guard: deps.guard });
    const gateway = await registerGateway(app, {
      publicUrl: deps.publicUrl,
      cookieName: deps.cookieName,
      resolveSession: deps.resolveSession,
      hub: deps.hub,
      schema: SocketClientMessage,
      sessionsEndedChannel: SESSIONS_ENDED,
      heartbeatMs: deps.heartbeatMs,
      rate: deps.rate,
      logError,
    });
    for (const [type, handler] of Object.entries(live.handlers)) {
      gateway.on(type as ClientMessage["type"], handler as never);
    }
    gateway.onDisconnect((connection) => live.disconnected(connection));
    deps.scheduler.every("rooms-maintenance", 15_000, () => live.tick());
    const stopBlocks = await deps.hub.subscribe(BLOCKS_CHANGED, (message) => {
      const { memberId, hidden } = message as { memberId?: unknown; hidden?: unknown };
      if (typeof memberId === "string" && Array.isArray(hidden)) live.blocksChanged(memberId, hidden.map(String));
    });
    app.addHook("onClose", async () => {
      live.stop();
      await stopBlocks().catch(() => {});
    });
    app.decorate("rooms", { service, live, node });
    app.decorate("gateway", gateway);
    await app.register(roomsRoutes(service));
  });
}

/** HTTP edges of rooms: a meeting's room, opening and closing it, readings, retention, removals. */
export function roomsRoutes(rooms: RoomsService) {
  return async function routes(fastify: FastifyInstance) {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      "/api/meetings/:id/room",
      {
        schema: {
          tags,
          summary: "A meeting's room as I see it before going in",
          params: MeetingRef,
          response: { 200: RoomInfo, ...errors },
        },
      },
      async (request) => rooms.info(request.actor, request.params.id),
    );

    app.post(
      "/api/meetings/:id/room",
      {
        schema: {
          tags,
          summary: "Open the room of this meeting's current occurrence (its facilitators and organisation admins)",
          params: MeetingRef,
          body: RoomOpen,
          response: { 200: RoomInfo, 201: RoomInfo, ...errors },
        },
      },
      async (request, reply) => {
        const { created, info } = await rooms.open(requireMember(request), request.params.id, request.body);
        return reply.code(created ? 201 : 200).send(info);
      },
    );

    app.post(
      "/api/rooms/:id/close",
      {
        schema: {
          tags,
          summary: "Close a room now: what was said in it is deleted",
          params: IdParam,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await rooms.close(requireMember(request), request.params.id);
        return reply.code(204).send(null);
      },
    );

    app.get(
      "/api/meetings/:id/room/removals",
      {
        schema: {
          tags,
          summary: "Who was removed from this meeting's rooms, and why (the group's facilitators)",
          params: MeetingRef,
          response: { 200: Removals, ...errors },
        },
      },
      async (request) => rooms.removals(requireMember(request), request.params.id),
    );

    app.get(
      "/api/groups/:id/readings",
      {
        schema: {
          tags,
          summary: "A group's opening readings",
          params: IdParam,
          response: { 200: Readings, ...errors },
        },
      },
      async (request) => rooms.readings(requireMember(request), request.params.id),
    );

    app.put(
      "/api/groups/:id/readings",
      {
        schema: {
          tags,
          summary: "Replace a group's opening readings, in order",
          params: IdParam,
          body: ReadingsUpdate,
          response: { 200: Readings, ...errors },
        },
      },
      async (request) => rooms.replaceReadings(requireMember(request), request.params.id, request.body.items),
    );

    app.get(
      "/api/groups/:id/room-settings",
      {
        schema: {
          tags,
          summary: "What the group's rooms keep",
          params: IdParam,
          response: { 200: RoomGroupSettings, ...errors },
        },
      },
      async (request) => rooms.groupSettings(requireMember(request), request.params.id),
    );

    app.put(
      "/api/groups/:id/room-settings",
      {
        schema: {
          tags,
          summary: "Keep messages while the meeting runs, or only as long as reconnection needs",
          params: IdParam,
          body: RoomGroupSettings,
          response: { 200: RoomGroupSettings, ...errors },
        },
      },
      async (request) => rooms.saveGroupSettings(requireMember(request), request.params.id, request.body),
    );
  };
}
