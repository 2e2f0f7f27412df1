import { Forbidden } from "../../platform/errors.ts";
import { createFanout } from "../../realtime/fanout.ts";
import type { Connection, Gateway } from "../../realtime/gateway.ts";
import type { Hub } from "../../realtime/hub.ts";
import { alertsChannel, localRegistries, RESPONDER_SCOPES_CHANGED, type ScopesChanged } from "./channels.ts";
import type { Scope } from "./policy.ts";
import type { SafetyService } from "./service.ts";

/**
 * Responders' queue on the shared `/ws`: a responder's socket that sends `safety.watch` hears at
 * once, from whichever node, that an alert of a place they serve was raised or changed, and fetches
 * the queue again over HTTP (where the policy decides what they see). Each node subscribes to a
 * scope's hub channel while at least one of its sockets watches that scope, and drops a socket from
 * the scopes its member no longer serves as soon as that is announced.
 */
export async function registerSafetySocket({
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
  const fanout = createFanout(hub);
  const scopesOf = new Map<string, Scope[]>();
  const byMember = new Map<string, Set<Connection>>();
  /** Changes seen per member, so a watch that raced one asks again. */
  const changes = new Map<string, number>();

  /** Takes the socket off these scopes' fan-out now (synchronously); unsubscribes empty channels after. */
  function drop(connection: Connection, scopes: Scope[]) {
    return Promise.all(scopes.map((scope) => fanout.remove(alertsChannel(scope), connection)));
  }

  async function unwatch(connection: Connection) {
    const scopes = scopesOf.get(connection.id) ?? [];
    scopesOf.delete(connection.id);
    const mine = byMember.get(connection.actor.memberId);
    mine?.delete(connection);
    if (mine?.size === 0) byMember.delete(connection.actor.memberId);
    await drop(connection, scopes);
  }

  function applyChange({ memberId, scopes }: ScopesChanged) {
    changes.set(memberId, (changes.get(memberId) ?? 0) + 1);
    for (const connection of byMember.get(memberId) ?? []) {
      const watching = scopesOf.get(connection.id) ?? [];
      const keep = watching.filter((s) => scopes.includes(s));
      if (keep.length === watching.length) continue;
      scopesOf.set(connection.id, keep);
      drop(
        connection,
        watching.filter((s) => !scopes.includes(s)),
      ).catch((error) => logError(error, "safety unwatch failed"));
      if (keep.length > 0) connection.send({ type: "safety.watching", scopes: keep });
      else
        connection.send({
          type: "error",
          code: "forbidden",
          message: "You're no longer a responder here, so the crisis queue has stopped.",
        });
    }
  }

  const local = localRegistries.get(hub) ?? new Set();
  localRegistries.set(hub, local);
  local.add(applyChange);
  const stopChanges = await hub.subscribe(RESPONDER_SCOPES_CHANGED, (message) => {
    const m = message as Partial<ScopesChanged>;
    if (typeof m.memberId === "string" && Array.isArray(m.scopes)) applyChange(m as ScopesChanged);
  });

  gateway.on("safety.watch", async (connection) => {
    const memberId = connection.actor.memberId;
    await unwatch(connection);
    let scopes: Scope[];
    let seen: number | undefined;
    // A change announced while we asked may have come too early for the answer: ask again.
    do {
      seen = changes.get(memberId);
      scopes = await service.responderScopes(memberId);
    } while (changes.get(memberId) !== seen);
    if (scopes.length === 0) throw new Forbidden("Only trained responders see the crisis queue.");
    // From here to the fan-out sets, nothing waits: a change arriving now finds this socket.
    scopesOf.set(connection.id, scopes);
    const mine = byMember.get(memberId) ?? new Set();
    byMember.set(memberId, mine);
    mine.add(connection);
    await Promise.all(scopes.map((scope) => fanout.add(alertsChannel(scope), connection)));
    connection.send({ type: "safety.watching", scopes });
  });
  gateway.onDisconnect((connection) => unwatch(connection).catch((error) => logError(error, "safety unwatch failed")));

  return async () => {
    local.delete(applyChange);
    await stopChanges().catch(() => {});
  };
}
