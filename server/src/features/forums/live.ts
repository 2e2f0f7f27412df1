import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { createFanout } from "../../realtime/fanout.ts";
import type { Connection, Gateway } from "../../realtime/gateway.ts";
import type { Hub } from "../../realtime/hub.ts";

/** The hub channel on which a member hears that their mentions changed. */
export const mentionsChannel = (memberId: string) => `mentions:member:${memberId}`;

/** Tells these members, on whichever node their sockets are, that their mentions changed (no words, no author). */
export async function announceMentions(hub: Hub | undefined, memberIds: readonly string[]) {
  if (!hub) return;
  await Promise.all(memberIds.map((id) => hub.publish(mentionsChannel(id), { type: "mentions.changed" })));
}

/**
 * Mentions on the shared `/ws`: a signed-in member's socket that sends `mentions.watch` hears
 * `mentions.changed` whenever a mention of them arrives or goes, and fetches them again over HTTP,
 * where blocks, mutes, the board and their filters decide what they see. Each node subscribes to a
 * member's channel while at least one of that member's sockets watches.
 */
export function registerMentionsSocket({
  gateway,
  hub,
  logError,
}: {
  gateway: Gateway;
  hub: Hub;
  logError(error: unknown, message: string): void;
}) {
  const fanout = createFanout(hub);
  const watching = new Set<Connection>();

  gateway.on("mentions.watch", async (connection) => {
    watching.add(connection);
    await fanout.add(mentionsChannel(connection.actor.memberId), connection);
    connection.send({ type: "mentions.watching" });
  });

  gateway.onDisconnect(async (connection) => {
    if (!watching.delete(connection)) return;
    try {
      await fanout.remove(mentionsChannel(connection.actor.memberId), connection);
    } catch (error) {
      logError(error, "mentions unwatch failed");
    }
  });

  return () => fanout.close();
}

/** The mentions socket, registered after the rooms feature has put the gateway on the app. */
export function mentionsSocketFeature(deps: { hub: Hub }) {
  return fp(async (app: FastifyInstance) => {
    const logError = (error: unknown, message: string) =>
      app.log.error({ failure: (error as { name?: string })?.name ?? "Error" }, message);
    const stop = registerMentionsSocket({ gateway: app.gateway, hub: deps.hub, logError });
    app.addHook("onClose", stop);
  });
}
