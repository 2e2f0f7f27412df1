import { randomUUID } from "node:crypto";
import websocket from "@fastify/websocket";
import type {
  SocketClientMessage as ClientMessage,
  SocketServerMessage as ServerMessage,
} from "@kinship/contracts/realtime";
import { MAX_FRAME_BYTES } from "@kinship/contracts/rooms";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { WebSocket } from "ws";
import type { z } from "zod";
import type { Actor } from "../platform/actor.ts";
import { DomainError } from "../platform/errors.ts";
import { type Language, languageFrom, translate, translateIssue } from "../platform/translate.ts";
import type { Hub } from "./hub.ts";

/** One live socket of one signed-in member. */
export type Connection = {
  readonly id: string;
  readonly actor: Actor;
  /** The language the member reads Kinship in, from the upgrade (`?lang=`, else `Accept-Language`). */
  readonly language: Language;
  /** Sends one message; an `error` event's message is translated here, for every feature. */
  send(message: ServerMessage): void;
  /** Sends text already serialised (and encoded) once for many sockets (fan-out). */
  sendRaw(text: string | Buffer): void;
  close(code: number, reason: string): void;
  readonly closed: boolean;
};

type Handler<T extends ClientMessage["type"]> = (
  connection: Connection,
  message: Extract<ClientMessage, { type: T }>,
) => Promise<void>;

export type GatewayOptions = {
  path?: string;
  publicUrl: URL;
  cookieName: string;
  resolveSession(token: string): Promise<Actor | null>;
  hub: Hub;
  /** The one schema every client message is checked against. */
  schema: z.ZodType<ClientMessage>;
  /** Channel on which ended sessions are announced; their sockets close at once. */
  sessionsEndedChannel: string;
  heartbeatMs?: number;
  /** Messages a connection may send per second, and how many it may send at once. */
  rate?: { perSecond: number; burst: number };
  /** Bytes waiting to go out past which a socket that does not read is closed. */
  maxBufferedBytes?: number;
  logError(error: unknown, message: string): void;
};

/** Close codes a client can act on. */
export const CLOSE = {
  sessionEnded: 4001,
  flood: 1008,
  tooBig: 1009,
  goingAway: 1012,
  unauthenticated: 4401,
} as const;

// A connection that keeps going past its rate this many times in a row is closed.
const FLOOD_STRIKES = 50;

/**
 * The one WebSocket endpoint. The session cookie authenticates the upgrade and a foreign Origin is
 * refused; every frame is parsed and validated before a feature's handler sees it; handlers throw
 * domain errors that become `error` events. Logout, passphrase change and deletion close a member's
 * sockets on every node (through the hub); a server shutdown tells clients to reconnect elsewhere.
 */
