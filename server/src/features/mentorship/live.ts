import type { SocketClientMessage } from "@kinship/contracts/realtime";
import type { Connection, Gateway } from "../../realtime/gateway.ts";
import type { Hub } from "../../realtime/hub.ts";
import { type MentorshipService, memberChannel } from "./service.ts";

type Msg<T extends SocketClientMessage["type"]> = Extract<SocketClientMessage, { type: T }>;

/**
 * Private messages on the shared `/ws`: a socket that sends `dm.watch` receives its member's
 * messages, read receipts, typing and mentorship changes, whichever node they were sent on. Each
 * node subscribes to a member's hub channel while at least one of that member's sockets watches.
 */
export function registerMentorshipSocket({
  gateway,
  hub,
  service,
  logError,
}: {
  gateway: Gateway;
  hub: Hub;
  service: MentorshipService;
  logError(error: unknown, message: string): void;
}) {
  const watchers = new Map<string, { sockets: Set<Connection>; stop: Promise<() => Promise<void>> }>();

  function watch(connection: Connection) {
    const memberId = connection.actor.memberId;
    let entry = watchers.get(memberId);
    if (!entry) {
      const sockets = new Set<Connection>();
      const stop = hub.subscribe(memberChannel(memberId), (message) => {
        const text = JSON.stringify(message);
        for (const socket of sockets) socket.sendRaw(text);
      });
      entry = { sockets, stop };
      watchers.set(memberId, entry);
    }
    entry.sockets.add(connection);
    return entry.stop;
  }

  async function unwatch(connection: Connection) {
    const memberId = connection.actor.memberId;
    const entry = watchers.get(memberId);
    if (!entry?.sockets.delete(connection) || entry.sockets.size > 0) return;
    watchers.delete(memberId);
    await (await entry.stop)();
  }

  gateway.on("dm.watch", async (connection) => {
    await watch(connection);
    connection.send({ type: "dm.watching" });
  });
  gateway.on("dm.send", async (connection, msg: Msg<"dm.send">) => {
    const message = await service.send(connection.actor, msg.mentorship, msg.id, msg.text);
    connection.send({ type: "ack", id: msg.id, seq: message.seq });
    if (message.crisis)
      connection.send({ type: "dm.crisis", mentorship: msg.mentorship, id: msg.id, crisis: message.crisis });
  });
  gateway.on("dm.read", async (connection, msg: Msg<"dm.read">) => {
    await service.markRead(connection.actor, msg.mentorship, msg.seq);
  });
  gateway.on("dm.typing", async (connection, msg: Msg<"dm.typing">) => {
    await service.typing(connection.actor, msg.mentorship);
  });
  gateway.onDisconnect((connection) =>
    unwatch(connection).catch((error) => logError(error, "mentorship unwatch failed")),
  );
}
