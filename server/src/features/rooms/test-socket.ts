import type { ServerMessage } from "@kinship/contracts/rooms";
import type { FastifyInstance } from "fastify";
import WebSocket from "ws";

/** The /ws address of an app that is listening on a port. */
export function wsUrlOf(app: FastifyInstance) {
  const address = app.server.address();
  return `ws://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/ws`;
}

/** A real WebSocket client for tests and benchmarks: keeps every message, waits for the ones asked for. */
export class SocketClient {
  readonly messages: ServerMessage[] = [];
  private waiters: { test: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];
  closed: { code: number; reason: string } | null = null;
  private closeWaiters: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on("message", (data) => {
      const message = JSON.parse(data.toString()) as ServerMessage;
      this.messages.push(message);
      this.waiters = this.waiters.filter((w) => {
        if (!w.test(message)) return true;
        w.resolve(message);
        return false;
      });
    });
    ws.on("close", (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      for (const w of this.closeWaiters) w();
    });
    ws.on("error", () => {});
  }

  /** Opens a socket with a session cookie (and an Origin, as a browser sends). */
  static connect(url: string, cookie?: string, origin?: string): Promise<SocketClient> {
    const headers: Record<string, string> = {};
    if (cookie) headers.cookie = cookie;
    if (origin) headers.origin = origin;
    const ws = new WebSocket(url, { headers });
    const client = new SocketClient(ws);
    return new Promise((resolve, reject) => {
      ws.once("open", () => resolve(client));
      ws.once("unexpected-response", (_req, res) => reject(new Error(`refused: ${res.statusCode}`)));
      ws.once("error", reject);
    });
  }

  send(message: unknown) {
    this.ws.send(typeof message === "string" ? message : JSON.stringify(message));
  }

  /** The first message (already received or still to come) that passes the test. */
  next<T extends ServerMessage = ServerMessage>(
    test: (m: ServerMessage) => boolean,
    { timeoutMs = 5_000, from = 0 } = {},
  ): Promise<T> {
    const found = this.messages.slice(from).find(test);
    if (found) return Promise.resolve(found as T);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out waiting; got ${JSON.stringify(this.messages.slice(-5))}`)),
        timeoutMs,
      );
      this.waiters.push({
        test,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m as T);
        },
      });
    });
  }

  /** Waits for a message of a type (and room event kind) received after index `from`. */
  nextOf(type: ServerMessage["type"], kind?: string, from = 0) {
    return this.next((m) => m.type === type && (!kind || (m.type === "event" && m.event.kind === kind)), { from });
  }

  /** Room events received so far, in the order they came. */
  events(room?: string) {
    return this.messages.filter(
      (m): m is Extract<ServerMessage, { type: "event" }> => m.type === "event" && (!room || m.room === room),
    );
  }

  whenClosed(timeoutMs = 5_000) {
    if (this.closed) return Promise.resolve(this.closed);
    return new Promise<{ code: number; reason: string }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("socket did not close")), timeoutMs);
      this.closeWaiters.push(() => {
        clearTimeout(timer);
        resolve(this.closed as { code: number; reason: string });
      });
    });
  }

  close() {
    this.ws.close();
  }
  /** Cuts the connection without a closing handshake, like a dropped network. */
  cut() {
    this.ws.terminate();
  }
}