export async function registerGateway(app: FastifyInstance, options: GatewayOptions) {
  const path = options.path ?? "/ws";
  const rate = options.rate ?? { perSecond: 10, burst: 30 };
  const maxBuffered = options.maxBufferedBytes ?? 4 * 1024 * 1024;
  const handlers = new Map<string, Handler<ClientMessage["type"]>>();
  const disconnectHooks: ((connection: Connection) => Promise<void>)[] = [];
  const bySession = new Map<string, Set<LiveConnection>>();
  const all = new Set<LiveConnection>();

  type LiveConnection = Connection & {
    socket: WebSocket;
    alive: boolean;
    tokens: number;
    refilledAt: number;
    strikes: number;
  };

  const stopSessions = await options.hub.subscribe(options.sessionsEndedChannel, (message) => {
    const ids = (message as { sessionIds?: unknown }).sessionIds;
    if (!Array.isArray(ids)) return;
    for (const id of ids) {
      for (const connection of bySession.get(String(id)) ?? []) {
        connection.close(CLOSE.sessionEnded, "session ended");
      }
    }
  });

  // Added before the plugin's own preClose, so clients hear "reconnect" before their socket closes.
  app.addHook("preClose", async () => {
    for (const connection of all) {
      connection.send({ type: "reconnect" });
      connection.close(CLOSE.goingAway, "server restarting");
    }
  });
  await app.register(websocket, { options: { maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false } });

  const sameOrigin = (request: FastifyRequest) => {
    const origin = request.headers.origin;
    if (!origin) return true; // not a browser: no ambient cookie risk
    return origin === options.publicUrl.origin || origin === `${request.protocol}://${request.headers.host}`;
  };

  // A browser can't set headers on a WebSocket, so the web app says its language in the address.
  const languageOf = (request: FastifyRequest) => {
    const lang = (request.query as { lang?: unknown } | undefined)?.lang;
    return languageFrom(typeof lang === "string" ? lang : request.headers["accept-language"]);
  };

  async function authenticate(request: FastifyRequest, reply: FastifyReply) {
    const refuse = (status: number, code: string, message: string) =>
      reply.code(status).send({ error: { code, message: translate(message, languageOf(request)) } });
    if (!sameOrigin(request) || request.headers["sec-fetch-site"] === "cross-site")
      return refuse(403, "forbidden", "Connections from other sites are refused.");
    const token = request.cookies[options.cookieName];
    request.actor = token ? await options.resolveSession(token) : null;
    if (!request.actor) return refuse(401, "unauthenticated", "Please log in first.");
  }

  function takeToken(connection: LiveConnection) {
    const now = Date.now();
    connection.tokens = Math.min(
      rate.burst,
      connection.tokens + ((now - connection.refilledAt) / 1000) * rate.perSecond,
    );
    connection.refilledAt = now;
    if (connection.tokens < 1) return false;
    connection.tokens -= 1;
    return true;
  }

  async function dispatch(connection: LiveConnection, raw: string) {
    if (!takeToken(connection)) {
      connection.strikes += 1;
      if (connection.strikes >= FLOOD_STRIKES) return connection.close(CLOSE.flood, "too many messages");
      return connection.send({
        type: "error",
        code: "rate_limited",
        message: "You're sending very fast. Please slow down.",
      });
    }
    connection.strikes = 0;
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      return connection.send({ type: "error", code: "invalid", message: "That message isn't JSON." });
    }
    const parsed = options.schema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join(".") || "message";
      const id = typeof (data as { id?: unknown })?.id === "string" ? (data as { id: string }).id : undefined;
      return connection.send({
        type: "error",
        code: "invalid",
        message: `${field}: ${issue ? translateIssue(issue.message, { keyword: issue.code, params: { ...issue } }, connection.language) : "not valid"}`,
        id,
      });
    }
    const message = parsed.data;
    const handler = handlers.get(message.type);
    try {
      if (!handler) throw new DomainError("invalid", 400, "Kinship doesn't know that message yet.");
      await handler(connection, message);
    } catch (error) {
      const id = "id" in message && typeof message.id === "string" ? message.id : undefined;
      const room = "room" in message ? message.room : undefined;
      if (error instanceof DomainError) {
        const code =
          error.code === "too_large" ? "invalid" : error.code === "account_restricted" ? "forbidden" : error.code;
        return connection.send({ type: "error", code, message: error.message, id, room });
      }
      // Never the message itself: it may hold what someone shared.
      options.logError(error, `socket handler failed: ${message.type}`);
      connection.send({ type: "error", code: "internal", message: "Something went wrong on our side.", id, room });
    }
  }

  app.get(path, { websocket: true, preValidation: authenticate, schema: { hide: true } }, (socket, request) => {
    const actor = request.actor as Actor;
    let closed = false;
    const connection: LiveConnection = {
      id: randomUUID(),
      actor,
      language: languageOf(request),
      socket,
      alive: true,
      tokens: rate.burst,
      refilledAt: Date.now(),
      strikes: 0,
      get closed() {
        return closed || socket.readyState !== socket.OPEN;
      },
      send(message) {
        if (message.type === "error" && connection.language !== "en")
          message = { ...message, message: translate(message.message, connection.language) };
        connection.sendRaw(JSON.stringify(message));
      },
      sendRaw(text) {
        if (socket.readyState !== socket.OPEN) return;
        if (socket.bufferedAmount > maxBuffered) return connection.close(CLOSE.flood, "not reading");
        // A Buffer is sent as a text frame as it is: encoded once for every socket of a fan-out.
        socket.send(text, { binary: false });
      },
      close(code, reason) {
        if (closed) return;
        closed = true;
        socket.close(code, reason);
        // A peer that never answers the close handshake is cut after a moment.
        setTimeout(() => socket.terminate(), 2_000).unref();
      },
    };
    all.add(connection);
    const sessions = bySession.get(actor.sessionId) ?? new Set<LiveConnection>();
    bySession.set(actor.sessionId, sessions);
    sessions.add(connection);

    // Frames are handled one after another per connection, so a client's order is kept.
    let queue = Promise.resolve();
    socket.on("message", (data, isBinary) => {
      if (isBinary) return connection.send({ type: "error", code: "invalid", message: "Send text frames only." });
      const raw = data.toString();
      queue = queue.then(() => dispatch(connection, raw));
    });
    socket.on("pong", () => {
      connection.alive = true;
    });
    socket.on("error", () => {});
    socket.on("close", () => {
      closed = true;
      all.delete(connection);
      sessions.delete(connection);
      if (sessions.size === 0) bySession.delete(actor.sessionId);
      void queue.then(async () => {
        for (const hook of disconnectHooks) {
          await hook(connection).catch((error) => options.logError(error, "socket disconnect hook failed"));
        }
      });
    });
    connection.send({ type: "hello", handle: actor.handle });
  });

  const heartbeat = setInterval(() => {
    for (const connection of all) {
      if (!connection.alive) {
        connection.socket.terminate();
        continue;
      }
      connection.alive = false;
      connection.socket.ping();
    }
  }, options.heartbeatMs ?? 30_000);
  heartbeat.unref();

  app.addHook("onClose", async () => {
    clearInterval(heartbeat);
    await stopSessions().catch(() => {});
  });

  return {
    /** A feature answers one message type; its handler may throw domain errors. */
    on<T extends ClientMessage["type"]>(type: T, handler: Handler<T>) {
      handlers.set(type, handler as unknown as Handler<ClientMessage["type"]>);
    },
    /** Called once for every socket that closes, after its last message was handled. */
    onDisconnect(hook: (connection: Connection) => Promise<void>) {
      disconnectHooks.push(hook);
    },
    /** Live sockets on this node (for metrics and tests). */
    get size() {
      return all.size;
    },
  };
}
export type Gateway = Awaited<ReturnType<typeof registerGateway>>;
