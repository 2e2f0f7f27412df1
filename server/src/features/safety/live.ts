import { Forbidden } from "../../platform/errors.ts";
import type { Connection, Gateway } from "../../realtime/gateway.ts";
import type { Hub } from "../../realtime/hub.ts";
import type { Scope } from "./policy.ts";
import { alertsChannel, type SafetyService } from "./service.ts";

/**
 * Responders' queue on the shared `/ws`: a responder's socket that sends `safety.watch` hears at
 * once, from whichever node, that an alert of a place they serve was raised or changed, and fetches
 * the queue again over HTTP (where the policy decides what they see). Each node subscribes to a
 * scope's hub channel while at least one of its sockets watches that scope.
 */
export function registerSafetySocket({
  gateway,
  hub,
  service,
  logError,
}: {
  gateway: Gateway;
  hub: Hub;
  service: SafetyService;
  logError(error: unknown, message: string): void;
}) {
  const watchers = new Map<string, { sockets: Set<Connection>; stop: Promise<() => Promise<void>> }>();
  const scopesOf = new Map<string, Scope[]>();

  function watchScope(connection: Connection, scope: Scope) {
    const channel = alertsChannel(scope);
    let entry = watchers.get(channel);
    if (!entry) {
      const sockets = new Set<Connection>();
      const stop = hub.subscribe(channel, (message) => {
        const text = JSON.stringify(message);
        for (const socket of sockets) socket.sendRaw(text);
      });
      entry = { sockets, stop };
      watchers.set(channel, entry);
    }
    entry.sockets.add(connection);
    return entry.stop;
  }

  async function unwatch(connection: Connection) {
    for (const scope of scopesOf.get(connection.id) ?? []) {
      const channel = alertsChannel(scope);
      const entry = watchers.get(channel);
      if (!entry?.sockets.delete(connection) || entry.sockets.size > 0) continue;
      watchers.delete(channel);
      await (await entry.stop)();
    }
    scopesOf.delete(connection.id);
  }

  gateway.on("safety.watch", async (connection) => {
    const scopes = await service.responderScopes(connection.actor.memberId);
    if (scopes.length === 0) throw new Forbidden("Only trained responders see the crisis queue.");
    await unwatch(connection);
    scopesOf.set(connection.id, scopes);
    await Promise.all(scopes.map((scope) => watchScope(connection, scope)));
    connection.send({ type: "safety.watching", scopes });
  });
  gateway.onDisconnect((connection) => unwatch(connection).catch((error) => logError(error, "safety unwatch failed")));
}
