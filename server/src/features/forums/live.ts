import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
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
  const watchers = new Map<string, { sockets: Set<Connection>; stop: Promise<() => Promise<void>> }>();
  const watching = new Set<Connection>();

  gateway.on("mentions.watch", async (connection) => {
    const memberId = connection.actor.memberId;
    let entry = watchers.get(memberId);
    if (!entry) {
      const sockets = new Set<Connection>();
      const stop = hub.subscribe(mentionsChannel(memberId), (message) => {
        const text = JSON.stringify(message);
        for (const socket of sockets) socket.sendRaw(text);
      });
      entry = { sockets, stop };
      watchers.set(memberId, entry);
    }
    entry.sockets.add(connection);
    watching.add(connection);
    await entry.stop;
    connection.send({ type: "mentions.watching" });
  });

  gateway.onDisconnect(async (connection) => {
    if (!watching.delete(connection)) return;
    const memberId = connection.actor.memberId;
    const entry = watchers.get(memberId);
    if (!entry?.sockets.delete(connection) || entry.sockets.size > 0) return;
    watchers.delete(memberId);
    try {
      await (await entry.stop)();
    } catch (error) {
      logError(error, "mentions unwatch failed");
    }
  });

  return async () => {
    const entries = [...watchers.values()];
    watchers.clear();
    await Promise.all(entries.map(async (e) => (await e.stop)()));
  };
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
