import type { Connection } from "./gateway.ts";
import type { Hub } from "./hub.ts";

/**
 * This node's sockets listening on hub channels (a member's messages, a member's mentions, a scope's
 * crisis alerts). The first socket on a channel subscribes this node to it and the last one to leave
 * unsubscribes; each message is serialised once and sent as it is to every socket on the channel.
 */
export function createFanout(hub: Hub) {
  const channels = new Map<string, { sockets: Set<Connection>; stop: Promise<() => Promise<void>> }>();
  return {
    /** Adds the socket at once; resolves when this node is subscribed to the channel. */
    async add(channel: string, connection: Connection) {
      let entry = channels.get(channel);
      if (!entry) {
        const sockets = new Set<Connection>();
        const stop = hub.subscribe(channel, (message) => {
          const text = JSON.stringify(message);
          for (const socket of sockets) socket.sendRaw(text);
        });
        entry = { sockets, stop };
        channels.set(channel, entry);
      }
      entry.sockets.add(connection);
      await entry.stop;
    },
    /** Takes the socket off at once (it hears nothing more); resolves when an emptied channel is unsubscribed. */
    async remove(channel: string, connection: Connection) {
      const entry = channels.get(channel);
      if (!entry?.sockets.delete(connection) || entry.sockets.size > 0) return;
      channels.delete(channel);
      await (await entry.stop)();
    },
    /** Unsubscribes every channel (the app is closing). */
    async close() {
      const entries = [...channels.values()];
      channels.clear();
      await Promise.all(entries.map(async (e) => (await e.stop)()));
    },
  };
}
