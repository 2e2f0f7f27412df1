import type { SocketClientMessage } from "@kinship/contracts/realtime";
import { createFanout } from "../../realtime/fanout.ts";
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
  const fanout = createFanout(hub);
  const channelOf = (connection: Connection) => memberChannel(connection.actor.memberId);

  gateway.on("dm.watch", async (connection) => {
    await fanout.add(channelOf(connection), connection);
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
    fanout.remove(channelOf(connection), connection).catch((error) => logError(error, "mentorship unwatch failed")),
  );
}
